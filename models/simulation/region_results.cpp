#include "models/simulation/region_results.hpp"

#include <array>
#include <utility>

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

double per_person(const RegionSums& s, double sum) { return s.fgt.people > 0 ? sum / s.fgt.people : 0.0; }

// The series of every level, in the order they are written (docs/output.md).
constexpr std::array kReal{
    RealMetric{"population", "people", "people (sum of household sizes)",
               [](const RegionSums& s) { return s.fgt.people; }},
    RealMetric{"poor_people", "people", "people with per-capita income below the poverty line",
               [](const RegionSums& s) { return s.fgt.poor_people; }},
    RealMetric{"headcount_ratio", "1", "poor people / population, FGT(0)",
               [](const RegionSums& s) { return s.fgt.fgt0(); }},
    RealMetric{"fgt1", "1", "poverty gap index, FGT(1)", [](const RegionSums& s) { return s.fgt.fgt1(); }},
    RealMetric{"fgt2", "1", "squared poverty gap, FGT(2)", [](const RegionSums& s) { return s.fgt.fgt2(); }},
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
    RealMetric{"mean_transfers", "yuan/person/year", "mean of this year's transfers (minimum living guarantee)",
               [](const RegionSums& s) { return per_person(s, s.components.transfers); }},
    RealMetric{"mean_costs", "yuan/person/year", "mean of this year's costs",
               [](const RegionSums& s) { return per_person(s, s.components.costs); }},
};

constexpr std::array kCount{
    CountMetric{"households", "households", "households", [](const RegionSums& s) { return s.households; }},
    CountMetric{"poor_households", "households", "households below the poverty line",
                [](const RegionSums& s) { return s.poor_households; }},
    CountMetric{"registered_households", "households", "registered poor households at year end, after exits",
                [](const RegionSums& s) { return s.registered; }},
    CountMetric{"newly_registered", "households", "households identified and registered this year",
                [](const RegionSums& s) { return s.newly_registered; }},
    CountMetric{"returns", "households", "households registered again after an earlier exit",
                [](const RegionSums& s) { return s.returns; }},
    CountMetric{"exits", "households", "registered households exiting at the year-end review",
                [](const RegionSums& s) { return s.exits; }},
};

}  // namespace

void RegionSums::merge(const RegionSums& o) {
  fgt.merge(o.fgt);
  components.earned += o.components.earned;
  components.returns += o.components.returns;
  components.wages += o.components.wages;
  components.remittances += o.components.remittances;
  components.transfers += o.components.transfers;
  components.costs += o.components.costs;
  households += o.households;
  poor_households += o.poor_households;
  registered += o.registered;
  newly_registered += o.newly_registered;
  returns += o.returns;
  exits += o.exits;
  if (spent_fen.size() < o.spent_fen.size()) spent_fen.resize(o.spent_fen.size(), 0);
  for (std::size_t p = 0; p < o.spent_fen.size(); ++p) spent_fen[p] += o.spent_fen[p];
}

RegionResultsBuilder::RegionResultsBuilder(const World& world, std::vector<std::string> programmes)
    : world_(world), programmes_(std::move(programmes)), village_(world.villages.size()) {
  const std::array<std::pair<const char*, std::size_t>, 3> levels{
      {{"county", world.counties.size()}, {"township", world.townships.size()}, {"village", world.villages.size()}}};
  for (const auto& [name, regions] : levels) {
    LevelResults l;
    l.level = name;
    l.regions = regions;
    l.programmes = programmes_;
    for (const RealMetric& m : kReal) l.real.push_back({m.name, m.units, m.description, {}});
    for (const CountMetric& m : kCount) l.counts.push_back({m.name, m.units, m.description, {}});
    out_.push_back(std::move(l));
  }
  for (RegionSums& v : village_) v.spent_fen.assign(programmes_.size(), 0);
}

void RegionResultsBuilder::add_county(const World& w, std::size_t county, double line) {
  const Households& h = w.households;
  const Range villages = w.county_villages(county);
  for (std::uint32_t v = villages.begin; v < villages.end; ++v) {
    RegionSums& s = village_[v];
    const Range r = w.villages.children[v];
    for (std::uint32_t i = r.begin; i < r.end; ++i) {
      const double y = h.income[i];
      const double n = h.size[i];
      s.fgt.add(y, n, line);
      s.components.earned += n * h.earned[i];
      s.components.returns += n * h.returns[i];
      s.components.wages += n * h.wages[i];
      s.components.remittances += n * h.remittances[i];
      s.components.transfers += n * h.transfers[i];
      s.components.costs += n * h.costs[i];
      ++s.households;
      s.poor_households += y < line ? 1 : 0;
      s.registered += (h.flags[i] & kRegistered) != 0 ? 1 : 0;
    }
  }
}

void RegionResultsBuilder::end_year(int year) {
  // Townships from their villages and counties from their townships, in index order.
  std::vector<RegionSums> townships(world_.townships.size());
  for (std::size_t t = 0; t < townships.size(); ++t) {
    townships[t].spent_fen.assign(programmes_.size(), 0);
    const Range r = world_.townships.children[t];
    for (std::uint32_t v = r.begin; v < r.end; ++v) townships[t].merge(village_[v]);
  }
  std::vector<RegionSums> counties(world_.counties.size());
  for (std::size_t c = 0; c < counties.size(); ++c) {
    counties[c].spent_fen.assign(programmes_.size(), 0);
    const Range r = world_.counties.children[c];
    for (std::uint32_t t = r.begin; t < r.end; ++t) counties[c].merge(townships[t]);
  }
  const std::array<const std::vector<RegionSums>*, 3> sums{&counties, &townships, &village_};
  for (std::size_t level = 0; level < 3; ++level) {
    LevelResults& l = out_[level];
    l.years.push_back(year);
    for (std::size_t k = 0; k < kReal.size(); ++k) {
      for (const RegionSums& s : *sums[level]) l.real[k].values.push_back(kReal[k].value(s));
    }
    for (std::size_t k = 0; k < kCount.size(); ++k) {
      for (const RegionSums& s : *sums[level]) l.counts[k].values.push_back(kCount[k].value(s));
    }
    for (const RegionSums& s : *sums[level]) l.spent_fen.insert(l.spent_fen.end(), s.spent_fen.begin(), s.spent_fen.end());
  }
  for (RegionSums& v : village_) {
    v = RegionSums{};
    v.spent_fen.assign(programmes_.size(), 0);
  }
}

std::vector<LevelResults> RegionResultsBuilder::take() { return std::move(out_); }

}  // namespace fupin::models
