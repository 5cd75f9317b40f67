// `fupin report`: one self-contained HTML page (inline CSS and SVG, no script, nothing fetched)
// that shows a run file's, a compare file's or a sweep file's results. The page is built from
// sections (document.hpp): those of run_sections.hpp, compare_sections.hpp or sweep_sections.hpp.
#pragma once

#include <string>

#include "output/output_error.hpp"
#include "output/report/format.hpp"

namespace fupin::output::report {

// The page for run file `run_file` in `language`, as text.
std::string run_report_html(const std::string& run_file, Language language);

// The page for compare file `compare_file` (`fupin compare -o`).
std::string compare_report_html(const std::string& compare_file, Language language);

// The page for sweep file `sweep_file` (`fupin sweep`).
std::string sweep_report_html(const std::string& sweep_file, Language language);

// Writes the page for `file` — a run, compare or sweep file, told apart by /meta@created_by and
// /meta@kind — to `output` atomically (a temporary in the same directory, renamed when complete).
// Throws NotARunFile when `file` is none of them (the page is not written) and OutputError when
// reading or writing fails; `output` is never half-written.
void write_report(const std::string& file, const std::string& output, Language language);

}  // namespace fupin::output::report
