#!/usr/bin/env python3
"""Asserts that an interrupted sweep, resumed, writes the same file as an uninterrupted one.

1. The example sweep runs whole (2 threads).
2. The same sweep runs on 1 thread and gets SIGINT once its journal holds 3 runs: it exits 130,
   keeps the journal and writes no sweep file.
3. The journal is cut to 2 runs and half a line (a kill in mid-write).
4. Without --resume the sweep refuses to start over the journal (exit 2).
5. With --resume (2 threads) it runs only the 46 missing runs, removes the journal, and the sweep
   file equals the whole run's bit for bit (all datasets and attributes but /meta@threads).
Usage: check_sweep_resume.py FUPIN SWEEP.yaml OUTPUT_DIR
"""
import os
import shutil
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare_run_files  # noqa: E402


def journal_lines(path):
    try:
        with open(path, "rb") as f:
            return f.read().count(b"\n")
    except FileNotFoundError:
        return 0


def main(fupin, sweep, out_dir):
    shutil.rmtree(out_dir, ignore_errors=True)
    os.makedirs(out_dir)
    whole = os.path.join(out_dir, "whole.h5")
    part = os.path.join(out_dir, "part.h5")
    journal = part + ".journal"
    subprocess.run([fupin, "sweep", sweep, "-o", whole, "--threads", "2", "-q"], check=True, stdout=subprocess.DEVNULL)

    proc = subprocess.Popen([fupin, "sweep", sweep, "-o", part, "--threads", "1", "-q"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    while journal_lines(journal) < 4 and proc.poll() is None:  # the header and 3 runs
        time.sleep(0.002)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate()
    err = err.decode()
    failures = 0
    if proc.returncode != 130:
        print(f"interrupted sweep exited {proc.returncode}, expected 130: {err}")
        return 1
    if os.path.exists(part):
        print("an interrupted sweep wrote its sweep file")
        failures += 1
    with open(journal, "rb") as f:
        lines = f.read().split(b"\n")
    runs = len([line for line in lines[1:] if line])
    print(f"interrupted after {runs} runs: {err.strip()}")
    if runs >= 48:
        print("the sweep was not interrupted before its end")
        return 1
    with open(journal, "wb") as f:
        f.write(b"\n".join(lines[:3]) + b"\n" + lines[3][: len(lines[3]) // 2])

    refused = subprocess.run([fupin, "sweep", sweep, "-o", part, "-q"], capture_output=True, text=True)
    if refused.returncode != 2 or "--resume" not in refused.stderr:
        print(f"a sweep over an existing journal without --resume: exit {refused.returncode}, {refused.stderr}")
        failures += 1

    resumed = subprocess.run([fupin, "sweep", sweep, "-o", part, "--threads", "2", "--resume"], capture_output=True,
                             text=True)
    if resumed.returncode != 0:
        print(f"resume failed ({resumed.returncode}): {resumed.stderr}")
        return 1
    if "resuming: 2 of 48 runs already done" not in resumed.stderr:
        print(f"resume did not keep the 2 complete runs of the journal: {resumed.stderr[:400]}")
        failures += 1
    if os.path.exists(journal):
        print("the journal is left after a complete sweep")
        failures += 1
    failures += compare_run_files.main([whole, part])
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
