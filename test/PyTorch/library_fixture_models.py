"""Tiny models for the .pt2 fixtures of test/Target/PT2/Inputs/libraries,
built from torchvision's, timm's and transformers' own modules (issue 17):
stochastic depth and drop path in each library's form, a batch norm called
twice or shared by two branches, attention with dropout 0, DropBlock, and
a module that draws random numbers in evaluation.

scripts/gen-pt2-fixtures.py exports each in train() and eval() mode, as the
default graph and after run_decompositions(), compiling this file under its
repository-relative name (as fixture_models.py); editing it moves line
numbers and changes the fixtures: regenerate them. No parameters where the
module needs none, and the generator leaves out the nodes' `stack_trace`
and `from_node` metadata (the other fixtures have them), so that the
archives stay small. The libraries are
imported through real_libraries.py (torchvision needs its help here).
"""

from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F

import real_libraries as R


class TorchvisionStochasticDepth(nn.Module):
    """torchvision.ops.StochasticDepth in its two modes, on two residuals."""

    def __init__(self):
        super().__init__()
        ops = R.torchvision().ops
        self.row = ops.StochasticDepth(0.25, "row")
        self.batch = ops.StochasticDepth(0.25, "batch")

    def forward(self, x):
        return x + self.row(x) + self.batch(x)


class TimmDropPath(nn.Module):
    """timm's DropPath, scale_by_keep True (the default) and False."""

    def __init__(self):
        super().__init__()
        drop = R.timm().layers.DropPath
        self.scaled = drop(0.25)
        self.unscaled = drop(0.25, scale_by_keep=False)

    def forward(self, x):
        return x + self.scaled(x) + self.unscaled(x)


class TransformersDropPath(nn.Module):
    """transformers' per-model copy (ConvNextDropPath: rand, add, floor,
    div, mul)."""

    def __init__(self):
        super().__init__()
        from transformers.models.convnext.modeling_convnext import ConvNextDropPath
        R.transformers()
        self.drop_path = ConvNextDropPath(0.25)

    def forward(self, x):
        return x + self.drop_path(x)


class BatchNormTwice(nn.Module):
    """One BatchNorm1d called twice in one forward."""

    def __init__(self):
        super().__init__()
        self.bn = nn.BatchNorm1d(3)

    def forward(self, x):
        return self.bn(torch.relu(self.bn(x)))


class BatchNormSharedBranches(nn.Module):
    """One BatchNorm1d shared by two branches whose results are added."""

    def __init__(self):
        super().__init__()
        self.bn = nn.BatchNorm1d(3)

    def forward(self, x):
        return self.bn(torch.relu(x)) + self.bn(torch.tanh(x))


class AttentionDropout0(nn.Module):
    """Attention as timm's Attention calls it, with its default attention
    dropout 0 (`F.scaled_dot_product_attention(q, k, v, dropout_p=
    self.attn_drop.p if self.training else 0.)`: dropout_p 0.0 in both
    modes), then its proj_drop, an nn.Dropout(0.25). q = k = v = the input
    (batch, heads, tokens, head dim), no projection: fewer nodes."""

    def __init__(self):
        super().__init__()
        self.attn_drop = nn.Dropout(0.0)
        self.proj_drop = nn.Dropout(0.25)

    def forward(self, x):
        y = F.scaled_dot_product_attention(x, x, x,
                                           dropout_p=self.attn_drop.p if self.training else 0.)
        return self.proj_drop(y)


class TimmDropBlock(nn.Module):
    """timm's DropBlock2d (its mask is computed under torch.no_grad())."""

    def __init__(self):
        super().__init__()
        self.drop_block = R.timm().layers.DropBlock2d(0.25, block_size=3)

    def forward(self, x):
        return self.drop_block(x)


class Reparameterize(nn.Module):
    """A VAE's sampling step: random in both modes (randn_like), so a switch
    to evaluation must refuse it unless told to keep it."""

    def forward(self, x):
        mu, logvar = x.chunk(2, dim=-1)
        return mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)


def _x(*shape):
    return lambda g: (torch.randn(*shape, generator=g),)


# name -> (factory, inputs(generator), dynamic_shapes factory or None)
FIXTURES = {
    "tv_stochastic_depth": (TorchvisionStochasticDepth, _x(2, 3), None),
    "timm_drop_path": (TimmDropPath, _x(2, 3), None),
    "hf_drop_path": (TransformersDropPath, _x(2, 3), None),
    "batchnorm_twice": (BatchNormTwice, _x(4, 3), None),
    "batchnorm_shared": (BatchNormSharedBranches, _x(4, 3), None),
    "attention_dropout0": (AttentionDropout0, _x(1, 2, 3, 2), None),
    "drop_block": (TimmDropBlock, _x(2, 2, 4, 4), None),
    "reparameterize": (Reparameterize, _x(2, 4), None),
}

# scripts/gen-pt2-fixtures.py leaves out stack_trace and from_node metadata.
DROP_TRACES = True
