#!/usr/bin/env python3
"""Survey what torch.export makes of real torchvision, timm and transformers
models, and what today's mode-pt2 does with it (issue 17).

Needs the suite's Python (scripts/pytorch-python: torch 2.13.0, torchvision
0.28.0, timm 1.0.29, transformers 5.18.0) and a built mode-pt2
($MODE_PT2, else build/bin/mode-pt2).

For every model of test/PyTorch/real_models.py (SUITE_MODELS and
SURVEY_MODELS: small configurations of the libraries' own classes, random
weights), in train() and eval(): export with torch.export.export (default
graph) and run_decompositions() (decomposed graph), save and reload. It
records:

- every node whose ATen overload PyTorch tags `nondeterministic_seeded`
  (the in-place forms included), with its module (the innermost entry of
  `nn_module_stack`: path and class);
- for every module that holds such a node, the module's whole node
  sequence (its *form*: targets and arguments, values named relative to
  the module), per mode and IR, and which nodes the evaluation export has
  for the same module instead;
- exports that fail (exception class and first line);
- mode-pt2 --to-eval of the training export against PyTorch's evaluation
  export: outputs (bitwise on default graphs, 1e-6 norm-wise on decomposed
  ones, as test/PyTorch) and node lists; and whether --to-train of that
  gives back the training export (JSON-equal).

Then three experiments written here: a module called twice in one forward
(the batch counter chain, nn_module_stack keys of the second call),
attention whose dropout is 0, and Python branches on self.training
(GoogLeNet/Inception aux heads, a YOLO-style detection head).

Usage:
    scripts/survey-real-models.py                       # markdown to stdout
    scripts/survey-real-models.py --write docs/pytorch-exports-real-models.md
    scripts/survey-real-models.py tv_convnext hf_swin    # some models only
    scripts/survey-real-models.py --json facts.json      # also the raw facts

The whole run takes about five minutes on one core.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import copy
import io
import json
import logging
import os
import re
import sys
import tempfile
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "test" / "PyTorch"))

warnings.simplefilter("ignore")
logging.disable(logging.CRITICAL)  # export failures log whole graphs

import torch  # noqa: E402

import harness as H  # noqa: E402
import real_libraries as R  # noqa: E402
import real_models  # noqa: E402

SEED = H.SEED
SEEDED = torch.Tag.nondeterministic_seeded

# Random ops mode switches today (docs, README "What switches"): a node of
# these is no half-switch. Everything else tagged nondeterministic_seeded is
# what issue 17 item 2 is about.
MODE_OPS = {
    "aten.dropout.default", "aten.dropout_.default", "aten.feature_dropout.default",
    "aten.feature_dropout_.default", "aten.alpha_dropout.default", "aten.alpha_dropout_.default",
    "aten.feature_alpha_dropout.default", "aten.feature_alpha_dropout_.default",
    "aten.native_dropout.default", "aten.scaled_dot_product_attention.default",
    "aten.rrelu.default", "aten.rrelu_.default", "aten.rrelu_with_noise_functional.default",
    "aten.lstm.input", "aten.gru.input", "aten.rnn_tanh.input", "aten.rnn_relu.input",
}
# Module classes whose random nodes mode switches today (a decomposed
# in-place, feature or alpha dropout is `bernoulli` nodes in one of these).
MODE_MODULES = ("torch.nn.modules.dropout.",)


# ---------------------------------------------------------------------------
# Reading a graph
# ---------------------------------------------------------------------------


def target_name(target) -> str:
    """`aten.bernoulli_.float`, or the Python callable's name."""
    return H.op_name(target)


def archive_target(target) -> str:
    """The target as an archive writes it: `torch.ops.aten.bernoulli_.float`."""
    name = target_name(target)
    return f"torch.ops.{name}" if isinstance(target, torch._ops.OpOverload) else name


def is_seeded(node) -> bool:
    return node.op == "call_function" and isinstance(node.target, torch._ops.OpOverload) \
        and SEEDED in node.target.tags


def innermost(node) -> tuple[str, str, str]:
    """(nn_module_stack key, module path, module class) of the innermost
    module; ("", "", "") for a node of the top module."""
    stack = node.meta.get("nn_module_stack") or {}
    if not stack:
        return "", "", ""
    key, (path, cls) = list(stack.items())[-1]
    if not isinstance(cls, str):
        cls = f"{cls.__module__}.{cls.__qualname__}"
    return key, path, cls


def stack_of(node) -> list[tuple[str, str, str]]:
    stack = node.meta.get("nn_module_stack") or {}
    out = []
    for key, (path, cls) in stack.items():
        if not isinstance(cls, str):
            cls = f"{cls.__module__}.{cls.__qualname__}"
        out.append((key, path, cls))
    return out


def render_value(value, names) -> str:
    if isinstance(value, torch.fx.Node):
        return names.get(value, f"%{value.name}")
    if isinstance(value, (list, tuple)):
        inner = ", ".join(render_value(v, names) for v in value)
        return f"[{inner}]"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, torch.dtype):
        return str(value)
    if isinstance(value, torch.device):
        return f"device('{value}')"
    return repr(value)


def render_node(node, names) -> str:
    args = [render_value(a, names) for a in node.args]
    args += [f"{k}={render_value(v, names)}" for k, v in node.kwargs.items()]
    return f"{names[node]} = {archive_target(node.target)}({', '.join(args)})"


def graphs_of(program) -> list[tuple[str, torch.fx.Graph]]:
    """The program's graph and the subgraphs of its higher-order ops
    (`wrap_with_set_grad_enabled` of a `torch.no_grad()` block, ...), by
    submodule name ("" for the main graph)."""
    return [(name, m.graph) for name, m in program.graph_module.named_modules()
            if isinstance(m, torch.fx.GraphModule)]


def module_form(program, key: str) -> tuple[list[str], list[str]]:
    """The nodes of one call of a module (innermost nn_module_stack key
    `key`; a second call of the same module has the key with `@1`), in order, with values named relative to it
    (`%in0` for what comes from outside, `%0`, `%1` for its own nodes), and
    how the rest of the graph uses its results. Nodes of a higher-order
    op's subgraph follow the op's node, marked `[in subgraph NAME]`."""
    nodes = []
    for name, graph in graphs_of(program):
        for n in graph.nodes:
            if n.op == "call_function" and innermost(n)[0] == key:
                nodes.append(n)
                if name:
                    n.meta["_survey_subgraph"] = name
    names, inputs = {}, {}
    for n in nodes:
        for a in n.all_input_nodes:
            if a not in names and a not in nodes and a not in inputs:
                inputs[a] = f"%in{len(inputs)}"
    names.update(inputs)
    for i, n in enumerate(nodes):
        names[n] = f"%{i}"
    lines = [render_node(n, names) + (f"    [in subgraph {n.meta['_survey_subgraph']}]"
                                       if n.meta.get("_survey_subgraph") else "")
             for n in nodes]
    users = []
    for n in nodes:
        for u in n.users:
            if u not in nodes:
                users.append(f"{names[n]} -> {archive_target(u.target) if u.op == 'call_function' else u.op}"
                             f" in {innermost(u)[2] or 'the top module'}")
    return lines, users


def random_nodes(program) -> list[dict]:
    found = []
    for name, graph in graphs_of(program):
        for n in graph.nodes:
            if not is_seeded(n):
                continue
            key, path, cls = innermost(n)
            found.append({"name": n.name, "target": archive_target(n.target),
                          "key": key, "path": path, "class": cls, "subgraph": name,
                          "known": target_name(n.target) in MODE_OPS
                          or cls.startswith(MODE_MODULES)})
    return found


# ---------------------------------------------------------------------------
# Exporting and running
# ---------------------------------------------------------------------------


def error_of(exc: BaseException) -> dict:
    lines = [line for line in str(exc).splitlines() if line.strip()]
    return {"type": f"{type(exc).__module__}.{type(exc).__qualname__}",
            "first_line": lines[0].strip()[:300] if lines else ""}


def export_both(module, inputs) -> dict:
    """{"default": ep | error, "decomposed": ep | error}."""
    out = {}
    try:
        ep = torch.export.export(module, inputs)
    except Exception as exc:  # noqa: BLE001 - recorded
        return {"default": error_of(exc), "decomposed": error_of(exc)}
    out["default"] = ep
    try:
        out["decomposed"] = ep.run_decompositions()
    except Exception as exc:  # noqa: BLE001
        out["decomposed"] = error_of(exc)
    return out


def run_program(program, inputs) -> list:
    module = copy.deepcopy(program.module())
    return H.run_module(module, inputs).outputs


class ModePT2:
    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.binary = H.find_mode_pt2()

    def run(self, name: str, archive: bytes, *passes: str) -> H.ModeRun:
        src = self.workdir / f"{name}.pt2"
        src.write_bytes(archive)
        tag = ".".join(p.lstrip("-").replace("=", "_") for p in passes) or "copy"
        return H.run_mode_pt2(self.binary, src, self.workdir / f"{name}.{tag}.pt2", *passes)


def first_error(run: H.ModeRun) -> str:
    for line in run.stderr.splitlines():
        if "error:" in line:
            return line.split("error:", 1)[1].strip()[:300]
    return f"exit {run.returncode}"


def check_to_eval(tool: ModePT2, model: str, ir: str, train_ep, eval_ep, inputs) -> dict:
    """mode-pt2 --to-eval of the training export against PyTorch's eval
    export; and --to-train of the result against the training export."""
    if isinstance(train_ep, dict) or isinstance(eval_ep, dict):
        return {"to_eval": "no export: " + str(train_ep if isinstance(train_ep, dict)
                                                else eval_ep)}
    train_archive = H.save_to_bytes(train_ep)
    run = tool.run(f"{model}.train.{ir}", train_archive, "--to-eval")
    result = {}
    if run.refused:
        result["to_eval"] = "refused: " + first_error(run)
        return result
    try:
        switched = H.load_from_bytes(run.archive)
    except Exception as exc:  # noqa: BLE001
        result["to_eval"] = f"torch.export.load refuses it: {error_of(exc)['first_line']}"
        return result
    rtol = None if ir == "default" else H.DECOMPOSED_RTOL
    problems = H.compare_outputs(run_program(switched, inputs), run_program(eval_ep, inputs), rtol)
    result["outputs_equal"] = not problems
    if problems:
        result["outputs"] = problems[0]
    expected, actual = H.graph_lines(eval_ep), H.graph_lines(switched)
    result["nodes_equal"] = expected == actual
    if expected != actual:
        diff = H.graph_diff(actual, expected, "mode-pt2 --to-eval", "export(m.eval())", limit=12)
        result["nodes_diff"] = diff
        result["node_counts"] = f"{len(actual)} lines where PyTorch has {len(expected)}"
    back = tool.run(f"{model}.train.{ir}.to-eval", run.archive, "--to-train")
    if back.refused:
        result["cycle"] = "refused: " + first_error(back)
    else:
        differences = H.compare_archives(train_archive, back.archive)
        result["cycle"] = "exact" if not differences else "differs: " + differences[0][:200]
    result["to_eval"] = "written"
    return result


def survey_model(entry, tool: ModePT2) -> dict:
    facts = {"id": entry.id, "description": entry.description, "exports": {}, "forms": [],
             "mode_pt2": {}}
    start = time.perf_counter()
    try:
        module = entry.build()
    except Exception as exc:  # noqa: BLE001
        facts["build_error"] = error_of(exc)
        return facts
    facts["parameters"] = sum(p.numel() for p in module.parameters())
    inputs = entry.example_inputs()
    programs = {}
    for mode in H.MODES:
        module.train(mode == "train")
        programs[mode] = export_both(module, inputs)
        for ir, program in programs[mode].items():
            if isinstance(program, dict):
                facts["exports"][f"{mode}.{ir}"] = {"error": program}
                continue
            facts["exports"][f"{mode}.{ir}"] = {
                "nodes": sum(1 for n in program.graph.nodes if n.op == "call_function"),
                "random": random_nodes(program)}
    # The form of every module instance holding a random node the mode
    # switch does not know, in training; and the same instance in eval.
    seen = set()
    for ir in H.IRS:
        train = programs["train"][ir]
        if isinstance(train, dict):
            continue
        evals = programs["eval"][ir]
        for rnd in facts["exports"][f"train.{ir}"]["random"]:
            if rnd["known"] or (ir, rnd["key"]) in seen:
                continue
            seen.add((ir, rnd["key"]))
            lines, users = module_form(train, rnd["key"])
            eval_lines, eval_users = ([], []) if isinstance(evals, dict) else \
                module_form(evals, rnd["key"])
            facts["forms"].append({"ir": ir, "path": rnd["path"], "class": rnd["class"],
                                   "key": rnd["key"], "train": lines, "train_users": users,
                                   "eval": eval_lines, "eval_users": eval_users,
                                   "eval_exported": not isinstance(evals, dict)})
    # mode-pt2
    for ir in H.IRS:
        train, evals = programs["train"][ir], programs["eval"][ir]
        if isinstance(train, dict) or isinstance(evals, dict):
            facts["mode_pt2"][ir] = {"to_eval": "no export"}
            continue
        try:
            facts["mode_pt2"][ir] = check_to_eval(tool, entry.id, ir, train, evals, inputs)
        except Exception as exc:  # noqa: BLE001 - a survey records, it does not stop
            facts["mode_pt2"][ir] = {"to_eval": f"survey error: {error_of(exc)}"}
    facts["seconds"] = round(time.perf_counter() - start, 1)
    return facts


# ---------------------------------------------------------------------------
# Experiments written here
# ---------------------------------------------------------------------------


class BatchNormTwice(torch.nn.Module):
    """One BatchNorm2d called twice in one forward (weight sharing)."""

    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(4, 4, 3, padding=1)
        self.bn = torch.nn.BatchNorm2d(4)

    def forward(self, x):
        y = self.bn(self.conv(x))
        return self.bn(self.conv(torch.relu(y)))


class Block(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(4, 4, 3, padding=1)
        self.bn = torch.nn.BatchNorm2d(4)

    def forward(self, x):
        return torch.relu(self.bn(self.conv(x)))


class BlockTwice(torch.nn.Module):
    """A block applied twice (a recurrent refinement)."""

    def __init__(self):
        super().__init__()
        self.block = Block()

    def forward(self, x):
        return self.block(self.block(x))


class SharedBranches(torch.nn.Module):
    """One BatchNorm2d shared by two branches (a Siamese network)."""

    def __init__(self):
        super().__init__()
        self.left = torch.nn.Conv2d(4, 4, 1)
        self.right = torch.nn.Conv2d(4, 4, 3, padding=1)
        self.bn = torch.nn.BatchNorm2d(4)

    def forward(self, x):
        return self.bn(self.left(x)) + self.bn(self.right(x))


def full_listing(program) -> list[str]:
    """Every call_function node: name, target, arguments, and its whole
    nn_module_stack as (key, path, class)."""
    lines = []
    for n in program.graph.nodes:
        if n.op != "call_function":
            continue
        names = {a: f"%{a.name}" for a in n.all_input_nodes}
        names[n] = f"%{n.name}"
        stack = " > ".join(f"{k} ({p or '<top>'}: {c.rsplit('.', 1)[-1]})"
                           for k, p, c in stack_of(n))
        lines.append(f"{render_node(n, names)}    # {stack}")
    return lines


def signature_lines(program) -> list[str]:
    sig = program.graph_signature
    out = [f"in {s.kind.name} {s.arg.name} -> {s.target}" for s in sig.input_specs
           if s.kind.name != "USER_INPUT" and "num_batches" in str(s.target)]
    out += [f"out {s.kind.name} {s.arg.name} -> {s.target}" for s in sig.output_specs
            if s.kind.name == "BUFFER_MUTATION" and "num_batches" in str(s.target)]
    return out


def shared_module_experiments(tool: ModePT2) -> list[dict]:
    results = []
    for cls, shape in ((BatchNormTwice, (2, 4, 8, 8)), (BlockTwice, (2, 4, 8, 8)),
                       (SharedBranches, (2, 4, 8, 8))):
        torch.manual_seed(0)
        module = cls()
        x = (torch.randn(*shape),)
        facts = {"name": cls.__name__, "doc": cls.__doc__, "listings": {}, "mode_pt2": {}}
        programs = {}
        for mode in H.MODES:
            module.train(mode == "train")
            programs[mode] = export_both(module, x)
            for ir, program in programs[mode].items():
                facts["listings"][f"{mode}.{ir}"] = (
                    [f"export failed: {program}"] if isinstance(program, dict)
                    else signature_lines(program) + full_listing(program))
        for ir in H.IRS:
            facts["mode_pt2"][ir] = check_to_eval(tool, cls.__name__, ir, programs["train"][ir],
                                                  programs["eval"][ir], x)
        results.append(facts)
    return results


def attention_experiments(tool: ModePT2) -> list[dict]:
    """Attention whose training dropout is 0: the attention nodes in each
    mode and IR, and what mode-pt2 does with them."""
    timm, tr = R.timm(), R.transformers()
    builds = {
        "timm ViT (attn_drop_rate 0, the default)": (
            lambda: timm.create_model("vit_tiny_patch16_224", pretrained=False, img_size=32,
                                      patch_size=8, embed_dim=16, depth=1, num_heads=2,
                                      num_classes=10),
            (torch.randn(2, 3, 32, 32),)),
        "transformers Llama (attention_dropout 0, the default)": (
            lambda: real_models.Outputs(tr.LlamaModel(tr.LlamaConfig(
                vocab_size=64, hidden_size=16, intermediate_size=32, num_hidden_layers=1,
                num_attention_heads=2, num_key_value_heads=1, max_position_embeddings=32,
                use_cache=False)), ("last_hidden_state",)),
            (torch.randint(0, 64, (2, 8)),)),
        "transformers BERT (attention_probs_dropout_prob 0, sdpa)": (
            lambda: real_models.Outputs(tr.BertModel(tr.BertConfig(
                vocab_size=64, hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                intermediate_size=32, max_position_embeddings=16,
                attention_probs_dropout_prob=0.0)), ("last_hidden_state",)),
            (torch.randint(0, 64, (2, 8)),)),
        "transformers BERT (attention_probs_dropout_prob 0, eager attention)": (
            lambda: real_models.Outputs(tr.BertModel(tr.BertConfig(
                vocab_size=64, hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                intermediate_size=32, max_position_embeddings=16,
                attention_probs_dropout_prob=0.0, attn_implementation="eager")),
                ("last_hidden_state",)),
            (torch.randint(0, 64, (2, 8)),)),
    }
    results = []
    for title, (build, x) in builds.items():
        torch.manual_seed(0)
        with R.NoNetwork():
            module = build()
        facts = {"name": title, "listings": {}, "mode_pt2": {}}
        programs = {}
        for mode in H.MODES:
            module.train(mode == "train")
            programs[mode] = export_both(module, x)
            for ir, program in programs[mode].items():
                if isinstance(program, dict):
                    facts["listings"][f"{mode}.{ir}"] = [f"export failed: {program}"]
                    continue
                names = {}
                lines = []
                for n in program.graph.nodes:
                    if n.op != "call_function":
                        continue
                    t = target_name(n.target)
                    if "attention" in t or "softmax" in t or "dropout" in t or "bernoulli" in t:
                        names.update({a: f"%{a.name}" for a in n.all_input_nodes})
                        names[n] = f"%{n.name}"
                        lines.append(f"{render_node(n, names)}    # {innermost(n)[1]} "
                                     f"({innermost(n)[2].rsplit('.', 1)[-1]})")
                facts["listings"][f"{mode}.{ir}"] = lines
        for ir in H.IRS:
            result = check_to_eval(tool, "attn0." + str(len(results)), ir,
                                   programs["train"][ir], programs["eval"][ir], x)
            evals = programs["eval"][ir]
            if isinstance(evals, dict):
                result.update(to_train_of_eval_export="no export",
                              to_train_attention_dropout_0="no export")
                facts["mode_pt2"][ir] = result
                continue
            run = tool.run(f"attn0.{len(results)}.eval.{ir}", H.save_to_bytes(evals),
                           "--to-train")
            result["to_train_of_eval_export"] = ("written" if not run.refused
                                                 else "refused: " + first_error(run))
            run = tool.run(f"attn0.{len(results)}.eval.{ir}", H.save_to_bytes(evals),
                           "--to-train=attention-dropout=0")
            result["to_train_attention_dropout_0"] = ("written" if not run.refused
                                                      else "refused: " + first_error(run))
            facts["mode_pt2"][ir] = result
        results.append(facts)
    return results


class YoloStyleHead(torch.nn.Module):
    """A YOLOv5-style detection head: raw maps in training (the loss wants
    them), decoded boxes in evaluation (`if self.training` in Python)."""

    def __init__(self, channels=8, anchors=3, classes=4):
        super().__init__()
        self.no = classes + 5
        self.anchors = anchors
        self.conv = torch.nn.Conv2d(channels, anchors * self.no, 1)

    def forward(self, x):
        n, _, h, w = x.shape
        raw = self.conv(x).view(n, self.anchors, self.no, h, w).permute(0, 1, 3, 4, 2)
        if self.training:
            return raw
        ys, xs = torch.meshgrid(torch.arange(h), torch.arange(w), indexing="ij")
        grid = torch.stack((xs, ys), 2).view(1, 1, h, w, 2).float()
        y = raw.sigmoid()
        xy = (y[..., :2] * 2 - 0.5 + grid) * 8
        wh = (y[..., 2:4] * 2) ** 2 * 16
        return torch.cat((xy, wh, y[..., 4:]), -1).view(n, -1, self.no)


def python_branch_experiments() -> list[dict]:
    """Item 6: what an evaluation export cannot show."""
    tv = R.torchvision()
    cases = [
        ("torchvision GoogLeNet(aux_logits=True)", "tv_googlenet", ("aux1", "aux2")),
        ("torchvision Inception3(aux_logits=True)", "tv_inception3", ("AuxLogits",)),
    ]
    results = []
    entries = {e.id: e for e in real_models.SURVEY_MODELS}
    for title, model_id, aux in cases:
        entry = entries[model_id]
        module = entry.build()
        x = entry.example_inputs()
        facts = {"name": title, "modes": {}}
        for mode in H.MODES:
            module.train(mode == "train")
            ep = export_both(module, x)["default"]
            if isinstance(ep, dict):
                facts["modes"][mode] = {"error": ep}
                continue
            aux_nodes = [n for n in ep.graph.nodes if n.op == "call_function"
                         and any(p.split(".")[0] in aux for _, p, _ in stack_of(n) if p)]
            outs = [s for s in ep.graph_signature.output_specs if s.kind.name == "USER_OUTPUT"]
            facts["modes"][mode] = {
                "nodes": sum(1 for n in ep.graph.nodes if n.op == "call_function"),
                "aux_nodes": len(aux_nodes),
                "aux_modules": sorted({innermost(n)[1].split(".")[0] for n in aux_nodes}),
                "user_outputs": len(outs),
                "aux_inputs": sum(1 for spec in ep.graph_signature.input_specs
                                  if spec.target and spec.target.split(".")[0] in aux),
                "aux_call_graph": sorted({e.fqn for e in ep.module_call_graph
                                          if e.fqn.split(".")[0] in aux})[:4],
            }
        results.append(facts)
    del tv
    torch.manual_seed(0)
    head = YoloStyleHead()
    x = (torch.randn(2, 8, 4, 4),)
    facts = {"name": "YOLO-style detection head (written here)", "modes": {}}
    for mode in H.MODES:
        head.train(mode == "train")
        ep = torch.export.export(head, x)
        outs = [n for n in ep.graph.nodes if n.op == "output"][0].args[0]
        facts["modes"][mode] = {
            "nodes": sum(1 for n in ep.graph.nodes if n.op == "call_function"),
            "targets": [target_name(n.target) for n in ep.graph.nodes if n.op == "call_function"],
            "output_shapes": [list(o.meta["val"].shape) for o in outs],
        }
    results.append(facts)
    return results


# ---------------------------------------------------------------------------
# The document
# ---------------------------------------------------------------------------


_FLOAT = re.compile(r"(?<![\w%])-?\d+\.\d+(e-?\d+)?")
_SHAPE = re.compile(r"\[(\d+(, \d+)*)\]")


def normalized(line: str) -> str:
    """A form line with its float constants and int lists (shapes) blanked,
    to group instances that differ only in them."""
    return _SHAPE.sub("[shape]", _FLOAT.sub("<f>", line))


def constants_of(lines: list[str]) -> str:
    floats, shapes = [], []
    for line in lines:
        floats += [m.group(0) for m in _FLOAT.finditer(line)]
        shapes += [m.group(0) for m in _SHAPE.finditer(line)]
    return " ".join(dict.fromkeys(floats)) + (" " + " ".join(dict.fromkeys(shapes)) if shapes else "")


def short_class(cls: str) -> str:
    return cls.rsplit(".", 1)[-1]


def render(models: list[dict], shared: list[dict], attention: list[dict],
           branches: list[dict], seconds: float) -> str:
    out = []
    w = out.append
    v = R.versions()
    w("# What torch.export makes of real models, and what mode-pt2 does with it\n")
    w("Generated by `scripts/survey-real-models.py --write docs/pytorch-exports-real-models.md` "
      "(do not edit by hand) with torch " + torch.__version__.split("+")[0] + ", "
      + ", ".join(f"{k} {v[k]}" for k in sorted(v)) + f"; the run took {seconds:.0f} s. "
      "Models: small configurations of the libraries' own classes, random weights "
      "(test/PyTorch/real_models.py; `SUITE_MODELS` run in the PyTorch suite, "
      "`SURVEY_MODELS` only here). mode-pt2: the build's `build/bin/mode-pt2` at the time "
      "of the run.\n")
    w("Random nodes are those whose ATen overload PyTorch tags "
      "`torch.Tag.nondeterministic_seeded`. *Known* random nodes are the ones mode "
      "switches today (dropouts, `native_dropout`, attention, recurrent layers, `rrelu`, "
      "and `bernoulli` nodes inside an `nn.Dropout*` module); the others are what "
      "issue 17 item 2 calls a half-switch when left in an evaluation program.\n")

    # -- summary table
    w("## 1. Summary\n")
    w("`to-eval` compares `mode-pt2 --to-eval` of the training export with PyTorch's "
      "evaluation export of the same model: outputs (bitwise on default graphs, 1e-6 "
      "norm-wise on decomposed ones) / nodes (test/PyTorch's `graph_lines`). `cycle`: "
      "`--to-train` of that output against the training export (JSON-equal). "
      "`refused` means mode-pt2 exited 1.\n")
    w("| model | random modules in training (not switched by mode today) | "
      "to-eval default: outputs / nodes | cycle default | to-eval decomposed: outputs / nodes "
      "| cycle decomposed |")
    w("|---|---|---|---|---|---|")
    for m in models:
        if "build_error" in m:
            w(f"| `{m['id']}` | build failed: {m['build_error']['type']} | | | | |")
            continue
        unknown = collections.Counter()
        for key in ("train.default",):
            exp = m["exports"].get(key, {})
            if "error" in exp:
                unknown[f"export failed: `{exp['error']['type'].rsplit('.', 1)[-1]}`"] += 1
            for r in exp.get("random", []):
                if not r["known"]:
                    unknown[f"`{short_class(r['class']) or '<top>'}`"] += 1
        # count modules, not nodes
        paths = collections.Counter()
        seen = set()
        for r in m["exports"].get("train.default", {}).get("random", []):
            if not r["known"] and r["key"] not in seen:
                seen.add(r["key"])
                paths[f"`{short_class(r['class']) or '<top>'}`"] += 1
        if "error" in m["exports"].get("train.default", {}):
            paths = collections.Counter({f"export failed: `{m['exports']['train.default']['error']['type'].rsplit('.', 1)[-1]}`": 1})
        cell = ", ".join(f"{k} ×{c}" if c > 1 else k for k, c in paths.items()) or "none"
        cells = []
        for ir in H.IRS:
            r = m["mode_pt2"].get(ir, {})
            if r.get("to_eval") != "written":
                cells += [str(r.get("to_eval", "")).replace("|", "\\|")[:120], ""]
                continue
            o = "yes" if r["outputs_equal"] else "**no**"
            n = "yes" if r["nodes_equal"] else "**no**"
            cells += [f"{o} / {n}", r["cycle"].replace("|", "\\|")[:120]]
        w(f"| `{m['id']}` | {cell} | " + " | ".join(cells) + " |")
    w("")

    # -- export failures
    failures = [(m["id"], k, e["error"]) for m in models for k, e in m["exports"].items()
                if "error" in e]
    w("## 2. Exports that fail\n")
    if not failures:
        w("None.\n")
    for model, key, err in failures:
        w(f"- `{model}` {key}: `{err['type']}`: {err['first_line']}")
    w("")

    # -- forms
    w("## 3. The forms of the random modules mode does not switch today\n")
    w("Each distinct node sequence of a module instance holding a random node, with its "
      "values named relative to the module (`%in0`: from outside; `%0`, `%1`: its own "
      "nodes), the archive's target strings and the arguments as the exported program "
      "holds them; then how the rest of the graph uses the module's result, and what the "
      "evaluation export of the same model has for the same module path. Listed with the "
      "instances that have it (module path, and the `nn_module_stack` key of the first).\n")
    forms = collections.OrderedDict()
    for m in models:
        for f in m["forms"]:
            key = (f["class"], f["ir"], tuple(map(normalized, f["train"])),
                   tuple(map(normalized, f["eval"])))
            forms.setdefault(key, []).append((m["id"], f))
    by_class = collections.OrderedDict()
    for key, inst in forms.items():
        by_class.setdefault(key[0], []).append((key, inst))
    for cls, items in by_class.items():
        w(f"### `{cls}`\n")
        for (c, ir, train, evals), inst in items:
            models_of = sorted({mid for mid, _ in inst})
            f0 = inst[0][1]
            w(f"**{ir}**, {len(inst)} instance(s) in " + ", ".join(f"`{x}`" for x in models_of)
              + f"; shown: `{f0['path']}` of `{inst[0][0]}` (key `{f0['key']}`).\n")
            constants = sorted({constants_of(f["train"]) for _, f in inst})
            if len(constants) > 1:
                w("The instances differ only in their constants (float arguments; shapes): "
                  + "; ".join(constants[:8]) + (" ..." if len(constants) > 8 else "") + ".\n")
            w("Training:\n")
            w("```")
            w("\n".join(f0["train"]) or "(no node)")
            if f0["train_users"]:
                w("# used by: " + "; ".join(sorted(set(f0["train_users"]))))
            w("```\n")
            if not f0["eval_exported"]:
                w("Evaluation: the evaluation export failed.\n")
            elif not evals:
                w("Evaluation: **no node** of this module; its output is its input.\n")
            else:
                w("Evaluation:\n")
                w("```")
                w("\n".join(f0["eval"]))
                if f0["eval_users"]:
                    w("# used by: " + "; ".join(sorted(set(f0["eval_users"]))))
                w("```\n")

    # -- random node census
    w("## 4. Every random node, by library, module class and target\n")
    census = collections.Counter()
    for m in models:
        for key, exp in m["exports"].items():
            for r in exp.get("random", []):
                census[(m["id"].split("_")[0], key, r["class"] or "<top module>", r["target"],
                        "known" if r["known"] else "**not switched**")] += 1
    w("| library | mode.IR | module class | target | today | nodes |")
    w("|---|---|---|---|---|---|")
    for (lib, key, cls, target, known), count in sorted(census.items()):
        w(f"| {lib} | {key} | `{cls}` | `{target}` | {known} | {count} |")
    w("")

    # -- mode-pt2 details
    w("## 5. Where today's mode-pt2 --to-eval differs from PyTorch\n")
    for m in models:
        for ir, r in m["mode_pt2"].items():
            if r.get("to_eval") == "written" and r["outputs_equal"] and r["nodes_equal"] \
                    and r["cycle"] == "exact":
                continue
            w(f"- `{m['id']}` ({ir}): to-eval {r.get('to_eval')}"
              + (f"; outputs: {r['outputs']}" if r.get("outputs") else "")
              + (f"; nodes: {r['node_counts']}" if r.get("node_counts") else "")
              + (f"; cycle: {r['cycle']}" if r.get("cycle") else ""))
    w("")

    # -- shared modules
    w("## 6. A module called more than once in one forward\n")
    w("Every node, with its whole `nn_module_stack` as `key (path: class)`, outermost "
      "first; and the counter's buffer input and mutation output of the signature.\n")
    for s in shared:
        w(f"### `{s['name']}`: {s['doc']}\n")
        for ir in H.IRS:
            r = s["mode_pt2"][ir]
            w(f"- mode-pt2 --to-eval ({ir}): {r.get('to_eval')}"
              + (f"; outputs equal: {r['outputs_equal']}, nodes equal: {r['nodes_equal']}, "
                 f"cycle: {r['cycle']}" if r.get("to_eval") == "written" else ""))
        w("")
        for key, lines in s["listings"].items():
            w(f"{key}:\n")
            w("```")
            w("\n".join(lines))
            w("```\n")

    # -- attention
    w("## 7. Attention whose dropout is 0\n")
    w("The attention, softmax and dropout nodes of each program, and what mode-pt2 does: "
      "`--to-eval` of the training export (against PyTorch's evaluation export; `cycle` is "
      "`--to-train` of that), and `--to-train` of PyTorch's evaluation export, plain and "
      "with `attention-dropout=0`.\n")
    for a in attention:
        w(f"### {a['name']}\n")
        for ir in H.IRS:
            r = a["mode_pt2"][ir]
            w(f"- {ir}: to-eval {r.get('to_eval')}"
              + (f" (outputs equal: {r['outputs_equal']}, nodes equal: {r['nodes_equal']}); "
                 f"cycle: {r['cycle']}" if r.get("to_eval") == "written" else "")
              + f"; --to-train of the evaluation export: {r['to_train_of_eval_export']}; "
              f"--to-train=attention-dropout=0: {r['to_train_attention_dropout_0']}")
        w("")
        for key, lines in a["listings"].items():
            w(f"{key}:\n")
            w("```")
            w("\n".join(lines) or "(none)")
            w("```\n")

    # -- python branches
    w("## 8. Python branches on `self.training` that an evaluation export cannot show\n")
    for b in branches:
        w(f"### {b['name']}\n")
        for mode, f in b["modes"].items():
            if "error" in f:
                w(f"- {mode}: export failed: {f['error']}")
                continue
            if "aux_nodes" in f:
                w(f"- {mode} export: {f['nodes']} nodes, {f['aux_nodes']} of them in the aux "
                  f"heads {f['aux_modules']}; {f['user_outputs']} user output(s); the aux "
                  f"heads' parameters and buffers are still inputs of the program "
                  f"({f['aux_inputs']}), and module_call_graph still lists them "
                  f"({', '.join(f['aux_call_graph'])}, ...), but no node uses them")
            else:
                w(f"- {mode} export: {f['nodes']} nodes, outputs {f['output_shapes']}: "
                  + ", ".join(f"`{t}`" for t in f["targets"]))
        w("")
    return "\n".join(out) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("ids", nargs="*", help="model ids (default: all)")
    ap.add_argument("--write", help="write the markdown here (else stdout)")
    ap.add_argument("--json", help="also write the raw facts here")
    ap.add_argument("--experiments", action="store_true",
                    help="with model ids: run the experiments too")
    args = ap.parse_args(argv)
    start = time.perf_counter()
    entries = real_models.SUITE_MODELS + real_models.SURVEY_MODELS
    if args.ids:
        entries = tuple(e for e in entries if e.id in args.ids)
    with tempfile.TemporaryDirectory() as tmp:
        tool = ModePT2(Path(tmp))
        models = []
        for entry in entries:
            print(f"[survey] {entry.id}", file=sys.stderr, flush=True)
            with contextlib.redirect_stdout(sys.stderr):
                models.append(survey_model(entry, tool))
        if args.ids and not args.experiments:
            shared = attention = branches = []
        else:
            print("[survey] experiments", file=sys.stderr, flush=True)
            shared = shared_module_experiments(tool)
            attention = attention_experiments(tool)
            branches = python_branch_experiments()
    seconds = time.perf_counter() - start
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"models": models, "shared": shared, "attention": attention,
                       "branches": branches}, f, indent=1, default=str)
    text = render(models, shared, attention, branches, seconds)
    if args.write:
        Path(args.write).write_text(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
