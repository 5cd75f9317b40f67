"""The three policy targets of the shipped scenarios, recomputed from the household panel.

Usage: check_targets_with_panel.py FUPIN SCENARIO_DIR WORK_DIR
       check_targets_with_panel.py --scored RUN_FILE...

For each of the Guangdong, three-ensures and Yunnan scenarios, a smaller copy (fewer households
per village, the base document only, no variants) is run with the household panel
(`--households all`). Each policy target is then computed here from the panel alone — incomes,
sizes, registration flags and events, money received by programme, the geography's parent links
and village categories, the townships' selection years — and compared with the scores fupin wrote
under /variants/base/targets. Every target of each file must also be scored in some region.
"""
import math
import pathlib
import re
import subprocess
import sys

import h5py
import numpy as np

FAILURES = []


def check(condition, message):
    if not condition:
        FAILURES.append(message)
        print("FAIL:", message)


def close(a, b):
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def run_small(fupin, scenario, work, households_per_village):
    text = scenario.read_text(encoding="utf-8")
    text = re.sub(r"households_per_village: *\d+", f"households_per_village: {households_per_village}", text)
    text = re.split(r"\n(?:#[^\n]*\n)*variants:", text)[0] + "\n"
    text = re.sub(r"\ncounterfactual: *\S+", "\n", text)  # names a variant, removed with them
    small = work / scenario.name
    small.write_text(text, encoding="utf-8")
    out = work / (scenario.stem + ".h5")
    subprocess.run([fupin, "run", str(small), "-o", str(out), "--households", "all", "--quiet"], check=True)
    return h5py.File(out, "r")


def programme_index(panel, name):
    names = [n.decode() if isinstance(n, bytes) else n for n in panel["programme_name"][()]]
    return names.index(name)


def year_index(panel, year):
    return int(np.flatnonzero(panel["year"][()] == year)[0])


def target(f, name):
    return f["variants/base/targets/" + name]


def every_target_scored(f, label):
    group = f["variants/base/targets"]
    check(len(group) > 0, f"{label}: the run file has no targets")
    for name, t in group.items():
        check(int(np.sum(t["applicable"][()])) > 0, f"{label}: target {name} is scored in no region")


def village_township_county(f):
    village_township = f["geography/village/parent"][()].astype(np.int64)
    township_county = f["geography/township/parent"][()].astype(np.int64)
    return village_township, township_county[village_township]


def guangdong(f):
    """At least 80% of the people of assisted households reach 2,500 yuan (share of people)."""
    panel = f["variants/base/households"]
    y = year_index(panel, 2011)
    p = programme_index(panel, "helper_units")
    assisted = panel["received_fen"][y, :, p] > 0
    size = panel["size"][y, :].astype(np.float64)
    above = panel["income"][y, :] >= 2500
    expected = np.sum(size[assisted] * above[assisted]) / np.sum(size[assisted])
    t = target(f, "assisted_reach_2500")
    got = float(t["value"][0])
    print(f"guangdong assisted_reach_2500: fupin {got:.6f}, panel {expected:.6f} ({int(assisted.sum())} households)")
    check(close(got, expected), f"guangdong: value {got} != panel {expected}")
    check(int(t["population"][0]) == int(assisted.sum()), "guangdong: population size differs")
    check(bool(t["met"][0]) == (expected >= 0.8), "guangdong: met differs")
    check(close(float(t["margin"][0]), expected - 0.8), "guangdong: margin differs")


def three_ensures(f):
    """Every priority village reached by whole_village by the end of 2010, overall and by county."""
    panel = f["variants/base/households"]
    y = year_index(panel, 2010)
    p = programme_index(panel, "whole_village")
    village = panel["village"][()].astype(np.int64)
    n_villages = len(f["geography/village/name"])
    received = panel["received_fen"][y, :, p] > 0
    reached = np.zeros(n_villages, dtype=bool)
    np.logical_or.at(reached, village, received)
    priority = (f["geography/village/priority"][()] & 7) != 0
    expected = reached[priority].sum() / priority.sum()
    t = target(f, "three_ensures_2010")
    got = float(t["value"][0])
    print(f"three ensures: fupin {got:.6f}, panel {expected:.6f} ({int(priority.sum())} priority villages)")
    check(close(got, expected), f"three ensures: value {got} != panel {expected}")
    check(int(t["population"][0]) == int(priority.sum()), "three ensures: population differs")
    check(bool(t["met"][0]) == (expected >= 1), "three ensures: met differs")
    _, county = village_township_county(f)
    t = target(f, "three_ensures_by_county")
    for c in range(len(f["geography/county/name"])):
        mine = priority & (county == c)
        if mine.sum() == 0:
            check(t["applicable"][c] == 0, f"three ensures: county {c} without priority villages is scored")
            continue
        e = reached[mine].sum() / mine.sum()
        check(close(float(t["value"][c]), e), f"three ensures: county {c} value {t['value'][c]} != panel {e}")


def yunnan(f):
    """Each selected township: people of its registered poor households of the selection year still
    poor at the end of selection year + 1, at most 3%."""
    panel = f["variants/base/households"]
    years = panel["year"][()]
    summary = f["variants/base/summary"]
    line = dict(zip(summary["year"][()], summary["poverty_line"][()]))
    cohort = f["variants/base/township_cohort"][()]
    village_township, _ = village_township_county(f)
    township = village_township[panel["village"][()].astype(np.int64)]
    t = target(f, "township_poverty_solved")
    scored = 0
    for k, c in enumerate(cohort):
        due = int(c) + 1
        if c == 0 or due > years[-1]:
            check(t["year"][k] == 0 and t["applicable"][k] == 0, f"yunnan: township {k} should not be scored")
            continue
        ys, yd = year_index(panel, int(c)), year_index(panel, due)
        registered = ((panel["flags"][ys, :] & 1) != 0) | ((panel["events"][ys, :] & 4) != 0)
        members = registered & (township == k)
        check(int(t["year"][k]) == due, f"yunnan: township {k} scored in {t['year'][k]}, not {due}")
        check(int(t["population"][k]) == int(members.sum()), f"yunnan: township {k} population differs")
        if members.sum() == 0:
            check(t["applicable"][k] == 0, f"yunnan: township {k} with no registered households is scored")
            continue
        size = panel["size"][yd, :].astype(np.float64)
        poor = panel["income"][yd, :] < line[due]
        expected = np.sum(size[members] * poor[members]) / np.sum(size[members])
        got = float(t["value"][k])
        check(close(got, expected), f"yunnan: township {k} value {got} != panel {expected}")
        check(bool(t["met"][k]) == (expected <= 0.03), f"yunnan: township {k} met differs")
        scored += 1
    print(f"yunnan township_poverty_solved: {scored} townships checked against the panel")
    check(scored > 0, "yunnan: no township checked")


def main():
    if sys.argv[1] == "--scored":
        # Every target of every variant of the given run files is scored in some region.
        for path in sys.argv[2:]:
            with h5py.File(path, "r") as f:
                for v in f["variants"]:
                    group = f["variants"][v].get("targets")
                    check(group is not None and len(group) > 0, f"{path}: variant {v} has no targets")
                    for name, t in (group or {}).items():
                        check(int(np.sum(t["applicable"][()])) > 0, f"{path}: {v}/{name} is scored in no region")
                        for key in ("metric", "level", "comparison", "threshold", "year", "description"):
                            check(key in t.attrs, f"{path}: {v}/{name} lacks attribute {key}")
        sys.exit(1 if FAILURES else 0)
    fupin, scenarios, work = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    work.mkdir(parents=True, exist_ok=True)
    for stem, check_one, hpv in (("guangdong_plan_to_household", guangdong, 20),
                                 ("three_ensures_villages", three_ensures, 20),
                                 ("yunnan_whole_township", yunnan, 12)):
        with run_small(fupin, scenarios / (stem + ".yaml"), work, hpv) as f:
            every_target_scored(f, stem)
            check_one(f)
    if FAILURES:
        print(f"{len(FAILURES)} failure(s)")
        sys.exit(1)
    print("every policy target agrees with the household panel")


if __name__ == "__main__":
    main()
