// The sections of a compare file's report: the comparisons, the differences of the final year as
// interval charts, the differences over time, every metric as a table, and provenance.
#pragma once

#include <string>
#include <vector>

#include "output/report/compare_data.hpp"
#include "output/report/document.hpp"

namespace fupin::output::report {

std::vector<Section> compare_sections(const CompareData& data, Language language);

// Parts of compare_sections.
Section comparisons_section(const CompareData& data, Language language);
Section final_year_section(const CompareData& data, Language language);
Section over_time_section(const CompareData& data, Language language);
Section all_metrics_section(const CompareData& data, Language language);
Section compare_provenance_section(const CompareData& data, Language language);

// The metrics drawn as charts (the others are in the table): poor people, P0, P1, the shares above
// the thresholds, people lifted, cost per person lifted and the targets' margins.
bool charted_metric(const std::string& name);
// A metric's name in words ("Poor people", "Share above 3,000 yuan"), else the name itself.
std::string metric_label(const std::string& name, Language language);
// A difference in the metric's units with its sign: "+1.25 pp" for units "1", "-1,234 people".
std::string signed_value(double value, const std::string& units, Language language);
// The verdict on a difference: "distinguishable from noise", "within noise", "no interval", …
std::string verdict(const MetricComparison& m, std::size_t k, Language language);
// "variant − against", with the files' names when they differ.
std::string comparison_label(const ComparisonData& c);

}  // namespace fupin::output::report
