// The HTML report of a run file (report.hpp).
#include "output/report/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "output/atomic_file.hpp"
#include "output/report/compare_sections.hpp"
#include "output/report/document.hpp"
#include "output/report/run_data.hpp"
#include "output/report/run_sections.hpp"
#include "output/report/sweep_sections.hpp"

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

std::string compare_report_html(const std::string& compare_file, Language language) {
  const CompareData data = read_compare_data(compare_file);
  const bool zh = language == Language::zh;
  Document d;
  d.language = language;
  d.title = (zh ? "fupin 比较报告：" : "fupin comparison report: ") +
            std::filesystem::path(compare_file).filename().string();
  int replicates = 0;
  for (const ComparisonData& c : data.comparisons) replicates = std::max(replicates, c.replicates);
  const std::size_t n = data.comparisons.size();
  d.subtitle = zh ? fmt::format("{} 个比较，每个最多 {} 次重复", n, replicates)
                  : fmt::format("{} comparison{}, up to {} replicate{} each", n, n == 1 ? "" : "s",
                                replicates, replicates == 1 ? "" : "s");
  d.sections = compare_sections(data, language);
  return render_document(d);
}

std::string sweep_report_html(const std::string& sweep_file, Language language) {
  const SweepData data = read_sweep_data(sweep_file);
  const bool zh = language == Language::zh;
  Document d;
  d.language = language;
  d.title =
      (zh ? "fupin 参数扫描报告：" : "fupin sweep report: ") +
      (data.title.empty() ? std::filesystem::path(sweep_file).filename().string() : data.title);
  d.subtitle =
      zh ? fmt::format("{} 设计，{} 个参数，{} 次运行", data.design, data.parameters.size(),
                       data.run.size())
         : fmt::format("{} design, {} parameter{}, {} runs", data.design, data.parameters.size(),
                       data.parameters.size() == 1 ? "" : "s", data.run.size());
  d.sections = sweep_sections(data, language);
  return render_document(d);
}

void write_report(const std::string& file, const std::string& output, Language language) {
  // Read and render first: a file that is none of fupin's writes nothing, not even a temporary.
  const std::string html = is_sweep_file(file)     ? sweep_report_html(file, language)
                           : is_compare_file(file) ? compare_report_html(file, language)
                                                   : run_report_html(file, language);
  detail::write_atomically(
      output, fmt::format("report '{}'", output),
      [&](const std::string&) { return std::vector<char>(html.begin(), html.end()); }, {}, file);
}

}  // namespace fupin::output::report
