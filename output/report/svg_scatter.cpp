// Scatter charts of the HTML report (svg_chart.hpp): points on two value axes.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "output/report/format.hpp"
#include "output/report/svg_chart.hpp"
#include "output/report/svg_parts.hpp"

namespace fupin::output::report {

using namespace svg;

std::string render(const ScatterChart& c) {
  const std::size_t n = std::min(c.x.size(), c.y.size());
  const auto range = [&](const std::vector<double>& v) {
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    for (std::size_t i = 0; i < n; ++i) {
      if (!std::isfinite(c.x[i]) || !std::isfinite(c.y[i])) continue;
      lo = std::min(lo, v[i]);
      hi = std::max(hi, v[i]);
    }
    if (!std::isfinite(lo)) return std::pair{0.0, 1.0};
    if (hi == lo)
      return std::pair{lo - (lo == 0 ? 1 : std::fabs(lo) * 0.1),
                       hi + (hi == 0 ? 1 : std::fabs(hi) * 0.1)};
    return std::pair{lo, hi};
  };
  const auto [ylo, yhi] = range(c.y);
  const Frame f = frame(kTitleHeight + 12, ylo, yhi);
  const double left = kLeft + 8;
  const double right = kWidth - kRight - 8;
  // The x axis: named levels at evenly spaced centres, or nice ticks over the values.
  const bool categorical = !c.x_categories.empty();
  std::vector<double> ticks;
  double xlow = 0;
  double xhigh = 1;
  if (categorical) {
    xlow = -0.5;
    xhigh = static_cast<double>(c.x_categories.size()) - 0.5;
  } else {
    const auto [lo, hi] = range(c.x);
    ticks = nice_ticks(lo, hi, 5);
    xlow = ticks.front();
    xhigh = ticks.back();
  }
  const auto px = [&](double v) { return left + (v - xlow) / (xhigh - xlow) * (right - left); };

  std::string out = open_svg(c.id, c.title, "scatter-chart", c.data, kHeight) +
                    axes(f, c.y_tick, c.x_label, c.y_label);
  if (categorical) {
    out += x_ticks(
        c.x_categories, {}, [&](std::size_t i) { return px(static_cast<double>(i)); }, f.bottom);
  } else {
    std::vector<std::string> labels;
    labels.reserve(ticks.size());
    for (double t : ticks) labels.push_back(c.x_tick(t));
    for (double t : ticks) {
      out +=
          fmt::format(R"(<line x1="{0:.2f}" y1="{1:.2f}" x2="{0:.2f}" y2="{2:.2f}" class="grid"/>)",
                      px(t), f.top, f.bottom);
    }
    out += x_ticks(
        labels, {}, [&](std::size_t i) { return px(ticks[i]); }, f.bottom);
  }
  out += R"(<g class="points">)";
  struct Box {
    double x0, x1, y;
  };
  std::vector<Box> placed;  // point texts already written, to keep the next ones off them
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(c.x[i]) || !std::isfinite(c.y[i])) continue;
    const std::string label = i < c.labels.size() ? c.labels[i] : std::string();
    const double cx = px(c.x[i]);
    const double cy = f.y(c.y[i]);
    const std::string shown_x =
        categorical && c.x[i] >= 0 && c.x[i] < static_cast<double>(c.x_categories.size())
            ? c.x_categories[static_cast<std::size_t>(c.x[i])]
            : c.x_tick(c.x[i]);
    out += fmt::format(
        R"(<circle class="scatter-point" cx="{:.2f}" cy="{:.2f}" r="{}" fill="{}" fill-opacity="0.6" data-x="{}" data-y="{}" data-label="{}"><title>{}{}{}, {}</title></circle>)",
        cx, cy, c.label_points ? 5 : 3.5, palette(0), exact(c.x[i]), exact(c.y[i]), escape(label),
        escape(label), label.empty() ? "" : ": ", escape(shown_x), escape(c.y_tick(c.y[i])));
    const std::string shown = i < c.point_text.size() ? c.point_text[i] : label;
    if (c.label_points && !shown.empty()) {
      // Texts of points near the right edge go to their left; a text that would cover one
      // already written moves down (or up) a line.
      const double w = text_width(shown) * 11 / 12;
      const bool leftwards = cx > right - w - 10;
      const double x0 = leftwards ? cx - 8 - w : cx + 8;
      double y = cy - 6;
      for (double dy : {0.0, 13.0, -13.0, 26.0, -26.0, 39.0}) {
        const double at = cy - 6 + dy;
        const bool clash = std::any_of(placed.begin(), placed.end(), [&](const Box& b) {
          return std::fabs(b.y - at) < 12 && b.x0 < x0 + w && x0 < b.x1;
        });
        if (!clash) {
          y = at;
          break;
        }
      }
      placed.push_back({x0, x0 + w, y});
      out += fmt::format(
          R"(<text x="{:.2f}" y="{:.2f}" class="point-label" text-anchor="{}">{}</text>)",
          leftwards ? cx - 8 : cx + 8, y, leftwards ? "end" : "start", escape(shown));
    }
  }
  return out + "</g></svg>";
}

}  // namespace fupin::output::report
