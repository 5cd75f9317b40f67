#!/usr/bin/python3
"""R1's poverty statistics under two builds of fupin, over many seeds.

Runs scenarios/reference_r1.yaml (scaled to fewer households per village) with `--replicates N`
under each build: replicate r of both builds runs with the same seed (a pure function of the
scenario's seed and r). For the final year and each variant it prints the mean over replicates of
P0 (headcount ratio), P1 (fgt1), P2 (fgt2) and the Gini, their standard errors (sd / sqrt(N)), and
the difference of the means in standard errors of the difference. A build whose random numbers
are laid out differently draws independent numbers, so the two means are independent estimates of
the same expectation when the distributions agree: |difference| of a few standard errors at most.

  /usr/bin/python3 bench/rng_statistics.py --before /tmp/fupin-before --after build/ci/app/fupin
"""

import argparse
import math
import os
import re
import subprocess
import sys
import tempfile

import h5py
import numpy as np

METRICS = [("P0", "headcount_ratio"), ("P1", "fgt1"), ("P2", "fgt2"), ("Gini", "gini")]


def scaled_scenario(source, households_per_village, directory):
    text = open(source, encoding="utf-8").read()
    text, n = re.subn(r"(?m)^(  households_per_village:) \d+$", rf"\1 {households_per_village}", text)
    if n != 1:
        sys.exit(f"{source}: no 'households_per_village' line to scale")
    path = os.path.join(directory, "r1_scaled.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def run(binary, scenario, replicates, threads, out):
    subprocess.run([binary, "run", scenario, "-o", out, "-q", "--threads", str(threads),
                    "--replicates", str(replicates)], check=True, capture_output=True)
    result = {}
    with h5py.File(out, "r") as f:
        for variant in f["variants"]:
            g = f[f"variants/{variant}/replicates"]
            result[variant] = {name: g[key][:, -1] for name, key in METRICS}
            result[variant]["year"] = int(g["year"][-1])
            result[variant]["seeds"] = g["seed"][:]
    return result


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", required=True, help="fupin binary of the old build")
    parser.add_argument("--after", required=True, help="fupin binary of the new build")
    parser.add_argument("--scenario", default=os.path.join(here, "..", "scenarios", "reference_r1.yaml"))
    parser.add_argument("--households-per-village", type=int, default=40,
                        help="R1 has 400 (1 M households); 40 gives 100 k")
    parser.add_argument("--seeds", type=int, default=20, help="replicates (seeds) per build")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    if args.seeds < 2:
        sys.exit("--seeds must be at least 2")

    with tempfile.TemporaryDirectory() as tmp:
        scenario = scaled_scenario(args.scenario, args.households_per_village, tmp)
        old = run(args.before, scenario, args.seeds, args.threads, os.path.join(tmp, "before.h5"))
        new = run(args.after, scenario, args.seeds, args.threads, os.path.join(tmp, "after.h5"))

    n = args.seeds
    print(f"R1 with {args.households_per_village} households per village, {n} seeds, final year")
    print(f"| variant | measure | before: mean ± s.e. | after: mean ± s.e. | difference / s.e. |")
    print("| --- | --- | --- | --- | --- |")
    worst = 0.0
    for variant in sorted(old):
        a, b = old[variant], new[variant]
        if not np.array_equal(a["seeds"], b["seeds"]):
            sys.exit(f"{variant}: the builds used different seeds")
        for name, _ in METRICS:
            ma, mb = float(np.mean(a[name])), float(np.mean(b[name]))
            sa = float(np.std(a[name], ddof=1)) / math.sqrt(n)
            sb = float(np.std(b[name], ddof=1)) / math.sqrt(n)
            z = (mb - ma) / math.hypot(sa, sb) if sa > 0 or sb > 0 else 0.0
            worst = max(worst, abs(z))
            print(f"| {variant} {a['year']} | {name} | {ma:.6f} ± {sa:.6f} | {mb:.6f} ± {sb:.6f} | {z:+.2f} |")
    print(f"largest |difference| / s.e.: {worst:.2f} ({2 * len(METRICS) * len(old)} comparisons)")


if __name__ == "__main__":
    main()
