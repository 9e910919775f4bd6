"""What PyTorch 2.13 itself does that makes one of the suite's checks
impossible, as data, each with the evidence that proves it.

The suite holds mode-pt2 to PyTorch everywhere else. Where PyTorch cannot
produce the reference (an export fails) or has already thrown away what a
switch would need (an evaluation export that no longer says what the
model does in training), the check is replaced by an assertion of exactly
that PyTorch behaviour: test_pytorch_behaviour.py asserts every entry
here, so the suite fails when PyTorch changes and the entry must be
revisited. docs/pytorch-suite.md explains each one.
"""

from __future__ import annotations

import copy
import dataclasses
from typing import Callable

import torch

import harness

# ---------------------------------------------------------------------------
# Exports that fail
# ---------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class ExportFailure:
    """torch.export.export of a zoo model fails: with this exception type
    and a message starting with `message`."""

    error_type: str
    message: str
    why: str


_GUARD = "torch.fx.experimental.symbolic_shapes.GuardOnDataDependentSymNode"

EXPORT_FAILURES: dict[tuple[str, str], ExportFailure] = {
    ("bn_momentum_none", "train"): ExportFailure(
        _GUARD, "Could not extract specialized integer from data-dependent expression u0",
        "BatchNorm with momentum=None (cumulative moving average) computes "
        "`1.0 / float(self.num_batches_tracked)` in training, a float of a "
        "buffer's value, which export cannot trace (batchnorm.py:192)."),
    **{("lstm_packed", mode): ExportFailure(
        "builtins.TypeError",
        "zeros(): argument 'size' failed to unpack the object at pos 2 with error "
        "\"type must be tuple of ints,but got FakeTensor\"",
        "nn.LSTM on a PackedSequence sizes its zero state by `batch_sizes[0]`, a "
        "tensor (rnn.py:1093).") for mode in harness.MODES},
    **{("lstm_packed_hx", mode): ExportFailure(
        _GUARD, "Could not extract specialized integer from data-dependent expression u0",
        "with an explicit initial state the export reaches `lstm.data`, whose "
        "decomposition needs the data-dependent batch sizes.") for mode in harness.MODES},
}


def export_failure(model: str, mode: str) -> ExportFailure | None:
    return EXPORT_FAILURES.get((model, mode))


def check_export_failure(export: harness.Export) -> list[str]:
    """Problems if `export` did not fail exactly as EXPORT_FAILURES says
    (or failed where nothing is expected to)."""
    expected = export_failure(export.model, export.mode)
    if expected is None:
        if export.failed:
            return [f"torch.export of {export.key} failed unexpectedly: "
                    f"{export.error_type}: {export.error}"]
        return []
    if not export.failed:
        return [f"torch.export of {export.key} now succeeds; it failed with "
                f"{expected.error_type} in PyTorch 2.13: update expectations.py and the docs"]
    problems = []
    if export.error_type != expected.error_type:
        problems.append(f"{export.key}: export failed with {export.error_type}, "
                        f"expected {expected.error_type}")
    if not (export.error or "").startswith(expected.message):
        problems.append(f"{export.key}: export failed with {export.error!r}, "
                        f"expected a message starting {expected.message!r}")
    return problems


# ---------------------------------------------------------------------------
# Evaluation exports that lost what training needs
# ---------------------------------------------------------------------------


def _ops(export: harness.Export, op: str) -> list[harness.ModeNode]:
    return [n for n in harness.mode_nodes(export.program.graph) if n.op == op]


def _sdpa_dropout_p(export: harness.Export) -> list[float]:
    """dropout_p of each scaled_dot_product_attention node (defaults bound)."""
    values = []
    for node in export.program.graph.nodes:
        if harness.op_name(node.target) == "aten.scaled_dot_product_attention.default":
            values.append(dict(harness.bind(node.target, node.args, node.kwargs))["dropout_p"])
    return values


def _sdpa_evidence(suite: harness.Suite, model: str) -> list[str]:
    train = suite.export(model, "train", "default")
    evals = suite.export(model, "eval", "default")
    tp, ep = _sdpa_dropout_p(train), _sdpa_dropout_p(evals)
    problems = []
    if not tp or any(p <= 0 for p in tp):
        problems.append(f"training export's SDPA dropout_p: {tp}, expected all > 0")
    if len(ep) != len(tp) or any(p != 0.0 for p in ep):
        problems.append(f"evaluation export's SDPA dropout_p: {ep}, expected {len(tp)} × 0.0")
    return problems


def _mha_dropout_evidence(suite: harness.Suite, model: str) -> list[str]:
    train = _ops(suite.export(model, "train", "default"), "dropout.default")
    evals = _ops(suite.export(model, "eval", "default"), "dropout.default")
    problems = []
    if [n.training for n in train] != [True]:
        problems.append(f"training export: dropout nodes {train}, expected one in training form")
    if evals:
        problems.append(f"evaluation export: dropout nodes {evals}, expected none")
    return problems


def _momentum_none_evidence(suite: harness.Suite, model: str) -> list[str]:
    evals = _ops(suite.export(model, "eval", "default"), "batch_norm.default")
    momentum = [n.hyper["momentum"] for n in evals]
    problems = [] if momentum == [0.0] else [
        f"evaluation export's batch_norm momentum {momentum}, expected [0.0]"]
    bn = zoo_module(model, "bn")
    if bn.momentum is not None:
        problems.append(f"the zoo's {model}.bn.momentum is {bn.momentum}, expected None")
    return problems + check_export_failure(suite.export(model, "train", "default"))


def zoo_module(model: str, name: str) -> torch.nn.Module:
    return dict(harness.zoo.get(model).build().named_modules())[name]


@dataclasses.dataclass
class StatedTraining:
    """The training program an evaluation export states: what `m.train()`
    does, with the values the export lost replaced by what it recorded.
    `lines` is None where PyTorch has no training export to build it from."""

    lines: list[str] | None
    runs: list[harness.Run]
    nodes: list[harness.ModeNode]


def _patched_train_export(suite: harness.Suite, model: str,
                          patch: Callable[[torch.fx.Graph], int]) -> StatedTraining:
    """PyTorch's training export of `model`, its graph edited by `patch`
    (which returns how many nodes it edited), as graph lines and runs."""
    export = suite.export(model, "train", "default")
    program = harness.load_from_bytes(export.archive)  # a fresh copy: we edit it
    edited = patch(program.graph)
    assert edited, f"{model}: nothing to edit in PyTorch's training export"
    program.graph.lint()
    program.graph_module.recompile()
    module = program.module()
    drop = is_contiguous if model in CONTIGUOUS_DEPENDS_ON_MODE else None  # as comparable_lines
    return StatedTraining(harness.graph_lines(program, drop),
                          [harness.run_module(copy.deepcopy(module), inputs)
                           for inputs in harness.example_inputs(model)],
                          harness.mode_nodes(program.graph))


def _sdpa_without_dropout(graph: torch.fx.Graph) -> int:
    """Sets every scaled_dot_product_attention's dropout_p to 0.0."""
    count = 0
    for node in graph.nodes:
        if harness.op_name(node.target) == "aten.scaled_dot_product_attention.default":
            node.update_arg(4, 0.0)
            count += 1
    return count


def _without_training_dropout(graph: torch.fx.Graph) -> int:
    """Removes every aten.dropout node (its users read its input)."""
    count = 0
    for node in list(graph.nodes):
        if harness.op_name(node.target) == "aten.dropout.default":
            node.replace_all_uses_with(node.args[0])
            graph.erase_node(node)
            count += 1
    return count


def _momentum_zero_eager(suite: harness.Suite, model: str) -> StatedTraining:
    """`m.train()` with the batch norm's momentum 0.0, as the evaluation
    export records it (PyTorch cannot export the training mode)."""
    runs = []
    for inputs in harness.example_inputs(model):
        m = harness.zoo.get(model).build().train()
        m.bn.momentum = 0.0
        runs.append(harness.run_module(m, inputs))
    return StatedTraining(None, runs, [])


@dataclasses.dataclass(frozen=True)
class LostInEvaluation:
    """PyTorch's evaluation export (default IR) of the model does not hold
    what `m.train()` does, and nothing in the archive tells that it once
    did (the same program comes from a model that never had it): no
    program written from it can train like `m.train()`, and refusing would
    refuse such models too.

    The check of `--to-train` becomes: refuse (exit 1, an error naming the
    node), or write exactly the training program the evaluation export
    states (`stated`): PyTorch's own training behaviour with the lost
    values as the export recorded them. `evidence` proves the loss."""

    why: str
    evidence: Callable[[harness.Suite, str], list[str]]
    stated: Callable[[harness.Suite, str], StatedTraining]
    # The to-train option that gives back what was lost, from what the zoo
    # knows of the model (`attention-dropout=0.1`); None where mode-pt2 has
    # no such option. Given it, --to-train must compute m.train() and equal
    # PyTorch's training export (test_to_train.py).
    given: Callable[[str], str] | None = None
    # The export states what m.train() does, only not that it does: an
    # attention dropout of 0 in training is 0.0 in the evaluation export too
    # (test_stated_training_is_not_m_train asserts equality then).
    stated_is_m_train: bool = False


def attention_dropout(model: str) -> float:
    """The dropout probability of every attention of the zoo model: each
    `nn.MultiheadAttention`'s `dropout` (a Transformer layer's attentions
    included) and an `SDPANet`'s `p`. One value: `attention-dropout=P`
    gives one probability to all of a program's attentions."""
    found = set()
    for module in harness.zoo.get(model).build().modules():
        if isinstance(module, torch.nn.MultiheadAttention):
            found.add(module.dropout)
        elif isinstance(module, harness.zoo.SDPANet):
            found.add(module.p)
    assert len(found) == 1, f"{model}: attention dropout probabilities {found}, expected one"
    return found.pop()


_SDPA = LostInEvaluation(
    "the module calls `scaled_dot_product_attention(..., dropout_p=p if self.training "
    "else 0.0)`: the evaluation export's node has dropout_p 0.0 (left out as the "
    "default), and p is nowhere in the archive.", _sdpa_evidence,
    lambda suite, model: _patched_train_export(suite, model, _sdpa_without_dropout),
    lambda model: f"attention-dropout={attention_dropout(model)!r}")

# ---------------------------------------------------------------------------
# Real-library models (real_models.SUITE_MODELS): what their evaluation
# exports lost
# ---------------------------------------------------------------------------

# The modules that drop a residual branch at random in training and are the
# identity in evaluation, by the class nn_module_stack names (issue 17).
DROP_PATH_CLASSES = {
    "torchvision.ops.stochastic_depth.StochasticDepth",
    "timm.layers.drop.DropPath",
    "transformers.models.convnext.modeling_convnext.ConvNextDropPath",
    "transformers.models.swin.modeling_swin.SwinDropPath",
}


def _innermost(node: torch.fx.Node) -> tuple[str, str]:
    """(nn_module_stack key, module class) of the node's innermost
    nn_module_stack entry; ("", "") for the top module's nodes. The key names
    one call: a module called twice has the keys `L__self__path` and
    `L__self__path@1` (torchvision's Swin calls each block's StochasticDepth
    twice), both with the same path."""
    stack = node.meta.get("nn_module_stack") or {}
    if not stack:
        return "", ""
    key, (_, cls) = list(stack.items())[-1]
    return key, cls if isinstance(cls, str) else f"{cls.__module__}.{cls.__qualname__}"


def drop_path_modules(graph: torch.fx.Graph) -> dict[str, list[torch.fx.Node]]:
    """{nn_module_stack key: its nodes, in order} of every call of a
    drop-path module (DROP_PATH_CLASSES) with a node in the graph."""
    found: dict[str, list[torch.fx.Node]] = {}
    for node in graph.nodes:
        if node.op == "call_function":
            key, cls = _innermost(node)
            if cls in DROP_PATH_CLASSES:
                found.setdefault(key, []).append(node)
    return found


def _without_drop_path(graph: torch.fx.Graph) -> int:
    """Takes every drop-path module's nodes out, its users reading its
    input: what the module computes in evaluation (the identity)."""
    count = 0
    for path, nodes in drop_path_modules(graph).items():
        inside = set(nodes)
        inputs = {a for n in nodes for a in n.all_input_nodes if a not in inside}
        outputs = [n for n in nodes if any(u not in inside for u in n.users)]
        assert len(inputs) == 1 and len(outputs) == 1, \
            f"drop path {path}: inputs {inputs}, outputs {outputs}"
        outputs[0].replace_all_uses_with(inputs.pop())
        for node in reversed(nodes):
            graph.erase_node(node)
        count += 1
    return count


def _drop_path_evidence(suite: harness.Suite, model: str) -> list[str]:
    """The training export has drop-path modules that draw random numbers;
    the evaluation export has no node of them."""
    train = suite.export(model, "train", "default").program.graph
    evals = suite.export(model, "eval", "default").program.graph
    modules = drop_path_modules(train)
    problems = []
    if not modules:
        problems.append("the training export has no drop-path module")
    for path, nodes in modules.items():
        if not any(torch.Tag.nondeterministic_seeded in getattr(n.target, "tags", ())
                   for n in nodes):
            problems.append(f"drop path {path} draws no random number in training")
    left = drop_path_modules(evals)
    if left:
        problems.append(f"the evaluation export has nodes of drop paths {sorted(left)}")
    return problems


def _sdpa_zero_evidence(suite: harness.Suite, model: str) -> list[str]:
    """Attention whose dropout is 0 in training too: every
    scaled_dot_product_attention has dropout_p 0.0 in both exports."""
    tp = _sdpa_dropout_p(suite.export(model, "train", "default"))
    ep = _sdpa_dropout_p(suite.export(model, "eval", "default"))
    if not tp or any(p != 0.0 for p in tp + ep) or len(tp) != len(ep):
        return [f"SDPA dropout_p: training {tp}, evaluation {ep}; expected all 0.0"]
    return []


def _train_export_as_is(graph: torch.fx.Graph) -> int:
    return 1  # nothing lost: the training export is what the evaluation export states


# The attention dropout of a real model (one value for all of its
# attentions), as its configuration sets it; `_real_sdpa_evidence` checks
# it against the dropout_p of PyTorch's training export.
REAL_ATTENTION_DROPOUT = {"hf_bert": 0.1, "hf_vit": 0.1, "timm_deit": 0.0}


def _real_sdpa_evidence(suite: harness.Suite, model: str) -> list[str]:
    expected = REAL_ATTENTION_DROPOUT[model]
    tp = _sdpa_dropout_p(suite.export(model, "train", "default"))
    problems = [] if tp and all(p == expected for p in tp) else [
        f"training export's SDPA dropout_p {tp}, expected all {expected}"]
    evidence = _sdpa_zero_evidence if expected == 0.0 else _sdpa_evidence
    return problems + evidence(suite, model)


def _both(*evidences):
    return lambda suite, model: [p for e in evidences for p in e(suite, model)]


_DROP_PATH = LostInEvaluation(
    "stochastic depth / drop path is a Python `if self.training` (issue 17 item 6): the "
    "evaluation export has no node of it, so nothing says it was there; the training it "
    "states is the model without drop path.", _drop_path_evidence,
    lambda suite, model: _patched_train_export(suite, model, _without_drop_path))

_REAL_SDPA = LostInEvaluation(
    _SDPA.why, _real_sdpa_evidence,
    lambda suite, model: _patched_train_export(suite, model, _sdpa_without_dropout),
    lambda model: f"attention-dropout={REAL_ATTENTION_DROPOUT[model]!r}")

_REAL_SDPA_ZERO = LostInEvaluation(
    "the attention's dropout is 0 in training too (timm's default): its SDPA has "
    "dropout_p 0.0 in both exports, and nothing in the evaluation export says which "
    "training dropout it had; `attention-dropout=0` says it (issue 17 item 4).",
    _real_sdpa_evidence, lambda suite, model: _patched_train_export(suite, model,
                                                                    _train_export_as_is),
    lambda model: f"attention-dropout={REAL_ATTENTION_DROPOUT[model]!r}",
    stated_is_m_train=True)

REAL_LOST_IN_EVALUATION: dict[str, LostInEvaluation] = {
    **{m: _DROP_PATH for m in ("tv_efficientnet", "tv_convnext", "timm_convnext",
                               "timm_efficientnet", "timm_resnet", "hf_convnext")},
    # Drop path and SDPA (dropout 0): the drop path cannot be given back, so
    # no option gives m.train().
    "timm_vit": LostInEvaluation(
        _DROP_PATH.why + " And " + _REAL_SDPA_ZERO.why,
        _both(_drop_path_evidence, _sdpa_zero_evidence), _DROP_PATH.stated),
    "tv_swin": _DROP_PATH,
    # Drop path and SDPA dropout 0.1 (transformers' Swin calls SDPA): both
    # lost; attention-dropout=0.1 cannot give back the drop path.
    "hf_swin": LostInEvaluation(
        _DROP_PATH.why + " And " + _SDPA.why,
        _both(_drop_path_evidence, _sdpa_evidence),
        lambda suite, model: _patched_train_export(
            suite, model, lambda g: _without_drop_path(g) + _sdpa_without_dropout(g))),
    "hf_bert": _REAL_SDPA,
    "hf_vit": _REAL_SDPA,
    "timm_deit": _REAL_SDPA_ZERO,
}

LOST_IN_EVALUATION: dict[str, LostInEvaluation] = {
    "bn_momentum_none": LostInEvaluation(
        "momentum=None (cumulative average) is exported in evaluation as momentum=0.0, "
        "the same as a batch norm whose running statistics never move; and PyTorch "
        "cannot export the training mode to compare with.", _momentum_none_evidence,
        _momentum_zero_eager),
    # No `given`: attention-dropout=P sets the dropout_p of
    # scaled_dot_product_attention nodes, and this export has none; nor any
    # node where the dropout was, so nothing says where one would go.
    "mha_weights": LostInEvaluation(
        "F.multi_head_attention_forward calls dropout on the attention weights only when "
        "dropout_p > 0, and passes 0.0 in evaluation: the evaluation export has no "
        "dropout node at all.", _mha_dropout_evidence,
        lambda suite, model: _patched_train_export(suite, model, _without_training_dropout)),
    "mha_no_weights": _SDPA,
    "transformer_encoder": _SDPA,
    "transformer_decoder": _SDPA,
    "sdpa": _SDPA,
    **REAL_LOST_IN_EVALUATION,
}


# Models whose evaluation export (default IR) leaves out a dropout that the
# training export has, so that a switched program, which keeps the node in
# evaluation form (`train=False`, the identity) to be able to switch back,
# has one node more than PyTorch's. The node comparison of --to-eval drops
# such identity dropouts before comparing. Evidence: as in
# LOST_IN_EVALUATION.
EVAL_EXPORT_OMITS_DROPOUT: dict[str, Callable[[harness.Suite, str], list[str]]] = {
    "mha_weights": _mha_dropout_evidence,
}


def _contiguous_count(export: harness.Export) -> int:
    return sum(1 for n in export.program.graph.nodes
               if harness.op_name(n.target) == "aten.contiguous.default")


def _contiguous_evidence(suite: harness.Suite, model: str) -> list[str]:
    train = _contiguous_count(suite.export(model, "train", "default"))
    evals = _contiguous_count(suite.export(model, "eval", "default"))
    return [] if train > 0 and evals == 0 else [
        f"aten.contiguous nodes: {train} in the training export, {evals} in the evaluation "
        "export; expected some, and none"]


# Models whose exports have an `aten.contiguous` node in one mode only:
# transformers' SDPA attention calls `attn_output.transpose(1, 2).contiguous()`
# in both modes, and torch.export records the call only where it copies. With
# dropout_p > 0 (training) SDPA's output strides make the transposed tensor
# non-contiguous (a node); with dropout_p 0 (evaluation) it is contiguous
# already (no node). So no switch of the dropout_p alone gives PyTorch's other
# export node for node; the node comparisons leave `contiguous` out on both
# sides for these models (a no-op on the values: outputs are still compared
# bitwise).
CONTIGUOUS_DEPENDS_ON_MODE: dict[str, Callable[[harness.Suite, str], list[str]]] = {
    "hf_bert": _contiguous_evidence,
    "hf_vit": _contiguous_evidence,
}


def is_contiguous(node: torch.fx.Node) -> bool:
    return harness.op_name(node.target) == "aten.contiguous.default"


def comparable_lines(suite: harness.Suite, model: str, archive: bytes,
                     drop: Callable[[torch.fx.Node], bool] | None = None) -> list[str]:
    """The program's graph lines for a node comparison: as loaded, or with
    the nodes `drop` names and, for CONTIGUOUS_DEPENDS_ON_MODE models, the
    `contiguous` nodes left out."""
    program = suite.program(model, archive).require()
    if model in CONTIGUOUS_DEPENDS_ON_MODE:
        inner = drop
        drop = (lambda n: is_contiguous(n) or (inner is not None and inner(n)))
    return program.lines if drop is None else harness.graph_lines(program.exported, drop)


def is_eval_dropout(node: torch.fx.Node) -> bool:
    """`aten.dropout(x, p, train=False)`: the identity."""
    return harness.op_name(node.target) == "aten.dropout.default" and \
        not dict(harness.bind(node.target, node.args, node.kwargs))["train"]


# ---------------------------------------------------------------------------
# PyTorch's own decomposed training programs that do not train like m
# ---------------------------------------------------------------------------

# run_decompositions() drops the inter-layer dropout of recurrent layers in
# training: torch/_decomp/decompositions.py (_rnn_helper) applies dropout
# only `if train and num_layers < i - 1`, never true. PyTorch's decomposed
# training program computes what m.eval() computes.
DECOMPOSED_TRAINING_WITHOUT_DROPOUT = {"lstm", "gru", "rnn_tanh", "rnn_relu"}


# ---------------------------------------------------------------------------
# Helpers of the tests
# ---------------------------------------------------------------------------


def expected_export(suite: harness.Suite, model: str, mode: str, ir: str) -> harness.Export | None:
    """PyTorch's export of the model, or None where PyTorch cannot export it.

    None only after asserting that the export failed exactly as
    EXPORT_FAILURES says: a check that needs this export is impossible, and
    what the calling test then asserts is that PyTorch behaviour. An
    unexpected failure, or an expected one that no longer happens, fails
    the test.
    """
    export = suite.export(model, mode, ir)
    problems = check_export_failure(export)
    assert not problems, "\n".join(problems)
    return None if export.failed else export


def may_refuse_to_train(model: str, ir: str) -> bool:
    """Whether `--to-train` of the evaluation export may refuse.

    On decomposed programs it may (the decomposition may have lost what
    training needs, e.g. a dropout's p, and mode must then refuse rather than
    write a program that trains differently). On default programs only where
    PyTorch's evaluation export lost it (LOST_IN_EVALUATION); elsewhere mode
    promises the switch.
    """
    return ir == "decomposed" or model in LOST_IN_EVALUATION


# mode's refusal of a whole decomposed program: in evaluation mode,
# run_decompositions() drops some dropouts without leaving a node
# (DECOMPOSED_EVAL_LOSES_DROPOUT), so a decomposed program in which no op
# shows it was decomposed in training mode cannot be switched to training.
# The error names the program's entry.
PROGRAM_REFUSAL = "nothing in it shows it was in training mode then"


def without_dropout(module: torch.nn.Module) -> int:
    """Takes every dropout out of `module`, in place: dropout modules become
    `nn.Identity`, attention and recurrent dropout probabilities 0. Returns
    how many it took out."""
    count = 0
    for parent in list(module.modules()):
        for name, child in list(parent.named_children()):
            if isinstance(child, torch.nn.modules.dropout._DropoutNd):
                setattr(parent, name, torch.nn.Identity())
                count += 1
        if isinstance(parent, (torch.nn.MultiheadAttention, torch.nn.RNNBase)) \
                and parent.dropout:
            parent.dropout = 0.0
            count += 1
        elif isinstance(parent, harness.zoo.SDPANet) and parent.p:
            parent.p = 0.0
            count += 1
    return count


# Models whose evaluation export, after run_decompositions(), has no node
# left for their dropouts: node for node and signature, it is the
# decomposed evaluation export of the same model without them
# (`without_dropout`). In-place dropout, Dropout1d/2d/3d (feature dropout),
# AlphaDropout and FeatureAlphaDropout, the attention dropout of
# MultiheadAttention and scaled_dot_product_attention, and the recurrent
# layers' dropout decompose in evaluation mode to nothing (nn.Dropout and
# F.dropout leave a `clone`, or nothing too). So nothing in such a program
# says a dropout was there: mode-pt2 refuses --to-train of every decomposed
# program that does not show it was decomposed in training (PROGRAM_REFUSAL).
# nn.Dropout (not in place, and F.dropout) after run_decompositions() of an
# evaluation export: PyTorch 2.13 writes a `clone` where the dropout was
# (which names the node, not p); 2.14 and 2.15 write nothing, as for the
# dropouts of DECOMPOSED_EVAL_LOSES_DROPOUT (the only difference the suite
# finds between 2.13 and 2.15; scripts/check-package checks it on 2.15).
NN_DROPOUT_LEAVES_A_CLONE = tuple(int(v) for v in torch.__version__.split(".")[:2]) < (2, 14)

DECOMPOSED_EVAL_LOSES_DROPOUT = {
    "dropout_inplace", "dropout1d", "dropout2d", "dropout3d", "selu_mlp",
    "mha_weights", "mha_no_weights", "sdpa", "lstm", "gru", "rnn_tanh", "rnn_relu",
}

# Training exports after run_decompositions() in which no op shows the mode
# (PyTorch's decomposition drops the recurrent layers' dropout,
# DECOMPOSED_TRAINING_WITHOUT_DROPOUT; the normalizations without running
# statistics are the same in both modes): node for node they are the
# decomposed evaluation export. Nothing tells them from an evaluation
# export that lost its dropouts, so once in evaluation form they are
# refused on the way back to training (PROGRAM_REFUSAL; test_reversible.py).
UNPROVEN_DECOMPOSED_TRAINING = {
    "lstm", "gru", "rnn_tanh", "rnn_relu", "bn_no_stats", "instance_norm_no_stats",
}


def refusal_problems(run: harness.ModeRun, export: harness.Export) -> list[str]:
    """A refusal as mode promises a failure on an archive: exit status 1, no
    output file, and an error naming a node of the program (`node '<name>'`)
    or, for a decomposed program that nothing shows to be complete, its
    entry."""
    import re

    problems = []
    if run.returncode != 1:
        problems.append(f"exit status {run.returncode}, expected 1")
    if run.archive is not None:
        problems.append("an output file was left behind")
    named = re.findall(r"node '([^']+)'", run.stderr)
    nodes = harness.node_names(export.archive)
    program_level = (export.ir == "decomposed" and PROGRAM_REFUSAL in run.stderr
                     and re.search(r"/models/[^/:]+\.json:", run.stderr))
    if not program_level and not any(name in nodes for name in named):
        problems.append(f"the error names no node of the program (named: {named})")
    return problems
