// A variant's `set`: dotted paths into the scenario document and the values that replace what
// they point at, applied to the YAML before it is parsed.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "models/scenario/yaml_reader.hpp"

namespace fupin::models {

// Applies every entry of `set` (a mapping from a dotted path to a value) to `doc`, in order.
// A path segment walks a mapping by key and a list by index or by the `name` of an element
// ("programmes.whole_township.allocation"). The last segment may name a key the mapping does not
// have yet if the format accepts it there. A path that does not exist is an error located at the
// offending segment of the path key. Replacement values keep their source positions, so errors
// found while parsing them point at the variant's text.
void apply_overrides(const yaml::Located& set, YAML::Node doc);

// Reports a path that does not exist: the path's segments, the index of the offending one and
// the message. Must throw.
using PathFailure =
    std::function<void(const std::vector<std::string>&, std::size_t, const std::string&)>;

// Sets what the dotted `path` points at in `doc` to `value`, walking it as apply_overrides does
// (a `--set key.path=value` of the command line uses it too). A path that does not exist goes to
// `fail`. With `forbid_variants`, a path into `variants` is refused.
void apply_override(const std::string& path, const YAML::Node& value, YAML::Node doc,
                    const PathFailure& fail, bool forbid_variants);

}  // namespace fupin::models
