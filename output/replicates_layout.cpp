#include "output/replicates_layout.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sim/statistics.hpp"

namespace fupin::output::detail {
namespace {

using Y = models::YearSummary;

// One metric of the replicates group: how to read it from a replicate's YearSummary.
struct ReplicateMetric {
  const char* name;
  const char* units;
  const char* description;
  double (*value)(const Y&);
};

const ReplicateMetric kMetrics[] = {
    {"population", "people", "people (sum of household sizes)",
     [](const Y& y) { return y.population; }},
    {"poor_people", "people", "people in households with per-capita income below the poverty line",
     [](const Y& y) { return y.poor_people; }},
    {"poor_households", "households", "households with per-capita income below the poverty line",
     [](const Y& y) { return static_cast<double>(y.poor_households); }},
    {"headcount_ratio", "1", "poor people / population, FGT(0)",
     [](const Y& y) { return y.headcount_ratio; }},
    {"fgt1", "1", "poverty gap index, FGT(1)", [](const Y& y) { return y.fgt1; }},
    {"fgt2", "1", "squared poverty gap (severity), FGT(2)", [](const Y& y) { return y.fgt2; }},
    {"mean_income", "yuan/person/year", "mean per-capita income, person-weighted",
     [](const Y& y) { return y.mean_income; }},
    {"median_income", "yuan/person/year", "median per-capita income, incomes bottom-coded at zero",
     [](const Y& y) { return y.median_income; }},
    {"gini", "1", "Gini coefficient of per-capita income", [](const Y& y) { return y.gini; }},
    {"registered_households", "households", "registered poor households at year end, after exits",
     [](const Y& y) { return static_cast<double>(y.registered_households); }},
    {"exits", "households", "registered households exiting at the year-end review",
     [](const Y& y) { return static_cast<double>(y.exits); }},
    {"returns", "households", "households registered again after an earlier exit",
     [](const Y& y) { return static_cast<double>(y.returns); }},
    {"disbursed_yuan", "yuan", "money issued from source accounts this year",
     [](const Y& y) { return y.disbursed.yuan(); }},
    {"spent_yuan", "yuan", "money that reached households as projects this year",
     [](const Y& y) { return y.spent.yuan(); }},
    {"people_lifted", "people",
     "the counterfactual variant's poor people (same replicate) minus this variant's (NaN without "
     "one)",
     [](const Y& y) { return y.people_lifted; }},
    {"cost_per_person_lifted", "yuan/person",
     "(money disbursed since the start minus the counterfactual's) / people_lifted; NaN unless "
     "people_lifted > 0",
     [](const Y& y) { return y.cost_per_person_lifted; }},
};

constexpr const char* kIntervalText =
    "95% interval across replicates by Student's t: mean ± t(0.975, N−1) · sd / √N (sd with "
    "divisor N−1); "
    "NaN when N < 2 or a replicate's value is NaN";

class ReplicatesLayout {
 public:
  ReplicatesLayout(Hdf5Writer& w, const models::RunResult& run, const models::VariantResult& v)
      : w_(w), run_(run), v_(v), r_(v.replicates) {}

  void write(const Node& variant_node) {
    const std::size_t replicates = r_.seeds.size();
    const std::string where = "variant '" + v_.name + "' replicates";
    if (r_.years.size() != replicates || r_.targets.size() != replicates) {
      w_.invalid(where + ": seeds, yearly summaries and target scores differ in number");
    }
    years_ = r_.years.front().size();
    thresholds_ = run_.thresholds.size();
    for (const auto& rep : r_.years) {
      if (rep.size() != years_) w_.invalid(where + ": replicates differ in their number of years");
      for (std::size_t y = 0; y < years_; ++y) {
        if (rep[y].year != r_.years.front()[y].year)
          w_.invalid(where + ": replicates differ in their years");
        if (rep[y].share_above.size() != thresholds_)
          w_.invalid(where + ": share_above differs from the thresholds");
      }
    }
    Node g = w_.group(variant_node, "replicates");
    w_.attr_string(
        g, "description",
        "key yearly metrics of every replicate of the variant (replicate 0: the variant's own run, "
        "as in summary) with their means and 95% intervals across replicates");
    w_.attr_scalar<std::int32_t>(g, "replicates", w_.to_int32(replicates, where + " count"));
    w_.attr_string(g, "interval", kIntervalText);
    w_.attr_string(
        g, "seed_derivation",
        "replicate 0: the variant's seed; replicate r >= 1: the first 64-bit draw of the "
        "Philox4x64-10 "
        "stream keyed by (the variant's seed, purpose \"replicate\") for entity r, period 0");
    replicate_ = w_.index_scale(g, "replicate", replicates,
                                "index of the replicate (0: the variant's own run)");
    std::vector<std::int32_t> year_values;
    for (const Y& y : r_.years.front()) year_values.push_back(static_cast<std::int32_t>(y.year));
    year_ = w_.dataset(g, "year", year_values, "year", "calendar year");
    w_.make_scale(year_, "year");
    threshold_ = w_.dataset(g, "threshold", run_.thresholds, "yuan/person/year",
                            "income thresholds of share_above");
    w_.make_scale(threshold_, "threshold");
    w_.attach(w_.dataset(g, "seed", r_.seeds, "1", "seed of the replicate's random streams"),
              replicate_, 0);

    Node mean = w_.group(g, "mean");
    w_.attr_string(mean, "description", "mean across replicates of each metric");
    Node lower = w_.group(g, "lower");
    w_.attr_string(lower, "description", std::string("lower bound of the ") + kIntervalText);
    Node upper = w_.group(g, "upper");
    w_.attr_string(upper, "description", std::string("upper bound of the ") + kIntervalText);
    const Node* stats[] = {&mean, &lower, &upper};

    for (const ReplicateMetric& m : kMetrics) {
      std::vector<double> values(replicates * years_);
      for (std::size_t r = 0; r < replicates; ++r) {
        for (std::size_t y = 0; y < years_; ++y) values[r * years_ + y] = m.value(r_.years[r][y]);
      }
      series(g, stats, m.name, m.units, m.description, values, 1);
    }
    std::vector<double> share(replicates * years_ * thresholds_);
    for (std::size_t r = 0; r < replicates; ++r) {
      for (std::size_t y = 0; y < years_; ++y) {
        for (std::size_t t = 0; t < thresholds_; ++t) {
          share[(r * years_ + y) * thresholds_ + t] = r_.years[r][y].share_above[t];
        }
      }
    }
    series(g, stats, "share_above", "1", "share of people with per-capita income >= threshold",
           share, thresholds_);
    write_targets(g, where);
  }

 private:
  // `values` [replicate, year] (or [replicate, year, threshold] when width > 1 or the metric is
  // share_above): the dataset and its mean, lower and upper [year(, threshold)].
  void series(const Node& g, const Node* const (&stats)[3], const std::string& name,
              const char* units, const std::string& description, const std::vector<double>& values,
              std::size_t width) {
    const std::size_t replicates = r_.seeds.size();
    const bool shares = name == "share_above";
    std::vector<hsize_t> dims{replicates, years_};
    if (shares) dims.push_back(width);
    Node ds =
        w_.dataset(g, name, dims, values.data(), units, description + ", per replicate and year");
    w_.attach(ds, replicate_, 0);
    w_.attach(ds, year_, 1);
    if (shares) w_.attach(ds, threshold_, 2);
    const std::size_t cells = years_ * width;
    std::vector<std::vector<double>> out(3, std::vector<double>(cells));
    std::vector<double> sample(replicates);
    for (std::size_t c = 0; c < cells; ++c) {
      for (std::size_t r = 0; r < replicates; ++r) sample[r] = values[r * cells + c];
      const sim::Interval iv = sim::mean_interval(sample);
      out[0][c] = iv.mean;
      out[1][c] = iv.lower;
      out[2][c] = iv.upper;
    }
    const char* what[] = {"mean across replicates of ", "lower bound of the 95% interval of ",
                          "upper bound of the 95% interval of "};
    std::vector<hsize_t> stat_dims{years_};
    if (shares) stat_dims.push_back(width);
    for (std::size_t k = 0; k < 3; ++k) {
      Node s = w_.dataset(*stats[k], name, stat_dims, out[k].data(), units, what[k] + description);
      w_.attach(s, year_, 0);
      if (shares) w_.attach(s, threshold_, 1);
    }
  }

  // targets/<target>/margin and met_share [replicate], each with attributes mean, lower, upper.
  void write_targets(const Node& g, const std::string& where) {
    if (v_.targets.empty()) return;
    const std::size_t replicates = r_.seeds.size();
    Node targets = w_.group(g, "targets");
    w_.attr_string(targets, "description",
                   "each target's score in every replicate: margin averaged over the regions where "
                   "it applies, "
                   "and the share of those regions that meet it");
    for (std::size_t t = 0; t < v_.targets.size(); ++t) {
      w_.check_name(v_.targets[t].name, where + " target name");
      Node tg = w_.group(targets, v_.targets[t].name);
      std::vector<double> margin(replicates);
      std::vector<double> met(replicates);
      for (std::size_t r = 0; r < replicates; ++r) {
        if (r_.targets[r].size() != v_.targets.size())
          w_.invalid(where + ": target scores differ in number");
        margin[r] = r_.targets[r][t].margin;
        met[r] = r_.targets[r][t].met_share;
      }
      const std::string units = v_.targets[t].metric_units;
      scored(tg, "margin", margin, units.c_str(),
             "value − threshold (at least) or threshold − value (at most), mean over the regions "
             "where the target "
             "applies (NaN: none)");
      scored(tg, "met_share", met, "1",
             "share of the regions where the target applies that meet it (NaN: none)");
    }
  }

  void scored(const Node& tg, const char* name, const std::vector<double>& values,
              const char* units, const std::string& description) {
    Node ds = w_.dataset(tg, name, values, units, description + ", per replicate");
    w_.attach(ds, replicate_, 0);
    const sim::Interval iv = sim::mean_interval(values);
    w_.attr_scalar<double>(ds, "mean", iv.mean);
    w_.attr_scalar<double>(ds, "lower", iv.lower);
    w_.attr_scalar<double>(ds, "upper", iv.upper);
  }

  Hdf5Writer& w_;
  const models::RunResult& run_;
  const models::VariantResult& v_;
  const models::ReplicateResults& r_;
  std::size_t years_ = 0;
  std::size_t thresholds_ = 0;
  Node replicate_;
  Node year_;
  Node threshold_;
};

}  // namespace

void write_replicates(Hdf5Writer& w, const Node& variant_node, const models::RunResult& run,
                      const models::VariantResult& variant) {
  if (variant.replicates.seeds.empty()) return;
  ReplicatesLayout(w, run, variant).write(variant_node);
}

}  // namespace fupin::output::detail
