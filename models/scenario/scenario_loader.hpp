// Strict YAML loading of scenarios: every key known, every value typed and range-checked, every
// error located at file:line:column with the YAML path, the offending line and a caret.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/scenario/scenario.hpp"

namespace fupin::models {

struct SourceLocation {
  std::string file;
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based; 0 when unknown
};

// Bad input. what() is the full, printable message:
//   scenarios/x.yaml:12:7: error: unknown key 'cohrts' in programmes[0] (did you mean 'cohorts'?)
//      12 |     cohrts:
//         |     ^
class ScenarioError : public std::runtime_error {
 public:
  // `full_text` is the scenario's source text, from which the offending line is quoted.
  ScenarioError(SourceLocation where, std::string yaml_path, std::string message,
                const std::string& full_text);
  [[nodiscard]] const SourceLocation& where() const { return where_; }
  [[nodiscard]] const std::string& yaml_path() const {
    return yaml_path_;
  }  // e.g. "programmes[0].cohorts"
  [[nodiscard]] const std::string& message() const { return message_; }  // without location

 private:
  SourceLocation where_;
  std::string yaml_path_;
  std::string message_;
};

// The largest scenario file read (16 MiB); the shipped scenarios are under 100 KB.
inline constexpr std::size_t kMaxScenarioFileBytes = std::size_t{16} << 20;

// One `--set key.path=value` of the command line: the dotted path into the scenario document
// (as a variant's `set` writes it: mapping keys, list elements by index or by `name`) and the
// value, YAML text checked exactly as if the file held it.
struct Override {
  std::string path;
  std::string value;
  [[nodiscard]] std::string argument() const { return path + "=" + value; }
};

// Splits "key.path=value" at its first '='; throws ScenarioError (naming the argument) when
// there is no '=', the path is empty or the value is empty.
Override parse_override(const std::string& argument);

// Reads and validates a scenario file. Refuses anything but a regular file (a device, FIFO or
// directory) and files above kMaxScenarioFileBytes before reading them. Throws ScenarioError for
// any problem with the input (including a file that cannot be read, reported at line 0).
// `overrides` edit the base document (before the variants' own `set`, which still apply on top),
// in order, as if the file said so; an error in an override's path or value names the `--set`
// argument instead of a place in the file. A path given twice is an error.
ScenarioSet load_scenario_file(const std::string& path,
                               const std::vector<Override>& overrides = {});

// The same from text; `file_name` is used in messages. The text must be UTF-8 (a leading byte
// order mark is skipped); UTF-16 or UTF-32 text, invalid UTF-8 and control characters other than
// tab, line feed and carriage return are refused at their line and column.
ScenarioSet load_scenario_text(const std::string& text, const std::string& file_name,
                               const std::vector<Override>& overrides = {});

// Whether a loaded variant's resolved_text (its document written out as YAML, for a run file)
// is written.
enum class Resolved { written, left_empty };

// The same, resolving only the variant named `variant` ("base" for a file without `variants`):
// the set's `variants` holds it alone. The base document is checked as by load_scenario_text,
// the other variants' `set` is neither applied nor checked, and a counterfactual is checked
// against the names of all the file's variants. An unknown name is a ScenarioError that lists
// them. For a caller that runs one variant many times (a sweep's points): the other variants'
// documents are not parsed, and with Resolved::left_empty the variant's resolved_text is empty
// (a sweep writes metrics, not documents).
ScenarioSet load_scenario_variant(const std::string& text, const std::string& file_name,
                                  const std::vector<Override>& overrides,
                                  const std::string& variant,
                                  Resolved resolved = Resolved::written);

}  // namespace fupin::models
