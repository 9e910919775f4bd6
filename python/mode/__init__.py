"""mode from Python: switch a `torch.export` program between training and
evaluation mode.

    import mode

    ep = torch.export.export(model.train(), args)   # a training program
    ep_eval = mode.to_eval(ep)                      # ExportedProgram in, a new one out
    ep_train = mode.to_train(ep_eval)               # and back
    frozen = mode.to_eval(ep, ops=["batch_norm"])   # batch norms only (QAT, fine-tuning)
    ep_train = mode.to_train(torch.export.export(attention_model.eval(), args),
                             attention_dropout=0.1)  # the p an evaluation export lost

    m = torch.export.export(model, args).module()   # torchao's pt2e flow
    m = prepare_qat_pt2e(m, quantizer)
    mode.to_eval(m)                                 # in place, as torchao's
    mode.to_train(m)                                # move_exported_model_to_eval/_train

A drop-in for torchao's `move_exported_model_to_eval` /
`move_exported_model_to_train`, which rewrite `ep.module()` in place by
pattern matching (dropout and batch norm only, resetting p, momentum and
eps to the patterns' defaults): these take either form, switch every
mode-dependent op and keep every argument. What they do on each model of
the test zoo, side by side with torchao: docs/pytorch-comparison.md.

How: the graph alone (nodes, signature, the graph module's metadata; never
the weights) is written as the JSON of a torch.export program, mode's C++
core (the extension `mode._core`, the libraries the command-line tools are
made of) runs its passes on it in this process, and the nodes it changed
are changed in the graph. When the core refuses (a program it cannot
switch, for instance an evaluation program after `run_decompositions()`
whose dropouts PyTorch already removed), the call raises `ModeError` with
mode's message, and nothing is changed.

`run_mode_pt2` runs the command-line tool `mode-pt2` on a program saved
to memory instead, weights and all (`find_mode_pt2` says which).
"""

from __future__ import annotations

import copy
import gc
import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterable, Optional, Sequence

__all__ = ["ModeError", "FAMILIES", "to_eval", "to_train", "run_passes", "run_mode_pt2",
           "find_mode_pt2"]

try:
    from . import _core
    _CORE_ERROR: Optional[BaseException] = None
except ImportError as error:  # reported when a switch is asked for
    _core = None
    _CORE_ERROR = error

# The op families `ops=` can name: those mode's ops register (empty without
# the extension).
FAMILIES = tuple(_core.mode_families()) if _core else ()


class ModeError(RuntimeError):
    """mode refused the program, or could not run.

    `str(error)` is mode's own message. For `run_mode_pt2`, `returncode`
    and `command` say what ran (None when it could not run at all); for
    the in-memory calls, `pipeline` is the pass pipeline that was run.
    """

    def __init__(self, message: str, returncode: Optional[int] = None,
                 command: Optional[Sequence[str]] = None,
                 pipeline: Optional[str] = None) -> None:
        super().__init__(message)
        self.returncode = returncode
        self.command = list(command) if command is not None else None
        self.pipeline = pipeline


# ---------------------------------------------------------------------------
# In memory, through the extension
# ---------------------------------------------------------------------------


def _option_value(key: str, value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return ",".join(_option_value(key, v) for v in value)
    text = str(value)
    if not text or any(c.isspace() or c in "{}\"'," for c in text):
        raise ValueError(f"the value {value!r} of option {key}= cannot be written in a "
                         "pass pipeline")
    return text


def _pass(name: str, ops: Optional[Iterable[str]], options: dict) -> str:
    """`to-eval`, `to-train{ops=dropout,rnn attention-dropout=0.1}`, ...: a
    pass with its options, keyword names spelled as the pass spells them
    (`attention_dropout` is `attention-dropout`)."""
    given = {}
    if ops is not None:
        ops = [ops] if isinstance(ops, str) else list(ops)
        if not ops:
            raise ValueError(f"ops= names no op family ({', '.join(FAMILIES)})")
        given["ops"] = ops
    for key, value in options.items():
        if value is not None:
            given[key.replace("_", "-")] = value
    if not given:
        return name
    return name + "{" + " ".join(f"{k}={_option_value(k, v)}" for k, v in given.items()) + "}"


# Where a call's time goes, for bench/run_python.py: step name -> seconds,
# summed while it is a dict (None: not recorded).
_step_seconds: Optional[dict] = None


class _step:
    """Times a step of a switch into _step_seconds, when that is on."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __enter__(self) -> None:
        if _step_seconds is not None:
            self.start = time.perf_counter()

    def __exit__(self, *exc) -> None:
        if _step_seconds is not None:
            _step_seconds[self.name] = (_step_seconds.get(self.name, 0.0)
                                        + time.perf_counter() - self.start)


def _core_run(program_json: dict, pipeline: str, name: str) -> dict:
    """The core's answer for one program: the program JSON it wrote."""
    if _core is None:
        try:
            from . import _build_config  # type: ignore[attr-defined]
        except ImportError:
            _build_config = None
        reason = getattr(_build_config, "NO_EXTENSION", "")
        built_for = getattr(_build_config, "PYTHON", "")
        raise ModeError("mode's extension mode._core is not available"
                        + (f" (this build has none: {reason})" if reason else
                           f": {_CORE_ERROR}" + (f" (the build made it for {built_for}; "
                                                 f"this is {sys.executable})"
                                                 if built_for else "")), pipeline=pipeline)
    with _step("json.dumps"):
        text = json.dumps(program_json, allow_nan=False)
    with _step("core"):
        ok, text = _core.switch_program(text, pipeline, name)
    if not ok:
        # Where in the JSON mode wrote for it means nothing to the caller:
        # the node the message names is the node of the graph.
        text = re.sub(rf"^{name}:\d+:\d+: ", "", text.strip(), flags=re.MULTILINE)
        raise ModeError(text or "mode failed without a message", pipeline=pipeline)
    with _step("json.loads"):
        return json.loads(text)


def _form_error(error: Exception, what: str, pipeline: str) -> ModeError:
    return ModeError(f"mode cannot switch this {what}: {error}", pipeline=pipeline)


def _switch_exported_program(ep, pipeline: str):
    from . import _graph

    with _step("copy graph"):
        graph = copy.deepcopy(ep.graph)  # the input is left as it is
    try:
        with _step("write"):
            written, writer = _graph.write_exported_program_graph(ep, graph)
    except _graph.GraphFormError as error:
        raise _form_error(error, "ExportedProgram", pipeline) from None
    out = _core_run(written, pipeline, "ExportedProgram")
    try:
        with _step("apply"):
            if _graph.input_specs_changed(written, out):
                raise _graph.GraphFormError("mode changed the program's inputs")
            applier = _graph.ProgramApplier(writer, written, out)
            applier.apply()
            output_specs = _graph.output_specs(out, applier)
            graph.lint()
    except _graph.GraphFormError as error:
        raise _form_error(error, "ExportedProgram", pipeline) from None
    with _step("new program"):
        return _new_program(ep, graph, output_specs, _graph.graph_module_custom(out))


def _new_program(ep, graph, output_specs, custom):
    """An ExportedProgram like `ep` with `graph` and these output specs,
    sharing ep's tensors."""
    import torch
    from . import _graph

    signature = torch.export.ExportGraphSignature(
        input_specs=_graph.input_specs(ep, graph), output_specs=output_specs)
    # The new program's module is made of ep's (its attributes and meta)
    # and `graph`.
    program = torch.export.ExportedProgram(
        root=ep.graph_module, graph=graph, graph_signature=signature,
        state_dict=dict(ep.state_dict), range_constraints=dict(ep.range_constraints),
        module_call_graph=copy.deepcopy(ep.module_call_graph),
        example_inputs=ep.example_inputs, constants=dict(ep.constants),
        verifiers=list(ep.verifiers))
    _set_custom(program.graph_module.meta, custom)
    return program


def _set_custom(meta: dict, custom) -> None:
    if custom:
        meta["custom"] = custom
    else:
        meta.pop("custom", None)


# torchao's record of the mode of a GraphModule it switched, which its
# move_exported_model_to_eval/_train read to do nothing a second time.
_TORCHAO_TRAINING_ATTR = "_exported_training"


def _switch_graph_module(gm, pipeline: str, training: Optional[bool]):
    from . import _graph

    with _step("copy graph"):
        graph = copy.deepcopy(gm.graph)  # applied to a copy, installed when done
        graph.owning_module = gm
    try:
        with _step("write"):
            _graph.refresh_values(gm, graph)
            written, writer = _graph.write_graph_module(gm, graph)
    except _graph.GraphFormError as error:
        raise _form_error(error, "GraphModule", pipeline) from None
    out = _core_run(written, pipeline, "GraphModule")

    def read_attribute(target: str, name: str):
        """A get_attr node for an attribute no node read before."""
        first = next(n for n in graph.nodes)
        with graph.inserting_before(first):
            node = graph.get_attr(target)
        node.meta["val"] = _graph.fake_like(graph, _graph._attribute(gm, target))
        return node

    try:
        with _step("apply"):
            if _graph.input_specs_changed(written, out):
                raise _graph.GraphFormError("mode changed the graph's inputs")
            applier = _graph.ProgramApplier(writer, written, out, read_attribute)
            applier.apply(lambda: _graph.apply_write_backs(written, out, applier))
            graph.lint()
    except _graph.GraphFormError as error:
        raise _form_error(error, "GraphModule", pipeline) from None
    with _step("recompile"):
        gm.graph = graph  # recompiles
    _set_custom(gm.meta, _graph.graph_module_custom(out))
    if training is not None:
        # Submodule calls (observers, any nn.Module the graph calls) follow
        # `training` as in model.train()/eval(); set directly, because
        # torchao may have replaced the module's train()/eval() with its own.
        for module in gm.modules():
            module.training = training
        setattr(gm, _TORCHAO_TRAINING_ATTR, training)
    return gm


def _switch(program, pipeline: str, training: Optional[bool] = None):
    import torch

    if isinstance(program, torch.export.ExportedProgram):
        switch = lambda: _switch_exported_program(program, pipeline)  # noqa: E731
    elif isinstance(program, torch.fx.GraphModule):
        switch = lambda: _switch_graph_module(program, pipeline, training)  # noqa: E731
    else:
        raise TypeError(f"expected a torch.export.ExportedProgram or the torch.fx.GraphModule "
                        f"of its module(), got {type(program).__name__}")
    # A switch makes and drops many small objects (the JSON, the copied
    # graph) in a process whose heap holds a whole model: Python's cycle
    # collector, run every few hundred allocations, would walk that heap
    # over and over (it doubled json.loads's time on BERT-base). Nothing
    # made here is cyclic garbage to collect before the call returns.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return switch()
    finally:
        if collecting:
            gc.enable()


_SHARED = """
    The result shares the input's parameters and buffers: no tensor is
    copied. A training program updates buffers in place when it runs (batch
    norms' running statistics and `num_batches_tracked`, a model's own
    buffers): after a training forward of either program, both see the
    updated values, as `ep.module()` does. `copy.deepcopy` the input first
    where the two must evolve apart."""


def to_eval(program, *, ops: Optional[Iterable[str]] = None, **options):
    """`program` in evaluation mode: it then computes what `model.eval()`
    computes.

    `program` is a `torch.export.ExportedProgram`, for which a new
    ExportedProgram is returned and the input left as it is; or the
    `torch.fx.GraphModule` of `ep.module()` (also after torchao's
    `prepare_pt2e`/`prepare_qat_pt2e`), which is switched in place and
    returned, as torchao's `move_exported_model_to_eval` does; its
    submodules' `training` is set to False, as `model.eval()` would.

    `ops` limits the switch to some op families (`FAMILIES`: `"attention"`,
    `"batch_norm"`, `"drop_path"`, `"dropout"`, `"instance_norm"`, `"rnn"`,
    `"rrelu"`); by default all. An unknown name raises ModeError listing
    them. Other keyword arguments are options of mode's `to-eval` pass,
    passed on as they are (`some_option=1` is `to-eval{some-option=1}`):
    `keep_random=["my.Sampler"]` keeps the random nodes of modules of that
    class (random by design); `identity_in_eval=["my.Noise"]` removes the
    calls of modules of that class, which are the identity in evaluation,
    and records them for to_train.

    Raises ModeError with mode's message where it cannot switch, and then
    changes nothing.
    """
    return _switch(program, _pass("to-eval", ops, options), training=False)


def to_train(program, *, ops: Optional[Iterable[str]] = None,
             attention_dropout: Optional[float] = None, **options):
    """`program` in training mode: it then computes what `model.train()`
    computes (same random seed, same outputs) and updates the buffers as
    it does. Raises ModeError, and changes nothing, where the program no
    longer holds what training needs (see mode's message).

    `program` is an ExportedProgram (a new one is returned) or the
    GraphModule of `ep.module()`, switched in place as torchao's
    `move_exported_model_to_train` does, its submodules' `training` set
    to True. `ops` limits the switch to some op families, as for
    `to_eval`; other keyword arguments are options of mode's `to-train`
    pass, passed on as they are.

    `attention_dropout` is the dropout probability (in [0, 1]) to give the
    attentions (`scaled_dot_product_attention`, which `nn.MultiheadAttention`
    and the Transformer layers call) whose training probability the program
    does not hold: an evaluation export writes them with `dropout_p` 0 and
    keeps no trace of `p`, so without it such a program raises ModeError.
    It is the pass's option `attention-dropout`. An attention whose
    probability mode recorded (in a program that `to_eval` wrote) keeps it.
    """
    if attention_dropout is not None:
        if isinstance(attention_dropout, bool) or not isinstance(attention_dropout, (int, float)):
            raise TypeError(f"attention_dropout must be a number, not "
                            f"{type(attention_dropout).__name__}")
        options["attention_dropout"] = float(attention_dropout)
    return _switch(program, _pass("to-train", ops, options), training=True)


def run_passes(program, pipeline: str):
    """Runs a pass pipeline of mode's, as `mode-opt --pass-pipeline` takes
    it (`"to-eval{ops=dropout},assert-eval"`, or anchored:
    `"builtin.module(to-train)"`), on `program` in memory: the general form
    of `to_eval`/`to_train`. An ExportedProgram gives a new one; a
    GraphModule is changed in place (its submodules' `training` is left
    as it is). Raises ModeError with mode's message if the pipeline fails,
    and then changes nothing.
    """
    return _switch(program, pipeline)


for _function in (to_eval, to_train, run_passes):
    _function.__doc__ += _SHARED


# ---------------------------------------------------------------------------
# The command-line tool, on a saved program
# ---------------------------------------------------------------------------


def _build_tree_mode_pt2() -> Optional[Path]:
    """mode-pt2 of the build tree this package was imported from; None for
    an installed package (pip puts mode-pt2 on PATH).

    In the build tree (`build/python/mode`), CMake writes `_build_config.py`
    with the path of the mode-pt2 it built. Imported from the source tree
    (`python/mode`), the default build folder `build/` next to it is tried.
    """
    try:
        from . import _build_config  # type: ignore[attr-defined]
        return Path(_build_config.MODE_PT2)
    except ImportError:
        pass
    source = Path(__file__).resolve().parents[2]
    if (source / "python" / "CMakeLists.txt").is_file():
        return source / "build" / "bin" / "mode-pt2"
    return None


def find_mode_pt2() -> str:
    """The mode-pt2 to run: $MODE_PT2, else the build tree's, else PATH's.

    Raises ModeError when $MODE_PT2 names no executable file, or when
    there is none at all.
    """
    env = os.environ.get("MODE_PT2")
    if env:
        if os.path.isfile(env) and os.access(env, os.X_OK):
            return env
        raise ModeError(f"MODE_PT2={env!r} is not an executable file")
    built = _build_tree_mode_pt2()
    if built is not None and built.is_file() and os.access(built, os.X_OK):
        return str(built)
    on_path = shutil.which("mode-pt2")
    if on_path:
        return on_path
    raise ModeError("mode-pt2 not found: set MODE_PT2, build mode (scripts/build), "
                    "or put mode-pt2 on PATH")


def run_mode_pt2(program, *options: str, mode_pt2: Optional[str] = None):
    """Runs `mode-pt2 <options>` on `program` (an ExportedProgram), saved
    to memory with `torch.export.save`, and returns what it writes, loaded
    with `torch.export.load`: the archive path of the command-line tool,
    weights and all. `options` are mode-pt2's (`--to-eval`,
    `--assert-eval`, `--pass-pipeline=...`).

    The input program is not changed. Raises ModeError with mode-pt2's
    message if it fails.
    """
    import torch

    if not isinstance(program, torch.export.ExportedProgram):
        raise TypeError(f"expected a torch.export.ExportedProgram, got "
                        f"{type(program).__name__}")
    binary = mode_pt2 or find_mode_pt2()
    buffer = io.BytesIO()
    torch.export.save(program, buffer)
    command = [binary, *options, "-"]
    try:
        proc = subprocess.run(command, input=buffer.getvalue(), capture_output=True)
    except OSError as exc:
        raise ModeError(f"cannot run {binary}: {exc}", None, command) from exc
    if proc.returncode != 0:
        message = proc.stderr.decode(errors="replace").strip()
        raise ModeError(message or f"mode-pt2 exited {proc.returncode}", proc.returncode, command)
    return torch.export.load(io.BytesIO(proc.stdout))
