#!/usr/bin/env bash
# Builds and runs fupin's tests under the sanitizers (called by scripts/test.sh after the normal
# suite; runnable alone).
#   bash scripts/sanitizers.sh             both stages below
#   bash scripts/sanitizers.sh tsan        ThreadSanitizer only
#   bash scripts/sanitizers.sh asan        AddressSanitizer + UndefinedBehaviorSanitizer only
#
# tsan: the engine and simulation tests (tests/sim, tests/models/simulation): they are the ones
#       that run events on oneTBB's worker threads. Only test_sim and test_models are built.
# asan: the whole suite, including the fupin command line that tests/app spawns.
# Each stage configures its preset (build/tsan, build/asan) without the benchmarks, builds and runs
# ctest; any sanitizer report fails the test that triggered it, and so this script.
set -euo pipefail
cd "$(dirname "$0")/.."

jobs=$(nproc)
stages=("$@")
((${#stages[@]} > 0)) || stages=(tsan asan)

# ctest names of the engine and simulation tests: every GoogleTest suite defined in tests/sim and
# tests/models/simulation (value-parameterised ones carry an instantiation prefix, "Keys/").
sanitizer_suites_regex() {
  local suites
  suites=$(grep -hoE '^(TEST|TEST_F|TEST_P)\( *[A-Za-z0-9_]+' tests/sim/*.cpp tests/models/simulation/*.cpp |
    sed -E 's/.*\( *//' | sort -u | paste -sd'|')
  echo "^([A-Za-z0-9_]+/)?($suites)\\."
}

run_tsan() {
  echo "sanitizers: ThreadSanitizer, engine and simulation tests"
  cmake --preset tsan -DFUPIN_BUILD_BENCH=OFF
  cmake --build --preset tsan -j"$jobs" --target test_sim test_models
  # tests/sanitizers/tsan.supp says why libtbb's frames are suppressed.
  TSAN_OPTIONS="suppressions=$PWD/tests/sanitizers/tsan.supp:halt_on_error=1:second_deadlock_stack=1" \
    ctest --preset tsan -j"$jobs" --no-tests=error -R "$(sanitizer_suites_regex)"
}

run_asan() {
  echo "sanitizers: AddressSanitizer + UndefinedBehaviorSanitizer, whole suite"
  cmake --preset asan -DFUPIN_BUILD_BENCH=OFF
  cmake --build --preset asan -j"$jobs"
  # The variables reach the fupin processes that tests/app spawns too. Python (the run-file
  # readers) is not instrumented and ignores them.
  ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:strict_init_order=1" \
    UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
    ctest --preset asan -j"$jobs" --no-tests=error
}

for stage in "${stages[@]}"; do
  case $stage in
    tsan) run_tsan ;;
    asan) run_asan ;;
    *) echo "sanitizers: unknown stage '$stage' (tsan, asan)" >&2; exit 2 ;;
  esac
done
