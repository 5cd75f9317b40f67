#!/usr/bin/env python3
"""Checks the replicates of a fupin run file and `fupin compare` against recomputations.

Usage:
  check_replicates.py replicates RUN.h5       the replicates group of every variant
  check_replicates.py crn RUN.h5 A B          paired interval of A − B narrower than the unpaired one
  check_replicates.py compare FUPIN RUN.h5 DIR SCENARIO  fupin compare's printed and stored numbers
  check_replicates.py errors FUPIN SCENARIO DIR  bad arguments exit 2 with a clear message
"""
import math
import os
import re
import subprocess
import sys

import h5py
import numpy as np

FAILURES = []


def check(condition, what):
    if not condition:
        FAILURES.append(what)
        print("FAIL:", what)


def t_quantile(p, df):
    """Student's t quantile by bisection on the CDF (Simpson integration of the density)."""
    c = math.exp(math.lgamma((df + 1) / 2) - math.lgamma(df / 2)) / math.sqrt(df * math.pi)

    def cdf(x):
        n = 600
        h = x / n
        f = lambda t: c * (1 + t * t / df) ** (-(df + 1) / 2)
        s = f(0) + f(x) + sum((4 if k % 2 else 2) * f(k * h) for k in range(1, n))
        return 0.5 + s * h / 3

    lo, hi = 0.0, 1000.0
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if cdf(mid) < p else (lo, mid)
    return (lo + hi) / 2


T_CACHE = {}


def t975(df):
    key = round(df, 12)
    if key not in T_CACHE:
        T_CACHE[key] = t_quantile(0.975, df)
    return T_CACHE[key]


def interval(x):
    """Mean and Student-t 95% interval over axis 0."""
    x = np.asarray(x, dtype=float)
    n = x.shape[0]
    mean = x.mean(axis=0)
    if n < 2:
        return mean, np.full_like(mean, np.nan), np.full_like(mean, np.nan)
    half = t975(n - 1) * x.std(axis=0, ddof=1) / math.sqrt(n)
    return mean, mean - half, mean + half


def welch(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    va, vb = a.var(axis=0, ddof=1) / len(a), b.var(axis=0, ddof=1) / len(b)
    se = np.sqrt(va + vb)
    mean = a.mean(axis=0) - b.mean(axis=0)
    lower, upper = np.empty_like(mean), np.empty_like(mean)
    for i in np.ndindex(mean.shape):
        if se[i] == 0 or np.isnan(se[i]):
            lower[i] = upper[i] = mean[i] if se[i] == 0 else np.nan
            continue
        df = (va[i] + vb[i]) ** 2 / (va[i] ** 2 / (len(a) - 1) + vb[i] ** 2 / (len(b) - 1))
        half = t975(df) * se[i]
        lower[i], upper[i] = mean[i] - half, mean[i] + half
    return mean, lower, upper


def close(a, b, rtol=1e-9, atol=1e-9):
    return np.allclose(np.asarray(a, dtype=float), np.asarray(b, dtype=float), rtol=rtol, atol=atol, equal_nan=True)


def check_replicates(path):
    with h5py.File(path, "r") as f:
        check(f["meta"].attrs["layout_version"] == 6, "layout version 6")
        seeds_by_variant = {}
        for name, v in f["variants"].items():
            g = v["replicates"]
            n = int(g.attrs["replicates"])
            seeds = g["seed"][()]
            seeds_by_variant[name] = (int(v.attrs["seed"]), tuple(seeds.tolist()))
            check(n >= 3 and len(seeds) == n, f"{name}: {n} replicates")
            check(int(seeds[0]) == int(v.attrs["seed"]), f"{name}: replicate 0 has the variant's seed")
            check(len(set(seeds.tolist())) == n, f"{name}: replicate seeds are distinct")
            s = v["summary"]
            for metric in ("population", "poor_people", "headcount_ratio", "fgt1", "fgt2", "mean_income", "gini",
                           "exits", "disbursed_yuan", "people_lifted", "cost_per_person_lifted", "share_above"):
                check(np.array_equal(g[metric][0], s[metric][()].astype(float), equal_nan=True),
                      f"{name}: replicate 0 of {metric} is the summary's")
            poor = g["poor_people"][()]
            check(all(not np.array_equal(poor[0], poor[r]) for r in range(1, n)),
                  f"{name}: every replicate's poor_people differs from replicate 0's")
            for ds in list(g):
                if ds in ("replicate", "year", "threshold", "seed", "mean", "lower", "upper", "targets"):
                    continue
                mean, lower, upper = interval(g[ds][()])
                check(close(g["mean"][ds][()], mean), f"{name}: mean/{ds} recomputes")
                check(close(g["lower"][ds][()], lower, rtol=1e-7), f"{name}: lower/{ds} recomputes")
                check(close(g["upper"][ds][()], upper, rtol=1e-7), f"{name}: upper/{ds} recomputes")
            if "targets" in g:
                for t, tg in g["targets"].items():
                    for score in ("margin", "met_share"):
                        mean, lower, upper = interval(tg[score][()])
                        check(close([tg[score].attrs["mean"], tg[score].attrs["lower"], tg[score].attrs["upper"]],
                                    [mean, lower, upper], rtol=1e-7), f"{name}: target {t} {score} interval")
            # The layout opens in xarray with named dimensions (docs/output.md).
            import xarray as xr
            with xr.open_dataset(path, group=f"variants/{name}/replicates", engine="h5netcdf") as r:
                check(r["poor_people"].dims == ("replicate", "year"), f"{name}: replicate dims")
                check(r["share_above"].dims == ("replicate", "year", "threshold"), f"{name}: share_above dims")
            with xr.open_dataset(path, group=f"variants/{name}/replicates/upper", engine="h5netcdf") as u:
                check(u["poor_people"].dims == ("year",), f"{name}: upper/poor_people dims")
        # Common random numbers: variants with the same seed share every replicate's seeds.
        by_seed = {}
        for name, (seed, seeds) in seeds_by_variant.items():
            by_seed.setdefault(seed, set()).add(seeds)
        check(all(len(s) == 1 for s in by_seed.values()), "variants with one seed share their replicate seeds")


def check_crn(path, a, b):
    with h5py.File(path, "r") as f:
        ga, gb = f["variants"][a]["replicates"], f["variants"][b]["replicates"]
        for metric in ("poor_people", "headcount_ratio", "fgt1"):
            x, y = ga[metric][()][:, -1], gb[metric][()][:, -1]
            _, pl, pu = interval(x - y)
            _, ul, uu = welch(x, y)
            print(f"{metric}: {a} − {b}: paired half-width {(pu - pl) / 2:.6g}, unpaired {(uu - ul) / 2:.6g}")
            check(pu - pl < uu - ul, f"{metric}: the paired interval is narrower than the unpaired one")


def parse_printed(stdout):
    """{(variant, against): {metric: (year, difference, lower, upper, verdict)}} from the table."""
    out, current = {}, None
    for line in stdout.splitlines():
        m = re.match(r"^(\S+) − (\S+): ", line)
        if m:
            current = out.setdefault((m.group(1), m.group(2)), {})
            continue
        m = re.match(r"^  (\S+)\s+(\S+)\s+(\S+)\s+(\[(\S+), (\S+)\]|-)\s+(.+)$", line)
        if m and current is not None and m.group(1) != "metric":
            lower = float(m.group(5)) if m.group(5) else math.nan
            upper = float(m.group(6)) if m.group(6) else math.nan
            current[m.group(1)] = (m.group(2), float(m.group(3)), lower, upper, m.group(7))
    return out


def run(args):
    p = subprocess.run(args, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def series(g, metric, thresholds):
    """[replicate, year] values of a compare metric name, or [replicate, 1] for target scores."""
    if metric.startswith("target_"):
        target, score = re.match(r"target_(.+)_(margin|met_share)$", metric).groups()
        return g["targets"][target][score][()][:, None]
    m = re.match(r"share_above_(.+)$", metric)
    if m:
        k = [f"{t:g}" for t in thresholds].index(m.group(1))
        return g["share_above"][()][:, :, k]
    return g[metric][()]


def check_unpaired(fupin, path, scenario, out_dir):
    """Same-named variants of two runs with different seeds: unpaired, Welch's interval."""
    other = os.path.join(out_dir, "other_seed.h5")
    code, _, stderr = run([fupin, "run", scenario, "-o", other, "--seed", "5", "--replicates", "4", "--quiet"])
    check(code == 0, f"a run with another seed ({stderr})")
    out = os.path.join(out_dir, "across.h5")
    code, stdout, stderr = run([fupin, "compare", path, other, "-o", out])
    check(code == 0 and "unpaired (the seeds differ)" in stdout, f"runs with other seeds are unpaired ({stderr})")
    with h5py.File(path, "r") as f, h5py.File(other, "r") as g, h5py.File(out, "r") as c:
        for v in f["variants"]:
            cg = c["comparisons"][v]
            check(cg.attrs["paired"] == 0 and cg.attrs["against_file"] == path, f"{v}: unpaired, against {path}")
            x = g["variants"][v]["replicates"]["poor_people"][()]
            y = f["variants"][v]["replicates"]["poor_people"][()]
            mean, lower, upper = welch(x, y)
            m = cg["poor_people"]
            check(close(m["difference"][()], mean), f"{v}: unpaired difference recomputes")
            check(close(m["lower"][()], lower, rtol=1e-5), f"{v}: Welch lower recomputes")
            check(close(m["upper"][()], upper, rtol=1e-5), f"{v}: Welch upper recomputes")


def check_compare(fupin, path, out_dir, scenario):
    os.makedirs(out_dir, exist_ok=True)
    out = os.path.join(out_dir, "compare.h5")
    code, stdout, stderr = run([fupin, "compare", path, "-o", out])
    check(code == 0, f"fupin compare exits 0 ({code}: {stderr})")
    printed = parse_printed(stdout)
    with h5py.File(path, "r") as f, h5py.File(out, "r") as c:
        check(c["meta"].attrs["kind"] == "compare", "compare file kind")
        variants = list(f["variants"])
        base = variants[0]
        check(sorted(c["comparisons"]) == sorted(variants[1:]), "one comparison per variant but the first")
        thresholds = f["variants"][base]["replicates"]["threshold"][()]
        for v in variants[1:]:
            cg = c["comparisons"][v]
            check(cg.attrs["against"] == base and cg.attrs["paired"] == 1, f"{v}: paired with {base}")
            ga, gb = f["variants"][v]["replicates"], f["variants"][base]["replicates"]
            rows = printed.get((v, base), {})
            check(len(rows) >= 5, f"{v}: the printed table has its rows ({len(rows)})")
            check(np.array_equal(cg["seed"][()], ga["seed"][()]) and np.array_equal(cg["against_seed"][()], gb["seed"][()]),
                  f"{v}: the replicates' seeds")
            for metric in cg:
                if metric in ("year", "seed", "against_seed"):
                    continue
                x, y = series(ga, metric, thresholds), series(gb, metric, thresholds)
                mean, lower, upper = interval(x - y)
                _, ul, uu = welch(x, y)
                m = cg[metric]
                check(close(m["difference"][()], mean), f"{v} {metric}: difference recomputes")
                check(close(m["lower"][()], lower, rtol=1e-7), f"{v} {metric}: lower recomputes")
                check(close(m["upper"][()], upper, rtol=1e-7), f"{v} {metric}: upper recomputes")
                check(close(m["unpaired_lower"][()], ul, rtol=1e-5, atol=1e-6), f"{v} {metric}: unpaired lower")
                check(close(m["unpaired_upper"][()], uu, rtol=1e-5, atol=1e-6), f"{v} {metric}: unpaired upper")
                excludes = ((lower > 0) | (upper < 0)).astype(np.uint8)
                check(np.array_equal(m["distinguishable"][()], excludes), f"{v} {metric}: distinguishable")
                if metric in rows:
                    year, diff, lo, hi, verdict = rows[metric]
                    check(close(diff, mean[-1], rtol=1e-5, atol=1e-12), f"{v} {metric}: printed difference")
                    check(close([lo, hi], [lower[-1], upper[-1]], rtol=1e-5, atol=1e-12),
                          f"{v} {metric}: printed interval")
                    if not math.isnan(lower[-1]) and not (lower[-1] == 0 and upper[-1] == 0):
                        check((verdict == "distinguishable from noise") == bool(excludes[-1]),
                              f"{v} {metric}: printed verdict '{verdict}'")
    # The same file twice: same-named variants, paired, every difference 0.
    code, stdout, _ = run([fupin, "compare", path, path, "-o", os.path.join(out_dir, "self.h5")])
    check(code == 0 and "paired replicates" in stdout, "a file compared with itself is paired")
    with h5py.File(os.path.join(out_dir, "self.h5"), "r") as c:
        d = c["comparisons"][base]["poor_people"]["difference"][()]
        check(np.all(d == 0), "a file compared with itself has no differences")
    check_unpaired(fupin, path, scenario, out_dir)


def expect_bad(args, pattern, what):
    code, _, stderr = run(args)
    check(code == 2, f"{what}: exit 2 (got {code})")
    check(re.search(pattern, stderr) is not None, f"{what}: message matches '{pattern}' (got: {stderr.strip()})")


def check_errors(fupin, scenario, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    out = os.path.join(out_dir, "bad.h5")
    expect_bad([fupin, "run", scenario, "-o", out, "--replicates", "0"], r"--replicates", "--replicates 0")
    expect_bad([fupin, "run", scenario, "-o", out, "--replicates", "1001"], r"--replicates", "--replicates 1001")
    with open(scenario, encoding="utf-8") as f:
        text = f.read()
    bad = os.path.join(out_dir, "bad_replicates.yaml")
    with open(bad, "w", encoding="utf-8") as f:
        f.write(text + "\noutput:\n  replicates: 0\n")
    expect_bad([fupin, "run", bad, "-o", out], r"bad_replicates\.yaml:\d+:\d+.*replicates|bad_replicates\.yaml:\d+:\d+",
               "output.replicates: 0")
    good = os.path.join(out_dir, "three_replicates.yaml")
    with open(good, "w", encoding="utf-8") as f:
        f.write(text + "\noutput:\n  replicates: 3\n")
    code, stdout, _ = run([fupin, "check", good])
    check(code == 0 and "replicates: 3 (replicate 0 with seed" in stdout, "check lists the replicates")
    expect_bad([fupin, "compare", os.path.join(out_dir, "missing.h5")], r"no such file", "compare a missing file")
    expect_bad([fupin, "compare", scenario], r"not an HDF5 file", "compare a YAML file")
    # One replicate: compare runs, and says that no interval can be given.
    one = os.path.join(out_dir, "one.h5")
    code, _, stderr = run([fupin, "run", scenario, "-o", one, "--quiet"])
    check(code == 0, f"a run of one replicate ({stderr})")
    code, stdout, _ = run([fupin, "compare", one])
    check(code == 0 and "no interval can be given" in stdout, "one replicate: no interval can be given")
    expect_bad([fupin, "compare", one, "--against", "nosuch"], r"--against nosuch: .*no such variant; its variants:",
               "compare --against an unknown variant")
    expect_bad([fupin, "compare", one, one, "--against", "x"], r"--against applies to one run file",
               "compare --against with two files")
    expect_bad([fupin, "compare", one, "-o", one], r"refusing to write the compare file to .*: it is the run file",
               "compare -o the run file")
    expect_bad([fupin, "compare", one, "-o", out_dir], r"not a regular file", "compare -o a directory")


def main(argv):
    mode = argv[1]
    if mode == "replicates":
        check_replicates(argv[2])
    elif mode == "crn":
        check_crn(argv[2], argv[3], argv[4])
    elif mode == "compare":
        check_compare(argv[2], argv[3], argv[4], argv[5])
    elif mode == "errors":
        check_errors(argv[2], argv[3], argv[4])
    else:
        raise SystemExit(f"unknown mode {mode}")
    if FAILURES:
        print(f"{len(FAILURES)} check(s) failed")
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
