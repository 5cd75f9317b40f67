// Key numbers, poverty over time, targets and provenance of a run file's report.
#include "output/report/run_sections.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "output/report/svg_chart.hpp"

namespace fupin::output::report {

namespace {

std::string th(const Text& t, Language l, bool numeric = false) {
  return fmt::format("<th{}>{}</th>", numeric ? " class=\"num\"" : "", escape(t.in(l)));
}
std::string td(const std::string& html, bool numeric = false) {
  return fmt::format("<td{}>{}</td>", numeric ? " class=\"num\"" : "", html);
}

std::int64_t sum(const std::vector<std::int64_t>& v) {
  return std::accumulate(v.begin(), v.end(), std::int64_t{0});
}

std::string variant_label(const RunData& run, const VariantData& v, Language l) {
  if (v.name != run.counterfactual) return v.name;
  return v.name + (l == Language::zh ? "（反事实）" : " (counterfactual)");
}

}  // namespace

std::string level_name(const std::string& level, Language l) {
  if (l == Language::en) return level;
  if (level == "county") return "县";
  if (level == "township") return "乡镇";
  if (level == "village") return "村";
  return level;
}

std::vector<Section> run_sections(const RunData& run, Language l) {
  return {key_numbers_section(run, l), poverty_section(run, l), targets_section(run, l),
          money_section(run, l),       income_section(run, l),  regions_section(run, l),
          provenance_section(run, l)};
}

Section key_numbers_section(const RunData& run, Language l) {
  const bool with_lifted = !run.counterfactual.empty();
  // One column per variant, one row per number: a scenario has fewer variants than numbers.
  std::string h = "<table class=\"key-numbers\"><thead><tr>" + th({"", ""}, l);
  for (const VariantData& v : run.variants) {
    h += fmt::format("<th class=\"num\" data-variant=\"{}\">{}</th>", escape(v.name),
                     escape(variant_label(run, v, l)));
  }
  h += "</tr></thead><tbody>";
  const auto row = [&](const char* key, const std::string& label, const auto& cell) {
    h += fmt::format("<tr data-metric=\"{}\"><th>{}</th>", key, escape(label));
    for (const VariantData& v : run.variants) h += td(cell(v, v.years.size() - 1), true);
    h += "</tr>";
  };
  const VariantData& first = run.variants.front();
  const auto in_year = [&](const Text& t, int year) {
    return fmt::format("{} ({})", t.in(l), year);
  };
  row("poor_people_first", in_year({"Poor people", "贫困人口"}, first.years.front()),
      [](const VariantData& v, std::size_t) { return format_count(v.poor_people.front()); });
  row("poor_people_last", in_year({"Poor people", "贫困人口"}, first.years.back()),
      [](const VariantData& v, std::size_t last) { return format_count(v.poor_people[last]); });
  row("poor_people_change", Text{"Change in poor people", "贫困人口变化"}.in(l),
      [](const VariantData& v, std::size_t last) {
        return format_count(v.poor_people[last] - v.poor_people.front());
      });
  row("headcount_ratio_last", in_year({"Headcount ratio", "贫困发生率"}, first.years.back()),
      [](const VariantData& v, std::size_t last) {
        return format_percent(v.headcount_ratio[last]);
      });
  row("fgt1_last", in_year({"Poverty gap index P1", "贫困距指数 P1"}, first.years.back()),
      [](const VariantData& v, std::size_t last) { return format_percent(v.fgt1[last], 2); });
  row("disbursed", Text{"Money disbursed over the period", "期间拨付资金"}.in(l),
      [](const VariantData& v, std::size_t) { return format_fen(sum(v.disbursed_fen)); });
  row("spent", Text{"Money reaching households", "到户资金"}.in(l),
      [](const VariantData& v, std::size_t) { return format_fen(sum(v.spent_fen)); });
  row("exits", Text{"Registered households that exited", "建档立卡户脱贫户数"}.in(l),
      [](const VariantData& v, std::size_t) { return group_thousands(sum(v.exits)); });
  row("cost_per_exit", Text{"Cost per exit (yuan per household)", "每户脱贫成本（元/户）"}.in(l),
      [](const VariantData& v, std::size_t) {
        const std::int64_t exits = sum(v.exits);
        return format_yuan(exits > 0 ? static_cast<double>(sum(v.spent_fen)) / 100.0 /
                                           static_cast<double>(exits)
                                     : std::nan(""));
      });
  if (with_lifted) {
    row("people_lifted", in_year({"People lifted", "减贫人数"}, first.years.back()),
        [](const VariantData& v, std::size_t last) { return format_count(v.people_lifted[last]); });
    row("cost_per_person_lifted",
        in_year({"Cost per person lifted (yuan)", "每减贫一人成本（元）"}, first.years.back()),
        [](const VariantData& v, std::size_t last) {
          return format_yuan(v.cost_per_person_lifted[last]);
        });
  }
  h += "</tbody></table>";
  const bool zh = l == Language::zh;
  h += fmt::format(
      "<p class=\"note\">{}</p>",
      zh ? fmt::format(
               "期间 {}–{}。每户脱贫成本 = 到户资金合计 ÷ 建档立卡户脱贫户数合计；资金单位为元。",
               first.years.front(), first.years.back())
         : fmt::format(
               "Period {}–{}. Cost per exit = money that reached households over the period ÷ "
               "registered households that exited; money in yuan.",
               first.years.front(), first.years.back()));
  if (with_lifted) {
    h += fmt::format(
        "<p class=\"note\">{}</p>",
        escape(zh ? fmt::format(
                        "减贫人数 = 反事实方案“{}”的贫困人口 − 本方案的贫困人口；每减贫一人成本 = "
                        "（本方案自期初拨付资金 − 反事实方案的）÷ 减贫人数。",
                        run.counterfactual)
                  : fmt::format(
                        "People lifted = poor people of the counterfactual variant '{}' − this "
                        "variant's; cost per person lifted = (money disbursed since the start − "
                        "the counterfactual's) ÷ people lifted.",
                        run.counterfactual)));
  }
  return {"key-numbers", Text{"Key numbers", "关键数字"}.in(l), h};
}

Section poverty_section(const RunData& run, Language l) {
  const bool zh = l == Language::zh;
  const VariantData& first = run.variants.front();
  LineChart poor;
  poor.id = "chart-headcount";
  poor.title = zh ? "贫困人口（人均纯收入低于贫困线的人数）"
                  : "Poor people (per-capita income below the poverty line)";
  poor.x_label = zh ? "年份（下方：当年贫困线，元/人/年）"
                    : "Year (below: the year's poverty line, yuan/person/year)";
  poor.y_label = zh ? "人" : "people";
  for (std::size_t i = 0; i < first.years.size(); ++i) {
    poor.x.push_back(std::to_string(first.years[i]));
    poor.x_sublabel.push_back(format_yuan(first.poverty_line[i]));
  }
  poor.tick = [](double v) { return format_count(v); };
  poor.value = [zh](double v) { return format_count(v) + (zh ? " 人" : " people"); };
  LineChart gap = poor;
  gap.id = "chart-fgt1";
  gap.title = zh ? "贫困距指数 P1（FGT(1)）" : "Poverty gap index P1 (FGT(1))";
  gap.y_label = zh ? "贫困距指数（占贫困线的百分比）" : "poverty gap (% of the poverty line)";
  gap.tick = [](double v) { return format_percent(v, 1); };
  gap.value = [](double v) { return format_percent(v, 2); };
  for (const VariantData& v : run.variants) {
    poor.series.push_back({variant_label(run, v, l), v.name, v.poor_people, {}, {}});
    gap.series.push_back({variant_label(run, v, l), v.name, v.fgt1, {}, {}});
  }
  std::string h = render(poor);
  h += fmt::format("<p class=\"note\">{}</p>",
                   zh ? "每个方案一条线；贫困线（元/人/年）标在每年下方。"
                      : "One line per variant; the poverty line of each year (yuan per person per "
                        "year) is shown under the year.");
  h += render(gap);
  h += fmt::format(
      "<p class=\"note\">{}</p>",
      zh ? "P1 = 全体人口贫困缺口比率 min(1, (z − y)/z) 的平均值（非贫困者为 0）。"
         : "P1 = the mean over all people of the gap ratio min(1, (z − y)/z), 0 for the non-poor.");
  return {"poverty", Text{"Poverty over time", "贫困变化"}.in(l), h};
}

Section targets_section(const RunData& run, Language l) {
  const bool zh = l == Language::zh;
  bool any = false;
  for (const VariantData& v : run.variants) any = any || !v.targets.empty();
  std::string h;
  if (!any) {
    h = fmt::format("<p class=\"note\">{}</p>",
                    zh ? "情景未设定目标。" : "The scenario sets no targets.");
    return {"targets", Text{"Targets", "目标"}.in(l), h};
  }
  // One row per target (the first variant's list: every variant scores the same targets), one
  // column per variant.
  h = "<table class=\"targets\"><thead><tr>";
  h += th({"Target", "目标"}, l) + th({"Rule", "要求"}, l) +
       th({"Scored at the end of", "考核时点"}, l);
  for (const VariantData& v : run.variants) {
    h += fmt::format("<th data-variant=\"{}\">{}</th>", escape(v.name),
                     escape(variant_label(run, v, l)));
  }
  h += "</tr></thead><tbody>";
  const VariantData* listed = &run.variants.front();
  for (const VariantData& v : run.variants) {
    if (listed->targets.empty() && !v.targets.empty()) listed = &v;
  }
  for (std::size_t k = 0; k < listed->targets.size(); ++k) {
    const TargetResult& t = listed->targets[k];
    const bool money = t.metric.find("income") != std::string::npos;
    const auto show = [&](double x) { return money ? format_yuan(x) : format_percent(x, 1); };
    const std::string rule = fmt::format(
        "{} {} {}{}", t.metric, t.comparison == "at_most" ? "≤" : "≥", show(t.threshold),
        t.level == "scenario"
            ? ""
            : (zh ? "（每个" + level_name(t.level, l) + "）" : " (every " + t.level + ")"));
    const std::string when = t.year > 0 ? std::to_string(t.year)
                             : zh ? fmt::format("入选当年 + {} 年", t.years_after_selection)
                                  : fmt::format("selection year + {}", t.years_after_selection);
    h += fmt::format("<tr data-target=\"{}\">", escape(t.name));
    h += td("<strong>" + escape(t.name) + "</strong><br><small>" + escape(t.description) +
            "</small>");
    h += td(escape(rule)) + td(escape(when));
    for (const VariantData& v : run.variants) {
      const auto it = std::find_if(v.targets.begin(), v.targets.end(),
                                   [&](const TargetResult& x) { return x.name == t.name; });
      if (it == v.targets.end()) {
        h += td("–");
        continue;
      }
      const char* status = it->regions_scored == 0                 ? "unscored"
                           : it->regions_met == it->regions_scored ? "met"
                                                                   : "missed";
      const Text result = it->regions_scored == 0                 ? Text{"not scored", "未考核"}
                          : it->regions_met == it->regions_scored ? Text{"met", "达标"}
                                                                  : Text{"missed", "未达标"};
      const std::string detail = it->value
                                     ? show(*it->value)
                                     : fmt::format("{} / {} {}", it->regions_met,
                                                   it->regions_scored, zh ? "个地区" : "regions");
      h += fmt::format(
          "<td class=\"status {}\" data-variant=\"{}\" "
          "data-target=\"{}\">{}<br><small>{}</small></td>",
          status, escape(v.name), escape(t.name), escape(result.in(l)), escape(detail));
    }
    h += "</tr>";
  }
  h += "</tbody></table>";
  h += fmt::format(
      "<p class=\"note\">{}</p>",
      zh ? "每格：结果，以及达标地区数 / 参与考核地区数（全情景目标则为其数值）；"
           "所有参与考核的地区均达标方为达标。"
         : "Each cell: the result, and the regions meeting the target / the regions scored "
           "(the value, for a target over the whole scenario); a target is met when every "
           "scored region meets it.");
  return {"targets", Text{"Targets", "目标"}.in(l), h};
}

Section provenance_section(const RunData& run, Language l) {
  std::string h = "<dl class=\"provenance\">";
  const auto row = [&](const Text& label, const std::string& value) {
    h += fmt::format("<dt>{}</dt><dd>{}</dd>", escape(label.in(l)),
                     escape(value.empty() ? "–" : value));
  };
  row({"Run file", "结果文件"}, run.path);
  row({"Scenario", "情景"}, run.scenario_name);
  row({"Scenario file", "情景文件"}, run.scenario_file);
  row({"Seed", "随机种子"}, std::to_string(run.seed));
  std::string seeds;
  for (const VariantData& v : run.variants)
    seeds += (seeds.empty() ? "" : ", ") + v.name + ": " + std::to_string(v.seed);
  row({"Seeds of the variants", "各方案种子"}, seeds);
  row({"Written by", "生成程序"}, "fupin " + run.fupin_version);
  row({"History", "生成命令（history）"}, run.history);
  row({"Layout", "文件格式"},
      fmt::format("{} (layout_version {})", run.conventions, run.layout_version));
  row({"Households simulated", "模拟农户数"}, group_thousands(run.households));
  h += "</dl>";
  return {"provenance", Text{"Provenance", "来源"}.in(l), h};
}

}  // namespace fupin::output::report
