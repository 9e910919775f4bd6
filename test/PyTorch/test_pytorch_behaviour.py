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
- The decomposed programs mode-pt2 refuses as a whole: evaluation exports
  whose dropouts the decomposition removed without a node
  (DECOMPOSED_EVAL_LOSES_DROPOUT, behind PROGRAM_REFUSAL), and training
  exports that the decomposition made identical to the evaluation export
  (UNPROVEN_DECOMPOSED_TRAINING).
- `ep.module()` shares its buffers with the program (why the suite runs
  deep copies).
- `torch.export` resolves a Python `if self.training:` and records only the
  branch taken (README, "What cannot be switched").
"""

import copy
import warnings

import pytest
import torch

import expectations as X
import harness as H
import zoo


@pytest.mark.parametrize("mode", H.MODES)
@pytest.mark.parametrize("model", zoo.suite_ids())
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
@pytest.mark.parametrize("model", zoo.suite_ids())
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
@pytest.mark.parametrize("model", zoo.suite_ids())
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


@pytest.mark.parametrize("model", sorted(X.CONTIGUOUS_DEPENDS_ON_MODE))
def test_contiguous_node_depends_on_mode(suite, model):
    problems = X.CONTIGUOUS_DEPENDS_ON_MODE[model](suite, model)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("model", sorted(X.LOST_IN_EVALUATION))
def test_stated_training_is_not_m_train(suite, model):
    """What the evaluation exports LOST_IN_EVALUATION names lost matters:
    the training they state computes something else than `m.train()`;
    except where the export only lost *that* it states m.train()
    (`stated_is_m_train`: an attention dropout of 0), where it computes
    exactly `m.train()`."""
    lost = X.LOST_IN_EVALUATION[model]
    stated = lost.stated(suite, model)
    problems = H.compare_runs(stated.runs, suite.eager(model, "train"), None)
    if lost.stated_is_m_train:
        assert not problems, (f"{model}: the training its evaluation export states differs "
                              "from m.train():\n" + "\n".join(problems))
        return
    assert problems, (f"{model}: the training its evaluation export states computes "
                      "m.train(): nothing was lost; remove it from LOST_IN_EVALUATION")


def _decomposed_eval_without_dropout(model: str) -> tuple[int, list[str]]:
    """The zoo model without its dropouts (expectations.without_dropout),
    exported in evaluation mode and decomposed: (dropouts taken out, the
    program's graph lines)."""
    entry = zoo.get(model)
    m = entry.build().eval()
    count = X.without_dropout(m)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        program = torch.export.export(m, entry.example_inputs(),
                                      dynamic_shapes=entry.dynamic_shapes_spec())
        return count, H.graph_lines(program.run_decompositions())


@pytest.mark.parametrize("model", sorted(X.DECOMPOSED_EVAL_LOSES_DROPOUT))
def test_decomposed_evaluation_export_has_no_node_for_dropout(suite, model):
    """run_decompositions() of the evaluation export leaves nothing of the
    model's dropouts: the program is the one of the model without them.
    Nothing in a decomposed evaluation program can say a dropout was
    there, which is why mode-pt2 refuses --to-train of one that does not
    show it was decomposed in training (expectations.PROGRAM_REFUSAL)."""
    export = X.expected_export(suite, model, "eval", "decomposed")
    count, without = _decomposed_eval_without_dropout(model)
    assert count, f"{model}: the zoo model has no dropout to take out"
    lines = suite.program(model, export.archive).require().lines
    diff = H.graph_diff(lines, without, f"{export.key}", f"{model} without dropout")
    H.expect(not diff, f"{model}: PyTorch's decomposed evaluation export now keeps a trace of "
             "its dropouts; update DECOMPOSED_EVAL_LOSES_DROPOUT, PROGRAM_REFUSAL and the docs",
             [diff])


@pytest.mark.torch_versions
def test_decomposed_evaluation_export_of_nn_dropout(suite):
    """The counterpart: nn.Dropout (not in place) leaves a `clone` where it
    was in PyTorch 2.13, which names the node, not p; in 2.14 and later it
    leaves nothing, as the dropouts above do
    (expectations.NN_DROPOUT_LEAVES_A_CLONE). Either way the program is the
    one of the model without its dropout."""
    export = X.expected_export(suite, "dropout", "eval", "decomposed")
    _, without = _decomposed_eval_without_dropout("dropout")
    program = suite.program("dropout", export.archive).require().exported
    is_clone = lambda node: H.op_name(node.target) == "aten.clone.default"  # noqa: E731
    clones = [n for n in program.graph.nodes if n.op == "call_function" and is_clone(n)]
    diff = H.graph_diff(H.graph_lines(program, drop=is_clone), without,
                        f"{export.key} without its clone", "dropout without dropout")
    expected = 1 if X.NN_DROPOUT_LEAVES_A_CLONE else 0
    assert len(clones) == expected and not diff, \
        f"torch {torch.__version__}: clones {clones} where {expected} was expected\n{diff}"


@pytest.mark.parametrize("model", sorted(X.UNPROVEN_DECOMPOSED_TRAINING))
def test_decomposed_training_export_shows_no_mode(suite, model):
    """run_decompositions() of these training exports leaves no op that
    shows the mode (no dropout, no bernoulli, no training batch norm: the
    recurrent layers lose their dropout, the normalizations without
    running statistics are the same in both modes): the program is node for
    node the decomposed evaluation export. So nothing tells it from an
    evaluation program that lost its dropouts, and mode-pt2 refuses to
    switch it back to training once in evaluation form
    (expectations.UNPROVEN_DECOMPOSED_TRAINING, test_reversible.py)."""
    train = X.expected_export(suite, model, "train", "decomposed")
    evals = X.expected_export(suite, model, "eval", "decomposed")
    program = suite.program(model, train.archive).require()
    nodes = H.mode_nodes(program.exported.graph)
    random = [n.name for n in program.exported.graph.nodes if n.op == "call_function"
              and any(w in H.op_name(n.target) for w in ("dropout", "bernoulli", "rand"))]
    assert not nodes and not random, (f"{train.key} now shows its mode: {nodes} {random}; "
                                      "update UNPROVEN_DECOMPOSED_TRAINING and the docs")
    diff = H.graph_diff(program.lines, suite.program(model, evals.archive).require().lines,
                        train.key, evals.key)
    H.expect(not diff, f"{model}: PyTorch's decomposed training and evaluation exports differ",
             [diff])


def test_module_shares_its_buffers_with_the_program(suite):
    """ep.module() shares its buffers with the ExportedProgram
    (docs/pt2-format-notes.md §4): running a training program's module
    updates ep.state_dict in place, a second ep.module() and
    torch.export.save(ep) see the updated statistics; a deep copy of the
    module (what the suite runs, harness.Program.runs) leaves ep alone."""
    export = suite.export("bn2d", "train", "default")
    ep = H.load_from_bytes(export.archive)  # our own copy: we run it
    counter, mean = "bn.num_batches_tracked", "bn.running_mean"
    exported = {k: ep.state_dict[k].clone() for k in (counter, mean)}
    assert exported[counter].item() == 7, exported[counter]

    H.run_module(copy.deepcopy(ep.module()), zoo.get("bn2d").example_inputs())
    assert all(torch.equal(ep.state_dict[k], v) for k, v in exported.items()), \
        "running a deep copy of ep.module() changed ep.state_dict"

    module = ep.module()
    H.run_module(module, zoo.get("bn2d").example_inputs())
    buffers = dict(module.named_buffers())
    assert buffers[counter].item() == 8, buffers[counter]
    assert ep.state_dict[counter].item() == 8, "ep.state_dict did not see the module's run"
    assert not torch.equal(ep.state_dict[mean], exported[mean])
    assert torch.equal(ep.state_dict[mean], buffers[mean])
    assert dict(ep.module().named_buffers())[counter].item() == 8, \
        "a second ep.module() does not see the first one's run"
    saved = H.load_from_bytes(H.save_to_bytes(ep)).state_dict
    assert saved[counter].item() == 8 and torch.equal(saved[mean], buffers[mean]), \
        "torch.export.save(ep) wrote the statistics as exported, not as updated"


def _branch_only_lines(branch: str, mode: str) -> list[str]:
    """The graph lines of zoo.StochasticDepthNet taking `branch` whatever
    its mode, exported in `mode`."""
    entry = zoo.get("stochastic_depth")
    m = entry.build().train(mode == "train")
    m.branch = branch
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return H.graph_lines(torch.export.export(m, entry.example_inputs()))


def test_export_keeps_only_the_python_branch_taken(suite):
    """A Python `if self.training:` (stochastic depth) is resolved by
    torch.export: the training export is, node for node, the program of a
    model that takes the training branch in both modes, with no node of
    the evaluation branch and no op that carries the mode; and the other
    way round. Nothing in the archive says the program depended on the
    mode, so no switch of it can take the other branch: the README's
    "cannot be switched"; export the model in the mode you need."""
    lines = {mode: suite.program("stochastic_depth", X.expected_export(
        suite, "stochastic_depth", mode, "default").archive).require()
        for mode in H.MODES}
    for mode, other in (("train", "eval"), ("eval", "train")):
        for exported_in in H.MODES:
            diff = H.graph_diff(lines[mode].lines, _branch_only_lines(mode, exported_in),
                                f"stochastic_depth.{mode}",
                                f"its {mode} branch alone, exported in {exported_in}")
            H.expect(not diff, f"PyTorch's {mode} export of stochastic_depth is not the "
                     f"program of its {mode} branch alone", [diff])
        nodes = H.mode_nodes(lines[mode].exported.graph)
        assert not nodes, f"stochastic_depth.{mode} has mode-carrying ops: {nodes}"
    assert lines["train"].lines != lines["eval"].lines
    ops = {mode: {line.split(" = ")[1].split("(")[0] for line in lines[mode].lines
                  if line.startswith("%")} for mode in H.MODES}
    assert "aten.rand.default" in ops["train"] - ops["eval"], ops
