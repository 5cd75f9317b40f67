// Charts of the HTML report as inline SVG: line charts and bar charts (stacked or grouped), each
// with a title, axes with ticks and labels, and a legend. Every data point carries its value in
// data-* attributes (and a <title> tooltip), so that the plotted numbers can be checked against
// the file they came from.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace fupin::output::report {

// Tick positions for an axis from `low` to `high`: "nice" steps (1, 2, 2.5 or 5 × 10^k), about
// `count` of them, the first at or below `low` and the last at or above `high`.
std::vector<double> nice_ticks(double low, double high, int count = 5);

// A colour of the report's palette (colour-blind safe: Okabe–Ito, then Paul Tol's), cycling
// after twelve.
const char* palette(std::size_t i);

struct LineSeries {
  std::string name;       // legend text
  std::string key;        // data-series attribute, e.g. the variant's name
  std::vector<double> y;  // one per x; NaN leaves a gap
  // Optional interval around y (e.g. 95%), one per x: a shaded band, and data-low / data-high on
  // the points. Empty: none.
  std::vector<double> low, high;
};

struct LineChart {
  std::string id;  // the <svg> element's id
  std::string title;
  std::string x_label;
  std::string y_label;
  std::vector<std::string> x;           // category labels along the x axis (years)
  std::vector<std::string> x_sublabel;  // optional second line under each x label
  std::vector<LineSeries> series;
  std::function<std::string(double)> tick;   // y tick labels
  std::function<std::string(double)> value;  // values in tooltips
  bool zero_line = false;                    // a dark line at y = 0 (differences)
};

struct BarSeries {
  std::string name;
  std::string key;
  std::vector<double> values;  // one per category
  // Optional interval of each value (grouped bars only): a whisker, and data-low / data-high on
  // the bar. Empty: none.
  std::vector<double> low, high;
};

struct BarChart {
  std::string id;
  std::string title;
  std::string x_label;
  std::string y_label;
  std::vector<std::string> categories;
  std::vector<std::string> labels;  // shown under the axis instead of the categories (as many)
  // When not empty, the x axis is labelled at the categories' boundaries instead of their centres:
  // edges[i] at the left edge of category i (a histogram's bin edges).
  std::vector<std::string> edges;
  std::vector<BarSeries> series;
  bool stacked = false;  // else grouped side by side
  std::function<std::string(double)> tick;
  std::function<std::string(double)> value;
  // A vertical marker at a fractional category position (0 = left edge of the first category),
  // with its label, e.g. the poverty line on an income histogram.
  std::optional<double> marker;
  std::string marker_label;
  // Extra data-<name>="value" attributes of the <svg> element, e.g. a histogram's bin edges.
  std::vector<std::pair<std::string, std::string>> data;
};

// One row per estimate: a point with the whisker of its interval on a horizontal value axis with a
// line at zero (svg_interval.cpp), e.g. the difference between two variants and its 95% interval.
struct IntervalRow {
  std::string label;  // left of the row
  std::string key;    // data-series attribute
  double value = 0;
  double low = 0;  // NaN: no interval
  double high = 0;
  bool filled = false;  // a filled point (e.g. distinguishable from noise), else a hollow one
};

struct IntervalChart {
  std::string id;
  std::string title;
  std::string x_label;
  std::vector<IntervalRow> rows;
  double empty_span = 1;  // the axis runs from -empty_span to +empty_span when every value is 0
  std::function<std::string(double)> tick;
  std::function<std::string(double)> value;
  std::vector<std::pair<std::string, std::string>> data;
};

// Points on two value axes (svg_scatter.cpp): one per x[i], y[i]; NaN coordinates are left out.
struct ScatterChart {
  std::string id;
  std::string title;
  std::string x_label;
  std::string y_label;
  std::vector<double> x, y;
  std::vector<std::string> labels;        // per point: its tooltip (and data-label), may be empty
  bool label_points = false;              // also write a text next to each point:
  std::vector<std::string> point_text;    // this one (as many as points), else its label
  std::vector<std::string> x_categories;  // not empty: x holds indices of these named levels
  std::function<std::string(double)> x_tick;
  std::function<std::string(double)> y_tick;
  std::vector<std::pair<std::string, std::string>> data;
};

std::string render(const LineChart& chart);
std::string render(const BarChart& chart);
std::string render(const IntervalChart& chart);
std::string render(const ScatterChart& chart);

}  // namespace fupin::output::report
