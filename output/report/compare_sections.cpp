// The sections of a compare file's report (compare_sections.hpp).
#include "output/report/compare_sections.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string_view>

#include "output/report/svg_chart.hpp"

namespace fupin::output::report {

namespace {

std::string note(const std::string& text) {
  return fmt::format("<p class=\"note\">{}</p>", escape(text));
}

std::string unit_word(const std::string& units, Language l) {
  if (l == Language::en) return units;
  if (units == "people") return "人";
  if (units == "households") return "户";
  if (units == "yuan") return "元";
  if (units == "yuan/person") return "元/人";
  if (units == "yuan/person/year") return "元/人/年";
  return units;
}

// The metric's values are shares (units "1", except the Gini coefficient and counts of regions).
bool is_share(const MetricComparison& m) { return m.units == "1" && m.name != "gini"; }

std::string axis_unit(const MetricComparison& m, Language l) {
  if (is_share(m)) return l == Language::zh ? "百分点" : "percentage points";
  return m.units == "1" ? "" : unit_word(m.units, l);
}

// The final entry: the last year of a yearly metric, the one value of a target's score.
std::size_t last(const MetricComparison& m) { return m.difference.size() - 1; }

const MetricComparison* find(const ComparisonData& c, const std::string& name) {
  for (const MetricComparison& m : c.metrics) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

// Metric names in the order of the first comparison that has them.
std::vector<std::string> metric_names(const CompareData& d) {
  std::vector<std::string> out;
  for (const ComparisonData& c : d.comparisons) {
    for (const MetricComparison& m : c.metrics) {
      if (!m.difference.empty() && std::find(out.begin(), out.end(), m.name) == out.end())
        out.push_back(m.name);
    }
  }
  return out;
}

std::string chart_id(const std::string& prefix, const std::string& metric) {
  std::string id = prefix + "-";
  for (char ch : metric) id += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '-';
  return id;
}

// Tick labels: the signed number only (the unit is in the axis title), shares in points.
std::string tick_label(double v, const std::string& units) {
  if (v == 0) return "0";
  const double x = units == "1" ? v * 100 : v;
  if (std::fabs(x) >= 1000) return (x > 0 ? "+" : "") + format_number(x, 0);
  return fmt::format("{:+.4g}", x);
}

}  // namespace

bool charted_metric(const std::string& name) {
  return name == "poor_people" || name == "headcount_ratio" || name == "fgt1" ||
         name.rfind("share_above_", 0) == 0 || name == "people_lifted" ||
         name == "cost_per_person_lifted" ||
         (name.rfind("target_", 0) == 0 && name.size() > 14 && name.ends_with("_margin"));
}

std::string metric_label(const std::string& name, Language l) {
  const bool zh = l == Language::zh;
  static const struct {
    const char* name;
    Text text;
  } kNames[] = {
      {"population", {"Population", "人口"}},
      {"poor_people", {"Poor people", "贫困人口"}},
      {"poor_households", {"Poor households", "贫困户数"}},
      {"headcount_ratio", {"Headcount ratio P0", "贫困发生率 P0"}},
      {"fgt1", {"Poverty gap index P1", "贫困距指数 P1"}},
      {"fgt2", {"Squared poverty gap P2", "平方贫困距指数 P2"}},
      {"mean_income", {"Mean income", "人均收入均值"}},
      {"median_income", {"Median income", "人均收入中位数"}},
      {"gini", {"Gini coefficient", "基尼系数"}},
      {"registered_households", {"Registered poor households", "建档立卡贫困户数"}},
      {"exits", {"Exits", "脱贫户数"}},
      {"returns", {"Returns to poverty", "返贫户数"}},
      {"disbursed_yuan", {"Money disbursed", "拨付资金"}},
      {"spent_yuan", {"Money reaching households", "到户资金"}},
      {"people_lifted", {"People lifted", "减贫人数"}},
      {"cost_per_person_lifted", {"Cost per person lifted", "每减贫一人成本"}},
  };
  for (const auto& k : kNames) {
    if (name == k.name) return k.text.in(l);
  }
  if (name.rfind("share_above_", 0) == 0) {
    const std::string t = name.substr(12);
    return zh ? fmt::format("收入高于 {} 元的人口比例", t) : fmt::format("Share above {} yuan", t);
  }
  for (const auto& [suffix, text] :
       {std::pair<std::string, Text>{"_margin", {"margin", "差距"}},
        {"_met_share", {"share of regions meeting it", "达标地区比例"}}}) {
    if (name.rfind("target_", 0) == 0 && name.size() > 7 + suffix.size() &&
        name.ends_with(suffix)) {
      const std::string target = name.substr(7, name.size() - 7 - suffix.size());
      return fmt::format(fmt::runtime(zh ? "目标 {}：{}" : "Target {}: {}"), target, text.in(l));
    }
  }
  return name;
}

std::string signed_value(double v, const std::string& units, Language l) {
  if (std::isnan(v)) return "–";
  if (units == "1")
    return fmt::format("{:+.2f}", v * 100) + (l == Language::zh ? " 个百分点" : " pp");
  const int decimals = std::fabs(v) >= 100 ? 0 : std::fabs(v) >= 1 ? 1 : 3;
  const std::string number = format_number(v, decimals);
  const std::string sign = v > 0 ? "+" : "";
  const std::string unit = unit_word(units, l);
  return sign + number + (unit.empty() || unit == "1" ? "" : " " + unit);
}

std::string verdict(const MetricComparison& m, std::size_t k, Language l) {
  const bool interval = !std::isnan(m.lower[k]) && !std::isnan(m.upper[k]);
  const Text t = std::isnan(m.difference[k]) ? Text{"not defined", "无定义"}
                 : !interval                 ? Text{"no interval", "无区间"}
                 : m.lower[k] == 0 && m.upper[k] == 0
                     ? Text{"no difference in any replicate", "各重复均无差异"}
                 : m.distinguishable[k] != 0 ? Text{"distinguishable from noise", "可与噪声区分"}
                                             : Text{"within noise", "在噪声范围内"};
  return t.in(l);
}

std::string comparison_label(const ComparisonData& c) {
  if (c.file == c.against_file) return c.variant + " − " + c.against;
  namespace fs = std::filesystem;
  return fmt::format("{} ({}) − {} ({})", c.variant, fs::path(c.file).filename().string(),
                     c.against, fs::path(c.against_file).filename().string());
}

std::vector<Section> compare_sections(const CompareData& d, Language l) {
  return {comparisons_section(d, l), final_year_section(d, l), over_time_section(d, l),
          all_metrics_section(d, l), compare_provenance_section(d, l)};
}

Section comparisons_section(const CompareData& d, Language l) {
  const bool zh = l == Language::zh;
  std::string h = "<table class=\"comparisons\"><thead><tr>";
  for (const Text& t : {Text{"Comparison", "比较"}, Text{"File of the variant", "方案所在文件"},
                        Text{"File of the variant compared with", "对照方案所在文件"},
                        Text{"Replicates", "重复次数"}, Text{"Pairing", "配对"}}) {
    h += (t.en == std::string_view("Replicates") ? "<th class=\"num\">" : "<th>") +
         escape(t.in(l)) + "</th>";
  }
  h += "</tr></thead><tbody>";
  for (const ComparisonData& c : d.comparisons) {
    h += fmt::format(
        "<tr data-comparison=\"{}\"><td><strong>{}</strong></td><td class=\"path\">{}</td><td "
        "class=\"path\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
        escape(c.variant), escape(comparison_label(c)), escape(c.file), escape(c.against_file),
        c.replicates,
        escape(c.paired ? (zh ? "按重复配对（共同随机数）"
                              : "paired by replicate (common random numbers)")
                        : (zh ? "不配对（种子不同）" : "unpaired (the seeds differ)")));
  }
  h += "</tbody></table>";
  h += note(
      zh ? "差值 = 方案 − 对照方案。配对时，差值为各重复差值的均值，95% 区间为其 Student t 区间；"
           "不配对时为均值之差及 Welch 区间。区间不含 0 "
           "时，差异可与噪声区分（实心点），否则在噪声范围内（空心点）。"
         : "Difference = variant − the variant it is compared with. Paired: the mean of the "
           "replicates' differences and its Student-t 95% interval; unpaired: the difference "
           "of the means and Welch's interval. A difference is distinguishable from noise "
           "(filled point) when its interval excludes 0, else within noise (hollow point).");
  const bool one_replicate = std::any_of(d.comparisons.begin(), d.comparisons.end(),
                                         [](const ComparisonData& c) { return c.replicates < 2; });
  if (one_replicate) {
    h += note(zh ? "只有 1 次重复的比较无法给出区间：以 --replicates N（N ≥ 2）运行情景。"
                 : "A comparison with 1 replicate has no interval: run the scenario with "
                   "--replicates N (N >= 2).");
  }
  return {"comparisons", Text{"Comparisons", "比较"}.in(l), h};
}

Section final_year_section(const CompareData& d, Language l) {
  const bool zh = l == Language::zh;
  std::string h;
  for (const std::string& name : metric_names(d)) {
    if (!charted_metric(name)) continue;
    IntervalChart chart;
    chart.id = chart_id("interval", name);
    const MetricComparison* unit_source = nullptr;
    std::string when;
    for (const ComparisonData& c : d.comparisons) {
      const MetricComparison* m = find(c, name);
      if (m == nullptr || m->difference.empty()) continue;
      unit_source = m;
      const std::size_t k = last(*m);
      if (m->yearly) when = std::to_string(m->years[k]);
      chart.rows.push_back({comparison_label(c), c.variant, m->difference[k], m->lower[k],
                            m->upper[k], m->distinguishable[k] != 0});
    }
    if (unit_source == nullptr) continue;
    const std::string label = metric_label(name, l);
    chart.title =
        when.empty() ? label : fmt::format(fmt::runtime(zh ? "{}，{} 年" : "{}, {}"), label, when);
    const std::string unit = axis_unit(*unit_source, l);
    chart.x_label = (zh ? "差值（方案 − 对照）" : "difference (variant − compared with)") +
                    (unit.empty() ? ""
                     : zh         ? "，" + unit
                                  : ", " + unit);
    const std::string units = unit_source->units;
    chart.tick = [units](double v) { return tick_label(v, units); };
    chart.value = [units, l](double v) { return signed_value(v, units, l); };
    chart.data = {{"metric", name}, {"year", when}};
    chart.empty_span = units == "1" ? 0.01 : 1;
    const bool any = std::any_of(chart.rows.begin(), chart.rows.end(),
                                 [](const IntervalRow& r) { return std::isfinite(r.value); });
    if (!any) {
      h += fmt::format("<h3>{}</h3>", escape(chart.title));
      h += note(zh ? "末年任何比较的差值均无定义。"
                   : "The difference is not defined for any comparison in the final year.");
      continue;
    }
    h += render(chart);
  }
  if (h.empty())
    h = note(zh ? "比较文件中没有可绘制的指标。" : "The compare file holds no charted metric.");
  h += note(zh ? "每行一个比较：点为差值，横线为其 95% 区间；实心点表示差异可与噪声区分。"
               : "One row per comparison: the point is the difference, the whisker its 95% "
                 "interval; a filled point is distinguishable from noise.");
  return {"final-year", Text{"Differences in the final year", "末年差值"}.in(l), h};
}

Section over_time_section(const CompareData& d, Language l) {
  const bool zh = l == Language::zh;
  std::string h;
  for (const std::string& name : metric_names(d)) {
    if (!charted_metric(name)) continue;
    LineChart chart;
    chart.id = chart_id("over-time", name);
    std::vector<int> years;
    const MetricComparison* unit_source = nullptr;
    for (const ComparisonData& c : d.comparisons) {
      const MetricComparison* m = find(c, name);
      if (m != nullptr && m->yearly && !m->years.empty() && years.empty()) {
        years = m->years;
        unit_source = m;
      }
    }
    if (years.size() < 2) continue;  // targets' scores and single years have no time course
    for (int y : years) chart.x.push_back(std::to_string(y));
    for (const ComparisonData& c : d.comparisons) {
      const MetricComparison* m = find(c, name);
      if (m == nullptr || !m->yearly) continue;
      LineSeries s{comparison_label(c), c.variant, {}, {}, {}};
      for (int y : years) {
        const auto at = std::find(m->years.begin(), m->years.end(), y);
        const std::size_t k = static_cast<std::size_t>(at - m->years.begin());
        const bool has = at != m->years.end();
        s.y.push_back(has ? m->difference[k] : std::nan(""));
        s.low.push_back(has ? m->lower[k] : std::nan(""));
        s.high.push_back(has ? m->upper[k] : std::nan(""));
      }
      chart.series.push_back(std::move(s));
    }
    chart.title = metric_label(name, l);
    chart.x_label = zh ? "年份" : "Year";
    const std::string unit = axis_unit(*unit_source, l);
    chart.y_label = (zh ? "差值" : "difference") + (unit.empty() ? ""
                                                    : zh         ? "（" + unit + "）"
                                                                 : " (" + unit + ")");
    const std::string units = unit_source->units;
    chart.tick = [units](double v) { return tick_label(v, units); };
    chart.value = [units, l](double v) { return signed_value(v, units, l); };
    chart.zero_line = true;
    h += render(chart);
  }
  if (h.empty()) {
    h = note(zh ? "比较文件中没有逐年的指标。" : "The compare file holds no yearly metric.");
  } else {
    h += note(zh ? "每个比较一条线，阴影为各年差值的 95% 区间。"
                 : "One line per comparison; the shaded band is each year's 95% interval.");
  }
  return {"over-time", Text{"Differences over time", "差值随时间变化"}.in(l), h};
}

Section all_metrics_section(const CompareData& d, Language l) {
  const bool zh = l == Language::zh;
  std::string h = "<table class=\"all-metrics\"><thead><tr><th>" +
                  escape(Text{"Metric", "指标"}.in(l)) + "</th>";
  for (const ComparisonData& c : d.comparisons) {
    h += fmt::format("<th data-comparison=\"{}\">{}</th>", escape(c.variant),
                     escape(comparison_label(c)));
  }
  h += "</tr></thead><tbody>";
  for (const std::string& name : metric_names(d)) {
    h += fmt::format("<tr data-metric=\"{}\"><th>{}</th>", escape(name),
                     escape(metric_label(name, l)));
    for (const ComparisonData& c : d.comparisons) {
      const MetricComparison* m = find(c, name);
      if (m == nullptr || m->difference.empty()) {
        h += "<td>–</td>";
        continue;
      }
      const std::size_t k = last(*m);
      const bool distinct = m->distinguishable[k] != 0;
      h += fmt::format(
          "<td class=\"verdict {}\" data-comparison=\"{}\" data-difference=\"{}\" "
          "data-low=\"{}\" data-high=\"{}\">{}<br><small>[{}, {}]{}<br>{}</small></td>",
          distinct ? "distinct" : "noise", escape(c.variant), fmt::format("{}", m->difference[k]),
          fmt::format("{}", m->lower[k]), fmt::format("{}", m->upper[k]),
          escape(signed_value(m->difference[k], m->units, l)),
          escape(signed_value(m->lower[k], m->units, l)),
          escape(signed_value(m->upper[k], m->units, l)),
          m->yearly ? escape(fmt::format(fmt::runtime(zh ? "，{} 年" : ", {}"), m->years[k])) : "",
          escape(verdict(*m, k, l)));
    }
    h += "</tr>";
  }
  h += "</tbody></table>";
  h += note(zh ? "每格：末年（目标得分则为其唯一值）的差值、95% 区间与结论。"
               : "Each cell: the difference in the final year (a target's score: its one value), "
                 "its 95% interval and the verdict.");
  return {"all-metrics", Text{"Every metric", "全部指标"}.in(l), h};
}

Section compare_provenance_section(const CompareData& d, Language l) {
  std::string h = "<dl class=\"provenance\">";
  const auto row = [&](const std::string& label, const std::string& value) {
    h += fmt::format("<dt>{}</dt><dd>{}</dd>", escape(label), escape(value.empty() ? "–" : value));
  };
  const auto seeds = [](const std::vector<std::uint64_t>& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size() && i < 4; ++i)
      out += (i ? ", " : "") + std::to_string(s[i]);
    if (s.size() > 4) out += fmt::format(", … ({} seeds)", s.size());
    return out;
  };
  row(Text{"Compare file", "比较文件"}.in(l), d.path);
  for (const ComparisonData& c : d.comparisons) {
    row(comparison_label(c),
        fmt::format("{}: {}; {}: {}; {} {}; {} {}", c.variant, c.file, c.against, c.against_file,
                    c.replicates, Text{"replicates", "次重复"}.in(l), Text{"seeds", "种子"}.in(l),
                    c.seeds.empty()
                        ? std::string("–")
                        : seeds(c.seeds) +
                              (c.seeds == c.against_seeds ? "" : " / " + seeds(c.against_seeds))));
  }
  row(Text{"Intervals", "区间"}.in(l), d.interval);
  row(Text{"Written by", "生成程序"}.in(l), "fupin " + d.fupin_version);
  row(Text{"History", "生成命令（history）"}.in(l), d.history);
  row(Text{"Layout", "文件格式"}.in(l),
      fmt::format("{} (layout_version {})", d.conventions, d.layout_version));
  h += "</dl>";
  return {"provenance", Text{"Provenance", "来源"}.in(l), h};
}

}  // namespace fupin::output::report
