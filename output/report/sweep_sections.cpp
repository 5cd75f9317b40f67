// The sections of a sweep file's report (sweep_sections.hpp).
#include "output/report/sweep_sections.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "output/report/svg_chart.hpp"

namespace fupin::output::report {

namespace {

std::string note(const std::string& text) {
  return fmt::format("<p class=\"note\">{}</p>", escape(text));
}

std::string id_of(const std::string& prefix, const std::string& name) {
  std::string id = prefix;
  for (char ch : name) id += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '-';
  return id;
}

// A number for ticks and tables: up to 4 significant digits, thousands grouped when large.
std::string number(double v) {
  if (std::isnan(v)) return "–";
  if (std::fabs(v) >= 1000) return format_number(v, 0);
  return fmt::format("{:.4g}", v);
}

std::string design_name(const std::string& design, Language l) {
  if (l == Language::en) return design;
  if (design == "grid") return "网格 (grid)";
  if (design == "latin_hypercube") return "拉丁超立方 (latin_hypercube)";
  if (design == "sobol") return "Sobol (sobol)";
  if (design == "morris") return "Morris (morris)";
  return design;
}

}  // namespace

std::vector<std::string> short_names(const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const std::string& p : paths) {
    // The shortest tail of whole key components that no other path ends with.
    std::string shown = p;
    for (std::size_t at = p.rfind('.'); at != std::string::npos && at > 0;
         at = p.rfind('.', at - 1)) {
      const std::string tail = p.substr(at + 1);
      const bool unique = std::none_of(paths.begin(), paths.end(), [&](const std::string& q) {
        return q != p && (q == tail || q.ends_with("." + tail));
      });
      if (unique && std::any_of(tail.begin(), tail.end(), [](char c) {
            return !std::isdigit(static_cast<unsigned char>(c));
          })) {
        shown = tail;
        break;
      }
    }
    out.push_back(shown);
  }
  return out;
}

std::vector<double> scatter_x(const SweepValues& p, std::vector<std::string>& levels) {
  levels.clear();
  if (!p.text) return p.numbers;
  std::vector<double> out;
  for (const std::string& s : p.strings) {
    auto at = std::find(levels.begin(), levels.end(), s);
    if (at == levels.end()) at = levels.insert(levels.end(), s);
    out.push_back(static_cast<double>(at - levels.begin()));
  }
  return out;
}

std::vector<Section> sweep_sections(const SweepData& d, Language l) {
  return {design_section(d, l), sensitivity_section(d, l), outcomes_section(d, l),
          sweep_provenance_section(d, l)};
}

Section design_section(const SweepData& d, Language l) {
  const bool zh = l == Language::zh;
  std::string h = "<div class=\"cards\">";
  const auto card = [&](const Text& label, const std::string& key, const std::string& value) {
    h += fmt::format(
        "<div class=\"card\" data-key=\"{}\"><div class=\"label\">{}</div><div "
        "class=\"value\">{}</div></div>",
        key, escape(label.in(l)), escape(value));
  };
  card({"Design", "设计"}, "design", design_name(d.design, l));
  card({"Design points", "设计点数"}, "points",
       group_thousands(static_cast<std::int64_t>(d.points())));
  card({"Replicates per point", "每点重复次数"}, "replicates",
       group_thousands(static_cast<std::int64_t>(d.replicates())));
  card({"Runs", "运行次数"}, "runs", group_thousands(static_cast<std::int64_t>(d.run.size())));
  h += "</div>";
  h += "<table class=\"parameters\"><thead><tr>";
  for (const Text& t : {Text{"Parameter", "参数"}, Text{"Values in the runs", "运行中的取值"},
                        Text{"Distinct values", "不同取值数"}}) {
    h += "<th>" + escape(t.in(l)) + "</th>";
  }
  h += "</tr></thead><tbody>";
  for (const SweepValues& p : d.parameters) {
    std::string range;
    std::size_t distinct = 0;
    if (p.text) {
      std::vector<std::string> levels;
      scatter_x(p, levels);
      for (const std::string& s : levels) range += (range.empty() ? "" : ", ") + s;
      distinct = levels.size();
    } else {
      std::vector<double> sorted = p.numbers;
      std::sort(sorted.begin(), sorted.end());
      distinct =
          static_cast<std::size_t>(std::unique(sorted.begin(), sorted.end()) - sorted.begin());
      range = sorted.empty() ? "–" : number(sorted.front()) + " – " + number(sorted.back());
    }
    h += fmt::format(
        "<tr data-parameter=\"{}\"><td><code>{}</code></td><td>{}</td><td "
        "class=\"num\">{}</td></tr>",
        escape(p.name), escape(p.name), escape(range), distinct);
  }
  h += "</tbody></table>";
  std::string metrics;
  for (const SweepValues& m : d.metrics) metrics += (metrics.empty() ? "" : ", ") + m.name;
  h += note((zh ? "指标（每次运行一个值）：" : "Metrics (one value per run): ") + metrics);
  h += note(zh ? "重复 r 在每个设计点使用情景种子 + r：各点之间为共同随机数。"
               : "Replicate r runs with the scenario's seed + r at every point: the points share "
                 "their random numbers.");
  return {"design", Text{"Design and runs", "设计与运行"}.in(l), h};
}

Section sensitivity_section(const SweepData& d, Language l) {
  const bool zh = l == Language::zh;
  std::string h;
  for (const SweepIndexData& ix : d.indices) {
    if (ix.method == "sobol") {
      BarChart c;
      c.id = id_of("sobol-", ix.metric);
      c.title = fmt::format(fmt::runtime(zh ? "{}：Sobol 指数" : "{}: Sobol indices"), ix.metric);
      c.x_label = zh ? "参数" : "parameter";
      c.y_label = zh ? "指数（方差份额）" : "index (share of variance)";
      c.categories = ix.parameters;
      c.labels = short_names(ix.parameters);
      c.series.push_back({zh ? "一阶 S1" : "first order S1", "first", ix.column("first"),
                          ix.column("first_low"), ix.column("first_high")});
      c.series.push_back({zh ? "总效应 ST" : "total ST", "total", ix.column("total"),
                          ix.column("total_low"), ix.column("total_high")});
      c.tick = [](double v) { return fmt::format("{:.2g}", v); };
      c.value = [](double v) { return fmt::format("{:.3f}", v); };
      c.data = {{"metric", ix.metric}, {"method", "sobol"}};
      h += render(c);
    } else if (ix.method == "morris") {
      BarChart c;
      c.id = id_of("morris-", ix.metric);
      c.title =
          fmt::format(fmt::runtime(zh ? "{}：Morris μ* 与 σ" : "{}: Morris μ* and σ"), ix.metric);
      c.x_label = zh ? "参数" : "parameter";
      c.y_label =
          zh ? "基本效应（指标单位 / 参数分位）" : "elementary effect (metric per quantile)";
      c.categories = ix.parameters;
      c.labels = short_names(ix.parameters);
      c.series.push_back({"μ*", "mu_star", ix.column("mu_star"), {}, {}});
      c.series.push_back({"σ", "sigma", ix.column("sigma"), {}, {}});
      c.tick = number;
      c.value = [](double v) { return fmt::format("{:.4g}", v); };
      c.data = {{"metric", ix.metric}, {"method", "morris"}};
      h += render(c);
      ScatterChart s;
      s.id = id_of("morris-scatter-", ix.metric);
      s.title = fmt::format(fmt::runtime(zh ? "{}：Morris μ*–σ 图" : "{}: Morris μ* against σ"),
                            ix.metric);
      s.x_label = zh ? "μ*（平均绝对基本效应）" : "μ* (mean absolute elementary effect)";
      s.y_label = zh ? "σ（基本效应标准差）" : "σ (sd of the elementary effects)";
      s.x = ix.column("mu_star");
      s.y = ix.column("sigma");
      s.labels = ix.parameters;
      s.point_text = short_names(ix.parameters);
      s.label_points = true;
      s.x_tick = number;
      s.y_tick = number;
      s.data = {{"metric", ix.metric}, {"method", "morris"}};
      h += render(s);
    }
  }
  if (h.empty()) {
    h = note(zh ? fmt::format("“{}”设计不给出敏感性指数（sobol 与 morris 设计给出）。", d.design)
                : fmt::format("The {} design gives no sensitivity indices (the sobol and morris "
                              "designs do).",
                              d.design));
  } else {
    h += note(
        zh ? "Sobol：一阶指数 S1（Saltelli 2010）与总效应指数 ST（Jansen 1999），竖线为 95% "
             "自助法区间。Morris：μ* 大表示影响大，σ 大表示非线性或与其他参数交互；"
             "效应以参数分位为单位。指数按各设计点重复均值计算。"
             "参数以其键路径的末段表示（全名见上表）。"
           : "Sobol: first-order S1 (Saltelli 2010) and total ST (Jansen 1999) indices, the "
             "whiskers their 95% bootstrap intervals. Morris: a large μ* means a large "
             "influence, a large σ a non-linear effect or interactions; effects are per unit "
             "of the parameter's quantile. Indices are of each point's mean over replicates. "
             "Parameters are named by the end of their key path (in full in the table above).");
  }
  return {"sensitivity", Text{"Sensitivity", "敏感性"}.in(l), h};
}

Section outcomes_section(const SweepData& d, Language l) {
  const bool zh = l == Language::zh;
  std::string h;
  for (const SweepValues& m : d.metrics) {
    if (m.text) continue;
    h += fmt::format("<h3>{}</h3><div class=\"small-multiples\">", escape(m.name));
    for (const SweepValues& p : d.parameters) {
      ScatterChart s;
      s.id = id_of("scatter-", m.name + "-" + p.name);
      s.title = fmt::format("{} ~ {}", m.name, p.name);
      s.x_label = p.name;
      s.y_label = m.name;
      s.x = scatter_x(p, s.x_categories);
      s.y = m.numbers;
      for (std::size_t r = 0; r < d.run.size(); ++r) {
        s.labels.push_back(fmt::format(
            fmt::runtime(zh ? "运行 {}（点 {}，重复 {}）" : "run {} (point {}, replicate {})"),
            d.run[r], d.point[r], d.replicate[r]));
      }
      s.x_tick = number;
      s.y_tick = number;
      s.data = {{"metric", m.name}, {"parameter", p.name}};
      h += render(s);
    }
    h += "</div>";
  }
  if (h.empty())
    h = note(zh ? "扫描文件中没有数值指标。" : "The sweep file holds no numeric metric.");
  else
    h += note(zh ? "每次运行一个点（所有设计点与重复）；文字取值的参数按其取值分列。"
                 : "One point per run (every design point and replicate); a parameter with named "
                   "levels has one column per level.");
  return {"outcomes", Text{"Outcomes against parameters", "指标与参数"}.in(l), h};
}

Section sweep_provenance_section(const SweepData& d, Language l) {
  std::string h = "<dl class=\"provenance\">";
  const auto row = [&](const Text& label, const std::string& value) {
    h += fmt::format("<dt>{}</dt><dd>{}</dd>", escape(label.in(l)),
                     escape(value.empty() ? "–" : value));
  };
  row({"Sweep result file", "扫描结果文件"}, d.path);
  row({"Sweep file", "扫描设定文件"}, d.sweep_file);
  row({"Scenario file", "情景文件"}, d.scenario_file);
  row({"Variant", "方案"}, d.variant);
  row({"Seed of the design", "设计随机种子"}, std::to_string(d.seed));
  row({"Written by", "生成程序"}, "fupin " + d.fupin_version);
  row({"History", "生成命令（history）"}, d.history);
  row({"Layout", "文件格式"},
      fmt::format("{} (layout_version {})", d.conventions, d.layout_version));
  h += "</dl>";
  return {"provenance", Text{"Provenance", "来源"}.in(l), h};
}

}  // namespace fupin::output::report
