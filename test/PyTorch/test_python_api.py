"""The Python face, `mode.to_eval` / `mode.to_train` (python/mode), on the
zoo. In memory, through the extension mode._core, it must give what the
command line gives (the same program, or a `ModeError` with mode's
message), on an ExportedProgram and, in place, on the GraphModule of
`ep.module()`; write the program as torch writes it; leave its input alone
when it refuses; survive PyTorch's load/save in between; pass the passes'
options on as they are; and name the graph forms it cannot take."""

import copy
import json
import os
import re
import shutil
import stat
import sys
from pathlib import Path

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
from mode import _graph

# Also run against the newest PyTorch, on the installed package (scripts/check-package).
pytestmark = pytest.mark.python

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


def _api_module(suite, export, switch):
    """mode.to_eval/to_train on a fresh `ep.module()`: (the module, what the
    call returned, its graph before) or (module, ModeError, graph before)."""
    def call():
        module = export.program.module()
        before = H.module_lines(module)
        try:
            return module, SWITCHES[switch][1](module), before
        except mode.ModeError as error:
            return module, error, before
    return suite.memo(("api-module", export.key, switch), call)


def _error_text(stderr: str) -> str:
    """mode-pt2's message without its location (file name, line, column)."""
    found = re.search(r"error: .*", stderr)
    return found.group(0) if found else stderr.strip()


def _without_names(text: str) -> list[str]:
    """Error lines with the names of nodes left out: the GraphModule of
    ep.module() names some nodes otherwise than the program."""
    return [re.sub(r"'[^']*'", "'_'", line) for line in text.splitlines()]


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
        H.expect(_error_text(cli.stderr) in str(error) and error.pipeline == switch[2:],
                 f"{export.key}: the ModeError does not carry mode-pt2's message",
                 [f"ModeError: {error} (pipeline {error.pipeline!r})",
                  f"mode-pt2: {cli.stderr.strip()}"])
        H.expect(not re.search(r"^\w+:\d+:\d+: ", str(error), re.MULTILINE),
                 f"{export.key}: the ModeError names a place in mode's JSON", [error])
        return
    H.expect(error is None, f"{export.key}: mode.{SWITCHES[switch][1].__name__} raised where "
             "mode-pt2 succeeds", [error], cli.describe())
    expected = suite.program(model, cli.archive).require().lines
    diff = H.graph_diff(H.graph_lines(program), expected, "API", "mode-pt2")
    H.expect(not diff, f"{export.key}: the API's program differs from mode-pt2's", [diff])
    for name, value in export.program.state_dict.items():
        H.expect(program.state_dict[name] is value,
                 f"{export.key}: the API's program does not share the tensor {name}", [])


@pytest.mark.parametrize("switch", list(SWITCHES))
@pytest.mark.parametrize("model", ["dropout", "bn2d"])
def test_api_gives_what_mode_pt2_gives_decomposed(suite, switch, model):
    """Decomposed programs: a switch that works (dropout), and one that
    mode-pt2 refuses (to training: bn2d's batch norm)."""
    test_api_gives_what_mode_pt2_gives(suite, switch, model, "decomposed")


@pytest.mark.parametrize("ir", H.IRS)
@pytest.mark.parametrize("model", zoo.ids())
@pytest.mark.parametrize("switch", list(SWITCHES))
def test_graph_module_gives_what_the_program_gives(suite, switch, model, ir):
    """The GraphModule of ep.module() (torchao's form), switched in place:
    the very module comes back, with the graph of the switched program's
    module(); where the program is refused, the module is refused alike
    and left as it was."""
    export = X.expected_export(suite, model, SWITCHES[switch][0], ir)
    if export is None:
        return
    program, error = _api(suite, export, switch)
    module, result, before = _api_module(suite, export, switch)
    if error is not None:
        H.expect(isinstance(result, mode.ModeError),
                 f"{export.key}: the program is refused, its module() is not", [error])
        H.expect(_without_names(str(result)) == _without_names(str(error)),
                 f"{export.key}: the module's ModeError is not the program's",
                 [f"module: {result}", f"program: {error}"])
        H.expect(H.module_lines(module) == before,
                 f"{export.key}: a refused switch changed the module", [])
        return
    H.expect(result is module, f"{export.key}: the module was not switched in place",
             [f"returned {type(result).__name__}: {result}"])
    expected = suite.memo(("api-module-of", export.key, switch),
                          lambda: H.module_lines(program.module()))
    diff = H.graph_diff(H.module_lines(module), expected, "to_X(ep.module())",
                        "to_X(ep).module()")
    H.expect(not diff, f"{export.key}: the switched module differs from the switched "
             "program's module()", [diff])
    training = switch == "--to-train"
    H.expect(all(m.training == training for m in module.modules()),
             f"{export.key}: submodules not in {'training' if training else 'evaluation'} "
             "mode", [])


@pytest.mark.parametrize("ir", H.IRS)
@pytest.mark.parametrize("mode_", H.MODES)
@pytest.mark.parametrize("model", zoo.ids())
def test_program_json_is_what_torch_writes(suite, model, mode_, ir):
    """What the core reads of a program is what torch.export.save writes
    of it, but for the parts the core does not read and the program keeps
    (module call graph, range constraints). The GraphModule of
    ep.module() is taken to come from the program's dialect (it does not
    record it; _graph.graph_module_dialect)."""
    export = X.expected_export(suite, model, mode_, ir)
    if export is None:
        return
    written, _ = _graph.write_exported_program_graph(export.program,
                                                     copy.deepcopy(export.program.graph))
    written = json.loads(json.dumps(written))
    saved = H.model_json(export.archive)
    for part in (written, saved):
        del part["range_constraints"]
        del part["graph_module"]["module_call_graph"]
    H.expect(written == saved, f"{export.key}: mode's program JSON is not torch's",
             [H.graph_diff(json.dumps(written, indent=0).splitlines(),
                           json.dumps(saved, indent=0).splitlines(), "mode", "torch")])
    dialect = _graph.graph_module_dialect(export.program.module().graph)
    H.expect([dialect] == [v.dialect for v in export.program.verifiers],
             f"{export.key}: its module() is taken for a {dialect} program", [])


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


@pytest.mark.parametrize("model,ir", [("bn2d", "default"), ("transformer_decoder", "default"),
                                      ("dropout", "decomposed")])
def test_api_records_survive_save_and_load(suite, model, ir):
    """What mode records of a switch (a removed batch-norm counter, an
    attention's dropout probability, a decomposed dropout) rides in the
    nodes' metadata `custom`, which torch.export.save and load keep: the
    program to_eval gives, saved and loaded, switches back to the
    training program."""
    export = X.expected_export(suite, model, "train", ir)
    once, error = _api(suite, export, "--to-eval")
    assert error is None, error
    custom = [n.meta["custom"] for n in once.graph.nodes if n.meta.get("custom")] + \
        [once.graph_module.meta.get("custom") or {}]
    assert any(k.startswith("mode.") for c in custom for k in c), "mode recorded nothing"
    back = mode.to_train(H.load_from_bytes(H.save_to_bytes(once)))
    expected = suite.program(model, export.archive).require().lines
    diff = H.graph_diff(H.graph_lines(back), expected, "to_train(load(save(to_eval(ep))))", "ep")
    H.expect(not diff, f"{export.key}: the records did not survive torch's save and load", [diff])


def test_api_leaves_its_input_alone(suite):
    export = suite.export("dynamic_batch", "train", "default")
    before = H.graph_lines(export.program)
    state = {k: v.clone() for k, v in export.program.state_dict.items()}
    mode.to_eval(export.program)
    assert H.graph_lines(export.program) == before
    assert all(torch.equal(state[k], v) for k, v in export.program.state_dict.items())


def test_api_refusal_changes_nothing(suite):
    """A refused switch (a decomposed evaluation program whose batch norm
    has no output for its statistics) leaves the program and the module
    as they were: the module is switched on a copy of its graph."""
    export = suite.export("bn2d", "eval", "decomposed")
    module = export.program.module()
    graph, lines = module.graph, H.module_lines(module)
    for program in (export.program, module):
        with pytest.raises(mode.ModeError, match=r"node '_native_batch_norm_legit_no_training"):
            mode.to_train(program, ops=["batch_norm"])
    assert module.graph is graph and H.module_lines(module) == lines
    assert H.graph_lines(export.program) == suite.program("bn2d", export.archive).lines


def test_api_ops_switches_only_those(suite):
    """ops=["batch_norm"] freezes the batch norms and keeps dropout training
    (fine-tuning, QAT), on both forms."""
    export = suite.export("dynamic_batch", "train", "default")
    frozen = mode.to_eval(export.program, ops=["batch_norm"])
    found = {(n.op, n.training) for n in H.mode_nodes(frozen.graph)}
    assert found == {("batch_norm.default", False), ("dropout.default", True)}, found
    module = mode.to_eval(export.program.module(), ops="batch_norm")
    assert {(n.op, n.training) for n in H.mode_nodes(module.graph)} == found


def test_api_refuses_what_is_not_a_program():
    with pytest.raises(TypeError, match="ExportedProgram or the torch.fx.GraphModule"):
        mode.to_eval(torch.nn.Linear(2, 2))


def test_api_error_carries_mode_message(suite):
    """A decomposed evaluation program with batch norm: mode refuses to
    switch its batch norms to training, and says which node; the error
    says which pipeline ran."""
    export = suite.export("bn2d", "eval", "decomposed")
    with pytest.raises(mode.ModeError, match=r"^error: node '_native_batch_norm_legit_no_training'"
                       ) as e:
        mode.to_train(export.program, ops=["batch_norm"])
    assert e.value.pipeline == "to-train{ops=batch_norm}"
    assert e.value.returncode is None and e.value.command is None


def test_api_passes_options_on(suite):
    """Keyword arguments are the pass's options, spelled as the pass
    spells them, and reach mode's core as they are: an option the pass
    does not have is refused by the core, by its name."""
    program = suite.export("bn2d", "train", "default").program
    with pytest.raises(mode.ModeError, match=r"no-such-option") as e:
        mode.to_eval(program, no_such_option=3)
    assert e.value.pipeline == "to-eval{no-such-option=3}"
    with pytest.raises(ValueError, match="cannot be written in a pass pipeline"):
        mode.to_eval(program, ops=["batch_norm} assert-train{"])


def test_run_passes_takes_mode_opt_pipelines(suite):
    """run_passes runs a pipeline as mode-opt's --pass-pipeline takes it,
    anchored or not; a guard that fails raises with mode's message."""
    export = suite.export("dynamic_batch", "train", "default")
    expected = H.graph_lines(mode.to_eval(export.program))
    for pipeline in ("to-eval,assert-eval", "builtin.module(to-eval, assert-eval)"):
        assert H.graph_lines(mode.run_passes(export.program, pipeline)) == expected
    with pytest.raises(mode.ModeError, match=r"error: node 'dropout': 'aten.dropout' is in "
                       r"training mode"):
        mode.run_passes(export.program, "to-eval{ops=batch_norm},assert-eval")
    with pytest.raises(mode.ModeError, match=r"'no-such-pass' does not refer to a registered"):
        mode.run_passes(export.program, "no-such-pass")
    with pytest.raises(mode.ModeError, match=r"does not end with the '\)' of 'builtin.module\('"):
        mode.run_passes(export.program, "builtin.module(to-eval")


@pytest.mark.parametrize("text", ["", '{"graph_module": 1', "[]",
                                  '{"schema_version": {"major": 9, "minor": 0}}',
                                  '{"schema_version": {"major": 8, "minor": 20}}'])
def test_core_refuses_what_is_no_program(text):
    """The extension's own entry point, given text that is no program
    (not JSON, cut short, another schema, fields missing): mode's error,
    located in the text it was given under the name it was given, never a
    crash. (Which words the importer uses is the archive tests' business.)"""
    ok, error = mode._core.switch_program(text, "to-eval", "given")
    assert not ok and re.match(r"given:1:\d+: error: \S", error), error


def test_api_without_the_extension(suite, monkeypatch):
    """A build without mode._core (the sanitizer build) imports, and says
    why it cannot switch."""
    monkeypatch.setattr(mode, "_core", None)
    with pytest.raises(mode.ModeError, match=r"mode's extension mode._core is not available"):
        mode.to_eval(suite.export("bn2d", "train", "default").program)


class _Cond(torch.nn.Module):
    def forward(self, x):
        return torch.cond(x.sum() > 0, lambda t: t + 1, lambda t: t - 1, (x,))


def test_api_names_the_graph_forms_it_cannot_take():
    """A higher-order operator (torch.cond: its branches are subgraphs
    mode does not read) in either form, and a submodule call whose result
    has no recorded value."""
    ep = torch.export.export(_Cond(), (torch.randn(3),))
    with pytest.raises(mode.ModeError, match=r"cannot switch this ExportedProgram: node 'cond': "
                       r"the higher-order operator torch.ops.higher_order.cond"):
        mode.to_eval(ep)
    with pytest.raises(mode.ModeError, match=r"cannot switch this GraphModule: node '\w+' "
                       r"reads attribute 'true_graph_0', a subgraph \(torch.fx.GraphModule\) of a "
                       r"higher-order operator"):
        mode.to_eval(ep.module())
    traced = torch.fx.symbolic_trace(torch.nn.Sequential(torch.nn.Linear(2, 2)))
    with pytest.raises(mode.ModeError, match=r"cannot switch this GraphModule: graph input "
                       r"'input_1' has no recorded value \(meta\['val'\]\)"):
        mode.to_eval(traced)
    module = _calling_a_submodule()
    with pytest.raises(mode.ModeError, match=r"node 'lin': a call of submodule 'lin' \(Linear\) "
                       r"whose result has no recorded value"):
        mode.to_eval(module)


def _calling_a_submodule() -> torch.fx.GraphModule:
    """The GraphModule of an export, to which a call of a new submodule is
    added (as a pass of one's own might), with no value recorded."""
    module = torch.export.export(torch.nn.ReLU(), (torch.randn(2, 2),)).module()
    module.add_submodule("lin", torch.nn.Linear(2, 2))
    output = module.graph.output_node()
    (result,) = output.args[0]
    with module.graph.inserting_before(output):
        call = module.graph.call_module("lin", (result,))
    output.args = ((call,),)
    module.recompile()
    return module


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
    with pytest.raises(mode.ModeError, match="error: from the fake") as e:
        mode.run_mode_pt2(suite.export("bn2d", "train", "default").program, "--to-eval")
    assert e.value.returncode == 1 and e.value.command == [str(fake), "--to-eval", "-"]
    monkeypatch.setenv("MODE_PT2", str(tmp_path / "nothing"))
    with pytest.raises(mode.ModeError, match="MODE_PT2=.* is not an executable file"):
        mode.find_mode_pt2()


def test_run_mode_pt2_gives_what_the_api_gives(suite):
    """The archive path (mode-pt2 on the saved program, weights and all)
    and the in-memory path give the same program."""
    export = suite.export("dynamic_batch", "train", "default")
    through_the_tool = mode.run_mode_pt2(export.program, "--to-eval")
    assert H.graph_lines(through_the_tool) == H.graph_lines(mode.to_eval(export.program))


def test_find_mode_pt2_build_tree_then_path(monkeypatch, tmp_path):
    monkeypatch.delenv("MODE_PT2", raising=False)
    built = mode._build_tree_mode_pt2()
    if built is None:  # an installed package (pip install .)
        assert mode.find_mode_pt2() == shutil.which("mode-pt2")
        assert Path(mode.find_mode_pt2()).parent == Path(sys.executable).parent, \
            "the mode-pt2 on PATH is not the one pip installed beside this Python"
    else:
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
    """attention_dropout= and ops= together reach the core as one pass's
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


def test_api_families_are_the_cores(suite):
    """mode.FAMILIES, which the docstrings and errors list, is what the
    core registers (it lists them for an unknown name)."""
    with pytest.raises(mode.ModeError) as e:
        mode.to_eval(suite.export("bn2d", "train", "default").program, ops=["no_such_family"])
    assert f"valid families: {', '.join(mode.FAMILIES)}" in str(e.value), str(e.value)
    with pytest.raises(ValueError, match=re.escape(", ".join(mode.FAMILIES))):
        mode.to_eval(suite.export("bn2d", "train", "default").program, ops=[])


def test_api_random_modules_refused_then_declared(suite):
    """A module drawing random numbers that mode does not switch (the zoo's
    GaussianNoise) is refused in both forms, naming the node and both
    options; identity_in_eval= then switches it to what `m.eval()`
    computes, and keep_random= keeps its random node; a single class or a
    list of them."""
    export = suite.export("gaussian_noise", "train", "default")
    for program in (export.program, export.program.module()):
        with pytest.raises(mode.ModeError, match=r"node 'randn_like': .* in module 'noise' "
                           r"\(zoo.GaussianNoise\)") as e:
            mode.to_eval(program)
        assert "identity-in-eval=zoo.GaussianNoise" in str(e.value)
        assert "keep-random=zoo.GaussianNoise" in str(e.value)
    eval_runs = suite.eager("gaussian_noise", "eval")
    for declared in ("zoo.GaussianNoise", ["zoo.GaussianNoise"]):
        switched = mode.to_eval(export.program, identity_in_eval=declared)
        assert [n.target for n in switched.graph.nodes if n.op == "call_function"
                and torch.Tag.nondeterministic_seeded in getattr(n.target, "tags", ())] == []
        module = mode.to_eval(export.program.module(), identity_in_eval=declared)
        for form in (switched.module(), module):
            runs = [H.run_module(copy.deepcopy(form), inputs)
                    for inputs in H.example_inputs("gaussian_noise")]
            assert H.compare_runs(runs, eval_runs, None) == []
    kept = mode.to_eval(export.program, keep_random=["zoo.GaussianNoise"])
    assert [n.name for n in kept.graph.nodes if n.op == "call_function"
            and n.target == torch.ops.aten.randn_like.default] == ["randn_like"]
