#!/usr/bin/python3
"""Each variant's summary as an xarray Dataset with named dimensions (year, threshold, cause).

Usage: /usr/bin/python3 summary_xarray.py [RUN.h5]
(Debian's python3-xarray and python3-h5netcdf; another python3 on PATH may lack them.)
"""
import sys

import h5py
import xarray as xr

path = sys.argv[1] if len(sys.argv) > 1 else "run.h5"
with h5py.File(path, "r") as f:
    variants = list(f["variants"])                      # scenario order

for variant in variants:
    s = xr.open_dataset(path, group=f"variants/{variant}/summary", engine="h5netcdf")
    # One row per year: keep the variables whose only dimension is year.
    yearly = s[[v for v in s.data_vars if s[v].dims == ("year",)]].to_dataframe()
    print(f"variant {variant}")
    for year, row in yearly.iterrows():
        print(f"{year:>6} {row.poverty_line:>6.0f} {row.headcount_ratio:>7.4f} {row.fgt1:>7.4f} "
              f"{row.fgt2:>7.4f} {row.gini:>6.3f} {row.mean_income:>8.0f} "
              f"{int(row.poor_households):>8} {int(row.exits):>7} "
              f"{int(row.disbursed_fen) / 100 / 1e6:>10.1f}M {int(row.spent_fen) / 100 / 1e6:>10.1f}M")
    s.close()
