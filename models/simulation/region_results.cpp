#include "models/simulation/region_results.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>

#include "models/simulation/byte_lanes.hpp"
#include "sim/parallel.hpp"

namespace fupin::models {

namespace {

struct RealMetric {
  const char* name;
  const char* units;
  const char* description;
  double (*value)(const RegionSums&);
};

struct CountMetric {
  const char* name;
  const char* units;
  const char* description;
  std::int64_t (*value)(const RegionSums&);
};

double per_person(const RegionSums& s, double sum) {
  return s.fgt.people > 0 ? sum / s.fgt.people : 0.0;
}
double per_household(const RegionSums& s, std::int64_t n) {
  return s.households > 0 ? static_cast<double>(n) / static_cast<double>(s.households) : 0.0;
}

// The series of every level, in the order they are written (docs/output.md).
constexpr std::array kReal{
    RealMetric{"population", "people", "people (sum of household sizes)",
               [](const RegionSums& s) { return s.fgt.people; }},
    RealMetric{"poor_people", "people", "people with per-capita income below the poverty line",
               [](const RegionSums& s) { return s.fgt.poor_people; }},
    RealMetric{"headcount_ratio", "1", "poor people / population, FGT(0)",
               [](const RegionSums& s) { return s.fgt.fgt0(); }},
    RealMetric{"fgt1", "1", "poverty gap index, FGT(1)",
               [](const RegionSums& s) { return s.fgt.fgt1(); }},
    RealMetric{"fgt2", "1", "squared poverty gap, FGT(2)",
               [](const RegionSums& s) { return s.fgt.fgt2(); }},
    RealMetric{"mean_income", "yuan/person/year", "mean per-capita income, person-weighted",
               [](const RegionSums& s) { return s.fgt.mean_income(); }},
    RealMetric{"mean_earned", "yuan/person/year", "mean earned income (persists and compounds)",
               [](const RegionSums& s) { return per_person(s, s.components.earned); }},
    RealMetric{"mean_returns", "yuan/person/year", "mean of this year's project returns",
               [](const RegionSums& s) { return per_person(s, s.components.returns); }},
    RealMetric{"mean_wages", "yuan/person/year", "mean of this year's wages of local jobs",
               [](const RegionSums& s) { return per_person(s, s.components.wages); }},
    RealMetric{"mean_remittances", "yuan/person/year", "mean of this year's remittances",
               [](const RegionSums& s) { return per_person(s, s.components.remittances); }},
    RealMetric{"mean_transfers", "yuan/person/year",
               "mean of this year's transfers (minimum living guarantee)",
               [](const RegionSums& s) { return per_person(s, s.components.transfers); }},
    RealMetric{"mean_costs", "yuan/person/year", "mean of this year's costs",
               [](const RegionSums& s) { return per_person(s, s.components.costs); }},
    RealMetric{"safe_housing_share", "1", "households in safe housing / households",
               [](const RegionSums& s) { return per_household(s, s.safe_housing); }},
    RealMetric{"insured_share", "1", "households with medical insurance / households",
               [](const RegionSums& s) { return per_household(s, s.insured); }},
    RealMetric{"schooling_share", "1", "households with the schooling guarantee / households",
               [](const RegionSums& s) { return per_household(s, s.schooling); }},
};

constexpr std::array kCount{
    CountMetric{"households", "households", "households",
                [](const RegionSums& s) { return s.households; }},
    CountMetric{"poor_households", "households", "households below the poverty line",
                [](const RegionSums& s) { return s.poor_households; }},
    CountMetric{"registered_households", "households",
                "registered poor households at year end, after exits",
                [](const RegionSums& s) { return s.registered; }},
    CountMetric{"newly_registered", "households", "households identified and registered this year",
                [](const RegionSums& s) { return s.newly_registered; }},
    CountMetric{"returns", "households", "households registered again after an earlier exit",
                [](const RegionSums& s) { return s.returns; }},
    CountMetric{"exits", "households", "registered households exiting at the year-end review",
                [](const RegionSums& s) { return s.exits; }},
    CountMetric{"registered_not_poor", "households",
                "registered households at or above the line (inclusion)",
                [](const RegionSums& s) { return s.registered_not_poor; }},
    CountMetric{"poor_not_registered", "households",
                "households below the line and not registered (exclusion)",
                [](const RegionSums& s) { return s.poor_not_registered; }},
    CountMetric{"houses_renovated", "households",
                "households whose dangerous house was renovated this year",
                [](const RegionSums& s) { return s.houses_renovated; }},
    CountMetric{"labourers_trained", "households", "households with a labourer trained this year",
                [](const RegionSums& s) { return s.labourers_trained; }},
    CountMetric{"households_relocated", "households", "households relocated this year",
                [](const RegionSums& s) { return s.households_relocated; }},
    CountMetric{"schooling_guaranteed", "households",
                "households given the schooling guarantee this year",
                [](const RegionSums& s) { return s.schooling_guaranteed; }},
    CountMetric{"households_insured", "households",
                "households whose insurance premiums a programme paid this year",
                [](const RegionSums& s) { return s.households_insured; }},
};

}  // namespace

const std::vector<std::string>& level_real_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    out.reserve(std::size(kReal));
    for (const RealMetric& m : kReal) out.emplace_back(m.name);
    return out;
  }();
  return names;
}

void RegionSums::merge(const RegionSums& o) {
  fgt.merge(o.fgt);
  components += o.components;
  households += o.households;
  poor_households += o.poor_households;
  registered += o.registered;
  registered_not_poor += o.registered_not_poor;
  poor_not_registered += o.poor_not_registered;
  newly_registered += o.newly_registered;
  returns += o.returns;
  exits += o.exits;
  safe_housing += o.safe_housing;
  insured += o.insured;
  schooling += o.schooling;
  houses_renovated += o.houses_renovated;
  labourers_trained += o.labourers_trained;
  households_relocated += o.households_relocated;
  schooling_guaranteed += o.schooling_guaranteed;
  households_insured += o.households_insured;
  if (people_above.size() < o.people_above.size()) people_above.resize(o.people_above.size(), 0.0);
  for (std::size_t k = 0; k < o.people_above.size(); ++k) people_above[k] += o.people_above[k];
  if (spent_fen.size() < o.spent_fen.size()) spent_fen.resize(o.spent_fen.size(), 0);
  for (std::size_t p = 0; p < o.spent_fen.size(); ++p) spent_fen[p] += o.spent_fen[p];
}

RegionResultsBuilder::RegionResultsBuilder(const World& world, std::vector<std::string> programmes,
                                           std::vector<double> thresholds, std::size_t years)
    : world_(world), programmes_(std::move(programmes)), thresholds_(std::move(thresholds)) {
  const std::array<std::pair<const char*, std::size_t>, 3> levels{
      {{"county", world.counties.size()},
       {"township", world.townships.size()},
       {"village", world.villages.size()}}};
  for (const auto& [name, regions] : levels) {
    LevelResults l;
    l.level = name;
    l.regions = regions;
    l.programmes = programmes_;
    l.thresholds = thresholds_;
    for (const RealMetric& m : kReal) l.real.push_back({m.name, m.units, m.description, {}});
    for (const CountMetric& m : kCount) l.counts.push_back({m.name, m.units, m.description, {}});
    l.years.reserve(years);
    for (auto& r : l.real) r.values.reserve(regions * years);
    for (auto& c : l.counts) c.values.reserve(regions * years);
    l.spent_fen.reserve(regions * programmes_.size() * years);
    l.share_above.reserve(regions * thresholds_.size() * years);
    out_.push_back(std::move(l));
  }
  village_.assign(world.villages.size(), empty());
}

RegionSums RegionResultsBuilder::empty() const {
  RegionSums s;
  s.people_above.assign(thresholds_.size(), 0.0);
  s.spent_fen.assign(programmes_.size(), 0);
  return s;
}

namespace {

using byte_lanes::kSpread;
using byte_lanes::lane_of_bit;

// Bits of a household's registration and poverty at year end, counted as the events are.
enum PovertyBits : std::uint8_t {
  kPoorBit = 1U << 0,
  kRegisteredBit = 1U << 1,
  kRegisteredNotPoorBit = 1U << 2,
  kPoorNotRegisteredBit = 1U << 3,
};

}  // namespace

void RegionResultsBuilder::add_county(const World& w, std::size_t county, double line) {
  const Households& h = w.households;
  const Range villages = w.county_villages(county);
  const auto stored = [](const std::vector<double>& flow) {
    return flow.empty() ? nullptr : flow.data();
  };
  const double* const wages = stored(h.wages);
  const double* const remittances = stored(h.remittances);
  const double* const transfers = stored(h.transfers);
  for (std::uint32_t v = villages.begin; v < villages.end; ++v) {
    // The village's sums run in a local (moved out and back, its vectors' memory with it), whose
    // fields no store through the households' or the thresholds' pointers can alias, so they stay
    // in registers: the same additions in the same order as adding to village_[v] directly.
    RegionSums s = std::move(village_[v]);
    const Range r = w.villages.children[v];
    // The counts by household bits, in byte lanes (kSpread) over runs of at most 255 households.
    for (std::uint32_t first = r.begin; first < r.end; first += byte_lanes::kCapacity) {
      const std::uint32_t last = std::min(r.end, first + byte_lanes::kCapacity);
      std::uint64_t poverty = 0;
      std::uint64_t events = 0;
      std::uint64_t status = 0;
      for (std::uint32_t i = first; i < last; ++i) {
        const double y = h.income[i];
        const double n = h.size[i];
        s.fgt.add(y, n, line);
        s.components.earned += n * h.earned[i];
        s.components.returns += n * h.returns[i];
        // A flow the world does not store stays +0.0 (household_stores).
        if (wages != nullptr) s.components.wages += n * wages[i];
        if (remittances != nullptr) s.components.remittances += n * remittances[i];
        if (transfers != nullptr) s.components.transfers += n * transfers[i];
        s.components.costs += n * h.costs[i];
        const unsigned poor = y < line ? 1U : 0U;
        const unsigned registered = (h.flags[i] & kRegistered) != 0 ? 1U : 0U;
        poverty += kSpread[poor * kPoorBit | registered * kRegisteredBit |
                           (registered & (poor ^ 1U)) * kRegisteredNotPoorBit |
                           ((registered ^ 1U) & poor) * kPoorNotRegisteredBit];
        events += kSpread[h.events[i]];
        status += kSpread[h.status[i]];
        for (std::size_t k = 0; k < thresholds_.size(); ++k) {
          s.people_above[k] += kept_or_zero(y >= thresholds_[k], n);
        }
      }
      s.households += last - first;
      s.poor_households += lane_of_bit(poverty, kPoorBit);
      s.registered += lane_of_bit(poverty, kRegisteredBit);
      s.registered_not_poor += lane_of_bit(poverty, kRegisteredNotPoorBit);
      s.poor_not_registered += lane_of_bit(poverty, kPoorNotRegisteredBit);
      s.newly_registered += lane_of_bit(events, kNewlyRegisteredThisYear);
      s.returns += lane_of_bit(events, kReturnedThisYear);
      s.exits += lane_of_bit(events, kExitedThisYear);
      s.houses_renovated += lane_of_bit(events, kHouseRenovatedThisYear);
      s.labourers_trained += lane_of_bit(events, kTrainedThisYear);
      s.households_relocated += lane_of_bit(events, kRelocatedThisYear);
      s.schooling_guaranteed += lane_of_bit(events, kSchoolingThisYear);
      s.households_insured += lane_of_bit(events, kInsuredThisYear);
      s.safe_housing += lane_of_bit(status, kSafeHouse);
      s.insured += lane_of_bit(status, kInsured);
      s.schooling += lane_of_bit(status, kSchooling);
    }
    village_[v] = std::move(s);
  }
}

void RegionResultsBuilder::add_spending(const MoneyBook& book, std::span<const sim::Flow> flows) {
  for (const sim::Flow& f : flows) {
    const std::int32_t v = book.account_village[f.to];
    const int p = book.account_programme[f.to];
    if (v < 0 || p < 0) continue;
    village_[static_cast<std::size_t>(v)].spent_fen[static_cast<std::size_t>(p)] += f.amount.fen();
  }
}

RegionSums RegionResultsBuilder::end_year(int year) {
  // Townships from their villages, counties from their townships (each region's sums merged in
  // index order, regions side by side: each writes only its own), the total from the counties in
  // index order. The same bits for any thread count.
  const auto roll_up = [this](std::size_t regions, const std::vector<Range>& children,
                              const std::vector<RegionSums>& from) {
    std::vector<RegionSums> out(regions);
    sim::parallel::for_each(regions, 64, [&](std::size_t r) {
      out[r] = empty();
      for (std::uint32_t c = children[r].begin; c < children[r].end; ++c) out[r].merge(from[c]);
    });
    return out;
  };
  const std::vector<RegionSums> townships =
      roll_up(world_.townships.size(), world_.townships.children, village_);
  const std::vector<RegionSums> counties =
      roll_up(world_.counties.size(), world_.counties.children, townships);
  RegionSums total = empty();
  for (const RegionSums& c : counties) total.merge(c);

  // Every level's series grow by this year's row; the regions' values are written side by side.
  const std::array<const std::vector<RegionSums>*, 3> sums{&counties, &townships, &village_};
  const std::size_t programmes = programmes_.size();
  const std::size_t thresholds = thresholds_.size();
  for (std::size_t level = 0; level < 3; ++level) {
    LevelResults& l = out_[level];
    const std::vector<RegionSums>& regions = *sums[level];
    const std::size_t n = regions.size();
    l.years.push_back(year);
    const std::size_t row = l.years.size() - 1;
    for (auto& r : l.real) r.values.resize((row + 1) * n);
    for (auto& c : l.counts) c.values.resize((row + 1) * n);
    l.spent_fen.resize((row + 1) * n * programmes);
    l.share_above.resize((row + 1) * n * thresholds);
    sim::parallel::for_each(n, 256, [&](std::size_t r) {
      const RegionSums& s = regions[r];
      for (std::size_t k = 0; k < kReal.size(); ++k)
        l.real[k].values[row * n + r] = kReal[k].value(s);
      for (std::size_t k = 0; k < kCount.size(); ++k)
        l.counts[k].values[row * n + r] = kCount[k].value(s);
      for (std::size_t p = 0; p < programmes; ++p)
        l.spent_fen[(row * n + r) * programmes + p] = s.spent_fen[p];
      for (std::size_t k = 0; k < thresholds; ++k) {
        l.share_above[(row * n + r) * thresholds + k] =
            s.fgt.people > 0 ? s.people_above[k] / s.fgt.people : 0.0;
      }
    });
  }
  // The villages' sums start again from zero, in place (their vectors keep their memory).
  sim::parallel::for_each(village_.size(), 1024, [this](std::size_t v) {
    RegionSums& s = village_[v];
    std::vector<double> above = std::move(s.people_above);
    std::vector<std::int64_t> spent = std::move(s.spent_fen);
    s = RegionSums{};
    std::fill(above.begin(), above.end(), 0.0);
    std::fill(spent.begin(), spent.end(), 0);
    s.people_above = std::move(above);
    s.spent_fen = std::move(spent);
  });
  return total;
}

std::vector<LevelResults> RegionResultsBuilder::take() { return std::move(out_); }

}  // namespace fupin::models
