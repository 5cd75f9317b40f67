#!/usr/bin/env bash
# Installs what fupin needs, builds everything with warnings as errors, and runs the whole test suite;
# then runs tests under ThreadSanitizer and AddressSanitizer + UBSan (scripts/sanitizers.sh).
# FUPIN_SANITIZERS=0 skips the sanitizer stage (CI always runs it).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
cmake --preset ci
cmake --build --preset ci -j"$(nproc)"
ctest --preset ci -j"$(nproc)"
if [[ ${FUPIN_SANITIZERS:-1} != 0 ]]; then
  bash scripts/sanitizers.sh
fi
