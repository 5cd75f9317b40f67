#!/usr/bin/python3
"""Each variant's yearly summary as one pandas DataFrame indexed by (variant, year).

Usage: /usr/bin/python3 summary_pandas.py [RUN.h5]   (Debian's python3-h5py and python3-pandas)
Only the datasets whose one dimension is `year` become columns; `share_above` (year, threshold)
and `registered_by_cause` (year, cause) are two-dimensional and read separately.
"""
import sys

import h5py
import pandas as pd

path = sys.argv[1] if len(sys.argv) > 1 else "run.h5"
frames = {}
with h5py.File(path, "r") as f:
    for variant in f["variants"]:
        s = f["variants"][variant]["summary"]
        yearly = {name: s[name][:] for name in s if name != "year" and s[name].ndim == 1
                  and s[name].shape == s["year"].shape}
        frames[variant] = pd.DataFrame(yearly, index=pd.Index(s["year"][:], name="year"))
summary = pd.concat(frames, names=["variant"])          # index (variant, year)

for variant, frame in summary.groupby(level="variant", sort=False):
    print(f"variant {variant}")
    for (_, year), row in frame.iterrows():
        print(f"{year:>6} {row.poverty_line:>6.0f} {row.headcount_ratio:>7.4f} {row.fgt1:>7.4f} "
              f"{row.fgt2:>7.4f} {row.gini:>6.3f} {row.mean_income:>8.0f} "
              f"{int(row.poor_households):>8} {int(row.exits):>7} "
              f"{int(row.disbursed_fen) / 100 / 1e6:>10.1f}M {int(row.spent_fen) / 100 / 1e6:>10.1f}M")
