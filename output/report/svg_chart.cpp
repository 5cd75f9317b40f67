// Inline SVG charts of the HTML report (svg_chart.hpp).
#include "output/report/svg_chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "output/report/format.hpp"
#include "output/report/svg_parts.hpp"

namespace fupin::output::report {

namespace svg {

// Shortest decimal that reads back to the same double: the data-* attributes hold exact values.
std::string exact(double v) { return std::isnan(v) ? "nan" : fmt::format("{}", v); }

// Approximate rendered width of `text` at 12 px: Latin characters about 7 px, CJK about 12.
double text_width(const std::string& text) {
  double w = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      w += 7;
    } else if (c >= 0xC0) {
      w += c >= 0xE0 ? 12 : 7;  // lead byte: 3- and 4-byte sequences are CJK and symbols
    }
  }
  return w;
}

// Dash pattern of line series i, so that lines lying on top of each other stay distinguishable.
const char* dashes(std::size_t i) {
  static constexpr const char* kDashes[] = {"none", "8 4", "2 3", "12 4 2 4", "4 4", "1 5"};
  return kDashes[i % std::size(kDashes)];
}

Legend legend(const std::vector<std::pair<std::string, std::string>>& items, bool lines) {
  Legend out;
  double x = kLeft;
  double row = 0;
  std::string body;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const double w = 22 + text_width(items[i].first) + 18;
    if (x + w > kWidth - kRight && x > kLeft) {
      x = kLeft;
      ++row;
    }
    const double y = kTitleHeight + 8 + row * kLegendRow;
    const char* colour = palette(i);
    if (lines) {
      body += fmt::format(
          R"(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="2.5" stroke-dasharray="{}"/>)",
          x, y + 6, x + 18, y + 6, colour, dashes(i));
    } else {
      body +=
          fmt::format(R"(<rect x="{}" y="{}" width="14" height="12" fill="{}"/>)", x, y, colour);
    }
    body += fmt::format(R"(<text x="{}" y="{}" class="legend-label">{}</text>)", x + 22, y + 10,
                        escape(items[i].first));
    x += w;
  }
  out.svg = R"(<g class="legend">)" + body + "</g>";
  out.height = items.empty() ? 0 : (row + 1) * kLegendRow + 8;
  return out;
}

Frame frame(double top, double min_value, double max_value) {
  Frame f;
  f.top = top;
  f.bottom = kHeight - kBottom;
  if (!(max_value > min_value)) max_value = min_value + 1;
  f.ticks = nice_ticks(min_value, max_value, 5);
  f.low = f.ticks.front();
  f.high = f.ticks.back();
  return f;
}

std::string open_svg(const std::string& id, const std::string& title, const std::string& kind,
                     const std::vector<std::pair<std::string, std::string>>& data, double height) {
  std::string attributes;
  for (const auto& [name, value] : data)
    attributes += fmt::format(R"( data-{}="{}")", escape(name), escape(value));
  return fmt::format(
      R"(<svg id="{0}" class="chart {1}" viewBox="0 0 {2} {3}" width="{2}" height="{3}" role="img" aria-labelledby="{0}-title"{6}>)"
      R"(<title id="{0}-title">{4}</title><text x="{5}" y="20" class="chart-title">{4}</text>)",
      escape(id), kind, kWidth, height, escape(title), kLeft, attributes);
}

// Gridlines, y ticks, both axes and their labels.
std::string axes(const Frame& f, const std::function<std::string(double)>& tick,
                 const std::string& x_label, const std::string& y_label) {
  std::string out = R"(<g class="y-axis">)";
  for (double t : f.ticks) {
    const double y = f.y(t);
    out += fmt::format(R"(<line x1="{}" y1="{:.2f}" x2="{}" y2="{:.2f}" class="grid"/>)", kLeft, y,
                       kWidth - kRight, y);
    out += fmt::format(R"(<text x="{}" y="{:.2f}" class="tick" text-anchor="end">{}</text>)",
                       kLeft - 6, y + 4, escape(tick(t)));
  }
  const double mid = (f.top + f.bottom) / 2;
  out += fmt::format(
      R"svg(<text class="axis-label" text-anchor="middle" transform="translate(16 {:.2f}) rotate(-90)">{}</text>)svg",
      mid, escape(y_label));
  out += "</g>";
  out += fmt::format(R"(<line x1="{0}" y1="{1}" x2="{0}" y2="{2:.2f}" class="axis"/>)", kLeft,
                     f.top, f.bottom);
  out += fmt::format(R"(<line x1="{0}" y1="{1:.2f}" x2="{2}" y2="{1:.2f}" class="axis"/>)", kLeft,
                     f.bottom, kWidth - kRight);
  out += fmt::format(
      R"(<text x="{:.2f}" y="{}" class="axis-label x-label" text-anchor="middle">{}</text>)",
      (kLeft + kWidth - kRight) / 2, kHeight - 8, escape(x_label));
  return out;
}

std::string x_ticks(const std::vector<std::string>& labels,
                    const std::vector<std::string>& sublabels,
                    const std::function<double(std::size_t)>& centre, double bottom) {
  std::string out = R"(<g class="x-axis">)";
  // Thin the labels when neighbours would overlap.
  double widest = labels.size() == 1 ? text_width(labels[0]) : 0;
  for (std::size_t i = 0; i + 1 < labels.size(); ++i)
    widest = std::max(widest, (text_width(labels[i]) + text_width(labels[i + 1])) / 2);
  const double step = labels.size() > 1 ? centre(1) - centre(0) : kWidth;
  const std::size_t every =
      std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil((widest + 8) / step)));
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const double x = centre(i);
    out +=
        fmt::format(R"(<line x1="{0:.2f}" y1="{1:.2f}" x2="{0:.2f}" y2="{2:.2f}" class="axis"/>)",
                    x, bottom, bottom + 5);
    if (i % every != 0) continue;
    out += fmt::format(R"(<text x="{:.2f}" y="{:.2f}" class="tick" text-anchor="middle">{}</text>)",
                       x, bottom + 18, escape(labels[i]));
    if (i < sublabels.size() && !sublabels[i].empty()) {
      out += fmt::format(
          R"(<text x="{:.2f}" y="{:.2f}" class="tick sub" text-anchor="middle">{}</text>)", x,
          bottom + 32, escape(sublabels[i]));
    }
  }
  return out + "</g>";
}

}  // namespace svg

using namespace svg;

std::vector<double> nice_ticks(double low, double high, int count) {
  if (!std::isfinite(low) || !std::isfinite(high)) return {0, 1};
  if (high < low) std::swap(low, high);
  if (high == low) high = low + (low == 0 ? 1 : std::fabs(low));
  const double raw = (high - low) / std::max(1, count);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude * 10;
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (m * magnitude >= raw) {
      step = m * magnitude;
      break;
    }
  }
  const double first = std::floor(low / step) * step;
  std::vector<double> out;
  for (int k = 0;; ++k) {
    const double t = first + k * step;
    out.push_back(std::fabs(t) < step * 1e-9 ? 0.0 : t);
    if (t >= high - step * 1e-9) break;
  }
  return out;
}

const char* palette(std::size_t i) {
  // Okabe–Ito, then four of Paul Tol's muted colours for scenarios with many programmes.
  static constexpr const char* kColours[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                             "#E69F00", "#56B4E9", "#000000", "#F0E442",
                                             "#882255", "#999933", "#332288", "#AA4499"};
  return kColours[i % std::size(kColours)];
}

std::string render(const LineChart& c) {
  std::vector<std::pair<std::string, std::string>> items;
  for (const LineSeries& s : c.series) items.emplace_back(s.name, s.key);
  const Legend key = legend(items, true);
  double lo = 0;
  double hi = -std::numeric_limits<double>::infinity();
  for (const LineSeries& s : c.series) {
    for (const std::vector<double>* values : {&s.y, &s.low, &s.high}) {
      for (double v : *values) {
        if (std::isnan(v)) continue;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
      }
    }
  }
  if (!std::isfinite(hi)) hi = 1;
  const Frame f = frame(kTitleHeight + key.height + 6, lo, hi);
  const double plot = kWidth - kRight - kLeft;
  const std::size_t n = c.x.size();
  const auto centre = [&](std::size_t i) {
    return kLeft + (static_cast<double>(i) + 0.5) * plot / static_cast<double>(n);
  };
  std::string out = open_svg(c.id, c.title, "line-chart", {}, kHeight) + key.svg +
                    axes(f, c.tick, c.x_label, c.y_label);
  out += x_ticks(c.x, c.x_sublabel, centre, f.bottom);
  if (c.zero_line) {
    out += fmt::format(R"(<line x1="{0}" y1="{1:.2f}" x2="{2}" y2="{1:.2f}" class="zero-line"/>)",
                       kLeft, f.y(0), kWidth - kRight);
  }
  for (std::size_t s = 0; s < c.series.size(); ++s) {
    const LineSeries& series = c.series[s];
    const bool band = series.low.size() >= n && series.high.size() >= n;
    if (band) {  // one polygon per run of years with both bounds
      std::string upper;
      std::string lower;
      const auto close = [&] {
        if (!upper.empty()) {
          out += fmt::format(R"(<path class="band" d="M{}L{}Z" fill="{}" fill-opacity="0.15"/>)",
                             upper, lower, palette(s));
        }
        upper.clear();
        lower.clear();
      };
      for (std::size_t i = 0; i < n; ++i) {
        if (std::isnan(series.low[i]) || std::isnan(series.high[i])) {
          close();
          continue;
        }
        upper += fmt::format("{}{:.2f},{:.2f}", upper.empty() ? "" : " ", centre(i),
                             f.y(series.high[i]));
        lower = fmt::format("{:.2f},{:.2f} ", centre(i), f.y(series.low[i])) + lower;
      }
      close();
    }
    std::string path;
    bool pen = false;
    for (std::size_t i = 0; i < n && i < series.y.size(); ++i) {
      if (std::isnan(series.y[i])) {
        pen = false;
        continue;
      }
      path += fmt::format("{}{:.2f},{:.2f} ", pen ? "L" : "M", centre(i), f.y(series.y[i]));
      pen = true;
    }
    out += fmt::format(
        R"(<g class="series" data-series="{}"><path d="{}" fill="none" stroke="{}" stroke-width="2.5" stroke-dasharray="{}"/>)",
        escape(series.key), path, palette(s), dashes(s));
    for (std::size_t i = 0; i < n && i < series.y.size(); ++i) {
      if (std::isnan(series.y[i])) continue;
      const std::string bounds = band ? fmt::format(R"( data-low="{}" data-high="{}")",
                                                    exact(series.low[i]), exact(series.high[i]))
                                      : std::string();
      const std::string interval =
          band && !std::isnan(series.low[i])
              ? fmt::format(" [{}, {}]", c.value(series.low[i]), c.value(series.high[i]))
              : std::string();
      out += fmt::format(
          R"(<circle class="point" cx="{:.2f}" cy="{:.2f}" r="3.5" fill="{}" data-series="{}" data-x="{}" data-y="{}"{}><title>{} {}: {}{}</title></circle>)",
          centre(i), f.y(series.y[i]), palette(s), escape(series.key), escape(c.x[i]),
          exact(series.y[i]), bounds, escape(series.name), escape(c.x[i]),
          escape(c.value(series.y[i])), escape(interval));
    }
    out += "</g>";
  }
  return out + "</svg>";
}

std::string render(const BarChart& c) {
  std::vector<std::pair<std::string, std::string>> items;
  for (const BarSeries& s : c.series) items.emplace_back(s.name, s.key);
  const Legend key = legend(items, false);
  const std::size_t n = c.categories.size();
  double lo = 0;
  double hi = 0;
  for (std::size_t i = 0; i < n; ++i) {
    double stack = 0;
    for (const BarSeries& s : c.series) {
      const double v = i < s.values.size() && !std::isnan(s.values[i]) ? s.values[i] : 0;
      if (c.stacked) {
        stack += v;
        hi = std::max(hi, stack);
      } else {
        hi = std::max(hi, v);
        lo = std::min(lo, v);
        for (const std::vector<double>* b : {&s.low, &s.high}) {
          if (i < b->size() && !std::isnan((*b)[i])) {
            hi = std::max(hi, (*b)[i]);
            lo = std::min(lo, (*b)[i]);
          }
        }
      }
    }
  }
  if (hi <= lo) hi = lo + 1;
  const Frame f = frame(kTitleHeight + key.height + 6, lo, hi);
  const double plot = kWidth - kRight - kLeft;
  const double band = plot / static_cast<double>(std::max<std::size_t>(n, 1));
  const auto centre = [&](std::size_t i) { return kLeft + (static_cast<double>(i) + 0.5) * band; };
  std::string out = open_svg(c.id, c.title, c.stacked ? "bar-chart stacked" : "bar-chart grouped",
                             c.data, kHeight) +
                    key.svg + axes(f, c.tick, c.x_label, c.y_label);
  if (c.edges.empty()) {
    out += x_ticks(c.labels.size() == n ? c.labels : c.categories, {}, centre, f.bottom);
  } else {
    out += x_ticks(
        c.edges, {}, [&](std::size_t i) { return kLeft + static_cast<double>(i) * band; },
        f.bottom);
  }
  const double inner = band * 0.8;
  const std::size_t groups = c.stacked ? 1 : std::max<std::size_t>(c.series.size(), 1);
  const double bar = inner / static_cast<double>(groups);
  for (std::size_t i = 0; i < n; ++i) {
    double base = 0;
    for (std::size_t s = 0; s < c.series.size(); ++s) {
      const BarSeries& series = c.series[s];
      if (i >= series.values.size() || std::isnan(series.values[i])) continue;
      const double v = series.values[i];
      const double x = centre(i) - inner / 2 + (c.stacked ? 0 : static_cast<double>(s) * bar);
      const double from = c.stacked ? base : 0;
      const double to = from + v;
      const double top = f.y(std::max(from, to));
      const double height = std::fabs(f.y(from) - f.y(to));
      const bool whisker = !c.stacked && i < series.low.size() && i < series.high.size();
      const std::string bounds = whisker ? fmt::format(R"( data-low="{}" data-high="{}")",
                                                       exact(series.low[i]), exact(series.high[i]))
                                         : std::string();
      const std::string interval =
          whisker && !std::isnan(series.low[i])
              ? fmt::format(" [{}, {}]", c.value(series.low[i]), c.value(series.high[i]))
              : std::string();
      const double width = std::max(bar - (c.stacked ? 0 : 1), 1.0);
      out += fmt::format(
          R"(<rect class="bar" x="{:.2f}" y="{:.2f}" width="{:.2f}" height="{:.2f}" fill="{}" data-series="{}" data-x="{}" data-y="{}"{}><title>{}, {}: {}{}</title></rect>)",
          x, top, width, height, palette(s), escape(series.key), escape(c.categories[i]), exact(v),
          bounds, escape(series.name), escape(c.categories[i]), escape(c.value(v)),
          escape(interval));
      if (whisker && !std::isnan(series.low[i]) && !std::isnan(series.high[i])) {
        const double mid = x + width / 2;
        const double y0 = f.y(series.low[i]);
        const double y1 = f.y(series.high[i]);
        out += fmt::format(
            R"(<path class="whisker" d="M{0:.2f},{1:.2f}V{2:.2f}M{3:.2f},{1:.2f}H{4:.2f}M{3:.2f},{2:.2f}H{4:.2f}" stroke="#1a1a1a"/>)",
            mid, y0, y1, mid - std::min(5.0, width / 3), mid + std::min(5.0, width / 3));
      }
      if (c.stacked) base = to;
    }
  }
  if (c.marker) {
    const double x = kLeft + *c.marker * band;
    out += fmt::format(
        R"(<g class="marker"><line x1="{0:.2f}" y1="{1:.2f}" x2="{0:.2f}" y2="{2:.2f}" class="marker-line"/>)"
        R"(<text x="{3:.2f}" y="{4:.2f}" class="marker-label">{5}</text></g>)",
        x, f.top, f.bottom, x + 4, f.top + 12, escape(c.marker_label));
  }
  return out + "</svg>";
}

}  // namespace fupin::output::report
