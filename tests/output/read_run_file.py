#!/usr/bin/python3
"""Check a fupin run file the way Python users read it (h5py, xarray + h5netcdf, pandas).

usage: read_run_file.py [--sample] RUN.h5

Asserts the layout of docs/output.md: /meta attributes and scenario text, geography, per variant
the summary opened with xarray (named dimension `year`, and `threshold` for share_above), strings
coming back as str, money exact in int64 fen with yuan companions, a ledger whose flows add up
to its closing balances, and per programme a group opened with xarray (named dimension `year`)
and read into pandas. --sample also checks the values of the hand-built run written by
write_sample_run_file. Exits non-zero with a message on the first failed check.
"""
import argparse
import sys

import h5py
import numpy as np
import pandas as pd
import xarray as xr

SUMMARY_FIELDS = [
    "poverty_line", "population", "households", "poor_people", "poor_households",
    "headcount_ratio", "fgt1", "fgt2", "mean_income", "median_income", "gini",
    "registered_households", "newly_registered", "exits", "returns", "townships_selected",
    "registered_not_poor", "poor_not_registered", "safe_housing_share", "insured_share",
    "schooling_share", "counties_exited",
]
MONEY_FIELDS = ["disbursed", "spent", "idle"]
INT_FIELDS = {"households", "poor_households", "registered_households", "newly_registered",
              "exits", "returns", "townships_selected", "registered_not_poor",
              "poor_not_registered", "counties_exited"}


class CheckFailed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise CheckFailed(message)


def is_utf8_vlen(dataset):
    info = h5py.check_string_dtype(dataset.dtype)
    return info is not None and info.length is None and info.encoding == "utf-8"


def check_units(dataset, path):
    for attr in ("units", "description"):
        check(attr in dataset.attrs, f"{path} has no {attr} attribute")
        check(isinstance(dataset.attrs[attr], str), f"{path}@{attr} is not a str")


def check_meta(f):
    meta = f["meta"]
    for key in ("fupin_version", "scenario_name", "scenario_file", "created_by"):
        check(isinstance(meta.attrs[key], str), f"/meta@{key} is not a str")
    check(meta.attrs["created_by"] == "fupin", "/meta@created_by is not 'fupin'")
    check(meta.attrs["seed"].dtype == np.uint64, "/meta@seed is not uint64")
    check(np.issubdtype(meta.attrs["threads"].dtype, np.integer), "/meta@threads not an integer")
    check(meta.attrs["households"].dtype == np.int64, "/meta@households is not int64")
    scenario = meta["scenario"]
    check(scenario.shape == (), "/meta/scenario is not one scalar string")
    check(is_utf8_vlen(scenario), "/meta/scenario is not a variable-length UTF-8 string")
    check(isinstance(scenario.asstr()[()], str), "/meta/scenario does not read as str")
    check_units(scenario, "/meta/scenario")
    # netCDF-style global attributes, read by xarray as the root dataset's attributes.
    for key in ("Conventions", "title", "source", "history", "references"):
        check(isinstance(f.attrs.get(key), str), f"/@{key} is not a str")
    check(f.attrs["Conventions"] == f"fupin-{meta.attrs['layout_version']}", "/@Conventions names the layout")
    check(f.attrs["title"] == meta.attrs["scenario_name"], "/@title is the scenario name")


def check_geography(f, path):
    geography = f["geography"]
    levels = list(geography.attrs["levels"])
    check(all(isinstance(level, str) for level in levels), "/geography@levels are not str")
    sizes = {}
    for i, level in enumerate(levels):
        group = geography[level]
        check(is_utf8_vlen(group["name"]), f"/geography/{level}/name is not vlen UTF-8")
        check(group["parent"].dtype == np.int32, f"/geography/{level}/parent is not int32")
        ds = xr.open_dataset(path, group=f"geography/{level}", engine="h5netcdf")
        check(ds["name"].dims == (level,), f"geography {level} name dims {ds['name'].dims}")
        names = ds["name"].values
        check(all(isinstance(n, str) for n in names), f"/geography/{level}/name not str in xarray")
        parents = ds["parent"].values
        if i == 0:
            check((parents == -1).all(), f"top level {level} has parents")
        else:
            upper = sizes[levels[i - 1]]
            check(((parents >= -1) & (parents < upper)).all(), f"{level} parent out of range")
        if "province" in group:
            check(is_utf8_vlen(group["province"]), f"/geography/{level}/province is not vlen UTF-8")
            check(ds["province"].dims == (level,), f"geography {level} province dims {ds['province'].dims}")
            check(len(ds["province"].values) == len(names), f"/geography/{level}/province has the wrong length")
        sizes[level] = len(names)
        ds.close()
    return levels, sizes


def check_summary(path, variant, n_thresholds):
    group = f"variants/{variant}/summary"
    ds = xr.open_dataset(path, group=group, engine="h5netcdf")
    check("year" in ds.dims, f"{group}: no dimension 'year' in {dict(ds.sizes)}")
    check("year" in ds.coords, f"{group}: year is not a coordinate")
    check(np.issubdtype(ds["year"].dtype, np.integer), f"{group}: year decoded as {ds['year'].dtype}")
    check(ds.sizes["threshold"] == n_thresholds, f"{group}: threshold size")
    for name in SUMMARY_FIELDS:
        check(ds[name].dims == ("year",), f"{group}/{name} dims {ds[name].dims}")
        want = np.int64 if name in INT_FIELDS else np.float64
        check(ds[name].dtype == want, f"{group}/{name} is {ds[name].dtype}, want {want}")
    for name in MONEY_FIELDS:
        fen = ds[f"{name}_fen"]
        yuan = ds[f"{name}_yuan"]
        check(fen.dtype == np.int64 and yuan.dtype == np.float64, f"{group}/{name} types")
        check(fen.attrs["units"] == "fen" and yuan.attrs["units"] == "yuan", f"{name} units")
        check(np.array_equal(yuan.values, fen.values / 100.0), f"{group}/{name}_yuan != fen / 100")
    check(ds["share_above"].dims == ("year", "threshold"), "share_above dims")
    check(ds["registered_by_cause"].dims == ("year", "cause"), "registered_by_cause dims")
    for name, var in ds.variables.items():
        check(isinstance(var.attrs.get("units"), str), f"{group}/{name} has no units")
        check(isinstance(var.attrs.get("description"), str), f"{group}/{name} no description")
    # pandas: one row per year.
    frame = ds.drop_vars(["share_above", "threshold", "registered_by_cause", "cause", "cause_name"]).to_dataframe()
    check(frame.index.name == "year", "summary frame is not indexed by year")
    check(len(frame) == ds.sizes["year"], "summary frame rows")
    ds.close()
    return frame


def check_ledger(f, path, variant):
    base = f"variants/{variant}/ledger"
    ledger = f[base]
    for name in ("accounts/name", "accounts/kind", "streams"):
        check(is_utf8_vlen(ledger[name]), f"{base}/{name} is not vlen UTF-8")
    accounts = xr.open_dataset(path, group=f"{base}/accounts", engine="h5netcdf")
    check(accounts["name"].dims == ("account",), f"{base}/accounts dims")
    check(all(isinstance(n, str) for n in accounts["name"].values), "account names not str")
    is_source = accounts["is_source"].values.astype(bool)
    accounts.close()

    top = xr.open_dataset(path, group=base, engine="h5netcdf")
    check(top["balances_fen"].dims == ("year", "account"), f"{base}/balances_fen dims")
    check(top["balances_fen"].dtype == np.int64, f"{base}/balances_fen dtype")
    check(top["streams"].dims == ("stream",), f"{base}/streams dims")
    years = top["year"].values
    balances = top["balances_fen"].values
    n_accounts = top.sizes["account"]
    n_streams = top.sizes["stream"]
    top.close()

    flows = xr.open_dataset(path, group=f"{base}/flows", engine="h5netcdf").to_dataframe()
    check(list(flows.columns) == ["year", "stream", "from", "to", "amount_fen"] or
          set(flows.columns) == {"year", "stream", "from", "to", "amount_fen"},
          f"{base}/flows columns {list(flows.columns)}")
    check(flows["amount_fen"].dtype == np.int64, "flows amount_fen dtype")
    check((flows["amount_fen"] > 0).all(), "flows must be positive")
    for column, limit in (("from", n_accounts), ("to", n_accounts), ("stream", n_streams)):
        check(((flows[column] >= 0) & (flows[column] < limit)).all(), f"flows {column} range")
    keys = list(zip(flows["year"], flows["stream"], flows["from"], flows["to"]))
    check(keys == sorted(keys), "flows not in (year, stream, from, to) order")

    # Double entry: closing balances are the running sums of the flows, and sum to zero.
    running = np.zeros(n_accounts, dtype=np.int64)
    for row, year in enumerate(years):
        in_year = flows[flows["year"] == year]
        np.add.at(running, in_year["to"].to_numpy(), in_year["amount_fen"].to_numpy())
        np.subtract.at(running, in_year["from"].to_numpy(), in_year["amount_fen"].to_numpy())
        check(np.array_equal(running, balances[row]), f"{base}: {year} balances != sum of flows")
        check(int(balances[row].sum()) == 0, f"{base}: {year} balances do not sum to zero")
        check((balances[row][~is_source] >= 0).all(), f"{base}: negative non-source balance")
    if len(years) > 0:
        check(flows["year"].isin(years).all(), f"{base}: flows in a year that is not closed")
    return flows


def check_programmes(f, path, variant):
    """Checks every programme group of a variant; returns {programme: pandas frame by year}."""
    base = f"variants/{variant}/programmes"
    check(base in f, f"/{base} is missing")
    frames = {}
    for name, group in f[base].items():
        where = f"/{base}/{name}"
        check(isinstance(group, h5py.Group), f"{where} is not a group")
        attrs = sorted(group.attrs)
        check(attrs == ["kind", "stream"], f"{where} attributes {attrs}, want kind and stream")
        check(all(isinstance(group.attrs[a], str) for a in ("kind", "stream")),
              f"{where}@kind/stream are not str")
        check(group["year"].dtype == np.int32, f"{where}/year is not int32")

        ds = xr.open_dataset(path, group=f"{base}/{name}", engine="h5netcdf")
        check(list(ds.dims) == ["year"], f"{where}: dimensions {dict(ds.sizes)}, want only year")
        check("year" in ds.coords, f"{where}: year is not a coordinate")
        check(np.issubdtype(ds["year"].dtype, np.integer), f"{where}: year is {ds['year'].dtype}")
        check(ds.attrs.get("kind") == group.attrs["kind"], f"{where}: xarray kind attribute")
        for series, var in ds.data_vars.items():
            check(var.dims == ("year",), f"{where}/{series} dims {var.dims}")
            check(isinstance(var.attrs.get("units"), str), f"{where}/{series} has no units")
            check(isinstance(var.attrs.get("description"), str), f"{where}/{series} description")
            if series.endswith("_fen"):
                money = series[:-len("_fen")]
                check(var.dtype == np.int64 and var.attrs["units"] == "fen", f"{where}/{series}")
                yuan = ds[f"{money}_yuan"]
                check(yuan.dtype == np.float64 and yuan.attrs["units"] == "yuan",
                      f"{where}/{money}_yuan")
                check(np.array_equal(yuan.values, var.values / 100.0),
                      f"{where}/{money}_yuan != fen / 100")
            elif series.endswith("_yuan"):
                check(f"{series[:-len('_yuan')]}_fen" in ds, f"{where}/{series} has no _fen")
            else:
                check(var.dtype == np.float64, f"{where}/{series} is {var.dtype}, want float64")
        frame = ds.to_dataframe()  # pandas: one row per year, one column per series
        check(frame.index.name == "year", f"{where}: frame is not indexed by year")
        check(list(frame.columns) == list(ds.data_vars), f"{where}: frame columns")
        check(len(frame) == ds.sizes["year"], f"{where}: frame rows")
        ds.close()

        # The same with h5py and pandas alone (docs/output.md shows this).
        plain = pd.DataFrame({series: group[series][()] for series in group if series != "year"},
                             index=pd.Index(group["year"][()], name="year"))
        check(plain.equals(frame), f"{where}: h5py frame differs from xarray frame")
        frames[name] = frame
    return frames


def check_sample(f, path):
    geo = f["geography"]
    check(list(geo["county/name"].asstr()[()]) == ["孟连县", "澜沧县"], "county names")
    check(f["meta"].attrs["seed"] == np.uint64(18446744073709551557), "seed")
    check("孟连县" in f["meta/scenario"].asstr()[()], "scenario text")
    check(list(f["variants"].keys()) == ["base", "poorest_first", "empty"], "variant order")
    check(f["variants/base"].attrs["description"] == "因素法 factor-based allocation", "description")
    summary = xr.open_dataset(path, group="variants/base/summary", engine="h5netcdf")
    check(list(summary["year"].values) == [2016, 2017, 2018], "years")
    check(int(summary["disbursed_fen"].sel(year=2016)) == 9007199254740993, "fen exact")
    check(list(summary["threshold"].values) == [2300.0, 3000.0, 4000.0], "thresholds")
    summary.close()
    empty = xr.open_dataset(path, group="variants/empty/summary", engine="h5netcdf")
    check(empty.sizes["year"] == 0, "empty variant has years")
    empty.close()
    accounts = f["variants/base/ledger/accounts/name"].asstr()[()]
    check(accounts[1] == "county/孟连县", "account names")
    flows = f["variants/base/ledger/flows/amount_fen"][()]
    check(flows.dtype == np.int64 and flows[0] == 9007199254740993, "flow amount exact")

    for variant in ("base", "poorest_first", "empty"):
        programmes = f[f"variants/{variant}/programmes"]
        check(list(programmes) == ["township_package", "east_west_aid"],
              f"{variant} programme order {list(programmes)}")
    package = xr.open_dataset(path, group="variants/base/programmes/township_package",
                              engine="h5netcdf")
    check(package.attrs["kind"] == "township_package" and package.attrs["stream"] == "special_fund",
          "township_package kind and stream")
    check(list(package.data_vars) == ["allocated_fen", "allocated_yuan", "spent_fen", "spent_yuan",
                                      "townships_selected", "coverage"],
          f"township_package series {list(package.data_vars)}")
    check(list(package["year"].values) == [2016, 2017, 2018], "township_package years")
    check(package["allocated_fen"].values.tolist() ==
          [9007199254740993, 9007199254740995, 9007199254740997], "allocated_fen exact")
    check(int(package["spent_fen"].sel(year=2017)) == -12345, "negative spent_fen")
    check(float(package["spent_yuan"].sel(year=2017)) == -123.45, "spent_yuan")
    check(package["townships_selected"].values.tolist() == [2.0, 3.0, 4.0], "townships_selected")
    check(package["coverage"].values.tolist() == [0.1 + 0.2, 0.1 + 0.2 * 2, 0.1 + 0.2 * 3],
          "coverage exact")
    check(package["coverage"].attrs["units"] == "share", "coverage units")
    check(package["coverage"].attrs["description"].startswith("村 coverage"), "coverage description")
    package.close()
    aid = xr.open_dataset(path, group="variants/poorest_first/programmes/east_west_aid",
                          engine="h5netcdf")
    check(list(aid.data_vars) == ["transferred_fen", "transferred_yuan"], "east_west_aid series")
    check(aid.attrs["kind"] == "east_west_pairing", "east_west_aid kind")
    check(aid["transferred_fen"].values.tolist() ==
          [9223372036854775806, 750000021, 750000021], "transferred_fen exact")
    check(aid["transferred_fen"].attrs["description"].startswith("东西部协作"), "UTF-8 description")
    aid.close()
    empty = xr.open_dataset(path, group="variants/empty/programmes/township_package",
                            engine="h5netcdf")
    check(empty.sizes["year"] == 0 and "coverage" in empty, "empty variant programme")
    empty.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--sample", action="store_true",
                        help="also check the values of write_sample_run_file's run")
    args = parser.parse_args()
    try:
        with h5py.File(args.file, "r") as f:
            check_meta(f)
            _, sizes = check_geography(f, args.file)
            n_thresholds = None
            for variant in f["variants"]:
                group = f["variants"][variant]
                check(isinstance(group.attrs["description"], str), f"{variant} description")
                check(group.attrs["seed"].dtype == np.uint64, f"{variant}@seed is not uint64")
                check(isinstance(group["scenario"].asstr()[()], str), f"{variant}/scenario does not read as str")
                summary = group["summary"]
                if n_thresholds is None:
                    n_thresholds = summary["threshold"].shape[0]
                check_summary(args.file, variant, n_thresholds)
                cohort = group["township_cohort"]
                check(cohort.dtype == np.int32, f"{variant}/township_cohort dtype")
                if "township" in sizes and cohort.shape[0] > 0:
                    check(cohort.shape[0] == sizes["township"], f"{variant}: cohort per township")
                top = xr.open_dataset(args.file, group=f"variants/{variant}", engine="h5netcdf")
                check(top["township_cohort"].dims == ("township",), "township_cohort dims")
                top.close()
                check_ledger(f, args.file, variant)
                check_programmes(f, args.file, variant)

            def every_dataset(name, obj):
                if isinstance(obj, h5py.Dataset):
                    check_units(obj, "/" + name)
            f.visititems(every_dataset)
            if args.sample:
                check_sample(f, args.file)
    except (CheckFailed, KeyError) as e:
        print(f"read_run_file.py: {args.file}: {e}", file=sys.stderr)
        return 1
    print(f"read_run_file.py: {args.file}: ok (h5py {h5py.__version__}, pandas {pd.__version__})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
