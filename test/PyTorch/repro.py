#!/usr/bin/env python3
"""Redoes one check of the PyTorch suite by hand, printing what it runs.

    python3 test/PyTorch/repro.py MODEL IR [SWITCH ...] [--out DIR]

MODEL is a zoo id (test/PyTorch/zoo.py), IR `default` or `decomposed`,
each SWITCH `--to-eval` or `--to-train`, with the pass's options if any
(`--to-train=attention-dropout=0.1`). The first switch decides which
export is the input (the training export for `--to-eval`, the evaluation
export for `--to-train`; with no switch, both are copied). The script
saves PyTorch's export into DIR (default `pt2-repro/`), runs mode-pt2 on
it switch after switch (the commands are printed: rerun them as you
like), then says how the last program compares with PyTorch:

- after `--to-eval`: its outputs and buffers against `m.eval()`, its nodes
  against PyTorch's evaluation export (default IR);
- after `--to-train`: the same against `m.train()` under the same seed
  and PyTorch's training export;
- after two switches or none: the archive against the original
  (test/Target/PT2/compare-archives.py).

mode-pt2 is $MODE_PT2 or build/bin/mode-pt2. Exit status 0 when every
comparison holds, 1 otherwise.
"""

import argparse
import warnings
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness as H  # noqa: E402
import zoo  # noqa: E402


def main(argv=None) -> int:
    warnings.simplefilter("ignore")
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model", choices=zoo.suite_ids())
    parser.add_argument("ir", choices=H.IRS)
    parser.add_argument("--out", type=Path, default=Path("pt2-repro"))
    args, switches = parser.parse_known_args(argv)
    if any(s.split("=")[0] not in ("--to-eval", "--to-train") for s in switches):
        parser.error(f"switches are --to-eval and --to-train (with options: "
                     f"--to-train=attention-dropout=0.1), not {switches}")
    args.out.mkdir(parents=True, exist_ok=True)
    suite = H.Suite(args.out)

    source_mode = "eval" if switches[:1] and switches[0].startswith("--to-train") else "train"
    export = suite.export(args.model, source_mode, args.ir)
    if export.failed:
        print(f"torch.export of {export.key} fails: {export.error_type}: {export.error}")
        return 1
    archive, name = export.archive, export.key
    print(f"# PyTorch's export: {suite.archive_path(name, archive)}")
    run = None
    for switch in switches or [()]:
        passes = (switch,) if switch else ()
        run = suite.mode_pt2(name, archive, *passes)
        print(" ".join(run.command))
        if run.refused:
            print(f"mode-pt2 exited {run.returncode}:\n{run.stderr.strip()}")
            return 1
        archive, name = run.archive, f"{name}.{switch.lstrip('-') or 'copy'}"

    problems = []
    if len(switches) != 1:
        found = H.compare_archives(export.archive, archive)
        print("# the archive against the original (test/Target/PT2/compare-archives.py):")
        print("\n".join(found) or "JSON-equal model, every other entry byte-identical, "
              "PyTorch's layout")
        problems += found
    else:
        target = "eval" if switches[0].startswith("--to-eval") else "train"
        rtol = None if args.ir == "default" else H.DECOMPOSED_RTOL
        program = suite.program(args.model, archive).require()
        found = H.compare_runs(program.runs, suite.eager(args.model, target), rtol)
        print(f"# outputs and buffers against m.{target}() "
              f"({'bitwise' if rtol is None else f'norm-wise relative error <= {rtol:g}'}):")
        print("\n".join(found) or "equal")
        problems += found
        if args.ir == "default":
            reference = suite.export(args.model, target, "default")
            if reference.failed:
                print(f"# no node comparison: PyTorch cannot export m.{target}(): "
                      f"{reference.error_type}")
            else:
                expected = suite.program(args.model, reference.archive).require().lines
                diff = H.graph_diff(program.lines, expected, f"mode-pt2 {switches[0]}",
                                    f"torch.export(m.{target}())", limit=200)
                print(f"# nodes against PyTorch's {target} export:\n{diff or 'equal'}")
                problems += [diff] if diff else []
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
