#!/usr/bin/env bash
# Installs what fupin needs, checks the C++ formatting, builds everything with warnings as
# errors, runs the whole test suite, then ThreadSanitizer over the engine's tests and the
# simulation tests that run on several threads (scripts/sanitizers.sh tsan, over fupin's
# std::thread parallel back end; FUPIN_TSAN=0 skips it, FUPIN_TSAN=all runs every simulation test,
# about 19 more minutes on 2 cores). FUPIN_SANITIZERS=1 also runs every layer's unit tests under
# AddressSanitizer + UBSan (scripts/sanitizers.sh asan; not in CI, whose clang build below covers
# the loader and the rules).
set -euo pipefail
cd "$(dirname "$0")/.."
# Each stage says when it starts and how long the script has run, so a slow stage is easy to see.
stage() { echo "test.sh: $1 (at $(date -u +%H:%M:%S), ${SECONDS} s since the start)"; }
stage "installing packages"
bash scripts/bootstrap.sh
stage "checking the C++ formatting (scripts/format.sh --check)"
bash scripts/format.sh --check
stage "building (ci preset)"
cmake --preset ci
cmake --build --preset ci -j"$(nproc)"
stage "running the test suite"
ctest --preset ci -j"$(nproc)"
stage "ThreadSanitizer stage"
case ${FUPIN_TSAN:-1} in
  0) ;;
  all) bash scripts/sanitizers.sh tsan-all ;;
  *) bash scripts/sanitizers.sh tsan ;;
esac
if [[ ${FUPIN_SANITIZERS:-0} != 0 ]]; then
  bash scripts/sanitizers.sh asan
fi
stage "AddressSanitizer + UBSan stage and fuzzing"
# A clang build of the loader's and rules' libraries with AddressSanitizer + UBSan: the loader and
# rule tests under the sanitizers (FUPIN_SANITIZED_TESTS=0 skips them), then the scenario loader
# under libFuzzer for FUPIN_FUZZ_SECONDS (default 60; 0 skips it).
bash scripts/fuzz.sh "${FUPIN_FUZZ_SECONDS:-60}"
stage "done"
