// Applying a variant's `set` overrides to the scenario document.
#include "models/scenario/variant_overrides.hpp"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "models/scenario/edit_distance.hpp"
#include "models/scenario/scenario_schema.hpp"

namespace fupin::models {

namespace {

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> out;
  std::size_t begin = 0;
  while (true) {
    const std::size_t dot = path.find('.', begin);
    out.push_back(path.substr(begin, dot == std::string::npos ? std::string::npos : dot - begin));
    if (dot == std::string::npos) return out;
    begin = dot + 1;
  }
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Whether the format accepts `key` in the mapping at generic path `generic` (any programme kind):
// one of its listed keys (collected in `known`) or a free key of its form (a year, any name).
bool format_accepts(const std::string& generic, const std::string& key,
                    std::vector<std::string>& known) {
  bool accepted = false;
  for (const MappingSchema& m : scenario_schema()) {
    if (m.path != generic) continue;
    for (const KeySpec& k : m.keys) {
      known.push_back(k.name);
      accepted = accepted || k.name == key;
    }
    accepted = accepted || (m.free_key == "<year>" && all_digits(key)) || m.free_key == "<name>";
  }
  return accepted;
}

// Reports a problem with segment `index` of the path key, with the caret under that segment.
[[noreturn]] void fail_segment(const std::string& set_path, const yaml::Located& key,
                               const std::vector<std::string>& segments, std::size_t index,
                               const std::string& message) {
  YAML::Mark mark = key.mark();
  if (!mark.is_null()) {
    int offset = key.node().Tag() == "!" ? 1 : 0;  // a quoted key starts with its quote
    for (std::size_t i = 0; i < index; ++i) offset += static_cast<int>(segments[i].size()) + 1;
    mark.column += offset;
    mark.pos += offset;
  }
  key.reader().fail(mark, key.path(),
                    set_path + ": path '" + key.node().Scalar() + "': " + message);
}

std::string suggestion(const std::string& word, const std::vector<std::string>& candidates,
                       const char* what) {
  if (candidates.empty()) return "";
  if (const auto near = nearest_name(word, candidates)) return " (did you mean '" + *near + "'?)";
  return "; " + std::string(what) + ": " + join_names(candidates);
}

}  // namespace

void apply_override(const std::string& text, const YAML::Node& value, YAML::Node doc,
                    const PathFailure& fail_at, bool forbid_variants) {
  const std::vector<std::string> segments = split_path(text);
  const auto fail_segment = [&](std::size_t index, const std::string& message) {
    fail_at(segments, index, message);
    std::abort();  // unreachable: fail_at throws
  };
  YAML::Node cur;  // rebound with reset(), never assigned: assignment would edit the tree
  cur.reset(doc);
  std::string shown;    // concrete path walked so far, "programmes[0].allocation"
  std::string generic;  // the same with "[]" for list elements, for the schema
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const std::string& seg = segments[i];
    const bool last = i + 1 == segments.size();
    const std::string in_where = shown.empty() ? "at the top level" : "in " + shown;
    if (seg.empty()) fail_segment(i, "empty path segment");
    if (i == 0 && seg == "variants" && forbid_variants)
      fail_segment(i, "a variant cannot change the variants");

    if (cur.IsMap()) {
      std::vector<std::string> keys;
      bool found = false;
      for (auto it = cur.begin(); it != cur.end(); ++it) {
        if (!it->first.IsScalar()) continue;
        keys.push_back(it->first.Scalar());
        if (it->first.Scalar() != seg) continue;
        found = true;
        YAML::Node target = it->second;
        if (last) {
          target = value;  // rebinds the document's node to the replacement
        } else {
          cur.reset(target);
        }
        break;
      }
      if (!found) {
        std::vector<std::string> known;
        if (last && format_accepts(generic, seg, known)) {
          cur[seg] = value;
          return;
        }
        for (const std::string& k : known) {
          if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
        }
        fail_segment(i, "no key '" + seg + "' " + in_where + suggestion(seg, keys, "keys there"));
      }
      if (last) return;
      shown = yaml::child_path(shown, seg);
      generic = yaml::child_path(generic, seg);
    } else if (cur.IsSequence()) {
      std::size_t index = cur.size();
      if (all_digits(seg)) {
        index = seg.size() > 9 ? cur.size() : std::stoul(seg);
        if (index >= cur.size()) {
          fail_segment(i, "index " + seg + " is out of range: " + shown + " has " +
                              std::to_string(cur.size()) +
                              (cur.size() == 1 ? " element" : " elements"));
        }
      } else {
        std::vector<std::string> names;
        for (std::size_t j = 0; j < cur.size(); ++j) {
          const YAML::Node element = cur[j];
          const YAML::Node name = element.IsMap() ? element["name"] : YAML::Node();
          if (!name.IsDefined() || !name.IsScalar()) continue;
          names.push_back(name.Scalar());
          if (name.Scalar() == seg && index == cur.size()) index = j;
        }
        if (index == cur.size()) {
          fail_segment(i, "no element named '" + seg + "' " + in_where +
                              suggestion(seg, names, "names there"));
        }
      }
      YAML::Node target = cur[index];
      if (last) {
        target = value;
        return;
      }
      cur.reset(target);
      shown.append("[").append(std::to_string(index)).append("]");
      generic += "[]";
    } else {
      fail_segment(i, shown + " is a single value; it has no '" + seg + "'");
    }
  }
}

void apply_overrides(const yaml::Located& set, YAML::Node doc) {
  for (const auto& entry : set.entries()) {
    const auto& key = entry.first;  // not a structured binding: clang 14 cannot capture one
    const PathFailure fail = [&](const std::vector<std::string>& segments, std::size_t index,
                                 const std::string& message) {
      fail_segment(set.path(), key, segments, index, message);
    };
    apply_override(key.node().Scalar(), entry.second.node(), doc, fail, true);
  }
}

}  // namespace fupin::models
