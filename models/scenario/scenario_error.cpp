// ScenarioError: a located message with the offending source line and a caret under the column.
#include <string>
#include <string_view>
#include <utility>

#include "models/scenario/scenario_loader.hpp"

namespace fupin::models {

namespace {

// Line `line` (1-based) of `text` without its line break; false when the text has no such line.
bool source_line(std::string_view text, int line, std::string_view& out) {
  std::size_t begin = 0;
  for (int i = 1; i < line; ++i) {
    const std::size_t nl = text.find('\n', begin);
    if (nl == std::string_view::npos) return false;
    begin = nl + 1;
  }
  if (begin > text.size() || (begin == text.size() && line > 1)) return false;
  std::size_t end = text.find('\n', begin);
  if (end == std::string_view::npos) end = text.size();
  out = text.substr(begin, end - begin);
  if (!out.empty() && out.back() == '\r') out.remove_suffix(1);
  return true;
}

std::string format_message(const SourceLocation& where, const std::string& message,
                           std::string_view text) {
  std::string out = where.file;
  if (where.line > 0) {
    out += ':' + std::to_string(where.line);
    if (where.column > 0) out += ':' + std::to_string(where.column);
  }
  out += ": error: ";
  out += message;

  std::string_view line;
  if (where.line <= 0 || !source_line(text, where.line, line)) return out;
  std::string number = std::to_string(where.line);
  if (number.size() < 5) number.insert(0, 5 - number.size(), ' ');
  out += '\n';
  out += number;
  out += " | ";
  // Control characters (a NUL would end the message for C callers) are shown as '?', byte for byte.
  for (const char c : line) {
    const auto u = static_cast<unsigned char>(c);
    out += (u < 0x20 && c != '\t') || u == 0x7F ? '?' : c;
  }
  out += '\n';
  out += std::string(number.size(), ' ');
  out += " | ";
  // Copy tabs from the source so the caret lines up however the terminal expands them.
  const std::size_t column = where.column > 0 ? static_cast<std::size_t>(where.column - 1) : 0;
  for (std::size_t i = 0; i < column && i < line.size(); ++i) out += line[i] == '\t' ? '\t' : ' ';
  if (column > line.size()) out += std::string(column - line.size(), ' ');
  out += '^';
  return out;
}

}  // namespace

ScenarioError::ScenarioError(SourceLocation where, std::string yaml_path, std::string message,
                             const std::string& full_text)
    : std::runtime_error(format_message(where, message, full_text)),
      where_(std::move(where)),
      yaml_path_(std::move(yaml_path)),
      message_(std::move(message)) {}

}  // namespace fupin::models
