#include "models/simulation/replicates.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "models/simulation/initial_populations.hpp"
#include "models/simulation/variant_stores.hpp"
#include "sim/random.hpp"

namespace fupin::models {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<ReplicateTargetScore> target_scores(const std::vector<TargetResult>& targets) {
  std::vector<ReplicateTargetScore> out;
  out.reserve(targets.size());
  for (const TargetResult& t : targets) {
    double margin = 0;
    std::size_t applicable = 0;
    std::size_t met = 0;
    for (std::size_t i = 0; i < t.applicable.size(); ++i) {
      if (t.applicable[i] == 0) continue;
      ++applicable;
      margin += t.margin[i];
      if (t.met[i] != 0) ++met;
    }
    ReplicateTargetScore s;
    if (applicable > 0) {
      s.margin = margin / static_cast<double>(applicable);
      s.met_share = static_cast<double>(met) / static_cast<double>(applicable);
    }
    out.push_back(s);
  }
  return out;
}

// People lifted and cost per person lifted of `v` against `base` (the same replicate of the
// counterfactual), year by year, as run_scenarios computes them for replicate 0.
void lift_against(std::vector<YearSummary>& v, const std::vector<YearSummary>& base, bool is_base) {
  sim::Money extra;  // disbursed since the start beyond the counterfactual's
  for (YearSummary& y : v) {
    y.people_lifted = kNaN;
    y.cost_per_person_lifted = kNaN;
    const auto other = std::find_if(base.begin(), base.end(),
                                    [&](const YearSummary& b) { return b.year == y.year; });
    if (other == base.end()) continue;
    extra = extra + y.disbursed - other->disbursed;
    y.people_lifted = other->poor_people - y.poor_people;
    if (!is_base && y.people_lifted > 0) y.cost_per_person_lifted = extra.yuan() / y.people_lifted;
  }
}

}  // namespace

std::uint64_t replicate_seed(std::uint64_t seed, int r) {
  if (r < 0) throw std::invalid_argument("replicate index must not be negative");
  if (r == 0) return seed;
  sim::RandomStream stream(seed, sim::purpose_key("replicate"), static_cast<std::uint64_t>(r), 0);
  return stream.next_u64();
}

void run_replicates(const ScenarioSet& set, unsigned threads, RunResult& run,
                    const ReplicateCallback& progress, const ProgressCallback& year_progress) {
  if (run.variants.size() != set.variants.size()) {
    throw std::invalid_argument("run_replicates: the run does not hold one result per variant");
  }
  int most = 1;
  for (std::size_t i = 0; i < set.variants.size(); ++i) {
    const Scenario& v = set.variants[i];
    most = std::max(most, v.output.replicates);
    ReplicateResults& out = run.variants[i].replicates;
    out = {};
    out.seeds.push_back(v.seed);
    out.years.push_back(run.variants[i].years);
    out.targets.push_back(target_scores(run.variants[i].targets));
  }
  // Replicate r of every variant, then r + 1: replicate r of the variants that share a world
  // starts from one generated population (InitialPopulations), and at most one round's
  // populations are kept at a time.
  VariantStores stores;  // each replicate runs in the memory of the one before
  for (int r = 1; r < most; ++r) {
    std::vector<Scenario> round;
    std::vector<std::size_t> variant;
    for (std::size_t i = 0; i < set.variants.size(); ++i) {
      if (r >= set.variants[i].output.replicates) continue;
      round.push_back(set.variants[i]);
      round.back().seed = replicate_seed(set.variants[i].seed, r);
      variant.push_back(i);
    }
    InitialPopulations initial(round);
    for (std::size_t k = 0; k < round.size(); ++k) {
      const Scenario& replicate = round[k];
      ReplicateResults& out = run.variants[variant[k]].replicates;
      // Only the summaries are kept: the rest of the replicate's results is freed here.
      VariantResult result = simulate(
          replicate, threads, year_progress, {},
          [&initial, k](World& w, sim::Engine& e) { initial.fill(k, w, e); }, &stores);
      out.seeds.push_back(replicate.seed);
      out.years.push_back(std::move(result.years));
      out.targets.push_back(target_scores(result.targets));
      if (progress) {
        progress(ReplicateProgress{replicate.variant, r, replicate.output.replicates,
                                   out.seeds.back(), out.years.back()});
      }
    }
  }
  // Against the counterfactual's replicate of the same index (NaN where it has none).
  for (std::size_t i = 0; i < set.variants.size(); ++i) {
    const std::string& name = set.variants[i].counterfactual;
    ReplicateResults& mine = run.variants[i].replicates;
    if (name.empty() || mine.seeds.empty()) continue;
    std::size_t c = 0;
    while (c < set.variants.size() && set.variants[c].variant != name) ++c;
    if (c == set.variants.size()) continue;  // the loader refuses this
    const ReplicateResults& base = run.variants[c].replicates;
    for (std::size_t r = 0; r < mine.years.size(); ++r) {
      lift_against(mine.years[r],
                   r < base.years.size() ? base.years[r] : std::vector<YearSummary>{}, i == c);
    }
  }
}

}  // namespace fupin::models
