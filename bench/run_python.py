#!/usr/bin/env python3
"""The Python face of mode against torchao, in one process (BENCHMARKS.md,
"Python"): `mode.to_eval` / `mode.to_train` on an `ExportedProgram` and on
the `GraphModule` of `ep.module()`, against torchao's
`move_exported_model_to_eval` / `move_exported_model_to_train` (which take
the GraphModule), on PyTorch exports of ResNet-50 (torchvision's layout)
and BERT-base (bench/pt2_models.py). Needs torch, torchao and the package
`mode` with its extension (PYTHONPATH=build/python, or pip install .).

    PYTHONPATH=build/python python3 bench/run_python.py            # ~5 min
    PYTHONPATH=build/python python3 bench/run_python.py --steps    # where mode's time goes
    PYTHONPATH=build/python python3 bench/run_python.py --smoke    # small models, one run, checks

Each call is timed alone (wall and process CPU time), on a GraphModule made
fresh by `ep.module()` before it, untimed (torchao's functions change it
and then do nothing a second time); runs are interleaved, the order
rotating each repetition, after warm-ups; medians are reported, and the
ratios torchao / mode. Memory: the growth of the process's peak resident
set during the call (VmHWM after, reset just before through
/proc/self/clear_refs, minus VmRSS before), against the size of the
model's weights. With --smoke it checks what it measures (every switched
program holds the other mode, as mode's own guard says, and switching
back gives the input's graph) and never a timing.
"""

import argparse
import gc
import json
import os
import platform
import re
import statistics
import sys
import time
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

MODELS = ("resnet50", "bert_base")
SMOKE_MODELS = ("resnet50_small", "bert_small")
DIRECTIONS = ("eval", "train")


def status():
    with open("/proc/self/status") as f:
        text = f.read()
    return {key: int(re.search(key + r":\s+(\d+) kB", text).group(1)) * 1024
            for key in ("VmRSS", "VmHWM")}


def reset_peak():
    """Makes VmHWM the current VmRSS (Linux 4.0+)."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def timed(call, setup):
    """Runs setup() untimed, then call(its result) timed: wall s, CPU s,
    peak memory growth in bytes (None where the peak cannot be reset)."""
    arg = setup()
    gc.collect()
    can_reset = reset_peak()
    before = status()["VmRSS"]
    wall, cpu = time.perf_counter(), time.process_time()
    result = call(arg)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    growth = status()["VmHWM"] - before if can_reset else None
    return {"wall": wall, "cpu": cpu, "growth": growth}, result


def exported(name, mode):
    import torch
    import pt2_models
    import zoo

    factory, inputs = pt2_models.MODELS[name]
    torch.manual_seed(pt2_models.SEED)
    model = factory()
    zoo._randomize_norm_stats(model, pt2_models.SEED)
    getattr(model, mode)()
    return torch.export.export(model, inputs(torch.Generator().manual_seed(pt2_models.SEED)))


def weight_bytes(ep):
    return sum(t.numel() * t.element_size() for t in ep.state_dict.values())


def contenders(programs, archive=False):
    """name -> (call, setup) for one model and direction; with `archive`,
    also mode-pt2 on the program saved to memory (what mode.to_eval did
    before the extension: mode.run_mode_pt2)."""
    from torchao.quantization.pt2e import (move_exported_model_to_eval,
                                           move_exported_model_to_train)
    import mode

    def for_direction(to):
        ep = programs["train" if to == "eval" else "eval"]
        ao = move_exported_model_to_eval if to == "eval" else move_exported_model_to_train
        switch = mode.to_eval if to == "eval" else mode.to_train
        found = {
            "torchao GM": (ao, ep.module),
            "mode GM": (switch, ep.module),
            "mode EP": (switch, lambda: ep),
        }
        if archive:
            found["mode-pt2 EP"] = (lambda p: mode.run_mode_pt2(p, f"--to-{to}"), lambda: ep)
        return found
    return {to: for_direction(to) for to in DIRECTIONS}


def check(programs, to, results):
    """What --smoke checks: each result holds the other mode (mode's own
    guard, assert-eval/assert-train, passes on it), and switching back
    gives the input's graph."""
    import harness as H
    import mode

    guard = "assert-eval" if to == "eval" else "assert-train"
    back = mode.to_train if to == "eval" else mode.to_eval
    source = programs["train" if to == "eval" else "eval"]
    for name, lines in (("mode EP", H.graph_lines), ("mode GM", H.module_lines)):
        result = results[name]
        mode.run_passes(result, guard)  # raises ModeError if a node is left
        expected = source if name == "mode EP" else source.module()
        if lines(back(result)) != lines(expected):
            sys.exit(f"error: {name}: to_{to} then back does not give the input's graph")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--models", default=None, help="comma-separated (default: all)")
    parser.add_argument("--reps", type=int, default=7)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--steps", action="store_true",
                        help="also time mode's steps (copy, write, core, apply, ...)")
    parser.add_argument("--smoke", action="store_true", help="small models, one run, checks")
    parser.add_argument("--archive", action="store_true",
                        help="also time mode-pt2 on the saved program (mode.run_mode_pt2)")
    parser.add_argument("--json", help="write the raw results here")
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")
    sys.path.insert(0, os.path.join(os.path.dirname(HERE), "test", "PyTorch"))
    import torch
    import torchao
    before, start = status()["VmRSS"], time.perf_counter()
    import mode  # loads the extension, and with it Debian's libMLIR.so and libLLVM.so
    loaded = (time.perf_counter() - start, status()["VmRSS"] - before)

    models = (args.models.split(",") if args.models else
              SMOKE_MODELS if args.smoke else MODELS)
    reps, warmup = (1, 0) if args.smoke else (args.reps, args.warmup)
    print(f"# {platform.node()}: {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"torch {torch.__version__}, torchao {torchao.__version__}; "
          f"{reps} runs after {warmup} warm-ups, medians; load average "
          f"{os.getloadavg()[0]:.1f}")
    print(f"# import mode (once; the extension and the shared libraries): "
          f"{loaded[0] * 1e3:.0f} ms, +{loaded[1] / 2**20:.1f} MB resident")
    raw = {}
    rows = []
    for model in models:
        programs = {m: exported(model, m) for m in ("train", "eval")}
        weights = weight_bytes(programs["train"])
        for to, calls in contenders(programs, args.archive).items():
            names = list(calls)
            runs = {n: [] for n in names}
            steps = {n: [] for n in names}
            results = {}
            for rep in range(warmup + reps):
                shift = rep % len(names)
                for name in names[shift:] + names[:shift]:
                    call, setup = calls[name]
                    if args.steps and name.startswith("mode"):
                        mode._step_seconds = {}
                    measured, results[name] = timed(call, setup)
                    if rep >= warmup:
                        runs[name].append(measured)
                        if mode._step_seconds is not None:
                            steps[name].append(mode._step_seconds)
                    mode._step_seconds = None
            if args.smoke:
                check(programs, to, results)
            raw[f"{model}.{to}"] = {"weights": weights, "runs": runs, "steps": steps}
            med = {n: {k: statistics.median(r[k] for r in runs[n]) for k in ("wall", "cpu")}
                   for n in names}
            growth = {n: max((r["growth"] for r in runs[n] if r["growth"] is not None),
                             default=None) for n in names}
            rows.append((model, to, weights, med, growth, steps))

    print("\n## wall ms (CPU ms), medians")
    print(f"{'model':10} {'to':5} " + " ".join(f"{n:>20}" for n in names)
          + f" {'ao/mode GM':>11} {'ao/mode EP':>11}"
          + (f" {'pt2/mode EP':>11}" if args.archive else ""))
    for model, to, weights, med, growth, steps in rows:
        cells = " ".join(f"{med[n]['wall'] * 1e3:9.1f} ({med[n]['cpu'] * 1e3:7.1f})"
                         for n in names)
        ao = med["torchao GM"]["wall"]
        print(f"{model:10} {to:5} {cells} {ao / med['mode GM']['wall']:10.1f}x "
              f"{ao / med['mode EP']['wall']:10.1f}x"
              + (f" {med['mode-pt2 EP']['wall'] / med['mode EP']['wall']:10.1f}x"
                 if args.archive else ""))
    print("\n## peak memory growth during the call, MB (largest of the runs; % of the weights)")
    print(f"{'model':10} {'to':5} {'weights MB':>10} " + " ".join(f"{n:>18}" for n in names))
    for model, to, weights, med, growth, steps in rows:
        cells = " ".join(f"{'n/a':>18}" if growth[n] is None else
                         f"{growth[n] / 2**20:9.1f} ({100 * growth[n] / weights:4.1f}%)"
                         for n in names)
        print(f"{model:10} {to:5} {weights / 2**20:10.1f} {cells}")
    if args.steps:
        print("\n## mode's steps, ms (medians)")
        for model, to, weights, med, growth, steps in rows:
            for name in ("mode GM", "mode EP"):
                keys = list(steps[name][0]) if steps[name] else []
                parts = ", ".join(
                    f"{k} {statistics.median(s.get(k, 0.0) for s in steps[name]) * 1e3:.1f}"
                    for k in keys)
                print(f"{model:10} {to:5} {name}: {parts}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(raw, f, indent=1)
    if args.smoke:
        print("smoke: ok")


if __name__ == "__main__":
    main()
