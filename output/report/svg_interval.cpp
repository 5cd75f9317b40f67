// Interval charts of the HTML report (svg_chart.hpp): estimates with whiskers, a row each.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "output/report/format.hpp"
#include "output/report/svg_chart.hpp"
#include "output/report/svg_parts.hpp"

namespace fupin::output::report {

using namespace svg;

std::string render(const IntervalChart& c) {
  constexpr double kRow = 30;
  constexpr double kAxis = 56;  // ticks and the axis label under the rows
  double label_width = 0;
  for (const IntervalRow& r : c.rows) label_width = std::max(label_width, text_width(r.label));
  const double left = std::clamp(label_width + 20, kLeft, 320.0);
  const double right = kWidth - kRight;
  const double top = kTitleHeight + 10;
  const double bottom = top + kRow * static_cast<double>(std::max<std::size_t>(c.rows.size(), 1));
  const double height = bottom + kAxis;
  double lo = 0;
  double hi = 0;
  for (const IntervalRow& r : c.rows) {
    for (double v : {r.value, r.low, r.high}) {
      if (!std::isfinite(v)) continue;
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
  }
  if (!(hi > lo)) {
    lo -= c.empty_span;
    hi += c.empty_span;
  }
  const std::vector<double> ticks = nice_ticks(lo, hi, 5);
  const double low = ticks.front();
  const double high = ticks.back();
  const auto x = [&](double v) { return left + (v - low) / (high - low) * (right - left); };

  std::string out = open_svg(c.id, c.title, "interval-chart", c.data, height);
  for (std::size_t i = 0; i < c.rows.size(); i += 2) {
    out += fmt::format(R"(<rect class="band-row" x="{}" y="{:.2f}" width="{:.2f}" height="{}"/>)",
                       left, top + kRow * static_cast<double>(i), right - left, kRow);
  }
  out += R"(<g class="x-axis">)";
  for (double t : ticks) {
    out +=
        fmt::format(R"(<line x1="{0:.2f}" y1="{1:.2f}" x2="{0:.2f}" y2="{2:.2f}" class="grid"/>)"
                    R"(<text x="{0:.2f}" y="{3:.2f}" class="tick" text-anchor="middle">{4}</text>)",
                    x(t), top, bottom, bottom + 16, escape(c.tick(t)));
  }
  out += fmt::format(
      R"(<text x="{:.2f}" y="{:.2f}" class="axis-label x-label" text-anchor="middle">{}</text></g>)",
      (left + right) / 2, height - 10, escape(c.x_label));
  out += fmt::format(
      R"(<line x1="{0:.2f}" y1="{1:.2f}" x2="{0:.2f}" y2="{2:.2f}" class="zero-line"/>)", x(0), top,
      bottom);
  out += fmt::format(R"(<line x1="{0}" y1="{1:.2f}" x2="{2}" y2="{1:.2f}" class="axis"/>)", left,
                     bottom, right);
  for (std::size_t i = 0; i < c.rows.size(); ++i) {
    const IntervalRow& r = c.rows[i];
    const double y = top + kRow * (static_cast<double>(i) + 0.5);
    const char* colour = palette(i);
    out += fmt::format(R"(<g class="interval" data-series="{}">)", escape(r.key));
    out += fmt::format(R"(<text x="{}" y="{:.2f}" class="row-label" text-anchor="end">{}</text>)",
                       left - 8, y + 4, escape(r.label));
    const bool interval = std::isfinite(r.low) && std::isfinite(r.high);
    if (interval) {
      out += fmt::format(
          R"(<path class="whisker" d="M{0:.2f},{1:.2f}H{2:.2f}M{0:.2f},{3:.2f}V{4:.2f}M{2:.2f},{3:.2f}V{4:.2f}" stroke="{5}"/>)",
          x(r.low), y, x(r.high), y - 6, y + 6, colour);
    }
    const std::string tip =
        c.value(r.value) +
        (interval ? fmt::format(" [{}, {}]", c.value(r.low), c.value(r.high)) : std::string());
    if (std::isfinite(r.value)) {
      out += fmt::format(
          R"(<circle class="interval-point" cx="{:.2f}" cy="{:.2f}" r="5" fill="{}" stroke="{}" stroke-width="2" data-series="{}" data-value="{}" data-low="{}" data-high="{}" data-filled="{}"><title>{}: {}</title></circle>)",
          x(r.value), y, r.filled ? colour : "#ffffff", colour, escape(r.key), exact(r.value),
          exact(r.low), exact(r.high), r.filled ? 1 : 0, escape(r.label), escape(tip));
    }
    out += "</g>";
  }
  return out + "</svg>";
}

}  // namespace fupin::output::report
