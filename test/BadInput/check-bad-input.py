#!/usr/bin/env python3
"""Runs every file of the bad-input corpus through mode-opt and the stock
mlir-opt with ModePlugin.so, and checks that each answers with a located
error and nothing else.

Each corpus file starts with a header line

    // EXPECT: LINE:COL: MESSAGE

and every run must:
- exit with status 1 (not 0, not a signal, not another code);
- print `FILE:LINE:COL: error: MESSAGE` as its first error on stderr;
- print nothing on stdout;
- with `-o OUT`, leave no OUT behind (OUT does not exist beforehand).

The runs: no pass (stdout); `--to-eval -o`; `--to-train` nested in
`func.func` through `--pass-pipeline`, `-o`; the stock mlir-opt with the
plugin and `builtin.module(to-eval)`, `-o`. All with
`--allow-unregistered-dialect`, so that the bad op is what is found.

Prints one line per failing run (`FAIL ...`) and a summary line.
"""
import argparse
import concurrent.futures
import os
import re
import subprocess
import sys
import tempfile

HEADER = re.compile(rb"^// EXPECT: (\d+):(\d+): (.*)$")


def runs(args):
    plugin = ["--load-dialect-plugin=" + args.plugin]
    return [
        ("no pass", [args.mode_opt], False),
        ("to-eval", [args.mode_opt, "--to-eval"], True),
        ("nested to-train",
         [args.mode_opt,
          "--pass-pipeline=builtin.module(func.func(to-train))"], True),
        ("plugin to-eval",
         [args.mlir_opt] + plugin + ["--pass-pipeline=builtin.module(to-eval)"],
         True),
    ]


def check_run(path, expected, name, cmd, with_output, tmp):
    """Returns a list of problems with one run."""
    out = os.path.join(tmp, "out.mlir")
    full = cmd + ["--allow-unregistered-dialect", path]
    if with_output:
        full += ["-o", out]
    proc = subprocess.run(full, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    problems = []
    if proc.returncode != 1:
        problems.append("exit status %d" % proc.returncode)
    errors = [line for line in proc.stderr.split(b"\n") if b": error: " in line]
    if not errors:
        problems.append("no error on stderr")
    elif errors[0] != expected:
        problems.append("first error %r, expected %r" % (errors[0], expected))
    if proc.stdout:
        problems.append("%d bytes on stdout" % len(proc.stdout))
    if with_output and os.path.lexists(out):
        problems.append("left %s behind" % out)
    return ["FAIL %s [%s]: %s" % (os.path.basename(path), name, p)
            for p in problems]


def check_file(args, path):
    with open(path, "rb") as f:
        header = f.readline().rstrip(b"\n")
    match = HEADER.match(header)
    if not match:
        return ["FAIL %s: no '// EXPECT: LINE:COL: MESSAGE' header"
                % os.path.basename(path)], 0
    line, col, message = match.groups()
    expected = b"%s:%s:%s: error: %s" % (path.encode(), line, col, message)
    problems = []
    count = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, cmd, with_output in runs(args):
            problems += check_run(path, expected, name, cmd, with_output, tmp)
            count += 1
    return problems, count


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode-opt", required=True)
    parser.add_argument("--mlir-opt", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("corpus")
    args = parser.parse_args()

    paths = sorted(os.path.join(args.corpus, f) for f in os.listdir(args.corpus)
                   if f.endswith(".bad"))
    problems = []
    total = 0
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 2) as pool:
        for found, count in pool.map(lambda p: check_file(args, p), paths):
            problems += found
            total += count
    for problem in problems:
        print(problem)
    print("%d files, %d runs, %d failures" % (len(paths), total, len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
