"""`fupin report` of a compare file in a real browser: headless Chromium renders the page; its
DOM is checked against the compare file read with h5py, the net log shows no request, and a
screenshot is saved.

    check_compare_report.py FUPIN COMPARE_FILE OUT_DIR --lang en|zh

- for every charted metric (poor people, P0, P1, shares above the thresholds, people lifted, cost
  per person lifted, targets' margins): one point per comparison in the final-year interval chart
  with the file's difference, interval and verdict (filled = distinguishable), and, for yearly
  metrics, one point per comparison and year over time with the year's interval;
- the table of every metric holds each metric's final difference and interval;
- the provenance names the files compared and the replicates' seeds;
- no request (net log, with a control page that does make one), a strict CSP;
- OUT_DIR/compare_<lang>.png is a screenshot of the page.
"""
import argparse
import os
import re
import struct
import sys

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


def charted(name):
    return (name in ("poor_people", "headcount_ratio", "fgt1", "people_lifted", "cost_per_person_lifted")
            or name.startswith("share_above_") or (name.startswith("target_") and name.endswith("_margin")))


def ident(prefix, name):
    return prefix + "-" + re.sub(r"[^A-Za-z0-9]", "-", name)


def same(a, b):
    """Equal numbers, NaN equal to NaN; `a` as the page writes it (shortest round-trip text)."""
    x = float(a)
    return (np.isnan(x) and np.isnan(b)) or x == b


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("fupin")
    parser.add_argument("compare_file")
    parser.add_argument("out_dir")
    parser.add_argument("--lang", default="en", choices=["en", "zh"])
    args = parser.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    html_path = os.path.abspath(os.path.join(args.out_dir, f"compare_{args.lang}.html"))
    png_path = os.path.abspath(os.path.join(args.out_dir, f"compare_{args.lang}.png"))
    for stale in (html_path, png_path):
        if os.path.exists(stale):
            os.remove(stale)
    dom = check_report.render_offline(args.fupin, args.compare_file, html_path, args.lang)
    ids = {a.get("id") for _, a, _ in dom.elements if a.get("id")}
    for section in ("comparisons", "final-year", "over-time", "all-metrics", "provenance"):
        check(section in ids, f"no section {section}")
    rows = [a.get("data-metric") for tag, a, _ in dom.elements if tag == "tr" and "data-metric" in a]
    page_text = "".join(dom.text)

    intervals = lines = 0
    with h5py.File(args.compare_file, "r") as c:
        comparisons = list(c["comparisons"])
        metrics = [m for m in c["comparisons"][comparisons[0]] if isinstance(c["comparisons"][comparisons[0]][m], h5py.Group)]
        check(rows == metrics, f"the table's metrics {rows[:5]}… are not the file's {metrics[:5]}…")
        for name in metrics:
            if not charted(name):
                check(ident("interval", name) not in ids, f"{name} is charted")
                continue
            points = {a["data-series"]: a for a in dom.points(ident("interval", name), "interval-point")}
            over = {(a["data-series"], a["data-x"]): a for a in dom.points(ident("over-time", name), "point")}
            for v in comparisons:
                m = c["comparisons"][v][name]
                d, lo, hi = m["difference"][()], m["lower"][()], m["upper"][()]
                dist = m["distinguishable"][()]
                p = points.get(v)
                if np.isnan(d[-1]):
                    check(p is None, f"{name}: a point for {v}'s NaN difference")
                elif check(p is not None, f"{name}: no interval point for {v}"):
                    intervals += 1
                    check(same(p["data-value"], d[-1]), f"{name} {v}: plotted {p['data-value']}, file {d[-1]}")
                    check(same(p["data-low"], lo[-1]) and same(p["data-high"], hi[-1]),
                          f"{name} {v}: interval [{p['data-low']}, {p['data-high']}], file [{lo[-1]}, {hi[-1]}]")
                    check(p["data-filled"] == str(int(dist[-1])), f"{name} {v}: verdict {p['data-filled']}, file {dist[-1]}")
                years = c["comparisons"][v]["year"][()]
                if not name.startswith("target_") and len(years) >= 2:  # a time course
                    for k, y in enumerate(years):
                        q = over.get((v, str(y)))
                        if np.isnan(d[k]):
                            check(q is None, f"{name} {v} {y}: a point for NaN")
                            continue
                        if check(q is not None, f"{name} {v} {y}: no point over time"):
                            lines += 1
                            check(same(q["data-y"], d[k]) and same(q["data-low"], lo[k]) and same(q["data-high"], hi[k]),
                                  f"{name} {v} {y}: plotted {q['data-y']} [{q['data-low']}, {q['data-high']}], "
                                  f"file {d[k]} [{lo[k]}, {hi[k]}]")
        for v in comparisons:
            g = c["comparisons"][v]
            check(text(g.attrs["file"]) in page_text and text(g.attrs["against_file"]) in page_text,
                  f"{v}: the files compared are not in the provenance")
            check(str(int(g["seed"][0])) in page_text, f"{v}: the seeds are not in the provenance")
        table = {}
        for tag, a, _ in dom.elements:
            if tag == "td" and "data-difference" in a:
                table.setdefault(a["data-comparison"], []).append(a)
        for v in comparisons:
            got = table.get(v, [])
            check(len(got) == len(metrics), f"{v}: {len(got)} table cells for {len(metrics)} metrics")
            for name, a in zip(metrics, got):
                d = c["comparisons"][v][name]["difference"][()]
                check(same(a["data-difference"], d[-1]), f"table {name} {v}: {a['data-difference']}, file {d[-1]}")
    check(intervals > 0 and lines > 0, f"{intervals} interval points, {lines} points over time")
    labels = ("Differences in the final year", "Differences over time") if args.lang == "en" else ("末年差值", "差值随时间变化")
    for label in labels:
        check(label in page_text, f"label {label!r} missing")

    check_report.chromium("file://" + html_path, f"--screenshot={png_path}", "--window-size=1100,3200")
    with open(png_path, "rb") as f:
        header = f.read(24)
    check(header[:8] == b"\x89PNG\r\n\x1a\n", "the screenshot is not a PNG")
    check(struct.unpack(">II", header[16:24]) == (1100, 3200), "screenshot size")
    if failures:
        print("\n".join(failures))
        return 1
    print(f"compare report {html_path}: {intervals} interval points and {lines} points over time match the "
          f"file; no request; screenshot {png_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
