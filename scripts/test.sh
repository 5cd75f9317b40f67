#!/usr/bin/env bash
# Installs what fupin needs, builds everything with warnings as errors, and runs the whole test suite;
# FUPIN_SANITIZERS=1 then also runs tests under ThreadSanitizer and AddressSanitizer + UBSan
# (scripts/sanitizers.sh). It is off by default: Debian's libtbb is not built for ThreadSanitizer,
# whose reports inside TBB's hand-offs are timing-dependent false positives, and the sanitizer
# builds have not yet been timed on a quiet 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
cmake --preset ci
cmake --build --preset ci -j"$(nproc)"
ctest --preset ci -j"$(nproc)"
if [[ ${FUPIN_SANITIZERS:-0} != 0 ]]; then
  bash scripts/sanitizers.sh
fi
# A clang build of the loader's and rules' libraries with AddressSanitizer + UBSan: the loader and
# rule tests under the sanitizers (FUPIN_SANITIZED_TESTS=0 skips them), then the scenario loader
# under libFuzzer for FUPIN_FUZZ_SECONDS (default 60; 0 skips it).
bash scripts/fuzz.sh "${FUPIN_FUZZ_SECONDS:-60}"
