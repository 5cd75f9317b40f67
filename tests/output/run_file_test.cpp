#include "output/run_file.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "fupin/version.hpp"
#include "models/causes.hpp"
#include "tests/output/h5_reader.hpp"
#include "tests/output/sample_run.hpp"

namespace fupin::output {
namespace {

namespace fs = std::filesystem;
using detail::H5Handle;
using testing::H5Reader;
using ::testing::HasSubstr;
using testing::make_sample_run;

class RunFile : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() / ("fupin-output-test-" + std::to_string(::getpid()) + "-" +
                                        info->test_suite_name() + "-" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  [[nodiscard]] std::string file(const std::string& name) const { return (dir_ / name).string(); }

  [[nodiscard]] std::vector<std::string> listing() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir_)) {
      names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  // Writes the sample run and returns the path.
  std::string write_sample(const std::string& name = "run.h5") {
    std::string path = file(name);
    write_run_file(make_sample_run(), path);
    return path;
  }

  fs::path dir_;
};
using RunFileAtomic = RunFile;

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

// Names of the members of a group in creation order.
std::vector<std::string> members_in_creation_order(const H5Reader& r, const std::string& group) {
  std::vector<std::string> names;
  auto collect = [](hid_t, const char* name, const H5L_info_t*, void* data) -> herr_t {
    static_cast<std::vector<std::string>*>(data)->push_back(name);
    return 0;
  };
  H5Handle g = r.open(group);
  hsize_t idx = 0;
  if (H5Literate(g.get(), H5_INDEX_CRT_ORDER, H5_ITER_INC, &idx, collect, &names) < 0) {
    throw std::runtime_error("cannot iterate " + group + " in creation order");
  }
  return names;
}

std::vector<std::string> expected_summary_datasets() {
  return {"poverty_line",
          "population",
          "households",
          "poor_people",
          "poor_households",
          "headcount_ratio",
          "fgt1",
          "fgt2",
          "mean_income",
          "median_income",
          "gini",
          "share_above",
          "registered_households",
          "newly_registered",
          "exits",
          "returns",
          "townships_selected",
          "registered_not_poor",
          "poor_not_registered",
          "safe_housing_share",
          "insured_share",
          "schooling_share",
          "counties_exited",
          "registered_by_cause",
          "disbursed_fen",
          "disbursed_yuan",
          "spent_fen",
          "spent_yuan",
          "idle_fen",
          "idle_yuan",
          "mean_earned",
          "mean_returns",
          "mean_wages",
          "mean_remittances",
          "mean_transfers",
          "mean_costs",
          "people_lifted",
          "cost_per_person_lifted"};
}

// ---------------------------------------------------------------- layout and values

TEST_F(RunFile, MetaHoldsRunAttributesAndScenarioText) {
  const auto run = make_sample_run();
  H5Reader r(write_sample());
  EXPECT_EQ(r.attr_string("/meta", "fupin_version"), std::string(fupin::kVersion));
  EXPECT_EQ(r.attr<std::int32_t>("/meta", "layout_version"), kRunFileLayoutVersion);
  EXPECT_EQ(r.attr_string("/meta", "created_by"), "fupin");
  EXPECT_EQ(r.attr_string("/meta", "scenario_name"), run.scenario_name);
  EXPECT_EQ(r.attr_string("/meta", "scenario_file"), run.scenario_file);
  EXPECT_EQ(r.attr<std::uint64_t>("/meta", "seed"), 18'446'744'073'709'551'557ULL);
  EXPECT_EQ(r.attr<std::uint32_t>("/meta", "threads"), 4U);
  EXPECT_EQ(r.attr<std::int64_t>("/meta", "households"), 12345);

  EXPECT_TRUE(r.dims("/meta/scenario").empty()) << "scenario text is one scalar string";
  const auto text = r.read_strings("/meta/scenario");
  ASSERT_EQ(text.size(), 1U);
  EXPECT_EQ(text[0], run.scenario_text);

  // Nothing that varies between runs (no timestamps, host names, ...).
  std::set<std::string> names;
  for (const auto& n : r.attr_names("/meta")) names.insert(n);
  EXPECT_EQ(names, (std::set<std::string>{"created_by", "fupin_version", "households",
                                          "layout_version", "scenario_file", "scenario_name",
                                          "seed", "threads", "warnings"}));
  EXPECT_EQ(r.attr_strings("/meta", "warnings"), run.warnings);
}

TEST_F(RunFile, GeographyHasNamesParentsAndIndexScales) {
  const auto run = make_sample_run();
  H5Reader r(write_sample());
  EXPECT_EQ(r.attr_strings("/geography", "levels"),
            (std::vector<std::string>{"county", "township", "village"}));
  std::string parent_level;
  for (const auto& table : run.geography) {
    const std::string g = "/geography/" + table.level;
    EXPECT_EQ(r.read_strings(g + "/name"), table.names) << g;
    EXPECT_EQ(r.read<std::int32_t>(g + "/parent"), table.parent) << g;
    EXPECT_EQ(r.attr_string(g, "parent_level"), parent_level);
    const auto index = r.read<std::int32_t>(g + "/" + table.level);
    ASSERT_EQ(index.size(), table.names.size());
    for (std::size_t i = 0; i < index.size(); ++i) EXPECT_EQ(index[i], static_cast<int>(i));
    EXPECT_TRUE(r.is_scale(g + "/" + table.level));
    EXPECT_EQ(r.scale_name(g + "/" + table.level), table.level);
    EXPECT_TRUE(r.is_attached(g + "/name", g + "/" + table.level, 0));
    EXPECT_TRUE(r.is_attached(g + "/parent", g + "/" + table.level, 0));
    if (table.province.empty()) {
      EXPECT_FALSE(r.exists(g + "/province")) << g;
    } else {
      // Counties of a geography with provinces record their province.
      EXPECT_EQ(r.read_strings(g + "/province"), table.province) << g;
      EXPECT_TRUE(r.is_attached(g + "/province", g + "/" + table.level, 0));
    }
    parent_level = table.level;
  }
  EXPECT_EQ(run.geography.front().province, (std::vector<std::string>{"云南", "云南"}));
}

TEST_F(RunFile, VariantsAreGroupsInScenarioOrderWithAttributes) {
  const auto run = make_sample_run();
  H5Reader r(write_sample());
  EXPECT_EQ(members_in_creation_order(r, "/variants"),
            (std::vector<std::string>{"base", "poorest_first", "empty"}));
  for (const auto& v : run.variants) {
    const std::string g = "/variants/" + v.name;
    EXPECT_EQ(r.attr_string(g, "description"), v.description);
    EXPECT_EQ(r.attr<std::uint64_t>(g, "events"), v.events);
  }
}

TEST_F(RunFile, VariantsRecordTheirCounterfactualWhenTheScenarioNamesOne) {
  auto run = make_sample_run();
  run.variants[0].counterfactual = "empty";
  run.variants[2].counterfactual = "empty";
  const std::string path = file("counterfactual.h5");
  write_run_file(run, path);
  H5Reader r(path);
  EXPECT_EQ(r.attr_string("/variants/base", "counterfactual"), "empty");
  EXPECT_EQ(r.attr_string("/variants/empty", "counterfactual"), "empty");
  EXPECT_FALSE(r.has_attr("/variants/poorest_first", "counterfactual"));
  H5Reader plain(write_sample());
  EXPECT_FALSE(plain.has_attr("/variants/base", "counterfactual"));
}

TEST_F(RunFile, SummaryHoldsEveryFieldOfEveryYear) {
  const auto run = make_sample_run();
  H5Reader r(write_sample());
  for (const auto& v : run.variants) {
    const std::string s = "/variants/" + v.name + "/summary/";
    const auto& ys = v.years;
    auto doubles = [&](auto member) {
      std::vector<double> out;
      out.reserve(ys.size());
      for (const auto& y : ys) out.push_back(y.*member);
      return out;
    };
    auto ints = [&](auto member) {
      std::vector<std::int64_t> out;
      out.reserve(ys.size());
      for (const auto& y : ys) out.push_back(y.*member);
      return out;
    };
    auto fen = [&](sim::Money models::YearSummary::*member) {
      std::vector<std::int64_t> out;
      out.reserve(ys.size());
      for (const auto& y : ys) out.push_back((y.*member).fen());
      return out;
    };
    auto yuan = [&](sim::Money models::YearSummary::*member) {
      std::vector<double> out;
      out.reserve(ys.size());
      for (const auto& y : ys) out.push_back(static_cast<double>((y.*member).fen()) / 100.0);
      return out;
    };
    using Y = models::YearSummary;
    std::vector<std::int32_t> years;
    years.reserve(ys.size());
    for (const auto& y : ys) years.push_back(y.year);
    EXPECT_EQ(r.read<std::int32_t>(s + "year"), years);
    EXPECT_EQ(r.read<double>(s + "threshold"), run.thresholds);
    EXPECT_EQ(r.read<double>(s + "poverty_line"), doubles(&Y::poverty_line));
    EXPECT_EQ(r.read<double>(s + "population"), doubles(&Y::population));
    EXPECT_EQ(r.read<std::int64_t>(s + "households"), ints(&Y::households));
    EXPECT_EQ(r.read<double>(s + "poor_people"), doubles(&Y::poor_people));
    EXPECT_EQ(r.read<std::int64_t>(s + "poor_households"), ints(&Y::poor_households));
    EXPECT_EQ(r.read<double>(s + "headcount_ratio"), doubles(&Y::headcount_ratio));
    EXPECT_EQ(r.read<double>(s + "fgt1"), doubles(&Y::fgt1));
    EXPECT_EQ(r.read<double>(s + "fgt2"), doubles(&Y::fgt2));
    EXPECT_EQ(r.read<double>(s + "mean_income"), doubles(&Y::mean_income));
    EXPECT_EQ(r.read<double>(s + "median_income"), doubles(&Y::median_income));
    const auto component = [&](double models::IncomeComponents::*member) {
      std::vector<double> out;
      out.reserve(ys.size());
      for (const auto& y : ys) out.push_back(y.mean_components.*member);
      return out;
    };
    EXPECT_EQ(r.read<double>(s + "mean_earned"), component(&models::IncomeComponents::earned));
    EXPECT_EQ(r.read<double>(s + "mean_returns"), component(&models::IncomeComponents::returns));
    EXPECT_EQ(r.read<double>(s + "mean_wages"), component(&models::IncomeComponents::wages));
    EXPECT_EQ(r.read<double>(s + "mean_remittances"),
              component(&models::IncomeComponents::remittances));
    EXPECT_EQ(r.read<double>(s + "mean_transfers"),
              component(&models::IncomeComponents::transfers));
    EXPECT_EQ(r.read<double>(s + "mean_costs"), component(&models::IncomeComponents::costs));
    EXPECT_EQ(r.read<double>(s + "gini"), doubles(&Y::gini));
    EXPECT_EQ(r.read<std::int64_t>(s + "registered_households"), ints(&Y::registered_households));
    EXPECT_EQ(r.read<std::int64_t>(s + "newly_registered"), ints(&Y::newly_registered));
    EXPECT_EQ(r.read<std::int64_t>(s + "exits"), ints(&Y::exits));
    EXPECT_EQ(r.read<std::int64_t>(s + "returns"), ints(&Y::returns));
    EXPECT_EQ(r.read<std::int64_t>(s + "townships_selected"), ints(&Y::townships_selected));
    EXPECT_EQ(r.read<std::int64_t>(s + "disbursed_fen"), fen(&Y::disbursed));
    EXPECT_EQ(r.read<std::int64_t>(s + "spent_fen"), fen(&Y::spent));
    EXPECT_EQ(r.read<std::int64_t>(s + "idle_fen"), fen(&Y::idle));
    EXPECT_EQ(r.read<double>(s + "disbursed_yuan"), yuan(&Y::disbursed));
    EXPECT_EQ(r.read<double>(s + "spent_yuan"), yuan(&Y::spent));
    EXPECT_EQ(r.read<double>(s + "idle_yuan"), yuan(&Y::idle));

    std::vector<double> share;
    for (const auto& y : ys) share.insert(share.end(), y.share_above.begin(), y.share_above.end());
    EXPECT_EQ(r.dims(s + "share_above"), (std::vector<hsize_t>{ys.size(), run.thresholds.size()}));
    EXPECT_EQ(r.read<double>(s + "share_above"), share);
  }
}

TEST_F(RunFile, MoneyIsExactInFenBeyondDoublePrecision) {
  H5Reader r(write_sample());
  const auto fen = r.read<std::int64_t>("/variants/base/summary/disbursed_fen");
  ASSERT_EQ(fen.size(), 3U);
  EXPECT_EQ(fen[0], 9'007'199'254'740'993);  // 2^53 + 1
  EXPECT_EQ(fen[1], 9'007'199'254'740'994);
  const auto flows = r.read<std::int64_t>("/variants/base/ledger/flows/amount_fen");
  ASSERT_FALSE(flows.empty());
  EXPECT_EQ(flows[0], 9'007'199'254'740'993);
  EXPECT_EQ(r.attr_string("/variants/base/summary/disbursed_fen", "units"), "fen");
  EXPECT_EQ(r.attr_string("/variants/base/summary/disbursed_yuan", "units"), "yuan");
}

TEST_F(RunFile, SummaryDatasetsHaveYearAndThresholdDimensionScales) {
  H5Reader r(write_sample());
  for (const std::string v : {"base", "poorest_first", "empty"}) {
    const std::string s = "/variants/" + v + "/summary/";
    EXPECT_TRUE(r.is_scale(s + "year"));
    EXPECT_EQ(r.scale_name(s + "year"), "year");
    EXPECT_TRUE(r.is_scale(s + "threshold"));
    EXPECT_EQ(r.scale_name(s + "threshold"), "threshold");
    const auto n_years = v == "empty" ? 0U : 3U;
    for (const auto& name : expected_summary_datasets()) {
      SCOPED_TRACE(s + name);
      EXPECT_FALSE(r.is_scale(s + name));
      EXPECT_TRUE(r.is_attached(s + name, s + "year", 0));
      EXPECT_EQ(r.dims(s + name).at(0), n_years);
      if (name != "share_above" && name != "registered_by_cause") {
        EXPECT_EQ(r.dims(s + name).size(), 1U);
      }
    }
    EXPECT_TRUE(r.is_attached(s + "share_above", s + "threshold", 1));
    EXPECT_FALSE(r.is_attached(s + "share_above", s + "year", 1));
  }
}

TEST_F(RunFile, SummaryGroupHoldsExactlyTheDocumentedDatasets) {
  H5Reader r(write_sample());
  std::set<std::string> found;
  const std::string prefix = "/variants/base/summary/";
  for (const auto& p : r.dataset_paths()) {
    if (p.rfind(prefix, 0) == 0) found.insert(p.substr(prefix.size()));
  }
  std::set<std::string> expected{"year", "threshold", "cause", "cause_name"};
  for (const auto& n : expected_summary_datasets()) expected.insert(n);
  EXPECT_EQ(found, expected);
}

TEST_F(RunFile, LedgerHoldsAccountsStreamsFlowsAndBalances) {
  const auto run = make_sample_run();
  H5Reader r(write_sample());
  for (const auto& v : run.variants) {
    const std::string l = "/variants/" + v.name + "/ledger/";
    const auto& ledger = v.ledger;
    std::vector<std::string> names;
    std::vector<std::string> kinds;
    std::vector<std::uint8_t> source;
    for (const auto& a : ledger.accounts) {
      names.push_back(a.name);
      kinds.push_back(a.kind);
      source.push_back(a.is_source ? 1 : 0);
    }
    EXPECT_EQ(r.read_strings(l + "accounts/name"), names);
    EXPECT_EQ(r.read_strings(l + "accounts/kind"), kinds);
    EXPECT_EQ(r.read<std::uint8_t>(l + "accounts/is_source"), source);
    EXPECT_EQ(r.read_strings(l + "streams"), ledger.streams);

    std::vector<std::int32_t> year, stream, from, to;
    std::vector<std::int64_t> amount;
    for (const auto& f : ledger.flows) {
      year.push_back(f.year);
      stream.push_back(static_cast<std::int32_t>(f.stream));
      from.push_back(static_cast<std::int32_t>(f.from));
      to.push_back(static_cast<std::int32_t>(f.to));
      amount.push_back(f.amount.fen());
    }
    EXPECT_EQ(r.read<std::int32_t>(l + "flows/year"), year);
    EXPECT_EQ(r.read<std::int32_t>(l + "flows/stream"), stream);
    EXPECT_EQ(r.read<std::int32_t>(l + "flows/from"), from);
    EXPECT_EQ(r.read<std::int32_t>(l + "flows/to"), to);
    EXPECT_EQ(r.read<std::int64_t>(l + "flows/amount_fen"), amount);

    EXPECT_EQ(r.read<std::int32_t>(l + "year"),
              std::vector<std::int32_t>(ledger.years.begin(), ledger.years.end()));
    std::vector<std::int64_t> balances;
    for (const auto& row : ledger.balances) {
      for (const auto& m : row) balances.push_back(m.fen());
    }
    EXPECT_EQ(r.dims(l + "balances_fen"),
              (std::vector<hsize_t>{ledger.years.size(), ledger.accounts.size()}));
    EXPECT_EQ(r.read<std::int64_t>(l + "balances_fen"), balances);
  }
}

TEST_F(RunFile, LedgerDatasetsHaveDimensionScales) {
  H5Reader r(write_sample());
  const std::string l = "/variants/base/ledger/";
  for (const std::string scale : {"year", "account", "stream", "flows/flow"}) {
    EXPECT_TRUE(r.is_scale(l + scale)) << scale;
  }
  EXPECT_EQ(r.scale_name(l + "flows/flow"), "flow");
  EXPECT_EQ(r.read<std::int32_t>(l + "account"), (std::vector<std::int32_t>{0, 1, 2, 3}));
  EXPECT_TRUE(r.is_attached(l + "balances_fen", l + "year", 0));
  EXPECT_TRUE(r.is_attached(l + "balances_fen", l + "account", 1));
  EXPECT_TRUE(r.is_attached(l + "streams", l + "stream", 0));
  for (const std::string a : {"name", "kind", "is_source"}) {
    EXPECT_TRUE(r.is_attached(l + "accounts/" + a, l + "account", 0)) << a;
  }
  for (const std::string f : {"year", "stream", "from", "to", "amount_fen"}) {
    EXPECT_TRUE(r.is_attached(l + "flows/" + f, l + "flows/flow", 0)) << f;
    EXPECT_FALSE(r.is_scale(l + "flows/" + f)) << f;
  }
}

TEST_F(RunFile, TownshipCohortPerTownship) {
  H5Reader r(write_sample());
  EXPECT_EQ(r.read<std::int32_t>("/variants/base/township_cohort"),
            (std::vector<std::int32_t>{2016, 0, 2017}));
  EXPECT_EQ(r.read<std::int32_t>("/variants/poorest_first/township_cohort"),
            (std::vector<std::int32_t>{2017, 2016, 0}));
  EXPECT_TRUE(r.is_scale("/variants/base/township"));
  EXPECT_TRUE(r.is_attached("/variants/base/township_cohort", "/variants/base/township", 0));
  EXPECT_EQ(r.attr_string("/variants/base/township_cohort", "units"), "year");
}

// Dataset names of one programme group in creation order: the year scale, then <name>_fen and
// <name>_yuan per money series, then one per measure.
std::vector<std::string> expected_programme_datasets(const models::ProgrammeSeries& p) {
  std::vector<std::string> names{"year"};
  for (const auto& a : p.money) {
    names.push_back(a.name + "_fen");
    names.push_back(a.name + "_yuan");
  }
  for (const auto& m : p.measures) names.push_back(m.name);
  return names;
}

TEST_F(RunFile, SampleHasAProgrammeWithMeasuresAndOneWithOnlyMoney) {
  const auto run = make_sample_run();
  for (const auto& v : run.variants) {
    ASSERT_EQ(v.programmes.size(), 2U) << v.name;
    EXPECT_FALSE(v.programmes[0].money.empty());
    EXPECT_FALSE(v.programmes[0].measures.empty());
    EXPECT_FALSE(v.programmes[1].money.empty());
    EXPECT_TRUE(v.programmes[1].measures.empty());
  }
}

TEST_F(RunFile, ProgrammesAreGroupsInScenarioOrderWithKindAndStream) {
  const auto run = make_sample_run();
  H5Reader r(write_sample());
  for (const auto& v : run.variants) {
    const std::string g = "/variants/" + v.name + "/programmes";
    SCOPED_TRACE(g);
    EXPECT_EQ(r.attr_names(g), std::vector<std::string>{"description"});
    EXPECT_FALSE(r.attr_string(g, "description").empty());
    std::vector<std::string> names;
    for (const auto& p : v.programmes) names.push_back(p.name);
    EXPECT_EQ(members_in_creation_order(r, g), names);
    for (const auto& p : v.programmes) {
      const std::string pg = g + "/" + p.name;
      EXPECT_EQ(r.attr_names(pg), (std::vector<std::string>{"kind", "stream"})) << pg;
      EXPECT_EQ(r.attr_string(pg, "kind"), p.kind);
      EXPECT_EQ(r.attr_string(pg, "stream"), p.stream);
      EXPECT_EQ(members_in_creation_order(r, pg), expected_programme_datasets(p));
    }
  }
  // The programmes group comes after everything else of the variant.
  EXPECT_EQ(members_in_creation_order(r, "/variants/base"),
            (std::vector<std::string>{"scenario", "summary", "township", "township_cohort",
                                      "ledger", "programmes"}));
}

TEST_F(RunFile, ProgrammeSeriesHoldEveryValueExactly) {
  const auto run = make_sample_run();
  H5Reader r(write_sample());
  int checked = 0;
  for (const auto& v : run.variants) {
    for (const auto& p : v.programmes) {
      const std::string pg = "/variants/" + v.name + "/programmes/" + p.name + "/";
      SCOPED_TRACE(pg);
      EXPECT_EQ(r.read<std::int32_t>(pg + "year"),
                std::vector<std::int32_t>(p.years.begin(), p.years.end()));
      EXPECT_EQ(r.attr_string(pg + "year", "units"), "year");
      for (const auto& a : p.money) {
        std::vector<std::int64_t> fen;
        std::vector<double> yuan;
        for (const auto& m : a.values) {
          fen.push_back(m.fen());
          yuan.push_back(static_cast<double>(m.fen()) / 100.0);
        }
        EXPECT_EQ(r.read<std::int64_t>(pg + a.name + "_fen"), fen);
        EXPECT_EQ(r.read<double>(pg + a.name + "_yuan"), yuan);
        EXPECT_EQ(r.attr_string(pg + a.name + "_fen", "units"), "fen");
        EXPECT_EQ(r.attr_string(pg + a.name + "_yuan", "units"), "yuan");
        EXPECT_EQ(r.attr_string(pg + a.name + "_fen", "description"), a.description + " (exact)");
        EXPECT_EQ(r.attr_string(pg + a.name + "_yuan", "description"),
                  a.description + " (= " + a.name + "_fen / 100, rounded)");
        checked += static_cast<int>(a.values.size());
      }
      for (const auto& m : p.measures) {
        EXPECT_EQ(r.read<double>(pg + m.name), m.values);
        EXPECT_EQ(r.attr_string(pg + m.name, "units"), m.units);
        EXPECT_EQ(r.attr_string(pg + m.name, "description"), m.description);
        checked += static_cast<int>(m.values.size());
      }
    }
  }
  EXPECT_EQ(checked, 2 * 3 * (3 + 2));  // two variants with years, three years, five series

  // Spot checks against literal values, independent of the loop above.
  const std::string base = "/variants/base/programmes/";
  EXPECT_EQ(r.read<std::int64_t>(base + "township_package/allocated_fen"),
            (std::vector<std::int64_t>{9'007'199'254'740'993, 9'007'199'254'740'995,
                                       9'007'199'254'740'997}));
  EXPECT_EQ(r.read<std::int64_t>(base + "township_package/spent_fen").at(1), -12'345);
  EXPECT_EQ(r.read<double>(base + "township_package/spent_yuan").at(1), -123.45);
  EXPECT_EQ(r.read<double>(base + "township_package/coverage").at(0), 0.1 + 0.2);
  EXPECT_EQ(r.read<std::int64_t>("/variants/poorest_first/programmes/east_west_aid/transferred_fen")
                .at(0),
            9'223'372'036'854'775'806);
  EXPECT_EQ(r.attr_string(base + "township_package/coverage", "units"), "share");
}

TEST_F(RunFile, ProgrammeDatasetsHaveTheYearScale) {
  const auto run = make_sample_run();
  H5Reader r(write_sample());
  for (const auto& v : run.variants) {
    for (const auto& p : v.programmes) {
      const std::string pg = "/variants/" + v.name + "/programmes/" + p.name + "/";
      EXPECT_TRUE(r.is_scale(pg + "year")) << pg;
      EXPECT_EQ(r.scale_name(pg + "year"), "year");
      const auto names = expected_programme_datasets(p);
      for (std::size_t i = 1; i < names.size(); ++i) {
        SCOPED_TRACE(pg + names[i]);
        EXPECT_FALSE(r.is_scale(pg + names[i]));
        EXPECT_TRUE(r.is_attached(pg + names[i], pg + "year", 0));
        EXPECT_EQ(r.dims(pg + names[i]), std::vector<hsize_t>{p.years.size()});
      }
      // The summary's year scale is a different dataset; programme series use their own.
      EXPECT_FALSE(r.is_attached(pg + names.back(), "/variants/" + v.name + "/summary/year", 0));
    }
  }
}

TEST_F(RunFile, ProgrammeGroupsHoldExactlyTheirSeries) {
  const auto run = make_sample_run();
  H5Reader r(write_sample());
  const std::string prefix = "/variants/base/programmes/";
  std::set<std::string> found;
  for (const auto& p : r.object_paths()) {
    if (p.rfind(prefix, 0) == 0) found.insert(p.substr(prefix.size()));
  }
  std::set<std::string> expected;
  for (const auto& p : run.variants[0].programmes) {
    expected.insert(p.name);
    for (const auto& n : expected_programme_datasets(p)) expected.insert(p.name + "/" + n);
  }
  EXPECT_EQ(found, expected);
  EXPECT_EQ(members_in_creation_order(r, prefix + "east_west_aid"),
            (std::vector<std::string>{"year", "transferred_fen", "transferred_yuan"}));
}

TEST_F(RunFile, EmptyVariantHasZeroLengthDatasets) {
  H5Reader r(write_sample());
  const std::string v = "/variants/empty/";
  EXPECT_EQ(r.dims(v + "summary/year"), (std::vector<hsize_t>{0}));
  EXPECT_EQ(r.dims(v + "summary/share_above"), (std::vector<hsize_t>{0, 3}));
  EXPECT_EQ(r.dims(v + "ledger/balances_fen"), (std::vector<hsize_t>{0, 0}));
  EXPECT_TRUE(r.read_strings(v + "ledger/accounts/name").empty());
  EXPECT_TRUE(r.read<std::int64_t>(v + "ledger/flows/amount_fen").empty());
  EXPECT_TRUE(r.read<std::int32_t>(v + "township_cohort").empty());
  EXPECT_EQ(r.attr_string("/variants/empty", "description"), "");
  EXPECT_EQ(r.dims(v + "programmes/township_package/year"), (std::vector<hsize_t>{0}));
  EXPECT_EQ(r.dims(v + "programmes/township_package/coverage"), (std::vector<hsize_t>{0}));
  EXPECT_TRUE(r.read<std::int64_t>(v + "programmes/east_west_aid/transferred_fen").empty());
}

TEST_F(RunFile, VariantWithoutProgrammesHasAnEmptyProgrammesGroup) {
  auto run = make_sample_run();
  run.variants[2].programmes.clear();
  write_run_file(run, file("run.h5"));
  H5Reader r(file("run.h5"));
  EXPECT_TRUE(r.exists("/variants/empty/programmes"));
  EXPECT_TRUE(members_in_creation_order(r, "/variants/empty/programmes").empty());
}

TEST_F(RunFile, EveryDatasetHasUnitsAndDescription) {
  H5Reader r(write_sample());
  const auto paths = r.dataset_paths();
  EXPECT_GT(paths.size(), 100U);
  for (const auto& p : paths) {
    SCOPED_TRACE(p);
    ASSERT_TRUE(r.has_attr(p, "units"));
    ASSERT_TRUE(r.has_attr(p, "description"));
    const std::string units = r.attr_string(p, "units");
    EXPECT_FALSE(r.attr_string(p, "description").empty());
    if (p.ends_with("_fen")) {
      EXPECT_EQ(units, "fen");
    }
    if (p.ends_with("_yuan")) {
      EXPECT_EQ(units, "yuan");
    }
  }
  EXPECT_EQ(r.attr_string("/variants/base/summary/population", "units"), "people");
  EXPECT_EQ(r.attr_string("/variants/base/summary/headcount_ratio", "units"), "1");
  EXPECT_EQ(r.attr_string("/variants/base/summary/mean_income", "units"), "yuan/person/year");
  EXPECT_EQ(r.attr_string("/geography/village/name", "units"), "");
}

// The causes as docs/output.md lists them for the `cause` scale: "0 illness, 1 disability, ...".
std::string documented_cause_list() {
  std::ifstream in(std::string(FUPIN_SOURCE_DIR) + "/docs/output.md");
  std::string line;
  while (std::getline(in, line)) {
    if (!line.starts_with("| `cause` |")) continue;
    const auto open = line.find("cause index (");
    const auto close = line.find(')', open);
    if (open == std::string::npos || close == std::string::npos) return {};
    const auto from = open + std::string("cause index (").size();
    return line.substr(from, close - from);
  }
  return {};
}

TEST_F(RunFile, CauseScaleNamesTheCausesOfTheCauseTableAsTheDocsDo) {
  std::string expected;
  for (std::size_t i = 0; i < models::kCauseNames.size(); ++i) {
    expected += (i > 0 ? ", " : "") + std::to_string(i) + " " + std::string(models::kCauseNames[i]);
  }
  EXPECT_EQ(documented_cause_list(), expected) << "docs/output.md, the `cause` row of the summary";
  H5Reader r(write_sample());
  EXPECT_EQ(r.attr_string("/variants/base/summary/cause", "description"),
            "primary cause of poverty: " + expected);
}

TEST_F(RunFile, SameRunGivesIdenticalBytes) {
  const auto a = read_bytes(write_sample("a.h5"));
  const auto b = read_bytes(write_sample("b.h5"));
  ASSERT_FALSE(a.empty());
  EXPECT_TRUE(a == b) << "the file must not contain timestamps or other run-dependent bytes";
}

TEST_F(RunFile, ThreadCountChangesOnlyTheThreadsAttribute) {
  auto one = make_sample_run();
  one.threads = 1;
  auto many = make_sample_run();
  many.threads = 64;
  write_run_file(one, file("one.h5"));
  write_run_file(many, file("many.h5"));
  H5Reader a(file("one.h5"));
  H5Reader b(file("many.h5"));
  ASSERT_EQ(a.object_paths(), b.object_paths());
  for (const auto& p : a.dataset_paths()) EXPECT_EQ(a.content(p), b.content(p)) << p;
  std::vector<std::string> objects = a.object_paths();
  objects.emplace_back("/");
  int differing = 0;
  for (const auto& o : objects) {
    ASSERT_EQ(a.attr_names(o), b.attr_names(o)) << o;
    for (const auto& n : a.attr_names(o)) {
      if (a.attr_content(o, n) != b.attr_content(o, n)) {
        ++differing;
        EXPECT_EQ(o + "@" + n, "/meta@threads");
      }
    }
  }
  EXPECT_EQ(differing, 1);
  EXPECT_EQ(b.attr<std::uint32_t>("/meta", "threads"), 64U);
}

TEST_F(RunFile, NoHdf5ObjectIsLeftOpen) {
  write_sample();
  EXPECT_EQ(H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL), 0);
  auto run = make_sample_run();
  run.variants.push_back(run.variants.front());  // duplicate name: fails mid-write
  EXPECT_THROW(write_run_file(run, file("bad.h5")), OutputError);
  EXPECT_EQ(H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL), 0);
}

// The target is checked again just before the rename: whatever was swapped in while the file was
// being built (a symbolic link, a FIFO, the scenario file) is left as it is, and no temporary
// stays.
TEST_F(RunFileAtomic, WhatWasSwappedInAtThePathIsNotReplaced) {
  const std::string other = file("other.txt");
  std::ofstream(other) << "keep";
  const std::string scenario = file("scenario.yaml");
  std::ofstream(scenario) << "name: x";
  auto run = make_sample_run();
  run.scenario_file = scenario;
  const auto swapped = [&](const std::string& name,
                           const std::function<void(const std::string&)>& swap,
                           const std::string& why) {
    SCOPED_TRACE(name);
    const std::string target = file(name);
    bool done = false;
    const auto cancelled = [&] {
      if (!done) swap(target);
      done = true;
      return false;
    };
    try {
      write_run_file(run, target, cancelled);
      ADD_FAILURE() << "replaced what was swapped in";
    } catch (const OutputError& e) {
      EXPECT_THAT(e.what(), HasSubstr("refusing to replace '" + target + "': " + why));
    }
    EXPECT_TRUE(done);
  };
  swapped(
      "link.h5", [&](const std::string& t) { fs::create_symlink(other, t); },
      "it is now a symbolic link");
  EXPECT_TRUE(fs::is_symlink(file("link.h5")));
  swapped(
      "fifo.h5", [&](const std::string& t) { ASSERT_EQ(::mkfifo(t.c_str(), 0600), 0); },
      "it is now a FIFO");
  EXPECT_TRUE(fs::is_fifo(file("fifo.h5")));
  swapped(
      "scenario.h5", [&](const std::string& t) { fs::create_hard_link(scenario, t); },
      "it is now the scenario file '" + scenario + "'");
  std::ifstream in(scenario);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), "name: x");
  std::ifstream kept(other);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(kept), {}), "keep");
  for (const std::string& name : listing())
    EXPECT_EQ(name.find(".tmp-"), std::string::npos) << name;
}

int g_printed = 0;
herr_t count_prints(hid_t, void*) {
  ++g_printed;
  return 0;
}

TEST_F(RunFile, Hdf5ErrorPrintingIsOffDuringTheWriteAndRestoredAfter) {
  H5E_auto2_t old_func = nullptr;
  void* old_data = nullptr;
  ASSERT_GE(H5Eget_auto2(H5E_DEFAULT, &old_func, &old_data), 0);
  ASSERT_GE(H5Eset_auto2(H5E_DEFAULT, &count_prints, nullptr), 0);
  g_printed = 0;

  auto run = make_sample_run();
  run.variants.push_back(run.variants.front());
  EXPECT_THROW(write_run_file(run, file("bad.h5")), OutputError);
  EXPECT_THROW(write_run_file(run, file("missing/dir/run.h5")), OutputError);
  EXPECT_EQ(g_printed, 0);

  H5E_auto2_t now_func = nullptr;
  void* now_data = nullptr;
  ASSERT_GE(H5Eget_auto2(H5E_DEFAULT, &now_func, &now_data), 0);
  EXPECT_EQ(now_func, &count_prints);
  H5Eset_auto2(H5E_DEFAULT, old_func, old_data);
}

// ---------------------------------------------------------------- atomicity

TEST_F(RunFileAtomic, MissingDirectoryThrowsAndLeavesNoFile) {
  const std::string path = file("no/such/dir/run.h5");
  try {
    write_run_file(make_sample_run(), path);
    FAIL() << "expected OutputError";
  } catch (const OutputError& e) {
    EXPECT_THAT(std::string(e.what()), HasSubstr(path));
    EXPECT_THAT(std::string(e.what()), HasSubstr("open(" + path + ".tmp-"));
  }
  EXPECT_FALSE(fs::exists(dir_ / "no"));
  EXPECT_TRUE(listing().empty());
}

TEST_F(RunFileAtomic, Hdf5FailureMidWriteLeavesNeitherTargetNorTemporary) {
  auto run = make_sample_run();
  run.variants.push_back(run.variants.front());  // second "base": H5Gcreate2 fails
  const std::string path = file("run.h5");
  try {
    write_run_file(run, path);
    FAIL() << "expected OutputError";
  } catch (const OutputError& e) {
    EXPECT_THAT(std::string(e.what()), HasSubstr(path));
    EXPECT_THAT(std::string(e.what()), HasSubstr("H5Gcreate2(/variants/base)"));
  }
  EXPECT_TRUE(listing().empty());
}

TEST_F(RunFileAtomic, InvalidDataMidWriteLeavesNeitherTargetNorTemporary) {
  auto run = make_sample_run();
  run.variants[1].years[2].share_above.pop_back();  // after variant "base" is written
  try {
    write_run_file(run, file("run.h5"));
    FAIL() << "expected OutputError";
  } catch (const OutputError& e) {
    EXPECT_THAT(std::string(e.what()), HasSubstr("poorest_first"));
    EXPECT_THAT(std::string(e.what()), HasSubstr("share_above"));
  }
  EXPECT_TRUE(listing().empty());
}

TEST_F(RunFileAtomic, ExistingFileIsReplacedOnlyOnSuccess) {
  const std::string path = file("run.h5");
  write_bytes(path, "previous results");
  auto bad = make_sample_run();
  bad.variants.push_back(bad.variants.front());
  EXPECT_THROW(write_run_file(bad, path), OutputError);
  EXPECT_EQ(read_bytes(path), "previous results");
  EXPECT_EQ(listing(), std::vector<std::string>{"run.h5"});

  write_run_file(make_sample_run(), path);
  EXPECT_GT(H5Fis_hdf5(path.c_str()), 0);
  EXPECT_EQ(listing(), std::vector<std::string>{"run.h5"});
  H5Reader r(path);
  EXPECT_EQ(r.attr_string("/meta", "scenario_name"), "menglian-demo");
}

TEST_F(RunFileAtomic, RenameFailureRemovesTheTemporary) {
  const std::string path = file("run.h5");
  fs::create_directories(dir_ / "run.h5" / "occupied");  // a non-empty directory at the target
  try {
    write_run_file(make_sample_run(), path);
    FAIL() << "expected OutputError";
  } catch (const OutputError& e) {
    EXPECT_THAT(std::string(e.what()), HasSubstr("rename"));
    EXPECT_THAT(std::string(e.what()), HasSubstr(path));
  }
  EXPECT_EQ(listing(), std::vector<std::string>{"run.h5"});
  EXPECT_TRUE(fs::is_directory(dir_ / "run.h5" / "occupied"));
}

// A write cancelled at any of its checkpoints removes the temporary, leaves an existing file as it
// was, throws WriteCancelled and leaves no HDF5 object open.
TEST_F(RunFileAtomic, CancelledWriteLeavesTheOldFileAndNoTemporary) {
  const std::string path = file("run.h5");
  int checkpoints = 0;
  write_run_file(make_sample_run(), file("counted.h5"), [&] {
    ++checkpoints;
    return false;
  });
  fs::remove(file("counted.h5"));
  const int variants = static_cast<int>(make_sample_run().variants.size());
  EXPECT_EQ(checkpoints, 2 + variants + 1);  // metadata, geography, each variant, before the rename
  for (int cancel_at = 1; cancel_at <= checkpoints; ++cancel_at) {
    write_bytes(path, "previous results");
    int asked = 0;
    try {
      write_run_file(make_sample_run(), path, [&] { return ++asked == cancel_at; });
      FAIL() << "expected WriteCancelled at checkpoint " << cancel_at;
    } catch (const WriteCancelled& e) {
      EXPECT_THAT(std::string(e.what()), HasSubstr(path));
    }
    EXPECT_EQ(asked, cancel_at);
    EXPECT_EQ(read_bytes(path), "previous results");
    EXPECT_EQ(listing(), std::vector<std::string>{"run.h5"});
    EXPECT_EQ(H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL), 0);
  }
}

TEST_F(RunFileAtomic, StaleTemporaryOfThisProcessIsOverwritten) {
  const std::string path = file("run.h5");
  write_bytes(path + ".tmp-" + std::to_string(::getpid()), "stale");
  write_run_file(make_sample_run(), path);
  EXPECT_EQ(listing(), std::vector<std::string>{"run.h5"});
  EXPECT_GT(H5Fis_hdf5(path.c_str()), 0);
}

TEST_F(RunFileAtomic, RejectsDataThatCannotBeStored) {
  auto slash = make_sample_run();
  slash.variants[2].name = "a/b";
  auto nul = make_sample_run();
  nul.geography[0].names[1] = std::string("bad\0name", 8);
  auto rows = make_sample_run();
  rows.variants[0].ledger.balances.pop_back();
  auto cols = make_sample_run();
  cols.variants[0].ledger.balances[0].pop_back();
  auto flow = make_sample_run();
  flow.variants[1].ledger.flows[0].to = 4;
  auto parents = make_sample_run();
  parents.geography[2].parent.pop_back();
  auto empty_path = make_sample_run();

  struct Case {
    const models::RunResult* run;
    const char* message;
  };
  for (const auto& c : {Case{&slash, "'a/b'"}, Case{&nul, "NUL"}, Case{&rows, "balance rows"},
                        Case{&cols, "balances for 4 accounts"}, Case{&flow, "flow 0"},
                        Case{&parents, "5 names but 4 parents"}}) {
    try {
      write_run_file(*c.run, file("run.h5"));
      ADD_FAILURE() << "expected OutputError with " << c.message;
    } catch (const OutputError& e) {
      EXPECT_THAT(std::string(e.what()), HasSubstr(c.message));
    }
    EXPECT_TRUE(listing().empty()) << c.message;
  }
  EXPECT_THROW(write_run_file(empty_path, ""), OutputError);
}

TEST_F(RunFileAtomic, RejectsProgrammeSeriesThatCannotBeStored) {
  struct Case {
    const char* what;
    void (*spoil)(models::RunResult&);
    std::vector<std::string> message;  // substrings of the OutputError's message
  };
  using P = models::ProgrammeSeries;
  const std::vector<Case> cases = {
      {"short money series",
       [](models::RunResult& run) { run.variants[0].programmes[0].money[1].values.pop_back(); },
       {"variant 'base'", "programme 'township_package'", "money series 'spent'",
        "2 values for 3 years"}},
      {"long money series (second variant, after the first is written)",
       [](models::RunResult& run) {
         run.variants[1].programmes[1].money[0].values.push_back(sim::Money::from_fen(1));
       },
       {"variant 'poorest_first'", "programme 'east_west_aid'", "money series 'transferred'",
        "4 values for 3 years"}},
      {"short measure",
       [](models::RunResult& run) { run.variants[1].programmes[0].measures[1].values.clear(); },
       {"programme 'township_package'", "measure 'coverage'", "0 values for 3 years"}},
      {"series for a variant with no years",
       [](models::RunResult& run) { run.variants[2].programmes[0].measures[0].values = {1.0}; },
       {"variant 'empty'", "measure 'townships_selected'", "1 values for 0 years"}},
      {"years longer than the series",
       [](models::RunResult& run) { run.variants[0].programmes[1].years.push_back(2019); },
       {"programme 'east_west_aid'", "money series 'transferred'", "3 values for 4 years"}},
      {"empty programme name",
       [](models::RunResult& run) { run.variants[0].programmes[1].name.clear(); },
       {"programme name ''", "HDF5 group name"}},
      {"programme name with '/'",
       [](models::RunResult& run) { run.variants[0].programmes[0].name = "a/b"; },
       {"programme name 'a/b'", "HDF5 group name"}},
      {"empty money series name",
       [](models::RunResult& run) { run.variants[0].programmes[0].money[0].name.clear(); },
       {"programme 'township_package' money series name ''", "HDF5 dataset name"}},
      {"measure name with '/'",
       [](models::RunResult& run) { run.variants[0].programmes[0].measures[0].name = "x/y"; },
       {"programme 'township_package' measure name 'x/y'", "HDF5 dataset name"}},
      {"measure named like a money dataset",
       [](models::RunResult& run) {
         run.variants[0].programmes[0].measures[1].name = "allocated_yuan";
       },
       {"programme 'township_package'", "more than one dataset named 'allocated_yuan'"}},
      {"measure named year",
       [](models::RunResult& run) { run.variants[0].programmes[0].measures[0].name = "year"; },
       {"programme 'township_package'", "more than one dataset named 'year'", "year scale"}},
      {"two measures with one name",
       [](models::RunResult& run) {
         auto& m = run.variants[0].programmes[0].measures;
         m[1].name = m[0].name;
       },
       {"more than one dataset named 'townships_selected'"}},
      {"two money series with one name",
       [](models::RunResult& run) {
         auto& p = run.variants[0].programmes[1];
         p.money.push_back(p.money[0]);
       },
       {"programme 'east_west_aid'", "more than one dataset named 'transferred_fen'"}},
      {"two programmes with one name",
       [](models::RunResult& run) {
         auto& ps = run.variants[1].programmes;
         ps.push_back(ps[0]);
       },
       {"variant 'poorest_first' programme 'township_package' appears more than once"}},
      {"units with NUL",
       [](models::RunResult& run) {
         run.variants[0].programmes[0].measures[1].units = std::string("sh\0are", 6);
       },
       {"measure 'coverage' units", "NUL"}},
      {"kind with NUL",
       [](models::RunResult& run) {
         P& p = run.variants[0].programmes[1];
         p.kind = std::string("a\0b", 3);
       },
       {"programme 'east_west_aid' kind", "NUL"}},
  };
  const std::string path = file("run.h5");
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    auto run = make_sample_run();
    c.spoil(run);
    try {
      write_run_file(run, path);
      ADD_FAILURE() << "expected OutputError";
    } catch (const OutputError& e) {
      EXPECT_THAT(std::string(e.what()), HasSubstr("cannot write run file '" + path + "'"));
      for (const auto& part : c.message) EXPECT_THAT(std::string(e.what()), HasSubstr(part));
    }
    EXPECT_TRUE(listing().empty());
    EXPECT_EQ(H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL), 0);
  }

  // An existing file survives a rejected run untouched.
  write_bytes(path, "previous results");
  auto run = make_sample_run();
  cases[1].spoil(run);
  EXPECT_THROW(write_run_file(run, path), OutputError);
  EXPECT_EQ(read_bytes(path), "previous results");
  EXPECT_EQ(listing(), std::vector<std::string>{"run.h5"});
}

// ---------------------------------------------------------------- written as the run goes

// A sample run whose first variant has a small household panel and whose variants have been
// compared with a counterfactual.
models::RunResult sample_run_with_panel_and_comparisons() {
  models::RunResult run = make_sample_run();
  for (models::VariantResult& v : run.variants) {
    double lifted = 10;
    for (models::YearSummary& y : v.years) {
      y.people_lifted = lifted;
      y.cost_per_person_lifted = 1000 / lifted;
      lifted += 5;
    }
  }
  models::VariantResult& v = run.variants.front();
  models::HouseholdPanel& p = v.households;
  p.years = {v.years.front().year};
  p.households = 3;
  p.programmes = v.programmes.size();
  p.village = {0, 0, 1};
  for (auto* s :
       {&p.income, &p.earned, &p.returns, &p.wages, &p.remittances, &p.transfers, &p.costs}) {
    *s = {1500.5, 2600, 4100.25};
  }
  for (auto* s : {&p.size, &p.flags, &p.status, &p.events, &p.cause}) *s = {1, 2, 3};
  p.received_fen.assign(3 * p.programmes, 700);
  return run;
}

// Each variant added as it finishes (before the comparisons with the counterfactual are known) and
// its panel released at once: the file equals the one written from the whole RunResult, and
// nothing is at the path before finish() (only the temporary the file is written to).
TEST_F(RunFileAtomic, VariantsAddedAsTheyFinishGiveTheSameFile) {
  const models::RunResult whole = sample_run_with_panel_and_comparisons();
  ASSERT_FALSE(whole.variants.front().households.years.empty());
  write_run_file(whole, file("whole.h5"));

  models::RunResult so_far = whole;
  so_far.variants.clear();
  {
    RunFileWriter writer(file("streamed.h5"));
    for (const models::VariantResult& finished : whole.variants) {
      models::VariantResult v = finished;
      for (models::YearSummary& y : v.years)
        y.people_lifted = y.cost_per_person_lifted = std::nan("");
      writer.add_variant(so_far, v);
      v.households = {};  // released as soon as it is in the file
      so_far.variants.push_back(std::move(v));
      EXPECT_EQ(listing(), (std::vector<std::string>{
                               "streamed.h5.tmp-" + std::to_string(::getpid()), "whole.h5"}));
    }
    for (std::size_t i = 0; i < so_far.variants.size(); ++i)
      so_far.variants[i].years = whole.variants[i].years;
    writer.finish(so_far);
  }
  EXPECT_EQ(read_bytes(file("streamed.h5")), read_bytes(file("whole.h5")));
  H5Reader r(file("streamed.h5"));
  const std::string v = "/variants/" + whole.variants.front().name;
  EXPECT_EQ(r.read<double>(v + "/households/income"), (std::vector<double>{1500.5, 2600, 4100.25}));
  EXPECT_EQ(r.read<double>(v + "/summary/people_lifted").front(), 10);
}

// The first variant of the sample run with a household panel of `households` households over the
// years 2016 and 2018, every value distinct.
models::RunResult sample_run_with_panel(std::size_t households) {
  models::RunResult run = make_sample_run();
  models::VariantResult& v = run.variants.front();
  models::HouseholdPanel& p = v.households;
  p.years = {2016, 2018};
  p.households = households;
  p.programmes = v.programmes.size();
  p.village.resize(households);
  for (std::size_t i = 0; i < households; ++i)
    p.village[i] = static_cast<std::int32_t>(i * 2 / households);
  const std::size_t cells = 2 * households;
  double k = 0;
  for (auto* s :
       {&p.income, &p.earned, &p.returns, &p.wages, &p.remittances, &p.transfers, &p.costs}) {
    for (std::size_t i = 0; i < cells; ++i)
      s->push_back(1000.0 + 0.25 * static_cast<double>(i % 4099) + (k += 1));
  }
  for (auto* s : {&p.size, &p.flags, &p.status, &p.events, &p.cause}) {
    for (std::size_t i = 0; i < cells; ++i)
      s->push_back(static_cast<std::uint8_t>((i * 7 + s->size()) % 11));
  }
  for (std::size_t i = 0; i < cells * p.programmes; ++i)
    p.received_fen.push_back(static_cast<std::int64_t>(i * 37 % 100'003));
  return run;
}

// Year `y` of a collected panel as the simulation hands it out at the year's end.
models::HouseholdYear panel_year(const models::VariantResult& v, std::size_t y) {
  const models::HouseholdPanel& p = v.households;
  const std::size_t h = p.households;
  const auto row = [&](const auto& values, std::size_t width = 1) {
    return std::span(values.data() + y * h * width, h * width);
  };
  return {v.name,
          p.years[y],
          p.years,
          h,
          p.programmes,
          p.village,
          row(p.income),
          row(p.earned),
          row(p.returns),
          row(p.wages),
          row(p.remittances),
          row(p.transfers),
          row(p.costs),
          row(p.size),
          row(p.flags),
          row(p.status),
          row(p.events),
          row(p.cause),
          row(p.received_fen, p.programmes)};
}

// Writes `run` as `fupin run` does: the first variant's panel year by year as each year ends,
// then each variant as it finishes.
void write_streamed(const models::RunResult& run, const std::string& path) {
  RunFileWriter writer(path);
  models::RunResult so_far = run;
  so_far.variants.clear();
  for (const models::VariantResult& finished : run.variants) {
    for (std::size_t y = 0; y < finished.households.years.size(); ++y)
      writer.add_panel_year(panel_year(finished, y));
    models::VariantResult v = finished;
    v.households = {};
    writer.add_variant(so_far, v);
    so_far.variants.push_back(std::move(v));
  }
  writer.finish(run);
}

// A panel written year by year as the years end holds the same datasets, with the same units,
// descriptions, scales, chunks and filters, as the panel collected and written with its variant:
// small (contiguous), chunks of several households' years, and chunks of one year.
TEST_F(RunFileAtomic, PanelYearsAddedAsTheyEndGiveTheSameDatasets) {
  for (const std::size_t households : {std::size_t{3}, std::size_t{5'000}, std::size_t{40'000}}) {
    const models::RunResult run = sample_run_with_panel(households);
    const std::string whole = file("whole.h5");
    const std::string streamed = file("streamed.h5");
    write_run_file(run, whole);
    write_streamed(run, streamed);
    EXPECT_EQ(listing(), (std::vector<std::string>{"streamed.h5", "whole.h5"}));
    H5Reader a(whole);
    H5Reader b(streamed);
    const std::string g = "/variants/" + run.variants.front().name + "/households/";
    for (const char* name :
         {"income", "earned", "returns", "wages", "remittances", "transfers", "costs"}) {
      EXPECT_EQ(b.read<double>(g + name), a.read<double>(g + name)) << households << " " << name;
    }
    EXPECT_EQ(b.read<double>(g + "income"), run.variants.front().households.income);
    for (const char* name : {"size", "flags", "status", "events", "cause"}) {
      EXPECT_EQ(b.read<std::uint8_t>(g + name), a.read<std::uint8_t>(g + name))
          << households << " " << name;
    }
    EXPECT_EQ(b.read<std::int64_t>(g + "received_fen"),
              run.variants.front().households.received_fen);
    EXPECT_EQ(b.read<std::int32_t>(g + "village"), a.read<std::int32_t>(g + "village"));
    EXPECT_EQ(b.read<std::int32_t>(g + "year"), (std::vector<std::int32_t>{2016, 2018}));
    EXPECT_EQ(b.dims(g + "received_fen"), a.dims(g + "received_fen"));
    for (const char* name : {"income", "cause", "received_fen"}) {
      for (const char* attr : {"units", "description"}) {
        EXPECT_EQ(b.attr_string(g + name, attr), a.attr_string(g + name, attr))
            << name << "@" << attr;
      }
      H5Handle da = a.open_dataset(g + name);
      H5Handle db = b.open_dataset(g + name);
      H5Handle pa = detail::plist_handle(H5Dget_create_plist(da.get()));
      H5Handle pb = detail::plist_handle(H5Dget_create_plist(db.get()));
      EXPECT_EQ(H5Pget_layout(pb.get()), H5Pget_layout(pa.get())) << name;
      EXPECT_EQ(H5Pget_nfilters(pb.get()), H5Pget_nfilters(pa.get())) << name;
      std::vector<hsize_t> ca(3, 0);
      std::vector<hsize_t> cb(3, 0);
      if (H5Pget_layout(pa.get()) == H5D_CHUNKED) {
        H5Pget_chunk(pa.get(), 3, ca.data());
        H5Pget_chunk(pb.get(), 3, cb.data());
      }
      EXPECT_EQ(cb, ca) << name;
      EXPECT_TRUE(b.is_attached(g + name, g + "year", 0)) << name;
      EXPECT_TRUE(b.is_attached(g + name, g + "household", 1)) << name;
    }
    EXPECT_TRUE(b.is_attached(g + "received_fen", g + "programme", 2));
    // The groups keep their order: the panel is the variant's last group before its replicates.
    const std::string variant = "/variants/" + run.variants.front().name;
    EXPECT_EQ(members_in_creation_order(b, variant), members_in_creation_order(a, variant));
    EXPECT_EQ(members_in_creation_order(b, g.substr(0, g.size() - 1)),
              members_in_creation_order(a, g.substr(0, g.size() - 1)));
    fs::remove(whole);
    fs::remove(streamed);
  }
  EXPECT_EQ(H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL), 0);
}

// Panel years that do not fit the panel (out of order, misaligned, or not followed by their
// variant) are refused; the temporary is removed and an existing file is kept.
TEST_F(RunFileAtomic, PanelYearsThatDoNotFitAreRefusedAndLeaveNoTemporary) {
  const models::RunResult run = sample_run_with_panel(10);
  const models::VariantResult& v = run.variants.front();
  const std::string path = file("run.h5");
  write_bytes(path, "previous results");
  {
    RunFileWriter writer(path);
    EXPECT_THROW(writer.add_panel_year(panel_year(v, 1)), OutputError);  // 2018 before 2016
    EXPECT_EQ(listing(), std::vector<std::string>{"run.h5"});
  }
  {
    RunFileWriter writer(path);
    writer.add_panel_year(panel_year(v, 0));
    models::HouseholdYear short_year = panel_year(v, 1);
    short_year.income = short_year.income.first(9);
    EXPECT_THROW(writer.add_panel_year(short_year), OutputError);
    EXPECT_EQ(listing(), std::vector<std::string>{"run.h5"});
  }
  {
    RunFileWriter writer(path);
    writer.add_panel_year(panel_year(v, 0));
    writer.add_panel_year(panel_year(v, 1));
    try {
      writer.add_variant(run, run.variants[1]);  // not the variant whose panel it is
      FAIL() << "another variant was added over a panel";
    } catch (const OutputError& e) {
      EXPECT_THAT(std::string(e.what()), HasSubstr("household panel of variant 'base'"));
    }
    EXPECT_EQ(listing(), std::vector<std::string>{"run.h5"});
  }
  EXPECT_EQ(read_bytes(path), "previous results");
  EXPECT_EQ(H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL), 0);
}

// A writer cancelled as a panel year comes in (a signal during the run), or destroyed with panel
// years written, leaves no temporary and no HDF5 object open.
TEST_F(RunFileAtomic, CancelledOrAbandonedPanelLeavesNoTemporary) {
  const models::RunResult run = sample_run_with_panel(40'000);
  const models::VariantResult& v = run.variants.front();
  const std::string path = file("run.h5");
  bool cancel = false;
  {
    RunFileWriter writer(path, [&] { return cancel; });
    writer.add_panel_year(panel_year(v, 0));
    EXPECT_EQ(listing(), std::vector<std::string>{"run.h5.tmp-" + std::to_string(::getpid())});
    cancel = true;
    EXPECT_THROW(writer.add_panel_year(panel_year(v, 1)), WriteCancelled);
    EXPECT_TRUE(listing().empty());
  }
  {
    RunFileWriter writer(path);
    writer.add_panel_year(panel_year(v, 0));
  }
  EXPECT_TRUE(listing().empty());
  EXPECT_EQ(H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL), 0);
}

TEST_F(RunFileAtomic, AWriterStoppedBeforeFinishLeavesNothing) {
  const models::RunResult run = sample_run_with_panel_and_comparisons();
  {
    RunFileWriter writer(file("run.h5"));
    writer.add_variant(run, run.variants.front());
  }
  EXPECT_TRUE(listing().empty());
  EXPECT_EQ(H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL), 0);
  RunFileWriter writer(file("run.h5"));
  for (const auto& v : run.variants) writer.add_variant(run, v);
  models::RunResult fewer = run;
  fewer.variants.pop_back();
  EXPECT_THROW(writer.finish(fewer), OutputError);
  EXPECT_TRUE(listing().empty());
}

}  // namespace
}  // namespace fupin::output
