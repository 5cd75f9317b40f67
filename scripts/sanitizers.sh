#!/usr/bin/env bash
# Builds and runs fupin's tests under the sanitizers (called by scripts/test.sh after the normal
# suite; runnable alone).
#   bash scripts/sanitizers.sh             both stages below
#   bash scripts/sanitizers.sh tsan        ThreadSanitizer on the engine's tests and the simulation
#                                          tests that run on several threads (CI)
#   bash scripts/sanitizers.sh tsan-all    ThreadSanitizer on the engine and all simulation tests
#   bash scripts/sanitizers.sh asan        AddressSanitizer + UndefinedBehaviorSanitizer only
#   bash scripts/sanitizers.sh asan-all    AddressSanitizer + UBSan on the whole suite (not in CI)
#
# ThreadSanitizer runs in a build whose parallel back end is fupin's own std::thread pool
# (FUPIN_PARALLEL=threads, the tsan preset): its synchronisation is plain C++ that TSan sees
# completely, so every report is a real race and none is suppressed or left out. Only two
# executables are built (test_sim: tests/sim; test_simulation: tests/models/simulation), and they
# run directly, not through ctest (one process per test would load the scenarios again for every
# test).
# tsan: all of test_sim (the engine, the parallel facade on both back ends, the random streams on
#       several threads), and the simulation tests that run whole scenarios on several threads
#       ($tsan_simulation_tests below: every programme kind's local events of the shipped policy
#       scenarios, on 1 to 4 threads), beside each other. CI runs this stage (scripts/test.sh).
#       The other simulation tests run on one thread, where TSan has nothing to find.
# tsan-all: test_sim beside all of test_simulation split into one shard per core. About 19
#       minutes on the project's 2-core machine (a 5-6 minute build, then the whole-scenario tests
#       run some 16 times slower than without TSan), so not in CI.
# asan: the unit tests of every layer: test_sim, test_rules, test_metrics, test_finance,
#       test_network, test_scenario (with its malformed and robust-input files) and test_output
#       (HDF5 writing). Not test_models, test_simulation, test_cli and the determinism runs: they
#       are whole-scenario simulations, most of the suite's run time (two to three times longer
#       under ASan) and its largest compile, and CI must stay well under 30 minutes on 2 cores;
#       the simulation tests already run under TSan, which also reports use-after-free.
#       `asan-all` runs the whole suite.
# Each stage configures its preset (build/tsan, build/asan) without the benchmarks and builds only
# what it runs; any sanitizer report fails the test that triggered it, and so this script.
set -euo pipefail
cd "$(dirname "$0")/.."

jobs=$(nproc)
stages=("$@")
((${#stages[@]} > 0)) || stages=(tsan asan)

# The simulation tests that run on several threads (GoogleTest filter).
tsan_simulation_tests='Simulation.SameResultsForAnyThreadCount'
tsan_simulation_tests+=':TargetScores.ShippedScenariosScoreEveryTargetForAnyThreadCount'
tsan_simulation_tests+=':RunReplicates.ReplicateZeroIsTheRunAndThreadsChangeNothing'
tsan_simulation_tests+=':MoneyBought.*'

# run_tsan ci|all
run_tsan() {
  cmake --preset tsan -DFUPIN_BUILD_BENCH=OFF >/dev/null
  # halt_on_error: the first report ends the executable with a failure.
  export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1"
  cmake --build --preset tsan -j"$jobs" --target test_sim test_simulation
  local pids=() shard failed=0
  (cd build/tsan/tests/sim && ./test_sim --gtest_brief=1) &
  pids+=($!)
  if [[ $1 == ci ]]; then
    echo "sanitizers: ThreadSanitizer (std::thread back end), test_sim and test_simulation's" \
      "multi-threaded tests ($tsan_simulation_tests)"
    # A renamed test must not leave the filter silently selecting nothing.
    local pattern listed
    local -a patterns
    IFS=: read -r -a patterns <<<"$tsan_simulation_tests"
    for pattern in "${patterns[@]}"; do
      listed=$(cd build/tsan/tests/models &&
        ./test_simulation --gtest_list_tests --gtest_filter="$pattern")
      if [[ $listed != *$'\n  '* ]]; then
        echo "sanitizers: no test of test_simulation matches '$pattern'" >&2
        return 1
      fi
    done
    (cd build/tsan/tests/models &&
      ./test_simulation --gtest_brief=1 --gtest_filter="$tsan_simulation_tests") &
    pids+=($!)
  else
    echo "sanitizers: ThreadSanitizer (std::thread back end), test_sim and test_simulation"
    # Each in its build directory, where ctest would run it; test_simulation split into one shard
    # per core (GoogleTest's GTEST_TOTAL_SHARDS: every test runs in exactly one shard).
    for ((shard = 0; shard < jobs; ++shard)); do
      (cd build/tsan/tests/models &&
        GTEST_TOTAL_SHARDS=$jobs GTEST_SHARD_INDEX=$shard ./test_simulation --gtest_brief=1) &
      pids+=($!)
    done
  fi
  for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
  unset TSAN_OPTIONS
  return "$failed"
}

asan_units=(test_sim test_rules test_metrics test_finance test_network test_scenario test_output)

# run_asan all|units
run_asan() {
  cmake --preset asan -DFUPIN_BUILD_BENCH=OFF
  local select=()
  if [[ $1 == all ]]; then
    echo "sanitizers: AddressSanitizer + UndefinedBehaviorSanitizer, whole suite"
    cmake --build --preset asan -j"$jobs"
  else
    echo "sanitizers: AddressSanitizer + UndefinedBehaviorSanitizer, ${asan_units[*]}"
    # ctest -L needs each test's label, which GoogleTest discovery writes when the executable is
    # linked. A build directory whose lists predate the labels relinks those executables.
    local list
    while IFS= read -r -d '' list; do
      grep -q LABELS "$list" || rm -f "${list%\[1\]_tests.cmake}"
    done < <(find build/asan/tests -name '*\[1\]_tests.cmake' -print0)
    cmake --build --preset asan -j"$jobs" --target "${asan_units[@]}" write_sample_run_file
    select=(-L "^($(IFS='|'; echo "${asan_units[*]}"))\$")
  fi
  # The variables reach the fupin processes that tests/app spawns too. Python (the run-file
  # readers) is not instrumented and ignores them.
  ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:strict_init_order=1" \
    UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
    ctest --preset asan -j"$jobs" --no-tests=error "${select[@]}"
}

for stage in "${stages[@]}"; do
  case $stage in
    tsan) run_tsan ci ;;
    tsan-all) run_tsan all ;;
    asan) run_asan units ;;
    asan-all) run_asan all ;;
    *) echo "sanitizers: unknown stage '$stage' (tsan, tsan-all, asan, asan-all)" >&2; exit 2 ;;
  esac
done
