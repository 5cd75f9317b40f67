// Money by programme, the income distribution and regions of a run file's report.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "output/report/run_sections.hpp"
#include "output/report/svg_chart.hpp"

namespace fupin::output::report {

namespace {

std::string th(const std::string& text, bool numeric = false) {
  return fmt::format("<th{}>{}</th>", numeric ? " class=\"num\"" : "", escape(text));
}
std::string td(const std::string& html, bool numeric = false) {
  return fmt::format("<td{}>{}</td>", numeric ? " class=\"num\"" : "", html);
}

// Axis ticks of money in a unit that keeps the labels short: yuan, 10,000 yuan (万元) or 100
// million yuan (亿元) in Chinese; yuan, thousand, million or billion yuan in English.
struct MoneyUnit {
  double divisor = 1;
  std::string name;
};

MoneyUnit money_unit(double largest, Language l) {
  if (l == Language::zh) {
    if (largest >= 1e9) return {1e8, "亿元"};
    if (largest >= 1e5) return {1e4, "万元"};
    return {1, "元"};
  }
  if (largest >= 1e10) return {1e9, "billion yuan"};
  if (largest >= 1e7) return {1e6, "million yuan"};
  if (largest >= 1e4) return {1e3, "thousand yuan"};
  return {1, "yuan"};
}

}  // namespace

Section money_section(const RunData& run, Language l) {
  const bool zh = l == Language::zh;
  const VariantData& first = run.variants.front();
  std::string h;
  if (first.programmes.empty()) {
    h = fmt::format("<p class=\"note\">{}</p>",
                    zh ? "情景没有资金项目。" : "The scenario has no programmes.");
    return {"money", Text{"Money by programme", "分项目资金"}.in(l), h};
  }
  BarChart chart;
  chart.id = "chart-money";
  chart.stacked = true;
  chart.title = zh ? fmt::format("各项目每年拨付资金（方案 {}）", first.name)
                   : fmt::format("Money issued per year by programme (variant {})", first.name);
  chart.x_label = zh ? "年份" : "Year";
  for (int y : first.years) chart.categories.push_back(std::to_string(y));
  double largest = 0;
  std::vector<double> totals(first.years.size(), 0);
  for (const ProgrammeMoney& p : first.programmes) {
    BarSeries s{p.name, p.name, std::vector<double>(first.years.size(), 0), {}, {}};
    for (std::size_t k = 0; k < p.years.size(); ++k) {
      const auto it = std::find(first.years.begin(), first.years.end(), p.years[k]);
      if (it == first.years.end()) continue;
      const auto i = static_cast<std::size_t>(it - first.years.begin());
      s.values[i] = static_cast<double>(p.issued_fen[k]) / 100.0;
      totals[i] += s.values[i];
    }
    chart.series.push_back(std::move(s));
  }
  for (double t : totals) largest = std::max(largest, t);
  const MoneyUnit unit = money_unit(largest, l);
  chart.y_label = unit.name;
  chart.tick = [unit](double v) { return format_number(v / unit.divisor, 2); };
  chart.value = [](double v) { return format_yuan(v); };
  h += render(chart);

  // The same numbers as a table, with each programme's money reaching households and cost per exit.
  h += "<table class=\"money\"><thead><tr>" + th(zh ? "项目" : "Programme") +
       th(zh ? "类型" : "Kind");
  for (int y : first.years) h += th(std::to_string(y), true);
  h += th(zh ? "拨付合计" : "Issued, total", true) +
       th(zh ? "到户合计" : "Reached households", true) +
       th(zh ? "每户脱贫成本" : "Cost per exit", true) + "</tr></thead><tbody>";
  for (const ProgrammeMoney& p : first.programmes) {
    h += fmt::format("<tr data-programme=\"{}\">", escape(p.name)) + td(escape(p.name)) +
         td(escape(p.kind));
    std::int64_t issued = 0;
    for (int y : first.years) {
      const auto it = std::find(p.years.begin(), p.years.end(), y);
      const std::int64_t fen =
          it == p.years.end() ? 0 : p.issued_fen[static_cast<std::size_t>(it - p.years.begin())];
      issued += fen;
      h += td(format_fen(fen), true);
    }
    const std::int64_t spent =
        std::accumulate(p.spent_fen.begin(), p.spent_fen.end(), std::int64_t{0});
    h += td(format_fen(issued), true) + td(format_fen(spent), true);
    h += td(format_yuan(p.cost_per_exit.empty() ? std::nan("") : p.cost_per_exit.back()), true) +
         "</tr>";
  }
  h += "</tbody></table>";
  h += fmt::format(
      "<p class=\"note\">{}</p>",
      zh ? "单位：元。拨付 = 从资金来源账户发出的资金；到户 = 以项目和帮扶措施到达农户的资金；"
           "每户脱贫成本 = 项目期初以来到户资金 ÷ "
           "受其资助农户的脱贫户数（脱贫并非仅由该项目促成）。"
         : "In yuan. Issued = money leaving the programme's source account; reached households = "
           "money "
           "that reached households as projects and units bought; cost per exit = its money "
           "reaching "
           "households since the start ÷ exits of households it assisted (an exit is not its doing "
           "alone).");
  if (run.variants.size() > 1) {
    h += fmt::format("<h3>{}</h3>", zh ? "各方案拨付资金合计（元）"
                                       : "Money issued over the period by variant (yuan)");
    h += "<table class=\"money-by-variant\"><thead><tr>" + th(zh ? "项目" : "Programme");
    for (const VariantData& v : run.variants) h += th(v.name, true);
    h += "</tr></thead><tbody>";
    for (std::size_t p = 0; p < first.programmes.size(); ++p) {
      h += "<tr>" + td(escape(first.programmes[p].name));
      for (const VariantData& v : run.variants) {
        const std::int64_t issued =
            p < v.programmes.size()
                ? std::accumulate(v.programmes[p].issued_fen.begin(),
                                  v.programmes[p].issued_fen.end(), std::int64_t{0})
                : 0;
        h += td(format_fen(issued), true);
      }
      h += "</tr>";
    }
    h += "</tbody></table>";
  }
  return {"money", Text{"Money by programme", "分项目资金"}.in(l), h};
}

Section income_section(const RunData& run, Language l) {
  const bool zh = l == Language::zh;
  const VariantData& first = run.variants.front();
  BarChart chart;
  chart.id = "chart-income";
  chart.y_label = zh ? "人口占比" : "share of people";
  chart.tick = [](double v) { return format_percent(v, 0); };
  chart.value = [](double v) { return format_percent(v, 2); };
  std::string note;
  const bool panel = !run.histogram_edges.empty() && !first.histograms.empty();
  if (panel) {
    const std::vector<double>& e = run.histogram_edges;
    chart.title =
        zh ? "人均纯收入分布（农户面板）" : "Per-capita income distribution (household panel)";
    chart.x_label = zh ? "人均纯收入（元/人/年）" : "per-capita income (yuan/person/year)";
    for (std::size_t k = 0; k + 1 < e.size(); ++k) {
      chart.categories.push_back(k + 2 == e.size()
                                     ? "≥" + format_number(e[k], 0)
                                     : format_number(e[k], 0) + "–" + format_number(e[k + 1], 0));
      chart.edges.push_back(format_number(e[k], 0));
    }
    std::string edges;
    for (double x : e) edges += (edges.empty() ? "" : " ") + fmt::format("{}", x);
    chart.data = {{"source", "household-panel"}, {"edges", edges}};
    chart.series.push_back({fmt::format("{} {}", first.name, first.histograms.front().year),
                            fmt::format("{}@{}", first.name, first.histograms.front().year),
                            first.histograms.front().share,
                            {},
                            {}});
    for (const VariantData& v : run.variants) {
      if (v.histograms.size() < 2) continue;
      chart.series.push_back({fmt::format("{} {}", v.name, v.histograms.back().year),
                              fmt::format("{}@{}", v.name, v.histograms.back().year),
                              v.histograms.back().share,
                              {},
                              {}});
    }
    const int end_year = first.histograms.back().year;
    const auto it = std::find(first.years.begin(), first.years.end(), end_year);
    if (it != first.years.end()) {
      const double line = first.poverty_line[static_cast<std::size_t>(it - first.years.begin())];
      const auto up = std::upper_bound(e.begin(), e.end(), line);
      if (up != e.begin() && up != e.end()) {
        const auto k = static_cast<std::size_t>(up - e.begin()) - 1;
        chart.marker = static_cast<double>(k) + (line - e[k]) / (e[k + 1] - e[k]);
        chart.marker_label = (zh ? fmt::format("{} 年贫困线 ", end_year)
                                 : fmt::format("poverty line {} ", end_year)) +
                             format_yuan(line);
      }
    }
    note = zh ? "依据文件中的农户面板：各收入组人口（按户人数加权）占比，首个与最后一个面板年份；最"
                "后一组包含其以上的全部收入，第一组包含负收入。"
              : "From the file's household panel: the share of people (weighted by household size) "
                "in each income "
                "band, in the first and the last panel year; the last band holds every income "
                "above it, the first "
                "every income below it, negative incomes included.";
  } else if (!first.thresholds.empty() &&
             first.share_above.size() == first.years.size() * first.thresholds.size()) {
    const std::vector<double>& t = first.thresholds;
    chart.title =
        zh ? "人均纯收入分组人口占比（汇总数据）" : "People by per-capita income band (summary)";
    chart.x_label = zh ? "人均纯收入（元/人/年）" : "per-capita income (yuan/person/year)";
    chart.categories.push_back("<" + format_number(t.front(), 0));
    for (std::size_t k = 0; k + 1 < t.size(); ++k) {
      chart.categories.push_back(format_number(t[k], 0) + "–" + format_number(t[k + 1], 0));
    }
    chart.categories.push_back("≥" + format_number(t.back(), 0));
    chart.data = {{"source", "summary-share-above"}};
    const auto bands = [&](const VariantData& v, std::size_t year) {
      const std::size_t n = v.thresholds.size();
      std::vector<double> out;
      out.push_back(1.0 - v.share_above[year * n]);
      for (std::size_t k = 0; k + 1 < n; ++k)
        out.push_back(v.share_above[year * n + k] - v.share_above[year * n + k + 1]);
      out.push_back(v.share_above[year * n + n - 1]);
      return out;
    };
    chart.series.push_back({fmt::format("{} {}", first.name, first.years.front()),
                            fmt::format("{}@{}", first.name, first.years.front()),
                            bands(first, 0),
                            {},
                            {}});
    for (const VariantData& v : run.variants) {
      if (v.thresholds.size() != t.size() || v.share_above.size() != v.years.size() * t.size())
        continue;
      chart.series.push_back({fmt::format("{} {}", v.name, v.years.back()),
                              fmt::format("{}@{}", v.name, v.years.back()),
                              bands(v, v.years.size() - 1),
                              {},
                              {}});
    }
    note =
        zh ? "文件中没有农户面板：图中为汇总数据 share_above 各阈值之间的人口占比（首年与末年）。"
             "如需直方图，请以 --households all 运行。"
           : "The file has no household panel: shown are the shares of people between the "
             "thresholds of the "
             "summary's share_above, in the first and the last year. Run with --households all for "
             "a histogram.";
  } else {
    return {"income", Text{"Income distribution", "收入分布"}.in(l),
            fmt::format("<p class=\"note\">{}</p>", zh ? "文件中没有收入分布数据。"
                                                       : "The file holds no income distribution.")};
  }
  std::string h = render(chart) + fmt::format("<p class=\"note\">{}</p>", escape(note));
  return {"income", Text{"Income distribution", "收入分布"}.in(l), h};
}

Section regions_section(const RunData& run, Language l) {
  const bool zh = l == Language::zh;
  const VariantData& first = run.variants.front();
  std::string h;
  if (first.region_levels.empty()) {
    h = fmt::format("<p class=\"note\">{}</p>",
                    zh ? "文件中没有分地区结果（by_level）。"
                       : "The file has no results by region (by_level).");
    return {"regions", Text{"Regions", "地区"}.in(l), h};
  }
  h += fmt::format(
      "<p class=\"note\">{}</p>",
      escape(zh ? fmt::format("方案 {}：贫困发生率从 {} 年到 {} "
                              "年的变化（负数为下降）。所有地区的结果见 fupin export。",
                              first.name, first.years.front(), first.years.back())
                : fmt::format(
                      "Variant {}: change of the headcount ratio from {} to {} (negative: fewer "
                      "poor). fupin export writes every region's results.",
                      first.name, first.years.front(), first.years.back())));
  for (std::size_t li = 0; li < first.region_levels.size(); ++li) {
    const std::string& level = first.region_levels[li];
    std::vector<RegionChange> regions = first.regions[li];
    std::stable_sort(regions.begin(), regions.end(),
                     [](const RegionChange& a, const RegionChange& b) {
                       return a.end - a.start < b.end - b.start;
                     });
    constexpr std::size_t kShown = 5;
    double widest = 0;
    for (const RegionChange& r : regions) widest = std::max(widest, std::fabs(r.end - r.start));
    // Rows from..to-1 of the regions sorted by change, or to-1 down to from when `reversed`.
    const auto table = [&](const std::string& id, const std::string& caption, std::size_t from,
                           std::size_t to, bool reversed = false) {
      std::string t = fmt::format("<h3>{}</h3><table class=\"regions\" id=\"{}\"><thead><tr>",
                                  escape(caption), id);
      t += th(level_name(level, l));
      if (level != "county") t += th(zh ? "所属县" : "county");
      t += th(fmt::format("{} {}", zh ? "贫困发生率" : "headcount ratio", first.years.front()),
              true);
      t +=
          th(fmt::format("{} {}", zh ? "贫困发生率" : "headcount ratio", first.years.back()), true);
      t += th(zh ? "变化" : "change", true) + th("") + "</tr></thead><tbody>";
      for (std::size_t k = from; k < to; ++k) {
        const RegionChange& r = regions[reversed ? to - 1 - (k - from) : k];
        const double change = r.end - r.start;
        const double width = widest > 0 ? std::fabs(change) / widest * 130 : 0;
        t += fmt::format("<tr data-region=\"{}\" data-change=\"{}\">", escape(r.name), change) +
             td(escape(r.name));
        if (level != "county") t += td(escape(r.parent));
        t += td(format_percent(r.start), true) + td(format_percent(r.end), true) +
             td(format_points(change, l), true);
        t += fmt::format(
            "<td class=\"bar-cell\"><span class=\"hbar{}\" "
            "style=\"width:{:.0f}px\"></span></td></tr>",
            change > 0 ? " worse" : "", width);
      }
      return t + "</tbody></table>";
    };
    const std::string name =
        zh ? (level == "county" ? "县" : "乡镇") : (level == "county" ? "counties" : "townships");
    if (regions.size() <= 2 * kShown) {
      h += table(
          "regions-" + level,
          zh ? fmt::format("全部{}（按变化排序）", name) : fmt::format("All {} by change", name), 0,
          regions.size());
      continue;
    }
    h += table("regions-" + level + "-largest",
               zh ? fmt::format("改善最大的 {} 个{}", kShown, name)
                  : fmt::format("{} {} with the largest improvement", kShown, name),
               0, kShown);
    h += table("regions-" + level + "-smallest",
               zh ? fmt::format("改善最小的 {} 个{}", kShown, name)
                  : fmt::format("{} {} with the smallest improvement", kShown, name),
               regions.size() - kShown, regions.size(), true);
  }
  return {"regions", Text{"Regions", "地区"}.in(l), h};
}

}  // namespace fupin::output::report
