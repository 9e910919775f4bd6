"""Models whose switch to evaluation must be refused (issue 17 item 2): a
node that draws random numbers and that no pattern of mode switches (timm's
PatchDropout; the zoo's GaussianNoise, written as users write it) must not
be left silently in a program switched to evaluation. Declared identity in
evaluation, such a module is removed as PyTorch evaluates it, unless its
output is not of its input's type (PatchDropout drops tokens): that
declaration is refused too.

The other real-library models (real_models.SUITE_MODELS) run through every
check of the zoo (test_lossless, test_to_eval, test_to_train,
test_reversible, test_torchao_comparison, test_pytorch_behaviour:
`zoo.suite_ids()`).

The message and the option names live in `refusal_text` and
`IDENTITY_IN_EVAL` / `KEEP_RANDOM` below.
"""

import re
from typing import Optional

import pytest
import torch

import harness as H
import real_models

REFUSED = [e.id for e in real_models.REFUSED_MODELS] + ["gaussian_noise"]

# The module class each refused model must be refused for, as nn_module_stack
# names it (the class the options take).
RANDOM_CLASS = {"timm_patch_dropout": "timm.layers.patch_dropout.PatchDropout",
                "gaussian_noise": "zoo.GaussianNoise"}

# Modules that are the identity in evaluation but whose training output is
# not of their input's type: mode cannot remove their calls (the rest of the
# program was traced for the other type), and says so.
NOT_REMOVABLE = {"timm_patch_dropout": "patch_drop"}

IDENTITY_IN_EVAL = "identity-in-eval"  # --to-eval=identity-in-eval=CLASS
KEEP_RANDOM = "keep-random"            # --to-eval=keep-random=CLASS


def refusal_text(node: str, target: str, path: str, cls: str) -> str:
    """How the error names a random node mode does not switch."""
    where = f"module '{path}'" if path else "the model"
    return f"node '{node}': '{target}' draws random numbers in {where} ({cls})"


def _random_nodes(program: torch.export.ExportedProgram,
                  cls: Optional[str]) -> list[tuple[str, str, str]]:
    """(node name, archive target, module path) of every node of the program
    that PyTorch tags nondeterministic_seeded and whose innermost module is
    of class `cls` (of any class: None)."""
    found = []
    for node in program.graph.nodes:
        if node.op != "call_function" or \
                torch.Tag.nondeterministic_seeded not in getattr(node.target, "tags", ()):
            continue
        stack = node.meta.get("nn_module_stack") or {}
        path, klass = list(stack.values())[-1] if stack else ("", "")
        if cls is None or klass == cls:
            found.append((node.name, f"torch.ops.{H.op_name(node.target)}", path))
    return found


@pytest.mark.parametrize("ir", H.IRS)
@pytest.mark.parametrize("model", REFUSED)
def test_to_eval_refuses_a_random_node_it_does_not_switch(suite, model, ir):
    """Exit status 1, no output, and an error naming one of the module's
    random nodes, its module path and class, and both ways out."""
    export = suite.export(model, "train", ir)
    assert not export.failed, f"{export.key}: {export.error_type}: {export.error}"
    cls = RANDOM_CLASS[model]
    randoms = _random_nodes(export.program, cls)
    assert randoms, f"{export.key}: PyTorch's training export has no random node in a {cls}"
    run = suite.switched(export, "--to-eval")
    problems = []
    if run.returncode != 1:
        problems.append(f"exit status {run.returncode}, expected 1")
    if run.archive is not None:
        problems.append("an output file was written")
    if not any(refusal_text(n, t, p, cls) in run.stderr for n, t, p in randoms):
        problems.append("the error names none of the random nodes as "
                        + repr(refusal_text(*randoms[0][:3], cls)))
    for option in (IDENTITY_IN_EVAL, KEEP_RANDOM):
        if not re.search(re.escape(f"{option}={cls}"), run.stderr):
            problems.append(f"the error does not offer {option}={cls}")
    H.expect(not problems, f"{export.key}: mode-pt2 --to-eval must refuse the random nodes of "
             f"{cls}", problems, run.describe(), H.reproduce(model, ir, "--to-eval"))


@pytest.mark.parametrize("model", REFUSED)
def test_to_eval_declared_identity_computes_m_eval(suite, model):
    """Declared identity in evaluation, the module is switched as PyTorch
    evaluates it: `m.eval()` bitwise, PyTorch's evaluation export node for
    node, and back to the training export exactly."""
    export = suite.export(model, "train", "default")
    switch = f"--to-eval={IDENTITY_IN_EVAL}={RANDOM_CLASS[model]}"
    run = suite.switched(export, switch)
    repro = H.reproduce(model, "default", switch)
    if model in NOT_REMOVABLE:
        cls = RANDOM_CLASS[model]
        expected = (f"cannot remove the call of module '{NOT_REMOVABLE[model]}' ({cls}), "
                    "declared identity in evaluation: its nodes do not read one tensor and "
                    "give one of the same type to the rest of the program; export the model "
                    f"in evaluation mode, or keep its randomness ({KEEP_RANDOM}={cls})")
        H.expect(run.returncode == 1 and run.archive is None and expected in run.stderr,
                 f"{model}: mode-pt2 {switch} must be refused", [expected], run.describe(),
                 repro)
        return
    H.expect(not run.refused, f"{model}: mode-pt2 {switch} refused", [run.stderr.strip()],
             run.describe(), repro)
    program = suite.program(model, run.archive).require()
    problems = H.compare_runs(program.runs, suite.eager(model, "eval"), None)
    H.expect(not problems, f"{model}: mode-pt2 {switch} differs from m.eval()", problems,
             run.describe(), repro)
    expected = suite.program(model, suite.export(model, "eval", "default").archive).require()
    diff = H.graph_diff(program.lines, expected.lines, f"mode-pt2 {switch}",
                        "torch.export(m.eval())")
    H.expect(not diff, f"{model}: the nodes of mode-pt2 {switch} differ from PyTorch's "
             "evaluation export", [diff], run.describe(), repro)
    back = suite.twice(export, switch, "--to-train")
    problems = H.compare_archives(export.archive, back.require())
    H.expect(not problems, f"{model}: --to-train after {switch} is not the training export",
             problems, back.describe())


@pytest.mark.parametrize("model", REFUSED)
def test_to_eval_keep_random_keeps_exactly_the_declared_nodes(suite, model):
    """Declared random by design, the module's random nodes stay, every one
    of them, and the rest is switched; the switched program passes
    --assert-eval given the same declaration, and fails it without."""
    export = suite.export(model, "train", "default")
    cls = RANDOM_CLASS[model]
    switch = f"--to-eval={KEEP_RANDOM}={cls}"
    run = suite.switched(export, switch)
    repro = H.reproduce(model, "default", switch)
    H.expect(not run.refused, f"{model}: mode-pt2 {switch} refused", [run.stderr.strip()],
             run.describe(), repro)
    # By (target, module path): node names differ between exports. The
    # evaluation export's nodes that PyTorch tags random (dropout with
    # train=False) draw nothing, and mode writes them as they are.
    switched = suite.program(model, run.archive).require().exported
    after = sorted((t, p) for _, t, p in _random_nodes(switched, None))
    expected = sorted((t, p) for _, t, p in
                      _random_nodes(export.program, cls) +
                      _random_nodes(suite.export(model, "eval", "default").program, None))
    H.expect(after == expected, f"{model}: {switch} must keep the random nodes of {cls} "
             "and switch the rest as PyTorch's evaluation export has them",
             [f"random nodes after: {after}", f"expected: {expected}"], run.describe(), repro)
    guarded = suite.mode_pt2(f"{export.key}.kept", run.archive, f"--assert-eval={KEEP_RANDOM}={cls}")
    H.expect(guarded.returncode == 0, f"{model}: --assert-eval={KEEP_RANDOM}={cls} fails on "
             f"the output of {switch}", [guarded.stderr.strip()], guarded.describe())
    unguarded = suite.mode_pt2(f"{export.key}.kept", run.archive, "--assert-eval")
    H.expect(unguarded.returncode == 1 and f"{KEEP_RANDOM}={cls}" in unguarded.stderr,
             f"{model}: --assert-eval must fail on the random nodes of {cls}",
             [unguarded.stderr.strip()], unguarded.describe())
