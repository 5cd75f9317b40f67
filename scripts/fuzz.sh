#!/usr/bin/env bash
# Fuzzes the scenario loader with libFuzzer (clang-14 + libfuzzer-14-dev, AddressSanitizer and
# UBSan) for a bounded time: `bash scripts/fuzz.sh [seconds]` (default 60). The seed corpus is the
# shipped scenarios and the malformed cases; what the fuzzer adds is kept in build/fuzz/corpus
# between runs. A finding (crash, sanitizer report, an exception other than ScenarioError, a hang
# over 10 s, more than 2 GB) stops the run with exit 1 and leaves the input in
# build/fuzz/findings/; make it a test (docs/reliability.md) before fixing it.
#
# The same clang build (AddressSanitizer + UBSan over the loader's and the rules' libraries) first
# runs the loader and rule tests, test_scenario and test_rules, each executable once (about 640
# tests in half a minute; ctest's one process per test would take five times as long). Any
# sanitizer report or failed test stops the script with exit 1. FUPIN_SANITIZED_TESTS=0 skips them;
# 0 seconds skips the fuzzing.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
# A fixed seed makes a run repeatable (the same inputs in the same order), so that CI is
# deterministic; FUPIN_FUZZ_SEED=0 lets libFuzzer pick one (for longer runs by hand).
seed=${FUPIN_FUZZ_SEED:-1}
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j"$(nproc)"
if [[ ${FUPIN_SANITIZED_TESTS:-1} != 0 ]]; then
  echo "fuzz: the loader and rule tests under AddressSanitizer + UBSan (clang-14)"
  cmake --build build/fuzz -j"$(nproc)" --target test_scenario test_rules
  export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:strict_init_order=1"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
  build/fuzz/tests/models/scenario/test_scenario --gtest_brief=1 &
  scenario_tests=$!
  build/fuzz/tests/models/rules/test_rules --gtest_brief=1
  wait "$scenario_tests"
  unset ASAN_OPTIONS UBSAN_OPTIONS
fi
work=build/fuzz/corpus
seeds=build/fuzz/seeds
findings=build/fuzz/findings
mkdir -p "$work" "$seeds" "$findings"
cp scenarios/*.yaml tests/scenarios/malformed/*.yaml "$seeds"/
if [[ $seconds == 0 ]]; then exit 0; fi
echo "fuzz: scenario loader for ${seconds} s (corpus $work, findings $findings)"
exec build/fuzz/tests/fuzz/fuzz_scenario_loader -seed="$seed" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -max_len=65536 -print_final_stats=1 -artifact_prefix="$findings/" "$work" "$seeds"
