"""`fupin report` of sweep files in a real browser: each sweep file (e.g. a Sobol sweep and a
Morris sweep with a parameter of named levels) is rendered by headless Chromium; the DOM is
checked against the sweep file read with h5py, the net log shows no request, and a screenshot is
saved.

    check_sweep_report.py FUPIN OUT_DIR SWEEP.h5... --lang en|zh

- Sobol: per metric, one bar per parameter for S1 and ST with the file's value and bootstrap
  interval (data-low / data-high);
- Morris: per metric, bars of mu* and sigma, and a mu*–sigma scatter with one labelled point per
  parameter at (mu*, sigma);
- every metric against every parameter: one point per run (as many as the runs table has rows
  with a finite value), at (the parameter's value, or its level's index; the metric's value);
- the design cards: design points, replicates and runs as in /runs;
- no request (net log), a strict CSP; OUT_DIR/sweep_<design>_<lang>.png screenshots.
Every file must have sensitivity indices (a sobol or morris design).
"""
import argparse
import os
import re
import struct
import sys
from collections import Counter

import h5py
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_report  # noqa: E402  (Chromium, the net log and the DOM parser)

failures = []

def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def text(v):
    return v.decode() if isinstance(v, bytes) else str(v)


def ident(prefix, name):
    return prefix + re.sub(r"[^A-Za-z0-9]", "-", name)


def same(a, b):
    x = float(a)
    return (np.isnan(x) and np.isnan(b)) or x == b


def render(fupin, sweep_file, html_path, lang):
    return check_report.render_offline(fupin, sweep_file, html_path, lang, control=False)


def check_page(dom, path, lang):
    """Checks the page's charts against sweep file `path`; returns the number of points checked."""
    ids = {a.get("id") for _, a, _ in dom.elements if a.get("id")}
    for section in ("design", "sensitivity", "outcomes", "provenance"):
        check(section in ids, f"no section {section}")
    checked = 0
    with h5py.File(path, "r") as f:
        runs = f["runs"]
        n = runs["run"].shape[0]
        cards = {a["data-key"] for tag, a, _ in dom.elements if tag == "div" and "data-key" in a}
        check({"design", "points", "replicates", "runs"} <= cards, f"design cards {cards}")
        parameters = [text(p) for p in runs.attrs["parameters"]]
        metrics = [text(m) for m in runs.attrs["metrics"]]
        for m in metrics:
            y = runs[m][()]
            for p in parameters:
                svg = ident("scatter-", m + "-" + p)
                points = dom.points(svg, "scatter-point")
                finite = int(np.isfinite(y).sum())
                check(len(points) == finite, f"{svg}: {len(points)} points for {finite} runs with a value ({n} runs)")
                values = runs[p][()]
                if values.dtype.kind in "SO":  # named levels: their index in order of first appearance
                    levels = list(dict.fromkeys(text(v) for v in values))
                    x = np.array([levels.index(text(v)) for v in values], dtype=float)
                else:
                    x = values.astype(float)
                want = Counter((float(a), float(b)) for a, b in zip(x, y) if np.isfinite(b))
                got = Counter((float(a["data-x"]), float(a["data-y"])) for a in points)
                check(got == want, f"{svg}: the points are not the runs' (parameter, metric) values")
                checked += len(points)
        if "sensitivity" in f:
            for m, g in f["sensitivity"].items():
                if "sobol" in g:
                    s = g["sobol"]
                    names = [text(v) for v in s["parameter"][()]]
                    bars = {(a["data-series"], a["data-x"]): a for a in dom.points(ident("sobol-", m), "bar")}
                    for kind in ("first", "total"):
                        for i, p in enumerate(names):
                            b = bars.get((kind, p))
                            if check(b is not None, f"sobol {m}: no {kind} bar for {p}"):
                                checked += 1
                                check(same(b["data-y"], s[kind][i]), f"sobol {m} {kind} {p}: {b['data-y']}, file {s[kind][i]}")
                                check(same(b["data-low"], s[kind + "_low"][i]) and same(b["data-high"], s[kind + "_high"][i]),
                                      f"sobol {m} {kind} {p}: interval [{b['data-low']}, {b['data-high']}], file "
                                      f"[{s[kind + '_low'][i]}, {s[kind + '_high'][i]}]")
                if "morris" in g:
                    s = g["morris"]
                    names = [text(v) for v in s["parameter"][()]]
                    bars = {(a["data-series"], a["data-x"]): a for a in dom.points(ident("morris-", m), "bar")}
                    points = {a["data-label"]: a for a in dom.points(ident("morris-scatter-", m), "scatter-point")}
                    for i, p in enumerate(names):
                        for kind in ("mu_star", "sigma"):
                            b = bars.get((kind, p))
                            if check(b is not None, f"morris {m}: no {kind} bar for {p}"):
                                check(same(b["data-y"], s[kind][i]), f"morris {m} {kind} {p}: {b['data-y']}, file {s[kind][i]}")
                        q = points.get(p)
                        if check(q is not None, f"morris {m}: no scatter point for {p}"):
                            checked += 1
                            check(same(q["data-x"], s["mu_star"][i]) and same(q["data-y"], s["sigma"][i]),
                                  f"morris {m} {p}: point ({q['data-x']}, {q['data-y']}), file ({s['mu_star'][i]}, {s['sigma'][i]})")
        else:
            check(False, f"{path}: no sensitivity indices to check")
    return checked


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("fupin")
    parser.add_argument("out_dir")
    parser.add_argument("sweep_files", nargs="+")
    parser.add_argument("--lang", default="en", choices=["en", "zh"])
    args = parser.parse_args()
    out = os.path.abspath(args.out_dir)
    os.makedirs(out, exist_ok=True)
    files = {}
    for path in args.sweep_files:
        with h5py.File(path, "r") as f:
            files[text(f["meta"].attrs["design"])] = path
    total = 0
    for design, path in files.items():
        html = os.path.join(out, f"sweep_{design}_{args.lang}.html")
        png = os.path.join(out, f"sweep_{design}_{args.lang}.png")
        for stale in (html, png):
            if os.path.exists(stale):
                os.remove(stale)
        dom = render(args.fupin, path, html, args.lang)
        total += check_page(dom, path, args.lang)
        with h5py.File(path, "r") as f:
            runs = f["runs"]
            want = {"runs": runs["run"].shape[0], "points": len(set(runs["point"][()].tolist())),
                    "replicates": len(set(runs["replicate"][()].tolist()))}
        page = "".join(dom.text)
        with open(html, encoding="utf-8") as f:
            cards = dict(re.findall(r'data-key="(\w+)"><div class="label">[^<]*</div><div class="value">([^<]*)</div>',
                                    f.read()))
        for key, value in want.items():
            check(cards.get(key) == f"{value:,}", f"{design}: card {key} {cards.get(key)}, file {value}")
        label = "Sensitivity" if args.lang == "en" else "敏感性"
        check(label in page, f"{design}: label {label!r} missing")
        check_report.chromium("file://" + html, f"--screenshot={png}", "--window-size=1100,3600")
        with open(png, "rb") as f:
            header = f.read(24)
        check(header[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", header[16:24]) == (1100, 3600),
              f"{design}: screenshot")
    if failures:
        print("\n".join(failures))
        return 1
    print(f"sweep reports ({', '.join(files)}): {total} bars and points match the files; no request; "
          f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
