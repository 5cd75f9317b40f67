#!/usr/bin/python3
"""Runs the Python examples of docs/examples against a fresh run file and asserts that each prints
exactly the yearly summary that `fupin run` printed for every variant.

Usage: check_examples.py FUPIN SCENARIO WORKDIR EXAMPLE.py [EXAMPLE.py ...]
"""
import os
import re
import subprocess
import sys


def summary_rows(text):
    """{variant: [row, ...]} from the per-variant tables of `fupin run` or of an example."""
    tables, current = {}, None
    for line in text.splitlines():
        m = re.match(r"^variant (\S+?)(:.*)?$", line)
        if m:
            current = tables.setdefault(m.group(1), [])
            continue
        if current is not None and re.match(r"^\s+\d{4}\s", line):
            current.append(line.rstrip())
        elif current is not None and line.strip() == "":
            current = None
    return tables


def main():
    fupin, scenario, workdir, examples = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    os.makedirs(workdir, exist_ok=True)
    run_file = os.path.join(workdir, "run.h5")
    run = subprocess.run([fupin, "run", scenario, "-o", run_file, "--quiet"], capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"fupin run failed ({run.returncode}): {run.stderr}")
    expected = summary_rows(run.stdout)
    if not expected or not all(expected.values()):
        sys.exit("no summary table in the output of fupin run:\n" + run.stdout)
    failures = 0
    for example in examples:
        out = subprocess.run([sys.executable, example, "run.h5"], cwd=workdir, capture_output=True, text=True)
        if out.returncode != 0:
            print(f"FAIL {os.path.basename(example)} exited {out.returncode}:\n{out.stderr}")
            failures += 1
            continue
        got = summary_rows(out.stdout)
        if got != expected:
            failures += 1
            print(f"FAIL {os.path.basename(example)} does not print the run's summary")
            for v in expected:
                for a, b in zip(expected[v], got.get(v, [])):
                    if a != b:
                        print(f"  {v}\n    fupin:   {a}\n    example: {b}")
                        break
                if len(expected[v]) != len(got.get(v, [])):
                    print(f"  {v}: {len(expected[v])} years from fupin, {len(got.get(v, []))} from the example")
        else:
            print(f"ok   {os.path.basename(example)}: {sum(map(len, got.values()))} rows in {len(got)} variants")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
