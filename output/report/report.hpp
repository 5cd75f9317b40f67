// `fupin report`: one self-contained HTML page (inline CSS and SVG, no script, nothing fetched)
// that shows a run file's results. The page is built from sections (document.hpp); a run file
// gives those of run_sections.hpp.
#pragma once

#include <string>

#include "output/output_error.hpp"
#include "output/report/format.hpp"

namespace fupin::output::report {

// The page for run file `run_file` in `language`, as text.
std::string run_report_html(const std::string& run_file, Language language);

// Writes the page for `run_file` to `output` atomically (a temporary in the same directory,
// renamed when complete). Throws NotARunFile when `run_file` is not a fupin run file (the page is
// not written) and OutputError when reading or writing fails; `output` is never half-written.
void write_run_report(const std::string& run_file, const std::string& output, Language language);

}  // namespace fupin::output::report
