// Typed, located reads of YAML nodes: every value knows its YAML path and source position, so
// any complaint about it becomes a ScenarioError at file:line:column. Knows nothing of scenarios
// beyond the key tables it is handed.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "models/scenario/scenario_schema.hpp"
#include "sim/money.hpp"

namespace fupin::models::yaml {

// Where a `--set key.path=value` value was parsed: the text parsed holds the value after enough
// line breaks that its nodes' marks (on lines `begin` to `end`, 0-based) lie below the last line
// of any text parsed from the file, so that an error in the value names the argument, not a place
// in the file. (By line, not by byte: the padding is then one line break a line of the file, not
// one a byte, and yaml-cpp reads every character of it.)
struct OverrideOrigin {
  int begin = 0;
  int end = 0;
  std::string argument;  // "programmes.0.budget=2e7", as given
};

// Where errors go: the file name, its text (to quote the offending line) and a note appended to
// every message (e.g. "in variant 'poverty_gap'").
class Reader {
 public:
  // A piece of the file placed in a shorter text that yaml-cpp parsed instead of the file (a
  // variant's own text: the base and its entry, without the other entries): where the piece
  // starts in that text and in the file, by byte and by line (0-based).
  struct Piece {
    int parsed_pos = 0;
    int parsed_line = 0;
    int file_pos = 0;
    int file_line = 0;
  };

  Reader(std::string file, std::string_view text, std::string note = {},
         std::vector<Piece> pieces = {}, const std::vector<OverrideOrigin>* origins = nullptr)
      : file_(std::move(file)),
        text_(text),
        note_(std::move(note)),
        pieces_(std::move(pieces)),
        origins_(origins) {}

  // The `--set` value a mark lies in, or null for a mark in the file.
  [[nodiscard]] const OverrideOrigin* origin(const YAML::Mark& mark) const;

  // The position in the file of a mark yaml-cpp gave (the same mark unless the text parsed was
  // made of pieces of the file). Located applies it to every node it reads.
  [[nodiscard]] YAML::Mark in_file(const YAML::Mark& parsed) const;

  // Throws ScenarioError at `mark` (0-based, as yaml-cpp gives it; a null mark has no position).
  [[noreturn]] void fail(const YAML::Mark& mark, const std::string& path,
                         const std::string& message) const;

  [[nodiscard]] const std::string& file() const { return file_; }
  [[nodiscard]] std::string_view text() const { return text_; }

 private:
  std::string file_;
  std::string_view text_;
  std::string note_;
  std::vector<Piece> pieces_;  // in order of parsed_pos; empty: the file itself was parsed
  const std::vector<OverrideOrigin>* origins_ = nullptr;
};

// A node with its YAML path ("programmes[0].cohorts[1].count") and the position to report.
class Located {
 public:
  Located(const Reader& reader, const YAML::Node& node, std::string path);
  Located(const Located&) = default;
  // YAML::Node's assignment rebinds the node *inside its tree* (it aliases the right-hand side),
  // so assigning a Located would silently edit the document: forbidden.
  Located& operator=(const Located&) = delete;

  [[nodiscard]] const YAML::Node& node() const { return node_; }
  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] YAML::Mark mark() const { return mark_; }
  [[nodiscard]] const Reader& reader() const { return *reader_; }
  // "in programmes[0]" for error messages; "at the top level" for the root.
  [[nodiscard]] std::string in_where() const;

  // Throws ScenarioError here with message "<path>: <message>".
  [[noreturn]] void fail(const std::string& message) const;
  // Throws ScenarioError here with the message as given (which should name the place itself).
  [[noreturn]] void fail_plain(const std::string& message) const;

  // --- mappings ---
  // Fails unless this is a mapping whose keys are all among `schema.keys` (free-form keys are the
  // caller's business), without duplicates, and with every required key present. `extra` adds
  // the keys of a second schema (a programme kind's own keys). Unknown keys are reported first,
  // with the nearest valid key or the list of valid keys.
  void check_keys(const MappingSchema& schema, const MappingSchema* extra = nullptr) const;
  void expect_mapping() const;
  [[nodiscard]] bool has(std::string_view key) const;
  [[nodiscard]] std::optional<Located> find(std::string_view key) const;
  // The value of a key that must be present ("missing required key ..." otherwise).
  [[nodiscard]] Located child(std::string_view key) const;
  // Key and value nodes of a mapping, in document order (keys located at themselves).
  [[nodiscard]] std::vector<std::pair<Located, Located>> entries() const;

  // --- sequences ---
  [[nodiscard]] std::vector<Located> elements() const;  // fails unless this is a sequence

  // --- scalars ---
  // A non-empty scalar of valid UTF-8 without control characters (tab and line feed allowed).
  [[nodiscard]] std::string as_string() const;
  [[nodiscard]] int as_int() const;
  [[nodiscard]] std::uint64_t as_uint64() const;
  [[nodiscard]] double as_number() const;  // finite
  // `true` or `false` (also `True`, `TRUE`, `False`, `FALSE`), unquoted; not `yes`, `on`, 1, ...
  [[nodiscard]] bool as_bool() const;
  // Yuan written as a number with at most two decimals, exactly converted to fen; not negative.
  [[nodiscard]] sim::Money as_money() const;
  // The scalar's text whatever it is (for messages and keys); fails on a non-scalar.
  [[nodiscard]] std::string scalar() const;

  // "'abc'", "the string 'abc'", "nothing", "a list", "a mapping" — what the node is, for messages.
  [[nodiscard]] std::string describe() const;

 private:
  Located(const Reader& reader, const YAML::Node& node, std::string path, YAML::Mark mark);

  const Reader* reader_;
  YAML::Node node_;
  std::string path_;
  YAML::Mark mark_;
};

// The length of the well-formed UTF-8 sequence starting at byte `i` of `s` (1 to 4), or 0 when
// it is malformed (a stray continuation byte, an overlong form, a surrogate, a code point above
// U+10FFFF or a truncated sequence).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i);

// Path of a mapping's child: "a" + "b" -> "a.b"; "" + "b" -> "b".
std::string child_path(const std::string& parent, std::string_view key);

}  // namespace fupin::models::yaml
