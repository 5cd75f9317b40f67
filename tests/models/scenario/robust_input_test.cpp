// Hostile input to the loader: files that are not regular or too large, text that is not UTF-8,
// control characters in names, numbers out of their documented ranges, lenient YAML.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>

#include "models/scenario/scenario_loader.hpp"
#include "tests/models/scenario_text.hpp"

namespace fupin::models {
namespace {

namespace fs = std::filesystem;

const std::string kMinimal = R"(name: minimal
period: {start: 2014, end: 2016}
poverty_line: {base: 2800, base_year: 2014, growth: 0}
geography: {counties: 2, townships_per_county: 3, villages_per_township: 2, households_per_village: 10}
)";

// The error of loading `text`, or "" when it loads.
ScenarioError load_error(const std::string& text) {
  try {
    (void)load_scenario_text(text, "t.yaml");
  } catch (const ScenarioError& e) {
    return e;
  }
  ADD_FAILURE() << "loaded without error:\n" << text;
  return ScenarioError({"", 0, 0}, "", "", "");
}

ScenarioError file_error(const std::string& path) {
  try {
    (void)load_scenario_file(path);
  } catch (const ScenarioError& e) {
    return e;
  }
  ADD_FAILURE() << path << " loaded without error";
  return ScenarioError({"", 0, 0}, "", "", "");
}

fs::path scratch(const std::string& name) {
  const fs::path dir =
      fs::path(FUPIN_BINARY_DIR) / "robust_input_test" / std::to_string(::getpid());
  fs::create_directories(dir);
  fs::path p = dir / name;
  fs::remove_all(p);
  return p;
}

bool contains(const ScenarioError& e, const std::string& fragment) {
  return std::string(e.what()).find(fragment) != std::string::npos;
}

TEST(ScenarioFile, AFifoWithoutAWriterIsRefusedWithoutBlocking) {
  const fs::path fifo = scratch("pipe.yaml");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const ScenarioError e = file_error(fifo.string());
  EXPECT_EQ(e.where().file, fifo.string());
  EXPECT_TRUE(contains(e, "FIFO")) << e.what();
  EXPECT_TRUE(contains(e, "regular file")) << e.what();
  fs::remove(fifo);
}

TEST(ScenarioFile, ADeviceIsRefused) {
  const ScenarioError e = file_error("/dev/zero");
  EXPECT_EQ(e.where().file, "/dev/zero");
  EXPECT_TRUE(contains(e, "character device")) << e.what();
}

TEST(ScenarioFile, ADirectoryIsRefused) {
  const fs::path dir = scratch("dir.yaml");
  fs::create_directories(dir);
  const ScenarioError e = file_error(dir.string());
  EXPECT_TRUE(contains(e, "directory")) << e.what();
}

TEST(ScenarioFile, AFileAboveTheSizeLimitIsRefusedBeforeParsing) {
  const fs::path big = scratch("big.yaml");
  {
    std::ofstream out(big, std::ios::binary);
    out << kMinimal << "description: >\n";
    const std::string line = "  " + std::string(1021, 'x') + "\n";
    while (static_cast<std::size_t>(out.tellp()) <= kMaxScenarioFileBytes) out << line;
  }
  const ScenarioError e = file_error(big.string());
  EXPECT_EQ(e.where().line, 0);
  EXPECT_TRUE(contains(e, "16 MiB")) << e.what();
  fs::remove(big);
}

TEST(ScenarioFile, AFileAtTheSizeLimitIsRead) {
  const fs::path file = scratch("limit.yaml");
  {
    std::ofstream out(file, std::ios::binary);
    out << kMinimal << "description: >\n";
    const std::string line = "  " + std::string(1021, 'x') + "\n";
    while (static_cast<std::size_t>(out.tellp()) + line.size() <= kMaxScenarioFileBytes)
      out << line;
  }
  EXPECT_NO_THROW((void)load_scenario_file(file.string()));
  fs::remove(file);
}

TEST(ScenarioEncoding, AUtf8ByteOrderMarkIsAccepted) {
  const ScenarioSet set = load_scenario_text("\xEF\xBB\xBF" + kMinimal, "t.yaml");
  EXPECT_EQ(set.variants.at(0).name, "minimal");
}

TEST(ScenarioEncoding, Utf16IsRefusedAtTheStart) {
  std::string wide = "\xFF\xFE";
  for (const char c : kMinimal) {
    wide += c;
    wide += '\0';
  }
  const ScenarioError e = load_error(wide);
  EXPECT_EQ(e.where().line, 1);
  EXPECT_EQ(e.where().column, 1);
  EXPECT_TRUE(contains(e, "UTF-16")) << e.what();
}

TEST(ScenarioEncoding, Utf16WithoutAByteOrderMarkIsRefused) {
  std::string wide;
  for (const char c : kMinimal) {
    wide += '\0';
    wide += c;
  }
  const ScenarioError e = load_error(wide);
  EXPECT_EQ(e.where().line, 1);
  EXPECT_EQ(e.where().column, 1);
  EXPECT_TRUE(contains(e, "looks like UTF-16")) << e.what();
}

TEST(ScenarioEncoding, InvalidUtf8IsLocated) {
  for (const std::string bad : {"\xFF", "\xC3", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\x80"}) {
    const ScenarioError e = load_error(kMinimal + "description: caf" + bad + "\n");
    EXPECT_EQ(e.where().line, 5);
    EXPECT_EQ(e.where().column, 17);
    EXPECT_TRUE(contains(e, "invalid UTF-8")) << e.what();
  }
}

TEST(ScenarioEncoding, ValidUtf8IsAccepted) {
  const ScenarioSet set =
      load_scenario_text(kMinimal + "description: 整乡推进 — café 😀\n", "t.yaml");
  EXPECT_EQ(set.variants.at(0).description, "整乡推进 — café 😀");
}

TEST(ScenarioText, ControlCharactersInNamesAreRefused) {
  const std::string tail = kMinimal.substr(kMinimal.find('\n') + 1);
  for (const std::string escape : {"\\0", "\\x01", "\\e", "\\r", "\\x7f"}) {
    const ScenarioError e = load_error("name: \"a" + escape + "b\"\n" + tail);
    EXPECT_EQ(e.where().line, 1);
    EXPECT_TRUE(contains(e, "control character")) << e.what();
  }
  const ScenarioError d = load_error(kMinimal + "description: \"x\\0y\"\n");
  EXPECT_EQ(d.where().line, 5);
  EXPECT_TRUE(contains(d, "description: control character U+0000")) << d.what();
}

TEST(ScenarioText, ARawControlCharacterIsLocated) {
  const ScenarioError e = load_error(kMinimal + "description: a\x01z\n");
  EXPECT_EQ(e.where().line, 5);
  EXPECT_EQ(e.where().column, 15);
  EXPECT_TRUE(contains(e, "control character 0x01")) << e.what();
}

std::string shipped(const std::string& name) {
  return scenario_text::file_text(std::string(FUPIN_SOURCE_DIR) + "/scenarios/" + name);
}

using scenario_text::replaced;

// Line and column (1-based) of the first `needle` in `text`.
std::pair<int, int> position(const std::string& text, const std::string& needle) {
  const std::size_t at = text.find(needle);
  const std::size_t line_start = text.rfind('\n', at);
  const int line = 1 + static_cast<int>(std::count(
                           text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
  const int column =
      static_cast<int>(at - (line_start == std::string::npos ? 0 : line_start + 1)) + 1;
  return {line, column};
}

// Loading `text` fails exactly at `needle` with `fragment` in the message.
void expect_error_at(const std::string& text, const std::string& needle,
                     const std::string& fragment) {
  SCOPED_TRACE(needle);
  const ScenarioError e = load_error(text);
  const auto [line, column] = position(text, needle);
  EXPECT_EQ(e.where().line, line) << e.what();
  EXPECT_EQ(e.where().column, column) << e.what();
  EXPECT_TRUE(contains(e, fragment)) << e.what();
}

TEST(ScenarioRanges, YearsOutsideTheSaneRangeAreRefusedWhereTheyAreRead) {
  expect_error_at(replaced(kMinimal, "base_year: 2014", "base_year: -2147483648"), "-2147483648",
                  "year -2147483648 is not between 1900 and 2200");
  expect_error_at(replaced(kMinimal, "base_year: 2014", "base_year: 2201"), "2201",
                  "not between 1900 and 2200");
  EXPECT_NO_THROW(
      (void)load_scenario_text(replaced(kMinimal, "base_year: 2014", "base_year: 1900"), "t.yaml"));
}

TEST(ScenarioRanges, CountsOfYearsAreAtMostACentury) {
  const std::string g = shipped("guangdong_plan_to_household.yaml");
  expect_error_at(replaced(g, "lag_years: 1}", "lag_years: 2147483646}"), "2147483646",
                  "a number of years must be between 0 and 100, got 2147483646");
  expect_error_at(replaced(g, "lag_years: 1}", "lag_years: 101}"), "101}", "between 0 and 100");
  EXPECT_NO_THROW(
      (void)load_scenario_text(replaced(g, "lag_years: 1}", "lag_years: 100}"), "t.yaml"));
  expect_error_at(replaced(g, "term_years: 2,", "term_years: 2147483647,"), "2147483647",
                  "between 1 and 100");
  const std::string interventions = "interventions: {insurance_years: 65537}\n";
  expect_error_at(kMinimal + interventions, "65537",
                  "interventions.insurance_years: a number of years must be between 1 and 100");
  const std::string r1 = shipped("reference_r1.yaml");
  expect_error_at(replaced(r1, "exit_reviews: 1 ", "exit_reviews: 256 "), "256 ",
                  "between 1 and 100");
  const std::string y = shipped("yunnan_whole_township.yaml");
  expect_error_at(replaced(y, "programme_year: 2,", "programme_year: 2147483647,"), "2147483647",
                  "between 1 and 100");
}

TEST(ScenarioRanges, JobsPerMillionIsBounded) {
  const std::string t = shipped("three_ensures_villages.yaml");
  expect_error_at(replaced(t, "jobs_per_million: 4,", "jobs_per_million: 1e308,"), "1e308",
                  "must be between 0 and 10000, got 1e308");
  EXPECT_NO_THROW((void)load_scenario_text(
      replaced(t, "jobs_per_million: 4,", "jobs_per_million: 10000,"), "t.yaml"));
}

TEST(ScenarioRanges, HouseholdsAboveTwoHundredFiftyFivePeopleAreRefused) {
  const std::string p = "population: {household_size: {minimum: MIN, extra_trials: EXTRA}}\n";
  const auto with = [&p](const std::string& minimum, const std::string& extra) {
    return kMinimal + replaced(replaced(p, "MIN", minimum), "EXTRA", extra);
  };
  expect_error_at(with("200", "56"), "56}", "households could have 256 people");
  expect_error_at(with("256", "0"), "256", "between 1 and 255");
  expect_error_at(with("1", "255"), "255", "between 0 and 254");
  EXPECT_NO_THROW((void)load_scenario_text(with("200", "55"), "t.yaml"));
}

TEST(ScenarioRanges, AYearlyAmountsTableWhoseTotalWouldOverflowIsRefusedAtTheAmount) {
  const std::string fund = R"(programmes:
  - name: fund
    kind: special_fund
    stream: special_fiscal_fund
    appropriations: {2014: 92233720368547758.07, 2015: 0.01}
    allocation:
      - {level: county, rule: equal}
      - {level: household, rule: equal}
)";
  expect_error_at(kMinimal + fund, "0.01}",
                  "the appropriations add up to more than 92,233,720,368,547,758.07 yuan");
  EXPECT_NO_THROW(
      (void)load_scenario_text(kMinimal + replaced(fund, "2015: 0.01", "2015: 0"), "t.yaml"));
}

TEST(ScenarioRanges, TranchesWhoseTotalWouldOverflowAreRefusedAtTheAmount) {
  // Two townships selected: the largest amount per township is half the largest total.
  const std::string pkg = R"(programmes:
  - name: pkg
    kind: township_package
    stream: special_fiscal_fund
    cohorts:
      - {year: 2014, selection: poorest_first, count: 2}
    tranches:
      - {programme_year: 1, amount: AMOUNT}
    allocation:
      - {level: household, rule: equal}
)";
  expect_error_at(kMinimal + replaced(pkg, "AMOUNT", "92233720368547758.07"),
                  "92233720368547758.07",
                  "the tranches paid to the 2 units the cohorts select add up to more than "
                  "92,233,720,368,547,758.07 yuan");
  expect_error_at(kMinimal + replaced(pkg, "AMOUNT", "46116860184273879.04"),
                  "46116860184273879.04", "add up to more than");
  EXPECT_NO_THROW((void)load_scenario_text(
      kMinimal + replaced(pkg, "AMOUNT", "46116860184273879.03"), "t.yaml"));
}

TEST(ScenarioScale, CountyNamesAreResolvedWithoutScanningTheCounties) {
  // 2^31 - 1 counties: a scan over them (with an int counter) would never end.
  const std::string geography =
      "geography: {counties: 2147483647, townships_per_county: 1, villages_per_township: 1, "
      "households_per_village: 1}\n";
  const std::string base =
      replaced(kMinimal, kMinimal.substr(kMinimal.find("geography:")), geography);
  const std::string ew = R"(programmes:
  - name: ew
    kind: east_west
    stream: s
    pairings: [{donor: Shanghai, counties: COUNTIES}]
    fiscal_aid: {base: 1000}
    allocation: [{level: household, rule: equal}]
)";
  const auto with = [&](const std::string& counties) {
    return base + replaced(ew, "COUNTIES", counties);
  };
  const ScenarioSet set = load_scenario_text(with("[C2147483647, C01, C10]"), "t.yaml");
  EXPECT_EQ(set.variants.at(0).geography.counties, 2147483647);
  expect_error_at(with("[C2147483648]"), "C2147483648",
                  "no county 'C2147483648' in the geography; its counties are C01 to C2147483647");
  expect_error_at(with("[C99999999999999999999]"), "C99999999999999999999", "no county");
  expect_error_at(with("[C001]"), "C001", "no county 'C001'");
  expect_error_at(with("[C1]"), "C1]", "no county 'C1'");
  expect_error_at(with("[C00]"), "C00", "no county 'C00'");
  expect_error_at(with("[C-1]"), "C-1", "no county 'C-1'");
  expect_error_at(with("[C05, C06, C05]"), "C05]", "county 'C05' is listed twice");
}

// A scenario with `n` variants, each setting dynamics.growth to its own value.
std::string many_variants(int n) {
  std::string text = kMinimal + "dynamics: {growth: 0.5}\nvariants:\n";
  for (int i = 0; i < n; ++i) {
    text += "  - name: v" + std::to_string(i) + "\n    set:\n      dynamics.growth: 0." +
            std::to_string(i) + "1\n";
  }
  return text;
}

TEST(ScenarioScale, ManyVariantsLoadInTimeLinearInTheirNumber) {
  // Each variant used to re-read the whole file: 3,000 variants took minutes; now each is read
  // from the base and its own entry.
  const ScenarioSet set = load_scenario_text(many_variants(3000), "t.yaml");
  ASSERT_EQ(set.variants.size(), 3000U);
  EXPECT_DOUBLE_EQ(set.variants[0].dynamics.growth, 0.01);
  EXPECT_DOUBLE_EQ(set.variants[2999].dynamics.growth, 0.29991);
  EXPECT_EQ(set.variants[1234].variant, "v1234");
}

TEST(ScenarioScale, EveryLayoutOfTheVariantsResolvesAsTheWholeFileDoes) {
  const std::string base = kMinimal + "dynamics: {growth: 0.5}\n";
  const auto growths = [](const std::string& text) {
    std::vector<double> out;
    for (const Scenario& v : load_scenario_text(text, "t.yaml").variants)
      out.push_back(v.dynamics.growth);
    return out;
  };
  const std::vector<double> expected = {0.1, 0.5, 0.3};
  // Entries one per line; variants before other keys; comments between; the dash on its own
  // line; an alias into an earlier entry; flow style; an anchor in the base.
  EXPECT_EQ(growths(base + "variants:\n  - {name: a, set: {dynamics.growth: 0.1}}\n  - {name: b}\n"
                           "  - {name: c, set: {dynamics.growth: 0.3}}\n"),
            expected);
  EXPECT_EQ(growths("variants:\n  - name: a\n    set: {dynamics.growth: 0.1}\n  # b keeps the "
                    "base\n  - name: b\n"
                    "\n  - name: c\n    set:\n      dynamics.growth: 0.3\n" +
                    base),
            expected);
  EXPECT_EQ(
      growths(base +
              "variants:\n  -\n    name: a\n    set: {dynamics.growth: 0.1}\n  - name: b\n  -\n"
              "    name: c\n    set: {dynamics.growth: 0.3}\n"),
      expected);
  EXPECT_EQ(
      growths(base + "variants:\n  - name: a\n    set: &low {dynamics.growth: 0.1}\n  - name: b\n"
                     "  - name: c\n    set: {dynamics.growth: 0.3}\n  - name: d\n    set: *low\n"),
      (std::vector<double>{0.1, 0.5, 0.3, 0.1}));
  EXPECT_EQ(growths(base + "variants: [{name: a, set: {dynamics.growth: 0.1}}, {name: b},\n"
                           "  {name: c, set: {dynamics.growth: 0.3}}]\n"),
            expected);
  // Errors inside a variant keep the file's lines and columns and the variant's index.
  const std::string bad =
      base + "variants:\n  - name: a\n  - name: b\n    set: {dynamics.growht: 0.1}\n";
  expect_error_at(bad, "growht", "variants[1].set: path 'dynamics.growht': no key 'growht'");
  const std::string formula =
      base + "variants:\n  - name: a\n  - name: b\n    set: {dynamics.growth: 1e999}\n";
  expect_error_at(formula, "1e999", "dynamics.growth");
}

TEST(ScenarioRanges, EveryProgrammesMoneyOverThePeriodFitsWhereItIsRead) {
  // kMinimal: 2 x 3 x 2 x 10 = 120 households of at most 6 people, 3 years.
  const std::string max = "92233720368547758.07";
  const auto programme = [](const std::string& body) {
    return "programmes:\n  - name: p\n    stream: s\n" + body;
  };
  const std::string ew = programme(
      "    kind: east_west\n    pairings: [{donor: Shanghai, counties: [C01, C02]}]\n"
      "    fiscal_aid: {base: BASE, growth: GROWTH}\n    allocation: [{level: household, rule: "
      "equal}]\n");
  const auto aid = [&](const std::string& base, const std::string& growth) {
    return kMinimal + replaced(replaced(ew, "BASE", base), "GROWTH", growth);
  };
  expect_error_at(aid("1000", "1e300"), "1e300", "growth must be greater than -1 and at most 1");
  expect_error_at(aid("1000", "1.5"), "1.5}", "at most 1");
  // 3 years of compounding to 2 counties: base x (1 + 2 + 4) x 2 = 14 x base.
  expect_error_at(aid("6588122883467697.01", "1"), "1}\n    allocation",
                  "the fiscal aid of 3 years to the paired counties add up");
  EXPECT_NO_THROW((void)load_scenario_text(aid("6588122883467697", "1"), "t.yaml"));
  expect_error_at(aid(max, "0"), max, "add up to more than 92,233,720,368,547,758.07 yuan");

  const std::string enterprise = programme(
      "    kind: east_west\n    pairings: [{donor: Shanghai, counties: [C01]}]\n"
      "    enterprise: {investment_per_year: AMOUNT, jobs_per_million: 1, local_wage: 1000}\n");
  expect_error_at(kMinimal + replaced(enterprise, "AMOUNT", "30744573456182586.03"),
                  "30744573456182586.03",
                  "the investment of 3 years by every donor add up to more than");
  EXPECT_NO_THROW((void)load_scenario_text(
      kMinimal + replaced(enterprise, "AMOUNT", "30744573456182586.02"), "t.yaml"));

  const std::string paired = programme(
      "    kind: paired_assistance\n    units: [{name: u, counties: [C01], money_per_year: AMOUNT, "
      "households: 5}]\n"
      "    allocation: [{level: household, rule: equal}]\n");
  expect_error_at(kMinimal + replaced(paired, "AMOUNT", max), max,
                  "the unit's money of 3 years add up to more than");

  const std::string credit = programme(
      "    kind: microcredit\n    loans: {2014: 5, 2015: 5}\n    loan: {amount: AMOUNT, "
      "interest_rate: 0}\n");
  expect_error_at(kMinimal + replaced(credit, "AMOUNT", "9223372036854775.81"),
                  "9223372036854775.81",
                  "the loans of all years with their interest add up to more than");
  EXPECT_NO_THROW((void)load_scenario_text(
      kMinimal + replaced(credit, "AMOUNT", "9223372036854775.80"), "t.yaml"));

  const std::string fund = programme(
      "    kind: mutual_aid_fund\n    seed: {year: 2014, villages: 10, capital: AMOUNT}\n    loan: "
      "{amount: 100}\n");
  expect_error_at(kMinimal + replaced(fund, "AMOUNT", max), max,
                  "the seed capital of 10 village funds");

  // A township package's top-ups count with its tranches: 2 townships × 1 yuan of tranches, then a
  // top-up to both whose total no longer fits.
  const std::string package = programme(
      "    kind: township_package\n    cohorts: [{year: 2014, selection: poorest_first, count: "
      "2}]\n"
      "    tranches: [{programme_year: 1, amount: 1}]\n    top_ups: [{cohort: 2014, year: 2015, "
      "amount: AMOUNT}]\n"
      "    allocation: [{level: household, rule: equal}]\n");
  expect_error_at(
      kMinimal + replaced(package, "AMOUNT", "46116860184273878.04"), "46116860184273878.04",
      "the township package's money with this top-up (2 townships) adds up to more than");
  EXPECT_NO_THROW((void)load_scenario_text(
      kMinimal + replaced(package, "AMOUNT", "46116860184273878.02"), "t.yaml"));

  // The minimum living guarantee: 1e15 yuan a person used to overflow the ledger after the run.
  expect_error_at(kMinimal + "management: {dibao_line: 1e15}\n", "1e15",
                  "must be at most 1000000000 yuan, got 1e15");
  const std::string huge = replaced(kMinimal, kMinimal.substr(kMinimal.find("geography:")),
                                    "geography: {counties: 2147483647, townships_per_county: 1, "
                                    "villages_per_township: 1, households_per_village: 1}\n");
  expect_error_at(huge + "management: {dibao_line: 1e9}\n", "1e9",
                  "the minimum living guarantee of every person for 3 years add up to more than");
  EXPECT_NO_THROW((void)load_scenario_text(huge + "management: {dibao_line: 4000}\n", "t.yaml"));
}

TEST(ScenarioRanges, AmountsAndGrowthRatesAreBoundedAndThePovertyLineIsCheckedEveryYear) {
  expect_error_at(replaced(kMinimal, "growth: 0}", "growth: 1e300}"), "1e300",
                  "growth must be greater than -1 and at most 1");
  // Every year of the line: 2800 shrinking by 99.99999999999999% a year is below a fen by 2015.
  expect_error_at(replaced(kMinimal, "growth: 0}", "growth: -0.9999999999999999}"),
                  "-0.9999999999999999", "every year's line must be at least 0.01");
  expect_error_at(replaced(kMinimal, "base: 2800", "base: 1e308"), "1e308",
                  "must be at most 1000000000 yuan");
  // A base year far from the period: 2800 doubling from 1900 passes 1e9 yuan long before 2014.
  expect_error_at(replaced(replaced(kMinimal, "growth: 0}", "growth: 1}"), "base_year: 2014",
                           "base_year: 1900"),
                  "1}",
                  "in 2014; every year's line must be at least 0.01 and at most 1000000000 yuan");
  expect_error_at(kMinimal + "population: {income: {median: 1e308, gini: 0.4}}\n", "1e308",
                  "at most 1000000000 yuan");
  expect_error_at(kMinimal + "dynamics: {noise_sd: 1e308}\n", "1e308", "must be between 0 and 5");
  expect_error_at(kMinimal + "dynamics: {growth: 2}\n", "2}", "at most 1");
  expect_error_at(kMinimal + "interventions: {job_wage: 1e308}\n", "1e308",
                  "at most 1000000000 yuan");
}

// kMinimal with a special fund whose county stage weighs by `formula`.
std::string with_formula(const std::string& formula) {
  const std::string fund = R"(programmes:
  - name: fund
    kind: special_fund
    stream: special_fiscal_fund
    appropriations: {2014: 1000}
    allocation:
      - {level: county, rule: formula, formula: "FORMULA"}
      - {level: household, rule: equal}
)";
  return kMinimal + replaced(fund, "FORMULA", formula);
}

TEST(ScenarioRanges, AFormulaIsEvaluatedAtTheBoundsOfItsVariablesWhenLoaded) {
  const auto with = with_formula;
  expect_error_at(with("1 / poor_people"), "\"1 / poor_people",
                  "rule 'formula': formula '1 / poor_people' gives inf for poor_people = 0");
  expect_error_at(with("sqrt(income)"), "\"sqrt(income)", "gives nan for income = -1e+15");
  expect_error_at(with("poverty_gap - 1000"), "\"poverty_gap - 1000",
                  "gives -1000 for poverty_gap = 0");
  expect_error_at(with("poverty_gap ^ 30"), "\"poverty_gap ^ 30",
                  "gives inf for poverty_gap = 1e+15");
  expect_error_at(with("1e308 * (1 + border)"), "\"1e308", "gives inf for border = 1");
  EXPECT_NO_THROW((void)load_scenario_text(with("poor_people * (1 + ethnic_minority)"), "t.yaml"));
  EXPECT_NO_THROW(
      (void)load_scenario_text(with("1 / people + max(poverty_gap - 500, 0)"), "t.yaml"));
  EXPECT_NO_THROW((void)load_scenario_text(with("income < 2000 ? need : 0"), "t.yaml"));
}

// Between the bounds: a division by zero or a root of a negative number at a value a candidate
// can have, which the bounds alone miss (they passed before the grid was checked).
TEST(ScenarioRanges, AFormulaIsEvaluatedAtAGridBetweenTheBoundsWhenLoaded) {
  const auto with = with_formula;
  expect_error_at(with("1 / (people - 2)"), "\"1 / (people - 2)", "gives -1 for people = 1");
  expect_error_at(with("abs(1 / (people - 3))"), "\"abs(", "gives inf for people = 3");
  expect_error_at(with("abs(1 / (headcount_ratio - 0.5))"), "\"abs(",
                  "gives inf for headcount_ratio = 0.5");
  expect_error_at(with("abs(1 / (income - 2500))"), "\"abs(", "gives inf for income = 2500");
  // Many variables: each over its grid at the others' bounds.
  expect_error_at(
      with("abs(1 / (households - 7)) + poor_people + need + poverty_gap + assessment + border"),
      "\"abs(", "households = 7, need = 0");
  EXPECT_NO_THROW(
      (void)load_scenario_text(with("poverty_gap * (1 + ethnic_minority) + need * assessment + "
                                    "poor_people / people + border + income * 0"),
                               "t.yaml"));
}

TEST(ScenarioParsing, ANumberHasAtMostOneSign) {
  expect_error_at(kMinimal + "dynamics: {growth: +-0.08}\n", "+-0.08",
                  "expected a number, got '+-0.08'");
  expect_error_at(kMinimal + "dynamics: {growth: ++0.08}\n", "++0.08", "expected a number");
  expect_error_at(kMinimal + "dynamics: {growth: -+0.08}\n", "-+0.08", "expected a number");
  expect_error_at(replaced(kMinimal, "counties: 2,", "counties: +-2,"), "+-2",
                  "expected an integer, got '+-2'");
  expect_error_at(replaced(kMinimal, "counties: 2,", "counties: -+2,"), "-+2",
                  "expected an integer");
  const ScenarioSet set = load_scenario_text(kMinimal + "dynamics: {growth: +0.08}\n", "t.yaml");
  EXPECT_DOUBLE_EQ(set.variants.at(0).dynamics.growth, 0.08);
}

TEST(ScenarioParsing, ATaggedStringIsNotANumber) {
  expect_error_at(replaced(kMinimal, "counties: 2,", "counties: !!str 7,"), "!!str 7",
                  "geography.counties: expected an integer, got the value '7' tagged !!str");
  expect_error_at(kMinimal + "dynamics: {growth: !!str 0.08}\n", "!!str 0.08", "expected a number");
  expect_error_at(replaced(kMinimal, "base: 2800", "base: !!str 2800"), "!!str 2800",
                  "expected a number");
  expect_error_at(kMinimal + "management: {verify_guarantees: !!str true}\n", "!!str true",
                  "expected true or false");
  // The matching core tag is only explicit about what the plain scalar already is.
  const ScenarioSet set =
      load_scenario_text(replaced(kMinimal, "counties: 2,", "counties: !!int 2,") +
                             "dynamics: {growth: !!float 0.5}\n",
                         "t.yaml");
  EXPECT_EQ(set.variants.at(0).geography.counties, 2);
  EXPECT_DOUBLE_EQ(set.variants.at(0).dynamics.growth, 0.5);
}

TEST(ScenarioParsing, ADuplicatePathInAVariantSetIsLocatedAtTheSecond) {
  const std::string text = kMinimal +
                           "variants:\n"
                           "  - name: a\n"
                           "    set:\n"
                           "      dynamics.growth: 0.01\n"
                           "      dynamics.noise_sd: 0.1\n"
                           "      dynamics.growth: 0.02\n";
  const ScenarioError e = load_error(text);
  EXPECT_EQ(e.where().line, 10);
  EXPECT_EQ(e.where().column, 7);
  EXPECT_TRUE(
      contains(e, "duplicate key 'dynamics.growth' in variants[0].set (first given at line 8)"))
      << e.what();
}

TEST(ScenarioParsing, AnEmptyValueIsReportedAtItsKey) {
  const std::string tail = kMinimal.substr(kMinimal.find('\n') + 1);
  const ScenarioError e = load_error("name:\n" + tail);
  EXPECT_EQ(e.where().line, 1);
  EXPECT_EQ(e.where().column, 1);
  EXPECT_TRUE(contains(e, "name: expected a text, got nothing")) << e.what();

  const ScenarioError g = load_error(kMinimal + "dynamics:\n  growth:\n  noise_sd: 0.1\n");
  EXPECT_EQ(g.where().line, 6);
  EXPECT_EQ(g.where().column, 3);
  EXPECT_TRUE(contains(g, "dynamics.growth: expected a number, got nothing")) << g.what();
}

}  // namespace
}  // namespace fupin::models
