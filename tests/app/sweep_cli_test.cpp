// `fupin sweep`: bad sweep files exit 2 with the place of the error; a value that a point gives
// a scenario key is checked like the file before anything runs.
#include <gtest/gtest.h>

#include "run_fupin.hpp"

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

namespace fs = std::filesystem;

using fupin::testing::Outcome;
using fupin::testing::run;

const fs::path kDir = fs::path(FUPIN_BINARY_DIR) / "tests" / "app" / "scratch" / "sweep_cli";

// Each sweep has a directory of its own: ctest runs these tests in parallel processes, and a copy
// of the scenario shared between them could be read while another test rewrites it.
fs::path dir_of(const std::string& name) { return kDir / name; }

// Writes a sweep file next to a copy of the example scenario and runs `fupin sweep` on it.
Outcome sweep(const std::string& name, const std::string& text, const std::string& options = "") {
  const fs::path dir = dir_of(name);
  fs::create_directories(dir);
  fs::copy_file(fs::path(FUPIN_SOURCE_DIR) / "scenarios/three_ensures_villages.yaml",
                dir / "three_ensures.yaml", fs::copy_options::overwrite_existing);
  const fs::path file = dir / (name + ".yaml");
  std::ofstream(file) << text;
  fs::remove(dir / (name + ".h5.journal"));
  return run("sweep " + file.string() + " -o " + (dir / (name + ".h5")).string() + " -q" + options);
}

const std::string kHead =
    "scenario: three_ensures.yaml\nvariant: three_ensures\nset: {geography.households_per_village: "
    "2}\n";
const std::string kMetrics = "metrics:\n  - {name: headcount_ratio, year: 2010}\n";

TEST(SweepFile, UnknownKeyIsLocatedWithASuggestion) {
  const Outcome o = sweep(
      "unknown_key",
      kHead + "desing: {kind: grid}\nparameters:\n  - {path: seed, levels: [1]}\n" + kMetrics);
  EXPECT_EQ(o.exit_code, 2) << o.output;
  EXPECT_NE(o.output.find("unknown_key.yaml:4:1: error: unknown key 'desing'"), std::string::npos)
      << o.output;
  EXPECT_NE(o.output.find("did you mean 'design'?"), std::string::npos) << o.output;
}

TEST(SweepFile, UnknownDesignMetricAndDistributionAreLocated) {
  const Outcome design = sweep("bad_design", kHead +
                                                 "design: {kind: sobl, points: 4}\nparameters:\n"
                                                 "  - {path: seed, levels: [1]}\n" +
                                                 kMetrics);
  EXPECT_EQ(design.exit_code, 2) << design.output;
  EXPECT_NE(design.output.find("bad_design.yaml:4:16: error: design.kind: unknown design 'sobl' "
                               "(did you mean 'sobol'?)"),
            std::string::npos)
      << design.output;
  const Outcome metric =
      sweep("bad_metric", kHead +
                              "design: {kind: grid}\nparameters:\n  - {path: seed, levels: [1]}\n"
                              "metrics:\n  - {name: headcount_rato, year: 2010}\n");
  EXPECT_EQ(metric.exit_code, 2) << metric.output;
  EXPECT_NE(metric.output.find("bad_metric.yaml:8:"), std::string::npos) << metric.output;
  EXPECT_NE(metric.output.find("did you mean 'headcount_ratio'?"), std::string::npos)
      << metric.output;
  const Outcome dist =
      sweep("bad_distribution", kHead +
                                    "design: {kind: latin_hypercube, points: 3}\nparameters:\n"
                                    "  - path: dynamics.growth\n"
                                    "    distribution: {kind: gamma, mean: 1}\n" +
                                    kMetrics);
  EXPECT_EQ(dist.exit_code, 2) << dist.output;
  EXPECT_NE(dist.output.find("bad_distribution.yaml:7:26: error"), std::string::npos)
      << dist.output;
  EXPECT_NE(dist.output.find("unknown distribution 'gamma'"), std::string::npos) << dist.output;
}

TEST(SweepFile, GridNeedsStepsForARange) {
  const Outcome o =
      sweep("no_steps", kHead +
                            "design: {kind: grid}\nparameters:\n"
                            "  - {path: dynamics.growth, range: {min: 0.01, max: 0.05}}\n" +
                            kMetrics);
  EXPECT_EQ(o.exit_code, 2) << o.output;
  EXPECT_NE(o.output.find("no_steps.yaml:6:5: error"), std::string::npos) << o.output;
  EXPECT_NE(o.output.find("steps: N"), std::string::npos) << o.output;
}

TEST(SweepFile, APointsValueIsCheckedLikeTheScenarioBeforeAnyRun) {
  // A growth of 2 is out of range for the scenario: the point and the key are named.
  const Outcome o = sweep("bad_value", kHead +
                                           "design: {kind: grid}\nparameters:\n"
                                           "  - {path: dynamics.growth, levels: [0.05, 2]}\n" +
                                           kMetrics);
  EXPECT_EQ(o.exit_code, 2) << o.output;
  EXPECT_NE(
      o.output.find("point 1 (dynamics.growth=2): --set dynamics.growth=2: error: dynamics.growth"),
      std::string::npos)
      << o.output;
  EXPECT_FALSE(fs::exists(dir_of("bad_value") / "bad_value.h5"));
  const Outcome path = sweep("bad_path", kHead +
                                             "design: {kind: grid}\nparameters:\n"
                                             "  - {path: dynamics.grwth, levels: [0.05]}\n" +
                                             kMetrics);
  EXPECT_EQ(path.exit_code, 2) << path.output;
  EXPECT_NE(path.output.find("did you mean 'growth'?"), std::string::npos) << path.output;
  const Outcome year = sweep("bad_year", kHead +
                                             "design: {kind: grid}\nparameters:\n"
                                             "  - {path: dynamics.growth, levels: [0.05]}\n"
                                             "metrics:\n  - {name: exits, year: 2030}\n");
  EXPECT_EQ(year.exit_code, 2) << year.output;
  EXPECT_NE(year.output.find("year 2030 is outside the period 2008–2010"), std::string::npos)
      << year.output;
}

TEST(SweepFile, TheFirstPointInOrderWithAProblemIsReportedWhateverTheThreads) {
  // Points 1, 2 and 4 are out of range; the points are checked side by side, and point 1 alone is
  // reported, with one thread or several.
  for (const char* threads : {" --threads 1", " --threads 2", " --threads 4"}) {
    const Outcome o = sweep("first_bad_point",
                            kHead +
                                "design: {kind: grid}\nparameters:\n"
                                "  - {path: dynamics.growth, levels: [0.05, 2, 3, 0.04, 5]}\n" +
                                kMetrics,
                            threads);
    EXPECT_EQ(o.exit_code, 2) << o.output;
    EXPECT_NE(o.output.find("point 1 (dynamics.growth=2):"), std::string::npos) << o.output;
    EXPECT_EQ(o.output.find("point 2"), std::string::npos) << o.output;
    EXPECT_EQ(o.output.find("point 4"), std::string::npos) << o.output;
  }
}

// Target and region metrics: the form is checked when the sweep file is read, the target's and the
// region's names against the scenario before anything runs, each error located at the metric.
TEST(SweepFile, TargetAndRegionMetricsAreCheckedAgainstTheScenario) {
  const std::string design =
      "design: {kind: grid}\nparameters:\n  - {path: dynamics.growth, levels: [0.05]}\n";
  const Outcome target = sweep("bad_target", kHead + design +
                                                 "metrics:\n  - {name: exits, year: 2010}\n"
                                                 "  - {target: three_ensres_2010, of: value}\n");
  EXPECT_EQ(target.exit_code, 2) << target.output;
  EXPECT_NE(
      target.output.find("bad_target.yaml:9:14: error: metrics[1].target: the scenario has "
                         "no target 'three_ensres_2010' (did you mean 'three_ensures_2010'?)"),
      std::string::npos)
      << target.output;
  EXPECT_FALSE(fs::exists(dir_of("bad_target") / "bad_target.h5"));
  const Outcome of =
      sweep("bad_of", kHead + design + "metrics:\n  - {target: three_ensures_2010, of: marign}\n");
  EXPECT_EQ(of.exit_code, 2) << of.output;
  EXPECT_NE(of.output.find("bad_of.yaml:8:"), std::string::npos) << of.output;
  EXPECT_NE(of.output.find("unknown 'marign' (did you mean 'margin'?)"), std::string::npos)
      << of.output;
  const Outcome mixed = sweep("target_with_year", kHead + design +
                                                      "metrics:\n  - {target: three_ensures_2010, "
                                                      "of: value, year: 2010}\n");
  EXPECT_EQ(mixed.exit_code, 2) << mixed.output;
  EXPECT_NE(mixed.output.find("a target metric takes no year"), std::string::npos) << mixed.output;
  const Outcome region = sweep("bad_region", kHead + design +
                                                 "metrics:\n  - {name: poor_people, level: county, "
                                                 "region: C99, year: 2010}\n");
  EXPECT_EQ(region.exit_code, 2) << region.output;
  EXPECT_NE(region.output.find("bad_region.yaml:8:48: error: metrics[0].region: the scenario has "
                               "no county 'C99'"),
            std::string::npos)
      << region.output;
  EXPECT_FALSE(fs::exists(dir_of("bad_region") / "bad_region.h5"));
  const Outcome measure =
      sweep("bad_region_measure", kHead + design +
                                      "metrics:\n  - {name: poor_peple, level: "
                                      "township, region: YN01-T01, over: period}\n");
  EXPECT_EQ(measure.exit_code, 2) << measure.output;
  EXPECT_NE(measure.output.find("bad_region_measure.yaml:8:"), std::string::npos) << measure.output;
  EXPECT_NE(measure.output.find("did you mean 'poor_people'?"), std::string::npos)
      << measure.output;
  const Outcome level = sweep("bad_level", kHead + design +
                                               "metrics:\n  - {name: poor_people, level: contry, "
                                               "region: YN01, year: 2010}\n");
  EXPECT_EQ(level.exit_code, 2) << level.output;
  EXPECT_NE(level.output.find("did you mean 'county'?"), std::string::npos) << level.output;
  const Outcome half = sweep("region_without_level", kHead + design +
                                                         "metrics:\n  - {name: poor_people, "
                                                         "region: YN01, year: 2010}\n");
  EXPECT_EQ(half.exit_code, 2) << half.output;
  EXPECT_NE(half.output.find("needs both level"), std::string::npos) << half.output;
  const Outcome year = sweep("region_bad_year", kHead + design +
                                                    "metrics:\n  - {name: poor_people, level: "
                                                    "village, region: YN01-T01-V01, year: 2031}\n");
  EXPECT_EQ(year.exit_code, 2) << year.output;
  EXPECT_NE(year.output.find("year 2031 is outside the period 2008–2010"), std::string::npos)
      << year.output;
}

TEST(SweepFile, AScenarioWithSeveralVariantsNeedsOneNamed) {
  const Outcome o = sweep("no_variant",
                          "scenario: three_ensures.yaml\ndesign: {kind: grid}\nparameters:\n"
                          "  - {path: dynamics.growth, levels: [0.05]}\n" +
                              kMetrics);
  EXPECT_EQ(o.exit_code, 2) << o.output;
  EXPECT_NE(o.output.find("name one with `variant:`"), std::string::npos) << o.output;
}

// A sweep whose runs cannot fit in memory is refused before anything runs, as `fupin run` refuses
// a run: one point's geography of 1.6 billion households needs far more than any machine, and
// the other points are small.
TEST(SweepFile, ARunThatCannotFitInMemoryIsRefusedBeforeAnyRuns) {
  const Outcome o = sweep("too_big",
                          "scenario: three_ensures.yaml\nvariant: three_ensures\n"
                          "design: {kind: grid}\nparameters:\n"
                          "  - {path: geography.households_per_village, levels: [2, 4000000]}\n" +
                              kMetrics);
  EXPECT_EQ(o.exit_code, 2) << o.output;
  EXPECT_NE(o.output.find("too_big.yaml: a run needs about "), std::string::npos) << o.output;
  EXPECT_NE(o.output.find("(1600000000 households in its scenario), more than the machine's "
                          "physical memory"),
            std::string::npos)
      << o.output;
  EXPECT_NE(o.output.find("nothing was run"), std::string::npos) << o.output;
  EXPECT_FALSE(fs::exists(dir_of("too_big") / "too_big.h5"));
  EXPECT_FALSE(fs::exists(dir_of("too_big") / "too_big.h5.journal"));
}

}  // namespace
