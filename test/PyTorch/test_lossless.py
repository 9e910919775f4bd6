"""SPEC §6 invariants 1 and 2 on the zoo: `mode-pt2` without a pass writes
back every PyTorch export (both modes, both IRs) losslessly: its model
JSON equals the input's as a JSON value, every other entry is
byte-identical, the layout is PyTorch's (test/Target/PT2/
compare-archives.py), and `torch.export.load` accepts the result."""

import pytest

import expectations as X
import harness as H
import zoo


@pytest.mark.parametrize("ir", H.IRS)
@pytest.mark.parametrize("mode", H.MODES)
@pytest.mark.parametrize("model", zoo.ids())
def test_lossless(suite, model, mode, ir):
    export = X.expected_export(suite, model, mode, ir)
    if export is None:
        return
    run = suite.switched(export)
    out = run.require()
    status, report = H.compare_archives(export.archive, out, suite.workdir)
    H.expect(status == 0, f"mode-pt2 changed {export.key}", [report], run.describe(),
             H.reproduce(model, ir))
    program = suite.program(model, out)
    H.expect(program.load_error is None, f"torch.export.load refuses mode-pt2's copy of "
             f"{export.key}", [program.load_error], run.describe())
