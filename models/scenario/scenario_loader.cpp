// Loading a scenario file: YAML syntax, the base document, then each variant resolved by applying
// its overrides to a fresh parse of the same text (so every node keeps its source position).
#include "models/scenario/scenario_loader.hpp"

#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include "models/scenario/scenario_parser.hpp"
#include "models/scenario/scenario_schema.hpp"
#include "models/scenario/value_checks.hpp"
#include "models/scenario/variant_overrides.hpp"
#include "models/scenario/yaml_reader.hpp"

namespace fupin::models {

namespace {

// A fresh tree for `text`. YAML::Clone would be cheaper but drops every source position.
YAML::Node parse_yaml(const yaml::Reader& reader, const std::string& text) {
  std::vector<YAML::Node> docs;
  try {
    docs = YAML::LoadAll(text);
  } catch (const YAML::Exception& e) {
    reader.fail(e.mark, "", "YAML syntax error: " + e.msg);
  }
  if (docs.empty() || docs.front().IsNull()) reader.fail(YAML::Mark::null_mark(), "", "the scenario is empty");
  if (docs.size() > 1) {
    reader.fail(docs[1].Mark(), "",
                "the file holds " + std::to_string(docs.size()) + " YAML documents; a scenario is exactly one");
  }
  return docs.front();
}

struct VariantEntry {
  std::string name;
  std::string description;
  bool has_set = false;
};

// Checks the `variants` list itself (names, keys, that each `set` is a mapping).
std::vector<VariantEntry> parse_variant_list(const yaml::Located& list) {
  std::vector<VariantEntry> out;
  std::vector<std::string> lines;
  const std::vector<yaml::Located> elements = list.elements();
  if (elements.empty()) list.fail("give at least one variant, or leave out 'variants' for the single variant 'base'");
  for (const yaml::Located& v : elements) {
    v.check_keys(mapping_schema("variants[]"));
    const yaml::Located name = v.child("name");
    VariantEntry entry;
    entry.name = checks::identifier(name, "variant name");
    for (std::size_t i = 0; i < out.size(); ++i) {
      if (out[i].name == entry.name) {
        name.fail("duplicate variant name '" + entry.name + "' (first given at line " + lines[i] + ")");
      }
    }
    if (auto d = v.find("description")) entry.description = d->as_string();
    if (auto set = v.find("set")) {
      set->expect_mapping();
      entry.has_set = true;
    }
    lines.push_back(std::to_string(name.mark().line + 1));
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace

ScenarioSet load_scenario_text(const std::string& text, const std::string& file_name) {
  ScenarioSet set{file_name, text, {}};
  const yaml::Reader reader(file_name, set.text);
  const yaml::Located root(reader, parse_yaml(reader, set.text), "");
  if (!root.node().IsMap()) {
    root.fail_plain("a scenario is a mapping of keys (name, period, poverty_line, ...), not " + root.describe());
  }
  // The base first, so that its errors are reported as such rather than as a variant's.
  const Scenario base = parse_scenario(root);

  const auto list = root.find("variants");
  if (!list) {
    set.variants.push_back(base);
    set.variants.back().variant = "base";
    return set;
  }
  const std::vector<VariantEntry> entries = parse_variant_list(*list);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const VariantEntry& entry = entries[i];
    Scenario resolved;
    if (!entry.has_set) {
      resolved = base;
    } else {
      const yaml::Reader variant_reader(file_name, set.text, "in variant '" + entry.name + "'");
      YAML::Node doc = parse_yaml(variant_reader, set.text);
      const yaml::Located variant_root(variant_reader, doc, "");
      const yaml::Located overrides = variant_root.child("variants").elements()[i].child("set");
      apply_overrides(overrides, doc);
      resolved = parse_scenario(variant_root);
    }
    resolved.variant = entry.name;
    resolved.variant_description = entry.description;
    set.variants.push_back(std::move(resolved));
  }
  return set;
}

ScenarioSet load_scenario_file(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    const int err = errno;
    throw ScenarioError({path, 0, 0}, "", std::string("cannot open the scenario file: ") + std::strerror(err), "");
  }
  std::string text;
  char buf[65536];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
  const bool failed = std::ferror(f) != 0;
  const int err = errno;
  std::fclose(f);
  if (failed) {
    throw ScenarioError({path, 0, 0}, "", std::string("cannot read the scenario file: ") + std::strerror(err), "");
  }
  return load_scenario_text(text, path);
}

}  // namespace fupin::models
