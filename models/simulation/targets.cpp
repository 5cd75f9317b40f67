#include "models/simulation/targets.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "models/metrics/poverty_measures.hpp"
#include "models/scenario/scenario_names.hpp"

namespace fupin::models {

namespace {

std::string population_text(const TargetSpec& t, const Scenario& s) {
  std::string out;
  const auto add = [&out](const std::string& part) { out += (out.empty() ? "" : "; ") + part; };
  if (t.registered_in_selection) add("registered_in: selection");
  if (t.registered_in != 0) add("registered_in: " + std::to_string(t.registered_in));
  if (t.assisted_by >= 0)
    add("assisted_by: " + s.programmes[static_cast<std::size_t>(t.assisted_by)].name);
  if (t.village_categories != 0) {
    std::string cats;
    for (std::size_t i = 0; i < priority_category_names().size(); ++i) {
      if ((t.village_categories & (1U << i)) != 0) {
        cats += (cats.empty() ? "" : ", ") + std::string(priority_category_names()[i]);
      }
    }
    add("village_categories: [" + cats + "]");
  }
  return out.empty() ? "all" : out;
}

std::size_t regions_of(TargetLevel level, const World& w) {
  switch (level) {
    case TargetLevel::scenario: return 1;
    case TargetLevel::county: return w.counties.size();
    case TargetLevel::township: return w.townships.size();
    case TargetLevel::village: return w.villages.size();
  }
  return 1;
}

// The household's measure (0 or 1 for shares).
double household_measure(const TargetSpec& t, const Households& h, std::size_t i, double line) {
  switch (t.metric) {
    case TargetMetric::headcount_ratio: return h.income[i] < line ? 1 : 0;
    case TargetMetric::share_income_at_least: return h.income[i] >= t.income ? 1 : 0;
    case TargetMetric::mean_income: return h.income[i];
    case TargetMetric::registered_share: return (h.flags[i] & kRegistered) != 0 ? 1 : 0;
    case TargetMetric::safe_housing_share: return (h.status[i] & kSafeHouse) != 0 ? 1 : 0;
    case TargetMetric::insured_share: return (h.status[i] & kInsured) != 0 ? 1 : 0;
    case TargetMetric::schooling_share: return (h.status[i] & kSchooling) != 0 ? 1 : 0;
    case TargetMetric::household_coverage:
      // Empty where no channel's units are households (household_stores): nothing covered.
      if (h.covered.empty()) return 0;
      return (h.covered[i] & (1U << static_cast<unsigned>(t.channel))) != 0 ? 1 : 0;
    case TargetMetric::villages_reached:
    case TargetMetric::village_coverage: break;
  }
  return 0;
}

}  // namespace

TargetScorer::TargetScorer(const Scenario& s, const World& w) : specs_(s.targets) {
  for (const TargetSpec& t : specs_) {
    TargetResult r;
    r.name = t.name;
    r.description = t.description;
    r.metric = target_metric_name(t.metric);
    r.metric_units = t.metric == TargetMetric::mean_income ? "yuan/person/year" : "1";
    r.level = target_level_name(t.level);
    r.population = population_text(t, s);
    r.population_units = is_village_metric(t.metric) ? "villages" : "households";
    r.year = t.year;
    r.years_after_selection = t.years_after_selection;
    r.at_least = t.at_least;
    r.threshold = t.threshold;
    const std::size_t n = regions_of(t.level, w);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    r.year_scored.assign(n, 0);
    r.applicable.assign(n, 0);
    r.value.assign(n, nan);
    r.met.assign(n, 0);
    r.margin.assign(n, nan);
    r.population_size.assign(n, 0);
    out_.push_back(std::move(r));
    // Scenario-level sums are kept per county and added up in county order.
    sums_.emplace_back(t.level == TargetLevel::scenario ? w.counties.size() : n);
    if (t.registered_in != 0) registered_in_[t.registered_in];
    if (t.registered_in_selection) {
      for (int y = s.start_year; y <= s.end_year; ++y) registered_in_[y];
    }
  }
  for (auto& [year, flags] : registered_in_) flags.assign(w.households.count(), 0);
}

bool TargetScorer::due(const TargetSpec& t, std::span<const std::int32_t> cohort,
                       std::size_t township, int year) const {
  if (t.years_after_selection < 0) return t.year == year;
  return cohort[township] != 0 && cohort[township] + t.years_after_selection == year;
}

std::size_t TargetScorer::slot(const TargetSpec& t, std::size_t county, std::size_t township,
                               std::size_t village) const {
  switch (t.level) {
    case TargetLevel::scenario:
    case TargetLevel::county: return county;
    case TargetLevel::township: return township;
    case TargetLevel::village: return village;
  }
  return county;
}

void TargetScorer::add_county(const World& w, std::span<const std::int32_t> cohort,
                              std::size_t county, int year, double line) {
  const Households& h = w.households;
  // Registered at some time in the year: still registered after the review, or exited at it.
  if (auto it = registered_in_.find(year); it != registered_in_.end()) {
    // 0 or 1 from the two bits, without a branch (GCC made one of `a || b ? 1 : 0` around the
    // store), through local pointers.
    const Range r = w.county_households(county);
    const std::uint8_t* flags = h.flags.data();
    const std::uint8_t* events = h.events.data();
    std::uint8_t* in = it->second.data();
    for (std::uint32_t i = r.begin; i < r.end; ++i) {
      in[i] =
          static_cast<std::uint8_t>(((flags[i] >> std::countr_zero(unsigned{kRegistered})) |
                                     (events[i] >> std::countr_zero(unsigned{kExitedThisYear}))) &
                                    1U);
    }
  }
  const Range villages = w.county_villages(county);
  for (std::size_t k = 0; k < specs_.size(); ++k) {
    const TargetSpec& t = specs_[k];
    std::vector<Sum>& sums = sums_[k];
    for (std::uint32_t v = villages.begin; v < villages.end; ++v) {
      const auto township = static_cast<std::size_t>(w.villages.parent[v]);
      if (!due(t, cohort, township, year)) continue;
      if (t.village_categories != 0 && (w.village_state.priority[v] & t.village_categories) == 0)
        continue;
      Sum& sum = sums[slot(t, county, township, v)];
      const Range r = w.villages.children[v];
      if (is_village_metric(t.metric)) {
        bool hit = false;
        if (t.metric == TargetMetric::village_coverage) {
          hit = (w.village_state.covered[v] & (1U << static_cast<unsigned>(t.channel))) != 0;
        } else {
          for (std::uint32_t i = r.begin; i < r.end && !hit; ++i) {
            hit = h.received(i, static_cast<std::size_t>(t.programme)) > 0;
          }
        }
        sum.weight += 1;
        sum.value += hit ? 1 : 0;
        ++sum.members;
        continue;
      }
      const std::vector<std::uint8_t>* registered = nullptr;
      if (t.registered_in != 0) registered = &registered_in_.at(t.registered_in);
      if (t.registered_in_selection) registered = &registered_in_.at(cohort[township]);
      // Every household is added, one outside the population with weight +0.0 (kept_or_zero):
      // adding +0.0 to the weight and +0.0 or −0.0 to the value changes neither sum's bits (the
      // measure is finite), and there is no branch on registration or assistance, which are
      // about as unpredictable as the poverty rate.
      const std::uint8_t* in_registered = registered != nullptr ? registered->data() : nullptr;
      const bool by_assistance = t.assisted_by >= 0;
      const auto assisted_by = static_cast<std::size_t>(std::max(t.assisted_by, 0));
      // The sums in locals (the same additions in the same order), written back after the loop.
      double weights = sum.weight;
      double value = sum.value;
      std::int64_t members = sum.members;
      for (std::uint32_t i = r.begin; i < r.end; ++i) {
        const bool member = (in_registered == nullptr || in_registered[i] != 0) &
                            (!by_assistance || h.received(i, assisted_by) > 0);
        const double weight =
            kept_or_zero(member, t.weight_people ? static_cast<double>(h.size[i]) : 1.0);
        weights += weight;
        value += weight * household_measure(t, h, i, line);
        members += member ? 1 : 0;
      }
      sum.weight = weights;
      sum.value = value;
      sum.members = members;
    }
  }
}

void TargetScorer::finish_year(std::span<const std::int32_t> cohort, int year) {
  for (std::size_t k = 0; k < specs_.size(); ++k) {
    const TargetSpec& t = specs_[k];
    std::vector<Sum>& sums = sums_[k];
    TargetResult& r = out_[k];
    const auto score = [&](std::size_t region, const Sum& s) {
      r.year_scored[region] = year;
      r.population_size[region] = s.members;
      if (s.members == 0 || s.weight <= 0) return;
      const double value = s.value / s.weight;
      r.applicable[region] = 1;
      r.value[region] = value;
      r.margin[region] = t.at_least ? value - t.threshold : t.threshold - value;
      r.met[region] = r.margin[region] >= 0 ? 1 : 0;
    };
    if (t.level == TargetLevel::scenario) {
      if (t.year != year) continue;
      Sum total;
      for (const Sum& s : sums) {
        total.weight += s.weight;
        total.value += s.value;
        total.members += s.members;
      }
      score(0, total);
    } else if (t.years_after_selection >= 0) {
      for (std::size_t township = 0; township < sums.size(); ++township) {
        if (due(t, cohort, township, year)) score(township, sums[township]);
      }
    } else {
      if (t.year != year) continue;
      for (std::size_t region = 0; region < sums.size(); ++region) score(region, sums[region]);
    }
    for (Sum& s : sums) s = {};
  }
}

}  // namespace fupin::models
