#!/usr/bin/env python3
"""Writes the mode-dependent .pt2 fixtures into test/Target/PT2/Inputs.

Needs PyTorch 2.13.0, CPU build (pin the version; an unpinned torch may pull
a CUDA build of several GB and writes other archives):

    pip install torch==2.13.0
    scripts/gen-pt2-fixtures.py [DIR]           # default: test/Target/PT2/Inputs
    scripts/gen-pt2-fixtures.py --check [DIR]   # regenerate in memory, compare
    scripts/gen-pt2-fixtures.py --only sdpa lstm

For every model of test/PyTorch/fixture_models.py it writes four archives

    <model>.<train|eval>.<default|decomposed>.pt2

(`train()` or `eval()` mode; the `torch.export.export` graph, or the same
program after `ep.run_decompositions()`), and the list of them, with sizes
and the mode-carrying nodes each holds, into DIR/README.md between the
GENERATED markers. The models of test/PyTorch/library_fixture_models.py
(torchvision, timm and transformers modules, issue 17; needs the suite's
Python, scripts/pytorch-python) go the same way into DIR/libraries, listed
in a second section of the same README.

Determinism. The output is the same byte for byte on every run with torch
2.13.0+cpu, wherever the checkout and Python live. Three things would
otherwise change:
  - the model file's path in every node's stack_trace: the models are
    compiled under their repository-relative name
    "test/PyTorch/fixture_models.py", not imported from the checkout;
  - torch's install path in the same stack traces
    ("/.../site-packages/torch/nn/modules/batchnorm.py"): the site-packages
    prefix is removed, leaving "torch/nn/modules/batchnorm.py"
    (--keep-paths keeps it);
  - the "graph_id" fields of the from_node metadata of decomposed graphs,
    which are Python id()s of transient FX graphs and differ on every run:
    they are renumbered 1, 2, ... in order of first appearance
    (--keep-graph-ids keeps them).
Everything else (weights from fixed seeds, sample inputs, node names, the
torch_fn counters, the zip layout, .data/serialization_id) was measured to
be stable across runs and processes.
"""

from __future__ import annotations

import argparse
import io
import json
import linecache
import os
import sys
import tempfile
import types
import warnings
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
MODELS_REL = "test/PyTorch/fixture_models.py"
LIBRARY_MODELS_REL = "test/PyTorch/library_fixture_models.py"
LIBRARY_SUBDIR = "libraries"
DEFAULT_DIR = "test/Target/PT2/Inputs"
# library_fixture_models imports real_libraries from there.
sys.path.insert(0, os.path.join(REPO, "test", "PyTorch"))
SEED = 0

import torch  # noqa: E402

MODES = ("train", "eval")
LEVELS = ("default", "decomposed")
MODE_WORDS = ("dropout", "batch_norm", "instance_norm", "rrelu", "bernoulli", "lstm",
              "scaled_dot_product", "rand")


def load_models(rel: str = MODELS_REL):
    """A fixture model file, compiled under its repository-relative name."""
    path = os.path.join(REPO, rel)
    with open(path) as f:
        source = f.read()
    name = os.path.splitext(os.path.basename(rel))[0]
    mod = types.ModuleType(name)
    mod.__file__ = rel
    sys.modules[name] = mod
    # Stack traces quote source lines through linecache, which would look
    # the file up relative to the working directory: give it the text.
    linecache.cache[rel] = (len(source), None, source.splitlines(True), rel)
    exec(compile(source, rel, "exec"), mod.__dict__)
    return mod


def randomize_norm_stats(model: torch.nn.Module, seed: int) -> None:
    """Non-trivial affine parameters and running statistics, so that train
    and eval forwards differ visibly (as test/PyTorch/zoo.py does)."""
    g = torch.Generator().manual_seed(seed + 12345)
    with torch.no_grad():
        for m in model.modules():
            if not isinstance(m, torch.nn.modules.batchnorm._NormBase):
                continue
            if m.weight is not None:
                m.weight.copy_(1.0 + 0.1 * torch.randn(m.weight.shape, generator=g))
                m.bias.copy_(0.1 * torch.randn(m.bias.shape, generator=g))
            if m.running_mean is not None:
                m.running_mean.copy_(0.1 * torch.randn(m.running_mean.shape, generator=g))
                m.running_var.copy_(0.5 + torch.rand(m.running_var.shape, generator=g))
                m.num_batches_tracked.fill_(7)


def normalize_meta(ep, keep_paths: bool, keep_graph_ids: bool) -> None:
    site = os.path.dirname(os.path.dirname(torch.__file__)) + os.sep
    ids: dict[int, int] = {}
    seen: set[int] = set()

    def renumber(sources):
        for src in sources or []:
            if id(src) in seen:
                continue
            seen.add(id(src))
            info = getattr(src, "node_info", None)
            if info is not None:
                info.graph_id = ids.setdefault(info.graph_id, len(ids) + 1)
            src._dict = None  # NodeSource caches its dict form
            renumber(src.from_node)

    for node in ep.graph.nodes:
        st = node.meta.get("stack_trace")
        if st and not keep_paths:
            node.meta["stack_trace"] = st.replace(site, "")
        if not keep_graph_ids:
            renumber(node.meta.get("from_node"))


def drop_traces(ep) -> None:
    """Leaves out the `stack_trace` and `from_node` metadata of every node:
    half the size of a small archive, and what the library fixtures test
    (module provenance, nn_module_stack) is kept; the other fixtures hold
    both."""
    for node in ep.graph.nodes:
        node.meta.pop("stack_trace", None)
        node.meta.pop("from_node", None)


def build(models, name: str, mode: str, level: str, keep_paths: bool, keep_graph_ids: bool):
    factory, inputs, dyn = models.FIXTURES[name]
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(SEED)
        model = factory()
    randomize_norm_stats(model, SEED)
    getattr(model, mode)()
    args = inputs(torch.Generator().manual_seed(SEED))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ep = torch.export.export(model, args, dynamic_shapes=dyn() if dyn else None)
        if level == "decomposed":
            ep = ep.run_decompositions()
    normalize_meta(ep, keep_paths, keep_graph_ids)
    if getattr(models, "DROP_TRACES", False):
        drop_traces(ep)
    return ep


def archive_bytes(ep, file_name: str) -> bytes:
    """torch.export.save to a file of this name (the name sets the archive's
    top folder), returned as bytes."""
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, file_name)
        torch.export.save(ep, path)
        with open(path, "rb") as f:
            return f.read()


def summarize(data: bytes) -> dict:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        name = next(n for n in z.namelist() if n.endswith("/models/model.json"))
        j = json.loads(z.read(name))
    g = j["graph_module"]["graph"]
    ops = []
    for n in g["nodes"]:
        t = n["target"].replace("torch.ops.aten.", "")
        if any(w in t for w in MODE_WORDS):
            flag = ""
            for a in n["inputs"]:
                if a["name"] in ("train", "training", "use_input_stats", "dropout_p"):
                    (k, v), = a["arg"].items()
                    flag = f"({a['name']}={json.dumps(v)})"
            ops.append(t + flag)
        elif any(a["arg"].get("as_tensor", {}).get("name", "").endswith("num_batches_tracked")
                 for a in n["inputs"]):
            ops.append(t + "(num_batches_tracked)")
    outs = [next(iter(s)) for s in j["graph_module"]["signature"]["output_specs"]]
    return {"ops": ops, "outputs": outs, "verifier": j["verifiers"][0],
            "dynamic": bool(j["range_constraints"])}


README_BEGIN = "<!-- BEGIN GENERATED by scripts/gen-pt2-fixtures.py -->"
README_END = "<!-- END GENERATED by scripts/gen-pt2-fixtures.py -->"
LIBRARY_README_BEGIN = "<!-- BEGIN GENERATED libraries by scripts/gen-pt2-fixtures.py -->"
LIBRARY_README_END = "<!-- END GENERATED libraries by scripts/gen-pt2-fixtures.py -->"

README_HEAD = """# `.pt2` fixtures

Archives written by `torch.export.save` of PyTorch 2.13.0 (CPU), for the
importer/exporter tests. Binary; do not edit by hand.

"""


def library_readme_section(rows: list[tuple[str, int, dict]]) -> str:
    out = [
        "## Real-library fixtures (`libraries/`)",
        "",
        "Written by `scripts/gen-pt2-fixtures.py` from the models of "
        "`test/PyTorch/library_fixture_models.py`, which use torchvision's, timm's and "
        "transformers' own modules (issue 17; the suite's Python has them: "
        "`scripts/pytorch-python --install`), exported as above: "
        "`libraries/<model>.<train|eval>.<default|decomposed>.pt2`, without the nodes' "
        "`stack_trace` and `from_node` metadata (to keep them small). In a folder of their "
        "own so that the tests globbing `Inputs/*.pt2` (JSON reading, fuzz seeds) are "
        "unchanged. The forms they hold, and the same in full-size models, are in "
        "`docs/pytorch-exports-real-models.md`.",
        "",
        "| model | what it holds |",
        "|---|---|",
    ]
    models = load_models(LIBRARY_MODELS_REL)
    for name, (factory, _, _) in models.FIXTURES.items():
        doc = " ".join((factory.__doc__ or "").split())
        out.append(f"| `{name}` | {doc} |")
    out += [
        "",
        "| file | bytes | mode-carrying and random nodes | output specs |",
        "|---|---:|---|---|",
    ]
    for fname, size, s in rows:
        ops = ", ".join(f"`{o}`" for o in s["ops"]) or "none (the mode left no node)"
        out.append(f"| `{fname}` | {size} | {ops} | {', '.join(s['outputs'])} |")
    total = sum(r[1] for r in rows)
    out += ["", f"{len(rows)} files, {total} bytes in all."]
    return "\n".join(out)


def readme_section(rows: list[tuple[str, int, dict]]) -> str:
    out = [
        "## Mode-dependent fixtures",
        "",
        "Written by `scripts/gen-pt2-fixtures.py` from the models of "
        "`test/PyTorch/fixture_models.py` (regenerate with `pip install torch==2.13.0; "
        "scripts/gen-pt2-fixtures.py`, check with `--check`). Each model is exported in "
        "`train()` and `eval()` mode as the default `torch.export.export` graph "
        "(verifier `TRAINING`) and after `ep.run_decompositions()` (verifier `ATEN`): "
        "`<model>.<train|eval>.<default|decomposed>.pt2`. Weights are seeded; batch/instance "
        "norm running statistics are non-trivial (`num_batches_tracked` = 7). Stack traces "
        "name `test/PyTorch/fixture_models.py` and `torch/...` (the site-packages prefix is "
        "removed) and `from_node` graph ids are renumbered, so the files are identical on "
        "every run. The facts behind them are in `docs/pytorch-exports.md`.",
        "",
        "| file | bytes | mode-carrying nodes | output specs |",
        "|---|---:|---|---|",
    ]
    for fname, size, s in rows:
        ops = ", ".join(f"`{o}`" for o in s["ops"]) or "none (the mode left no node)"
        outs = ", ".join(s["outputs"])
        dyn = " (dynamic batch)" if s["dynamic"] else ""
        out.append(f"| `{fname}`{dyn} | {size} | {ops} | {outs} |")
    total = sum(r[1] for r in rows)
    out += ["", f"{len(rows)} files, {total} bytes in all."]
    return "\n".join(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir", nargs="?", default=os.path.join(REPO, DEFAULT_DIR))
    ap.add_argument("--only", nargs="*", help="only these fixture models")
    ap.add_argument("--check", action="store_true",
                    help="write nothing; exit 1 if a file differs from a fresh export")
    ap.add_argument("--keep-paths", action="store_true", help="keep absolute paths in stack traces")
    ap.add_argument("--keep-graph-ids", action="store_true", help="keep from_node graph ids")
    args = ap.parse_args(argv)

    if not torch.__version__.startswith("2.13.0"):
        print(f"warning: torch {torch.__version__}, the fixtures are for 2.13.0", file=sys.stderr)
    args.dir = os.path.abspath(args.dir)
    os.chdir(REPO)  # nothing below depends on the caller's directory
    groups = [(load_models(), args.dir, README_BEGIN, README_END, readme_section),
              (load_models(LIBRARY_MODELS_REL), os.path.join(args.dir, LIBRARY_SUBDIR),
               LIBRARY_README_BEGIN, LIBRARY_README_END, library_readme_section)]
    known = {n for g in groups for n in g[0].FIXTURES}
    unknown = sorted(set(args.only or ()) - known)
    if unknown:
        print(f"unknown fixture models: {', '.join(unknown)}", file=sys.stderr)
        return 1
    differ = []
    readme = os.path.join(args.dir, "README.md")
    text = open(readme).read() if os.path.exists(readme) else README_HEAD
    new = text
    for models, out_dir, begin, end, render in groups:
        names = [n for n in models.FIXTURES if not args.only or n in args.only]
        os.makedirs(out_dir, exist_ok=True)
        rows = []
        for name in names:
            for mode in MODES:
                for level in LEVELS:
                    fname = f"{name}.{mode}.{level}.pt2"
                    ep = build(models, name, mode, level, args.keep_paths, args.keep_graph_ids)
                    data = archive_bytes(ep, fname)
                    rows.append((fname, len(data), summarize(data)))
                    path = os.path.join(out_dir, fname)
                    if args.check:
                        old = open(path, "rb").read() if os.path.exists(path) else None
                        if old != data:
                            differ.append(os.path.relpath(path, args.dir))
                    else:
                        with open(path, "wb") as f:
                            f.write(data)
                    print(f"{os.path.relpath(path, args.dir)}: {len(data)} bytes",
                          file=sys.stderr)
        if args.only:
            continue
        section = begin + "\n\n" + render(rows) + "\n\n" + end
        if begin in new and end in new:
            head, rest = new.split(begin, 1)
            _, tail = rest.split(end, 1)
            new = head + section + tail
        else:
            new = new.rstrip("\n") + "\n\n" + section + "\n"
    if not args.only:
        if args.check:
            if new != text:
                differ.append("README.md")
        else:
            with open(readme, "w") as f:
                f.write(new)

    if args.check:
        for f in differ:
            print(f"differs: {f}", file=sys.stderr)
        return 1 if differ else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
