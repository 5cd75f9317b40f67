#!/usr/bin/python3
"""Calibrates the national scenario to the NBS figures of 2013-2016 and writes the fit to
bench/national_calibration.json, then regenerates scenarios/china_2014_2020.yaml and its scaled copy.

    nice -n 10 /usr/bin/python3 bench/calibrate_national.py --fupin build/ci/app/fupin \
        [--evaluations 200] [--minutes 45] [--threads 1]
    /usr/bin/python3 bench/calibrate_national.py --report /tmp/national.h5   # a run's table beside NBS

Fitted: the initial income distribution's median and spread (sigma of log income), the yearly
growth and the income noise (dynamics.growth, dynamics.noise_sd). Each evaluation runs fupin on
the scaled copy (4 households a village, budgets scaled alike) cut to 2013-2016, its targeted
variant only. The scenario's people are the poor areas' rural population in miniature
(docs/parameters.md): its mean income is compared with the poor-area income series, and its
headcount ratio, times 8,249 ten-thousand / 0.193 (the national poor of 2013 over the poor areas'
incidence of 2013), with the national headcount. The objective is the sum of squared log errors of
  - the national headcount (people below the line), 2013-2016;
  - the mean income against the poor-area income series, 2013-2016 (level, hence also growth),
each of the eight with weight 1. 2017-2020 are never run here: they are kept for validation.
"""

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time

import h5py

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import national_scenario as ns  # noqa: E402

# NBS: rural poor under the 2010 line, ten-thousand persons; per-capita disposable income of
# rural residents of the poor areas, yuan.
HEADCOUNT = {2013: 8249e4, 2014: 7017e4, 2015: 5575e4, 2016: 4335e4}
POOR_AREA_INCOME = {2013: 6079, 2014: 6852, 2015: 7653, 2016: 8452}
YEARS = sorted(HEADCOUNT)
NAMES = ["median", "sigma", "growth", "noise_sd"]
# NBS national headcount of 2017-2020 (ten-thousand persons x 1e4), for the report only: validation.
VALIDATION_HEADCOUNT = {2017: 3046e4, 2018: 1660e4, 2019: 551e4, 2020: 0}


def national_headcount(ratio):
    """The national rural poor that a headcount ratio of the scenario stands for."""
    return ratio * float(ns.NATIONAL_PER_HEADCOUNT_RATIO)


def to_vector(p):
    return [math.log(p["median"]), math.log(p["sigma"]), p["growth"], math.log(p["noise_sd"])]


def to_parameters(x):
    return {"median": math.exp(x[0]), "sigma": math.exp(x[1]), "growth": x[2], "noise_sd": math.exp(x[3])}


def rounded(p):
    """The parameters as the scenario writes them (so the fit is the one of the written file)."""
    return {"median": round(p["median"], 1), "sigma": round(p["sigma"], 4), "growth": round(p["growth"], 4),
            "noise_sd": round(p["noise_sd"], 4)}


class Model:
    def __init__(self, fupin, workdir, threads):
        self.fupin = fupin
        self.workdir = workdir
        self.threads = threads
        self.evaluations = 0
        self.factor = ns.fund_share(ns.SCALED_HOUSEHOLDS_PER_VILLAGE)
        self.best = None  # (loss, parameters, poor, mean) of the best evaluation so far
        self.on_best = lambda model: None

    def run(self, p):
        """The national headcount and the mean income by year, 2013-2016, of parameters p."""
        self.evaluations += 1
        yaml_path = os.path.join(self.workdir, "national_2013_2016.yaml")
        h5_path = os.path.join(self.workdir, "national_2013_2016.h5")
        with open(yaml_path, "w", encoding="utf-8") as f:
            f.write(ns.scenario_text(p, ns.SCALED_HOUSEHOLDS_PER_VILLAGE, self.factor, last_year=2016, variants=False))
        subprocess.run([self.fupin, "run", yaml_path, "-o", h5_path, "-q", "--threads", str(self.threads)],
                       check=True, stdout=subprocess.DEVNULL)
        with h5py.File(h5_path, "r") as f:
            s = f["variants/base/summary"]
            years = [int(y) for y in s["year"][:]]
            poor = dict(zip(years, (national_headcount(float(v)) for v in s["headcount_ratio"][:])))
            mean = dict(zip(years, (float(v) for v in s["mean_income"][:])))
        return poor, mean

    @staticmethod
    def loss(poor, mean):
        return sum(math.log(poor[y] / HEADCOUNT[y]) ** 2 + math.log(mean[y] / POOR_AREA_INCOME[y]) ** 2
                   for y in YEARS)

    def objective(self, x):
        p = rounded(to_parameters(x))
        if not (0.05 < p["sigma"] < 3 and -0.5 < p["growth"] < 1 and 0.001 < p["noise_sd"] < 2):
            return float("inf")
        poor, mean = self.run(p)
        loss = self.loss(poor, mean)
        print(f"    evaluation {self.evaluations}: loss {loss:.6f} {p}", file=sys.stderr)
        if self.best is None or loss < self.best[0]:
            self.best = (loss, p, poor, mean)
            self.on_best(self)
        return loss


def nelder_mead(f, x0, steps, evaluations, deadline, fatol=2e-5, xatol=1e-3):
    """Minimises f from x0 (a plain Nelder-Mead simplex: reflection, expansion, contraction, shrink).
    Stops when the simplex has converged (its values within fatol of the best and its points within
    xatol of the best in every coordinate), after `evaluations` evaluations, or at `deadline`
    (time.time()). Returns the best point, its value, the evaluations used and whether it converged.
    The objective is a step function of the parameters (rounded as the scenario writes them, and a
    household crosses the line or not): near the optimum, points a rounding step apart differ by
    about 1e-5, so fatol is 2e-5; xatol is 1e-3 in (log median, log sigma, growth, log noise_sd)."""
    points = [list(x0)] + [[x + (s if i == j else 0) for j, x in enumerate(x0)] for i, s in enumerate(steps)]
    values = [f(p) for p in points]
    used = len(points)
    converged = False
    while True:
        order = sorted(range(len(points)), key=lambda i: values[i])
        points = [points[i] for i in order]
        values = [values[i] for i in order]
        spread = values[-1] - values[0]
        size = max(abs(a - b) for p in points[1:] for a, b in zip(p, points[0]))
        print(f"  {used:3d} evaluations, best loss {values[0]:.6f} (simplex: values within {spread:.2e}, "
              f"points within {size:.2e}): {rounded(to_parameters(points[0]))}", file=sys.stderr)
        if spread < fatol and size < xatol:
            converged = True
            break
        if used >= evaluations or time.time() >= deadline:
            break
        n = len(x0)
        centroid = [sum(p[j] for p in points[:-1]) / n for j in range(n)]
        worst = points[-1]
        reflected = [c + (c - w) for c, w in zip(centroid, worst)]
        fr = f(reflected)
        used += 1
        if fr < values[0]:
            expanded = [c + 2 * (c - w) for c, w in zip(centroid, worst)]
            fe = f(expanded)
            used += 1
            points[-1], values[-1] = (expanded, fe) if fe < fr else (reflected, fr)
        elif fr < values[-2]:
            points[-1], values[-1] = reflected, fr
        else:
            contracted = [c + 0.5 * (w - c) for c, w in zip(centroid, worst)]
            fc = f(contracted)
            used += 1
            if fc < values[-1]:
                points[-1], values[-1] = contracted, fc
            else:
                best = points[0]
                for i in range(1, len(points)):
                    points[i] = [b + 0.5 * (p - b) for b, p in zip(best, points[i])]
                    values[i] = f(points[i])
                    used += 1
    return points[0], values[0], used, converged


def write_fit(model, start, converged=None):
    """Writes the best evaluation so far (so that a stopped calibration leaves its best fit)."""
    loss, p, poor, mean = model.best
    fit = [{"year": y, "headcount": round(poor[y]), "nbs_headcount": HEADCOUNT[y], "mean_income": round(mean[y], 1),
            "poor_area_income": POOR_AREA_INCOME[y]} for y in YEARS]
    out = {
        "parameters": p,
        "loss": loss,
        "evaluations": model.evaluations,
        "converged": converged,
        "seconds": round(time.time() - start),
        "fit_2013_2016_scaled_copy": fit,
        "note": "written by bench/calibrate_national.py; headcount = headcount ratio x 8249e4 / 0.193; "
                "2017-2020 not used",
    }
    with open(ns.CALIBRATION, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=2)
        f.write("\n")
    return out


def report(path):
    """Prints a run file's national headcount and mean income by year beside the NBS figures."""
    nbs = {**HEADCOUNT, **VALIDATION_HEADCOUNT}
    with h5py.File(path, "r") as f:
        names = list(f["variants"])
        s = {v: f[f"variants/{v}/summary"] for v in names}
        first = s[names[0]]
        people = float(first["population"][0])
        scale = float(ns.NATIONAL_PER_HEADCOUNT_RATIO) / people
        print(f"people simulated: {people:,.0f}; national poor = headcount ratio x "
              f"{float(ns.NATIONAL_PER_HEADCOUNT_RATIO):,.0f}, i.e. simulated counts x {scale:.4f}")
        print("| year | line | NBS headcount | " + " | ".join(f"{v} | error" for v in names) +
              " | registered households (national, 10k) | mean income | NBS poor-area income | error | Gini |")
        print("|" + " --- |" * (9 + 2 * len(names)))
        for i, y in enumerate(int(y) for y in first["year"][:]):
            row = [str(y), f"{first['poverty_line'][i]:,.0f}", f"{nbs[y] / 1e4:,.0f}" if y in nbs else "—"]
            for v in names:
                h = national_headcount(float(s[v]["headcount_ratio"][i]))
                row.append(f"{h / 1e4:,.0f}")
                row.append(f"{100 * (h / nbs[y] - 1):+.1f}%" if nbs.get(y) else "—")
            m = float(first["mean_income"][i])
            row += [f"{first['registered_households'][i] * scale / 1e4:,.0f}", f"{m:,.0f}",
                    f"{POOR_AREA_INCOME[y]:,}" if y in POOR_AREA_INCOME else "—",
                    f"{100 * (m / POOR_AREA_INCOME[y] - 1):+.1f}%" if y in POOR_AREA_INCOME else "—",
                    f"{first['gini'][i]:.3f}"]
            print("| " + " | ".join(row) + " |")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--fupin", default=os.path.join(ns.ROOT, "build", "release", "app", "fupin"))
    ap.add_argument("--evaluations", type=int, default=60, help="runs of fupin at most (20-60 s each)")
    ap.add_argument("--minutes", type=float, default=45, help="no new simplex step after this much wall time")
    ap.add_argument("--threads", type=int, default=1, help="threads of each run of fupin (0: every core)")
    ap.add_argument("--report", metavar="RUN.h5", help="only print a run file's figures beside NBS's")
    args = ap.parse_args()
    if args.report:
        report(args.report)
        return
    start = time.time()
    with tempfile.TemporaryDirectory(prefix="fupin-calibration-") as workdir:
        model = Model(args.fupin, workdir, args.threads)
        model.on_best = lambda m: write_fit(m, start)
        _, _, _, converged = nelder_mead(model.objective, to_vector(ns.parameters()), [0.10, 0.15, 0.03, 0.4],
                                         args.evaluations, start + 60 * args.minutes)
    out = write_fit(model, start, converged)
    ns.main()
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
