"""Tiny models for the .pt2 fixtures of test/Target/PT2/Inputs.

scripts/gen-pt2-fixtures.py exports each of them in train() and eval() mode,
as the default `torch.export.export` graph and after `run_decompositions()`.
Channel counts are tiny so that every archive stays a few KB. Importing this
module has no side effects.

The generator compiles this file under its repository-relative name
("test/PyTorch/fixture_models.py"), so the stack traces recorded in the
archives do not depend on where the checkout lives. Editing this file moves
line numbers and therefore changes the fixtures: regenerate them.
"""

from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F


class BatchNorm2dNet(nn.Module):
    def __init__(self, **bn_kwargs):
        super().__init__()
        self.conv = nn.Conv2d(2, 3, 1)
        self.bn = nn.BatchNorm2d(3, **bn_kwargs)

    def forward(self, x):
        return self.bn(self.conv(x))


class DropoutNet(nn.Module):
    """`kind`: "module" (nn.Dropout), "functional" (F.dropout following
    self.training), "inplace" (nn.Dropout(inplace=True)), "feature"
    (nn.Dropout2d), "alpha" (nn.AlphaDropout), "feature_alpha"
    (nn.FeatureAlphaDropout)."""

    def __init__(self, kind: str, p: float = 0.25):
        super().__init__()
        self.kind, self.p = kind, p
        self.conv = nn.Conv2d(2, 3, 1)
        self.drop = {
            "module": lambda: nn.Dropout(p),
            "functional": lambda: nn.Identity(),
            "inplace": lambda: nn.Dropout(p, inplace=True),
            "feature": lambda: nn.Dropout2d(p),
            "alpha": lambda: nn.AlphaDropout(p),
            "feature_alpha": lambda: nn.FeatureAlphaDropout(p),
        }[kind]()

    def forward(self, x):
        y = F.relu(self.conv(x))
        if self.kind == "functional":
            return F.dropout(y, self.p, self.training)
        return self.drop(y)


class InstanceNormNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(2, 3, 1)
        self.norm = nn.InstanceNorm2d(3, affine=True, track_running_stats=True)

    def forward(self, x):
        return self.norm(self.conv(x))


class RReLUNet(nn.Module):
    def __init__(self, inplace: bool):
        super().__init__()
        self.fc = nn.Linear(4, 3)
        self.act = nn.RReLU(0.1, 0.3, inplace=inplace)

    def forward(self, x):
        return self.act(self.fc(x))


class LSTMNet(nn.Module):
    """2 layers (so that dropout 0.3 applies between them), batch_first,
    hidden size 2; unidirectional and fed sequences of length 1, because
    run_decompositions() unrolls the LSTM into ~40 nodes per layer, direction
    and time step (bidirectional, length 3: a 360 KB archive)."""

    def __init__(self):
        super().__init__()
        self.rnn = nn.LSTM(3, 2, num_layers=2, dropout=0.3, bidirectional=False, batch_first=True)

    def forward(self, x):
        out, _ = self.rnn(x)
        return out


class SDPANet(nn.Module):
    """A q/k/v projection and F.scaled_dot_product_attention with
    dropout_p = p in training, 0.0 in evaluation."""

    def __init__(self, dim: int = 4, heads: int = 2, p: float = 0.25):
        super().__init__()
        self.heads, self.p = heads, p
        self.qkv = nn.Linear(dim, 3 * dim)

    def forward(self, x):
        b, s, d = x.shape
        q, k, v = self.qkv(x).view(b, s, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        y = F.scaled_dot_product_attention(q, k, v, dropout_p=self.p if self.training else 0.0)
        return y.transpose(1, 2).reshape(b, s, d)


class DynamicBatchNet(nn.Module):
    """Conv, BatchNorm2d, dropout; exported with a dynamic batch dimension."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(2, 3, 1)
        self.bn = nn.BatchNorm2d(3)
        self.drop = nn.Dropout(0.25)

    def forward(self, x):
        return self.drop(self.bn(self.conv(x)))


class MultiOutputMutation(nn.Module):
    """Several outputs and buffer mutations: a step counter and a running sum
    updated in place in forward (in both modes), a BatchNorm2d (whose running
    statistics and counter change in training), a dropout; returns a tensor,
    a tuple and a dict."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(2, 3, 1)
        self.bn = nn.BatchNorm2d(3)
        self.drop = nn.Dropout(0.25)
        self.register_buffer("steps", torch.zeros((), dtype=torch.long))
        self.register_buffer("running_sum", torch.zeros(3))

    def forward(self, x):
        self.steps.add_(1)
        y = self.bn(self.conv(x))
        self.running_sum.add_(y.detach().sum(dim=(0, 2, 3)))
        return self.drop(y), (y.mean(),), {"sum": self.running_sum * 1.0}


def _img(g: torch.Generator, n: int = 2):
    return (torch.randn(n, 2, 3, 3, generator=g),)


def _dynamic_batch():
    return {"x": {0: torch.export.Dim("batch", min=2, max=64)}}


# name -> (factory, inputs(generator), dynamic_shapes factory or None)
FIXTURES = {
    "batchnorm2d": (lambda: BatchNorm2dNet(), _img, None),
    "batchnorm2d_affine_false": (lambda: BatchNorm2dNet(affine=False), _img, None),
    "batchnorm2d_no_stats": (lambda: BatchNorm2dNet(track_running_stats=False), _img, None),
    "dropout": (lambda: DropoutNet("module"), _img, None),
    "dropout_functional": (lambda: DropoutNet("functional"), _img, None),
    "dropout_inplace": (lambda: DropoutNet("inplace"), _img, None),
    "feature_dropout": (lambda: DropoutNet("feature"), _img, None),
    "alpha_dropout": (lambda: DropoutNet("alpha"), _img, None),
    "feature_alpha_dropout": (lambda: DropoutNet("feature_alpha"), _img, None),
    "instance_norm": (lambda: InstanceNormNet(), _img, None),
    "rrelu": (lambda: RReLUNet(inplace=False), lambda g: (torch.randn(2, 4, generator=g),), None),
    "rrelu_inplace": (lambda: RReLUNet(inplace=True), lambda g: (torch.randn(2, 4, generator=g),), None),
    "lstm": (lambda: LSTMNet(), lambda g: (torch.randn(2, 1, 3, generator=g),), None),
    "sdpa": (lambda: SDPANet(), lambda g: (torch.randn(2, 3, 4, generator=g),), None),
    "dynamic_batch": (lambda: DynamicBatchNet(), lambda g: _img(g, 4), _dynamic_batch),
    "multi_output_mutation": (lambda: MultiOutputMutation(), _img, None),
}
