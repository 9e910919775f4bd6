#!/usr/bin/env python3
"""Measures mode-pt2 on .pt2 archives, in three parts (BENCHMARKS.md,
"Archives"):

  torchao  mode-pt2 --to-eval / --to-train against what PyTorch users do
           today, torchao's move_exported_model_to_eval/_train (and
           torch.export.load + save of the same archive), on PyTorch 2.13
           exports of a ResNet-50 and a BERT-base encoder (bench/pt2_models.py;
           needs a Python with torch 2.13 and torchao 0.18: --torch-python,
           default this Python if it has them, else the part is skipped);
  cp       mode-pt2 --to-eval against `cp` of the same archive with 1.1 GiB
           of weights in PyTorch's layout (and in Python zipfile's, whose
           weights move when written back), and its peak RSS against the
           same graph with tiny weights (bench/gen_pt2.py); --baseline runs
           an earlier mode-pt2 beside it;
  scaling  mode-pt2 --to-eval --mlir-timing on synthetic exports of 10k, 100k
           and 1M nodes (bench/gen_pt2.py): wall, peak RSS, and import (read,
           parse JSON, build IR), pass and export (write JSON, copy) each.

Runs are interleaved (the order rotates each repetition) after warm-ups;
medians are reported, and ratios, since the machines are shared and noisy.
Peak RSS is GNU time's (/usr/bin/time) for each run. Inputs are generated once into
--cache-dir (the 1M-node archive takes about 5 minutes and 3 GB; the real
exports a minute), outputs go to the same folder and are removed.

    python3 bench/run_pt2.py                     # everything (about 15 min)
    python3 bench/run_pt2.py --parts cp,scaling  # without torch
    python3 bench/run_pt2.py --smoke             # small sizes, one run, checks
    python3 bench/run_pt2.py --callgrind         # instruction counts, 10k/100k
    python3 bench/run_pt2.py --parts cp --reps 9 --baseline OLD/bin/mode-pt2

With --smoke it also checks what it measures: the switched archives hold the
other mode and switch back to the input, the weights come out unchanged,
and (with torch) bench/gen_pt2.py writes what torch.export.save writes. It
never checks a timing.
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import gen_pt2  # noqa: E402
from run import human, machine, ratio  # noqa: E402

MODELS = ("resnet50", "bert_base")
SMOKE_MODELS = ("resnet50_small",)
# The 1.1 GiB archive: 16 wide-ResNet blocks of 1024 channels (2 x 37.7 MB
# of convolution weights a block), and the same graph with 8 channels.
BIG = {"blocks": 16, "channels": 1024}
TINY = {"blocks": 16, "channels": 8}
SMOKE_BIG = {"blocks": 4, "channels": 64}
SIZES = (10000, 100000, 1000000)
SMOKE_SIZES = (1000, 3000)


# ---------------------------------------------------------------------------
# Running and timing
# ---------------------------------------------------------------------------


# GNU time reports its child's peak RSS. rusage from os.wait4 cannot: a
# child's ru_maxrss counts the memory of the Python that forked it, until
# exec (Linux keeps the high-water mark across exec), which is more than a
# `cp`'s own.
TIME = "/usr/bin/time"


def run_child(cmd):
    """Runs cmd; returns wall s, CPU s, peak RSS KB and its standard error.
    A failure stops the benchmark."""
    with tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r") as usage_file:
        wrapped = cmd
        if os.access(TIME, os.X_OK):
            wrapped = [TIME, "-o", usage_file.name, "-f", "%U %S %M"] + cmd
        start = time.perf_counter()
        proc = subprocess.Popen(wrapped, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        err.seek(0)
        text = err.read().decode(errors="replace")
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"error: {' '.join(cmd)} failed:\n{text}")
        cpu, rss = usage.ru_utime + usage.ru_stime, usage.ru_maxrss
        if wrapped is not cmd:
            user, system, rss = usage_file.read().split()[-3:]
            cpu, rss = float(user) + float(system), int(rss)
    return {"wall": wall, "cpu": cpu, "rss_kb": rss, "stderr": text}


def timing_report(stderr):
    """The lines of an --mlir-timing report: name -> seconds. Nested steps
    are named parent/child."""
    steps, parents = {}, []
    for line in stderr.splitlines():
        m = re.match(r"\s*([\d.]+) \(\s*[\d.]+%\)(\s+)(\S.*)$", line)
        if not m:
            continue
        depth = (len(m.group(2)) - 2) // 2
        name = m.group(3).strip()
        parents[depth:] = [name]
        steps["/".join(parents)] = float(m.group(1))
    return steps


def interleave(commands, warmup, reps, before=None):
    """Runs each command (name -> argv, or a function returning a result)
    warmup + reps times, rotating the order each repetition; `before(name)`
    runs untimed before each. Returns name -> list of results."""
    names = list(commands)
    results = {name: [] for name in names}
    for rep in range(warmup + reps):
        shift = rep % len(names)
        for name in names[shift:] + names[:shift]:
            if before:
                before(name)
            cmd = commands[name]
            result = cmd() if callable(cmd) else run_child(cmd)
            if rep >= warmup:
                results[name].append(result)
    return results


def median(results, key):
    return statistics.median(r[key] for r in results)


def median_step(results, step):
    return statistics.median(timing_report(r["stderr"]).get(step, 0.0)
                             for r in results)


# ---------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------


def generated(args, name, **kw):
    """A bench/gen_pt2.py archive in the cache."""
    path = os.path.join(args.cache_dir, name + ".pt2")
    if not os.path.exists(path):
        print(f"# generating {path}", flush=True)
        # In a process of its own, whose memory no measured run inherits.
        subprocess.run([sys.executable, os.path.join(HERE, "gen_pt2.py"),
                        "--blocks", str(kw["blocks"]), "--channels",
                        str(kw["channels"]), "--form", kw["form"], "-o", path],
                       check=True)
    return path


def real_exports(args, models):
    """PyTorch's exports of the models in both modes, in the cache."""
    paths = {(m, mode): os.path.join(args.cache_dir, f"{m}.{mode}.pt2")
             for m in models for mode in ("train", "eval")}
    missing = [p for p in paths.items() if not os.path.exists(p[1])]
    if missing:
        print(f"# exporting {len(missing)} archives with torch", flush=True)
        cmd = [args.torch_python, os.path.join(HERE, "pt2_torch.py"), "export"]
        for (model, mode), path in missing:
            cmd += [model, mode, path]
        subprocess.run(cmd, check=True, stderr=subprocess.DEVNULL)
    return paths


def model_json(path):
    with zipfile.ZipFile(path) as z:
        name = next(n for n in z.namelist() if n.endswith("models/model.json"))
        return json.loads(z.read(name))


def weight_crcs(path):
    with zipfile.ZipFile(path) as z:
        return {i.filename.split("/", 1)[1]: i.CRC for i in z.infolist()
                if "/data/weights/weight_" in i.filename}


def check_switched(args, source, switched):
    """`switched` (mode-pt2 --to-eval of `source`) holds no training node,
    keeps every weight, and --to-train gives back the program of `source`."""
    nodes = model_json(switched)["graph_module"]["graph"]["nodes"]
    for node in nodes:
        flags = {i["name"]: i["arg"] for i in node["inputs"]}
        if node["target"] == "torch.ops.aten.add_.Tensor" or \
                flags.get("training") == {"as_bool": True} or \
                flags.get("train") == {"as_bool": True}:
            sys.exit(f"error: {switched}: node {node['name']} still trains")
    if weight_crcs(source) != weight_crcs(switched):
        sys.exit(f"error: {switched}: the weights differ from {source}'s")
    back = switched + ".back.pt2"
    run_child([args.mode_pt2, "--to-train", switched, "-o", back])
    if model_json(back) != model_json(source):
        sys.exit(f"error: --to-train of {switched} is not {source}")
    os.remove(back)


# ---------------------------------------------------------------------------
# Part 1: against torchao
# ---------------------------------------------------------------------------


def torch_jobs(args, jobs):
    """Runs the jobs in one torch process; returns their results."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(jobs, f)
    try:
        out = subprocess.run([args.torch_python,
                              os.path.join(HERE, "pt2_torch.py"), "jobs",
                              f.name], check=True, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True).stdout
    finally:
        os.remove(f.name)
    return [json.loads(line) for line in out.splitlines()]


def part_torchao(args):
    models = SMOKE_MODELS if args.smoke else MODELS
    if args.smoke:
        print("\n# check: bench/gen_pt2.py against torch.export.save")
        with tempfile.TemporaryDirectory(dir=args.cache_dir) as d:
            out = subprocess.run([args.torch_python,
                                  os.path.join(HERE, "pt2_torch.py"),
                                  "check-generator", d], check=True,
                                 stdout=subprocess.PIPE,
                                 stderr=subprocess.DEVNULL, text=True).stdout
        print(out.strip())
    paths = real_exports(args, models)
    out = os.path.join(args.cache_dir, "out")
    rows = []
    for model in models:
        train, evalf = paths[(model, "train")], paths[(model, "eval")]
        commands = {
            "mode to-eval": [args.mode_pt2, "--to-eval", "--mlir-timing",
                             train, "-o", out + ".mode-eval.pt2"],
            "mode to-train": [args.mode_pt2, "--to-train", "--mlir-timing",
                              evalf, "-o", out + ".mode-train.pt2"],
            # torch: both switches and the round trip, one process a run.
            "torch": lambda: torch_jobs(args, [
                {"kind": "switch", "to": "eval", "in": train,
                 "out": out + ".ao-eval.pt2"},
                {"kind": "switch", "to": "train", "in": evalf,
                 "out": out + ".ao-train.pt2"},
                {"kind": "roundtrip", "in": train,
                 "out": out + ".roundtrip.pt2"}]),
        }
        runs = interleave(commands, args.warmup, args.reps)
        if args.smoke:
            check_switched(args, train, out + ".mode-eval.pt2")
        torch_runs = runs["torch"]
        row = {"model": model, "size_mb": os.path.getsize(train) / 1e6}
        for direction, index, pass_name in (("eval", 0, "ToEvalPass"),
                                            ("train", 1, "ToTrainPass")):
            mode_runs = runs[f"mode to-{direction}"]
            jobs = [r[index] for r in torch_runs]
            times = {k: statistics.median(j["times"].get(k, float("nan"))
                                          for j in jobs)
                     for k in ("load", "module", "switch", "export", "save")}
            row[direction] = {
                "mode_wall": median(mode_runs, "wall"),
                "mode_rss_mb": median(mode_runs, "rss_kb") / 1024,
                "mode_pass": median_step(mode_runs, pass_name),
                "torchao": times,
                "torchao_total": sum(v for v in times.values() if v == v),
                "exported": all(j["exported"] for j in jobs),
                "error": next((j["error"] for j in jobs if "error" in j), None),
            }
        roundtrip = [r[2]["times"] for r in torch_runs]
        row["roundtrip"] = statistics.median(t["load"] + t["save"]
                                             for t in roundtrip)
        rows.append(row)

    print(f"\n# vs torchao: medians of {args.reps} runs after {args.warmup} "
          "warm-up; seconds")
    print(f"{'model':>14} {'to':>5} {'mode-pt2':>9} {'(pass)':>9} "
          f"{'ao load':>8} {'module':>7} {'switch':>7} {'export':>7} "
          f"{'save':>7} {'ao total':>9} {'ld+save':>8}")
    for row in rows:
        for direction in ("eval", "train"):
            d, t = row[direction], row[direction]["torchao"]
            print(f"{row['model']:>14} {direction:>5} {d['mode_wall']:9.3f} "
                  f"{d['mode_pass']:9.5f} {t['load']:8.3f} {t['module']:7.3f} "
                  f"{t['switch']:7.3f} {t['export']:7.3f} {t['save']:7.3f} "
                  f"{d['torchao_total']:9.3f} {row['roundtrip']:8.3f}")
            if not d["exported"]:
                print(f"{'':>14} torchao's result does not export: "
                      f"{d['error']}")
    print(f"\n{'model':>14} {'to':>5} {'switch/mode':>12} "
          f"{'switch/pass':>12} {'ao total/mode':>14} {'ld+save/mode':>13} "
          f"{'RSS MB':>7}")
    for row in rows:
        for direction in ("eval", "train"):
            d = row[direction]
            print(f"{row['model']:>14} {direction:>5} "
                  f"{ratio(d['torchao']['switch'], d['mode_wall']):12.2f} "
                  f"{ratio(d['torchao']['switch'], d['mode_pass']):12.0f} "
                  f"{ratio(d['torchao_total'], d['mode_wall']):14.2f} "
                  f"{ratio(row['roundtrip'], d['mode_wall']):13.2f} "
                  f"{d['mode_rss_mb']:7.1f}")
    for suffix in (".mode-eval.pt2", ".mode-train.pt2", ".ao-eval.pt2",
                   ".ao-train.pt2", ".roundtrip.pt2"):
        if os.path.exists(out + suffix):
            os.remove(out + suffix)
    return rows


# ---------------------------------------------------------------------------
# Part 2: against cp
# ---------------------------------------------------------------------------


def torch_layout(args, path):
    """`path` rewritten in the layout torch.export.save writes (bench/gen_pt2.py
    writes Python's zipfile layout): entries 64-byte aligned, so that a
    switch writes every weight back where it was, as it does for PyTorch's
    own archives. mode's archive library does it (mode-archive-test copy)."""
    out = os.path.splitext(path)[0] + ".torch.pt2"
    if not os.path.exists(out):
        tool = os.path.join(os.path.dirname(args.mode_pt2), "mode-archive-test")
        subprocess.run([tool, "copy", path, out + ".tmp"], check=True)
        os.replace(out + ".tmp", out)
    return out


def part_cp(args):
    big_kw = SMOKE_BIG if args.smoke else BIG
    zipfile_big = generated(args, "wrn-b{blocks}-c{channels}".format(**big_kw),
                            form="train", **big_kw)
    big = torch_layout(args, zipfile_big)
    tiny = torch_layout(args, generated(
        args, "wrn-b{blocks}-c{channels}".format(**TINY), form="train",
        **TINY))
    out = os.path.join(args.cache_dir, "out")
    commands = {
        "cp": ["cp", big, out + ".cp.pt2"],
        "mode-pt2": [args.mode_pt2, "--to-eval", big, "-o",
                     out + ".big.pt2"],
        "mode-pt2 tiny": [args.mode_pt2, "--to-eval", tiny, "-o",
                          out + ".tiny.pt2"],
        # Reads every copied byte once more for its CRC-32.
        "mode-pt2 verify": [args.mode_pt2, "--verify-crc", "--to-eval", big,
                            "-o", out + ".verify.pt2"],
        # The weights of an archive in zipfile's layout move when written
        # in PyTorch's: the kernel copies them at other offsets, slower.
        "mode-pt2 zipfile": [args.mode_pt2, "--to-eval", zipfile_big, "-o",
                             out + ".zipfile.pt2"],
    }
    if args.baseline:
        commands["baseline"] = [args.baseline, "--to-eval", big, "-o",
                                out + ".baseline.pt2"]
        commands["baseline tiny"] = [args.baseline, "--to-eval", tiny, "-o",
                                     out + ".baseline-tiny.pt2"]
    outputs = {name: cmd[-1] for name, cmd in commands.items()}

    def before(name):
        # Each run writes a new file; no run pays for another's writeback.
        if os.path.exists(outputs[name]):
            os.remove(outputs[name])
        os.sync()

    # Warm page cache: the inputs read once before the runs.
    for path in (big, tiny, zipfile_big):
        with open(path, "rb") as f:
            while f.read(1 << 24):
                pass
    runs = interleave(commands, args.warmup, args.reps, before)
    if args.smoke:
        check_switched(args, big, out + ".big.pt2")
        check_switched(args, zipfile_big, out + ".zipfile.pt2")
    weights = sum(i.file_size for i in zipfile.ZipFile(big).infolist()
                  if "/data/weights/weight_" in i.filename)
    result = {"size": os.path.getsize(big), "weights": weights,
              "medians": {n: {"wall": median(r, "wall"),
                              "cpu": median(r, "cpu"),
                              "rss_mb": median(r, "rss_kb") / 1024}
                          for n, r in runs.items()}}
    for path in outputs.values():
        if os.path.exists(path):
            os.remove(path)

    # The ratio of each repetition's runs (they ran one after the other, in
    # the same conditions), then their median: steadier than the ratio of
    # medians on a shared machine.
    def paired(name, reference="cp", key="wall"):
        return statistics.median(
            ratio(a[key], b[key])
            for a, b in zip(runs[name], runs[reference]))

    result["ratios"] = {n: {"wall": paired(n), "cpu": paired(n, key="cpu")}
                        for n in commands if n != "cp"}
    m = result["medians"]
    print(f"\n# vs cp: {human_bytes(result['size'])} archive, "
          f"{human_bytes(weights)} of weights ({big_kw['blocks']} blocks of "
          f"{big_kw['channels']} channels; tiny: {TINY['channels']} channels), "
          "in PyTorch's layout (zipfile: the same archive in Python "
          "zipfile's); page cache warm (inputs read once before), outputs to "
          "the same file system, deleted and `sync` before each run "
          f"(untimed); medians of {args.reps} runs after {args.warmup} "
          "warm-up; /cp: the median of each repetition's ratio")
    print(f"{'command':>16} {'wall s':>8} {'cpu s':>8} {'RSS MB':>8} "
          f"{'wall/cp':>8} {'cpu/cp':>8}")
    for name, v in m.items():
        r = result["ratios"].get(name)
        ratios = (f"{r['wall']:8.2f} {r['cpu']:8.2f}" if r
                  else f"{'':>8} {'':>8}")
        print(f"{name:>16} {v['wall']:8.3f} {v['cpu']:8.3f} "
              f"{v['rss_mb']:8.1f} {ratios}")
    print(f"mode-pt2/cp wall {result['ratios']['mode-pt2']['wall']:.2f}"
          f" (ratio of medians {ratio(m['mode-pt2']['wall'], m['cp']['wall']):.2f})"
          f"; RSS mode-pt2 big/tiny "
          f"{ratio(m['mode-pt2']['rss_mb'], m['mode-pt2 tiny']['rss_mb']):.3f}")
    if args.baseline:
        print(f"baseline/cp wall {result['ratios']['baseline']['wall']:.2f}"
              f"; RSS baseline big/tiny "
              f"{ratio(m['baseline']['rss_mb'], m['baseline tiny']['rss_mb']):.3f}"
              f" ({args.baseline})")
    return result


def human_bytes(n):
    for unit, div in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= div:
            return f"{n / div:.2f} {unit}"
    return f"{n} B"


# ---------------------------------------------------------------------------
# Part 3: scaling
# ---------------------------------------------------------------------------

STEPS = ("import/read model JSON", "import/parse JSON", "import/build IR",
         "ToEvalPass", "export/write model JSON")


def part_scaling(args):
    sizes = SMOKE_SIZES if args.smoke else SIZES
    out = os.path.join(args.cache_dir, "out.scaling.pt2")
    rows = []
    for nodes in sizes:
        path = generated(args, f"wrn-n{human(nodes)}", form="train",
                         blocks=nodes // gen_pt2.NODES_PER_BLOCK["train"],
                         channels=8)
        # The largest size runs once: a run takes minutes.
        reps = 1 if nodes >= 1000000 else args.reps
        warmup = 0 if nodes >= 1000000 else args.warmup
        runs = interleave({"to-eval": [args.mode_pt2, "--to-eval",
                                       "--mlir-timing", path, "-o", out]},
                          warmup, reps)["to-eval"]
        if args.smoke:
            check_switched(args, path, out)
        os.remove(out)
        row = {"nodes": nodes, "json_mb": zipfile.ZipFile(path).getinfo(
                   f"{os.path.splitext(os.path.basename(path))[0]}"
                   "/models/model.json").file_size / 1e6,
               "runs": reps, "wall": median(runs, "wall"),
               "cpu": median(runs, "cpu"),
               "rss_mb": median(runs, "rss_kb") / 1024,
               "steps": {s: median_step(runs, s) for s in STEPS + (
                   "import", "export", "Total")}}
        rows.append(row)

    print("\n# scaling: mode-pt2 --to-eval --mlir-timing, synthetic "
          "wide-ResNet exports (bench/gen_pt2.py); seconds, medians")
    print(f"{'nodes':>6} {'JSON MB':>8} {'wall':>8} {'RSS MB':>8} "
          f"{'read':>7} {'parse':>7} {'build':>7} {'pass':>7} {'write':>7} "
          f"{'copy+':>7}")
    for r in rows:
        s = r["steps"]
        # export minus writing the JSON: the copies and the central directory.
        copy = s["export"] - s["export/write model JSON"]
        print(f"{human(r['nodes']):>6} {r['json_mb']:8.1f} {r['wall']:8.2f} "
              f"{r['rss_mb']:8.1f} {s['import/read model JSON']:7.2f} "
              f"{s['import/parse JSON']:7.2f} {s['import/build IR']:7.2f} "
              f"{s['ToEvalPass']:7.3f} {s['export/write model JSON']:7.2f} "
              f"{copy:7.2f}")
    by = {r["nodes"]: r for r in rows}
    for big, small in ((1000000, 100000), (100000, 10000)):
        if big in by and small in by:
            b, s = by[big], by[small]
            print(f"t({human(big)})/t({human(small)}): wall "
                  f"{ratio(b['wall'], s['wall']):.2f}, cpu "
                  f"{ratio(b['cpu'], s['cpu']):.2f}, parse "
                  f"{ratio(b['steps']['import/parse JSON'], s['steps']['import/parse JSON']):.2f}"
                  f", build {ratio(b['steps']['import/build IR'], s['steps']['import/build IR']):.2f}"
                  f", write {ratio(b['steps']['export/write model JSON'], s['steps']['export/write model JSON']):.2f}"
                  f"; RSS {ratio(b['rss_mb'], s['rss_mb']):.2f}")
    return rows


def part_callgrind(args):
    """Instruction counts of mode-pt2 --to-eval at 10k and 100k nodes: exact,
    where wall times on a shared machine are not."""
    counts = {}
    for nodes in (10000, 100000):
        path = generated(args, f"wrn-n{human(nodes)}", form="train",
                         blocks=nodes // gen_pt2.NODES_PER_BLOCK["train"],
                         channels=8)
        out_file = os.path.join(args.cache_dir, f"callgrind.{nodes}.out")
        subprocess.run(["valgrind", "--tool=callgrind",
                        f"--callgrind-out-file={out_file}", args.mode_pt2,
                        "--to-eval", path, "-o",
                        os.path.join(args.cache_dir, "out.callgrind.pt2")],
                       check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        with open(out_file) as f:
            counts[nodes] = next(int(line.split()[1]) for line in f
                                 if line.startswith(("summary:", "totals:")))
        print(f"{human(nodes):>6} nodes: {counts[nodes] / 1e9:.3f} G "
              f"instructions ({out_file})")
    print(f"I(100k)/I(10k) = {ratio(counts[100000], counts[10000]):.2f}")
    return counts


# ---------------------------------------------------------------------------


def has_torch(python):
    return subprocess.run([python, "-c", "import torch, torchao"],
                          stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode == 0


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="mode-pt2 on .pt2 archives: against torchao, cp, and "
                    "at scale.")
    ap.add_argument("--build", default=os.path.join(ROOT, "build"),
                    help="build directory holding bin/mode-pt2")
    ap.add_argument("--parts", default="torchao,cp,scaling",
                    help="comma-separated: torchao, cp, scaling")
    ap.add_argument("--torch-python",
                    help="a Python with torch 2.13 and torchao 0.18 (default: "
                         "this one, if it has them)")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--cache-dir",
                    default=os.path.join(tempfile.gettempdir(),
                                         "mode-bench-pt2"),
                    help="generated inputs and outputs (default "
                         "$TMPDIR/mode-bench-pt2), never the repository")
    ap.add_argument("--callgrind", action="store_true",
                    help="only count instructions at 10k and 100k nodes")
    ap.add_argument("--json", help="also write the results to this file")
    ap.add_argument("--baseline", metavar="MODE_PT2",
                    help="another mode-pt2 (a build of an earlier commit) to "
                         "run beside this one in the part against cp: "
                         "before and after in one run")
    ap.add_argument("--smoke", action="store_true",
                    help="small sizes, one run, no warm-up, check outputs")
    args = ap.parse_args(argv)

    if args.smoke:
        args.reps, args.warmup = 1, 0
    args.mode_pt2 = os.path.join(args.build, "bin", "mode-pt2")
    if not os.access(args.mode_pt2, os.X_OK):
        sys.exit(f"error: no mode-pt2 at {args.mode_pt2} (build it, or pass "
                 "--build)")
    os.makedirs(args.cache_dir, exist_ok=True)
    parts = args.parts.split(",")
    if "torchao" in parts:
        args.torch_python = args.torch_python or sys.executable
        if not has_torch(args.torch_python):
            print(f"# note: torchao part skipped: {args.torch_python} has no "
                  "torch and torchao (--torch-python)")
            parts.remove("torchao")

    info = machine()
    print(f"# {info['date']}; {info['nproc']} x {info['cpu']}; load "
          f"{info['loadavg'][0]:.2f}; {args.mode_pt2}")
    results = {"machine": info}
    if args.callgrind:
        results["callgrind"] = part_callgrind(args)
    else:
        for part, run in (("torchao", part_torchao), ("cp", part_cp),
                          ("scaling", part_scaling)):
            if part in parts:
                results[part] = run(args)
    info = machine()
    print(f"# done {info['date']}; load {info['loadavg'][0]:.2f}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1, default=str)
    if args.smoke:
        print("smoke: ok")


if __name__ == "__main__":
    main()
