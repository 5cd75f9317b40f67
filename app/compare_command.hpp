// `fupin compare FILE [OTHER] [-o compare.h5]`: paired differences of key metrics between variants,
// with 95% intervals from their replicates.
#pragma once

#include <optional>
#include <string>

namespace fupin::app {

struct CompareOptions {
  std::string file;
  std::string other;                   // empty: compare the variants of `file` with one of them
  std::string output;                  // empty: print only
  std::optional<std::string> against;  // the variant of `file` compared with (default: the
                                       // counterfactual the file records, else the first)
  std::string command_line;            // for the compare file's history attribute
};

int compare_command(const CompareOptions& options);

}  // namespace fupin::app
