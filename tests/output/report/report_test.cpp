// The HTML report's pieces: number formatting, axis ticks, SVG charts and the page of a run file.
#include "output/report/report.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <hdf5.h>
#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>

#include "output/report/format.hpp"
#include "output/report/svg_chart.hpp"
#include "output/run_file.hpp"
#include "tests/output/sample_run.hpp"

namespace fupin::output::report {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(ReportFormat, GroupsThousandsWithCommas) {
  EXPECT_EQ(group_thousands(0), "0");
  EXPECT_EQ(group_thousands(999), "999");
  EXPECT_EQ(group_thousands(1000), "1,000");
  EXPECT_EQ(group_thousands(1008464), "1,008,464");
  EXPECT_EQ(group_thousands(-1234567), "-1,234,567");
  EXPECT_EQ(group_thousands(std::numeric_limits<std::int64_t>::min()),
            "-9,223,372,036,854,775,808");
}

TEST(ReportFormat, MoneyInWholeYuanRoundedHalfAwayFromZero) {
  EXPECT_EQ(format_fen(123456789), "¥1,234,568");
  EXPECT_EQ(format_fen(149), "¥1");
  EXPECT_EQ(format_fen(150), "¥2");
  EXPECT_EQ(format_fen(-150), "-¥2");
  EXPECT_EQ(format_fen(-149), "-¥1");
  EXPECT_EQ(format_fen(std::numeric_limits<std::int64_t>::max()), "¥92,233,720,368,547,758");
  EXPECT_EQ(format_yuan(2736.0), "¥2,736");
  EXPECT_EQ(format_yuan(std::nan("")), "–");
}

TEST(ReportFormat, SharesAndNumbers) {
  EXPECT_EQ(format_percent(0.08186586), "8.2%");
  EXPECT_EQ(format_percent(0.0372, 2), "3.72%");
  EXPECT_EQ(format_points(-0.024, Language::en), "-2.4 pp");
  EXPECT_EQ(format_points(0.01, Language::zh), "+1.0 个百分点");
  EXPECT_EQ(format_number(2500000, 2), "2,500,000");
  EXPECT_EQ(format_number(12.5, 2), "12.5");
  EXPECT_EQ(format_number(-0.25, 2), "-0.25");
  EXPECT_EQ(format_count(558031.6), "558,032");
}

TEST(ReportFormat, EscapesHtml) {
  EXPECT_EQ(escape("a<b & \"c\" 'd'>"), "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;");
}

TEST(ReportTicks, CoverTheRangeInNiceSteps) {
  const std::vector<double> t = nice_ticks(0, 1008464, 5);
  ASSERT_GE(t.size(), 3U);
  EXPECT_EQ(t.front(), 0);
  EXPECT_GE(t.back(), 1008464);
  const double step = t[1] - t[0];
  EXPECT_EQ(step, 250000);
  for (std::size_t i = 1; i < t.size(); ++i) EXPECT_DOUBLE_EQ(t[i] - t[i - 1], step);
  const std::vector<double> shares = nice_ticks(0, 0.0819, 5);
  EXPECT_DOUBLE_EQ(shares[1] - shares[0], 0.02);
  EXPECT_GE(shares.back(), 0.0819);
  const std::vector<double> negative = nice_ticks(-3, 7, 5);
  EXPECT_LE(negative.front(), -3);
  EXPECT_GE(negative.back(), 7);
}

TEST(ReportCharts, LineChartHasOnePointPerValueWithItsExactNumberAndAGapForNaN) {
  LineChart c;
  c.id = "chart-x";
  c.title = "Poor <people>";
  c.x_label = "Year";
  c.y_label = "people";
  c.x = {"2013", "2014", "2015"};
  c.series = {{"base", "base", {1008464, 859009.5, 581992}, {}, {}},
              {"other", "other", {900000, std::nan(""), 500000}, {}, {}}};
  c.tick = [](double v) { return format_count(v); };
  c.value = [](double v) { return format_count(v); };
  const std::string svg = render(c);
  EXPECT_THAT(svg, HasSubstr("<svg id=\"chart-x\""));
  EXPECT_THAT(svg, HasSubstr("Poor &lt;people&gt;"));
  EXPECT_EQ(count(svg, "class=\"point\""), 5U);
  EXPECT_THAT(svg, HasSubstr("data-series=\"base\" data-x=\"2014\" data-y=\"859009.5\""));
  EXPECT_EQ(count(svg, "<path d=\"M"), 2U);
  EXPECT_EQ(count(svg, " M"), 1U);  // the NaN breaks "other" into two pieces: a second move-to
  EXPECT_THAT(svg, HasSubstr(">1,000,000</text>"));  // a y tick
  EXPECT_THAT(svg, HasSubstr("class=\"legend\""));
}

TEST(ReportCharts, StackedBarsStackAndCarryTheirValues) {
  BarChart c;
  c.id = "chart-money";
  c.stacked = true;
  c.categories = {"2013", "2014"};
  c.series = {{"a", "a", {100, 200}, {}, {}}, {"b", "b", {50, 0}, {}, {}}};
  c.tick = [](double v) { return format_number(v, 0); };
  c.value = [](double v) { return format_yuan(v); };
  c.marker = 0.5;
  c.marker_label = "line";
  const std::string svg = render(c);
  EXPECT_EQ(count(svg, "class=\"bar\""), 4U);
  EXPECT_THAT(svg, HasSubstr("data-series=\"b\" data-x=\"2013\" data-y=\"50\""));
  EXPECT_THAT(svg, HasSubstr("class=\"marker-line\""));
  EXPECT_THAT(svg, HasSubstr("stacked"));
}

class RunReport : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("fupin-report-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  [[nodiscard]] std::string file(const std::string& name) const { return (dir_ / name).string(); }
  static std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }
  fs::path dir_;
};

TEST_F(RunReport, PageHasEverySectionAStrictPolicyAndNoScriptOrUrl) {
  write_run_file(testing::make_sample_run(), file("run.h5"));
  write_report(file("run.h5"), file("run.html"), Language::en);
  const std::string html = read(file("run.html"));
  for (const char* id :
       {"key-numbers", "poverty", "targets", "money", "income", "regions", "provenance"}) {
    EXPECT_THAT(html, HasSubstr(std::string("<section id=\"") + id + "\">")) << id;
  }
  EXPECT_THAT(html, HasSubstr("content=\"default-src 'none';"));
  EXPECT_THAT(html, HasSubstr("<svg id=\"chart-headcount\""));
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(html, Not(HasSubstr("http://")));
  EXPECT_THAT(html, Not(HasSubstr("https://")));
  // The sample's "empty" variant has no years and is left out; the two others are plotted.
  EXPECT_THAT(html, HasSubstr("data-series=\"base\""));
  EXPECT_THAT(html, HasSubstr("data-series=\"poorest_first\""));
  EXPECT_THAT(html, Not(HasSubstr("data-series=\"empty\"")));
}

TEST_F(RunReport, ChineseLabelsAndTheSameBytesEveryTime) {
  write_run_file(testing::make_sample_run(), file("run.h5"));
  write_report(file("run.h5"), file("a.html"), Language::zh);
  write_report(file("run.h5"), file("b.html"), Language::zh);
  const std::string zh = read(file("a.html"));
  EXPECT_EQ(zh, read(file("b.html")));
  EXPECT_THAT(zh, HasSubstr("<html lang=\"zh-CN\">"));
  EXPECT_THAT(zh, HasSubstr("关键数字"));
  EXPECT_THAT(zh, HasSubstr("贫困人口"));
  EXPECT_THAT(zh, Not(HasSubstr("Key numbers")));
}

TEST_F(RunReport, NotARunFileWritesNothing) {
  std::ofstream(file("text.h5")) << "not HDF5\n";
  EXPECT_THROW(write_report(file("text.h5"), file("out.html"), Language::en), NotARunFile);
  EXPECT_THROW(write_report(file("missing.h5"), file("out.html"), Language::en), NotARunFile);
  EXPECT_FALSE(fs::exists(file("out.html")));
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir_)) ++entries;
  EXPECT_EQ(entries, 1U);  // only text.h5: no temporary left behind
}

TEST_F(RunReport, RunFileWithoutAPartEveryRunFileHasIsNotARunFile) {
  write_run_file(testing::make_sample_run(), file("run.h5"));
  const hid_t h5 = H5Fopen(file("run.h5").c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  ASSERT_GE(h5, 0);
  ASSERT_GE(H5Ldelete(h5, "/variants/base/summary/fgt1", H5P_DEFAULT), 0);
  H5Fclose(h5);
  try {
    write_report(file("run.h5"), file("out.html"), Language::en);
    FAIL() << "no error";
  } catch (const NotARunFile& e) {
    EXPECT_THAT(e.what(), HasSubstr("/variants/base/summary/fgt1 is missing"));
  }
  EXPECT_FALSE(fs::exists(file("out.html")));
}

TEST_F(RunReport, ExistingReportIsReplacedOnlyByACompleteOne) {
  std::ofstream(file("out.html")) << "old";
  EXPECT_THROW(write_report(file("missing.h5"), file("out.html"), Language::en), NotARunFile);
  EXPECT_EQ(read(file("out.html")), "old");
}

}  // namespace
}  // namespace fupin::output::report
