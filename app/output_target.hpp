// Where a command may write its output file: the check every command makes before it starts.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace fupin::app {

// A file the command reads, which its output must never replace.
struct InputFile {
  std::string path;  // empty: none
  std::string role;  // "scenario file", "run file"
};

// Why `output` must not be written, if it must not: a command replaces only a regular file (or
// nothing), and never one of its inputs, also under another name (same device and inode).
// "refusing to write the <what> to '<output>': it is a directory, not a regular file" or
// "...: it is the <role> '<path>'". The atomic write checks again just before its rename.
std::optional<std::string> refuse_output(const std::string& output, const std::string& what,
                                         const std::vector<InputFile>& inputs);

}  // namespace fupin::app
