// Loading a scenario file: YAML syntax, the base document, then each variant resolved by applying
// its overrides to a fresh parse of the same text (so every node keeps its source position).
#include "models/scenario/scenario_loader.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <string_view>
#include <utility>
#include <vector>

#include "models/scenario/scenario_parser.hpp"
#include "models/scenario/scenario_schema.hpp"
#include "models/scenario/value_checks.hpp"
#include "models/scenario/variant_overrides.hpp"
#include "models/scenario/yaml_reader.hpp"

namespace fupin::models {

namespace {

// Where each document of a YAML stream starts (events inside documents are ignored).
class DocumentStarts : public YAML::EventHandler {
 public:
  std::vector<YAML::Mark> starts;
  void OnDocumentStart(const YAML::Mark& mark) override { starts.push_back(mark); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

// A fresh tree for `text`. YAML::Clone would be cheaper but drops every source position.
// Not YAML::LoadAll: on some malformed input (a lone ",") yaml-cpp 0.7's LoadAll never returns,
// adding empty documents until memory runs out. The first document is read with YAML::Load, and
// the stream is then walked for at most two documents.
//
// The walk depends on the text alone, and a sweep loads the same text for every point (a variant
// too is a fresh parse of its file's text): the last texts whose walk found one document and no
// error are remembered, by content, and not walked again.
class OneDocumentTexts {
 public:
  bool contains(const std::string& text) {
    const std::lock_guard<std::mutex> lock(mutex_);
    return std::find(texts_.begin(), texts_.end(), text) != texts_.end();
  }
  void add(const std::string& text) {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (std::find(texts_.begin(), texts_.end(), text) != texts_.end()) return;
    if (texts_.size() == kTexts) texts_.pop_front();
    texts_.push_back(text);
  }

 private:
  static constexpr std::size_t kTexts = 4;  // each at most kMaxScenarioFileBytes
  std::mutex mutex_;
  std::deque<std::string> texts_;
};

OneDocumentTexts& one_document_texts() {
  static OneDocumentTexts texts;
  return texts;
}

YAML::Node parse_yaml(const yaml::Reader& reader, const std::string& text) {
  YAML::Node first;
  DocumentStarts documents;
  const bool walked_before = one_document_texts().contains(text);
  try {
    first = YAML::Load(text);
    if (!walked_before) {
      std::istringstream in(text);
      YAML::Parser parser(in);
      while (documents.starts.size() < 2 && parser.HandleNextDocument(documents)) {
      }
    }
  } catch (const YAML::Exception& e) {
    reader.fail(e.mark, "", "YAML syntax error: " + e.msg);
  }
  if (!walked_before && documents.starts.size() <= 1) one_document_texts().add(text);
  if (!first.IsDefined() || first.IsNull()) {
    reader.fail(YAML::Mark::null_mark(), "",
                "the scenario is empty (or holds no YAML value, e.g. only a comma)");
  }
  if (documents.starts.size() > 1) {
    reader.fail(documents.starts[1], "",
                "the file holds more than one YAML document; a scenario is exactly one");
  }
  return first;
}

[[noreturn]] void fail_at_byte(const yaml::Reader& reader, int line, int column,
                               const std::string& message) {
  YAML::Mark mark;
  mark.line = line - 1;
  mark.column = column - 1;
  reader.fail(mark, "", message);
}

std::string hex_byte(unsigned char c) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  return std::string("0x") + kDigits[c >> 4] + kDigits[c & 15];
}

// UTF-8 only: no UTF-16/UTF-32 byte order mark, every sequence well formed (no overlong forms,
// surrogates or code points above U+10FFFF), and no control characters but tab, LF and CR.
// Columns are counted in bytes, as the quoted line shows them.
void check_encoding(const yaml::Reader& reader, std::string_view text) {
  const auto byte = [&text](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const bool utf32_le =
      text.size() >= 4 && text.substr(0, 4) == std::string_view("\xFF\xFE\0\0", 4);
  const bool utf32_be =
      text.size() >= 4 && text.substr(0, 4) == std::string_view("\0\0\xFE\xFF", 4);
  const bool utf16 = text.size() >= 2 &&
                     ((byte(0) == 0xFF && byte(1) == 0xFE) || (byte(0) == 0xFE && byte(1) == 0xFF));
  if (utf32_le || utf32_be || utf16) {
    fail_at_byte(
        reader, 1, 1,
        std::string("the file is ") + (utf16 && !utf32_le ? "UTF-16" : "UTF-32") +
            " (it starts with a byte order mark); scenarios are UTF-8: save the file as UTF-8");
  }
  const bool looks_wide = text.size() >= 2 && (byte(0) == 0 || byte(1) == 0);
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = byte(i);
    const int column = static_cast<int>(i - line_start) + 1;
    if (c == '\n') {
      ++line;
      line_start = ++i;
      continue;
    }
    if (c < 0x80) {
      if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7F) {
        std::string message =
            "control character " + hex_byte(c) + " in the file; scenarios are UTF-8 text";
        if (c == 0 && looks_wide)
          message += " (the file looks like UTF-16 or UTF-32: save it as UTF-8)";
        fail_at_byte(reader, line, column, message);
      }
      ++i;
      continue;
    }
    const std::size_t length = yaml::utf8_sequence_length(text, i);
    const bool ok = length != 0;
    if (!ok) {
      fail_at_byte(
          reader, line, column,
          "invalid UTF-8 (byte " + hex_byte(c) + "); scenarios are UTF-8: save the file as UTF-8");
    }
    i += length;
  }
}

struct VariantEntry {
  std::string name;
  std::string description;
  bool has_set = false;
};

// Checks the `variants` list itself (names, keys, that each `set` is a mapping).
std::vector<VariantEntry> parse_variant_list(const yaml::Located& list) {
  std::vector<VariantEntry> out;
  std::map<std::string, int> lines;  // variant name -> 1-based line
  const std::vector<yaml::Located> elements = list.elements();
  if (elements.empty())
    list.fail("give at least one variant, or leave out 'variants' for the single variant 'base'");
  for (const yaml::Located& v : elements) {
    v.check_keys(mapping_schema("variants[]"));
    const yaml::Located name = v.child("name");
    VariantEntry entry;
    entry.name = checks::identifier(name, "variant name");
    if (const auto first = lines.find(entry.name); first != lines.end()) {
      name.fail("duplicate variant name '" + entry.name + "' (first given at line " +
                std::to_string(first->second) + ")");
    }
    if (auto d = v.find("description")) entry.description = d->as_string();
    if (auto set = v.find("set")) {
      // Each path once: a second one would silently win over the first.
      std::map<std::string, int> seen;  // path -> 1-based line
      for (const auto& [key, value] : set->entries()) {
        const std::string path = key.node().Scalar();
        const auto [first, inserted] = seen.emplace(path, key.mark().line + 1);
        if (!inserted) {
          key.fail_plain("duplicate key '" + path + "' in " + set->path() +
                         " (first given at line " + std::to_string(first->second) + ")");
        }
      }
      entry.has_set = true;
    }
    lines.emplace(entry.name, name.mark().line + 1);
    out.push_back(std::move(entry));
  }
  return out;
}

// Where the variants sit in the text, by line, so that each variant can be resolved from a text
// holding only the base and its own entry; the Reader maps positions in that text back to the
// file. Resolving a variant then costs the size of the base and its entry, not of the whole file:
// loading is linear in the number of variants, not quadratic.
struct VariantLayout {
  bool usable = false;
  std::vector<std::size_t> line_starts;  // byte offset of each line of the text
  int section_begin = 0;                 // the line of the `variants` key (0-based)
  int section_end = 0;                   // the first line after the variants section
  std::vector<int> element_lines;        // the first line of each entry
};

VariantLayout variant_layout(const std::string& text, const yaml::Located& root,
                             const yaml::Located& list) {
  VariantLayout layout;
  if (root.node().Style() != YAML::EmitterStyle::Block ||
      list.node().Style() != YAML::EmitterStyle::Block) {
    return layout;
  }
  layout.line_starts.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') layout.line_starts.push_back(i + 1);
  }
  const int lines = static_cast<int>(layout.line_starts.size());
  int key_line = -1;
  std::vector<int> other_keys;
  for (const auto& [key, value] : root.entries()) {
    if (key.mark().is_null()) return layout;
    (key.node().Scalar() == "variants" ? key_line : other_keys.emplace_back()) = key.mark().line;
  }
  if (key_line < 0) return layout;
  layout.section_begin = key_line;
  layout.section_end = lines;
  for (const int line : other_keys) {
    if (line == key_line) return layout;
    if (line > key_line) layout.section_end = std::min(layout.section_end, line);
  }
  int previous = key_line;
  for (const yaml::Located& e : list.elements()) {
    const int line = e.node().Mark().is_null() ? -1 : e.node().Mark().line;
    if (line <= previous || line >= layout.section_end) return layout;
    layout.element_lines.push_back(line);
    previous = line;
  }
  layout.usable = true;
  return layout;
}

// The file's text with only the base and the entry of variant `index` (the other entries left
// out), and the pieces of the file it is made of.
struct VariantText {
  std::string text;
  std::vector<yaml::Reader::Piece> pieces;
};

VariantText variant_text(const std::string& text, const VariantLayout& layout, std::size_t index) {
  const auto offset = [&](int line) {
    return line < static_cast<int>(layout.line_starts.size())
               ? layout.line_starts[static_cast<std::size_t>(line)]
               : text.size();
  };
  const int first = layout.element_lines[index];
  const int last = index + 1 < layout.element_lines.size() ? layout.element_lines[index + 1]
                                                           : layout.section_end;
  VariantText out;
  const std::size_t head =
      offset(layout.section_begin + 1);  // the base up to the `variants` key's line
  const std::size_t entry = offset(last) - offset(first);
  out.text.reserve(head + entry + (text.size() - offset(layout.section_end)));
  out.text.append(text, 0, head);
  out.text.append(text, offset(first), entry);
  out.text.append(text, offset(layout.section_end), std::string::npos);
  const int entry_line = layout.section_begin + 1;
  out.pieces = {{0, 0, 0, 0},
                {static_cast<int>(head), entry_line, static_cast<int>(offset(first)), first},
                {static_cast<int>(head + entry), entry_line + (last - first),
                 static_cast<int>(offset(layout.section_end)), layout.section_end}};
  return out;
}

}  // namespace

namespace {

// `doc` without its `variants`, as YAML text.
std::string resolved_document(const YAML::Node& doc) {
  YAML::Node copy = YAML::Clone(doc);
  copy.remove("variants");
  copy.remove("counterfactual");  // names another variant: not part of this one on its own
  YAML::Emitter out;
  out << copy;
  return std::string(out.c_str()) + "\n";
}

// Every resolved variant's `counterfactual` names a variant of the file (`names`, in file order).
void check_counterfactuals(const yaml::Located& root, const ScenarioSet& set,
                           const std::vector<std::string>& names) {
  for (const Scenario& v : set.variants) {
    if (v.counterfactual.empty()) continue;
    const auto key = root.find("counterfactual");
    const yaml::Located& at = key ? *key : root;
    if (std::find(names.begin(), names.end(), v.counterfactual) == names.end()) {
      std::string listed;
      for (const std::string& n : names) listed += (listed.empty() ? "" : ", ") + n;
      at.fail("counterfactual '" + v.counterfactual +
              "' is not a variant of the file (variants: " + listed + ")");
    }
  }
}

[[noreturn]] void override_error(const Override& o, const std::string& message) {
  throw ScenarioError({"--set " + o.argument(), 0, 0}, "", message, "");
}

// Line breaks of `text`, counting both bytes of a CR LF (more than any parser counts).
int line_breaks(std::string_view text) {
  return static_cast<int>(std::count(text.begin(), text.end(), '\n') +
                          std::count(text.begin(), text.end(), '\r'));
}

// Where each override's value will be parsed: on lines below the last of the file's text (and
// of any variant's text, made of pieces of it), one range of lines per override.
std::vector<yaml::OverrideOrigin> override_origins(const std::string& text,
                                                   const std::vector<Override>& overrides) {
  std::vector<yaml::OverrideOrigin> out;
  int at = line_breaks(text) + 1;
  std::map<std::string, std::string> seen;
  for (const Override& o : overrides) {
    if (const auto [first, inserted] = seen.emplace(o.path, o.argument()); !inserted) {
      override_error(
          o, "the path '" + o.path + "' is also set by --set " + first->second + "; give it once");
    }
    const int end = at + line_breaks(o.value);
    out.push_back({at, end, o.argument()});
    at = end + 1;
  }
  return out;
}

// Applies the command line's overrides to `doc`. Each value is parsed afresh (a variant's `set`
// may edit inside it) from a text that places it at its origin (that many line breaks first).
void apply_command_line(const std::vector<Override>& overrides,
                        const std::vector<yaml::OverrideOrigin>& origins, YAML::Node doc) {
  for (std::size_t i = 0; i < overrides.size(); ++i) {
    const Override& o = overrides[i];
    YAML::Node value;
    try {
      value = YAML::Load(std::string(static_cast<std::size_t>(origins[i].begin), '\n') + o.value);
    } catch (const YAML::Exception& e) {
      override_error(o, "YAML syntax error in the value: " + e.msg);
    }
    const PathFailure fail = [&](const std::vector<std::string>&, std::size_t,
                                 const std::string& message) {
      override_error(o, "path '" + o.path + "': " + message);
    };
    apply_override(o.path, value, doc, fail, true);
  }
}

}  // namespace

Override parse_override(const std::string& argument) {
  const std::size_t eq = argument.find('=');
  Override o;
  if (eq == std::string::npos) {
    throw ScenarioError({"--set " + argument, 0, 0}, "", "expected key.path=value (e.g. seed=7)",
                        "");
  }
  o.path = argument.substr(0, eq);
  o.value = argument.substr(eq + 1);
  if (o.path.empty()) override_error(o, "the key path before '=' is empty");
  if (o.value.empty()) override_error(o, "the value after '=' is empty");
  return o;
}

namespace {

// load_scenario_text, or load_scenario_variant when `only` names a variant; `write_resolved`:
// whether each variant's resolved_text is written.
ScenarioSet load_text(const std::string& text, const std::string& file_name,
                      const std::vector<Override>& command_line, const std::string* only,
                      bool write_resolved) {
  // A UTF-8 byte order mark is allowed and dropped, so that columns on the first line count from
  // it.
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  const bool bom = std::string_view(text).substr(0, kBom.size()) == kBom;
  ScenarioSet set{file_name, bom ? text.substr(kBom.size()) : text, {}};
  const std::vector<yaml::OverrideOrigin> origins = override_origins(set.text, command_line);
  const yaml::Reader reader(file_name, set.text, {}, {}, &origins);
  check_encoding(reader, set.text);
  const yaml::Located root(reader, parse_yaml(reader, set.text), "");
  if (!root.node().IsMap()) {
    root.fail_plain("a scenario is a mapping of keys (name, period, poverty_line, ...), not " +
                    root.describe());
  }
  apply_command_line(command_line, origins, root.node());
  // The base first, so that its errors are reported as such rather than as a variant's.
  Scenario base = parse_scenario(root);
  // The base's text, written out only for a variant that is the base (none when every variant
  // loaded has its own `set`): the base document is not edited after this point.
  bool base_written = false;
  const auto written_base = [&]() -> const Scenario& {
    if (!base_written && write_resolved) base.resolved_text = resolved_document(root.node());
    base_written = true;
    return base;
  };

  const auto list = root.find("variants");
  const std::vector<VariantEntry> entries =
      list ? parse_variant_list(*list) : std::vector<VariantEntry>{};
  std::vector<std::string> names;
  for (const VariantEntry& e : entries) names.push_back(e.name);
  if (!list) names.push_back("base");
  if (only != nullptr && std::find(names.begin(), names.end(), *only) == names.end()) {
    std::string listed;
    for (const std::string& n : names) listed += (listed.empty() ? "" : ", ") + n;
    throw ScenarioError({file_name, 0, 0}, "",
                        "the scenario has no variant '" + *only + "' (variants: " + listed + ")",
                        "");
  }
  if (!list) {
    set.variants.push_back(written_base());
    set.variants.back().variant = "base";
    check_counterfactuals(root, set, names);
    return set;
  }
  const VariantLayout layout = variant_layout(set.text, root, *list);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const VariantEntry& entry = entries[i];
    if (only != nullptr && entry.name != *only) continue;
    Scenario resolved;
    if (!entry.has_set) {
      resolved = written_base();
    } else {
      const yaml::Reader variant_reader(file_name, set.text, "in variant '" + entry.name + "'", {},
                                        &origins);
      const std::string set_path = "variants[" + std::to_string(i) + "].set";
      // The variant's own text when the layout allows it (checked: its one entry is this
      // variant's, on the same line), else the whole file, which is always right.
      std::optional<YAML::Node> doc;
      std::optional<YAML::Node> overrides_node;
      std::optional<yaml::Reader> own_reader;
      bool own = false;
      if (layout.usable) {
        try {
          VariantText own_text = variant_text(set.text, layout, i);
          const yaml::Reader& pieces_reader =
              own_reader.emplace(file_name, set.text, "in variant '" + entry.name + "'",
                                 std::move(own_text.pieces), &origins);
          const YAML::Node parsed = parse_yaml(pieces_reader, own_text.text);
          // Read through const nodes only: yaml-cpp's non-const operator[] edits the tree.
          const YAML::Node entries_node = parsed.IsMap() ? parsed["variants"] : YAML::Node();
          if (entries_node.IsSequence() && entries_node.size() == 1) {
            const YAML::Node element = entries_node[0];
            const YAML::Node name = element.IsMap() ? element["name"] : YAML::Node();
            const YAML::Node overrides = element.IsMap() ? element["set"] : YAML::Node();
            if (name.IsScalar() && name.Scalar() == entry.name &&
                pieces_reader.in_file(element.Mark()).line == layout.element_lines[i] &&
                overrides.IsMap()) {
              doc.emplace(parsed);
              overrides_node.emplace(overrides);
              own = true;
            }
          }
        } catch (const ScenarioError&) {
          // Not a text of its own (an alias into another entry, ...): use the whole file.
        }
      }
      if (!doc) {
        doc.emplace(parse_yaml(variant_reader, set.text));
        const yaml::Located whole(variant_reader, *doc, "");
        overrides_node.emplace(whole.child("variants").elements()[i].child("set").node());
      }
      apply_command_line(command_line, origins, *doc);
      const yaml::Reader& used_reader = own ? *own_reader : variant_reader;
      const yaml::Located variant_root(used_reader, *doc, "");
      const yaml::Located overrides(used_reader, *overrides_node, set_path);
      apply_overrides(overrides, *doc);
      resolved = parse_scenario(variant_root);
      if (write_resolved) resolved.resolved_text = resolved_document(*doc);
    }
    resolved.variant = entry.name;
    resolved.variant_description = entry.description;
    set.variants.push_back(std::move(resolved));
  }
  check_counterfactuals(root, set, names);
  return set;
}

}  // namespace

ScenarioSet load_scenario_text(const std::string& text, const std::string& file_name,
                               const std::vector<Override>& command_line) {
  return load_text(text, file_name, command_line, nullptr, true);
}

ScenarioSet load_scenario_variant(const std::string& text, const std::string& file_name,
                                  const std::vector<Override>& command_line,
                                  const std::string& variant, Resolved resolved) {
  return load_text(text, file_name, command_line, &variant, resolved == Resolved::written);
}

namespace {

[[noreturn]] void file_error(const std::string& path, const std::string& message) {
  throw ScenarioError({path, 0, 0}, "", message, "");
}

std::string file_kind(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

void require_regular(const std::string& path, const struct stat& st) {
  if (!S_ISREG(st.st_mode)) {
    file_error(path, "the scenario file is " + file_kind(st.st_mode) + "; give a regular file");
  }
  if (st.st_size > static_cast<off_t>(kMaxScenarioFileBytes)) {
    file_error(path, "the scenario file has " + std::to_string(st.st_size) + " bytes; at most " +
                         std::to_string(kMaxScenarioFileBytes) + " (16 MiB) are accepted");
  }
}

}  // namespace

ScenarioSet load_scenario_file(const std::string& path, const std::vector<Override>& overrides) {
  // Refuse devices, FIFOs and directories before opening: /dev/zero never ends and a FIFO without
  // a writer blocks the open. The check is repeated on the opened descriptor (the path may have
  // been replaced in between), which is opened non-blocking for the same reason.
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    const int err = errno;
    file_error(path, std::string("cannot open the scenario file: ") + std::strerror(err));
  }
  require_regular(path, st);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) {
    const int err = errno;
    file_error(path, std::string("cannot open the scenario file: ") + std::strerror(err));
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  if (::fstat(fd, &st) != 0) {
    const int err = errno;
    file_error(path, std::string("cannot read the scenario file: ") + std::strerror(err));
  }
  require_regular(path, st);
  std::string text;
  char buf[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      file_error(path, std::string("cannot read the scenario file: ") + std::strerror(err));
    }
    if (n == 0) break;
    text.append(buf, static_cast<std::size_t>(n));
    // The file may grow after fstat: never hold more than the limit.
    if (text.size() > kMaxScenarioFileBytes) {
      file_error(path, "the scenario file has more than " + std::to_string(kMaxScenarioFileBytes) +
                           " bytes; at most " + std::to_string(kMaxScenarioFileBytes) +
                           " (16 MiB) are accepted");
    }
  }
  return load_scenario_text(text, path, overrides);
}

}  // namespace fupin::models
