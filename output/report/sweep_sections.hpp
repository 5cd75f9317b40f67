// The sections of a sweep file's report: the design and its runs, the sensitivity indices of each
// metric, every metric against every parameter, and provenance.
#pragma once

#include <string>
#include <vector>

#include "output/report/document.hpp"
#include "output/report/sweep_data.hpp"

namespace fupin::output::report {

std::vector<Section> sweep_sections(const SweepData& data, Language language);

// Parts of sweep_sections.
Section design_section(const SweepData& data, Language language);
Section sensitivity_section(const SweepData& data, Language language);
Section outcomes_section(const SweepData& data, Language language);
Section sweep_provenance_section(const SweepData& data, Language language);

// Short names of parameter key paths for chart axes: the shortest tail of whole components that
// is not numeric and that no other path ends with ("dynamics.growth" → "growth").
std::vector<std::string> short_names(const std::vector<std::string>& paths);

// A parameter's values as x coordinates of a scatter: numbers as they are, named levels as their
// index among the levels in order of first appearance (written to `levels`).
std::vector<double> scatter_x(const SweepValues& parameter, std::vector<std::string>& levels);

}  // namespace fupin::output::report
