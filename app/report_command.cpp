// `fupin report` (report_command.hpp).
#include "app/report_command.hpp"

#include <fmt/format.h>
#include <sys/stat.h>

#include <filesystem>
#include <iostream>

#include "app/commands.hpp"
#include "output/file_type.hpp"
#include "output/report/report.hpp"

namespace fupin::app {

int report_command(const ReportOptions& o) {
  namespace fs = std::filesystem;
  const std::string output =
      o.output.empty() ? fs::path(o.file).replace_extension(".html").string() : o.output;
  struct stat target {};
  if (::lstat(output.c_str(), &target) == 0) {
    if (!S_ISREG(target.st_mode)) {
      std::cerr << fmt::format(
          "fupin: refusing to write the report to '{}': it is {}, not a regular file\n", output,
          output::file_type(target.st_mode));
      return kExitBadInput;
    }
    struct stat source {};
    if (::stat(o.file.c_str(), &source) == 0 && source.st_dev == target.st_dev &&
        source.st_ino == target.st_ino) {
      std::cerr << fmt::format("fupin: refusing to write the report to '{}': it is the run file\n",
                               output);
      return kExitBadInput;
    }
  }
  const auto language =
      o.language == "zh" ? output::report::Language::zh : output::report::Language::en;
  try {
    output::report::write_run_report(o.file, output, language);
  } catch (const output::NotARunFile& e) {
    std::cerr << "fupin: " << e.what() << '\n';
    return kExitBadInput;
  } catch (const output::OutputError& e) {
    std::cerr << "fupin: " << e.what() << '\n';
    return kExitFailure;
  }
  std::cout << fmt::format("wrote {}\n", output);
  return kExitOk;
}

}  // namespace fupin::app
