#!/usr/bin/python3
"""Asserts that the CSV tables of `fupin export` hold exactly the values of the run file.

Usage: check_export.py RUN.h5 CSV_DIR
Every value of every yearly summary dataset, programme series, replicate and ledger flow is compared
(floats must round-trip exactly), and the row counts must match the file.
"""
import csv
import os
import sys

import h5py
import numpy as np


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def scale_name(ds, dim):
    scales = list(ds.dims[dim].values())
    return scales[0].name.rsplit("/", 1)[-1] if scales else ""


def same(value, text):
    if isinstance(value, (float, np.floating)):
        return float(text) == float(value) or (np.isnan(value) and text.lower() == "nan")
    return int(text) == int(value)


def label_of(x):
    """A coordinate as fmt's shortest round-trip format writes it (2300.0 -> "2300")."""
    if isinstance(x, (float, np.floating)):
        r = repr(float(x))
        return r[:-2] if r.endswith(".0") else r
    return str(x)


def yearly(group):
    """(metric, year, value) of every yearly dataset in a group, as the export names them."""
    out = []
    years = group["year"][:]
    for name, ds in group.items():
        if not isinstance(ds, h5py.Dataset) or ds.dtype.kind not in "iuf" or name == "year":
            continue
        if ds.ndim == 0 or scale_name(ds, 0) != "year" or ds.attrs.get("CLASS", b"") == b"DIMENSION_SCALE":
            continue
        if ds.ndim == 1:
            out += [(name, int(years[y]), ds[y]) for y in range(ds.shape[0])]
        elif ds.ndim == 2:
            dim = scale_name(ds, 1)
            coords = group[dim][:] if dim in group else range(ds.shape[1])
            names = group[dim + "_name"].asstr()[:] if dim + "_name" in group else None
            for k in range(ds.shape[1]):
                label = names[k] if names is not None else label_of(coords[k])
                out += [(f"{name}[{dim}={label}]", int(years[y]), ds[y, k]) for y in range(ds.shape[0])]
    return out


def main():
    run_file, directory = sys.argv[1], sys.argv[2]
    errors = []
    with h5py.File(run_file, "r") as f:
        variants = list(f["variants"])
        summary = {(r["variant"], r["metric"], int(r["year"])): r["value"]
                   for r in read(os.path.join(directory, "summary.csv"))}
        expected = [(v, m, y, x) for v in variants for (m, y, x) in yearly(f[f"variants/{v}/summary"])]
        if len(summary) != len(expected):
            errors.append(f"summary.csv has {len(summary)} values, the file {len(expected)}")
        for v, m, y, x in expected:
            if (v, m, y) not in summary or not same(x, summary[(v, m, y)]):
                errors.append(f"summary {v} {m} {y}: file {x}, csv {summary.get((v, m, y))}")
        if "share_above[threshold=" not in " ".join(k[1] for k in summary):
            errors.append("summary.csv lacks share_above by threshold")

        programmes = {(r["variant"], r["programme"], r["metric"], int(r["year"])): r["value"]
                      for r in read(os.path.join(directory, "programmes.csv"))}
        count = 0
        for v in variants:
            for p, g in f[f"variants/{v}/programmes"].items():
                for m, y, x in yearly(g):
                    count += 1
                    if not same(x, programmes.get((v, p, m, y), "nan")):
                        errors.append(f"programme {v} {p} {m} {y}: file {x}, csv {programmes.get((v, p, m, y))}")
        if count != len(programmes):
            errors.append(f"programmes.csv has {len(programmes)} values, the file {count}")

        flows = read(os.path.join(directory, "ledger_flows.csv"))
        k = 0
        for v in variants:
            led = f[f"variants/{v}/ledger"]
            streams = led["streams"].asstr()[:]
            accounts = led["accounts/name"].asstr()[:]
            fl = led["flows"]
            for i in range(fl["amount_fen"].shape[0]):
                row = flows[k] if k < len(flows) else {}
                want = {"variant": v, "year": str(fl["year"][i]), "stream": streams[fl["stream"][i]],
                        "from": accounts[fl["from"][i]], "to": accounts[fl["to"][i]],
                        "amount_fen": str(fl["amount_fen"][i])}
                if row != want:
                    errors.append(f"ledger flow {k}: csv {row}, file {want}")
                    break
                k += 1
        if k != len(flows):
            errors.append(f"ledger_flows.csv has {len(flows)} rows, the file {k}")
        # targets.csv: one row per scored region of every target.
        if any("targets" in f["variants"][v] for v in variants):
            rows = read(os.path.join(directory, "targets.csv"))
            got = {(r["variant"], r["target"], int(r["region"])): r for r in rows}
            k = 0
            for v in variants:
                for name, t in f["variants"][v].get("targets", {}).items():
                    for region in range(t["year"].shape[0]):
                        if t["year"][region] == 0:
                            continue
                        k += 1
                        r = got.get((v, name, region))
                        if r is None:
                            errors.append(f"targets.csv lacks {v} {name} region {region}")
                            continue
                        ok = (r["level"] == t.attrs["level"] and int(r["year"]) == int(t["year"][region])
                              and r["name"] == t["region_name"].asstr()[region]
                              and same(t["value"][region], r["value"]) and same(t["margin"][region], r["margin"])
                              and same(t["met"][region], r["met"])
                              and float(r["threshold"]) == float(t.attrs["threshold"]))
                        if not ok:
                            errors.append(f"targets.csv {v} {name} region {region}: {r}")
            if k != len(rows):
                errors.append(f"targets.csv has {len(rows)} rows, the file {k} scored regions")
        # replicates.csv: every [replicate, year] value of every metric, then the targets' scores.
        if any("replicates" in f["variants"][v] for v in variants):
            rows = read(os.path.join(directory, "replicates.csv"))
            got = {(r["variant"], int(r["replicate"]), r["year"], r["metric"]): r["value"] for r in rows}
            if len(got) != len(rows):
                errors.append("replicates.csv has duplicate rows")
            k = 0
            for v in variants:
                g = f["variants"][v].get("replicates")
                if g is None:
                    continue
                years = g["year"][:]
                for name, ds in g.items():
                    if not isinstance(ds, h5py.Dataset) or ds.ndim < 2 or scale_name(ds, 0) != "replicate":
                        continue
                    columns = [(name, None)] if ds.ndim == 2 else \
                        [(f"{name}[threshold={label_of(t)}]", j) for j, t in enumerate(g["threshold"][:])]
                    for metric, j in columns:
                        for r in range(ds.shape[0]):
                            for y in range(ds.shape[1]):
                                x = ds[r, y] if j is None else ds[r, y, j]
                                k += 1
                                text = got.get((v, r, str(int(years[y])), metric))
                                if text is None or not same(x, text):
                                    errors.append(f"replicates {v} {metric} r{r} {years[y]}: file {x}, csv {text}")
                for t, tg in g.get("targets", {}).items():
                    for score in ("margin", "met_share"):
                        for r, x in enumerate(tg[score][:]):
                            k += 1
                            text = got.get((v, r, "", f"target_{t}_{score}"))
                            if text is None or not same(x, text):
                                errors.append(f"replicates {v} target {t} {score} r{r}: file {x}, csv {text}")
            if k != len(rows):
                errors.append(f"replicates.csv has {len(rows)} rows, the file {k} values")
    for e in errors[:20]:
        print("FAIL", e)
    if not errors:
        print(f"ok: {len(summary)} summary values, {len(programmes)} programme values, {len(flows)} ledger flows")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
