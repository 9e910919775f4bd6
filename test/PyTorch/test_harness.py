"""The suite's own instruments can fail: each comparison the other tests
rely on tells a difference when there is one."""

import torch

import harness as H


def test_compare_archives_sees_a_switch(suite):
    """compare-archives.py (JSON equality, byte identity) tells PyTorch's
    training export from its evaluation export, and not from itself."""
    train = suite.export("bn2d", "train", "default").archive
    evals = suite.export("bn2d", "eval", "default").archive
    assert H.compare_archives(train, train) == []
    assert any("JSON differs" in p for p in H.compare_archives(train, evals))


def test_graph_lines_see_the_mode_and_nothing_else(suite):
    """graph_lines differ between the two modes, and are equal for two
    exports of the same model (names and metadata left out)."""
    train = suite.program("bn2d", suite.export("bn2d", "train", "default").archive).lines
    evals = suite.program("bn2d", suite.export("bn2d", "eval", "default").archive).lines
    again_train, _ = H.export_model("bn2d", "train")
    assert H.graph_lines(again_train.program) == train
    diff = H.graph_diff(evals, train, "eval", "train")
    assert "training=False" in diff and "aten.add_.Tensor" in diff


def test_bind_fills_defaults():
    """rrelu(x, 0.1, 0.3) and rrelu(x, 0.1, 0.3, False) bind alike, and
    unlike rrelu(x, 0.1, 0.3, True)."""
    op = torch.ops.aten.rrelu.default
    short = H.bind(op, ("x", 0.1, 0.3), {})
    assert short == H.bind(op, ("x", 0.1, 0.3, False), {})
    assert short != H.bind(op, ("x", 0.1, 0.3, True), {})


def test_compare_outputs_bitwise_and_relative():
    a = torch.tensor([1.0, -2.0, 3.0])
    b = a.clone()
    b[0] = torch.nextafter(a[0], torch.tensor(2.0))
    assert H.compare_outputs([a], [a.clone()], None) == []
    assert H.compare_outputs([b], [a], None)  # one ulp is not bitwise equal
    assert H.compare_outputs([b], [a], 1e-6) == []  # ... but within 1e-6 of max |a| = 3
    assert H.compare_outputs([a * 1.001], [a], 1e-6)
    assert H.compare_outputs([a.double()], [a], None)  # dtype
    assert H.compare_buffers({"n": torch.tensor(8)}, {"n": torch.tensor(7)}, 1e-6, "b")
