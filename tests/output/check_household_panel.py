#!/usr/bin/env python3
"""Recomputes the yearly summary from the household panel of a fupin run file.

For every variant and panel year: people, poor people, P0-P2, mean income and its components,
households, registered households, entries, re-entries and exits from the panel equal the
summary's, and households per village equal by_level/village/households.
Usage: check_household_panel.py RUN.h5   (needs h5py and numpy: Debian's /usr/bin/python3)
"""
import sys

import h5py
import numpy as np


def close(a, b, what):
    if not np.isclose(a, b, rtol=1e-9, atol=1e-12):
        raise SystemExit(f"{what}: panel gives {a!r}, the summary {b!r}")


def main(path):
    checked = 0
    with h5py.File(path, "r") as f:
        for name, v in f["variants"].items():
            if "households" not in v:
                raise SystemExit(f"variant {name} has no household panel")
            p = v["households"]
            s = v["summary"]
            summary_years = list(s["year"][()])
            village = p["village"][()]
            for k, year in enumerate(p["year"][()]):
                j = summary_years.index(year)
                where = f"{name} {year}"
                w = p["size"][k].astype(np.float64)
                y = p["income"][k]
                z = s["poverty_line"][j]
                poor = y < z
                gap = np.where(poor, np.minimum(1.0, (z - y) / z), 0.0)
                people = w.sum()
                close(people, s["population"][j], where + " population")
                close((w * poor).sum(), s["poor_people"][j], where + " poor_people")
                close((w * poor).sum() / people, s["headcount_ratio"][j], where + " P0")
                close((w * gap).sum() / people, s["fgt1"][j], where + " P1")
                close((w * gap * gap).sum() / people, s["fgt2"][j], where + " P2")
                close((w * y).sum() / people, s["mean_income"][j], where + " mean_income")
                for c in ("earned", "returns", "wages", "remittances", "transfers", "costs"):
                    close((w * p[c][k]).sum() / people, s["mean_" + c][j], where + " mean_" + c)
                flags, events = p["flags"][k], p["events"][k]
                counts = {
                    "households": len(y),
                    "poor_households": int(poor.sum()),
                    "registered_households": int(((flags & 1) != 0).sum()),
                    "newly_registered": int(((events & 1) != 0).sum()),
                    "returns": int(((events & 2) != 0).sum()),
                    "exits": int(((events & 4) != 0).sum()),
                }
                for key, value in counts.items():
                    if value != s[key][j]:
                        raise SystemExit(f"{where} {key}: panel gives {value}, the summary {s[key][j]}")
                per_village = np.bincount(village, minlength=v["by_level/village/households"].shape[1])
                lj = list(v["by_level/village/year"][()]).index(year)
                if not np.array_equal(per_village, v["by_level/village/households"][lj]):
                    raise SystemExit(f"{where}: households per village differ from by_level/village")
                checked += 1
    if checked == 0:
        raise SystemExit("no panel year checked")
    print(f"household panel matches the summary in {checked} variant-years")


if __name__ == "__main__":
    main(sys.argv[1])
