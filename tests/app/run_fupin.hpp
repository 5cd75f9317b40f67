// Running the fupin executable from a test as a user would: its exit code and everything it
// printed. FUPIN_EXE (the executable) and FUPIN_BINARY_DIR are compile definitions of the test.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <string>

namespace fupin::testing {

struct Outcome {
  int exit_code;
  std::string output;  // stdout and stderr together
};

// Runs `fupin <args>` through the shell (args are shell words).
inline Outcome run(const std::string& args) {
  const std::string cmd = std::string(FUPIN_EXE) + " " + args + " 2>&1";
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return {-1, "popen failed"};
  std::string out;
  char buf[4096];
  while (const std::size_t n = fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

// An empty directory of the build tree for one test's files: tests/app/scratch/<name>.
inline std::filesystem::path scratch(const std::string& name) {
  std::filesystem::path dir =
      std::filesystem::path(FUPIN_BINARY_DIR) / "tests" / "app" / "scratch" / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace fupin::testing
