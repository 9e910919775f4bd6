"""`mode-pt2 --to-eval` on PyTorch's training export, judged by PyTorch
(the promise that a switched archive is faithful to PyTorch):

- the program, loaded with `torch.export.load`, computes `m.eval()(x)`:
  bitwise on default graphs, within DECOMPOSED_RTOL on decomposed ones
  (harness.DECOMPOSED_RTOL says why);
- every buffer after the forward is what `m.eval()` leaves: unchanged,
  `num_batches_tracked` included (the one model that updates its own
  buffers in forward, `multi_output_mutation`, updates them in both);
- on default graphs its nodes (targets and schema-bound arguments, names
  and metadata ignored) and signature equal those of PyTorch's own
  evaluation export.
"""

import pytest

import expectations as X
import harness as H
import zoo


def _switched(suite, model, ir):
    """mode-pt2 --to-eval of the training export, loaded; None where
    PyTorch cannot export the model in training (asserted)."""
    export = X.expected_export(suite, model, "train", ir)
    if export is None:
        return None, None
    run = suite.switched(export, "--to-eval")
    out = run.require()
    program = suite.program(model, out)
    H.expect(program.load_error is None, "torch.export.load refuses mode-pt2's output",
             [program.load_error], run.describe())
    return run, program


@pytest.mark.parametrize("ir", H.IRS)
@pytest.mark.parametrize("model", zoo.suite_ids())
def test_to_eval_computes_m_eval(suite, model, ir):
    run, program = _switched(suite, model, ir)
    if run is None:
        return
    rtol = None if ir == "default" else H.DECOMPOSED_RTOL
    problems = H.compare_runs(program.runs, suite.eager(model, "eval"), rtol)
    H.expect(not problems, f"{model} ({ir}): mode-pt2 --to-eval of the training export "
             "differs from m.eval()", problems, run.describe(), H.reproduce(model, ir, "--to-eval"))


@pytest.mark.parametrize("model", zoo.suite_ids())
def test_to_eval_nodes_equal_pytorch_eval_export(suite, model):
    run, program = _switched(suite, model, "default")
    if run is None:
        return
    reference = X.expected_export(suite, model, "eval", "default")
    if reference is None:
        return
    expected = X.comparable_lines(suite, model, reference.archive)
    drop = X.is_eval_dropout if model in X.EVAL_EXPORT_OMITS_DROPOUT else None
    actual = X.comparable_lines(suite, model, run.archive, drop)
    diff = H.graph_diff(actual, expected, "mode-pt2 --to-eval", "torch.export(m.eval())")
    H.expect(not diff, f"{model}: the nodes of mode-pt2 --to-eval differ from PyTorch's "
             "evaluation export", [diff], run.describe(),
             H.reproduce(model, "default", "--to-eval"))


def test_to_eval_refuses_a_python_branch(suite):
    """The limit the README states: a model that branches on
    `self.training` in Python (stochastic depth as Huang et al. wrote it,
    zoo.StochasticDepthNet) exports only the branch taken: in training,
    random nodes in no op that carries the mode. mode-pt2 --to-eval does
    not write that program half-switched (it would compute `m.train()`):
    it refuses, naming a random node, its model and the ways out, and
    writes nothing. Its evaluation branch scales by the survival rate, so
    it is not the identity that `identity-in-eval=` removes: export in
    evaluation mode instead (PyTorch's evaluation export computes
    `m.eval()`), or write the drop with an op that carries the mode (next
    test)."""
    export = suite.export("stochastic_depth", "train", "default")
    run = suite.switched(export, "--to-eval")
    assert run.returncode == 1, run.describe()
    assert run.archive is None, "an output file was written"
    assert ("node 'rand': 'torch.ops.aten.rand.default' draws random numbers in the model "
            "(zoo.StochasticDepthNet)") in run.stderr, run.stderr
    for option in ("identity-in-eval=zoo.StochasticDepthNet", "keep-random=zoo.StochasticDepthNet"):
        assert option in run.stderr, run.stderr
    evals = suite.program("stochastic_depth",
                          suite.export("stochastic_depth", "eval", "default").archive).require()
    problems = H.compare_runs(evals.runs, suite.eager("stochastic_depth", "eval"), None)
    assert not problems, problems


@pytest.mark.parametrize("switch", ["--to-eval", "--to-train"])
def test_stochastic_depth_written_with_dropout_switches(suite, switch):
    """The same stochastic depth written as `F.dropout(ones(N, 1), p,
    self.training)` (the README's other way out) is switched both ways:
    `m.eval()` / `m.train()` bitwise, PyTorch's other export node for
    node."""
    model = "stochastic_depth_dropout"
    source, target = ("train", "eval") if switch == "--to-eval" else ("eval", "train")
    run = suite.switched(suite.export(model, source, "default"), switch)
    program = suite.program(model, run.require()).require()
    problems = H.compare_runs(program.runs, suite.eager(model, target), None)
    H.expect(not problems, f"{model}: mode-pt2 {switch} differs from m.{target}()", problems,
             run.describe())
    expected = suite.program(model, suite.export(model, target, "default").archive).require()
    diff = H.graph_diff(program.lines, expected.lines, f"mode-pt2 {switch}",
                        f"torch.export(m.{target}())")
    H.expect(not diff, f"{model}: mode-pt2 {switch} differs from PyTorch's {target} export",
             [diff], run.describe())
