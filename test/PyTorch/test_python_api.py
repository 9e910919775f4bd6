"""The Python face, `mode.to_eval` / `mode.to_train` (python/mode), on the
zoo: each is mode-pt2 through memory, so it must give what the command
line gives (the same program, or a `ModeError` with mode-pt2's message),
leave its input alone, survive PyTorch's load/save in between (which drops
the metadata mode-pt2 writes), and find mode-pt2 as documented."""

import os
import re
import stat
import sys

import pytest
import torch

import expectations as X
import harness as H
import zoo

try:
    import mode
except ImportError:  # run by hand from the source tree, not through CTest
    sys.path.append(str(H.REPO / "python"))
    import mode

SWITCHES = {"--to-eval": ("train", mode.to_eval), "--to-train": ("eval", mode.to_train)}


def _api(suite, export, switch):
    """mode.to_eval/to_train on the in-memory program: (program, None) or
    (None, ModeError); once per session."""
    def call():
        try:
            return SWITCHES[switch][1](export.program), None
        except mode.ModeError as error:
            return None, error
    return suite.memo(("api", export.key, switch), call)


def _error_text(stderr: str) -> str:
    """mode-pt2's message without its location (file name, line, column)."""
    found = re.search(r"error: .*", stderr)
    return found.group(0) if found else stderr.strip()


@pytest.mark.parametrize("model", zoo.ids())
@pytest.mark.parametrize("switch", list(SWITCHES))
def test_api_gives_what_mode_pt2_gives(suite, switch, model, ir="default"):
    """On every model's default program (the one QAT and torchao users
    have), and on two decomposed ones below."""
    export = X.expected_export(suite, model, SWITCHES[switch][0], ir)
    if export is None:
        return
    cli = suite.switched(export, switch)
    program, error = _api(suite, export, switch)
    if cli.refused:
        H.expect(error is not None, f"{export.key}: mode-pt2 {switch} refuses, the API did not",
                 [cli.stderr.strip()], cli.describe())
        H.expect(_error_text(cli.stderr) in str(error) and error.returncode == cli.returncode,
                 f"{export.key}: the ModeError does not carry mode-pt2's message",
                 [f"ModeError: {error} (returncode {error.returncode})",
                  f"mode-pt2: {cli.stderr.strip()}"])
        return
    H.expect(error is None, f"{export.key}: mode.{SWITCHES[switch][1].__name__} raised where "
             "mode-pt2 succeeds", [error], cli.describe())
    expected = suite.program(model, cli.archive).require().lines
    diff = H.graph_diff(H.graph_lines(program), expected, "API", "mode-pt2")
    H.expect(not diff, f"{export.key}: the API's program differs from mode-pt2's", [diff])
    for name, value in export.program.state_dict.items():
        H.expect(torch.equal(program.state_dict[name], value),
                 f"{export.key}: the API changed the weight {name}", [])


@pytest.mark.parametrize("switch", list(SWITCHES))
@pytest.mark.parametrize("model", ["dropout", "bn2d"])
def test_api_gives_what_mode_pt2_gives_decomposed(suite, switch, model):
    """Decomposed programs: a switch that works (dropout), and one that
    mode-pt2 refuses (to training: bn2d's batch norm)."""
    test_api_gives_what_mode_pt2_gives(suite, switch, model, "decomposed")


@pytest.mark.parametrize("model", zoo.ids())
def test_api_round_trip_through_pytorch(suite, model):
    """to_train(to_eval(ep)) is ep again (nodes and signature), although
    torch.export.load drops the metadata mode-pt2 writes on the way."""
    export = X.expected_export(suite, model, "train", "default")
    if export is None:
        return
    once, error = _api(suite, export, "--to-eval")
    H.expect(error is None, f"{model}: mode.to_eval failed", [error])
    back = mode.to_train(once)
    expected = suite.program(model, export.archive).require().lines
    diff = H.graph_diff(H.graph_lines(back), expected, "to_train(to_eval(ep))", "ep")
    H.expect(not diff, f"{model}: to_train(to_eval(ep)) is not ep", [diff])


def test_api_leaves_its_input_alone(suite):
    export = suite.export("dynamic_batch", "train", "default")
    before = H.graph_lines(export.program)
    state = {k: v.clone() for k, v in export.program.state_dict.items()}
    mode.to_eval(export.program)
    assert H.graph_lines(export.program) == before
    assert all(torch.equal(state[k], v) for k, v in export.program.state_dict.items())


def test_api_ops_switches_only_those(suite):
    """ops=["batch_norm"] freezes the batch norms and keeps dropout training
    (fine-tuning, QAT)."""
    export = suite.export("dynamic_batch", "train", "default")
    frozen = mode.to_eval(export.program, ops=["batch_norm"])
    found = {(n.op, n.training) for n in H.mode_nodes(frozen.graph)}
    assert found == {("batch_norm.default", False), ("dropout.default", True)}, found


def test_api_refuses_what_is_not_an_exported_program(suite):
    module = suite.export("bn2d", "train", "default").program.module()
    with pytest.raises(TypeError, match="ExportedProgram itself"):
        mode.to_eval(module)


def test_api_error_carries_mode_pt2_message(suite):
    """A decomposed evaluation program with batch norm: mode-pt2 refuses to
    switch its batch norms to training, and says which node."""
    export = suite.export("bn2d", "eval", "decomposed")
    with pytest.raises(mode.ModeError, match=r"node '_native_batch_norm_legit_no_training'") as e:
        mode.to_train(export.program, ops=["batch_norm"])
    assert e.value.returncode == 1 and e.value.command[-1] == "-"


def _fake_mode_pt2(folder, text):
    """An executable `mode-pt2` that prints `text` to stderr and fails."""
    path = folder / "mode-pt2"
    path.write_text(f"#!/bin/sh\necho '{text}' >&2\nexit 1\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_find_mode_pt2_env_first(suite, monkeypatch, tmp_path):
    fake = _fake_mode_pt2(tmp_path, "error: from the fake")
    monkeypatch.setenv("MODE_PT2", str(fake))
    assert mode.find_mode_pt2() == str(fake)
    with pytest.raises(mode.ModeError, match="error: from the fake"):
        mode.to_eval(suite.export("bn2d", "train", "default").program)
    monkeypatch.setenv("MODE_PT2", str(tmp_path / "nothing"))
    with pytest.raises(mode.ModeError, match="MODE_PT2=.* is not an executable file"):
        mode.find_mode_pt2()


def test_find_mode_pt2_build_tree_then_path(monkeypatch, tmp_path):
    monkeypatch.delenv("MODE_PT2", raising=False)
    built = mode._build_tree_mode_pt2()
    assert mode.find_mode_pt2() == str(built), "the build tree's mode-pt2 comes before PATH"
    if os.environ.get("MODE_PYTHON_FROM_BUILD_TREE"):  # set by CTest
        assert built == H.find_mode_pt2(), "the package found another build's mode-pt2"
    monkeypatch.setattr(mode, "_build_tree_mode_pt2", lambda: tmp_path / "no-build" / "mode-pt2")
    fake = _fake_mode_pt2(tmp_path, "x")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert mode.find_mode_pt2() == str(fake)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(mode.ModeError, match="mode-pt2 not found"):
        mode.find_mode_pt2()


ATTENTION = "transformer_decoder"  # two attentions (self and cross) and three dropouts


def test_api_attention_dropout_gives_back_what_evaluation_lost(suite):
    """to_train(ep_eval, attention_dropout=P) is mode-pt2
    --to-train=attention-dropout=P: the program PyTorch exports from
    m.train() (P the model's own attention dropout); without it, the
    ModeError asks for it."""
    export = suite.export(ATTENTION, "eval", "default")
    p = X.attention_dropout(ATTENTION)
    with pytest.raises(mode.ModeError, match=r"attention-dropout=P"):
        mode.to_train(export.program)
    program = mode.to_train(export.program, attention_dropout=p)
    cli = suite.switched(export, f"--to-train=attention-dropout={p!r}")
    expected = suite.program(ATTENTION, cli.require()).require().lines
    diff = H.graph_diff(H.graph_lines(program), expected, "API", "mode-pt2")
    H.expect(not diff, f"{ATTENTION}: to_train(attention_dropout={p}) differs from mode-pt2's",
             [diff])
    reference = suite.export(ATTENTION, "train", "default")
    diff = H.graph_diff(H.graph_lines(program), suite.program(ATTENTION, reference.archive)
                        .require().lines, "API", "torch.export(m.train())")
    H.expect(not diff, f"{ATTENTION}: to_train(attention_dropout={p}) is not PyTorch's "
             "training export", [diff])


def test_api_attention_dropout_with_ops(suite):
    """attention_dropout= and ops= together reach mode-pt2 as one pass's
    options: the attentions switch only when their family is named."""
    export = suite.export(ATTENTION, "eval", "default")
    forms = lambda program: sorted({(n.op, n.training) for n in H.mode_nodes(program.graph)})
    attention = mode.to_train(export.program, ops=["attention"], attention_dropout=0.1)
    assert forms(attention) == [("dropout.default", False),
                                ("scaled_dot_product_attention.default", True)]
    dropout = mode.to_train(export.program, ops="dropout", attention_dropout=0.1)
    assert forms(dropout) == [("dropout.default", True),
                              ("scaled_dot_product_attention.default", False)], forms(dropout)


def test_api_attention_dropout_refuses_what_is_not_a_probability(suite):
    export = suite.export(ATTENTION, "eval", "default")
    with pytest.raises(TypeError, match="attention_dropout must be a number"):
        mode.to_train(export.program, attention_dropout="0.1")
    with pytest.raises(mode.ModeError, match=r"attention-dropout=1.5 is not a probability"):
        mode.to_train(export.program, attention_dropout=1.5)


def test_api_families_are_mode_pt2s(suite):
    """mode.FAMILIES, which the docstrings and errors list, is what mode-pt2
    registers (it lists them for an unknown name)."""
    with pytest.raises(mode.ModeError) as e:
        mode.to_eval(suite.export("bn2d", "train", "default").program, ops=["no_such_family"])
    assert f"valid families: {', '.join(mode.FAMILIES)}" in str(e.value), str(e.value)
    with pytest.raises(ValueError, match=re.escape(", ".join(mode.FAMILIES))):
        mode.to_eval(suite.export("bn2d", "train", "default").program, ops=[])
