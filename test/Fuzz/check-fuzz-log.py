#!/usr/bin/env python3
"""Checks the log of a mode-fuzz run: what make-corpus.py printed, then what
mode-fuzz printed. Prints one line per check and exits 1 if one fails.

  seeds  mode-fuzz ran on each seed file (`Running: FILE` once per seed, as
         both libFuzzer and the dummy main print it) and reported nothing
  fuzz   a libFuzzer run (-print_final_stats=1) loaded every seed, executed
         RUNS inputs, and found inputs that add coverage

Usage: check-fuzz-log.py seeds LOG
       check-fuzz-log.py fuzz LOG RUNS
"""
import re
import sys


def main():
    mode, log = sys.argv[1], open(sys.argv[2], errors="replace").read()
    seeds = re.search(r"^(\d+) seed inputs written", log, re.M)
    if not seeds:
        sys.exit("no seed count in the log")
    seeds = int(seeds.group(1))
    problems = []
    for marker in ("property violated", "ERROR: AddressSanitizer",
                   "runtime error:", "ERROR: libFuzzer", "deadly signal"):
        if marker in log:
            problems.append("the log reports: " + marker)

    if mode == "seeds":
        ran = set(re.findall(r"^Running: (\S+)", log, re.M))
        check(len(ran) == seeds and seeds > 0,
              "all %d seeds ran" % seeds,
              "%d of %d seeds ran" % (len(ran), seeds), problems)
    else:
        runs = int(sys.argv[3])
        loaded = re.search(r"INFO: seed corpus: files: (\d+)", log)
        check(loaded and int(loaded.group(1)) == seeds,
              "all %d seeds loaded" % seeds,
              "seeds loaded: %s of %d" % (loaded and loaded.group(1), seeds),
              problems)
        units = stat(log, "number_of_executed_units")
        check(units == runs, "%d inputs executed" % runs,
              "%s inputs executed, not %d" % (units, runs), problems)
        inited = re.search(r"#\d+\s+INITED cov: (\d+) ft: (\d+)", log)
        done = re.search(r"#\d+\s+DONE\s+cov: (\d+) ft: (\d+)", log)
        new_units = stat(log, "new_units_added")
        grew = (inited and done and new_units and
                int(done.group(2)) > int(inited.group(2)))
        check(grew, "coverage grew: new inputs found",
              "no coverage gained (INITED %s, DONE %s, %s new units)" % (
                  inited and inited.group(0), done and done.group(0),
                  new_units), problems)
    for problem in problems:
        print("FAILED: " + problem)
    return 1 if problems else 0


def stat(log, name):
    match = re.search(r"^stat::%s:\s+(\d+)" % name, log, re.M)
    return int(match.group(1)) if match else None


def check(ok, passed, failed, problems):
    if ok:
        print(passed)
    else:
        problems.append(failed)


if __name__ == "__main__":
    sys.exit(main())
