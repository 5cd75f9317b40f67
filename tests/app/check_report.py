"""`fupin report` in a real browser: renders the report of a run file in headless Chromium and
checks the page Chromium built (its DOM), that it fetched nothing, and saves a screenshot.

    check_report.py FUPIN RUN_FILE OUT_DIR --lang en|zh

- the charts are there (svg ids) and their points are the file's numbers: poor people and P1 per
  variant and year, money issued per programme and year, the income distribution (recomputed from
  the household panel, or from share_above), each target's met/missed status;
- the page makes no network request: Chromium's net log (--log-net-log) shows no request made by
  the page (a control page with one remote image proves that such a request would be seen), the
  page carries a Content-Security-Policy with default-src 'none', and holds no http(s) URL;
- OUT_DIR/report_<lang>.png is a screenshot of the page, to look at.
Exit 0 when every check passes; the failures are listed otherwise.
"""
import argparse
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
from html.parser import HTMLParser

import h5py
import numpy as np

CHROMIUM_FLAGS = [
    # Runs as root in a container: no sandbox, no GPU, no /dev/shm (often tiny in containers).
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-sync",
    "--disable-background-networking", "--disable-component-update", "--disable-default-apps",
    "--disable-breakpad", "--hide-scrollbars", "--mute-audio", "--force-device-scale-factor=1",
]

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def chromium(url, *extra, timeout=180):
    """Runs Chromium once with a private profile (and HOME) in a temporary directory."""
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        sys.exit("chromium not found: run `bash scripts/bootstrap.sh`")
    with tempfile.TemporaryDirectory(prefix="fupin-chromium-") as home:
        env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=home, XDG_CACHE_HOME=home)
        command = [exe, *CHROMIUM_FLAGS, f"--user-data-dir={home}/profile", *extra, url]
        for attempt in range(2):  # a browser start can fail transiently on a loaded machine
            result = subprocess.run(command, env=env, capture_output=True, timeout=timeout)
            if result.returncode == 0:
                return result.stdout.decode("utf-8")
        sys.exit(f"chromium failed ({result.returncode}): {' '.join(command)}\n{result.stderr.decode()[-3000:]}")


def page_requests(net_log):
    """URLs of the requests a page made: those with an initiator (the browser's own background
    requests, e.g. component updates, have none: 'not an origin')."""
    with open(net_log) as f:
        log = json.load(f)
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    urls = []
    for event in log["events"]:
        params = event.get("params", {})
        if event["type"] == start and "url" in params and params.get("initiator") != "not an origin":
            urls.append(params["url"])
    return urls


class Dom(HTMLParser):
    """Every element with its attributes, the svg it sits in, and the table rows' classes."""

    def __init__(self):
        super().__init__()
        self.elements = []
        self.svg = None
        self.text = []
        self.metrics = {}  # key-number rows: data-metric -> [cell text, ...]
        self.row = None
        self.in_cell = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "svg":
            self.svg = a.get("id")
        if tag == "tr":
            self.row = a.get("data-metric")
            if self.row:
                self.metrics[self.row] = []
        if tag == "td" and self.row:
            self.metrics[self.row].append("")
            self.in_cell = True
        self.elements.append((tag, a, self.svg))

    def handle_endtag(self, tag):
        if tag == "svg":
            self.svg = None
        if tag == "td":
            self.in_cell = False
        if tag == "tr":
            self.row = None

    def handle_data(self, data):
        self.text.append(data)
        if self.in_cell and self.row:
            self.metrics[self.row][-1] += data

    def points(self, svg, kind):
        return [a for tag, a, s in self.elements if s == svg and a.get("class") == kind]

    def by_id(self, ident):
        return [a for tag, a, s in self.elements if a.get("id") == ident]


def plotted(dom, svg, kind):
    """{(series, x): value} of a chart's points or bars."""
    return {(a["data-series"], a["data-x"]): float(a["data-y"]) for a in dom.points(svg, kind)}


def render_offline(fupin, source, html_path, lang, control=True):
    """Writes `fupin report SOURCE` to html_path and checks that it is self-contained: a strict
    Content-Security-Policy, nothing to fetch in the HTML, and no request in Chromium's network log
    (with `control`, also that the log does see a control page's request). Returns the page's DOM."""
    made = subprocess.run([fupin, "report", source, "-o", html_path, "--lang", lang],
                          capture_output=True, text=True)
    if made.returncode != 0:
        sys.exit(f"fupin report failed ({made.returncode}): {made.stderr}")
    with open(html_path, encoding="utf-8") as f:
        html = f.read()

    # Nothing to fetch, and fetching forbidden.
    check("Content-Security-Policy\" content=\"default-src 'none';" in html, "no strict Content-Security-Policy")
    for needle in ("http://", "https://", "<script", "url(", "@import", " src=", "<link"):
        check(needle not in html, f"{html_path}: the page holds {needle!r}")

    # The browser: its DOM and its network log, then a control page that does fetch something.
    with tempfile.TemporaryDirectory(prefix="fupin-netlog-") as tmp:
        log = os.path.join(tmp, "net.json")
        dom_text = chromium("file://" + html_path, "--dump-dom", f"--log-net-log={log}",
                            "--net-log-capture-mode=Everything")
        requests = page_requests(log)
        check(requests == [], f"{html_path}: the page made requests: {requests}")
        if control:
            page = os.path.join(tmp, "control.html")
            with open(page, "w") as f:
                f.write('<!DOCTYPE html><html><body><img src="http://127.0.0.1:9/probe.png"></body></html>')
            control_log = os.path.join(tmp, "control.json")
            chromium("file://" + page, "--dump-dom", f"--log-net-log={control_log}")
            check("http://127.0.0.1:9/probe.png" in page_requests(control_log),
                  "the net-log check does not see a control page's request")
    dom = Dom()
    dom.feed(dom_text)
    return dom


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("fupin")
    parser.add_argument("run_file")
    parser.add_argument("out_dir")
    parser.add_argument("--lang", default="en", choices=["en", "zh"])
    args = parser.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    html_path = os.path.abspath(os.path.join(args.out_dir, f"report_{args.lang}.html"))
    png_path = os.path.abspath(os.path.join(args.out_dir, f"report_{args.lang}.png"))
    for stale in (html_path, png_path):
        if os.path.exists(stale):
            os.remove(stale)

    dom = render_offline(args.fupin, args.run_file, html_path, args.lang)
    ids = {a.get("id") for _, a, _ in dom.elements if a.get("id")}
    for chart in ("chart-headcount", "chart-fgt1", "chart-money", "chart-income"):
        check(chart in ids, f"no <svg id={chart}> in the DOM")
    for section in ("key-numbers", "poverty", "targets", "money", "income", "regions", "provenance"):
        check(section in ids, f"no section {section}")

    with h5py.File(args.run_file, "r") as f:
        variants = list(f["variants"])
        poor = plotted(dom, "chart-headcount", "point")
        gap = plotted(dom, "chart-fgt1", "point")
        n_points = 0
        for v in variants:
            s = f[f"variants/{v}/summary"]
            for year, p, p1 in zip(s["year"][()], s["poor_people"][()], s["fgt1"][()]):
                n_points += 1
                check(poor.get((v, str(year))) == p, f"poor people {v} {year}: plotted {poor.get((v, str(year)))}, file {p}")
                check(gap.get((v, str(year))) == p1, f"P1 {v} {year}: plotted {gap.get((v, str(year)))}, file {p1}")
        check(len(poor) == n_points, f"{len(poor)} headcount points for {n_points} values")
        # Larger values sit higher: the y coordinates are in the values' order.
        cys = sorted((float(a["data-y"]), -float(a["cy"])) for a in dom.points("chart-headcount", "point"))
        check(all(cys[i][1] <= cys[i + 1][1] + 1e-9 for i in range(len(cys) - 1)), "headcount points out of order")

        first = f[f"variants/{variants[0]}"]
        money = plotted(dom, "chart-money", "bar")
        for p in first["programmes"]:
            g = first["programmes"][p]
            for year, fen in zip(g["year"][()], g["issued_fen"][()]):
                check(money.get((p, str(year))) == fen / 100, f"money {p} {year}: plotted {money.get((p, str(year)))}, file {fen / 100}")

        income_svg = [a for _, a, _ in dom.elements if a.get("id") == "chart-income"]
        income = plotted(dom, "chart-income", "bar")
        if income_svg and income_svg[0].get("data-source") == "household-panel":
            edges = np.array([float(x) for x in income_svg[0]["data-edges"].split()])
            for v in variants:
                hh = f[f"variants/{v}"].get("households")
                if hh is None:
                    continue
                years = list(hh["year"][()])
                for k in ([0, len(years) - 1] if v == variants[0] else [len(years) - 1]):
                    inc, w = hh["income"][k, :], hh["size"][k, :].astype(float)
                    bins = np.clip(np.searchsorted(edges, inc, side="right") - 1, 0, len(edges) - 2)
                    share = np.bincount(bins, weights=w, minlength=len(edges) - 1) / w.sum()
                    got = [val for (series, _), val in income.items() if series == f"{v}@{years[k]}"]
                    check(len(got) == len(share) and np.allclose(sorted(got), sorted(share), rtol=0, atol=1e-12),
                          f"income histogram {v} {years[k]} differs from the panel")
        else:
            check(bool(income_svg) and income_svg[0].get("data-source") == "summary-share-above", "income chart source")
            for v in variants:
                s = f[f"variants/{v}/summary"]
                share = s["share_above"][()]
                for k in ([0, len(share) - 1] if v == variants[0] else [len(share) - 1]):
                    bands = np.concatenate([[1 - share[k, 0]], share[k, :-1] - share[k, 1:], [share[k, -1]]])
                    got = [val for (series, _), val in income.items() if series == f"{v}@{s['year'][k]}"]
                    check(len(got) == len(bands) and np.allclose(sorted(got), sorted(bands), rtol=0, atol=1e-12),
                          f"income bands {v} {s['year'][k]} differ from share_above")

        rows = {(a.get("data-variant"), a.get("data-target")): a.get("class", "").split()[-1]
                for tag, a, _ in dom.elements if tag == "td" and "data-target" in a}
        for v in variants:
            for t, g in f[f"variants/{v}"].get("targets", {}).items():
                applicable, met = g["applicable"][()].astype(bool), g["met"][()].astype(bool)
                expected = "unscored" if not applicable.any() else ("met" if met[applicable].all() else "missed")
                check(rows.get((v, t)) == expected, f"target {v}/{t}: page says {rows.get((v, t))}, file {expected}")
        # Key numbers as printed: whole people and households with thousands separators, money in yuan.
        last_poor = [f"{round(f[f'variants/{v}/summary/poor_people'][-1]):,}" for v in variants]
        check(dom.metrics.get("poor_people_last") == last_poor,
              f"key numbers: poor people {dom.metrics.get('poor_people_last')}, file {last_poor}")
        exits = [f"{int(f[f'variants/{v}/summary/exits'][()].sum()):,}" for v in variants]
        check(dom.metrics.get("exits") == exits, f"key numbers: exits {dom.metrics.get('exits')}, file {exits}")
        disbursed = [f"¥{(int(f[f'variants/{v}/summary/disbursed_fen'][()].sum()) + 50) // 100:,}" for v in variants]
        check(dom.metrics.get("disbursed") == disbursed,
              f"key numbers: disbursed {dom.metrics.get('disbursed')}, file {disbursed}")
        key_table = [a["data-variant"] for tag, a, _ in dom.elements if tag == "th" and "data-variant" in a]
        check(key_table[:len(variants)] == variants, f"key-number columns {key_table}, variants {variants}")

    text = "".join(dom.text)
    for label in (("Key numbers", "Poverty over time", "Targets") if args.lang == "en" else ("关键数字", "贫困变化", "目标")):
        check(label in text, f"label {label!r} missing")

    chromium("file://" + html_path, f"--screenshot={png_path}", "--window-size=1100,6400")
    with open(png_path, "rb") as f:
        header = f.read(24)
    check(header[:8] == b"\x89PNG\r\n\x1a\n", "the screenshot is not a PNG")
    width, height = struct.unpack(">II", header[16:24])
    check((width, height) == (1100, 6400), f"screenshot is {width}x{height}")

    if failures:
        print("\n".join(failures))
        return 1
    print(f"report {html_path}: {len(poor)} headcount points, {len(money)} money bars, {len(income)} income bars "
          f"match the file; no request; screenshot {png_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
