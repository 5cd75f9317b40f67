// `fupin report` from the command line: exit codes, messages and files for good and bad input.
#include <gtest/gtest.h>

#include "run_fupin.hpp"

#include <sys/stat.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

using fupin::testing::Outcome;
using fupin::testing::run;
using fupin::testing::scratch;

std::size_t entries(const fs::path& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n;
}

const fs::path kSource{FUPIN_SOURCE_DIR};

TEST(CliReport, MissingFileIsBadInputAndWritesNothing) {
  const fs::path dir = scratch("report_missing");
  const Outcome r =
      run("report " + (dir / "missing.h5").string() + " -o " + (dir / "r.html").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("cannot report on '" + (dir / "missing.h5").string() + "': no such file"),
            std::string::npos)
      << r.output;
  EXPECT_EQ(entries(dir), 0U);
}

TEST(CliReport, FileThatIsNotARunFileIsBadInputAndLeavesTheOldReport) {
  const fs::path dir = scratch("report_not_run");
  std::ofstream(dir / "text.h5") << "not an HDF5 file\n";
  std::ofstream(dir / "r.html") << "old report";
  const Outcome r =
      run("report " + (dir / "text.h5").string() + " -o " + (dir / "r.html").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("not an HDF5 file"), std::string::npos) << r.output;
  std::ifstream in(dir / "r.html");
  std::stringstream s;
  s << in.rdbuf();
  EXPECT_EQ(s.str(), "old report");
  EXPECT_EQ(entries(dir), 2U);  // no temporary left behind
}

TEST(CliReport, UnknownLanguageAndAnOutputThatIsNotAFileAreBadInput) {
  const fs::path dir = scratch("report_options");
  EXPECT_EQ(run("report x.h5 --lang fr").exit_code, 2);
  fs::create_directories(dir / "a_directory.html");
  const Outcome r =
      run("report " + (dir / "x.h5").string() + " -o " + (dir / "a_directory.html").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("it is a directory"), std::string::npos) << r.output;
}

TEST(CliReport, WritesTheReportNextToTheRunFileByDefault) {
  const fs::path dir = scratch("report_ok");
  const fs::path file = dir / "run.h5";
  ASSERT_EQ(run("run " + (kSource / "scenarios" / "three_ensures_villages.yaml").string() + " -o " +
                file.string() + " --quiet")
                .exit_code,
            0);
  const Outcome r = run("report " + file.string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("wrote " + (dir / "run.html").string()), std::string::npos) << r.output;
  std::ifstream in(dir / "run.html");
  std::stringstream s;
  s << in.rdbuf();
  EXPECT_NE(s.str().find("Three ensures whole-village advancement"), std::string::npos);
  const Outcome same = run("report " + file.string() + " -o " + file.string());
  EXPECT_EQ(same.exit_code, 2);  // never over the run file
  EXPECT_NE(same.output.find("it is the file reported on"), std::string::npos) << same.output;
}

}  // namespace
