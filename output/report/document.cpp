// The report page around its sections (document.hpp).
#include "output/report/document.hpp"

#include <fmt/format.h>

namespace fupin::output::report {

namespace {

// No web fonts: system fonts, with CJK families first for Chinese text.
constexpr const char* kStyle = R"(
:root { color-scheme: light; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "PingFang SC",
       "Microsoft YaHei", "DejaVu Sans", Arial, sans-serif; margin: 0 auto; max-width: 980px;
       padding: 16px 24px 48px; color: #1a1a1a; background: #fff; line-height: 1.45; }
h1 { font-size: 26px; margin: 8px 0 2px; }
h2 { font-size: 20px; border-bottom: 2px solid #0072B2; padding-bottom: 3px; margin-top: 36px; }
h3 { font-size: 16px; margin: 20px 0 6px; }
.subtitle { color: #555; margin: 0 0 12px; }
nav ol { columns: 2; margin: 6px 0; padding-left: 20px; }
nav a { color: #0060a0; text-decoration: none; }
p.note { color: #444; font-size: 14px; margin: 6px 0; }
table { border-collapse: collapse; margin: 8px 0 12px; font-size: 14px; }
th, td { border-bottom: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f2f5f8; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.status.met { color: #006b3c; font-weight: bold; background: #eef8f1; }
td.status.missed { color: #b00020; font-weight: bold; background: #fdf0f2; }
td.status.unscored { color: #666; }
td.status small { font-weight: normal; color: #333; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 10px 0; }
.card { border: 1px solid #d5dde5; border-radius: 6px; padding: 8px 12px; min-width: 200px; background: #fafcfe; }
.card .label { font-size: 13px; color: #555; }
.card .value { font-size: 20px; font-weight: bold; }
.bar-cell { width: 140px; }
.hbar { display: inline-block; height: 10px; background: #0072B2; vertical-align: middle; }
.hbar.worse { background: #D55E00; }
svg.chart { display: block; max-width: 100%; height: auto; margin: 10px 0 4px; background: #fff; }
svg .chart-title { font-size: 15px; font-weight: bold; fill: #1a1a1a; }
svg .legend-label { font-size: 12px; fill: #1a1a1a; }
svg .tick { font-size: 11px; fill: #333; }
svg .tick.sub { fill: #666; }
svg .axis-label { font-size: 12px; fill: #1a1a1a; }
svg .axis { stroke: #333; stroke-width: 1; }
svg .grid { stroke: #e3e3e3; stroke-width: 1; }
svg .marker-line { stroke: #b00020; stroke-width: 1.5; stroke-dasharray: 5 3; }
svg .marker-label { font-size: 11px; fill: #b00020; }
svg .zero-line { stroke: #1a1a1a; stroke-width: 1.5; }
svg .whisker { stroke-width: 1.5; fill: none; }
svg .point-label { font-size: 11px; fill: #333; }
svg .row-label { font-size: 12px; fill: #1a1a1a; }
svg .band-row { fill: #f4f6f8; }
td.verdict.distinct { color: #006b3c; font-weight: bold; }
td.verdict.noise { color: #555; }
td.path { font-size: 13px; overflow-wrap: anywhere; word-break: break-all; min-width: 120px; }
.small-multiples { display: grid; grid-template-columns: 1fr 1fr; gap: 0 12px; }
.small-multiples svg.chart { margin: 4px 0; }
dl.provenance { display: grid; grid-template-columns: max-content 1fr; gap: 4px 14px; font-size: 14px; }
dl.provenance dt { font-weight: bold; }
dl.provenance dd { margin: 0; font-family: "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; }
)";

}  // namespace

std::string render_document(const Document& d) {
  const bool zh = d.language == Language::zh;
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
      // Nothing may be fetched: no scripts, no images, fonts or styles from anywhere but this page.
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
      "'unsafe-inline'; "
      "img-src data:; base-uri 'none'; form-action 'none'\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"fupin report\">\n"
      "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n<header>\n<h1>{}</h1>\n<p "
      "class=\"subtitle\">{}</p>\n",
      zh ? "zh-CN" : "en", escape(d.title), kStyle, escape(d.title), escape(d.subtitle));
  out += fmt::format("<nav><strong>{}</strong><ol>", zh ? "目录" : "Contents");
  for (const Section& s : d.sections) {
    out += fmt::format("<li><a href=\"#{}\">{}</a></li>", escape(s.id), escape(s.title));
  }
  out += "</ol></nav>\n</header>\n<main>\n";
  for (const Section& s : d.sections) {
    out += fmt::format("<section id=\"{}\">\n<h2>{}</h2>\n{}\n</section>\n", escape(s.id),
                       escape(s.title), s.html);
  }
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace fupin::output::report
