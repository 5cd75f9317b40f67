#include "models/world/world.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include "models/scenario/value_checks.hpp"
#include "models/world/large_array.hpp"
#include "models/world/per_level.hpp"

namespace fupin::models {

static_assert(checks::kFirstYear >= 1 &&
                  checks::kLastYear <= std::numeric_limits<std::int16_t>::max(),
              "Households::insured_until holds a scenario year in 16 bits");

Range World::township_households(std::size_t township) const {
  const Range v = townships.children[township];
  return {villages.children[v.begin].begin, villages.children[v.end - 1].end};
}

Range World::county_households(std::size_t county) const {
  const Range t = counties.children[county];
  return {township_households(t.begin).begin, township_households(t.end - 1).end};
}

Range World::county_villages(std::size_t county) const {
  const Range t = counties.children[county];
  if (t.size() == 0) return {};
  return {townships.children[t.begin].begin, townships.children[t.end - 1].end};
}

std::uint32_t World::village_of(std::uint32_t household) const {
  const auto& ranges = villages.children;
  // A generated world's villages all hold the same number of households (build_world), so the
  // village is found by a division; the ranges are checked, and any other world is searched. The
  // range holding the household is the one the search finds (ranges are contiguous, in order).
  if (!ranges.empty() && ranges.front().size() > 0 && household >= ranges.front().begin) {
    const std::size_t guess = (household - ranges.front().begin) / ranges.front().size();
    if (guess < ranges.size() && ranges[guess].begin <= household && household < ranges[guess].end)
      return static_cast<std::uint32_t>(guess);
  }
  const auto it = std::upper_bound(ranges.begin(), ranges.end(), household,
                                   [](std::uint32_t h, const Range& r) { return h < r.end; });
  return static_cast<std::uint32_t>(it - ranges.begin());
}

std::uint32_t World::county_of(std::uint32_t household) const {
  const auto township = static_cast<std::size_t>(villages.parent[village_of(household)]);
  return static_cast<std::uint32_t>(townships.parent[township]);
}

const RegionLevel& World::regions(Level level) const {
  static constexpr PerLevel<RegionLevel World::*> kLevels{&World::counties, &World::townships,
                                                          &World::villages};
  return this->*kLevels[level];
}

std::size_t World::county_of_region(Level level, std::size_t index) const {
  switch (level) {
    case Level::county: return index;
    case Level::township: return static_cast<std::size_t>(townships.parent[index]);
    case Level::village:
      return county_of_region(Level::township, static_cast<std::size_t>(villages.parent[index]));
    case Level::household: break;
  }
  throw std::logic_error("households are not a region level");
}

namespace {
std::string numbered(const std::string& prefix, int i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d", i + 1);
  return prefix + buf;
}
}  // namespace

World build_regions(const GeographySpec& g) {
  const auto total = static_cast<unsigned long long>(g.counties) * g.townships_per_county *
                     g.villages_per_township * g.households_per_village;
  if (g.counties < 1 || g.townships_per_county < 1 || g.villages_per_township < 1 ||
      g.households_per_village < 1) {
    throw std::invalid_argument("every geography count must be at least 1");
  }
  if (total > std::numeric_limits<std::uint32_t>::max()) {
    throw std::invalid_argument("too many households for one run: " + std::to_string(total));
  }
  World w;
  std::uint32_t t_index = 0;
  std::uint32_t v_index = 0;
  std::uint32_t h_index = 0;
  for (int c = 0; c < g.counties; ++c) {
    const std::string cname = g.county_name(c + 1);
    w.counties.name.push_back(cname);
    w.counties.parent.push_back(-1);
    w.counties.children.push_back(
        {t_index, t_index + static_cast<std::uint32_t>(g.townships_per_county)});
    for (int t = 0; t < g.townships_per_county; ++t, ++t_index) {
      const std::string tname = numbered(cname + "-T", t);
      w.townships.name.push_back(tname);
      w.townships.parent.push_back(c);
      w.townships.children.push_back(
          {v_index, v_index + static_cast<std::uint32_t>(g.villages_per_township)});
      for (int v = 0; v < g.villages_per_township; ++v, ++v_index) {
        w.villages.name.push_back(numbered(tname + "-V", v));
        w.villages.parent.push_back(static_cast<std::int32_t>(t_index));
        w.villages.children.push_back(
            {h_index, h_index + static_cast<std::uint32_t>(g.households_per_village)});
        h_index += static_cast<std::uint32_t>(g.households_per_village);
      }
    }
  }
  return w;
}

World build_world(const GeographySpec& g) { return build_world(g, World{}); }

World build_world(const GeographySpec& g, World recycled) {
  return build_world(g, std::move(recycled), HouseholdStores{});
}

World build_world(const GeographySpec& g, World recycled, HouseholdStores stores) {
  World w = build_regions(g);
  const std::uint32_t h_index = w.villages.children.empty() ? 0 : w.villages.children.back().end;
  const std::size_t v_index = w.villages.name.size();
  w.households = std::move(recycled.households);
  w.village_state = std::move(recycled.village_state);
  auto& h = w.households;
  h.programmes = 1;
  assign_large(h.size, h_index, std::uint8_t{0});
  assign_large(h.labourers, h_index, std::uint8_t{0});
  assign_large(h.income, h_index, 0.0);
  for (auto* v : {&h.earned, &h.returns, &h.costs}) assign_large(*v, h_index, 0.0);
  const auto hold = [h_index](auto& store, bool held) {
    using Value = typename std::remove_reference_t<decltype(store)>::value_type;
    if (held) {
      assign_large(store, h_index, Value{});
    } else {
      std::vector<Value>().swap(store);
    }
  };
  hold(h.wages, stores.wages);
  hold(h.remittances, stores.remittances);
  hold(h.transfers, stores.transfers);
  h.received_fen.assign(h_index);
  assign_large(h.reached_bits, (h_index + 7) / 8, std::uint8_t{0});
  assign_large(h.events, h_index, std::uint8_t{0});
  assign_large(h.flags, h_index, std::uint8_t{0});
  assign_large(h.cause, h_index, Cause::other);
  hold(h.covered, stores.covered);
  assign_large(h.status, h_index, std::uint8_t{0});
  assign_large(h.reviews_above, h_index, std::uint8_t{0});
  hold(h.insured_until, stores.insured_until);
  w.village_state.work_team.assign(v_index, 0);
  w.village_state.priority.assign(v_index, 0);
  w.village_state.covered.assign(v_index, 0);
  w.village_state.growth_uplift.assign(v_index, 0.0);
  return w;
}

void check_income(const World& w, std::uint32_t i, int year, const char* process) {
  const Households& h = w.households;
  static constexpr std::pair<const char*, std::vector<double> Households::*> kComponents[] = {
      {"earned income", &Households::earned}, {"project returns", &Households::returns},
      {"wages", &Households::wages},          {"remittances", &Households::remittances},
      {"transfers", &Households::transfers},  {"costs", &Households::costs},
      {"total income", &Households::income}};
  for (const auto& [name, member] : kComponents) {
    const double value = Households::at_or_zero(h.*member, i);
    if (std::isfinite(value)) continue;
    throw IncomeError(
        "the " + std::string(name) + " of household " + std::to_string(i) + " in county " +
        w.counties.name[w.county_of(i)] + " became " + std::to_string(value) + " in " +
        std::to_string(year) + " after " + process +
        "; check the scenario's growth, noise, shock, project and programme parameters");
  }
}

}  // namespace fupin::models
