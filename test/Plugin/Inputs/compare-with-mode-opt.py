#!/usr/bin/env python3
"""Checks that the stock mlir-opt with ModePlugin.so prints exactly what
mode-opt prints, byte for byte, on every .mlir file under the given paths.

For each file and each pipeline below, runs mode-opt in its own form (flags
such as --to-eval, or --pass-pipeline) and the stock mlir-opt with
--load-dialect-plugin (which brings the passes too) and the pipeline string,
and compares
exit status, standard output and standard error. Every file is run with
--split-input-file (files without `// -----` are one chunk) and
--allow-unregistered-dialect, so that test files written for either option
parse as they do in their own tests.

Prints one line per file and a summary; exits 1 on any difference, and when
no file was converted by the passes (a comparison of two failures or of two
unchanged files proves nothing about the plugin's passes).
"""

import argparse
import concurrent.futures
import os
import subprocess
import sys

# (name, mode-opt arguments, stock mlir-opt arguments)
PIPELINES = [
    ("print", [], []),
    ("print-generic", ["--mlir-print-op-generic"], ["--mlir-print-op-generic"]),
    ("to-eval", ["--to-eval"], ["--pass-pipeline=builtin.module(to-eval)"]),
    ("to-train", ["--to-train"], ["--pass-pipeline=builtin.module(to-train)"]),
    ("func.func(to-eval)",
     ["--pass-pipeline=builtin.module(func.func(to-eval))"],
     ["--pass-pipeline=builtin.module(func.func(to-eval))"]),
    ("func.func(to-train)",
     ["--pass-pipeline=builtin.module(func.func(to-train))"],
     ["--pass-pipeline=builtin.module(func.func(to-train))"]),
    ("to-eval+debuginfo", ["--to-eval", "--mlir-print-debuginfo"],
     ["--pass-pipeline=builtin.module(to-eval)", "--mlir-print-debuginfo"]),
    ("to-eval,canonicalize,cse", ["--to-eval", "--canonicalize", "--cse"],
     ["--pass-pipeline=builtin.module(to-eval,canonicalize,cse)"]),
    ("to-train,to-eval", ["--to-train", "--to-eval"],
     ["--pass-pipeline=builtin.module(to-train,to-eval)"]),
    ("to-eval{ops=dropout}", ["--to-eval=ops=dropout"],
     ["--pass-pipeline=builtin.module(to-eval{ops=dropout})"]),
    ("func.func(canonicalize,to-eval),cse",
     ["--pass-pipeline=builtin.module(func.func(canonicalize,to-eval),cse)"],
     ["--pass-pipeline=builtin.module(func.func(canonicalize,to-eval),cse)"]),
    ("canonicalize,func.func(to-train),cse",
     ["--pass-pipeline=builtin.module(canonicalize,func.func(to-train),cse)"],
     ["--pass-pipeline=builtin.module(canonicalize,func.func(to-train),cse)"]),
]
COMMON = ["--split-input-file", "--allow-unregistered-dialect"]


def run(cmd):
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return proc.returncode, proc.stdout, proc.stderr


def collect(paths):
    files = []
    for path in paths:
        if os.path.isfile(path):
            files.append(path)
            continue
        for dirpath, dirnames, filenames in os.walk(path):
            dirnames[:] = sorted(d for d in dirnames if d != "Output")
            files.extend(os.path.join(dirpath, f) for f in sorted(filenames)
                         if f.endswith(".mlir"))
    return files


def compare_file(args, path):
    """Returns (differences, succeeded runs, changed by the passes)."""
    plugin = ["--load-dialect-plugin=" + args.plugin]
    differences = []
    succeeded = 0
    outputs = {}
    for name, mode_args, stock_args in PIPELINES:
        mine = run([args.mode_opt] + COMMON + mode_args + [path])
        stock = run([args.mlir_opt] + plugin + COMMON + stock_args + [path])
        if mine != stock:
            what = [part for part, a, b in zip(
                ("exit status", "stdout", "stderr"), mine, stock) if a != b]
            differences.append("%s (%s)" % (name, ", ".join(what)))
        elif mine[0] == 0:
            succeeded += 1
        outputs[name] = mine
    changed = any(outputs[p][0] == 0 and outputs[p][1] != outputs["print"][1]
                  for p in ("to-eval", "to-train"))
    return differences, succeeded, changed


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mode-opt", required=True)
    parser.add_argument("--mlir-opt", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--root", default="",
                        help="prefix to strip from the printed file names")
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args()

    files = collect(args.paths)
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        results = list(pool.map(lambda f: compare_file(args, f), files))

    total_differences = 0
    changed_files = 0
    for path, (differences, succeeded, changed) in zip(files, results):
        shown = os.path.relpath(path, args.root) if args.root else path
        changed_files += changed
        total_differences += len(differences)
        if differences:
            print("DIFFERENT %s: %s" % (shown, "; ".join(differences)))
        else:
            print("IDENTICAL %s: %d/%d pipelines succeed%s" % (
                shown, succeeded, len(PIPELINES),
                ", the passes change it" if changed else ""))
    print("%d files, %d pipelines each, %d changed by the passes, "
          "%d differences" % (len(files), len(PIPELINES), changed_files,
                              total_differences))
    return 1 if total_differences or not changed_files else 0


if __name__ == "__main__":
    sys.exit(main())
