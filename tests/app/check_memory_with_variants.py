#!/usr/bin/env python3
"""A run's peak memory does not grow with its variants' results by region.

    check_memory_with_variants.py FUPIN OUT_DIR R1_SCENARIO

`fupin run` writes each variant into the run file as soon as it has run, and a variant's results
by region (every region's yearly series: a fixed cost of the geography, 280 MB a variant in the
national scenario) are not needed after that. The check runs a copy of R1 with many villages of
one household each (51,025 regions, so the results by region dominate) once with one variant and
once with four identical ones, and requires the peak resident set (GNU time's %M) to grow by less
than one variant's results by region (the bytes of its by_level datasets in the run file): it grew
by three variants' worth while every variant's results stayed in memory until the end of the run.
"""
import os
import re
import subprocess
import sys

import h5py

GEOGRAPHY = ["--set", "geography.townships_per_county=40",
             "--set", "geography.villages_per_township=50",
             "--set", "geography.households_per_village=1"]


def scenario_with_variants(r1_text, n, path):
    head = r1_text[:r1_text.index("\nvariants:")]
    variants = "".join(f"  - name: copy{k}\n    description: the same rules, copy {k}\n"
                       for k in range(n))
    with open(path, "w") as f:
        f.write(head + "\nvariants:\n" + variants)


def peak_bytes(fupin, scenario, out):
    p = subprocess.run(["/usr/bin/time", "-f", "peak-kib %M", fupin, "run", scenario, "-q",
                        "--threads", "2", "-o", out] + GEOGRAPHY, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"fupin run {scenario} exited {p.returncode}: {p.stderr}")
    m = re.search(r"peak-kib (\d+)", p.stderr)
    if m is None:
        sys.exit(f"/usr/bin/time printed no peak for {scenario}: {p.stderr}")
    return int(m.group(1)) * 1024


def by_level_bytes(path, variant):
    total = 0

    def add(_, obj):
        nonlocal total
        if isinstance(obj, h5py.Dataset):
            total += obj.size * obj.dtype.itemsize

    with h5py.File(path, "r") as f:
        f[f"/variants/{variant}/by_level"].visititems(add)
    return total


def main():
    fupin, out_dir, r1 = sys.argv[1], sys.argv[2], sys.argv[3]
    os.makedirs(out_dir, exist_ok=True)
    with open(r1) as f:
        text = f.read()
    peaks = {}
    for n in (1, 4):
        scenario = os.path.join(out_dir, f"variants{n}.yaml")
        scenario_with_variants(text, n, scenario)
        peaks[n] = peak_bytes(fupin, scenario, os.path.join(out_dir, f"variants{n}.h5"))
    one_variant = by_level_bytes(os.path.join(out_dir, "variants4.h5"), "copy0")
    growth = peaks[4] - peaks[1]
    print(f"peak with 1 variant {peaks[1] / 1e6:.0f} MB, with 4 {peaks[4] / 1e6:.0f} MB "
          f"(+{growth / 1e6:.0f} MB); one variant's results by region {one_variant / 1e6:.0f} MB")
    for n in (1, 4):
        os.remove(os.path.join(out_dir, f"variants{n}.h5"))
    if one_variant < 50e6:
        sys.exit(f"FAIL: the results by region are only {one_variant / 1e6:.0f} MB a variant, "
                 "too little for the check to tell anything")
    if growth >= one_variant:
        sys.exit(f"FAIL: the peak grew by {growth / 1e6:.0f} MB from 1 to 4 variants, at least one "
                 f"variant's results by region ({one_variant / 1e6:.0f} MB): the results of "
                 "variants already written are held")


if __name__ == "__main__":
    main()
