"""`mode-pt2 --to-train` on PyTorch's evaluation export, judged by PyTorch
(the promise that a switched archive is faithful to PyTorch):

- default graphs: under the same `torch.manual_seed`, the program computes
  `m.train()(x)` bitwise and leaves every buffer exactly as `m.train()`
  does (running statistics with the model's own momentum and eps,
  `num_batches_tracked` + 1); its nodes and signature equal PyTorch's own
  training export's.
- default graphs whose evaluation export already lost what training needs
  (expectations.LOST_IN_EVALUATION; the loss is asserted in
  test_pytorch_behaviour.py): no program can train like `m.train()`, so
  mode-pt2 must refuse, naming the node, or write exactly the training
  program the export states (`LostInEvaluation.stated`).
- the same exports, given back what they lost (`LostInEvaluation.given`:
  `--to-train=attention-dropout=P` with the model's own attention dropout
  P): the switch must succeed, compute `m.train()(x)` bitwise under the
  same seed, leave the buffers as `m.train()` does, and its nodes and
  signature must equal PyTorch's training export's.
- decomposed graphs: PyTorch's decomposition may have lost what training
  needs (a dropout becomes `clone` or vanishes), so mode-pt2 may refuse:
  exit status 1, no output, an error naming the node. If it writes a
  program, that program must train like `m.train()` (within
  DECOMPOSED_RTOL): never one that trains differently from m.
"""

import pytest

import expectations as X
import harness as H
import zoo


def _refusal(suite, model, ir, run, export):
    """Checks a refusal: allowed here, and made as mode promises a failure
    on an archive: exit status 1, no output, one error naming the node."""
    repro = H.reproduce(model, ir, "--to-train")
    if not X.may_refuse_to_train(model, ir):
        pytest.fail(H.failure(
            f"{model}: mode-pt2 --to-train refused a default-IR evaluation export that "
            "holds everything training needs", [run.stderr.strip()], run.describe(), repro),
            pytrace=False)
    problems = X.refusal_problems(run, export)
    H.expect(not problems, f"{model} ({ir}): mode-pt2 refused badly", problems,
             run.describe(), repro)


def _stated(suite, model) -> X.StatedTraining:
    return suite.memo(("stated", model), lambda: X.LOST_IN_EVALUATION[model].stated(suite, model))


@pytest.mark.parametrize("ir", H.IRS)
@pytest.mark.parametrize("model", zoo.suite_ids())
def test_to_train_computes_m_train(suite, model, ir):
    export = X.expected_export(suite, model, "eval", ir)
    if export is None:
        return
    run = suite.switched(export, "--to-train")
    if run.refused:
        _refusal(suite, model, ir, run, export)
        return
    program = suite.program(model, run.archive)
    H.expect(program.load_error is None, "torch.export.load refuses mode-pt2's output",
             [program.load_error], run.describe())
    repro = H.reproduce(model, ir, "--to-train")
    rtol = None if ir == "default" else H.DECOMPOSED_RTOL
    lost = X.LOST_IN_EVALUATION.get(model) if ir == "default" else None
    if lost is not None:
        problems = H.compare_runs(program.runs, _stated(suite, model).runs, rtol)
        H.expect(not problems, f"{model}: mode-pt2 --to-train of the evaluation export "
                 "differs from the training the export states (it lost the rest: "
                 f"{lost.why})", problems, run.describe(), repro)
        return
    problems = H.compare_runs(program.runs, suite.eager(model, "train"), rtol)
    if problems and ir == "decomposed":
        problems.append("(a decomposed evaluation export may have lost what training needs; "
                        "mode-pt2 must then refuse rather than write a program that trains "
                        "differently from m)")
    H.expect(not problems, f"{model} ({ir}): mode-pt2 --to-train of the evaluation export "
             "differs from m.train()", problems, run.describe(), repro)


@pytest.mark.parametrize("model", zoo.suite_ids())
def test_to_train_nodes_equal_pytorch_train_export(suite, model):
    export = X.expected_export(suite, model, "eval", "default")
    if export is None:
        return
    run = suite.switched(export, "--to-train")
    if run.refused:
        _refusal(suite, model, "default", run, export)
        return
    reference = X.expected_export(suite, model, "train", "default")
    if reference is None:
        return
    actual = X.comparable_lines(suite, model, run.archive)
    lost = X.LOST_IN_EVALUATION.get(model)
    if lost is not None:
        expected, against = _stated(suite, model).lines, "training the export states"
    else:
        expected, against = X.comparable_lines(suite, model, reference.archive), \
            "torch.export(m.train())"
    diff = H.graph_diff(actual, expected, "mode-pt2 --to-train", against)
    H.expect(not diff, f"{model}: the nodes of mode-pt2 --to-train differ from {against}",
             [diff], run.describe(), H.reproduce(model, "default", "--to-train"))


GIVEN = sorted(m for m, lost in X.LOST_IN_EVALUATION.items() if lost.given is not None)


@pytest.mark.parametrize("model", GIVEN)
def test_to_train_given_what_was_lost_computes_m_train(suite, model):
    """`--to-train=attention-dropout=P`, P the model's own attention dropout
    (from the zoo), on the evaluation export that lost it: what `m.train()`
    computes under the same seed, bitwise, buffers included, and the nodes
    of PyTorch's training export. (Without the option, mode-pt2 may refuse:
    test_to_train_computes_m_train.)"""
    export = X.expected_export(suite, model, "eval", "default")
    switch = f"--to-train={X.LOST_IN_EVALUATION[model].given(model)}"
    run = suite.switched(export, switch)
    repro = H.reproduce(model, "default", switch)
    H.expect(not run.refused, f"{model}: mode-pt2 {switch} refused, given what the "
             "evaluation export lost", [run.stderr.strip()], run.describe(), repro)
    program = suite.program(model, run.archive)
    H.expect(program.load_error is None, "torch.export.load refuses mode-pt2's output",
             [program.load_error], run.describe())
    problems = H.compare_runs(program.runs, suite.eager(model, "train"), None)
    H.expect(not problems, f"{model}: mode-pt2 {switch} of the evaluation export differs "
             "from m.train()", problems, run.describe(), repro)
    reference = X.expected_export(suite, model, "train", "default")
    expected = X.comparable_lines(suite, model, reference.archive)
    actual = X.comparable_lines(suite, model, run.archive)
    diff = H.graph_diff(actual, expected, f"mode-pt2 {switch}", "torch.export(m.train())")
    H.expect(not diff, f"{model}: the nodes of mode-pt2 {switch} differ from "
             "torch.export(m.train())", [diff], run.describe(), repro)
