"""Reversible and idempotent switching on the zoo: switching there and
back gives PyTorch's archive back (JSON-equal model, every
other entry byte-identical: test/Target/PT2/compare-archives.py), and
switching twice is switching once."""

import pytest

import expectations as X
import harness as H
import zoo

# Checks of the archives mode-pt2 writes that run no program: the sanitizer
# build (scripts/check-asan) reruns these against its mode-pt2.
pytestmark = pytest.mark.archive


def _same_archive(expected: bytes, actual: bytes, what: str, run, repro):
    problems = H.compare_archives(expected, actual)
    H.expect(not problems, what, problems, run.describe(), repro)


@pytest.mark.parametrize("ir", H.IRS)
@pytest.mark.parametrize("model", zoo.suite_ids())
def test_eval_then_train_gives_back_training_export(suite, model, ir):
    export = X.expected_export(suite, model, "train", ir)
    if export is None:
        return
    back = suite.twice(export, "--to-eval", "--to-train")
    if ir == "decomposed" and model in X.UNPROVEN_DECOMPOSED_TRAINING:
        assert X.refusal_problems(back, export) == [] and X.PROGRAM_REFUSAL in back.stderr, \
            f"{export.key}: the way back must be refused as a whole: {back.describe()}"
        return
    _same_archive(export.archive, back.require(),
                  f"{export.key}: --to-train after --to-eval is not the original", back,
                  H.reproduce(model, ir, "--to-eval", "--to-train"))


@pytest.mark.parametrize("ir", H.IRS)
@pytest.mark.parametrize("model", zoo.suite_ids())
def test_train_then_eval_gives_back_evaluation_export(suite, model, ir):
    export = X.expected_export(suite, model, "eval", ir)
    if export is None:
        return
    first = suite.switched(export, "--to-train")
    if first.refused and X.may_refuse_to_train(model, ir):
        # No way there, so none back; the refusal is test_to_train's to judge.
        assert not X.refusal_problems(first, export), first.describe()
        return
    back = suite.twice(export, "--to-train", "--to-eval")
    _same_archive(export.archive, back.require(),
                  f"{export.key}: --to-eval after --to-train is not the original", back,
                  H.reproduce(model, ir, "--to-train", "--to-eval"))


@pytest.mark.parametrize("ir", H.IRS)
@pytest.mark.parametrize("model", zoo.suite_ids())
@pytest.mark.parametrize("switch", ["--to-eval", "--to-train"])
def test_switching_twice_is_switching_once(suite, model, ir, switch):
    export = X.expected_export(suite, model, "train" if switch == "--to-eval" else "eval", ir)
    if export is None:
        return
    once = suite.switched(export, switch)
    if once.refused and switch == "--to-train" and X.may_refuse_to_train(model, ir):
        return  # nothing to switch twice; the refusal is test_to_train's to judge
    twice = suite.twice(export, switch, switch)
    _same_archive(once.require(), twice.require(),
                  f"{export.key}: {switch} twice differs from {switch} once", twice,
                  H.reproduce(model, ir, switch, switch))
