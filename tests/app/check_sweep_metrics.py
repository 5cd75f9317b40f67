#!/usr/bin/env python3
"""Checks a sweep's target and region metrics against a plain `fupin run` of the same point.

A two-point sweep of the example scenario keeps a scenario-level target's value, a county-level
target's margin and met_share (means and share over the applicable counties), a county's poor
people in 2010 and a township's mean income over the period. `fupin run` of the same scenario
with each point's `--set` values writes the targets and by_level results its row must equal;
the columns are bit-identical for --threads 1 and 2. Then 17 points over a scenario file too
large for the sweep to keep its checked points (built again for the runs) give the same rows as
over the plain file (kept).
Usage: check_sweep_metrics.py FUPIN OUTPUT_DIR SCENARIO
"""
import os
import shutil
import subprocess
import sys

import h5py
import numpy as np

SWEEP = """scenario: three_ensures.yaml
variant: three_ensures
set: {geography.households_per_village: 10}
design: {kind: grid}
parameters:
  - {path: dynamics.growth, levels: [0.03, 0.05]}
metrics:
  - {target: three_ensures_2010, of: value}
  - {target: three_ensures_by_county, of: margin}
  - {target: three_ensures_by_county, of: met_share}
  - {name: poor_people, level: county, region: YN03, year: 2010}
  - {name: mean_income, level: township, region: YN02-T04, over: period}
"""


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def expected_of(r, must_split):
    """The sweep columns of one point, from a `fupin run` of it."""
    v = r["variants/three_ensures"]
    expected = {}
    t = v["targets/three_ensures_2010"]
    if t.attrs["level"] not in (b"scenario", "scenario"):
        fail("three_ensures_2010 is not a scenario-level target")
    expected["target_three_ensures_2010_value"] = t["value"][0]
    t = v["targets/three_ensures_by_county"]
    ok = t["applicable"][()] == 1
    if ok.sum() == 0:
        fail("no county is scored for three_ensures_by_county")
    expected["target_three_ensures_by_county_margin"] = t["margin"][()][ok].mean()
    expected["target_three_ensures_by_county_met_share"] = (t["met"][()][ok] == 1).mean()
    if must_split and not 0 < expected["target_three_ensures_by_county_met_share"] < 1:
        fail("the point should meet the county target in some counties but not all")
    names = list(v["by_level/county/county_name"].asstr()[()])
    years = list(v["by_level/county/year"][()])
    expected["poor_people_county_YN03_2010"] = \
        v["by_level/county/poor_people"][years.index(2010), names.index("YN03")]
    names = list(v["by_level/township/township_name"].asstr()[()])
    expected["mean_income_township_YN02-T04_period_mean"] = \
        v["by_level/township/mean_income"][:, names.index("YN02-T04")].mean()
    return expected


def main():
    fupin, out, scenario = sys.argv[1:4]
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    shutil.copy(scenario, os.path.join(out, "three_ensures.yaml"))
    sweep = os.path.join(out, "metrics.yaml")
    with open(sweep, "w") as f:
        f.write(SWEEP)
    sweep_h5 = os.path.join(out, "metrics.h5")
    subprocess.run([fupin, "sweep", sweep, "-o", sweep_h5, "-q", "--threads", "1"], check=True)
    sweep2_h5 = os.path.join(out, "metrics_threads_2.h5")
    subprocess.run([fupin, "sweep", sweep, "-o", sweep2_h5, "-q", "--threads", "2"], check=True)
    # Every point's row against a run of that point (a sweep keeps each checked point's scenario
    # for its runs, or loads it again: either way, the row is the point's).
    expected_by_point = []
    for point, growth in enumerate(("0.03", "0.05")):
        run_h5 = os.path.join(out, f"run_{point}.h5")
        subprocess.run([fupin, "run", os.path.join(out, "three_ensures.yaml"), "-o", run_h5,
                        "--set", "geography.households_per_village=10", "--set", f"dynamics.growth={growth}"],
                       check=True, stdout=subprocess.DEVNULL)
        with h5py.File(run_h5) as r:
            expected_by_point.append(expected_of(r, must_split=point == 0))
    expected = expected_by_point[0]
    if expected_by_point[0]["poor_people_county_YN03_2010"] == expected_by_point[1]["poor_people_county_YN03_2010"]:
        fail("the two points' runs have the same poor people in YN03: the probe cannot tell them apart")
    with h5py.File(sweep_h5) as s:
        runs = s["runs"]
        for column in expected:
            if column not in runs:
                fail(f"the sweep file has no column {column}; columns: {sorted(runs)}")
            got = runs[column][()]
            if got.shape != (2,):
                fail(f"{column}: {got.shape[0]} rows, expected 2")
            for point, want in enumerate(e[column] for e in expected_by_point):
                if not np.isclose(got[point], want, rtol=1e-12, atol=0):
                    fail(f"{column}: point {point}: sweep {got[point]!r}, run {want!r}")
            print(f"{column}: {list(got)!r} (runs: {[e[column] for e in expected_by_point]!r})")
        description = runs["target_three_ensures_by_county_met_share"].attrs["description"]
        description = description.decode() if isinstance(description, bytes) else description
        if "three_ensures_by_county" not in description or "share" not in description:
            fail(f"target_three_ensures_by_county_met_share: description {description!r}")
        description = runs["poor_people_county_YN03_2010"].attrs["description"]
        description = description.decode() if isinstance(description, bytes) else description
        if description != "poor_people of county YN03 in 2010":
            fail(f"poor_people_county_YN03_2010: description {description!r}")
    # The same columns, bit for bit, whatever the number of runs at once.
    with h5py.File(sweep_h5) as a, h5py.File(sweep2_h5) as b:
        for column in expected:
            if a["runs"][column][()].tobytes() != b["runs"][column][()].tobytes():
                fail(f"{column} differs between --threads 1 and --threads 2")
    print("sweep target and region metrics equal the run's: 5 columns, the same for 1 and 2 threads")

    # A sweep keeps its checked points' scenarios for the runs only while points x file size is at
    # most 16 MiB; beyond, each point is loaded again for its runs. The same 17 points over the
    # scenario with a 1 MiB comment appended (17 MiB: loaded again) give the same rows.
    padded = os.path.join(out, "three_ensures_padded.yaml")
    with open(scenario) as f, open(padded, "w") as g:
        g.write(f.read())
        g.write("\n" + ("# " + "x" * 1021 + "\n") * 1024)
    if os.path.getsize(padded) * 17 <= 16 << 20:
        fail("the padded scenario is too small to be loaded again")
    levels = ", ".join(f"{0.01 + 0.005 * k:.3f}" for k in range(17))
    rows = {}
    for name in ("three_ensures.yaml", "three_ensures_padded.yaml"):
        path = os.path.join(out, "levels_" + name)
        with open(path, "w") as f:
            f.write(f"""scenario: {name}
variant: three_ensures
set: {{geography.households_per_village: 2}}
design: {{kind: grid}}
parameters:
  - {{path: dynamics.growth, levels: [{levels}]}}
metrics:
  - {{name: headcount_ratio, year: 2010}}
  - {{name: mean_income, over: period}}
""")
        h5 = path[:-5] + ".h5"
        subprocess.run([fupin, "sweep", path, "-o", h5, "-q", "--threads", "2"], check=True, stdout=subprocess.DEVNULL)
        with h5py.File(h5) as f:
            rows[name] = {c: f["runs"][c][()].tobytes() for c in ("headcount_ratio_2010", "mean_income_period_mean")}
            if len(set(f["runs"]["mean_income_period_mean"][()])) != 17:
                fail(f"{name}: the 17 growth levels do not give 17 mean incomes")
    if rows["three_ensures.yaml"] != rows["three_ensures_padded.yaml"]:
        fail("17 points kept from the check and the same points loaded again give different rows")
    print("17 points kept from their check and loaded again give the same rows")


if __name__ == "__main__":
    main()
