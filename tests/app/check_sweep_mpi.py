#!/usr/bin/env python3
"""Asserts that `mpirun -np 2 fupin sweep` writes the same file as one process, bit for bit.

1. The example sweep (48 runs) runs in one process on 1 thread.
2. It runs under `mpirun -np 2` (1 thread per rank): rank 0 says it runs on 2 MPI ranks, prints
   one progress line with an ETA per run (48, none from rank 1), removes its journal and writes
   a file whose bytes equal the one-process file's.
3. A shard (--shard 2/3) under `mpirun -np 2` equals the same shard run in one process.
4. `mpirun -np 2` interrupted (SIGINT to mpirun, which passes a signal to the ranks) once the
   journal holds 3 runs: rank 0 says "interrupted by" the signal, keeps the journal and writes no
   file; `mpirun -np 2 ... --resume` finishes the sweep with a file equal to the one-process file.
   This step runs the sweep with 60 households a village instead of 5 (a few seconds of runs):
   the example's 48 runs take under half a second, less than mpirun takes to pass the signal on,
   so the sweep would finish before the signal reached it. On a loaded machine the signal may
   still reach the ranks only after the last run, while rank 0
   writes the file: the message then says so ("interrupted by SIGINT while writing"), and the
   same holds.
As root, Open MPI needs OMPI_ALLOW_RUN_AS_ROOT(_CONFIRM); --oversubscribe lets 2 ranks run on a
machine with fewer free slots.
Usage: check_sweep_mpi.py MPIEXEC FUPIN SWEEP.yaml OUTPUT_DIR
"""
import os
import shutil
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare_run_files  # noqa: E402


def same_bytes(a, b):
    with open(a, "rb") as x, open(b, "rb") as y:
        return x.read() == y.read()


def main(mpiexec, fupin, sweep, out_dir):
    shutil.rmtree(out_dir, ignore_errors=True)
    os.makedirs(out_dir)
    env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
               OMPI_MCA_btl_vader_single_copy_mechanism="none")
    mpirun = [mpiexec, "--oversubscribe", "-np", "2"]
    failures = []
    one = os.path.join(out_dir, "one.h5")
    subprocess.run([fupin, "sweep", sweep, "-o", one, "--threads", "1", "-q"], check=True, stdout=subprocess.DEVNULL)
    mpi = os.path.join(out_dir, "mpi.h5")
    r = subprocess.run([*mpirun, fupin, "sweep", sweep, "-o", mpi, "--threads", "1"], capture_output=True, text=True,
                       env=env)
    if r.returncode != 0:
        print(f"mpirun failed ({r.returncode}): {r.stdout}\n{r.stderr}")
        return 1
    if "on each of 2 MPI ranks" not in r.stderr:
        failures.append(f"the sweep under mpirun did not run on 2 ranks: {r.stderr[:400]}")
    progress = [line for line in r.stderr.splitlines() if " done (point " in line and "ETA" in line]
    if len(progress) != 48:
        failures.append(f"{len(progress)} progress lines with an ETA, expected 48 (rank 0's only)")
    if r.stdout.count("sensitivity of headcount_ratio_2010") != 1:
        failures.append(f"the indices were not printed once (by rank 0): {r.stdout[:400]}")
    if os.path.exists(mpi + ".journal"):
        failures.append("the journal is left after a complete sweep")
    if not same_bytes(one, mpi):
        failures.append("the file of mpirun -np 2 differs from the one-process file")
    if compare_run_files.main([one, mpi]):
        failures.append("datasets or attributes differ")

    shard_one = os.path.join(out_dir, "shard-one.h5")
    shard_mpi = os.path.join(out_dir, "shard-mpi.h5")
    subprocess.run([fupin, "sweep", sweep, "--shard", "2/3", "-o", shard_one, "--threads", "1", "-q"], check=True,
                   stdout=subprocess.DEVNULL)
    r = subprocess.run([*mpirun, fupin, "sweep", sweep, "--shard", "2/3", "-o", shard_mpi, "--threads", "1", "-q"],
                       capture_output=True, text=True, env=env)
    if r.returncode != 0 or not same_bytes(shard_one, shard_mpi):
        failures.append(f"shard 2/3 under mpirun ({r.returncode}) differs from one process: {r.stderr[:400]}")

    # The same sweep, slower: its scenario by absolute path, 60 households a village.
    with open(sweep, encoding="utf-8") as f:
        text = f.read()
    slow_text = text.replace("households_per_village: 5\n", "households_per_village: 60\n")
    scenario_line = next(line for line in text.splitlines() if line.startswith("scenario: "))
    scenario = os.path.join(os.path.dirname(os.path.abspath(sweep)), scenario_line.split(": ", 1)[1])
    slow_text = slow_text.replace(scenario_line, f"scenario: {scenario}")
    if slow_text.count("households_per_village: 60\n") != 1:
        print(f"{sweep} no longer sets households_per_village: 5; update this test")
        return 1
    slow = os.path.join(out_dir, "slow.yaml")
    with open(slow, "w", encoding="utf-8") as f:
        f.write(slow_text)
    slow_one = os.path.join(out_dir, "slow-one.h5")
    subprocess.run([fupin, "sweep", slow, "-o", slow_one, "--threads", "1", "-q"], check=True,
                   stdout=subprocess.DEVNULL)

    part = os.path.join(out_dir, "part.h5")
    journal = part + ".journal"
    proc = subprocess.Popen([*mpirun, fupin, "sweep", slow, "-o", part, "--threads", "1", "-q"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    while proc.poll() is None:
        if os.path.exists(journal):
            with open(journal, "rb") as f:
                if f.read().count(b"\n") >= 4:  # the header and 3 runs
                    break
        time.sleep(0.002)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate()
    err = err.decode()
    if proc.returncode == 0 or "interrupted by" not in err or os.path.exists(part) or not os.path.exists(journal):
        failures.append(f"interrupted mpirun: exit {proc.returncode}, file {os.path.exists(part)}, "
                        f"journal {os.path.exists(journal)}: {err[:600]}")
    else:
        r = subprocess.run([*mpirun, fupin, "sweep", slow, "-o", part, "--threads", "1", "--resume"],
                           capture_output=True, text=True, env=env)
        if r.returncode != 0 or "resuming: " not in r.stderr:
            failures.append(f"mpirun --resume ({r.returncode}): {r.stderr[:600]}")
        elif not same_bytes(slow_one, part) or os.path.exists(journal):
            failures.append("the file of an interrupted and resumed mpirun differs from the one-process file")

    for f in failures:
        print(f)
    print(f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
