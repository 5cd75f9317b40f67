// The HTML report as a document of sections. Each kind of file contributes its own sections (a
// run file: run_sections.hpp; compare and sweep files can add theirs), and render_document turns
// them into one self-contained page: inline CSS and SVG, no script, no external resource, and a
// Content-Security-Policy that forbids loading any.
#pragma once

#include <string>
#include <vector>

#include "output/report/format.hpp"

namespace fupin::output::report {

struct Section {
  std::string id;     // the <section> element's id, also the table of contents' anchor
  std::string title;  // plain text
  std::string html;   // the section's body, already escaped
};

struct Document {
  Language language = Language::en;
  std::string title;     // plain text
  std::string subtitle;  // plain text
  std::vector<Section> sections;
};

// The page: <!DOCTYPE html>, a strict Content-Security-Policy, the title, a table of contents and
// the sections in order. Deterministic: the same document gives the same bytes.
std::string render_document(const Document& document);

}  // namespace fupin::output::report
