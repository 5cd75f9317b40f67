#!/usr/bin/env python3
"""Checks the sweep file of small grid, Latin-hypercube and Sobol sweeps of the example scenario.

- grid: every combination of levels, point-major then replicate; a string parameter (the
  allocation rule) stored as strings; common random numbers: two points that set the same value
  (growth 0.07 written two ways) give identical metrics replicate by replicate, and the replicates
  differ from each other;
- latin_hypercube: one point per stratum of each range; rounded to the decimals asked;
- sobol: n (d + 2) points, first-order and total indices with intervals per parameter;
- every file is bit-identical for 1 and 3 threads;
- `fupin export --csv` of a sweep file: runs.csv holds exactly the /runs table, sensitivity.csv
  every index value.
Usage: check_sweep_file.py FUPIN OUTPUT_DIR SCENARIO
"""
import os
import shutil
import subprocess
import sys

import csv

import h5py
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare_run_files  # noqa: E402

HEAD = """scenario: three_ensures.yaml
variant: three_ensures
set: {geography.households_per_village: 2}
metrics:
  - {name: headcount_ratio, year: 2010}
  - {name: mean_income, over: period}
"""
SWEEPS = {
    "grid": HEAD + """design: {kind: grid}
replicates: 2
parameters:
  - {path: dynamics.growth, levels: [0.07, 7.0e-2, 0.03]}
  - {path: programmes.whole_village.allocation.0.rule, levels: [poverty_gap, equal]}
""",
    "lhs": HEAD + """design: {kind: latin_hypercube, points: 5}
seed: 3
parameters:
  - {path: dynamics.growth, range: {min: 0.02, max: 0.07}, decimals: 3}
  - {path: dynamics.noise_sd, distribution: {kind: normal, mean: 0.15, sd: 0.02}}
""",
    "sobol": HEAD + """design: {kind: sobol, points: 4}
bootstrap: 20
parameters:
  - {path: dynamics.growth, range: {min: 0.02, max: 0.07}}
  - {path: dynamics.illness_probability, range: {min: 0.02, max: 0.1}}
""",
}


def text(v):
    return v.decode() if isinstance(v, bytes) else str(v)


def main(fupin, out_dir, scenario):
    shutil.rmtree(out_dir, ignore_errors=True)
    os.makedirs(out_dir)
    shutil.copy(scenario, os.path.join(out_dir, "three_ensures.yaml"))
    failures = []
    for name, body in SWEEPS.items():
        path = os.path.join(out_dir, name + ".yaml")
        with open(path, "w") as f:
            f.write(body)
        for threads in ("1", "3"):
            subprocess.run([fupin, "sweep", path, "-o", os.path.join(out_dir, f"{name}_{threads}.h5"), "--threads",
                            threads, "-q"], check=True, stdout=subprocess.DEVNULL)
        if compare_run_files.main([os.path.join(out_dir, f"{name}_1.h5"), os.path.join(out_dir, f"{name}_3.h5")]):
            failures.append(f"{name}: the file depends on the thread count")

    with h5py.File(os.path.join(out_dir, "grid_1.h5"), "r") as f:
        runs = f["runs"]
        if list(runs["point"][()]) != [p for p in range(6) for _ in range(2)]:
            failures.append(f"grid: point column {runs['point'][()]}")
        if list(runs["replicate"][()]) != [0, 1] * 6:
            failures.append(f"grid: replicate column {runs['replicate'][()]}")
        rules = [text(v) for v in runs["programmes.whole_village.allocation.0.rule"][()]]
        if rules != ["poverty_gap", "poverty_gap", "equal", "equal"] * 3:
            failures.append(f"grid: rule column {rules}")
        growth = runs["dynamics.growth"][()]
        if list(growth[::4]) != [0.07, 0.07, 0.03]:
            failures.append(f"grid: growth column {growth}")
        h = runs["headcount_ratio_2010"][()]
        # Points 0 and 2 (growth 0.07 and 7.0e-2, rule poverty_gap) are the same scenario.
        if not (h[0] == h[4] and h[1] == h[5]):
            failures.append(f"grid: same scenario, same replicate, different results: {h}")
        if h[0] == h[1]:
            failures.append("grid: replicates 0 and 1 gave identical results (same seed?)")
        if h[8] == h[0]:
            failures.append("grid: growth 0.03 and 0.07 gave the same headcount")
        if "sensitivity" in f:
            failures.append("grid: sensitivity indices without a design for them")
        if text(f.attrs["history"]) != "fupin sweep " + os.path.join(out_dir, "grid.yaml"):
            failures.append(f"grid: history {f.attrs['history']}")

    with h5py.File(os.path.join(out_dir, "lhs_1.h5"), "r") as f:
        g = f["runs/dynamics.growth"][()]
        strata = sorted(int((v - 0.02) / 0.01) for v in g)
        if strata != [0, 1, 2, 3, 4] or any(abs(v * 1000 - round(v * 1000)) > 1e-9 for v in g):
            failures.append(f"lhs: growth {g} is not one point per stratum rounded to 3 decimals")
        sd = f["runs/dynamics.noise_sd"][()]
        if not np.all(np.abs(sd - 0.15) < 0.1):
            failures.append(f"lhs: noise_sd {sd}")

    with h5py.File(os.path.join(out_dir, "sobol_1.h5"), "r") as f:
        if f["runs/run"].shape != (16,):
            failures.append(f"sobol: {f['runs/run'].shape[0]} runs, expected 4 (2 + 2) = 16")
        s = f["sensitivity/headcount_ratio_2010/sobol"]
        params = [text(v) for v in s["parameter"][()]]
        if params != ["dynamics.growth", "dynamics.illness_probability"]:
            failures.append(f"sobol: parameters {params}")
        for c in ("first", "first_low", "first_high", "total", "total_low", "total_high"):
            if s[c].shape != (2,) or not np.all(np.isfinite(s[c][()])):
                failures.append(f"sobol: {c} {s[c][()]}")
        if not np.all(s["first_low"][()] <= s["first_high"][()]):
            failures.append("sobol: an interval with its ends swapped")

    for name in ("grid", "sobol"):
        out = os.path.join(out_dir, name + "_csv")
        subprocess.run([fupin, "export", os.path.join(out_dir, f"{name}_1.h5"), "--csv", out], check=True,
                       stdout=subprocess.DEVNULL)
        with open(os.path.join(out, "runs.csv"), newline="") as f:
            rows = list(csv.DictReader(f))
        with h5py.File(os.path.join(out_dir, f"{name}_1.h5"), "r") as h:
            for column in ["run", "point", "replicate"] + [text(c) for c in h["runs"].attrs["parameters"]] + \
                    [text(c) for c in h["runs"].attrs["metrics"]]:
                values = h["runs"][column][()]
                for row, v in zip(rows, values):
                    same = row[column] == text(v) if isinstance(v, bytes) else bool(float(row[column]) == v)
                    if not same:
                        failures.append(f"{name} csv: {column} {row[column]} != {v}")
                        break
            if len(rows) != h["runs/run"].shape[0]:
                failures.append(f"{name} csv: {len(rows)} rows")
            sens = os.path.join(out, "sensitivity.csv")
            if name == "sobol":
                with open(sens, newline="") as f:
                    srows = list(csv.DictReader(f))
                # 2 metrics x 2 parameters x 6 values
                if len(srows) != 24 or float(srows[0]["value"]) != h["sensitivity/headcount_ratio_2010/sobol/first"][0]:
                    failures.append(f"sobol csv: sensitivity rows {srows[:2]}")
            elif os.path.exists(sens):
                failures.append("grid csv: a sensitivity table without indices")

    for m in failures:
        print(m)
    print(f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
