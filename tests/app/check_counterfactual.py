#!/usr/bin/env python3
"""The counterfactual recorded in the run file, and `fupin compare` defaulting to it.

    check_counterfactual.py FUPIN SCENARIO OUT_DIR

Runs SCENARIO (small: 5 households per village, 3 replicates) once as it is, without a
counterfactual, and once with `counterfactual:` naming its last variant, then checks:
- layout 6: every variant of the second run has /variants/<v>@counterfactual naming that variant;
  the first run's variants have no such attribute;
- `fupin compare RUN` (no --against) compares every other variant with the recorded
  counterfactual (printed and in the compare file, OUT_DIR/compare.h5, left for the report tests);
  without a counterfactual it compares with the first variant; --against still overrides it;
- `fupin report` labels the recorded counterfactual.
"""
import os
import re
import subprocess
import sys

import h5py

failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what)


def run(args):
    p = subprocess.run(args, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"{' '.join(args)} exited {p.returncode}: {p.stderr}")
    return p.stdout


def text(v):
    return v.decode() if isinstance(v, bytes) else str(v)


def main(fupin, scenario, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    small = ["--set", "geography.households_per_village=5", "--replicates", "3", "--quiet"]
    with open(scenario, encoding="utf-8") as f:
        source = f.read()
    plain = os.path.join(out_dir, "plain.h5")
    run([fupin, "run", scenario, "-o", plain, *small])
    with h5py.File(plain, "r") as f:
        variants = list(f["variants"])
        check(f["meta"].attrs["layout_version"] == 6, "layout version 6")
        check(all("counterfactual" not in f["variants"][v].attrs for v in variants),
              "no counterfactual attribute without a counterfactual")
    out = run([fupin, "compare", plain, "-o", os.path.join(out_dir, "plain_compare.h5")])
    with h5py.File(os.path.join(out_dir, "plain_compare.h5"), "r") as c:
        against = {text(g.attrs["against"]) for g in c["comparisons"].values()}
        check(against == {variants[0]}, f"without a counterfactual: against the first variant ({against})")

    counterfactual = variants[-1]
    with_cf = os.path.join(out_dir, "with_counterfactual.yaml")
    with open(with_cf, "w", encoding="utf-8") as f:
        f.write(source.rstrip("\n") + f"\ncounterfactual: {counterfactual}\n")
    path = os.path.join(out_dir, "run.h5")
    run([fupin, "run", with_cf, "-o", path, *small])
    with h5py.File(path, "r") as f:
        for v in variants:
            got = f["variants"][v].attrs.get("counterfactual")
            check(got is not None and text(got) == counterfactual, f"{v}: counterfactual attribute {got!r}")
    compare_file = os.path.join(out_dir, "compare.h5")
    out = run([fupin, "compare", path, "-o", compare_file])
    pairs = re.findall(r"^(\S+) − (\S+): ", out, re.MULTILINE)
    check(sorted(pairs) == sorted((v, counterfactual) for v in variants if v != counterfactual),
          f"printed comparisons against the counterfactual: {pairs}")
    with h5py.File(compare_file, "r") as c:
        got = {k: text(g.attrs["against"]) for k, g in c["comparisons"].items()}
        check(got == {v: counterfactual for v in variants if v != counterfactual},
              f"compare file against the counterfactual: {got}")
    out = run([fupin, "compare", path, "--against", variants[0]])
    pairs = re.findall(r"^(\S+) − (\S+): ", out, re.MULTILINE)
    check(all(b == variants[0] for _, b in pairs) and len(pairs) == len(variants) - 1,
          f"--against overrides the counterfactual: {pairs}")

    html = os.path.join(out_dir, "run.html")
    run([fupin, "report", path, "-o", html])
    with open(html, encoding="utf-8") as f:
        page = f.read()
    check(f"{counterfactual} (counterfactual)" in page, "the report labels the recorded counterfactual")
    check(page.count("(counterfactual)") >= 1 and f"{variants[0]} (counterfactual)" not in page,
          "the report labels no other variant")
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print(f"ok: counterfactual {counterfactual} recorded on {len(variants)} variants; compare defaults to it")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
