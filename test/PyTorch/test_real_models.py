"""Real-library models whose switch to evaluation must be refused (issue 17
item 2): a node that draws random numbers and that no pattern of mode
switches (timm's PatchDropout) must not be left silently in a program
switched to evaluation.

The other real-library models (real_models.SUITE_MODELS) run through every
check of the zoo (test_lossless, test_to_eval, test_to_train,
test_reversible, test_torchao_comparison, test_pytorch_behaviour:
`zoo.suite_ids()`).

The message and the option names live in `refusal_text` and
`IDENTITY_IN_EVAL` / `KEEP_RANDOM` below.
"""

import re

import pytest
import torch

import harness as H
import real_models

REFUSED = [e.id for e in real_models.REFUSED_MODELS]

# The module class each refused model must be refused for, as nn_module_stack
# names it (the class the options take).
RANDOM_CLASS = {"timm_patch_dropout": "timm.layers.patch_dropout.PatchDropout"}

IDENTITY_IN_EVAL = "identity-in-eval"  # --to-eval=identity-in-eval=CLASS
KEEP_RANDOM = "keep-random"            # --to-eval=keep-random=CLASS


def refusal_text(node: str, target: str, path: str, cls: str) -> str:
    """How the error names a random node mode does not switch."""
    where = f"module '{path}'" if path else "the model"
    return f"node '{node}': '{target}' draws random numbers in {where} ({cls})"


def _random_nodes(program: torch.export.ExportedProgram, cls: str) -> list[tuple[str, str, str]]:
    """(node name, archive target, module path) of every node of the program
    that PyTorch tags nondeterministic_seeded and whose innermost module is
    of class `cls`."""
    found = []
    for node in program.graph.nodes:
        if node.op != "call_function" or \
                torch.Tag.nondeterministic_seeded not in getattr(node.target, "tags", ()):
            continue
        stack = node.meta.get("nn_module_stack") or {}
        path, klass = list(stack.values())[-1] if stack else ("", "")
        if klass == cls:
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
