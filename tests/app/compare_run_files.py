#!/usr/bin/env python3
"""Asserts that fupin run files hold bit-identical datasets and attributes.

The only attribute allowed to differ is /meta@threads (the thread count the run used).
Usage: compare_run_files.py REFERENCE.h5 OTHER.h5 [OTHER.h5 ...]
"""
import sys

import h5py
import numpy as np

ALLOWED_TO_DIFFER = {("/meta", "threads")}
# Dimension-scale bookkeeping holds object references, which h5py cannot compare by value; the
# scales themselves are datasets and are compared.
REFERENCE_ATTRIBUTES = {"DIMENSION_LIST", "REFERENCE_LIST"}


def collect(path):
    datasets, attrs = {}, {}

    def visit(name, obj):
        key = "/" + name
        for a, v in obj.attrs.items():
            if a not in REFERENCE_ATTRIBUTES:
                attrs[(key, a)] = v
        if isinstance(obj, h5py.Dataset):
            datasets[key] = obj[()]

    with h5py.File(path, "r") as f:
        for a, v in f["/"].attrs.items():
            attrs[("/", a)] = v
        f.visititems(visit)
    return datasets, attrs


def same(a, b):
    # Numbers compare by their bits, so a NaN (e.g. an interval bound of one replicate) equals itself.
    if isinstance(a, (np.ndarray, np.generic)) or isinstance(b, (np.ndarray, np.generic)):
        a, b = np.asarray(a), np.asarray(b)
        if a.dtype != b.dtype or a.shape != b.shape:
            return False
        if a.dtype.kind in "fciub":
            return a.tobytes() == b.tobytes()
        return a.tolist() == b.tolist()
    return a == b


def main(paths):
    ref_d, ref_a = collect(paths[0])
    if not ref_d:
        print(f"{paths[0]}: no datasets")
        return 1
    failures = 0
    for other in paths[1:]:
        d, a = collect(other)
        if set(d) != set(ref_d):
            print(f"{other}: dataset names differ: {sorted(set(d) ^ set(ref_d))}")
            failures += 1
        for k in sorted(set(d) & set(ref_d)):
            if not same(ref_d[k], d[k]):
                print(f"{other}: dataset {k} differs from {paths[0]}")
                failures += 1
        for k in sorted(set(a) | set(ref_a)):
            if k in ALLOWED_TO_DIFFER:
                continue
            if k not in a or k not in ref_a or not same(ref_a[k], a[k]):
                print(f"{other}: attribute {k[0]}@{k[1]} differs")
                failures += 1
    print(f"compared {len(ref_d)} datasets in {len(paths)} files: {failures} differences")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
