"""What the PyTorch suite (test_*.py here) shares: exports, mode-pt2 runs,
running programs, and comparing outputs, buffers and graphs.

PyTorch is the judge: every check compares what mode-pt2 wrote with what
the eager model computes (`m.eval()(x)`, `m.train()(x)`) or with what
PyTorch's own `torch.export.export` writes. Exports, loads and mode-pt2
runs are what costs time, so `Suite` does each of them once per session
and every test reads its caches.

Needs torch 2.13.0 (CPU); the models are `zoo.py`'s.
"""

from __future__ import annotations

import collections
import copy
import dataclasses
import difflib
import hashlib
import io
import json
import math
import operator
import os
import subprocess
import time
import traceback
import warnings
import zipfile
from pathlib import Path
from typing import Any, Callable, Optional

import torch
import torch.utils._pytree as pytree

import zoo

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]

MODES = ("train", "eval")
IRS = ("default", "decomposed")

# Outputs of decomposed graphs are compared with m.eval()/m.train() to this
# norm-wise relative error (`relative_error`); default graphs bitwise. Why:
# run_decompositions() replaces the ops the eager model calls by other
# kernels (conv2d -> convolution, linear -> permute + addmm, batch_norm ->
# _native_batch_norm_legit_*, dropout -> native_dropout, SDPA -> its math
# decomposition, ...). They compute the same mathematics in another order,
# so results differ by rounding (measured on the zoo: PyTorch's own
# decomposed programs are not bitwise equal to the eager model for 21 of
# 69, by at most 3.1e-7 norm-wise, yolo_csp in training); the
# default graph calls the very kernels the eager model calls and is
# bitwise equal (test_pytorch_behaviour.py checks both for PyTorch's own
# exports).
DECOMPOSED_RTOL = 1e-6

SEED = 1234  # torch.manual_seed before every forward (dropout, rrelu draw numbers)


# ---------------------------------------------------------------------------
# Exports
# ---------------------------------------------------------------------------


@dataclasses.dataclass
class Export:
    """One (model, mode, IR) exported with torch.export and saved.

    `archive` is what `torch.export.save` wrote and `program` the in-memory
    ExportedProgram (torchao works on `program.module()`); both None if the
    export failed, and then `error_type`/`error` say how.
    """

    model: str
    mode: str
    ir: str
    archive: Optional[bytes] = None
    program: Optional[torch.export.ExportedProgram] = None
    error_type: Optional[str] = None
    error: Optional[str] = None

    @property
    def key(self) -> str:
        return f"{self.model}.{self.mode}.{self.ir}"

    @property
    def failed(self) -> bool:
        return self.archive is None


def error_summary(exc: BaseException) -> tuple[str, str]:
    """The exception's qualified type name and the first line of its text."""
    name = type(exc).__module__ + "." + type(exc).__qualname__
    lines = str(exc).strip().splitlines()
    return name, (lines[0].strip() if lines else "")


def save_to_bytes(program: torch.export.ExportedProgram) -> bytes:
    buf = io.BytesIO()
    torch.export.save(program, buf)
    return buf.getvalue()


def load_from_bytes(archive: bytes) -> torch.export.ExportedProgram:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return torch.export.load(io.BytesIO(archive))


def export_model(model: str, mode: str) -> tuple[Export, Export]:
    """The default and the decomposed export of a zoo model in `mode`.

    Default: `torch.export.export(m.train(mode == "train"), ...)` (the
    training IR); decomposed: `run_decompositions()` of that program.
    """
    entry = zoo.get(model)
    m = entry.build().train(mode == "train")
    default, decomposed = Export(model, mode, "default"), Export(model, mode, "decomposed")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            program = torch.export.export(m, entry.example_inputs(),
                                          dynamic_shapes=entry.dynamic_shapes_spec())
    except Exception as exc:  # noqa: BLE001 - recorded; the expected ones are asserted
        default.error_type, default.error = error_summary(exc)
        decomposed.error_type, decomposed.error = default.error_type, default.error
        return default, decomposed
    default.program, default.archive = program, save_to_bytes(program)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            dprogram = program.run_decompositions()
    except Exception as exc:  # noqa: BLE001
        decomposed.error_type, decomposed.error = error_summary(exc)
    else:
        decomposed.program, decomposed.archive = dprogram, save_to_bytes(dprogram)
    return default, decomposed


# ---------------------------------------------------------------------------
# mode-pt2
# ---------------------------------------------------------------------------


def find_mode_pt2() -> Path:
    """mode-pt2 as CTest passes it ($MODE_PT2), else the default build tree."""
    path = Path(os.environ.get("MODE_PT2") or REPO / "build" / "bin" / "mode-pt2")
    if not path.is_file():
        raise FileNotFoundError(f"mode-pt2 not found at {path}: build mode first "
                                "(scripts/build) or set MODE_PT2")
    return path


@dataclasses.dataclass
class ModeRun:
    """One `mode-pt2 <passes> IN -o OUT` run. `archive` is OUT's content,
    None when mode-pt2 left no file (which it must do whenever it fails)."""

    command: list[str]
    returncode: int
    archive: Optional[bytes]
    stderr: str

    @property
    def refused(self) -> bool:
        return self.returncode != 0

    def describe(self) -> str:
        text = f"`{' '.join(self.command)}` exited {self.returncode}"
        if self.stderr.strip():
            text += "; stderr:\n" + self.stderr.strip()
        return text

    def require(self) -> bytes:
        """The output archive; fails with mode-pt2's error when it failed."""
        if self.returncode != 0 or self.archive is None:
            raise AssertionError(f"mode-pt2 failed: {self.describe()}")
        return self.archive


def run_mode_pt2(binary: Path, src: Path, dst: Path, *passes: str) -> ModeRun:
    if dst.exists():
        dst.unlink()
    command = [str(binary), *passes, str(src), "-o", str(dst)]
    proc = subprocess.run(command, capture_output=True, timeout=600)
    out = dst.read_bytes() if dst.exists() else None
    return ModeRun(command, proc.returncode, out, proc.stderr.decode(errors="replace"))


# ---------------------------------------------------------------------------
# Running programs and eager models
# ---------------------------------------------------------------------------


@dataclasses.dataclass
class Run:
    """What one forward computed: its outputs (flattened with pytree) and
    every buffer before and after it."""

    outputs: list[Any]
    buffers_before: dict[str, torch.Tensor]
    buffers_after: dict[str, torch.Tensor]


def _snapshot(module: torch.nn.Module) -> dict[str, torch.Tensor]:
    return {name: b.detach().clone() for name, b in module.named_buffers()}


def run_module(module: torch.nn.Module, inputs: tuple, seed: int = SEED) -> Run:
    """Calls `module` on a copy of `inputs` right after `torch.manual_seed`.

    Gradients stay enabled, as in a plain `m(x)`: under `torch.no_grad()`
    an evaluation-mode `nn.MultiheadAttention` takes its fused fast path,
    which `torch.export` never records, and differs in the last bits.
    """
    before = _snapshot(module)
    args = tuple(x.clone() if isinstance(x, torch.Tensor) else x for x in inputs)
    torch.manual_seed(seed)
    out = module(*args)
    flat = [x.detach().clone() if isinstance(x, torch.Tensor) else x
            for x in pytree.tree_leaves(out)]
    return Run(flat, before, _snapshot(module))


def example_inputs(model: str) -> list[tuple]:
    """The inputs every program of `model` is run on: the zoo's example and,
    for a model exported with a dynamic batch, a batch of another size (a
    switched program must keep the dimension dynamic)."""
    entry = zoo.get(model)
    inputs = [entry.example_inputs()]
    if entry.dynamic_shapes is not None:
        (x,) = entry.example_inputs(seed=7)
        inputs.append((torch.cat([x, x[:3]]),))
    return inputs


@dataclasses.dataclass
class Program:
    """A loaded archive: its graph as comparable lines, the graph of its
    `module()` (what torchao would work on), and its runs (one per input
    of `example_inputs`, computed on first use); or the error
    `torch.export.load` gave."""

    exported: Optional[torch.export.ExportedProgram] = None
    lines: Optional[list[str]] = None
    module: Optional[torch.nn.Module] = None
    load_error: Optional[str] = None
    _runs: Optional[list[Run]] = None
    _model: str = ""

    def require(self) -> "Program":
        if self.load_error is not None:
            raise AssertionError(f"torch.export.load refuses the archive: {self.load_error}")
        return self

    @property
    def runs(self) -> list[Run]:
        """The program run on each of the model's inputs. A training program
        updates its buffers, which `module()` shares with the program: each
        run gets a copy, the loaded module stays pristine."""
        self.require()
        if self._runs is None:
            self._runs = [run_module(copy.deepcopy(self.module), inputs)
                          for inputs in example_inputs(self._model)]
        return self._runs


def load_error(archive: bytes) -> str:
    """Why PyTorch refuses an archive: `load_pt2`'s error, which
    `torch.export.load` hides behind a generic one."""
    try:
        from torch.export.pt2_archive._package import load_pt2
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            load_pt2(io.BytesIO(archive))
    except Exception as exc:  # noqa: BLE001
        return "".join(traceback.format_exception_only(type(exc), exc)).strip()
    return "torch.export.load failed, load_pt2 did not"


# ---------------------------------------------------------------------------
# The session: every expensive thing done once
# ---------------------------------------------------------------------------


class Suite:
    """Caches of one pytest session: exports, mode-pt2 runs, loaded
    programs and eager runs. Files (inputs and outputs of mode-pt2) live
    in `workdir`, so that a failing test's command can be rerun by hand."""

    def __init__(self, workdir: Path, binary: Optional[Path] = None) -> None:
        self.workdir = workdir
        self.binary = binary or find_mode_pt2()
        self._exports: dict[tuple[str, str, str], Export] = {}
        self._runs: dict[tuple[str, tuple[str, ...]], ModeRun] = {}
        self._programs: dict[tuple[str, str], Program] = {}
        self._eager: dict[tuple[str, str], list[Run]] = {}
        self._memo: dict[Any, Any] = {}
        self.seconds: collections.Counter = collections.Counter()

    # -- exports -------------------------------------------------------------

    def export(self, model: str, mode: str, ir: str) -> Export:
        """PyTorch's export of `model` in `mode` ("train"/"eval"), IR
        "default" or "decomposed"; exported once per session."""
        if (model, mode, ir) not in self._exports:
            start = time.perf_counter()
            default, decomposed = export_model(model, mode)
            self.seconds["export"] += time.perf_counter() - start
            self._exports[(model, mode, "default")] = default
            self._exports[(model, mode, "decomposed")] = decomposed
        return self._exports[(model, mode, ir)]

    def archive_path(self, name: str, archive: bytes) -> Path:
        path = self.workdir / f"{name}.pt2"
        if not path.exists():
            path.write_bytes(archive)
        return path

    # -- mode-pt2 -------------------------------------------------------------

    def mode_pt2(self, name: str, archive: bytes, *passes: str) -> ModeRun:
        """`mode-pt2 passes` on `archive` (saved as `<name>.pt2`), once."""
        key = (name, passes)
        if key not in self._runs:
            src = self.archive_path(name, archive)
            tag = ".".join(p.lstrip("-").replace("=", "_") for p in passes) or "copy"
            start = time.perf_counter()
            self._runs[key] = run_mode_pt2(self.binary, src, self.workdir / f"{name}.{tag}.pt2",
                                           *passes)
            self.seconds["mode-pt2"] += time.perf_counter() - start
        return self._runs[key]

    def switched(self, export: Export, *passes: str) -> ModeRun:
        """mode-pt2 `passes` on PyTorch's export."""
        return self.mode_pt2(export.key, export.archive, *passes)

    def twice(self, export: Export, first: str, second: str) -> ModeRun:
        """mode-pt2 `second` on the output of mode-pt2 `first` on `export`."""
        once = self.switched(export, first)
        return self.mode_pt2(f"{export.key}.{first.lstrip('-')}", once.require(), second)

    # -- programs ---------------------------------------------------------------

    def program(self, model: str, archive: bytes) -> Program:
        """The archive (a program of zoo model `model`) loaded with
        torch.export.load, once per archive content."""
        key = (hashlib.sha1(archive).hexdigest(), model)
        if key not in self._programs:
            start = time.perf_counter()
            try:
                loaded = load_from_bytes(archive)
            except Exception:  # noqa: BLE001
                program = Program(load_error=load_error(archive), _model=model)
            else:
                program = Program(exported=loaded, lines=graph_lines(loaded),
                                  module=loaded.module(), _model=model)
            self.seconds["load"] += time.perf_counter() - start
            self._programs[key] = program
        return self._programs[key]

    def memo(self, key: Any, compute: Callable[[], Any]) -> Any:
        """`compute()`, once per session and key."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def eager(self, model: str, mode: str) -> list[Run]:
        """`m.train()` / `m.eval()` of a fresh zoo model on each input."""
        if (model, mode) not in self._eager:
            runs = []
            for inputs in example_inputs(model):
                m = zoo.get(model).build().train(mode == "train")
                runs.append(run_module(m, inputs))
            self._eager[(model, mode)] = runs
        return self._eager[(model, mode)]


# ---------------------------------------------------------------------------
# Comparing outputs and buffers
# ---------------------------------------------------------------------------


def relative_error(actual: torch.Tensor, expected: torch.Tensor) -> float:
    """max |actual - expected| / max |expected| (norm-wise, infinity norm).

    Norm-wise rather than element-wise: decomposed graphs compute the same
    mathematics with other kernels, so results differ by a few rounding
    errors of the tensor's magnitude; element-wise relative errors of values
    near zero (after cancellation) would be meaningless.
    """
    if expected.numel() == 0:
        return 0.0
    a, e = actual.double(), expected.double()
    scale = e.abs().max().item()
    diff = (a - e).abs().max().item()
    if scale == 0.0:
        return 0.0 if diff == 0.0 else math.inf
    return diff / scale


def _compare_value(label: str, actual: Any, expected: Any, rtol: Optional[float]) -> list[str]:
    if isinstance(expected, torch.Tensor) != isinstance(actual, torch.Tensor):
        return [f"{label}: {type(actual).__name__} where {type(expected).__name__} was expected"]
    if not isinstance(expected, torch.Tensor):
        return [] if actual == expected else [f"{label}: {actual!r} != {expected!r}"]
    if actual.shape != expected.shape or actual.dtype != expected.dtype:
        return [f"{label}: {actual.dtype}{list(actual.shape)} where "
                f"{expected.dtype}{list(expected.shape)} was expected"]
    if rtol is None or not expected.is_floating_point():
        if torch.equal(actual, expected):
            return []
        if expected.is_floating_point():
            return [f"{label}: not bitwise equal (max abs diff "
                    f"{(actual - expected).abs().max().item():.3g}, norm-wise relative "
                    f"{relative_error(actual, expected):.3g})"]
        shown = (lambda t: t.tolist() if t.numel() <= 4 else f"{t.numel()} values")
        return [f"{label}: {shown(actual)} where {shown(expected)} was expected"]
    err = relative_error(actual, expected)
    return [] if err <= rtol else [f"{label}: norm-wise relative error {err:.3g} > {rtol:g}"]


def compare_outputs(actual: list, expected: list, rtol: Optional[float]) -> list[str]:
    """Differences between two flattened output lists: bitwise if `rtol` is
    None, else at most `rtol` norm-wise relative error per tensor."""
    if len(actual) != len(expected):
        return [f"{len(actual)} outputs where {len(expected)} were expected"]
    problems = []
    for i, (a, e) in enumerate(zip(actual, expected)):
        problems += _compare_value(f"output {i}", a, e, rtol)
    return problems


def compare_buffers(actual: dict, expected: dict, rtol: Optional[float], what: str) -> list[str]:
    """Differences between two {name: buffer} maps (integer buffers such as
    num_batches_tracked always exactly)."""
    problems = []
    if set(actual) != set(expected):
        problems.append(f"{what}: buffers {sorted(set(actual) ^ set(expected))} "
                        "are in only one of the two")
    for name in sorted(set(actual) & set(expected)):
        problems += _compare_value(f"{what} {name}", actual[name], expected[name], rtol)
    return problems


def changed_buffers(run: Run) -> list[str]:
    """The buffers the forward changed."""
    return [name for name in run.buffers_before
            if not torch.equal(run.buffers_before[name], run.buffers_after[name])]


def compare_runs(actual: list[Run], expected: list[Run], rtol: Optional[float]) -> list[str]:
    """Outputs and buffers after the forward, input by input."""
    problems = []
    for i, (a, e) in enumerate(zip(actual, expected)):
        where = "" if i == 0 else f" (input {i}, batch {_batch(e)})"
        problems += [p + where for p in compare_outputs(a.outputs, e.outputs, rtol)]
        problems += [p + where for p in compare_buffers(a.buffers_after, e.buffers_after, rtol,
                                                        "buffer after the forward:")]
    return problems


def _batch(run: Run) -> str:
    first = next((o for o in run.outputs if isinstance(o, torch.Tensor)), None)
    return str(first.shape[0]) if first is not None and first.dim() else "?"


# ---------------------------------------------------------------------------
# Comparing graphs: nodes bound to the op schema, names ignored
# ---------------------------------------------------------------------------

_MISSING = object()


def bind(target: Any, args: tuple, kwargs: dict) -> list[tuple[str, Any]]:
    """(argument name, value) for every schema argument, defaults filled in:
    `rrelu(x, 0.1, 0.3)` and `rrelu(x, 0.1, 0.3, False)` bind alike."""
    schema = getattr(target, "_schema", None)
    if schema is None:
        return [(str(i), a) for i, a in enumerate(args)] + sorted(kwargs.items())
    bound = []
    for i, arg in enumerate(schema.arguments):
        if i < len(args) and not arg.kwarg_only:
            value = args[i]
        elif arg.name in kwargs:
            value = kwargs[arg.name]
        elif arg.has_default_value():
            value = arg.default_value
        else:
            value = _MISSING
        bound.append((arg.name, value))
    return bound


def op_name(target: Any) -> str:
    """`aten.batch_norm.default` for an ATen overload, else the callable's
    name (`getitem`, `mul`, ...)."""
    if isinstance(target, torch._ops.OpOverload):
        return f"{target.namespace}.{target._schema.name.split('::')[-1]}.{target._overloadname}"
    return getattr(target, "__name__", str(target))


def _render(value: Any, names: dict) -> str:
    if isinstance(value, torch.fx.Node):
        return names.get(value, f"?{value.name}")
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_render(v, names) for v in value) + "]"
    if isinstance(value, float):
        return repr(value)  # exact: 0.1 and 0.1000001 differ
    if value is _MISSING:
        return "<missing>"
    return repr(value)


def graph_lines(program: torch.export.ExportedProgram,
                drop: Optional[Callable[[torch.fx.Node], bool]] = None) -> list[str]:
    """The program as comparable lines: its signature, then each node as
    `%k = target(name=value, ...)` with the schema's arguments in order and
    defaults filled in, values named by position (`%3`, `%3#1` for output 1
    of a multi-output node) or by the input they are (`parameter:bn.weight`,
    `buffer:bn.running_mean`, `input:0`). Node names and metadata are left
    out. Nodes for which `drop` is true are left out too, their users
    reading their first argument instead."""
    sig = program.graph_signature
    kinds, lines, user = {}, [], 0
    for spec in sig.input_specs:
        if spec.kind.name == "USER_INPUT":
            kinds[spec.arg.name] = f"input:{user}"
            user += 1
        else:
            kinds[spec.arg.name] = f"{spec.kind.name.lower()}:{spec.target}"
        persistent = "" if spec.persistent is None else f" persistent={spec.persistent}"
        lines.append(f"in {kinds[spec.arg.name]}{persistent}")
    names: dict = {}
    k = 0
    for node in program.graph.nodes:
        if node.op == "placeholder":
            names[node] = kinds.get(node.name, f"placeholder:{node.name}")
        elif node.op == "call_function":
            if drop is not None and drop(node):
                names[node] = _render(node.args[0], names)
                continue
            if node.target is operator.getitem:
                names[node] = f"{_render(node.args[0], names)}#{node.args[1]}"
                continue
            names[node] = f"%{k}"
            k += 1
            args = ", ".join(f"{n}={_render(v, names)}"
                             for n, v in bind(node.target, node.args, node.kwargs))
            lines.append(f"{names[node]} = {op_name(node.target)}({args})")
        elif node.op == "output":
            lines.append(f"return {_render(node.args[0], names)}")
        else:
            lines.append(f"{node.op} {node.target}")
    for spec in sig.output_specs:
        lines.append(f"out {spec.kind.name.lower()}" + (f":{spec.target}" if spec.target else ""))
    return lines


def module_lines(module: torch.fx.GraphModule) -> list[str]:
    """`graph_lines` of a GraphModule such as `ep.module()`: its nodes as
    there, attributes named by their target (`attr:bn.weight`), user inputs
    by position, submodule calls by their target; names and metadata left
    out."""
    names: dict = {}
    lines, k, user = [], 0, 0
    for node in module.graph.nodes:
        if node.op == "placeholder":
            names[node] = f"input:{user}"
            user += 1
        elif node.op == "get_attr":
            names[node] = f"attr:{node.target}"
        elif node.op == "call_function" and node.target is operator.getitem:
            names[node] = f"{_render(node.args[0], names)}#{node.args[1]}"
        elif node.op == "output":
            lines.append(f"return {_render(node.args[0], names)}")
        else:
            names[node] = f"%{k}"
            k += 1
            if node.op == "call_module":
                args = _render(list(node.args), names)
                lines.append(f"{names[node]} = call_module:{node.target}({args})")
                continue
            args = ", ".join(f"{n}={_render(v, names)}"
                             for n, v in bind(node.target, node.args, node.kwargs))
            lines.append(f"{names[node]} = {op_name(node.target)}({args})")
    return lines


def graph_diff(actual: list[str], expected: list[str], actual_name: str,
               expected_name: str, limit: int = 40) -> str:
    """A unified diff of two `graph_lines` (empty when they are equal)."""
    if actual == expected:
        return ""
    diff = list(difflib.unified_diff(expected, actual, expected_name, actual_name,
                                     lineterm="", n=1))
    if len(diff) > limit:
        diff = diff[:limit] + [f"... ({len(diff) - limit} more lines of diff)"]
    return "\n".join(diff)


# ---------------------------------------------------------------------------
# The mode of a graph: which nodes carry it, in which form
# ---------------------------------------------------------------------------

DROPOUTS = {"dropout", "dropout_", "feature_dropout", "feature_dropout_", "alpha_dropout",
            "alpha_dropout_", "feature_alpha_dropout", "feature_alpha_dropout_",
            "native_dropout"}
RECURRENT = {"lstm", "gru", "rnn_tanh", "rnn_relu"}
HYPERPARAMETERS = ("p", "momentum", "eps", "lower", "upper", "dropout")


@dataclasses.dataclass
class ModeNode:
    """A node whose computation depends on the mode: its op, whether it is
    in training form, and its hyperparameters (p, momentum, eps, ...)."""

    op: str
    training: bool
    hyper: dict[str, Any]


def _is_counter(node: torch.fx.Node) -> bool:
    """A batch norm's `num_batches_tracked += 1`: `add_`/`add` on a buffer
    whose name ends in num_batches_tracked (placeholder `b_..._num_batches_
    tracked` in a program, get_attr `...num_batches_tracked` in a module)."""
    if node.op != "call_function" or op_name(node.target) not in ("aten.add_.Tensor",
                                                                    "aten.add.Tensor"):
        return False
    src = node.args[0]
    return isinstance(src, torch.fx.Node) and src.op in ("placeholder", "get_attr") \
        and str(src.target).replace(".", "_").endswith("num_batches_tracked")


def mode_nodes(graph: torch.fx.Graph) -> list[ModeNode]:
    """Every mode-carrying node of a graph, in order. Normalizations without
    running statistics are the same in both modes and are not listed."""
    found = []
    for node in graph.nodes:
        if node.op != "call_function" or not isinstance(node.target, torch._ops.OpOverload):
            continue
        if _is_counter(node):
            found.append(ModeNode("num_batches_tracked counter", True, {}))
            continue
        args = dict(bind(node.target, node.args, node.kwargs))
        name = node.target._schema.name.split("::")[-1]
        hyper = {k: args[k] for k in HYPERPARAMETERS if k in args}
        training: Optional[bool] = None
        if name in DROPOUTS or name in RECURRENT:
            training = bool(args["train"])
        elif name in ("batch_norm", "_native_batch_norm_legit_functional", "native_batch_norm",
                      "cudnn_batch_norm") or op_name(node.target) == \
                "aten._native_batch_norm_legit.default":
            if args.get("running_mean") is not None:
                training = bool(args["training"])
        elif name == "_native_batch_norm_legit_no_training":
            training = False
        elif name == "instance_norm":
            if args.get("running_mean") is not None:
                training = bool(args["use_input_stats"])
        elif name in ("rrelu", "rrelu_", "rrelu_with_noise_functional"):
            training = bool(args["training"])
        elif name == "scaled_dot_product_attention":
            training = args["dropout_p"] > 0
        elif name == "bernoulli":
            training = True  # a decomposed training-mode dropout
        if training is not None:
            found.append(ModeNode(op_name(node.target).removeprefix("aten."), training, hyper))
    return found


def random_nodes(graph: torch.fx.Graph) -> list[ModeNode]:
    """The nodes that draw random numbers (PyTorch tags their op
    `nondeterministic_seeded`) other than the mode-carrying ones
    `mode_nodes` lists: `bernoulli_` of a drop path, `rand`, `randn`, ...
    Listed in training form: a program switched to evaluation has none but
    those a model draws in evaluation too (issue 17)."""
    known = {"dropout", "dropout_", "feature_dropout", "feature_dropout_", "alpha_dropout",
             "alpha_dropout_", "feature_alpha_dropout", "feature_alpha_dropout_",
             "native_dropout", "bernoulli", "rrelu", "rrelu_", "rrelu_with_noise_functional",
             "scaled_dot_product_attention", *RECURRENT}
    found = []
    for node in graph.nodes:
        if node.op == "call_function" and isinstance(node.target, torch._ops.OpOverload) \
                and torch.Tag.nondeterministic_seeded in node.target.tags \
                and node.target._schema.name.split("::")[-1] not in known:
            found.append(ModeNode(op_name(node.target).removeprefix("aten."), True, {}))
    return found


def summarize(nodes: list[ModeNode], training: bool) -> str:
    """`batch_norm.default ×20, num_batches_tracked counter ×20` for the
    nodes in the given form; `—` if none."""
    counts = collections.Counter(n.op for n in nodes if n.training == training)
    return ", ".join(f"`{op}`" + (f" ×{c}" if c > 1 else "") for op, c in counts.items()) or "—"


def changed_hyperparameters(before: list[ModeNode], after: list[ModeNode]) -> list[str]:
    """`p 0.3 → 0.5` for each hyperparameter a switch changed, pairing the
    mode nodes that carry hyperparameters in order."""
    a = [n for n in before if n.hyper]
    b = [n for n in after if n.hyper]
    if len(a) != len(b):
        return [f"{len(a)} nodes with hyperparameters became {len(b)}"]
    changes = collections.Counter()
    for x, y in zip(a, b):
        for key in x.hyper:
            if key in y.hyper and x.hyper[key] != y.hyper[key]:
                changes[f"{key} {x.hyper[key]!r} → {y.hyper[key]!r}"] += 1
    return [c + (f" ×{n}" if n > 1 else "") for c, n in changes.items()]


# ---------------------------------------------------------------------------
# Archives
# ---------------------------------------------------------------------------


def _compare_archives_module():
    """test/Target/PT2/compare-archives.py, the lit suite's archive checker,
    imported (its name is not an identifier)."""
    import importlib.util
    path = REPO / "test" / "Target" / "PT2" / "compare-archives.py"
    spec = importlib.util.spec_from_file_location("compare_archives", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_COMPARE_ARCHIVES = _compare_archives_module()


def compare_archives(expected: bytes, actual: bytes) -> list[str]:
    """What test/Target/PT2/compare-archives.py finds comparing `actual`
    with `expected`: a model JSON that is not JSON-equal, another entry
    that is not byte-identical, a layout that is not PyTorch's."""
    return _COMPARE_ARCHIVES.compare(expected, actual)


def model_json(archive: bytes) -> dict:
    """The `models/model.json` of an archive, parsed."""
    with zipfile.ZipFile(io.BytesIO(archive)) as z:
        for info in z.infolist():
            parts = info.filename.split("/")
            if parts[1:] == ["models", "model.json"]:
                return json.loads(z.read(info))
    raise KeyError("no models/model.json in the archive")


def node_names(archive: bytes) -> set[str]:
    """Every node name of the archive's model (from its JSON)."""
    return {node.get("name", "") for node in model_json(archive)["graph_module"]["graph"]["nodes"]}


def reproduce(model: str, ir: str, *passes: str) -> str:
    """The command that redoes one check by hand (test/PyTorch/repro.py)."""
    return (f"reproduce: python3 test/PyTorch/repro.py {model} {ir} {' '.join(passes)}"
            .rstrip())


def failure(what: str, problems: list[str], *details: str) -> str:
    """A failure message: what failed, each problem, then the details (the
    mode-pt2 command, how to reproduce)."""
    return "\n".join([what, *("  " + p for p in problems), *details])


def expect(ok: bool, what: str, problems: list, *details: str) -> None:
    """Fails the calling test, without a Python traceback (the message says
    it all), unless `ok`."""
    if not ok:
        import pytest
        pytest.fail(failure(what, [str(p) for p in problems], *details), pytrace=False)
