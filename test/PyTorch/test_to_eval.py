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
@pytest.mark.parametrize("model", zoo.ids())
def test_to_eval_computes_m_eval(suite, model, ir):
    run, program = _switched(suite, model, ir)
    if run is None:
        return
    rtol = None if ir == "default" else H.DECOMPOSED_RTOL
    problems = H.compare_runs(program.runs, suite.eager(model, "eval"), rtol)
    H.expect(not problems, f"{model} ({ir}): mode-pt2 --to-eval of the training export "
             "differs from m.eval()", problems, run.describe(), H.reproduce(model, ir, "--to-eval"))


@pytest.mark.parametrize("model", zoo.ids())
def test_to_eval_nodes_equal_pytorch_eval_export(suite, model):
    run, program = _switched(suite, model, "default")
    if run is None:
        return
    reference = X.expected_export(suite, model, "eval", "default")
    if reference is None:
        return
    expected = suite.program(model, reference.archive).require().lines
    drop = X.is_eval_dropout if model in X.EVAL_EXPORT_OMITS_DROPOUT else None
    actual = H.graph_lines(program.exported, drop)
    diff = H.graph_diff(actual, expected, "mode-pt2 --to-eval", "torch.export(m.eval())")
    H.expect(not diff, f"{model}: the nodes of mode-pt2 --to-eval differ from PyTorch's "
             "evaluation export", [diff], run.describe(),
             H.reproduce(model, "default", "--to-eval"))
