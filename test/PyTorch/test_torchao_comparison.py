"""Side by side with the tool mode replaces: torchao 0.18.0's
`move_exported_model_to_eval` / `move_exported_model_to_train` (on
`ep.module()`, as torchao takes it) and mode-pt2 (on the archive), on
every zoo model's default export.

Measured per model; `test_comparison_doc_is_current` (last) renders the
whole zoo's table and fails when the committed docs/pytorch-comparison.md
differs from it, rewriting the doc with what was measured so that `git
diff` shows the change to commit (`$MODE_PYTORCH_COMPARISON_DOC` names
another file to write, or none when empty). Measured:

- to evaluation (from the training export): does the result compute
  `m.eval()(x)` (bitwise)? does a forward change a buffer that `m.eval()`
  leaves alone? which mode-dependent ops are left in training form? which
  hyperparameters (p, momentum, eps, ...) did the switch change?
- to training (from the evaluation export): does it compute `m.train()(x)`
  under the same seed, and leave the buffers as `m.train()` does? which
  ops are left in evaluation form (beyond what the evaluation export
  states, expectations.LOST_IN_EVALUATION)? which hyperparameters changed?

torchao's cells are what was measured; they are not a test of torchao.
mode-pt2's must all pass: each test asserts its model's mode-pt2 row.
"""

import collections
import copy
import difflib
import os
import re
import warnings

import pytest
import torch

import expectations as X
import harness as H
import zoo

try:
    import mode
except ImportError:  # run by hand from the source tree, not through CTest
    import sys
    sys.path.append(str(H.REPO / "python"))
    import mode

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import torchao
    from torchao.quantization.pt2e import (move_exported_model_to_eval,
                                           move_exported_model_to_train)

DOC = H.REPO / "docs" / "pytorch-comparison.md"


@pytest.fixture(scope="module")
def table(suite):
    """The measured rows, {model: Row}, filled by test_side_by_side."""
    return {}


class Cell:
    """One measurement: its text in the table, and whether it is what
    PyTorch's eager model does (`ok`)."""

    def __init__(self, text: str, ok: bool) -> None:
        self.text, self.ok = text, ok


# The table's row of a model; `eval_python`/`train_python` are mode's
# Python face measured the same way on the GraphModule of ep.module(), in
# place (asserted to be mode-pt2's cells, not shown in the document).
Row = collections.namedtuple("Row", "model eval_torchao eval_mode train_torchao train_mode "
                                    "eval_python train_python")


# -- measuring ---------------------------------------------------------------


def _nodes(graph):
    """The mode-carrying nodes and the other random ones (H.random_nodes:
    a drop path's bernoulli_, rand, ... in training form)."""
    return H.mode_nodes(graph) + H.random_nodes(graph)


def _outputs_cell(runs, expected) -> Cell:
    errors = []
    for run, ref in zip(runs, expected):
        for a, e in zip(run.outputs, ref.outputs):
            if isinstance(e, torch.Tensor) and not torch.equal(a, e):
                errors.append(H.relative_error(a, e) if a.shape == e.shape else float("inf"))
        if len(run.outputs) != len(ref.outputs):
            errors.append(float("inf"))
    if not errors:
        return Cell("yes", True)
    return Cell(f"**no** (rel. error {max(errors):.1e})", False)


def _buffers_cell(runs, expected, ok_text: str) -> Cell:
    differ = set()
    for run, ref in zip(runs, expected):
        differ |= {name for name in ref.buffers_after
                   if name not in run.buffers_after
                   or not torch.equal(run.buffers_after[name], ref.buffers_after[name])}
    if not differ:
        return Cell(ok_text, True)
    kinds = collections.Counter(name.rsplit(".", 1)[-1] for name in differ)
    return Cell("**differ**: " + ", ".join(f"`{k}`" + (f" ×{n}" if n > 1 else "")
                                             for k, n in sorted(kinds.items())), False)


def _left_cell(nodes, training: bool, allowed=()) -> Cell:
    """Mode nodes left in the `training` form (when switching away from
    it), beyond the `allowed` ones."""
    left = [n for n in nodes if n.training == training]
    for a in allowed:
        for n in left:
            if n.op == a.op and n.training == a.training:
                left.remove(n)
                break
    summary = H.summarize(left, training)
    return Cell(summary if left else "none", not left)


def _changed_cell(before, after) -> Cell:
    changes = H.changed_hyperparameters(before, after)
    return Cell("; ".join(changes) if changes else "none", not changes)


def _refused(run) -> list[Cell]:
    found = re.search(r"error: (node '[^']*')", run.stderr)
    text = f"refuses ({found.group(1) if found else 'exit ' + str(run.returncode)})"
    return [Cell(text, False)] * 4


def _no_export(export) -> list[Cell]:
    """The cells of a switch whose input PyTorch cannot export (asserted by
    expected_export; the footnote says which)."""
    return [Cell(f"no export of m.{export.mode}() ¹", True)] + [Cell("—", True)] * 3


def _torchao(program, switch, model):
    """torchao's switch on a copy of `program.module()` (the module shares
    its buffers with the program, which other tests use), run on the
    model's inputs: (switched module, runs), or the cells saying what
    raised (torchao measured, not judged)."""
    module = copy.deepcopy(program.module())
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            switch(module)
    except Exception as exc:  # noqa: BLE001
        return None, [Cell(f"switch raises `{type(exc).__name__}`", False)] * 4
    try:
        runs = [H.run_module(copy.deepcopy(module), x) for x in H.example_inputs(model)]
    except Exception as exc:  # noqa: BLE001
        text = f"running it raises `{type(exc).__name__}: {str(exc).splitlines()[0][:60]}`"
        return module, [Cell(text, False)] * 2 + [None, None]
    return module, runs


def _python(program, switch, model):
    """mode's Python face on a copy of `program.module()`, in place, run
    on the model's inputs: (switched module, runs), or (None, the cells of
    its refusal)."""
    module = copy.deepcopy(program.module())
    try:
        result = switch(module)
    except mode.ModeError as error:
        found = re.search(r"error: (node '[^']*')", str(error))
        return None, [Cell(f"refuses ({found.group(1) if found else 'the program'})",
                           False)] * 4
    assert result is module, "mode switched the GraphModule elsewhere than in place"
    return module, [H.run_module(copy.deepcopy(module), x) for x in H.example_inputs(model)]


def measure_eval(suite, model):
    """(torchao cells, mode-pt2 cells, mode's Python cells on the
    GraphModule) of the switch to evaluation."""
    export = X.expected_export(suite, model, "train", "default")
    if export is None:
        cells = _no_export(suite.export(model, "train", "default"))
        return cells, cells, cells
    expected = suite.eager(model, "eval")
    before = _nodes(export.program.graph)
    ao_module, runs = _torchao(export.program, move_exported_model_to_eval, model)
    if ao_module is None:
        ao = runs
    else:
        nodes = _nodes(ao_module.graph)
        ao = ([_outputs_cell(runs, expected), _buffers_cell(runs, expected, "kept")]
              if isinstance(runs[0], H.Run) else runs[:2]) + \
            [_left_cell(nodes, True), _changed_cell(before, nodes)]
    py_module, runs = _python(export.program, mode.to_eval, model)
    if py_module is None:
        py = runs
    else:
        nodes = H.mode_nodes(py_module.graph)
        py = [_outputs_cell(runs, expected), _buffers_cell(runs, expected, "kept"),
              _left_cell(nodes, True), _changed_cell(before, nodes)]
    run = suite.switched(export, "--to-eval")
    if run.refused:
        return ao, _refused(run), py
    program = suite.program(model, run.archive).require()
    nodes = _nodes(program.module.graph)
    return ao, [_outputs_cell(program.runs, expected),
                _buffers_cell(program.runs, expected, "kept"),
                _left_cell(nodes, True), _changed_cell(before, nodes)], py


def measure_train(suite, model):
    """(torchao cells, mode-pt2 cells, mode's Python cells on the
    GraphModule) of the switch to training."""
    export = X.expected_export(suite, model, "eval", "default")
    if export is None:
        cells = _no_export(suite.export(model, "eval", "default"))
        return cells, cells, cells
    lost = X.LOST_IN_EVALUATION.get(model)
    if lost is not None:
        stated = suite.memo(("stated", model), lambda: lost.stated(suite, model))
        expected, allowed = stated.runs, [n for n in stated.nodes if not n.training]
    else:
        expected, allowed = suite.eager(model, "train"), []
    ao, md, py = _measure_train(suite, model, export, expected, allowed)
    if lost is not None:  # compared with the training the export states, not m.train()
        ao[0], md[0], py[0] = (Cell(c.text + " ²", c.ok) for c in (ao[0], md[0], py[0]))
    return ao, md, py


def _measure_train(suite, model, export, expected, allowed):
    """The cells of both tools' switch to training, against `expected`
    runs; `allowed` are evaluation-form nodes the reference has too."""
    before = _nodes(export.program.graph)
    ao_module, runs = _torchao(export.program, move_exported_model_to_train, model)
    if ao_module is None:
        ao = runs
    else:
        nodes = _nodes(ao_module.graph)
        ao = ([_outputs_cell(runs, expected), _buffers_cell(runs, expected, "as m.train()")]
              if isinstance(runs[0], H.Run) else runs[:2]) + \
            [_left_cell(nodes, False, allowed), _changed_cell(before, nodes)]
    py_module, runs = _python(export.program, mode.to_train, model)
    if py_module is None:
        py = runs
    else:
        nodes = H.mode_nodes(py_module.graph)
        py = [_outputs_cell(runs, expected), _buffers_cell(runs, expected, "as m.train()"),
              _left_cell(nodes, False, allowed), _changed_cell(before, nodes)]
    run = suite.switched(export, "--to-train")
    if run.refused:
        cells = _refused(run)
        if X.may_refuse_to_train(model, "default") and not X.refusal_problems(run, export):
            cells = [Cell(cells[0].text, True)] * 4
            py = [Cell(py[0].text, True)] * 4 if py_module is None else py
        return ao, cells, py
    program = suite.program(model, run.archive).require()
    nodes = _nodes(program.module.graph)
    return ao, [_outputs_cell(program.runs, expected),
                _buffers_cell(program.runs, expected, "as m.train()"),
                _left_cell(nodes, False, allowed), _changed_cell(before, nodes)], py


def measure(suite, table, model) -> Row:
    """The model's row, measured once per session."""
    if model not in table:
        eval_ao, eval_mode, eval_python = measure_eval(suite, model)
        train_ao, train_mode, train_python = measure_train(suite, model)
        table[model] = Row(model, eval_ao, eval_mode, train_ao, train_mode, eval_python,
                           train_python)
    return table[model]


@pytest.mark.parametrize("model", zoo.suite_ids())
def test_side_by_side(suite, table, model):
    """Measures both tools on the model; mode-pt2's cells must all pass, and
    mode's Python face on ep.module() must measure as mode-pt2 does."""
    row = measure(suite, table, model)
    eval_mode, train_mode = row.eval_mode, row.train_mode
    columns = ["to eval: = m.eval()", "to eval: buffers", "to eval: left in training form",
               "to eval: changed", "to train: = m.train()", "to train: buffers",
               "to train: left in evaluation form", "to train: changed"]
    failing = [f"{c}: {cell.text}" for c, cell in zip(columns, eval_mode + train_mode)
               if not cell.ok]
    H.expect(not failing, f"{model}: mode-pt2's row of docs/pytorch-comparison.md fails",
             failing)
    python = [f"{c}: {py.text} (mode-pt2: {cli.text})"
              for c, py, cli in zip(columns, row.eval_python + row.train_python,
                                    eval_mode + train_mode) if (py.text, py.ok) != (cli.text, cli.ok)]
    H.expect(not python, f"{model}: mode.to_eval/to_train on ep.module() in place do not "
             "measure as mode-pt2 does", python)


def test_comparison_doc_is_current(suite, table):
    """The committed docs/pytorch-comparison.md is the table this run
    measured (the rows test_side_by_side did not measure are measured
    here). When it is not, the doc is rewritten (or the file
    $MODE_PYTORCH_COMPARISON_DOC names, none if empty) and the test fails:
    commit the new doc, or find why the measurement changed."""
    text = render([measure(suite, table, model) for model in zoo.suite_ids()])
    committed = DOC.read_text() if DOC.exists() else ""
    if committed == text:
        return
    path = os.environ.get("MODE_PYTORCH_COMPARISON_DOC", str(DOC))
    if path:
        H.Path(path).write_text(text)
    diff = difflib.unified_diff(committed.splitlines(), text.splitlines(),
                                "docs/pytorch-comparison.md (committed)", "measured",
                                lineterm="", n=0)
    H.expect(False, "docs/pytorch-comparison.md is stale: it is not what the suite measured"
             + (f" (the measured table is written to {path})" if path else ""),
             ["\n".join(list(diff)[:40])])


# -- the document -------------------------------------------------------------

_NOTE = {
    "bn_momentum_none": "PyTorch cannot export it in training (GuardOnDataDependentSymNode); "
                        "the evaluation export records momentum 0.0",
    "lstm_packed": "PyTorch cannot export it in either mode",
    "lstm_packed_hx": "PyTorch cannot export it in either mode",
}


def render(rows) -> str:
    """The markdown of docs/pytorch-comparison.md."""
    lines = [
        "# mode-pt2 and torchao side by side",
        "",
        "<!-- Generated by test/PyTorch/test_torchao_comparison.py (the PyTorch suite, run by",
        "     scripts/check); do not edit by hand. -->",
        "",
        f"Measured with torch {torch.__version__} and torchao {torchao.__version__} on the "
        "default (`torch.export.export`) program of every model of "
        "[test/PyTorch/zoo.py](../test/PyTorch/zoo.py) and of the real-library models of "
        "[test/PyTorch/real_models.py](../test/PyTorch/real_models.py) (`tv_`: torchvision, "
        "`timm_`: timm, `hf_`: transformers). torchao's "
        "`move_exported_model_to_eval` / `move_exported_model_to_train` (from "
        "`torchao.quantization.pt2e`) run on `ep.module()`, as torchao takes it; "
        "`mode-pt2 --to-eval` / `--to-train` on the archive `torch.export.save` "
        "wrote, whose output is loaded with `torch.export.load`. Each result is "
        "run on the model's example inputs (and, for `dynamic_batch`, a batch of "
        "another size) and compared with the eager model: `m.eval()(x)`, or "
        "`m.train()(x)` after the same `torch.manual_seed`.",
        "",
        "Columns: **= m.eval()** / **= m.train()**: outputs bitwise equal (else the "
        "largest norm-wise relative error); **buffers**: every buffer after the "
        "forward is what the eager model leaves (`kept` in evaluation: unchanged "
        "but for a model's own updates, which `multi_output_mutation` makes in "
        "both modes), else which differ; **left**: mode-dependent nodes still in "
        "the mode switched away from (a `num_batches_tracked` counter is a batch "
        "norm's `add_(1)`); **changed**: hyperparameters (`p`, `momentum`, `eps`, "
        "`lower`, `upper`, a recurrent layer's `dropout`) the switch changed.",
        "",
        "Where PyTorch's evaluation export no longer holds what training needs "
        "(`bn_momentum_none`, `mha_weights` and the models that call "
        "`scaled_dot_product_attention`; see [pytorch-suite.md](pytorch-suite.md)), "
        "the training reference is the training that export states, not "
        "`m.train()`: no tool can do better from that program. So for the real models "
        "with stochastic depth or drop path, a Python `if self.training` of which the "
        "evaluation export has no node: their training reference is the model without it.",
        "",
        "torchao's cells report what was measured. mode-pt2's are asserted by the "
        "suite: a **no**, **differ** or a node listed in mode-pt2's columns is a "
        "failing test. A node that draws random numbers other than the mode ops "
        "(`bernoulli_` of a drop path, `rand`, ...) counts as training form.",
        "",
    ]
    for title, pick, heads in (
            ("To evaluation (from the training export)", lambda r: (r.eval_torchao, r.eval_mode),
             ("= m.eval()", "buffers", "left in training form", "changed")),
            ("To training (from the evaluation export)", lambda r: (r.train_torchao, r.train_mode),
             ("= m.train()", "buffers", "left in evaluation form", "changed"))):
        lines += [f"## {title}", ""]
        lines.append("| model | " + " | ".join(f"torchao: {h}" for h in heads) + " | "
                     + " | ".join(f"mode-pt2: {h}" for h in heads) + " |")
        lines.append("|---" * 9 + "|")
        for row in rows:
            ao, md = pick(row)
            name = f"`{row.model}`"
            lines.append(f"| {name} | " + " | ".join(c.text for c in ao) + " | "
                         + " | ".join(c.text for c in md) + " |")
        lines.append("")
    lines += ["¹ " + "; ".join(f"`{m}`: {t}" for m, t in _NOTE.items()) + ".", "",
              "² Compared with the training the evaluation export states (PyTorch lost "
              "the rest; see above), not with `m.train()`.", ""]
    return "\n".join(lines)
