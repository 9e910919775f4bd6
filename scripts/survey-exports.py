#!/usr/bin/env python3
"""Survey what `torch.export` makes of every zoo model, in both modes.

Needs `pip install torch==2.13.0` (CPU is enough); no other package.

For every model of test/PyTorch/zoo.py, in `train()` and `eval()` mode, it
exports the model with `torch.export.export` (the "training IR", dialect
TRAINING) and then runs `ep.run_decompositions()` (the core-ATen "decomposed
IR", dialect ATEN). Each program is written with `torch.export.save` to
memory and its `models/model.json` is read back, so that every fact below is
about the serialized archive the C++ tools will read, not about the
in-memory FX graph. Each archive is also loaded back with
`torch.export.load`.

Recorded per program: the export error if any (type, first line, the user
frame PyTorch names); the graph signature (input and output spec kinds);
every node whose target is mode-dependent (see MODE_PATTERNS) with its
serialized inputs (argument name, Argument union member, value, kind), its
outputs, its metadata keys and its name; and the count of every target, so
that the targets present in only one mode can be listed.

Usage:
    scripts/survey-exports.py                     # all models, markdown to stdout
    scripts/survey-exports.py bn2d dropout        # some models
    scripts/survey-exports.py --json facts.json   # also the raw facts as JSON
    scripts/survey-exports.py --from-json facts.json  # re-render, no export
    scripts/survey-exports.py --write-doc docs/pytorch-exports.md \
        --write-doc docs/pytorch-exports-models.md
        # replace the text between the GENERATED markers of the docs

The run takes one to two minutes on one core. The output is the same on
every run with the same PyTorch build, except that the byte sizes of
decomposed archives could change by a few bytes: their from_node metadata
holds Python id()s (seen stable in length so far; scripts/gen-pt2-fixtures.py
renumbers them, this script does not).
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import io
import json
import os
import re
import sys
import time
import traceback
import warnings
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(REPO, "test", "PyTorch"))

import torch  # noqa: E402

import zoo  # noqa: E402

# Targets (serialized form, "torch.ops.aten.<op>.<overload>") whose node
# carries the mode, or comes from a mode-dependent module.
MODE_PATTERNS = [
    r"dropout",
    r"batch_norm",
    r"instance_norm",
    r"rrelu",
    r"bernoulli",
    r"\.(lstm|gru|rnn_tanh|rnn_relu)\.",
    r"scaled_dot_product",
    r"multi_head_attention",
    r"transformer_encoder_layer",
    r"_pack_padded_sequence",
]
MODE_RE = re.compile("|".join(MODE_PATTERNS))

LEVELS = ("default", "decomposed")
MODES = ("train", "eval")
BIG_LIST = 4  # tensor lists longer than this are abbreviated
MAX_NAMES = 6  # node-name lists longer than this are abbreviated
MAX_CODE_LINES = 30  # longer graph listings are not printed
# Node metadata keys of (nearly) every program; listed only where different.
USUAL_METADATA = {
    "default": ["nn_module_stack", "stack_trace", "torch_fn"],
    "decomposed": ["from_node", "nn_module_stack", "stack_trace", "torch_fn"],
}


def _short_path(text: str) -> str:
    """Absolute paths of this machine, shortened for the report."""
    text = text.replace(os.path.dirname(torch.__file__), "<torch>")
    text = text.replace(REPO + os.sep, "")
    return text


def _error_facts(exc: BaseException) -> dict:
    msg = str(exc)
    lines = [l for l in msg.splitlines() if l.strip()]
    first = lines[0] if lines else ""
    # PyTorch names the user frame after "The following call raised this error:"
    frame = None
    m = re.search(r"The following call raised this error:\n(.*\n.*)", msg)
    if m:
        frame = " / ".join(s.strip() for s in m.group(1).splitlines())
    # Otherwise the innermost frame of the traceback inside torch.nn.
    tb = traceback.extract_tb(exc.__traceback__)
    nn_frames = [f for f in tb if "/torch/nn/" in f.filename or "zoo.py" in f.filename]
    where = None
    if nn_frames:
        f = nn_frames[-1]
        where = f"{_short_path(f.filename)}:{f.lineno} ({f.line})"
    return {
        "type": f"{type(exc).__module__}.{type(exc).__name__}",
        "first_line": _short_path(first),
        "raised_at": _short_path(frame) if frame else None,
        "innermost_nn_frame": where,
    }


def _model_json(ep) -> tuple[dict, int]:
    buf = io.BytesIO()
    torch.export.save(ep, buf)
    data = buf.getvalue()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        name = next(n for n in z.namelist() if n.endswith("/models/model.json"))
        return json.loads(z.read(name)), len(data)


def _load_check(ep) -> str:
    buf = io.BytesIO()
    torch.export.save(ep, buf)
    buf.seek(0)
    try:
        torch.export.load(buf)
        return "ok"
    except Exception as e:  # pragma: no cover - recorded, not raised
        return f"{type(e).__name__}: {str(e).splitlines()[0]}"


def _render_arg(arg: dict) -> tuple[str, str]:
    """(union member, short value) of a serialized Argument."""
    (key, val), = arg.items()
    if key == "as_tensor":
        return key, "%" + val["name"]
    if key == "as_none":
        return key, "None"
    if key in ("as_tensors", "as_optional_tensors"):
        names = ["%" + (v["name"] if "name" in v else
                        (v["as_tensor"]["name"] if "as_tensor" in v else "None"))
                 for v in val]
        if len(names) > BIG_LIST:
            return key, f"[{', '.join(names[:2])}, ... {len(names)} tensors]"
        return key, "[" + ", ".join(names) + "]"
    if key == "as_sym_int":
        return key, json.dumps(val)
    return key, json.dumps(val)


def _node_facts(node: dict) -> dict:
    return {
        "name": node.get("name"),
        "target": node["target"],
        "inputs": [
            {"name": a["name"], "member": _render_arg(a["arg"])[0],
             "value": _render_arg(a["arg"])[1], "kind": a.get("kind")}
            for a in node["inputs"]
        ],
        "outputs": [_render_arg(o)[1] + " (" + _render_arg(o)[0] + ")" for o in node["outputs"]],
        "metadata_keys": sorted(node.get("metadata", {}).keys()),
        "is_hop_single_tensor_return": node.get("is_hop_single_tensor_return"),
    }


def _spec_facts(spec: dict) -> dict:
    (kind, body), = spec.items()
    arg = body.get("arg")
    if isinstance(arg, dict) and "name" in arg:
        name = arg["name"]
    elif isinstance(arg, dict):
        name = _render_arg(arg)[1].lstrip("%")
    else:
        name = body.get("name")
    target = (body.get("parameter_name") or body.get("buffer_name")
              or body.get("tensor_constant_name") or body.get("user_input_name"))
    out = {"kind": kind, "name": name}
    if target:
        out["target"] = target
    if "persistent" in body:
        out["persistent"] = body["persistent"]
    return out


def _graph_facts(j: dict) -> dict:
    gm = j["graph_module"]
    g = gm["graph"]
    nodes = g["nodes"]
    counts = collections.Counter(n["target"] for n in nodes)
    mode_nodes = [_node_facts(n) for n in nodes if MODE_RE.search(n["target"])]
    # The num_batches_tracked counter (add_ / add on that buffer).
    nbt_inputs = {
        s["buffer"]["arg"]["name"] for s in gm["signature"]["input_specs"]
        if "buffer" in s and s["buffer"]["buffer_name"].endswith("num_batches_tracked")
    }
    counter_nodes = [
        _node_facts(n) for n in nodes
        if any(a["arg"].get("as_tensor", {}).get("name") in nbt_inputs for a in n["inputs"])
        and not MODE_RE.search(n["target"])
    ]
    unused = [o for n in nodes for o in n["outputs"]
              if "as_tensor" in o and "_unused_" in o["as_tensor"]["name"]]
    unused_in_tv = all(o["as_tensor"]["name"] in g["tensor_values"] for o in unused)
    return {
        "top": {k: j[k] for k in ("schema_version", "opset_version", "verifiers", "torch_version")},
        "input_specs": [_spec_facts(s) for s in gm["signature"]["input_specs"]],
        "output_specs": [_spec_facts(s) for s in gm["signature"]["output_specs"]],
        "range_constraints": j["range_constraints"],
        "n_nodes": len(nodes),
        "target_counts": dict(sorted(counts.items())),
        "mode_nodes": mode_nodes,
        "counter_nodes": counter_nodes,
        "unused_outputs": len(unused),
        "unused_outputs_in_tensor_values": unused_in_tv,
        "metadata_keys": sorted({k for n in nodes for k in n.get("metadata", {})}),
        "node_names": [n.get("name") for n in nodes],
    }


def _code(ep) -> str:
    """The readable FX code, without comments, shapes only."""
    text = ep.graph_module.print_readable(
        print_output=False, include_stride=False, include_device=False, colored=False)
    keep = [l for l in text.splitlines() if l.strip() and not l.strip().startswith("#")]
    # Drop FX's "x = y = None" liveness trailers and the class line.
    keep = [l.split(";  ")[0] for l in keep[1:]]
    return "\n".join(keep)


def survey_entry(entry, with_code: bool) -> dict:
    out = {"id": entry.id, "description": entry.description, "group": entry.group,
           "dynamic": entry.dynamic_shapes is not None, "programs": {}}
    for mode in MODES:
        model = entry.build()
        getattr(model, mode)()
        t0 = time.time()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                ep = torch.export.export(model, entry.example_inputs(),
                                         dynamic_shapes=entry.dynamic_shapes_spec())
        except Exception as e:
            for level in LEVELS:
                out["programs"][f"{mode}.{level}"] = {"error": _error_facts(e), "stage": "export"}
            continue
        progs = {"default": ep}
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                progs["decomposed"] = ep.run_decompositions()
        except Exception as e:
            out["programs"][f"{mode}.decomposed"] = {"error": _error_facts(e),
                                                     "stage": "run_decompositions"}
        for level, p in progs.items():
            try:
                j, size = _model_json(p)
            except Exception as e:
                out["programs"][f"{mode}.{level}"] = {"error": _error_facts(e), "stage": "save"}
                continue
            facts = _graph_facts(j)
            facts["archive_bytes"] = size
            facts["load"] = _load_check(p)
            if with_code:
                facts["code"] = _code(p)
            out["programs"][f"{mode}.{level}"] = facts
        out[f"seconds_{mode}"] = round(time.time() - t0, 1)
    return out


# ---------------------------------------------------------------------------
# Markdown
# ---------------------------------------------------------------------------


def _short_target(t: str) -> str:
    return t.replace("torch.ops.aten.", "")


def _mode_summary(p: dict) -> str:
    if "error" in p:
        return "**fails** (" + p["error"]["type"].rsplit(".", 1)[-1] + ")"
    c = collections.Counter()
    for n in p["mode_nodes"] + p["counter_nodes"]:
        flag = _mode_flag(n)
        c[_short_target(n["target"]) + (f" [{flag}]" if flag else "")] += 1
    if not c:
        return "—"
    return "<br>".join(f"`{k}`" + (f" ×{v}" if v > 1 else "") for k, v in sorted(c.items()))


_FLAG_ARGS = ("train", "training", "use_input_stats", "dropout_p", "p")


def _mode_flag(n: dict) -> str:
    args = {a["name"]: a["value"] for a in n["inputs"]}
    for k in ("train", "training", "use_input_stats"):
        if k in args:
            return f"{k}={args[k]}"
    if "dropout_p" in args:
        return f"dropout_p={args['dropout_p']}"
    t = n["target"]
    if "rrelu" in t:
        return "training omitted (False)"
    if "scaled_dot_product" in t:
        return "dropout_p omitted (0.0)"
    return ""


def _signature_line(specs: list, with_targets: bool) -> str:
    out = []
    for s in specs:
        label = s["kind"]
        if with_targets and "target" in s and s["kind"] != "parameter":
            label += f"({s['target']})"
        out.append(label)
    # compress runs
    comp, prev, n = [], None, 0
    for x in out + [None]:
        if x == prev:
            n += 1
            continue
        if prev is not None:
            comp.append(prev + (f" ×{n}" if n > 1 else ""))
        prev, n = x, 1
    return ", ".join(comp)


def _node_table(n: dict) -> list[str]:
    lines = [
        f"`{n['name']}` = `{n['target']}` → outputs {', '.join('`' + o + '`' for o in n['outputs'])};"
        f" metadata keys: {', '.join(n['metadata_keys']) or '(none)'}",
        "",
        "| # | name | Argument member | value | kind |",
        "|---|---|---|---|---|",
    ]
    for i, a in enumerate(n["inputs"]):
        lines.append(f"| {i} | `{a['name']}` | `{a['member']}` | `{a['value']}` | {a['kind']} |")
    return lines


def _shape_key(n: dict) -> tuple:
    return (n["target"], tuple((a["name"], a["member"], a["kind"]) for a in n["inputs"]),
            len(n["outputs"]))


def render_markdown(results: list[dict], with_code_ids: set[str]) -> dict[str, str]:
    """{"summary": ..., "models": ...}: the two generated sections."""
    out = []
    w = out.append
    first_ok = next((p for r in results for p in r["programs"].values() if "error" not in p), None)
    if first_ok:
        w(f"Measured with torch {first_ok['top']['torch_version']}: schema_version "
          f"`{json.dumps(first_ok['top']['schema_version'])}`, opset_version "
          f"`{json.dumps(first_ok['top']['opset_version'])}`.")
        w("")

    # 1. Overview table.
    w("### Mode-carrying nodes per model (generated)")
    w("")
    w("Each cell lists the mode-dependent nodes (targets matching "
      f"`{'|'.join(MODE_PATTERNS)}`, plus any node reading a `num_batches_tracked` "
      "buffer) with their mode argument.")
    w("")
    w("| model | train / default | eval / default | train / decomposed | eval / decomposed |")
    w("|---|---|---|---|---|")
    for r in results:
        cells = [_mode_summary(r["programs"][f"{m}.{l}"]) for l in LEVELS for m in MODES]
        w(f"| `{r['id']}` | " + " | ".join(cells) + " |")
    w("")

    # 2. Failures.
    w("### Exports that fail (generated)")
    w("")
    any_fail = False
    for r in results:
        for key, p in r["programs"].items():
            if "error" not in p:
                continue
            if key.endswith(".decomposed") and p["stage"] == "export":
                continue  # reported once, under default
            any_fail = True
            e = p["error"]
            w(f"- `{r['id']}` {key.split('.')[0]} ({p['stage']}): `{e['type']}`: {e['first_line']}")
            if e["raised_at"]:
                w(f"  - PyTorch names the call: `{e['raised_at']}`")
            if e["innermost_nn_frame"]:
                w(f"  - innermost torch.nn / zoo frame: `{e['innermost_nn_frame']}`")
    if not any_fail:
        w("None.")
    w("")

    # 3. Node catalogue: one table per distinct serialized shape.
    w("### Serialized mode-carrying nodes, by argument shape (generated)")
    w("")
    w("One entry per distinct (target, argument names/members/kinds, output count); "
      "`kind` 1 = POSITIONAL, 2 = KEYWORD. Values are from the first program listed.")
    w("")
    seen: dict[tuple, list] = {}
    examples: dict[tuple, dict] = {}
    for r in results:
        for key, p in r["programs"].items():
            if "error" in p:
                continue
            for n in p["mode_nodes"] + p["counter_nodes"]:
                k = _shape_key(n)
                seen.setdefault(k, [])
                tag = f"{r['id']} {key}"
                if tag not in seen[k]:
                    seen[k].append(tag)
                examples.setdefault(k, n)
    for k in sorted(seen, key=lambda k: (k[0], len(k[1]))):
        n = examples[k]
        w(f"#### `{_short_target(n['target'])}` ({len(n['inputs'])} inputs, {len(n['outputs'])} outputs)")
        w("")
        w(f"Seen in: {', '.join(seen[k][:8])}" + (f" and {len(seen[k]) - 8} more" if len(seen[k]) > 8 else ""))
        w("")
        out.extend(_node_table(n))
        w("")

    summary = "\n".join(out)
    out = []
    w = out.append

    # 4. Per model.
    w("## Per model (generated)")
    w("")
    w("Node metadata keys are " + ", ".join(USUAL_METADATA["default"]) + " in the training IR "
      "and also from_node in the decomposed IR, unless a program lists others.")
    w("")
    for r in results:
        w(f"#### `{r['id']}`")
        w("")
        w(r["description"] + ".")
        w("")
        for key in (f"{m}.{l}" for m in MODES for l in LEVELS):
            p = r["programs"][key]
            if "error" in p:
                if p["stage"] == "export" and key.endswith("decomposed"):
                    continue
                w(f"- **{key}**: fails at {p['stage']}: `{p['error']['type']}`")
                continue
            w(f"- **{key}** ({p['top']['verifiers'][0]}, {p['n_nodes']} nodes, "
              f"{p['archive_bytes']} bytes, load: {p['load']})")
            w(f"  - input_specs: {_signature_line(p['input_specs'], False)}")
            w(f"  - output_specs: {_signature_line(p['output_specs'], len(p['output_specs']) <= 8)}")
            names = [n["name"] for n in p["mode_nodes"] + p["counter_nodes"]]
            if len(names) > MAX_NAMES:
                names = names[:MAX_NAMES - 2] + [f"... ({len(names)} in all)"] + names[-2:]
            if names:
                w(f"  - mode-node names: {', '.join('`' + x + '`' for x in names)}")
            if p["range_constraints"]:
                w(f"  - range_constraints: `{json.dumps(p['range_constraints'])}`")
            if p["unused_outputs"]:
                w(f"  - `_unused_` outputs: {p['unused_outputs']}, all in tensor_values: "
                  f"{p['unused_outputs_in_tensor_values']}")
            usual = USUAL_METADATA[key.split(".")[1]]
            if p["metadata_keys"] != usual:
                w(f"  - node metadata keys: {', '.join(p['metadata_keys']) or '(none)'} "
                  f"(usually {', '.join(usual)})")
        for level in LEVELS:
            a, b = r["programs"][f"train.{level}"], r["programs"][f"eval.{level}"]
            if "error" in a or "error" in b:
                continue
            ca, cb = collections.Counter(a["target_counts"]), collections.Counter(b["target_counts"])
            diff = sorted(set(ca) | set(cb))
            diff = [t for t in diff if ca[t] != cb[t]]
            if diff:
                w(f"- {level}: targets whose count differs, train vs eval: " + ", ".join(
                    f"`{_short_target(t)}` {ca[t]}/{cb[t]}" for t in diff))
            else:
                w(f"- {level}: the same targets, with the same counts, in both modes")
        w("")
        if r["id"] in with_code_ids:
            for key in (f"{m}.{l}" for m in MODES for l in LEVELS):
                p = r["programs"][key]
                if "code" not in p:
                    continue
                code = "\n".join(l.split(";  ")[0] for l in p["code"].splitlines())
                n_lines = code.count("\n") + 1
                if n_lines > MAX_CODE_LINES:
                    w(f"({r['id']} {key}: {n_lines} lines, not shown)")
                    w("")
                    continue
                w(f"<details><summary>{r['id']} {key}</summary>")
                w("")
                w("```python")
                w(code)
                w("```")
                w("</details>")
                w("")
    return {"summary": summary, "models": "\n".join(out)}


def _markers(section: str) -> tuple[str, str]:
    return (f"<!-- BEGIN GENERATED {section} by scripts/survey-exports.py -->",
            f"<!-- END GENERATED {section} -->")

# Models whose full graphs are worth printing in the doc (small ones).
CODE_IDS = {
    "dropout", "dropout_inplace", "dropout2d", "selu_mlp", "rrelu", "rrelu_inplace",
    "bn2d", "bn_affine_false", "bn_no_stats", "bn_momentum_none", "instance_norm",
    "instance_norm_no_stats", "multi_output_mutation", "sdpa", "dynamic_batch",
}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("ids", nargs="*", help="zoo ids (default: all)")
    ap.add_argument("--json", help="write the raw facts here")
    ap.add_argument("--write-doc", action="append", default=[],
                    help="fill the GENERATED summary/models markers of this markdown "
                         "file (repeatable)")
    ap.add_argument("--no-code", action="store_true", help="no graph listings")
    ap.add_argument("--from-json", help="render facts saved by --json instead of exporting")
    args = ap.parse_args(argv)

    ids = args.ids or zoo.ids()
    results = []
    if args.from_json:
        with open(args.from_json) as f:
            results = [r for r in json.load(f) if not args.ids or r["id"] in args.ids]
        ids = []
    for i in ids:
        entry = zoo.get(i)
        print(f"[survey] {i}", file=sys.stderr, flush=True)
        with contextlib.redirect_stdout(sys.stderr):  # export failures print graphs
            results.append(survey_entry(entry, with_code=(i in CODE_IDS and not args.no_code)))

    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1, sort_keys=True)
            f.write("\n")
    sections = render_markdown(results, CODE_IDS)
    for path in args.write_doc:
        with open(path) as f:
            doc = f.read()
        filled = 0
        for name, md in sections.items():
            begin, end = _markers(name)
            if begin not in doc or end not in doc:
                continue
            head, rest = doc.split(begin, 1)
            _, tail = rest.split(end, 1)
            doc = head + begin + "\n\n" + md + "\n\n" + end + tail
            filled += 1
        if not filled:
            print(f"{path}: no GENERATED markers", file=sys.stderr)
            return 1
        with open(path, "w") as f:
            f.write(doc)
    if not args.write_doc:
        print(sections["summary"] + "\n\n" + sections["models"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
