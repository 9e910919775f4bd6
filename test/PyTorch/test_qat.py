"""mode as torchao's drop-in where torchao's functions are used: the pt2e
quantization-aware-training flow,

    m = torch.export.export(model, args).module()
    m = prepare_qat_pt2e(m, X86InductorQuantizer().set_global(qat config))
    ...train...;  move_exported_model_to_eval(m);  ...;  move_exported_model_to_train(m)

with `mode.to_eval(m)` / `mode.to_train(m)` in place of torchao's calls.
The prepared module has what plain exports do not: fake-quantize observers
called as submodules (call_module, with no recorded value), the QAT
convolution-batch norm pattern torchao writes in place of each pair (its
nodes keep the values of torchao's own tracing of the pattern), and
get_attr nodes for the weights. Judged against torchao's result and
against the prepared module itself: there is no eager model to compare
with once the observers are in.
"""

import collections
import copy
import warnings

import pytest
import torch
import torch.nn as nn

import harness as H

try:
    import mode
except ImportError:  # run by hand from the source tree, not through CTest
    import sys
    sys.path.append(str(H.REPO / "python"))
    import mode

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from torchao.quantization.pt2e import (move_exported_model_to_eval,
                                           move_exported_model_to_train)
    from torchao.quantization.pt2e.quantize_pt2e import prepare_qat_pt2e
    from torchao.quantization.pt2e.quantizer import x86_inductor_quantizer as xiq


# Also run against the newest PyTorch, on the installed package (scripts/check-package).
pytestmark = pytest.mark.python

class QatNet(nn.Module):
    """Two convolution-batch norm-ReLU blocks (the pairs QAT fuses), a
    batch norm that follows no convolution, dropout and a classifier."""

    def __init__(self) -> None:
        super().__init__()
        self.conv1, self.bn1 = nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8)
        self.conv2, self.bn2 = nn.Conv2d(8, 8, 3, padding=1, bias=False), nn.BatchNorm2d(8)
        self.bn3 = nn.BatchNorm1d(8, momentum=0.3, eps=1e-3)
        self.drop = nn.Dropout(0.25)
        self.fc = nn.Linear(8, 5)

    def forward(self, x):
        x = torch.relu(self.bn1(self.conv1(x)))
        x = torch.relu(self.bn2(self.conv2(x)))
        x = self.bn3(torch.flatten(nn.functional.adaptive_avg_pool2d(x, 1), 1))
        return self.fc(self.drop(x))


INPUTS = (torch.randn(4, 3, 8, 8, generator=torch.Generator().manual_seed(3)),)


@pytest.fixture(scope="module")
def prepared() -> torch.fx.GraphModule:
    """The module prepare_qat_pt2e makes, after a few training steps (the
    observers have statistics)."""
    torch.manual_seed(0)
    model = QatNet().train()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        module = torch.export.export(model, INPUTS).module()
        quantizer = xiq.X86InductorQuantizer()
        quantizer.set_global(xiq.get_default_x86_inductor_quantization_config(is_qat=True))
        module = prepare_qat_pt2e(module, quantizer)
    for seed in range(3):
        H.run_module(module, (torch.randn(4, 3, 8, 8),), seed=seed)
    return module


def _switched(module, switch):
    module = copy.deepcopy(module)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = switch(module)
    assert result is module or switch in (move_exported_model_to_eval,
                                          move_exported_model_to_train)
    return module


def _targets(module) -> collections.Counter:
    return collections.Counter(H.op_name(n.target) if n.op == "call_function" else
                               f"{n.op}:{n.target}" for n in module.graph.nodes)


def test_prepared_module_has_what_plain_exports_do_not(prepared):
    """The check below is on what it says: observer calls, the fused
    pattern (the convolutions' weights scaled by the batch norms'
    statistics), batch norms in training form with their counters."""
    targets = _targets(prepared)
    assert sum(c for t, c in targets.items() if t.startswith("call_module:activation")) >= 5
    assert targets["aten.sqrt.default"] == 2  # one per fused convolution-batch norm
    assert [(n.op, n.training) for n in H.mode_nodes(prepared.graph)].count(
        ("batch_norm.default", True)) == 3


def _batch_norm_hyperparameters(module) -> list[dict]:
    return [n.hyper for n in H.mode_nodes(module.graph) if n.op == "batch_norm.default"]


def _undo_torchaos_reset(module, reference) -> None:
    """Gives the batch norms of `module` (torchao's result) the momentum and
    eps they have in `reference`, which torchao's pattern rewrote to its
    own (0.1 and 1e-5)."""
    nodes = [n for n in module.graph.nodes if n.target is torch.ops.aten.batch_norm.default]
    for node, hyper in zip(nodes, _batch_norm_hyperparameters(reference)):
        node.update_arg(6, hyper["momentum"])
        node.update_arg(7, hyper["eps"])
    module.recompile()


def test_to_eval_is_torchaos_but_for_what_torchao_gets_wrong(prepared):
    """mode.to_eval(m) in place computes what torchao's
    move_exported_model_to_eval(m) computes, bitwise, observers included,
    once torchao's two faults are set apart: torchao resets bn3's momentum
    and eps to its pattern's, and leaves the batch norms' counters in the
    graph (`num_batches_tracked` grows in evaluation; m.eval() does not
    count). mode's graph is torchao's without the counters."""
    ours = _switched(prepared, mode.to_eval)
    theirs = _switched(prepared, move_exported_model_to_eval)
    assert H.summarize(H.mode_nodes(ours.graph), True) == "—"
    assert H.summarize(H.mode_nodes(theirs.graph), True) == "`num_batches_tracked counter` ×3"
    assert _targets(ours) == _targets(theirs) - collections.Counter({"aten.add_.Tensor": 3})
    assert _batch_norm_hyperparameters(ours) == _batch_norm_hyperparameters(prepared)
    assert _batch_norm_hyperparameters(theirs)[2] == {"momentum": 0.1, "eps": 1e-05}
    _undo_torchaos_reset(theirs, prepared)
    run, reference = H.run_module(ours, INPUTS), H.run_module(theirs, INPUTS)
    assert not H.compare_outputs(run.outputs, reference.outputs, None)
    differ = H.compare_buffers(run.buffers_after, reference.buffers_after, None, "buffer")
    assert len(differ) == 3 and all("num_batches_tracked" in d for d in differ), differ
    assert not any("num_batches_tracked" in name for name in H.changed_buffers(run))


def test_to_train_after_to_eval_trains_as_the_prepared_module(prepared):
    """mode.to_train(mode.to_eval(m)) is the prepared module again: the
    same nodes (the counters restored before their batch norms), the same
    outputs under the same seed and the same buffers after a training step
    (running statistics with each batch norm's own momentum and eps,
    counters, observers)."""
    back = _switched(_switched(prepared, mode.to_eval), mode.to_train)
    assert _targets(back) == _targets(prepared)
    run, reference = H.run_module(back, INPUTS), H.run_module(copy.deepcopy(prepared), INPUTS)
    assert not H.compare_outputs(run.outputs, reference.outputs, None)
    assert not H.compare_buffers(run.buffers_after, reference.buffers_after, None, "buffer")
    assert H.changed_buffers(run), "a training step changes the buffers"


def test_to_train_keeps_what_torchao_resets(prepared):
    """Back to training, torchao's move_exported_model_to_train rewrites the
    batch norms with its pattern's momentum and eps (0.1, 1e-5), from its
    own evaluation module as from mode's; mode keeps bn3's own (0.3,
    1e-3)."""
    evaluation = _switched(prepared, mode.to_eval)
    assert _batch_norm_hyperparameters(_switched(evaluation, mode.to_train)) == \
        _batch_norm_hyperparameters(prepared)
    for module in (evaluation, _switched(prepared, move_exported_model_to_eval)):
        theirs = _batch_norm_hyperparameters(_switched(module, move_exported_model_to_train))
        assert theirs[2] == {"momentum": 0.1, "eps": 1e-05}, theirs
        assert _batch_norm_hyperparameters(prepared)[2] == {"momentum": 0.3, "eps": 0.001}


def test_torchaos_own_calls_agree_after_mode(prepared):
    """mode records the mode as torchao does (`_exported_training`) and
    sets the submodules' `training` as model.eval()/train() would: after
    mode.to_eval, torchao's move_exported_model_to_eval does nothing more,
    and its move_exported_model_to_train still switches."""
    module = _switched(prepared, mode.to_eval)
    assert module._exported_training is False
    assert not any(m.training for m in module.modules())
    lines = H.module_lines(module)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        move_exported_model_to_eval(module)
        assert H.module_lines(module) == lines
        move_exported_model_to_train(module)
    assert ("batch_norm.default", True) in {(n.op, n.training) for n in H.mode_nodes(module.graph)}
    mode.to_train(module)
    assert module._exported_training is True and all(m.training for m in module.modules())
