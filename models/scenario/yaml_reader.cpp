// Typed, located YAML reads and key checks.
#include "models/scenario/yaml_reader.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <system_error>

#include "models/scenario/edit_distance.hpp"
#include "models/scenario/scenario_loader.hpp"

namespace fupin::models::yaml {

namespace {

// yaml-cpp tags a quoted scalar "!" and a plain one "?".
bool is_quoted(const YAML::Node& n) { return n.Tag() == "!"; }
// A plain scalar without a tag. A scalar with an explicit tag (`!!str 7`) is what its tag says:
// a number, flag or amount must be plain or carry the matching core tag (`!!int 7`, `!!float 0.5`).
// (A scalar without any tag was made by the variant overrides from a plain one.)
bool is_plain(const YAML::Node& n) { return n.IsScalar() && (n.Tag() == "?" || n.Tag().empty()); }
constexpr const char* kIntTag = "tag:yaml.org,2002:int";
constexpr const char* kFloatTag = "tag:yaml.org,2002:float";
constexpr const char* kBoolTag = "tag:yaml.org,2002:bool";
bool is_plain_or(const YAML::Node& n, const char* tag, const char* other = nullptr) {
  return is_plain(n) ||
         (n.IsScalar() && (n.Tag() == tag || (other != nullptr && n.Tag() == other)));
}

// "!!str" for "tag:yaml.org,2002:str"; other tags as written.
std::string short_tag(const std::string& tag) {
  const std::string core = "tag:yaml.org,2002:";
  return tag.rfind(core, 0) == 0 ? "!!" + tag.substr(core.size()) : tag;
}

std::optional<long long> parse_integer(std::string_view s) {
  // One sign at most: "+-5" is not an integer (from_chars would read the "-5" after the '+').
  if (!s.empty() && s.front() == '+') {
    s.remove_prefix(1);
    if (!s.empty() && (s.front() == '-' || s.front() == '+')) return std::nullopt;
  }
  if (s.empty()) return std::nullopt;
  long long v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<double> parse_number(std::string_view s) {
  // One sign at most: "+-0.08" is not a number (from_chars would read it as -0.08).
  if (!s.empty() && s.front() == '+') {
    s.remove_prefix(1);
    if (!s.empty() && (s.front() == '-' || s.front() == '+')) return std::nullopt;
  }
  // from_chars also takes "inf" and "nan"; a scenario number starts with a digit, '-' or '.'.
  if (s.empty() || !(std::isdigit(static_cast<unsigned char>(s.front())) || s.front() == '-' ||
                     s.front() == '.')) {
    return std::nullopt;
  }
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

enum class MoneyParse { ok, not_a_number, negative, fraction_of_fen, too_large };

// Exact decimal yuan -> fen: "10000000", "12.5", "1.5e7". No binary floating point involved.
MoneyParse parse_fen(std::string_view s, std::int64_t& fen) {
  bool negative = false;
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  std::string digits;   // mantissa digits, decimal point removed
  long long scale = 0;  // number of digits after the decimal point
  bool seen_point = false;
  bool seen_digit = false;
  std::size_t i = 0;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      digits += c;
      seen_digit = true;
      if (seen_point) ++scale;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (!seen_digit) return MoneyParse::not_a_number;
  if (i < s.size()) {
    if (s[i] != 'e' && s[i] != 'E') return MoneyParse::not_a_number;
    const std::optional<long long> exponent = parse_integer(s.substr(i + 1));
    if (!exponent || *exponent > 100 || *exponent < -100) return MoneyParse::not_a_number;
    scale -= *exponent;
  }
  // Strip leading zeros (value unchanged) and trailing zeros (one less decimal each).
  digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size()));
  while (!digits.empty() && digits.back() == '0') {
    digits.pop_back();
    --scale;
  }
  if (digits.empty()) {
    fen = 0;
    return MoneyParse::ok;
  }
  if (negative) return MoneyParse::negative;
  if (scale > 2) return MoneyParse::fraction_of_fen;
  const long long zeros = 2 - scale;
  if (static_cast<long long>(digits.size()) + zeros > 19)
    return MoneyParse::too_large;  // int64 has 19 digits
  digits.append(static_cast<std::size_t>(zeros), '0');
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (ec != std::errc() || end != digits.data() + digits.size()) return MoneyParse::too_large;
  fen = v;
  return MoneyParse::ok;
}

}  // namespace

std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  const auto byte = [&s](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    length = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    length = 3;
    if (c == 0xE0) low = 0xA0;   // no overlong forms
    if (c == 0xED) high = 0x9F;  // no surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    length = 4;
    if (c == 0xF0) low = 0x90;   // no overlong forms
    if (c == 0xF4) high = 0x8F;  // nothing above U+10FFFF
  }
  if (length == 0 || i + length > s.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    const unsigned char d = byte(i + k);
    if (k == 1 ? (d < low || d > high) : (d < 0x80 || d > 0xBF)) return 0;
  }
  return length;
}

namespace {

// Where to report a mapping value: an empty value (`name:` with nothing after it) is a null whose
// mark yaml-cpp puts at the next token, on a later line; it is reported at its key instead.
// `fallback` is already a position in the file; the nodes' marks are mapped by `reader`.
YAML::Mark value_mark(const Reader& reader, const YAML::Node& key, const YAML::Node& value,
                      const YAML::Mark& fallback) {
  const YAML::Mark key_mark = key.Mark().is_null() ? fallback : reader.in_file(key.Mark());
  if (value.Mark().is_null()) return key_mark;
  if (reader.origin(value.Mark()) != nullptr)
    return value.Mark();  // a `--set` value, even a null one
  if (value.IsNull() && !key.Mark().is_null() && value.Mark().line > key.Mark().line)
    return key_mark;
  return reader.in_file(value.Mark());
}

}  // namespace

const OverrideOrigin* Reader::origin(const YAML::Mark& mark) const {
  if (origins_ == nullptr || mark.is_null()) return nullptr;
  for (const OverrideOrigin& o : *origins_) {
    if (mark.line >= o.begin && mark.line <= o.end) return &o;
  }
  return nullptr;
}

YAML::Mark Reader::in_file(const YAML::Mark& parsed) const {
  if (pieces_.empty() || parsed.is_null() || origin(parsed) != nullptr) return parsed;
  const Piece* piece = &pieces_.front();
  for (const Piece& p : pieces_) {
    if (p.parsed_pos <= parsed.pos) piece = &p;
  }
  YAML::Mark mark = parsed;
  mark.pos = parsed.pos - piece->parsed_pos + piece->file_pos;
  mark.line = parsed.line - piece->parsed_line + piece->file_line;
  return mark;
}

void Reader::fail(const YAML::Mark& mark, const std::string& path,
                  const std::string& message) const {
  if (const OverrideOrigin* o = origin(mark)) {
    std::string full = message;
    if (!note_.empty()) full += " (" + note_ + ")";
    throw ScenarioError({"--set " + o->argument, 0, 0}, path, std::move(full), "");
  }
  SourceLocation where{file_, 0, 0};
  if (!mark.is_null() && mark.line >= 0) {
    where.line = mark.line + 1;
    where.column = mark.column + 1;
  }
  std::string full = message;
  if (!note_.empty()) full += " (" + note_ + ")";
  throw ScenarioError(std::move(where), path, std::move(full), std::string(text_));
}

std::string child_path(const std::string& parent, std::string_view key) {
  return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

Located::Located(const Reader& reader, const YAML::Node& node, std::string path)
    : Located(reader, node, std::move(path), reader.in_file(node.Mark())) {}

// YAML::Node has no move constructor: a handle is copied (cheaply) either way.
Located::Located(const Reader& reader, const YAML::Node& node, std::string path, YAML::Mark mark)
    : reader_(&reader), node_(node), path_(std::move(path)), mark_(mark) {}

std::string Located::in_where() const { return path_.empty() ? "at the top level" : "in " + path_; }

void Located::fail(const std::string& message) const {
  reader_->fail(mark_, path_, path_.empty() ? message : path_ + ": " + message);
}

void Located::fail_plain(const std::string& message) const { reader_->fail(mark_, path_, message); }

std::string Located::describe() const {
  switch (node_.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined: return "nothing";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Scalar: break;
  }
  if (is_quoted(node_)) return "the string '" + node_.Scalar() + "'";
  if (!is_plain(node_))
    return "the value '" + node_.Scalar() + "' tagged " + short_tag(node_.Tag());
  return "'" + node_.Scalar() + "'";
}

void Located::expect_mapping() const {
  if (!node_.IsMap()) fail("expected a mapping, got " + describe());
}

std::vector<std::pair<Located, Located>> Located::entries() const {
  expect_mapping();
  std::vector<std::pair<Located, Located>> out;
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    const YAML::Node key = it->first;
    const YAML::Node value = it->second;
    const YAML::Mark key_mark =
        key.Mark().is_null() ? (value.Mark().is_null() ? mark_ : reader_->in_file(value.Mark()))
                             : reader_->in_file(key.Mark());
    if (!key.IsScalar()) {
      Located(*reader_, key, path_, key_mark)
          .fail_plain("keys " + in_where() + " must be names, not " +
                      Located(*reader_, key, path_).describe());
    }
    std::string path = child_path(path_, key.Scalar());
    out.emplace_back(Located(*reader_, key, path, key_mark),
                     Located(*reader_, value, path, value_mark(*reader_, key, value, key_mark)));
  }
  return out;
}

void Located::check_keys(const MappingSchema& schema, const MappingSchema* extra) const {
  std::vector<std::string> valid;
  for (const KeySpec& k : schema.keys) valid.push_back(k.name);
  if (extra != nullptr) {
    for (const KeySpec& k : extra->keys) valid.push_back(k.name);
  }
  std::vector<std::pair<std::string, int>> seen;  // key, 1-based line
  for (const auto& [key, value] : entries()) {
    const std::string name = key.node().Scalar();
    if (std::find(valid.begin(), valid.end(), name) == valid.end()) {
      std::string message = "unknown key '" + name + "' " + in_where();
      if (const auto near = nearest_name(name, valid)) {
        message += " (did you mean '" + *near + "'?)";
      } else {
        message += "; valid keys: " + join_names(valid);
      }
      key.fail_plain(message);
    }
    const auto first =
        std::find_if(seen.begin(), seen.end(), [&name](const auto& s) { return s.first == name; });
    if (first != seen.end()) {
      key.fail_plain("duplicate key '" + name + "' " + in_where() + " (first given at line " +
                     std::to_string(first->second) + ")");
    }
    seen.emplace_back(name, key.mark().line + 1);
  }
  auto require = [this](const std::vector<KeySpec>& keys) {
    for (const KeySpec& k : keys) {
      if (k.required && !has(k.name)) {
        reader_->fail(mark_, child_path(path_, k.name),
                      "missing required key '" + k.name + "' " + in_where());
      }
    }
  };
  require(schema.keys);
  if (extra != nullptr) require(extra->keys);
}

bool Located::has(std::string_view key) const { return find(key).has_value(); }

std::optional<Located> Located::find(std::string_view key) const {
  if (!node_.IsMap()) return std::nullopt;
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    if (it->first.IsScalar() && it->first.Scalar() == key) {
      const YAML::Node value = it->second;
      return Located(*reader_, value, child_path(path_, key),
                     value_mark(*reader_, it->first, value, mark_));
    }
  }
  return std::nullopt;
}

Located Located::child(std::string_view key) const {
  expect_mapping();
  if (auto found = find(key)) return *found;
  reader_->fail(mark_, child_path(path_, key),
                "missing required key '" + std::string(key) + "' " + in_where());
}

std::vector<Located> Located::elements() const {
  if (!node_.IsSequence()) fail("expected a list, got " + describe());
  std::vector<Located> out;
  std::size_t index = 0;
  for (auto it = node_.begin(); it != node_.end(); ++it, ++index) {
    const YAML::Node element = *it;
    out.push_back(Located(*reader_, element, path_ + "[" + std::to_string(index) + "]",
                          element.Mark().is_null() ? mark_ : reader_->in_file(element.Mark())));
  }
  return out;
}

std::string Located::scalar() const {
  if (!node_.IsScalar()) fail("expected a value, got " + describe());
  return node_.Scalar();
}

std::string Located::as_string() const {
  if (!node_.IsScalar()) fail("expected a text, got " + describe());
  const std::string& text = node_.Scalar();
  if (text.empty()) fail("must not be empty");
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) {
      char code[8];
      std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
      fail(std::string("control character ") + code + " is not allowed in a text");
    }
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) fail("the text is not valid UTF-8");
    i += length;
  }
  return text;
}

int Located::as_int() const {
  if (!is_plain_or(node_, kIntTag)) fail("expected an integer, got " + describe());
  const std::optional<long long> v = parse_integer(node_.Scalar());
  if (!v) fail("expected an integer, got " + describe());
  if (*v < std::numeric_limits<int>::min() || *v > std::numeric_limits<int>::max()) {
    fail("integer " + node_.Scalar() + " is out of range");
  }
  return static_cast<int>(*v);
}

std::uint64_t Located::as_uint64() const {
  if (!is_plain_or(node_, kIntTag)) fail("expected a non-negative integer, got " + describe());
  std::string_view s = node_.Scalar();
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  std::uint64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec == std::errc::result_out_of_range)
    fail("integer " + node_.Scalar() + " is out of range (at most 2^64 - 1)");
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) {
    fail("expected a non-negative integer, got " + describe());
  }
  return v;
}

double Located::as_number() const {
  if (!is_plain_or(node_, kIntTag, kFloatTag)) fail("expected a number, got " + describe());
  const std::optional<double> v = parse_number(node_.Scalar());
  if (!v) fail("expected a number, got " + describe());
  return *v;
}

bool Located::as_bool() const {
  if (is_plain_or(node_, kBoolTag)) {
    const std::string& v = node_.Scalar();
    if (v == "true" || v == "True" || v == "TRUE") return true;
    if (v == "false" || v == "False" || v == "FALSE") return false;
  }
  fail("expected true or false, got " + describe());
}

sim::Money Located::as_money() const {
  if (!is_plain_or(node_, kIntTag, kFloatTag))
    fail("expected an amount in yuan, got " + describe());
  std::int64_t fen = 0;
  switch (parse_fen(node_.Scalar(), fen)) {
    case MoneyParse::ok: return sim::Money::from_fen(fen);
    case MoneyParse::not_a_number: fail("expected an amount in yuan, got " + describe());
    case MoneyParse::negative: fail("amount must not be negative, got " + node_.Scalar() + " yuan");
    case MoneyParse::fraction_of_fen:
      fail("amount " + node_.Scalar() + " yuan is not a whole number of fen (at most 2 decimals)");
    case MoneyParse::too_large: fail("amount " + node_.Scalar() + " yuan is too large");
  }
  fail("expected an amount in yuan, got " + describe());
}

}  // namespace fupin::models::yaml
