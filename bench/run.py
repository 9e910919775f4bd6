#!/usr/bin/env python3
"""Measures the mode passes end to end, file to file, against their limit.

The limit of a file-to-file tool is the cost of reading, verifying and
writing the IR: `mode-opt` with no pass. For each module size (N ops over K
functions, see gen.py) this runs, interleaved run by run after a warm-up:

  none       mode-opt FILE                          (training form: the limit)
  to-eval    mode-opt --to-eval FILE                (training form)
  to-eval-nv mode-opt --to-eval --verify-each=false (training form: the pass
                                                     without the verifier run
                                                     after it)
  plugin     mlir-opt + ModePlugin.so, to-eval      (training form; skipped
                                                     while the plugin is absent)
  none-eval  mode-opt FILE                          (evaluation form: the limit)
  to-train   mode-opt --to-train FILE               (evaluation form)

and reports medians of wall time, CPU time and peak RSS (from the children's
rusage), and the ratios to-eval/none, to-train/none-eval, plugin/to-eval,
t(1M)/t(100k) of to-eval, and the peak RSS of to-eval against none. Output
goes to /dev/null. Inputs are generated once and cached in --cache-dir.

    python3 bench/run.py                        # full run (heavy: 1M ops)
    python3 bench/run.py --smoke                # 10k ops, one repetition

With --smoke it also checks that the passes turn each generated form into
the other exactly; it never checks a timing.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import gen  # noqa: E402

STOCK_MLIR_OPT = "/usr/lib/llvm-22/bin/mlir-opt"


def human(n):
    for unit, div in (("M", 1000000), ("k", 1000)):
        if n >= div and n % div == 0:
            return f"{n // div}{unit}"
    return str(n)


def input_file(cache, ops, funcs, fraction, form, seed):
    os.makedirs(cache, exist_ok=True)
    name = f"mode-{human(ops)}-k{funcs}-f{fraction}-s{seed}-{form}.mlir"
    path = os.path.join(cache, name)
    if not os.path.exists(path):
        tmp = path + ".tmp"
        with open(tmp, "w") as out:
            gen.generate(out, ops, funcs, fraction, form, seed)
        os.replace(tmp, path)
    return path


def run_once(cmd):
    """Runs cmd with output to /dev/null; returns (wall s, cpu s, maxrss KB)."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            sys.exit(f"error: {' '.join(cmd)} exited with {proc.returncode}:\n"
                     + err.read().decode(errors="replace"))
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def commands(args, train, evalf):
    mode_opt = args.mode_opt
    cmds = {
        "none": [mode_opt, train],
        "to-eval": [mode_opt, "--to-eval", train],
        # The pass without the pass manager's full re-verification after it.
        "to-eval-nv": [mode_opt, "--to-eval", "--verify-each=false", train],
        "none-eval": [mode_opt, evalf],
        "to-train": [mode_opt, "--to-train", evalf],
    }
    if args.plugin_ok:
        cmds["plugin"] = [args.mlir_opt,
                          f"--load-dialect-plugin={args.plugin}",
                          f"--load-pass-plugin={args.plugin}",
                          "--pass-pipeline=builtin.module(to-eval)", train]
    return cmds


def measure(cmds, warmup, reps):
    """Interleaves the commands, rotating their order each run."""
    names = list(cmds)
    samples = {n: [] for n in names}
    for rep in range(warmup + reps):
        shift = rep % len(names)
        for name in names[shift:] + names[:shift]:
            result = run_once(cmds[name])
            if rep >= warmup:
                samples[name].append(result)
    return {n: {"wall": statistics.median(s[0] for s in v),
                "cpu": statistics.median(s[1] for s in v),
                "rss_kb": statistics.median(s[2] for s in v),
                "runs": len(v)}
            for n, v in samples.items()}


def check_round_trip(args, train, evalf):
    """The passes turn each generated form exactly into the other one."""
    def out(*cmd):
        return subprocess.run(list(cmd), check=True, stdout=subprocess.PIPE).stdout
    mode_opt = args.mode_opt
    if out(mode_opt, "--to-eval", train) != out(mode_opt, evalf):
        sys.exit(f"error: to-eval({train}) differs from {evalf}")
    if out(mode_opt, "--to-train", evalf) != out(mode_opt, train):
        sys.exit(f"error: to-train({evalf}) differs from {train}")
    if args.plugin_ok and out(*commands(args, train, evalf)["plugin"]) != \
            out(mode_opt, evalf):
        sys.exit(f"error: the plugin's to-eval({train}) differs from {evalf}")


def run_pass_bench(args, funcs):
    """The pass alone, in process: PDLL pass against the hand-written walk."""
    binary = os.path.join(os.path.dirname(args.mode_opt), "mode-bench-pass")
    if not os.access(binary, os.X_OK):
        print(f"# note: in-process benchmark skipped: no {binary} (it is "
              "built where Google Benchmark, libbenchmark-dev, is installed)")
        return None
    files = [input_file(args.cache_dir, args.pass_bench_size, k,
                        args.fraction, "train", args.seed) for k in funcs]
    cmd = [binary, "--benchmark_format=json"]
    if args.smoke:
        cmd.append("--benchmark_min_time=0.001")
    else:
        cmd += ["--benchmark_repetitions=5",
                "--benchmark_report_aggregates_only=true"]
    print(f"\n# in process: {' '.join(os.path.basename(c) for c in cmd)} "
          f"<{human(args.pass_bench_size)}-op modules, K={funcs}>")
    out = subprocess.run(cmd + files, check=True, stdout=subprocess.PIPE,
                         text=True).stdout
    report = json.loads(out)
    times = {}
    for b in report["benchmarks"]:
        if b.get("run_type") == "aggregate" and b.get("aggregate_name") != \
                "median":
            continue
        name = b.get("run_name", b["name"]).replace("/real_time", "")
        times[name] = b["real_time"]  # milliseconds
    for name, t in times.items():
        print(f"{name:>48} {t:9.3f} ms")
    for k in funcs:
        stem = os.path.splitext(os.path.basename(files[funcs.index(k)]))[0]
        pdll1 = times.get(f"PDLLToEval/{stem}/threads:1")
        pdll2 = times.get(f"PDLLToEval/{stem}/threads:2")
        walk1 = times.get(f"WalkToEval/{stem}/threads:1")
        walk2 = times.get(f"WalkToEval/{stem}/threads:2")
        if pdll1 and walk1:
            print(f"K={k}: PDLL/walk {ratio(pdll1, walk1):.2f} (1 thread), "
                  f"PDLL 1->2 threads speed-up {ratio(pdll1, pdll2):.2f}, "
                  f"walk 1->2 threads speed-up {ratio(walk1, walk2):.2f}")
    return times


def callgrind_total(cmd, out_file):
    subprocess.run(["valgrind", "--tool=callgrind",
                    f"--callgrind-out-file={out_file}"] + cmd, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(out_file) as f:
        for line in f:
            if line.startswith(("summary:", "totals:")):
                return int(line.split()[1])
    sys.exit(f"error: no total in {out_file}")


def callgrind_inclusive(out_file, functions):
    """Inclusive instruction counts of the named functions."""
    text = subprocess.run(["callgrind_annotate", "--inclusive=yes",
                           "--threshold=100", out_file], check=True,
                          stdout=subprocess.PIPE, text=True).stdout
    counts = {}
    for line in text.splitlines():
        for fn in functions:
            if f"::{fn}(" in line or f" {fn}(" in line:
                counts.setdefault(fn, int(line.split()[0].replace(",", "")))
    return counts


def run_callgrind(args, funcs):
    """Instruction counts (exact, unlike wall time on a shared machine)."""
    size = args.callgrind_size
    work = tempfile.mkdtemp(prefix="mode-callgrind-")
    print(f"\n# callgrind instruction counts, {human(size)}-op modules")
    results = {}
    for k in funcs:
        train = input_file(args.cache_dir, size, k, args.fraction, "train",
                           args.seed)
        evalf = input_file(args.cache_dir, size, k, args.fraction, "eval",
                           args.seed)
        counts = {}
        for name, cmd in commands(args, train, evalf).items():
            counts[name] = callgrind_total(
                cmd, os.path.join(work, f"{name}-k{k}.out"))
        binary = os.path.join(os.path.dirname(args.mode_opt),
                              "mode-bench-pass")
        n = 3
        if os.access(binary, os.X_OK):
            out = os.path.join(work, f"pass-bench-k{k}.out")
            callgrind_total([binary, f"--count={n}", train], out)
            inc = callgrind_inclusive(out, ["countedPDLLToEval",
                                            "countedWalkToEval",
                                            "countedVerify"])
            for fn, v in inc.items():
                counts[fn.replace("counted", "in-process ")] = v // n
        results[k] = counts
        for name, v in counts.items():
            print(f"K={k:<3} {name:>26} {v / 1e6:10.1f} M instructions")
        print(f"K={k:<3} to-eval/none {ratio(counts['to-eval'], counts['none']):.3f}"
              f", to-eval-nv/none {ratio(counts['to-eval-nv'], counts['none']):.3f}"
              f", to-train/none-eval "
              f"{ratio(counts['to-train'], counts['none-eval']):.3f}")
        if "in-process PDLLToEval" in counts:
            print(f"K={k:<3} PDLL pass / hand-written walk "
                  f"{ratio(counts['in-process PDLLToEval'], counts['in-process WalkToEval']):.2f}")
    return results


def machine():
    model = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "cpu": model,
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "kernel": platform.release(),
            "loadavg": os.getloadavg()}


def ratio(a, b):
    return a / b if b else float("nan")


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="End-to-end speed and memory of the mode passes.")
    ap.add_argument("--build", default=os.path.join(ROOT, "build"),
                    help="build directory holding bin/mode-opt and "
                         "lib/ModePlugin.so (default: build)")
    ap.add_argument("--mode-opt", help="mode-opt binary (default: BUILD/bin)")
    ap.add_argument("--plugin", help="ModePlugin.so (default: BUILD/lib)")
    ap.add_argument("--mlir-opt", default=STOCK_MLIR_OPT)
    ap.add_argument("--sizes", default="10000,100000,1000000",
                    help="comma-separated op counts")
    ap.add_argument("--funcs", default="1,64",
                    help="comma-separated function counts")
    ap.add_argument("--fraction", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--cache-dir",
                    default=os.path.join(tempfile.gettempdir(), "mode-bench"),
                    help="where generated inputs are kept (default: "
                         "$TMPDIR/mode-bench)")
    ap.add_argument("--pass-bench-size", type=int, default=100000,
                    help="op count of the modules given to mode-bench-pass "
                         "(default 100000)")
    ap.add_argument("--no-pass-bench", action="store_true",
                    help="skip the in-process benchmark (mode-bench-pass)")
    ap.add_argument("--callgrind", action="store_true",
                    help="instead of timing, count instructions with "
                         "valgrind --tool=callgrind")
    ap.add_argument("--callgrind-size", type=int, default=100000,
                    help="op count for --callgrind (default 100000)")
    ap.add_argument("--json", help="also write the results to this file")
    ap.add_argument("--smoke", action="store_true",
                    help="10k ops, one run, no warm-up, check outputs")
    args = ap.parse_args(argv)

    if args.smoke:
        args.sizes, args.reps, args.warmup = "10000", 1, 0
        args.pass_bench_size = 10000
    args.mode_opt = args.mode_opt or os.path.join(args.build, "bin", "mode-opt")
    args.plugin = args.plugin or os.path.join(args.build, "lib", "ModePlugin.so")
    if not os.access(args.mode_opt, os.X_OK):
        sys.exit(f"error: no mode-opt at {args.mode_opt} (build it, or pass "
                 "--build / --mode-opt)")
    args.plugin_ok = os.path.exists(args.plugin) and os.access(
        args.mlir_opt, os.X_OK)
    sizes = [int(s) for s in args.sizes.split(",")]
    funcs = [int(k) for k in args.funcs.split(",")]

    info = machine()
    print(f"# {info['date']}; {info['nproc']} x {info['cpu']}; load "
          f"{info['loadavg'][0]:.2f}; medians of {args.reps} runs after "
          f"{args.warmup} warm-up")
    if not args.plugin_ok:
        print(f"# note: plugin skipped: no {args.plugin} "
              f"(or no {args.mlir_opt})")

    if args.callgrind:
        counts = run_callgrind(args, funcs)
        if args.json:
            with open(args.json, "w") as f:
                json.dump({"machine": info, "callgrind": counts}, f, indent=1)
        return

    results = []
    for k in funcs:
        for n in sizes:
            train = input_file(args.cache_dir, n, k, args.fraction, "train",
                               args.seed)
            evalf = input_file(args.cache_dir, n, k, args.fraction, "eval",
                               args.seed)
            if args.smoke:
                check_round_trip(args, train, evalf)
            m = measure(commands(args, train, evalf), args.warmup, args.reps)
            results.append({"ops": n, "funcs": k, "medians": m})

    header = (f"{'ops':>6} {'K':>3} {'command':>9} {'wall s':>8} {'cpu s':>8} "
              f"{'RSS MB':>8}")
    print(header)
    for r in results:
        for name, v in r["medians"].items():
            print(f"{human(r['ops']):>6} {r['funcs']:>3} {name:>9} "
                  f"{v['wall']:8.3f} {v['cpu']:8.3f} {v['rss_kb'] / 1024:8.1f}")

    print()
    print(f"{'ops':>6} {'K':>3} {'eval/none':>10} {'evalnv/none':>11} "
          f"{'train/none':>10} {'plugin/eval':>11} {'RSS e/n':>8} "
          f"{'RSS t/n':>8}")
    for r in results:
        m = r["medians"]
        plugin = (f"{ratio(m['plugin']['wall'], m['to-eval']['wall']):11.3f}"
                  if "plugin" in m else f"{'skipped':>11}")
        print(f"{human(r['ops']):>6} {r['funcs']:>3} "
              f"{ratio(m['to-eval']['wall'], m['none']['wall']):10.3f} "
              f"{ratio(m['to-eval-nv']['wall'], m['none']['wall']):11.3f} "
              f"{ratio(m['to-train']['wall'], m['none-eval']['wall']):10.3f} "
              f"{plugin} "
              f"{ratio(m['to-eval']['rss_kb'], m['none']['rss_kb']):8.3f} "
              f"{ratio(m['to-train']['rss_kb'], m['none-eval']['rss_kb']):8.3f}")
    by = {(r["ops"], r["funcs"]): r["medians"] for r in results}
    scaling = []
    for k in funcs:
        if (1000000, k) in by and (100000, k) in by:
            big, small = by[(1000000, k)], by[(100000, k)]
            s = {c: ratio(big[c]["wall"], small[c]["wall"]) for c in big}
            scaling.append({"funcs": k, "t1M/t100k": s})
            print(f"scaling K={k}: t(1M)/t(100k) " + ", ".join(
                f"{c} {v:.2f}" for c, v in s.items()))
    pass_bench = None
    if not args.no_pass_bench:
        pass_bench = run_pass_bench(args, funcs)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"machine": info, "args": vars(args), "results": results,
                       "scaling": scaling,
                       "pass_bench": pass_bench}, f, indent=1, default=str)
    if args.smoke:
        print("smoke: ok")


if __name__ == "__main__":
    main()
