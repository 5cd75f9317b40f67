#!/usr/bin/env python3
"""Asserts that a sweep run as shards and merged equals the unsharded sweep, bit for bit.

1. The example sweep (48 runs, Morris) runs whole on 1 thread.
2. It runs again as three shards (--shard 1/3 on 1 thread, 2/3 on 2 threads); shard 3/3 is
   interrupted once its journal holds 2 runs and finished with --resume.
3. `fupin merge` of the shards, given in the order 3, 1, 2, writes a file whose bytes equal the
   whole sweep's (and whose datasets and attributes do: compare_run_files.py).
4. Bad input exits 2 with a message naming the problem and writes nothing: a missing shard, a
   shard given twice, a shard of another sweep, a whole sweep file instead of a shard, an output
   that is one of the shards, and --shard 0/3, 4/3, 2-3 and 49/49 (more shards than runs).
Usage: check_sweep_shards.py FUPIN SWEEP.yaml OUTPUT_DIR
"""
import os
import shutil
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare_run_files  # noqa: E402


def lines(path):
    try:
        with open(path, "rb") as f:
            return f.read().count(b"\n")
    except FileNotFoundError:
        return 0


def main(fupin, sweep, out_dir):
    shutil.rmtree(out_dir, ignore_errors=True)
    os.makedirs(out_dir)
    failures = []
    whole = os.path.join(out_dir, "whole.h5")
    subprocess.run([fupin, "sweep", sweep, "-o", whole, "--threads", "1", "-q"], check=True,
                   stdout=subprocess.DEVNULL)
    shard = [os.path.join(out_dir, f"shard-{i}.h5") for i in (1, 2, 3)]
    first = subprocess.run([fupin, "sweep", sweep, "--shard", "1/3", "-o", shard[0], "--threads", "1"],
                           capture_output=True, text=True)
    if first.returncode != 0:
        print(f"shard 1/3 failed ({first.returncode}): {first.stderr}")
        return 1
    progress = [line for line in first.stderr.splitlines() if " done (point " in line and "ETA" in line]
    if len(progress) != 16:
        failures.append(f"shard 1/3 printed {len(progress)} progress lines with an ETA, expected 16")
    subprocess.run([fupin, "sweep", sweep, "--shard", "2/3", "-o", shard[1], "--threads", "2", "-q"], check=True,
                   stdout=subprocess.DEVNULL)

    journal = shard[2] + ".journal"
    proc = subprocess.Popen([fupin, "sweep", sweep, "--shard", "3/3", "-o", shard[2], "--threads", "1", "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    while lines(journal) < 3 and proc.poll() is None:  # the header and 2 runs
        time.sleep(0.002)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate()
    if proc.returncode != 130 or os.path.exists(shard[2]):
        print(f"interrupted shard 3/3 exited {proc.returncode} (expected 130, no file): {err.decode()}")
        return 1
    if "--shard 3/3 --resume" not in err.decode():
        failures.append(f"the interrupted shard does not say how to resume it: {err.decode()}")
    resumed = subprocess.run([fupin, "sweep", sweep, "--shard", "3/3", "-o", shard[2], "--resume"],
                             capture_output=True, text=True)
    if resumed.returncode != 0 or "resuming: " not in resumed.stderr or " of 16 runs already done" not in resumed.stderr:
        print(f"resumed shard 3/3 ({resumed.returncode}): {resumed.stderr[:600]}")
        return 1

    merged = os.path.join(out_dir, "merged.h5")
    m = subprocess.run([fupin, "merge", "-o", merged, shard[2], shard[0], shard[1]], capture_output=True, text=True)
    if m.returncode != 0:
        print(f"merge failed ({m.returncode}): {m.stderr}")
        return 1
    if "sensitivity of headcount_ratio_2010" not in m.stdout:
        failures.append(f"merge did not print the sensitivity indices: {m.stdout[:400]}")
    with open(whole, "rb") as a, open(merged, "rb") as b:
        if a.read() != b.read():
            failures.append("the merged file's bytes differ from the whole sweep's")
    if compare_run_files.main([whole, merged]):
        failures.append("the merged file's datasets or attributes differ from the whole sweep's")

    # A shard of another sweep: the same sweep with one more comment line.
    other_sweep = os.path.join(out_dir, "other.yaml")
    with open(sweep) as f:
        text = f.read().replace("scenario: ../", "scenario: " + os.path.dirname(os.path.dirname(os.path.abspath(sweep))) + "/")
    with open(other_sweep, "w") as f:
        f.write("# another sweep\n" + text)
    other = os.path.join(out_dir, "other-2.h5")
    subprocess.run([fupin, "sweep", other_sweep, "--shard", "2/3", "-o", other, "-q"], check=True,
                   stdout=subprocess.DEVNULL)

    bad = os.path.join(out_dir, "bad.h5")
    cases = [
        ("a missing shard", [shard[0], shard[2]], "shard 2/3 is missing"),
        ("a shard given twice", [shard[0], shard[1], shard[1], shard[2]], "are both shard 2/3"),
        ("a shard of another sweep", [shard[0], other, shard[2]], f"'{other}' is a shard of another sweep"),
        ("a whole sweep file", [shard[0], whole, shard[2]], "not a fupin sweep --shard file"),
    ]
    for what, files, expected in cases:
        r = subprocess.run([fupin, "merge", "-o", bad, *files], capture_output=True, text=True)
        if r.returncode != 2 or expected not in r.stderr or os.path.exists(bad):
            failures.append(f"merge of {what}: exit {r.returncode}, stderr {r.stderr.strip()!r}")
    r = subprocess.run([fupin, "merge", "-o", shard[1], *shard], capture_output=True, text=True)
    if r.returncode != 2 or "it is the shard file" not in r.stderr:
        failures.append(f"merge over one of its shards: exit {r.returncode}, {r.stderr.strip()!r}")
    for spec, expected in (("0/3", "counted from 1"), ("4/3", "counted from 1"), ("2-3", "expected i/N"),
                           ("49/49", "has 48 runs")):
        r = subprocess.run([fupin, "sweep", sweep, "--shard", spec, "-o", bad, "-q"], capture_output=True, text=True)
        if r.returncode != 2 or expected not in r.stderr or os.path.exists(bad):
            failures.append(f"--shard {spec}: exit {r.returncode}, stderr {r.stderr.strip()!r}")

    for f in failures:
        print(f)
    print(f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
