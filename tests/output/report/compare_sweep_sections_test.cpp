// The report's sections of compare and sweep files, and the interval, band, whisker and scatter
// charts they are drawn with, built from plain data (no file).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "output/report/compare_sections.hpp"
#include "output/report/svg_chart.hpp"
#include "output/report/sweep_sections.hpp"

namespace fupin::output::report {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

const double kNaN = std::nan("");

CompareData two_comparisons() {
  CompareData d;
  d.path = "cmp.h5";
  d.layout_version = 2;
  for (const char* v : {"roads", "water"}) {
    ComparisonData c;
    c.variant = v;
    c.against = "none";
    c.file = c.against_file = "run.h5";
    c.paired = true;
    c.replicates = 4;
    c.seeds = c.against_seeds = {11, 12, 13, 14};
    MetricComparison poor{
        "poor_people",   "people",       "poor", true, {2008, 2009, 2010}, {-10, -20, -30},
        {-15, -25, -40}, {-5, -15, -20}, {},     {},   {1, 1, 1}};
    poor.unpaired_lower = poor.lower;
    poor.unpaired_upper = poor.upper;
    MetricComparison ratio{"headcount_ratio",
                           "1",
                           "P0",
                           true,
                           {2008, 2009, 2010},
                           {0.001, -0.002, -0.0125},
                           {-0.01, -0.01, -0.02},
                           {0.01, 0.01, -0.005},
                           {},
                           {},
                           {0, 0, 1}};
    ratio.unpaired_lower = ratio.lower;
    ratio.unpaired_upper = ratio.upper;
    MetricComparison gini{"gini",    "1",       "Gini",    true,      {2008, 2009, 2010}, {0, 0, 0},
                          {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}};
    c.metrics = {poor, ratio, gini};
    d.comparisons.push_back(c);
  }
  d.comparisons[1].metrics[0].difference = {-1, -2, kNaN};
  return d;
}

TEST(ReportCompare, MetricsHaveNamesAndSignedValuesInBothLanguages) {
  EXPECT_EQ(metric_label("poor_people", Language::en), "Poor people");
  EXPECT_EQ(metric_label("share_above_3000", Language::zh), "收入高于 3000 元的人口比例");
  EXPECT_EQ(metric_label("target_exit_margin", Language::en), "Target exit: margin");
  EXPECT_EQ(metric_label("unknown_metric", Language::zh), "unknown_metric");
  EXPECT_EQ(signed_value(-0.0125, "1", Language::en), "-1.25 pp");
  EXPECT_EQ(signed_value(0.003, "1", Language::zh), "+0.30 个百分点");
  EXPECT_EQ(signed_value(1234.4, "people", Language::en), "+1,234 people");
  EXPECT_EQ(signed_value(-2.5, "yuan/person", Language::zh), "-2.5 元/人");
  EXPECT_EQ(signed_value(kNaN, "people", Language::en), "–");
  EXPECT_TRUE(charted_metric("share_above_2300"));
  EXPECT_TRUE(charted_metric("target_exit_margin"));
  EXPECT_FALSE(charted_metric("target_exit_met_share"));
  EXPECT_FALSE(charted_metric("gini"));
}

TEST(ReportCompare, VerdictsFollowTheInterval) {
  const CompareData d = two_comparisons();
  const MetricComparison& ratio = d.comparisons[0].metrics[1];
  EXPECT_EQ(verdict(ratio, 0, Language::en), "within noise");
  EXPECT_EQ(verdict(ratio, 2, Language::en), "distinguishable from noise");
  EXPECT_EQ(verdict(d.comparisons[0].metrics[2], 2, Language::en),
            "no difference in any replicate");
  EXPECT_EQ(verdict(d.comparisons[1].metrics[0], 2, Language::zh), "无定义");
}

TEST(ReportCompare, FinalYearChartsHaveOnePointPerComparisonWithItsInterval) {
  const Section s = final_year_section(two_comparisons(), Language::en);
  EXPECT_EQ(s.id, "final-year");
  EXPECT_THAT(s.html, HasSubstr("<svg id=\"interval-poor-people\""));
  EXPECT_THAT(s.html, HasSubstr("<svg id=\"interval-headcount-ratio\""));
  EXPECT_THAT(s.html, Not(HasSubstr("interval-gini")));  // in the table only
  EXPECT_THAT(s.html, HasSubstr("data-series=\"roads\" data-value=\"-30\" data-low=\"-40\" "
                                "data-high=\"-20\" data-filled=\"1\""));
  EXPECT_THAT(s.html, HasSubstr("data-series=\"roads\" data-value=\"-0.0125\""));
  // A NaN difference draws no point: 1 point of poor people, 2 of the headcount ratio.
  EXPECT_EQ(count(s.html, "class=\"interval-point\""), 3U);
  EXPECT_THAT(s.html, HasSubstr("class=\"zero-line\""));
  EXPECT_THAT(s.html, HasSubstr("Poor people, 2010"));
}

TEST(ReportCompare, OverTimeChartsCarryEachYearsInterval) {
  const Section s = over_time_section(two_comparisons(), Language::zh);
  EXPECT_THAT(s.html, HasSubstr("<svg id=\"over-time-poor-people\""));
  EXPECT_THAT(s.html, HasSubstr("data-series=\"roads\" data-x=\"2009\" data-y=\"-20\" "
                                "data-low=\"-25\" data-high=\"-15\""));
  EXPECT_EQ(count(s.html, "class=\"band\""), 4U);  // poor people and P0 of two comparisons
  EXPECT_EQ(s.title, "差值随时间变化");
}

TEST(ReportCompare, EveryMetricIsInTheTableAndTheProvenanceHasTheSeeds) {
  const CompareData d = two_comparisons();
  const Section table = all_metrics_section(d, Language::en);
  EXPECT_EQ(count(table.html, "<tr data-metric="), 3U);
  EXPECT_THAT(table.html, HasSubstr("data-comparison=\"water\" data-difference=\"nan\""));
  const Section p = compare_provenance_section(d, Language::en);
  EXPECT_THAT(p.html, HasSubstr("11, 12, 13, 14"));
  EXPECT_THAT(p.html, HasSubstr("roads − none"));
}

SweepData sweep() {
  SweepData d;
  d.design = "sobol";
  d.run = {0, 1, 2, 3};
  d.point = {0, 0, 1, 1};
  d.replicate = {0, 1, 0, 1};
  d.parameters = {{"dynamics.growth", "1", "", false, {0.03, 0.03, 0.07, 0.07}, {}},
                  {"rule", "", "", true, {}, {"equal", "equal", "gap", "gap"}}};
  d.metrics = {{"headcount_ratio_2010", "1", "", false, {0.2, 0.21, kNaN, 0.1}, {}}};
  SweepIndexData ix;
  ix.metric = "headcount_ratio_2010";
  ix.method = "sobol";
  ix.parameters = {"dynamics.growth", "rule"};
  ix.columns = {{"first", {0.6, 0.1}}, {"first_low", {0.4, 0.0}}, {"first_high", {0.8, 0.2}},
                {"total", {0.7, 0.2}}, {"total_low", {0.5, 0.1}}, {"total_high", {0.9, 0.3}}};
  d.indices.push_back(ix);
  return d;
}

TEST(ReportSweep, SobolBarsCarryTheirIntervals) {
  const Section s = sensitivity_section(sweep(), Language::en);
  EXPECT_THAT(s.html, HasSubstr("<svg id=\"sobol-headcount-ratio-2010\""));
  EXPECT_THAT(s.html, HasSubstr("data-series=\"first\" data-x=\"dynamics.growth\" data-y=\"0.6\" "
                                "data-low=\"0.4\" data-high=\"0.8\""));
  EXPECT_THAT(s.html, HasSubstr("data-series=\"total\" data-x=\"rule\" data-y=\"0.2\""));
  EXPECT_EQ(count(s.html, "class=\"whisker\""), 4U);
}

TEST(ReportSweep, MorrisHasBarsAndAMuStarSigmaScatter) {
  SweepData d = sweep();
  d.indices[0].method = "morris";
  d.indices[0].columns = {{"mu", {1, -2}}, {"mu_star", {1, 2}}, {"sigma", {0.5, 3}}};
  const Section s = sensitivity_section(d, Language::zh);
  EXPECT_THAT(s.html, HasSubstr("<svg id=\"morris-headcount-ratio-2010\""));
  EXPECT_THAT(s.html, HasSubstr("data-x=\"2\" data-y=\"3\" data-label=\"rule\""));
  EXPECT_EQ(count(s.html, "class=\"point-label\""), 2U);
}

TEST(ReportSweep, OneScatterPointPerRunWithAValue) {
  const SweepData d = sweep();
  const Section s = outcomes_section(d, Language::en);
  EXPECT_THAT(s.html, HasSubstr("<svg id=\"scatter-headcount-ratio-2010-dynamics-growth\""));
  EXPECT_THAT(s.html, HasSubstr("<svg id=\"scatter-headcount-ratio-2010-rule\""));
  EXPECT_EQ(count(s.html, "class=\"scatter-point\""), 2U * 3U);  // 3 runs with a value, 2 charts
  // Named levels sit at their index, labelled under the axis.
  EXPECT_THAT(s.html, HasSubstr("data-x=\"1\" data-y=\"0.1\""));
  EXPECT_THAT(s.html, HasSubstr(">gap</text>"));
  std::vector<std::string> levels;
  EXPECT_EQ(scatter_x(d.parameters[1], levels), (std::vector<double>{0, 0, 1, 1}));
  EXPECT_EQ(levels, (std::vector<std::string>{"equal", "gap"}));
}

TEST(ReportSweep, ParametersAreNamedByTheEndOfTheirPath) {
  EXPECT_EQ(
      short_names({"dynamics.growth", "programmes.a.tranches.0.amount",
                   "programmes.b.tranches.0.amount", "programmes.a.allocation.0.rule", "x.0"}),
      (std::vector<std::string>{"growth", "a.tranches.0.amount", "b.tranches.0.amount", "rule",
                                "x.0"}));
}

TEST(ReportSweep, DesignCardsCountPointsReplicatesAndRuns) {
  const Section s = design_section(sweep(), Language::en);
  EXPECT_THAT(s.html, HasSubstr("data-key=\"points\"><div class=\"label\">Design points</div><div "
                                "class=\"value\">2</div>"));
  EXPECT_THAT(s.html, HasSubstr("data-key=\"runs\"><div class=\"label\">Runs</div><div "
                                "class=\"value\">4</div>"));
  EXPECT_THAT(s.html, HasSubstr("0.03 – 0.07"));
  EXPECT_THAT(s.html, HasSubstr("equal, gap"));
  SweepData grid;
  grid.design = "grid";
  const Section none = sensitivity_section(grid, Language::en);
  EXPECT_THAT(none.html, HasSubstr("The grid design gives no sensitivity indices"));
}

}  // namespace
}  // namespace fupin::output::report
