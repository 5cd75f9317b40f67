// The HTML report of a run file (report.hpp).
#include "output/report/report.hpp"

#include <fmt/format.h>

#include "output/atomic_file.hpp"
#include "output/report/document.hpp"
#include "output/report/run_data.hpp"
#include "output/report/run_sections.hpp"

namespace fupin::output::report {

std::string run_report_html(const std::string& run_file, Language language) {
  const RunData run = read_run_data(run_file);
  Document d;
  d.language = language;
  const std::string name = run.scenario_name.empty() ? run.title : run.scenario_name;
  d.title = (language == Language::zh ? "fupin 运行报告：" : "fupin run report: ") + name;
  const VariantData& first = run.variants.front();
  d.subtitle =
      language == Language::zh
          ? fmt::format("{} 个方案，{}–{} 年，模拟 {} 户", run.variants.size(), first.years.front(),
                        first.years.back(), group_thousands(run.households))
          : fmt::format("{} variant{}, {}–{}, {} households simulated", run.variants.size(),
                        run.variants.size() == 1 ? "" : "s", first.years.front(),
                        first.years.back(), group_thousands(run.households));
  d.sections = run_sections(run, language);
  return render_document(d);
}

void write_run_report(const std::string& run_file, const std::string& output, Language language) {
  // Read and render first: a file that is not a run file writes nothing, not even a temporary.
  const std::string html = run_report_html(run_file, language);
  detail::write_atomically(
      output, fmt::format("report '{}'", output),
      [&](const std::string&) { return std::vector<char>(html.begin(), html.end()); }, {},
      run_file);
}

}  // namespace fupin::output::report
