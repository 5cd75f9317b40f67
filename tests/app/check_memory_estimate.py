#!/usr/bin/env python3
"""`fupin check`'s memory estimate against the peak a run really takes.

    check_memory_estimate.py FUPIN OUT_DIR SCENARIO [SCENARIO ...]

For each scenario: the estimate `fupin check` prints, and the peak resident set of
`fupin run --threads 2` (GNU time's %M, the process's own accounting). The estimate decides
whether `fupin run` starts at all, so it must be at least the peak (a run it lets start must not
run out of memory for want of a better figure), and at most twice the peak (a run that fits must
not be refused: at 400 bytes a household, the national scenario's estimate was 3.5 times its peak,
and a 16 GB workstation refused a run that needs 6 GB; at 200 bytes a household and 200 a region
and year, 2.1 times its 4.3 GB peak, and an 8 GB workstation refused it).
"""
import os
import re
import subprocess
import sys

UNITS = {"MB": 1e6, "GB": 1e9, "TB": 1e12}
LOWEST, HIGHEST = 1.0, 2.0

failures = []


def estimate_bytes(fupin, scenario):
    p = subprocess.run([fupin, "check", scenario], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"fupin check {scenario} exited {p.returncode}: {p.stdout}{p.stderr}")
    m = re.search(r"memory: `fupin run` needs about ([0-9.]+) (MB|GB|TB)", p.stdout)
    if m is None:
        sys.exit(f"fupin check {scenario} printed no memory estimate: {p.stdout}")
    return float(m.group(1)) * UNITS[m.group(2)]


def peak_bytes(fupin, scenario, out_dir):
    out = os.path.join(out_dir, os.path.basename(scenario) + ".h5")
    p = subprocess.run(["/usr/bin/time", "-f", "peak-kib %M", fupin, "run", scenario, "-q",
                        "--threads", "2", "-o", out], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"fupin run {scenario} exited {p.returncode}: {p.stderr}")
    m = re.search(r"peak-kib (\d+)", p.stderr)
    if m is None:
        sys.exit(f"/usr/bin/time printed no peak for {scenario}: {p.stderr}")
    os.remove(out)
    return int(m.group(1)) * 1024


def main():
    fupin, out_dir, scenarios = sys.argv[1], sys.argv[2], sys.argv[3:]
    os.makedirs(out_dir, exist_ok=True)
    for scenario in scenarios:
        estimate = estimate_bytes(fupin, scenario)
        peak = peak_bytes(fupin, scenario, out_dir)
        ratio = estimate / peak
        print(f"{os.path.basename(scenario)}: estimate {estimate / 1e6:.0f} MB, "
              f"peak {peak / 1e6:.0f} MB, {ratio:.2f} times")
        if not LOWEST <= ratio <= HIGHEST:
            failures.append(f"{scenario}: estimate {estimate / 1e6:.0f} MB is {ratio:.2f} times "
                            f"the peak {peak / 1e6:.0f} MB (allowed {LOWEST} to {HIGHEST})")
    for f in failures:
        print("FAIL:", f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
