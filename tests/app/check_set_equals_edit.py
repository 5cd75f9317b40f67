#!/usr/bin/env python3
"""Asserts that `fupin run --set key.path=value` writes the same datasets as editing the file.

Runs the scenario twice: once from a copy whose text is edited at the keys below, once from the
original file with the same changes given as --set arguments. Every dataset and attribute must be
bit-identical except what names the input: the file's text (/meta/scenario), the file's path
(/meta@scenario_file), the command line (/@history) and the thread count. The per-variant resolved
scenario (/variants/<v>/scenario) must be equal too: it shows the overrides.
Usage: check_set_equals_edit.py FUPIN SCENARIO OUTPUT_DIR
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare_run_files import collect, same  # noqa: E402

# (path given to --set, value, text in the file, the same text edited)
EDITS = [
    ("geography.households_per_village", "10", "households_per_village: 80", "households_per_village: 10"),
    ("dynamics.growth", "0.05", "growth: 0.07", "growth: 0.05"),
    ("programmes.0.tranches.0.amount", "120000", "{programme_year: 1, amount: 150000}",
     "{programme_year: 1, amount: 120000}"),
    ("programmes.village_roads.unit_cost", "300000", "unit_cost: 400000", "unit_cost: 300000"),
]
IGNORED = {("/meta", "threads"), ("/meta", "scenario_file"), ("/", "history")}


def main(fupin, scenario, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    with open(scenario, encoding="utf-8") as f:
        text = f.read()
    for _, _, old, new in EDITS:
        if text.count(old) != 1:
            print(f"{scenario}: expected '{old}' exactly once")
            return 1
        text = text.replace(old, new)
    edited = os.path.join(out_dir, "edited.yaml")
    with open(edited, "w", encoding="utf-8") as f:
        f.write(text)

    a = os.path.join(out_dir, "edited.h5")
    b = os.path.join(out_dir, "set.h5")
    subprocess.run([fupin, "run", edited, "-o", a, "--quiet", "--threads", "2"], check=True, stdout=subprocess.DEVNULL)
    sets = []
    for path, value, _, _ in EDITS:
        sets += ["--set", f"{path}={value}"]
    subprocess.run([fupin, "run", scenario, "-o", b, "--quiet", "--threads", "1"] + sets, check=True,
                   stdout=subprocess.DEVNULL)

    ref_d, ref_a = collect(a)
    d, at = collect(b)
    failures = 0
    if set(d) != set(ref_d):
        print(f"dataset names differ: {sorted(set(d) ^ set(ref_d))}")
        failures += 1
    resolved = [k for k in ref_d if k.startswith("/variants/") and k.endswith("/scenario")]
    if not resolved:
        print("no resolved scenario per variant in the run file")
        failures += 1
    for k in sorted(set(d) & set(ref_d)):
        if k == "/meta/scenario":
            continue
        if not same(ref_d[k], d[k]):
            print(f"dataset {k} differs")
            failures += 1
    for k in sorted(set(at) | set(ref_a)):
        if k in IGNORED:
            continue
        if k not in at or k not in ref_a or not same(ref_a[k], at[k]):
            print(f"attribute {k[0]}@{k[1]} differs")
            failures += 1
    history = at.get(("/", "history"))
    history = history.decode() if isinstance(history, bytes) else str(history)
    for path, value, _, _ in EDITS:
        if f"--set {path}={value}" not in history:
            print(f"history '{history}' does not record --set {path}={value}")
            failures += 1
    for k in resolved:
        body = d[k].decode() if isinstance(d[k], bytes) else str(d[k])
        if "households_per_village: 10" not in body or "growth: 0.05" not in body:
            print(f"{k} does not show the overrides")
            failures += 1
    print(f"compared {len(ref_d)} datasets: {failures} differences")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
