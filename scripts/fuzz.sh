#!/usr/bin/env bash
# Fuzzes the scenario loader with libFuzzer (clang-14 + libfuzzer-14-dev, AddressSanitizer and
# UBSan) for a bounded time: `bash scripts/fuzz.sh [seconds]` (default 60). The seed corpus is the
# shipped scenarios and the malformed cases; what the fuzzer adds is kept in build/fuzz/corpus
# between runs. A finding (crash, sanitizer report, an exception other than ScenarioError, a hang
# over 10 s, more than 2 GB) stops the run with exit 1 and leaves the input in
# build/fuzz/findings/; make it a test (docs/reliability.md) before fixing it.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
# A fixed seed makes a run repeatable (the same inputs in the same order), so that CI is
# deterministic; FUPIN_FUZZ_SEED=0 lets libFuzzer pick one (for longer runs by hand).
seed=${FUPIN_FUZZ_SEED:-1}
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j"$(nproc)"
work=build/fuzz/corpus
seeds=build/fuzz/seeds
findings=build/fuzz/findings
mkdir -p "$work" "$seeds" "$findings"
cp scenarios/*.yaml tests/scenarios/malformed/*.yaml "$seeds"/
echo "fuzz: scenario loader for ${seconds} s (corpus $work, findings $findings)"
exec build/fuzz/tests/fuzz/fuzz_scenario_loader -seed="$seed" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -max_len=65536 -print_final_stats=1 -artifact_prefix="$findings/" "$work" "$seeds"
