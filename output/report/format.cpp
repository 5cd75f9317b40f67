// Number formatting of the HTML report (format.hpp).
#include "output/report/format.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>

namespace fupin::output::report {

namespace {
constexpr const char* kMissing = "–";
}

std::string group_thousands(std::int64_t value) {
  const bool negative = value < 0;
  // Magnitude as unsigned so that INT64_MIN has one too.
  std::uint64_t magnitude =
      negative ? 0U - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
  std::string digits = std::to_string(magnitude);
  std::string out;
  const std::size_t n = digits.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return negative ? "-" + out : out;
}

std::string format_count(double value) {
  if (std::isnan(value)) return kMissing;
  if (std::fabs(value) >= 9.2e18) return fmt::format("{:.3g}", value);
  return group_thousands(std::llround(value));
}

std::string format_yuan(double yuan) {
  if (std::isnan(yuan)) return kMissing;
  const std::string whole = format_count(yuan);
  return whole[0] == '-' ? "-¥" + whole.substr(1) : "¥" + whole;
}

std::string format_fen(std::int64_t fen) {
  // Round half away from zero to whole yuan, exactly in integers.
  std::int64_t yuan = fen / 100;
  const std::int64_t rest = fen % 100;
  if (rest >= 50) ++yuan;
  if (rest <= -50) --yuan;
  const std::string whole = group_thousands(yuan);
  return whole[0] == '-' ? "-¥" + whole.substr(1) : "¥" + whole;
}

std::string format_percent(double share, int decimals) {
  if (std::isnan(share)) return kMissing;
  return fmt::format("{:.{}f}%", share * 100.0, decimals);
}

std::string format_points(double share_difference, Language lang) {
  if (std::isnan(share_difference)) return kMissing;
  const double points = share_difference * 100.0;
  const std::string number = fmt::format("{:+.1f}", points);
  return number + (lang == Language::zh ? " 个百分点" : " pp");
}

std::string format_number(double value, int decimals) {
  if (std::isnan(value)) return kMissing;
  const double scale = std::pow(10.0, decimals);
  const double rounded = std::round(value * scale) / scale;
  const double whole = std::trunc(rounded);
  std::string out = group_thousands(static_cast<std::int64_t>(whole));
  if (rounded < 0 && whole == 0) out = "-0";
  if (decimals > 0) {
    const auto fraction =
        static_cast<std::int64_t>(std::llround(std::fabs(rounded - whole) * scale));
    if (fraction != 0) {
      std::string digits = fmt::format("{:0{}d}", fraction, decimals);
      while (!digits.empty() && digits.back() == '0') digits.pop_back();
      out += "." + digits;
    }
  }
  return out;
}

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace fupin::output::report
