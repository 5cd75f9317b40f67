// The pieces the report's SVG charts are built from (svg_chart.cpp): page geometry, legends, a
// value frame with its axes, and exact numbers for data-* attributes. Private to output/report.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace fupin::output::report::svg {

inline constexpr double kWidth = 760;
inline constexpr double kHeight = 380;
inline constexpr double kLeft = 96;
inline constexpr double kRight = 24;
inline constexpr double kBottom = 70;
inline constexpr double kTitleHeight = 30;
inline constexpr double kLegendRow = 20;

// Shortest decimal that reads back to the same double: the data-* attributes hold exact values.
std::string exact(double v);
// Approximate rendered width of `text` at 12 px: Latin characters about 7 px, CJK about 12.
double text_width(const std::string& text);
// Dash pattern of line series i.
const char* dashes(std::size_t i);

struct Legend {
  std::string svg;
  double height = 0;
};
// A legend under the title: swatches (`lines`: line samples) in the palette's order.
Legend legend(const std::vector<std::pair<std::string, std::string>>& items, bool lines);

// A vertical value scale from `bottom` (value `low`) up to `top` (value `high`), with its ticks.
struct Frame {
  double top = 0;
  double bottom = 0;
  double low = 0;
  double high = 1;
  std::vector<double> ticks;
  [[nodiscard]] double y(double v) const {
    return bottom - (v - low) / (high - low) * (bottom - top);
  }
};
// A frame from `top` to the fixed chart bottom, with nice ticks covering min … max.
Frame frame(double top, double min_value, double max_value);

// <svg …> with its title; `data` become data-<name> attributes; `height` of the view box.
std::string open_svg(const std::string& id, const std::string& title, const std::string& kind,
                     const std::vector<std::pair<std::string, std::string>>& data, double height);
// Gridlines, y ticks, both axes and their labels (the chart's fixed width and height).
std::string axes(const Frame& f, const std::function<std::string(double)>& tick,
                 const std::string& x_label, const std::string& y_label);
// Category labels (and optional second lines) under the x axis at `centre(i)`.
std::string x_ticks(const std::vector<std::string>& labels,
                    const std::vector<std::string>& sublabels,
                    const std::function<double(std::size_t)>& centre, double bottom);

}  // namespace fupin::output::report::svg
