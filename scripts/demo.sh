#!/usr/bin/env bash
# Installs what fupin needs, builds it, runs the Yunnan whole-township scenario to
# results/yunnan_whole_township.h5, printing its summary, and writes its HTML report to
# results/yunnan_whole_township.html.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)" --target fupin
mkdir -p results
build/release/app/fupin run scenarios/yunnan_whole_township.yaml -o results/yunnan_whole_township.h5
build/release/app/fupin report results/yunnan_whole_township.h5 -o results/yunnan_whole_township.html
