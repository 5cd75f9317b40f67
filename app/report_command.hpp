// `fupin report FILE [-o report.html] [--lang en|zh]`: a self-contained HTML page of a run file, a
// compare file or a sweep file.
#pragma once

#include <string>

namespace fupin::app {

struct ReportOptions {
  std::string file;
  std::string output;  // empty: FILE with the extension .html
  std::string language = "en";
};

// Exit code: 0 written, 2 bad input (none of fupin's files, an output that may not be replaced), 1
// a failure reading or writing.
int report_command(const ReportOptions& options);

}  // namespace fupin::app
