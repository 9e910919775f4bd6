#!/usr/bin/env python3
"""Generates synthetic `aten` modules for the mode-switch benchmarks.

A module has N ops spread over K functions. A fraction of them (10% by
default) are mode-dependent `aten` ops cycling through every form the passes
know -- the dropout family, rrelu, every batch-norm form and instance norm,
with running statistics and with `!aten.none` ones -- and the rest are
ordinary tensor ops (`arith.addf` / `arith.mulf` on tensors). The module is
written in training form or in evaluation form (`--form eval` is exactly what
`mode-opt --to-eval` makes of `--form train`, printed the same way).

The output is deterministic: the same arguments (and seed) give the same
bytes.

    bench/gen.py --ops 100000 --funcs 64 --form train -o /tmp/m.mlir
"""

import argparse
import random
import sys

T = "tensor<4x8xf32>"  # activations: N=4, C=8
C = "tensor<8xf32>"  # per-channel tensors
NONE = "!aten.none"
MASK = "tensor<4x8xi1>"
RESERVE = "tensor<?xi8>"

# Each kind: (name, writer). A writer gets (out, x, form, rng) and returns the
# lines and the SSA name of the value that flows on.


def _dropout(op):
    def write(v, x, form, rng):
        p = rng.choice(["1.000000e-01", "2.000000e-01", "5.000000e-01"])
        train = "true" if form == "train" else "false"
        if op == "native_dropout":
            return (f"    {v}:2 = aten.native_dropout({x}) p = {p}, train = {train}"
                    f" : ({T}) -> ({T}, {MASK})", f"{v}#0")
        return (f"    {v} = aten.{op}({x}) p = {p}, train = {train}"
                f" : ({T}) -> {T}", v)
    return write


def _rrelu(v, x, form, rng):
    training = "true" if form == "train" else "false"
    return (f"    {v} = aten.rrelu({x}) lower = 1.250000e-01, upper = "
            f"3.333000e-01, training = {training} : ({T}) -> {T}", v)


def _operands(stats, affine):
    w, b = ("%w", "%b") if affine else ("%none", "%none")
    m, s = ("%mean", "%var") if stats else ("%none", "%none")
    wt = C if affine else NONE
    st = C if stats else NONE
    return f"{w}, {b}, {m}, {s}", f"{wt}, {wt}, {st}, {st}"


def _eps(rng):
    return rng.choice(["1.000000e-05", "1.000000e-03"])


def _mom(rng):
    return rng.choice(["1.000000e-01", "3.000000e-02"])


def _flag(form, stats):
    """The mode flag of a normalization: without running statistics there is
    no evaluation form, so it stays in training form."""
    return "true" if form == "train" or not stats else "false"


def _batch_norm(stats, affine):
    def write(v, x, form, rng):
        ops, tys = _operands(stats, affine)
        training = _flag(form, stats)
        return (f"    {v} = aten.batch_norm({x}, {ops}) training = {training}, "
                f"momentum = {_mom(rng)}, eps = {_eps(rng)}, cudnn_enabled = "
                f"false : ({T}, {tys}) -> {T}", v)
    return write


def _native_batch_norm(stats, affine):
    def write(v, x, form, rng):
        ops, tys = _operands(stats, affine)
        training = _flag(form, stats)
        return (f"    {v}:3 = aten.native_batch_norm({x}, {ops}) training = "
                f"{training}, momentum = {_mom(rng)}, eps = {_eps(rng)} : "
                f"({T}, {tys}) -> ({T}, {C}, {C})", f"{v}#0")
    return write


def _cudnn_batch_norm(stats):
    def write(v, x, form, rng):
        ops, tys = _operands(stats, True)
        training = _flag(form, stats)
        return (f"    {v}:4 = aten.cudnn_batch_norm({x}, {ops}) training = "
                f"{training}, exponential_average_factor = {_mom(rng)}, "
                f"epsilon = {_eps(rng)} : ({T}, {tys}) -> ({T}, {C}, {C}, "
                f"{RESERVE})", f"{v}#0")
    return write


def _legit(affine):
    def write(v, x, form, rng):
        ops, tys = _operands(True, affine)
        attrs = f"momentum = {_mom(rng)}, eps = {_eps(rng)}"
        if form == "train":
            return (f"    {v}:3 = aten._native_batch_norm_legit({x}, {ops}) "
                    f"training = true, {attrs} : ({T}, {tys}) -> ({T}, {C}, "
                    f"{C})", f"{v}#0")
        return (f"    {v}:3 = aten._native_batch_norm_legit_no_training({x}, "
                f"{ops}) {attrs} : ({T}, {tys}) -> ({T}, {C}, {C})", f"{v}#0")
    return write


def _legit_no_stats(v, x, form, rng):
    return (f"    {v}:3 = \"aten._native_batch_norm_legit.no_stats\"({x}, %w, "
            f"%b) {{eps = {_eps(rng)} : f64, momentum = {_mom(rng)} : f64, "
            f"training = true}} : ({T}, {C}, {C}) -> ({T}, {C}, {C})", f"{v}#0")


def _legit_functional(v, x, form, rng):
    training = "true" if form == "train" else "false"
    return (f"    {v}:5 = aten._native_batch_norm_legit_functional({x}, %w, "
            f"%b, %mean, %var) training = {training}, momentum = {_mom(rng)}, "
            f"eps = {_eps(rng)} : ({T}, {C}, {C}, {C}, {C}) -> ({T}, {C}, {C}, "
            f"{C}, {C})", f"{v}#0")


def _with_update(v, x, form, rng):
    op = "_batch_norm_with_update" if form == "train" else "_batch_norm_no_update"
    return (f"    {v}:4 = aten.{op}({x}, %w, %b, %mean, %var) momentum = "
            f"{_mom(rng)}, eps = {_eps(rng)} : ({T}, {C}, {C}, {C}, {C}) -> "
            f"({T}, {C}, {C}, {RESERVE})", f"{v}#0")


def _no_update_no_stats(v, x, form, rng):
    # Mode independent: the same op in both forms.
    return (f"    {v}:4 = aten._batch_norm_no_update({x}, %w, %b, %none, "
            f"%none) momentum = {_mom(rng)}, eps = {_eps(rng)} : ({T}, {C}, "
            f"{C}, {NONE}, {NONE}) -> ({T}, {C}, {C}, {RESERVE})", f"{v}#0")


def _instance_norm(stats):
    def write(v, x, form, rng):
        ops, tys = _operands(stats, True)
        use = _flag(form, stats)
        return (f"    {v} = aten.instance_norm({x}, {ops}) use_input_stats = "
                f"{use}, momentum = {_mom(rng)}, eps = {_eps(rng)}, "
                f"cudnn_enabled = false : ({T}, {tys}) -> {T}", v)
    return write


MODE_KINDS = [
    _dropout("dropout"),
    _dropout("feature_dropout"),
    _dropout("alpha_dropout"),
    _dropout("feature_alpha_dropout"),
    _dropout("native_dropout"),
    _rrelu,
    _batch_norm(stats=True, affine=True),
    _batch_norm(stats=True, affine=False),
    _batch_norm(stats=False, affine=True),
    _native_batch_norm(stats=True, affine=True),
    _native_batch_norm(stats=False, affine=False),
    _cudnn_batch_norm(stats=True),
    _cudnn_batch_norm(stats=False),
    _legit(affine=True),
    _legit(affine=False),
    _legit_no_stats,
    _legit_functional,
    _with_update,
    _no_update_no_stats,
    _instance_norm(stats=True),
    _instance_norm(stats=False),
]


def generate(out, ops, funcs, fraction, form, seed):
    rng = random.Random(seed)
    out.write(f"// Generated by bench/gen.py --ops {ops} --funcs {funcs} "
              f"--fraction {fraction} --form {form} --seed {seed}\n")
    out.write("module {\n")
    kind = 0
    for f in range(funcs):
        # Spread the ops evenly; the first functions take the remainder.
        n = ops // funcs + (1 if f < ops % funcs else 0)
        out.write(f"  func.func @f{f}(%x: {T}, %w: {C}, %b: {C}, %mean: {C}, "
                  f"%var: {C}) -> {T} {{\n")
        out.write("    %none = aten.none\n")
        cur = "%x"
        lines = []
        for i in range(n):
            v = f"%{i}"
            if rng.random() < fraction:
                line, cur = MODE_KINDS[kind % len(MODE_KINDS)](v, cur, form, rng)
                kind += 1
            else:
                op = "arith.addf" if rng.random() < 0.5 else "arith.mulf"
                line = f"    {v} = {op} {cur}, %x : {T}"
                cur = v
            lines.append(line)
            if len(lines) >= 4096:
                out.write("\n".join(lines) + "\n")
                lines.clear()
        if lines:
            out.write("\n".join(lines) + "\n")
        out.write(f"    return {cur} : {T}\n  }}\n")
    out.write("}\n")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ops", type=int, default=10000,
                    help="number of ops, mode-dependent and ordinary")
    ap.add_argument("--funcs", type=int, default=1, help="number of functions")
    ap.add_argument("--fraction", type=float, default=0.1,
                    help="fraction of mode-dependent ops (default 0.1)")
    ap.add_argument("--form", choices=["train", "eval"], default="train")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--output", default="-")
    args = ap.parse_args(argv)
    if args.output == "-":
        generate(sys.stdout, args.ops, args.funcs, args.fraction, args.form,
                 args.seed)
    else:
        with open(args.output, "w") as out:
            generate(out, args.ops, args.funcs, args.fraction, args.form,
                     args.seed)


if __name__ == "__main__":
    main()
