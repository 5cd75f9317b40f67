// The sections of a run file's report: key numbers, poverty over time, targets, money by
// programme, the income distribution, regions and provenance.
#pragma once

#include <string>
#include <vector>

#include "output/report/document.hpp"
#include "output/report/run_data.hpp"

namespace fupin::output::report {

std::vector<Section> run_sections(const RunData& run, Language language);

// A region level's name in the language: county, township, village; 县, 乡镇, 村.
std::string level_name(const std::string& level, Language language);

// Parts of run_sections.
Section key_numbers_section(const RunData& run, Language language);
Section poverty_section(const RunData& run, Language language);
Section targets_section(const RunData& run, Language language);
Section money_section(const RunData& run, Language language);
Section income_section(const RunData& run, Language language);
Section regions_section(const RunData& run, Language language);
Section provenance_section(const RunData& run, Language language);

}  // namespace fupin::output::report
