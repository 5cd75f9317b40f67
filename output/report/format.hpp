// Numbers and text for the HTML report: thousands separators, yuan, shares, escaping, and the
// report's two languages.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace fupin::output::report {

enum class Language { en, zh };

// A label in both languages; both are required, so a label cannot lack its translation.
struct Text {
  constexpr Text(const char* english, const char* chinese) : en(english), zh(chinese) {}
  const char* en;
  const char* zh;
  [[nodiscard]] const char* in(Language l) const { return l == Language::zh ? zh : en; }
};

// "1,234,567" (also "-1,234"); the same grouping in both languages.
std::string group_thousands(std::int64_t value);
// A count rounded to the nearest whole number with separators; "–" for NaN.
std::string format_count(double value);
// Whole yuan with separators and the yuan sign, "¥1,234,567"; "–" for NaN.
std::string format_yuan(double yuan);
// Money from exact fen, "¥1,234,567.89" rounded to whole yuan: "¥1,234,568".
std::string format_fen(std::int64_t fen);
// A share as a percentage with `decimals` decimals, "12.3%"; "–" for NaN.
std::string format_percent(double share, int decimals = 1);
// A signed difference of shares in percentage points, "−2.4 pp" / "−2.4 个百分点".
std::string format_points(double share_difference, Language lang);
// A plain number with up to `decimals` decimals and separators on the whole part, "2,736.5".
std::string format_number(double value, int decimals);

// Escapes &, <, >, " and ' for HTML text and attribute values.
std::string escape(std::string_view text);

}  // namespace fupin::output::report
