// `fupin report` (report_command.hpp).
#include "app/report_command.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <iostream>

#include "app/commands.hpp"
#include "app/output_target.hpp"
#include "output/report/report.hpp"

namespace fupin::app {

int report_command(const ReportOptions& o) {
  namespace fs = std::filesystem;
  const std::string output =
      o.output.empty() ? fs::path(o.file).replace_extension(".html").string() : o.output;
  if (const auto refusal = refuse_output(output, "report", {{o.file, "file reported on"}})) {
    std::cerr << "fupin: " << *refusal << '\n';
    return kExitBadInput;
  }
  const auto language =
      o.language == "zh" ? output::report::Language::zh : output::report::Language::en;
  try {
    output::report::write_report(o.file, output, language);
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
