// Writes the hand-built sample RunResult to the path given as argv[1] (used by read_run_file.py).
#include <cstdio>
#include <exception>

#include "output/run_file.hpp"
#include "tests/output/sample_run.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUTPUT.h5\n", argv[0]);
    return 2;
  }
  try {
    fupin::output::write_run_file(fupin::output::testing::make_sample_run(), argv[1]);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "write_sample_run_file: %s\n", e.what());
    return 1;
  }
  return 0;
}
