"""Lossless and loadable archives on the zoo: `mode-pt2` without a pass writes
back every PyTorch export (both modes, both IRs) losslessly: its model
JSON equals the input's as a JSON value, every other entry is
byte-identical, the layout is PyTorch's (test/Target/PT2/
compare-archives.py), and `torch.export.load` accepts the result."""

import pytest

import expectations as X
import harness as H
import zoo

# Checks of the archives mode-pt2 writes that run no program: the sanitizer
# build (scripts/check-asan) reruns these against its mode-pt2.
pytestmark = pytest.mark.archive


@pytest.mark.parametrize("ir", H.IRS)
@pytest.mark.parametrize("mode", H.MODES)
@pytest.mark.parametrize("model", zoo.suite_ids())
def test_lossless(suite, model, mode, ir):
    export = X.expected_export(suite, model, mode, ir)
    if export is None:
        return
    run = suite.switched(export)
    out = run.require()
    problems = H.compare_archives(export.archive, out)
    H.expect(not problems, f"mode-pt2 changed {export.key}", problems, run.describe(),
             H.reproduce(model, ir))
    program = suite.program(model, out)
    H.expect(program.load_error is None, f"torch.export.load refuses mode-pt2's copy of "
             f"{export.key}", [program.load_error], run.describe())
