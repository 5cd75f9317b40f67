#include "app/compare_command.hpp"

#include <fmt/format.h>

#include <cmath>
#include <iostream>
#include <vector>

#include "app/commands.hpp"
#include "app/output_target.hpp"
#include "output/compare_file.hpp"
#include "output/replicate_reader.hpp"

namespace fupin::app {

namespace {

// The metrics printed (every metric is stored): poverty counts and measures, shares above each
// threshold, people lifted and their cost, target margins.
bool printed(const std::string& name) {
  return name == "poor_people" || name == "headcount_ratio" || name == "fgt1" ||
         name.rfind("share_above_", 0) == 0 || name == "people_lifted" ||
         name == "cost_per_person_lifted" ||
         (name.rfind("target_", 0) == 0 && name.size() > 7 && name.ends_with("_margin"));
}

std::string number(double x) {
  return std::isnan(x) ? std::string("nan") : fmt::format("{:.6g}", x);
}

void print(const output::Comparison& c) {
  const bool across = c.file != c.against_file;
  std::cout << fmt::format(
      "\n{} − {}{}\n", across ? c.variant + " (" + c.file + ")" : c.variant,
      across ? c.against + " (" + c.against_file + ")" : c.against,
      c.paired ? fmt::format(": {} paired replicate{} (common random numbers)", c.replicates,
                             c.replicates == 1 ? "" : "s")
               : fmt::format(": unpaired (the seeds differ), {} replicates or more", c.replicates));
  if (c.replicates < 2) {
    std::cout << "  1 replicate: no interval can be given; run with --replicates N (N >= 2) to "
                 "tell the difference "
                 "from noise\n";
  }
  std::cout << fmt::format("  {:<40} {:>6} {:>14} {:>32}  {}\n", "metric", "year", "difference",
                           "95% interval", "verdict");
  for (const output::MetricDifference& d : c.metrics) {
    if (!printed(d.name) || d.difference.empty()) continue;
    const std::size_t k = d.difference.size() - 1;  // the final year (or the target's one value)
    const std::string year = d.yearly ? std::to_string(d.years[k]) : std::string("-");
    const bool has_interval = !std::isnan(d.lower[k]) && !std::isnan(d.upper[k]);
    const std::string interval =
        has_interval ? fmt::format("[{}, {}]", number(d.lower[k]), number(d.upper[k])) : "-";
    const std::string verdict = std::isnan(d.difference[k]) ? "not defined"
                                : !has_interval             ? "no interval"
                                : d.lower[k] == 0 && d.upper[k] == 0
                                    ? "no difference in any replicate"
                                : d.distinguishable[k] != 0 ? "distinguishable from noise"
                                                            : "within noise";
    std::cout << fmt::format("  {:<40} {:>6} {:>14} {:>32}  {}\n", d.name, year,
                             number(d.difference[k]), interval, verdict);
  }
}

std::string names(const output::RunReplicates& run) {
  std::string out;
  for (const auto& v : run.variants) out += (out.empty() ? "" : ", ") + v.name;
  return out;
}

}  // namespace

int compare_command(const CompareOptions& o) {
  output::RunReplicates first;
  output::RunReplicates second;
  try {
    first = output::read_replicates(o.file);
    if (!o.other.empty()) second = output::read_replicates(o.other);
  } catch (const output::NotComparable& e) {
    std::cerr << "fupin: compare: " << e.what() << '\n';
    return kExitBadInput;
  } catch (const output::OutputError& e) {
    std::cerr << "fupin: compare: " << e.what() << '\n';
    return kExitFailure;
  }
  if (!o.output.empty()) {
    if (const auto refusal = refuse_output(o.output, "compare file",
                                           {{o.file, "run file"}, {o.other, "run file"}})) {
      std::cerr << "fupin: compare: " << *refusal << '\n';
      return kExitBadInput;
    }
  }
  std::vector<output::Comparison> comparisons;
  if (!o.other.empty()) {
    if (o.against) {
      std::cerr << "fupin: compare: --against applies to one run file; with two, same-named "
                   "variants are compared\n";
      return kExitBadInput;
    }
    for (const auto& b : second.variants) {
      for (const auto& a : first.variants) {
        if (a.name == b.name)
          comparisons.push_back(output::compare_variants(b, o.other, a, o.file));
      }
    }
    if (comparisons.empty()) {
      std::cerr << fmt::format(
          "fupin: compare: '{}' (variants {}) and '{}' (variants {}) have no variant in common\n",
          o.file, names(first), o.other, names(second));
      return kExitBadInput;
    }
  } else {
    // Default: the counterfactual the run file records (layout 6), else the first variant.
    const output::VariantReplicates* base =
        first.variants.empty() ? nullptr : &first.variants.front();
    for (const auto& v : first.variants) {
      if (v.name == first.variants.front().counterfactual) base = &v;
    }
    if (o.against) {
      base = nullptr;
      for (const auto& v : first.variants) {
        if (v.name == *o.against) base = &v;
      }
      if (base == nullptr) {
        std::cerr << fmt::format(
            "fupin: compare: --against {}: '{}' has no such variant; its variants: {}\n",
            *o.against, o.file, names(first));
        return kExitBadInput;
      }
    }
    if (first.variants.size() < 2) {
      std::cerr << fmt::format(
          "fupin: compare: '{}' has {} variant{}: nothing to compare (give a second run file)\n",
          o.file, first.variants.size(), first.variants.size() == 1 ? "" : "s");
      return kExitBadInput;
    }
    for (const auto& v : first.variants) {
      if (&v != base) comparisons.push_back(output::compare_variants(v, o.file, *base, o.file));
    }
  }
  std::cout << "differences of the final year (every year in the compare file); 95% intervals by "
               "Student's t over "
               "the paired replicate differences (Welch's t when unpaired)\n";
  if (o.other.empty() && !o.against && !first.variants.empty() &&
      comparisons.front().against == first.variants.front().counterfactual) {
    std::cout << fmt::format(
        "against the counterfactual the run file records, {} (--against V to choose another)\n",
        comparisons.front().against);
  }
  for (const output::Comparison& c : comparisons) print(c);
  if (!o.output.empty()) {
    try {
      output::write_compare_file(comparisons, o.output, o.command_line);
    } catch (const std::exception& e) {
      std::cerr << "fupin: " << e.what() << '\n';
      return kExitFailure;
    }
    std::cout << "\nwrote " << o.output << '\n';
  }
  return kExitOk;
}

}  // namespace fupin::app
