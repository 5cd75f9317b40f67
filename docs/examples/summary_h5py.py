#!/usr/bin/python3
"""Print each variant's yearly summary from a fupin run file, with h5py only.

Usage: /usr/bin/python3 summary_h5py.py [RUN.h5]   (Debian's python3-h5py)
The table has the columns `fupin run` prints: year, poverty line, P0, P1, P2, Gini, mean income,
poor households, exits, money disbursed and spent (million yuan).
"""
import sys

import h5py

path = sys.argv[1] if len(sys.argv) > 1 else "run.h5"
with h5py.File(path, "r") as f:
    for variant in f["variants"]:                       # scenario order
        s = f["variants"][variant]["summary"]
        print(f"variant {variant}")
        for i, year in enumerate(s["year"][:]):
            print(f"{year:>6} {s['poverty_line'][i]:>6.0f} {s['headcount_ratio'][i]:>7.4f} "
                  f"{s['fgt1'][i]:>7.4f} {s['fgt2'][i]:>7.4f} {s['gini'][i]:>6.3f} "
                  f"{s['mean_income'][i]:>8.0f} {s['poor_households'][i]:>8} {s['exits'][i]:>7} "
                  f"{s['disbursed_fen'][i] / 100 / 1e6:>10.1f}M {s['spent_fen'][i] / 100 / 1e6:>10.1f}M")
