#include "output/compare_file.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <mutex>

#include "fupin/version.hpp"
#include "output/atomic_file.hpp"
#include "output/hdf5_handle.hpp"
#include "output/hdf5_writer.hpp"
#include "sim/statistics.hpp"

namespace fupin::output {

namespace {

const ReplicateMetricValues* find_metric(const VariantReplicates& v, const std::string& name) {
  for (const ReplicateMetricValues& m : v.metrics) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

// The seeds of the first `n` replicates are the same: replicate r of each saw the same streams.
bool same_seeds(const VariantReplicates& a, const VariantReplicates& b, std::size_t n) {
  return std::equal(a.seeds.begin(), a.seeds.begin() + static_cast<std::ptrdiff_t>(n),
                    b.seeds.begin());
}

}  // namespace

Comparison compare_variants(const VariantReplicates& variant, const std::string& file,
                            const VariantReplicates& against, const std::string& against_file) {
  Comparison c;
  c.variant = variant.name;
  c.against = against.name;
  c.file = file;
  c.against_file = against_file;
  c.seeds = variant.seeds;
  c.against_seeds = against.seeds;
  const std::size_t ra = variant.seeds.size();
  const std::size_t rb = against.seeds.size();
  c.replicates = std::min(ra, rb);
  c.paired = c.replicates > 0 && same_seeds(variant, against, c.replicates);
  // Columns of the variant's years that `against` has too, and where they are in `against`.
  std::vector<std::size_t> in_variant;
  std::vector<std::size_t> in_against;
  for (std::size_t y = 0; y < variant.years.size(); ++y) {
    const auto at = std::find(against.years.begin(), against.years.end(), variant.years[y]);
    if (at == against.years.end()) continue;
    in_variant.push_back(y);
    in_against.push_back(static_cast<std::size_t>(at - against.years.begin()));
  }
  for (const ReplicateMetricValues& m : variant.metrics) {
    const ReplicateMetricValues* o = find_metric(against, m.name);
    if (o == nullptr || o->yearly != m.yearly) continue;
    MetricDifference d;
    d.name = m.name;
    d.units = m.units;
    d.description = m.description;
    d.yearly = m.yearly;
    const std::size_t columns = m.yearly ? in_variant.size() : 1;
    for (std::size_t k = 0; k < columns; ++k) {
      const std::size_t ka = m.yearly ? in_variant[k] : 0;
      const std::size_t kb = m.yearly ? in_against[k] : 0;
      if (m.yearly) d.years.push_back(variant.years[ka]);
      std::vector<double> a(ra);
      std::vector<double> b(rb);
      for (std::size_t r = 0; r < ra; ++r) a[r] = m.values[r * m.width + ka];
      for (std::size_t r = 0; r < rb; ++r) b[r] = o->values[r * o->width + kb];
      const sim::Interval unpaired = sim::welch_interval(a, b);
      sim::Interval chosen = unpaired;
      if (c.paired) {
        std::vector<double> diff(c.replicates);
        for (std::size_t r = 0; r < c.replicates; ++r) diff[r] = a[r] - b[r];
        chosen = sim::mean_interval(diff);
      }
      d.difference.push_back(chosen.mean);
      d.lower.push_back(chosen.lower);
      d.upper.push_back(chosen.upper);
      d.unpaired_lower.push_back(unpaired.lower);
      d.unpaired_upper.push_back(unpaired.upper);
      d.distinguishable.push_back(chosen.excludes_zero() ? 1 : 0);
    }
    c.metrics.push_back(std::move(d));
  }
  return c;
}

void write_compare_file(const std::vector<Comparison>& comparisons, const std::string& path,
                        const std::string& history) {
  if (path.empty()) throw OutputError("cannot write compare file: the path is empty");
  const std::string subject = "compare file '" + path + "'";
  std::lock_guard lock(detail::hdf5_mutex());
  detail::ErrorPrintingOff quiet;
  detail::write_atomically(
      path, subject,
      [&](const std::string& temporary) {
        detail::Hdf5Writer w(subject, temporary);
        {
          detail::Node root = w.root();
          w.attr_string(root, "Conventions",
                        "fupin-compare-" + std::to_string(kCompareFileLayoutVersion));
          w.attr_string(root, "history", history);
          detail::Node meta = w.group(root, "meta");
          w.attr_string(meta, "created_by", "fupin");
          w.attr_string(meta, "fupin_version", kVersion);
          w.attr_string(meta, "kind", "compare");
          w.attr_scalar<std::int32_t>(meta, "layout_version", kCompareFileLayoutVersion);
          w.attr_string(
              meta, "interval",
              "95%: paired, mean of the replicate differences ± t(0.975, N−1) · sd / √N; unpaired, "
              "Welch's t with Welch–Satterthwaite degrees of freedom");
          detail::Node all = w.group(root, "comparisons");
          w.attr_string(all, "description", "one group per variant compared: variant − against");
          for (const Comparison& c : comparisons) {
            w.check_name(c.variant, "variant name");
            detail::Node g = w.group(all, c.variant);
            w.attr_string(g, "variant", c.variant);
            w.attr_string(g, "against", c.against);
            w.attr_string(g, "file", c.file);
            w.attr_string(g, "against_file", c.against_file);
            w.attr_scalar<std::int32_t>(g, "paired", c.paired ? 1 : 0);
            w.attr_scalar<std::int32_t>(g, "replicates", w.to_int32(c.replicates, "replicates"));
            std::vector<std::int32_t> years;
            for (const MetricDifference& d : c.metrics) {
              if (d.yearly && d.years.size() > years.size()) years = d.years;
            }
            detail::Node year = w.dataset(g, "year", years, "year", "calendar year");
            w.make_scale(year, "year");
            w.dataset(g, "seed", c.seeds, "1", "seed of each replicate of the variant");
            w.dataset(g, "against_seed", c.against_seeds, "1",
                      "seed of each replicate of the variant compared with");
            for (const MetricDifference& d : c.metrics) {
              w.check_name(d.name, "metric name");
              detail::Node m = w.group(g, d.name);
              w.attr_string(m, "description", d.description);
              const std::string what = d.yearly ? ", per year" : "";
              const char* units = d.units.c_str();
              const auto put = [&](const char* name, const auto& values, const char* u,
                                   const std::string& text) {
                detail::Node ds = w.dataset(m, name, values, u, text + what);
                if (d.yearly) w.attach(ds, year, 0);
              };
              put("difference", d.difference, units, "mean of variant − against");
              put("lower", d.lower, units, "lower bound of the 95% interval of the difference");
              put("upper", d.upper, units, "upper bound of the 95% interval of the difference");
              put("unpaired_lower", d.unpaired_lower, units,
                  "lower bound of Welch's 95% interval (unpaired)");
              put("unpaired_upper", d.unpaired_upper, units,
                  "upper bound of Welch's 95% interval (unpaired)");
              put("distinguishable", d.distinguishable, "1", "1: the 95% interval excludes 0");
            }
          }
        }
        std::vector<char> image = w.image();
        w.close();
        return image;
      },
      {});
}

}  // namespace fupin::output
