#!/usr/bin/env bash
# Runs clang-tidy with the repository's .clang-tidy on fupin's sources (sim/ models/ output/ app/
# tests/ bench/), using the compile_commands.json of a configured build.
#   bash scripts/tidy.sh                    all sources, build/ci (configured first if needed)
#   bash scripts/tidy.sh -p build/debug     another build directory
#   bash scripts/tidy.sh sim/engine.cpp     only the files whose path matches these regexes
#   TIDY_JOBS=1 bash scripts/tidy.sh        one clang-tidy at a time (default: one per core)
# Prints the findings, then a count per check; exits 0 whatever it finds (the checks are advice,
# not a gate). Uses Debian 12's clang-tidy 14 (`apt-get install clang-tidy`).
set -euo pipefail
cd "$(dirname "$0")/.."

build=build/ci
if [[ ${1:-} == -p ]]; then
  build=$2
  shift 2
fi
run_clang_tidy=${RUN_CLANG_TIDY:-/usr/bin/run-clang-tidy}
clang_tidy=${CLANG_TIDY:-/usr/bin/clang-tidy}
for tool in "$run_clang_tidy" "$clang_tidy"; do
  if [[ ! -x $tool ]]; then
    echo "tidy: $tool not found; install it with: apt-get install clang-tidy" >&2
    exit 2
  fi
done
if [[ ! -f $build/compile_commands.json ]]; then
  # Configuring writes compile_commands.json (CMAKE_EXPORT_COMPILE_COMMANDS) and the generated
  # version header; nothing needs to be built.
  preset=$(basename "$build")
  cmake --preset "$preset" >"$build.configure.log" 2>&1 || {
    cat "$build.configure.log" >&2
    exit 2
  }
fi

patterns=("$@")
if ((${#patterns[@]} == 0)); then
  patterns=("$PWD/(sim|models|output|app|tests|bench)/")
fi
log=$build/clang-tidy.log
jobs=${TIDY_JOBS:-$(nproc)}
# run-clang-tidy exits non-zero when clang-tidy reports anything; the log is what matters.
"$run_clang_tidy" -quiet -clang-tidy-binary "$clang_tidy" -p "$build" -j "$jobs" "${patterns[@]}" \
  >"$log" 2>&1 || true
# A header's findings repeat once per file that includes it: count each place once.
# run-clang-tidy colours its output; the colour codes are removed first.
sed -E 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^/.*: (warning|error): .*\[[a-z0-9.,-]+\]$' |
  sort -u >"$build/clang-tidy.findings" || true
cat "$build/clang-tidy.findings"
echo
echo "tidy: findings per check (full output in $log):"
sed -E 's/.*\[([a-z0-9.,-]+)\]$/\1/' "$build/clang-tidy.findings" | sort | uniq -c | sort -rn
echo "tidy: $(wc -l <"$build/clang-tidy.findings") findings"
