#!/usr/bin/python3
"""Calibrates the national scenario to the NBS figures of 2013-2016 and writes the fit to
bench/national_calibration.json, then regenerates scenarios/china_2014_2020.yaml and its scaled copy.

    /usr/bin/python3 bench/calibrate_national.py [--fupin build/release/app/fupin] [--evaluations 80]

Fitted: the initial income distribution's median and spread (sigma of log income), the yearly
growth and the income noise (dynamics.growth, dynamics.noise_sd). Each evaluation runs fupin on
the scaled copy (4 households a village, budgets scaled alike) cut to 2013-2016, its targeted
variant only, and scales its poor people back up by 300 / 4. The objective is the sum of squared
log errors of
  - the headcount (people below the line) against the NBS national rural headcount, 2013-2016;
  - the mean income's growth since 2013 against the poor-area income series' (2014-2016).
2017-2020 are never run here: they are kept for validation. docs/parameters.md explains the choice.
"""

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from decimal import Decimal

import h5py

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import national_scenario as ns  # noqa: E402

# NBS: rural poor under the 2010 line, ten-thousand persons; per-capita disposable income of
# rural residents of the poor areas, yuan.
HEADCOUNT = {2013: 8249e4, 2014: 7017e4, 2015: 5575e4, 2016: 4335e4}
POOR_AREA_INCOME = {2013: 6079, 2014: 6852, 2015: 7653, 2016: 8452}
YEARS = sorted(HEADCOUNT)
NAMES = ["median", "sigma", "growth", "noise_sd"]


def to_vector(p):
    return [math.log(p["median"]), math.log(p["sigma"]), p["growth"], math.log(p["noise_sd"])]


def to_parameters(x):
    return {"median": math.exp(x[0]), "sigma": math.exp(x[1]), "growth": x[2], "noise_sd": math.exp(x[3])}


def rounded(p):
    """The parameters as the scenario writes them (so the fit is the one of the written file)."""
    return {"median": round(p["median"], 1), "sigma": round(p["sigma"], 4), "growth": round(p["growth"], 4),
            "noise_sd": round(p["noise_sd"], 4)}


class Model:
    def __init__(self, fupin, workdir):
        self.fupin = fupin
        self.workdir = workdir
        self.evaluations = 0
        self.factor = Decimal(ns.SCALED_HOUSEHOLDS_PER_VILLAGE) / Decimal(ns.HOUSEHOLDS_PER_VILLAGE)
        self.scale_up = ns.HOUSEHOLDS_PER_VILLAGE / ns.SCALED_HOUSEHOLDS_PER_VILLAGE
        self.best = None  # (loss, parameters, poor, mean) of the best evaluation so far
        self.on_best = lambda model: None

    def run(self, p):
        self.evaluations += 1
        yaml_path = os.path.join(self.workdir, "national_2013_2016.yaml")
        h5_path = os.path.join(self.workdir, "national_2013_2016.h5")
        with open(yaml_path, "w", encoding="utf-8") as f:
            f.write(ns.scenario_text(p, ns.SCALED_HOUSEHOLDS_PER_VILLAGE, self.factor, last_year=2016, variants=False))
        subprocess.run([self.fupin, "run", yaml_path, "-o", h5_path, "-q", "--threads", "0"], check=True,
                       stdout=subprocess.DEVNULL)
        with h5py.File(h5_path, "r") as f:
            s = f["variants/base/summary"]
            years = [int(y) for y in s["year"][:]]
            poor = dict(zip(years, (float(v) * self.scale_up for v in s["poor_people"][:])))
            mean = dict(zip(years, (float(v) for v in s["mean_income"][:])))
        return poor, mean

    @staticmethod
    def loss(poor, mean):
        err = sum(math.log(poor[y] / HEADCOUNT[y]) ** 2 for y in YEARS)
        for y in YEARS[1:]:
            err += (math.log(mean[y] / mean[YEARS[0]]) - math.log(POOR_AREA_INCOME[y] / POOR_AREA_INCOME[YEARS[0]])) ** 2
        return err

    def objective(self, x):
        p = rounded(to_parameters(x))
        if not (0.05 < p["sigma"] < 3 and -0.5 < p["growth"] < 1 and 0.001 < p["noise_sd"] < 2):
            return float("inf")
        poor, mean = self.run(p)
        loss = self.loss(poor, mean)
        if self.best is None or loss < self.best[0]:
            self.best = (loss, p, poor, mean)
            self.on_best(self)
        return loss


def nelder_mead(f, x0, steps, evaluations):
    """Minimises f from x0 (a plain Nelder-Mead simplex: reflection, expansion, contraction, shrink)."""
    points = [list(x0)] + [[x + (s if i == j else 0) for j, x in enumerate(x0)] for i, s in enumerate(steps)]
    values = [f(p) for p in points]
    used = len(points)
    while used < evaluations:
        order = sorted(range(len(points)), key=lambda i: values[i])
        points = [points[i] for i in order]
        values = [values[i] for i in order]
        print(f"  {used:3d} evaluations, best loss {values[0]:.6f}: "
              f"{rounded(to_parameters(points[0]))}", file=sys.stderr)
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
    i = min(range(len(points)), key=lambda k: values[k])
    return points[i], values[i], used


def write_fit(model, start):
    """Writes the best evaluation so far (so that a stopped calibration leaves its best fit)."""
    loss, p, poor, mean = model.best
    fit = [{"year": y, "headcount": round(poor[y]), "nbs_headcount": HEADCOUNT[y], "mean_income": round(mean[y], 1),
            "poor_area_income": POOR_AREA_INCOME[y]} for y in YEARS]
    out = {
        "parameters": p,
        "loss": loss,
        "evaluations": model.evaluations,
        "seconds": round(time.time() - start),
        "fit_2013_2016_scaled_copy": fit,
        "note": "written by bench/calibrate_national.py; 2017-2020 not used",
    }
    with open(ns.CALIBRATION, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=2)
        f.write("\n")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--fupin", default=os.path.join(ns.ROOT, "build", "release", "app", "fupin"))
    ap.add_argument("--evaluations", type=int, default=80, help="runs of fupin at most (10-60 s each)")
    args = ap.parse_args()
    start = time.time()
    with tempfile.TemporaryDirectory(prefix="fupin-calibration-") as workdir:
        model = Model(args.fupin, workdir)
        model.on_best = lambda m: write_fit(m, start)
        nelder_mead(model.objective, to_vector(ns.parameters()), [0.10, 0.15, 0.03, 0.4], args.evaluations)
    out = write_fit(model, start)
    ns.main()
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
