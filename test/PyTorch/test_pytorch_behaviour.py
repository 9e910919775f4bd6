"""What PyTorch 2.13 itself does, asserted: the ground the other tests
stand on.

- Every zoo model exports, in both modes, except the failures listed in
  expectations.EXPORT_FAILURES, which fail exactly as listed.
- PyTorch's own exports compute what the eager model computes: its
  evaluation export `m.eval()(x)` and its training export `m.train()(x)`
  under the same seed (bitwise on default graphs, within DECOMPOSED_RTOL
  on decomposed ones), leaving every buffer as the eager model does. This
  makes `m.eval()`/`m.train()` fair references for mode-pt2's output: the
  equality asked of mode-pt2 is one PyTorch itself achieves. The one
  exception, PyTorch's decomposed recurrent layers, is asserted as what it
  is.
- The evaluation exports that lost what training needs
  (expectations.LOST_IN_EVALUATION, EVAL_EXPORT_OMITS_DROPOUT) lost it.
"""

import pytest

import expectations as X
import harness as H
import zoo


@pytest.mark.parametrize("mode", H.MODES)
@pytest.mark.parametrize("model", zoo.ids())
def test_export(suite, model, mode):
    """torch.export.export and run_decompositions() succeed, or fail
    exactly as EXPORT_FAILURES says."""
    problems = []
    for ir in H.IRS:
        problems += X.check_export_failure(suite.export(model, mode, ir))
    assert not problems, "\n".join(problems)


def _rtol(ir):
    return None if ir == "default" else H.DECOMPOSED_RTOL


@pytest.mark.parametrize("ir", H.IRS)
@pytest.mark.parametrize("model", zoo.ids())
def test_eval_export_computes_m_eval(suite, model, ir):
    """PyTorch's evaluation export, loaded, computes `m.eval()(x)` and
    changes buffers only as `m.eval()` does."""
    export = X.expected_export(suite, model, "eval", ir)
    if export is None:
        return
    program = suite.program(model, export.archive).require()
    problems = H.compare_runs(program.runs, suite.eager(model, "eval"), _rtol(ir))
    H.expect(not problems, f"PyTorch's {export.key} differs from m.eval()", problems)


@pytest.mark.parametrize("ir", H.IRS)
@pytest.mark.parametrize("model", zoo.ids())
def test_train_export_computes_m_train(suite, model, ir):
    """PyTorch's training export, loaded, computes `m.train()(x)` under the
    same seed and updates every buffer as `m.train()` does; except the
    decomposed recurrent layers, which PyTorch decomposes without their
    dropout: that program computes `m.eval()(x)`."""
    export = X.expected_export(suite, model, "train", ir)
    if export is None:
        return
    program = suite.program(model, export.archive).require()
    problems = H.compare_runs(program.runs, suite.eager(model, "train"), _rtol(ir))
    if ir == "decomposed" and model in X.DECOMPOSED_TRAINING_WITHOUT_DROPOUT:
        assert problems, (f"PyTorch's {export.key} now computes m.train(): its decomposition "
                          "keeps the recurrent dropout; update expectations.py and the docs")
        as_eval = H.compare_runs(program.runs, suite.eager(model, "eval"), _rtol(ir))
        H.expect(not as_eval, f"PyTorch's {export.key} computes neither m.train() nor m.eval()",
                 as_eval)
        return
    H.expect(not problems, f"PyTorch's {export.key} differs from m.train()", problems)


@pytest.mark.parametrize("model", sorted(X.LOST_IN_EVALUATION))
def test_evaluation_export_lost_training(suite, model):
    """The evaluation exports LOST_IN_EVALUATION names do lack what
    training needs (see each entry's `why`)."""
    problems = X.LOST_IN_EVALUATION[model].evidence(suite, model)
    H.expect(not problems, f"{model}: {X.LOST_IN_EVALUATION[model].why}", problems)


@pytest.mark.parametrize("model", sorted(X.EVAL_EXPORT_OMITS_DROPOUT))
def test_evaluation_export_omits_dropout(suite, model):
    """The evaluation exports EVAL_EXPORT_OMITS_DROPOUT names have no node
    for a dropout their training export has."""
    problems = X.EVAL_EXPORT_OMITS_DROPOUT[model](suite, model)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("model", sorted(X.LOST_IN_EVALUATION))
def test_stated_training_is_not_m_train(suite, model):
    """What the evaluation exports LOST_IN_EVALUATION names lost matters:
    the training they state computes something else than `m.train()`."""
    stated = X.LOST_IN_EVALUATION[model].stated(suite, model)
    problems = H.compare_runs(stated.runs, suite.eager(model, "train"), None)
    assert problems, (f"{model}: the training its evaluation export states computes "
                      "m.train(): nothing was lost; remove it from LOST_IN_EVALUATION")
