#!/usr/bin/env python3
"""Writes the .pt2 fixtures of test/Target/PT2/Inputs with torch.export.save.

Needs PyTorch 2.13.0 (pin the version: an unpinned or newer torch may pull a
CUDA build of several GB):

    pip install torch==2.13.0
    python3 scripts/gen-archive-fixtures.py [INPUTS]  # default: test/Target/PT2/Inputs

It writes two tiny exported programs, a few KB each:

  tiny-linear.pt2      y = linear(x): two weights, no buffers
  tiny-bn-dropout.pt2  linear, batch norm with running statistics, dropout,
                       exported in training mode, with two extra files of
                       which one is empty (an empty entry is written without a
                       data descriptor)

then runs test/Target/PT2/make-inputs.py, which derives the other inputs (the
repacked and the bad archives) from tiny-linear.pt2 without torch.

The output is the same byte for byte on every machine with torch 2.13.0: the
weights come from a fixed seed, and the models are compiled from a string
under the file name "tiny_models.py" and call only C++ builtins, so the stack
traces recorded in model.json hold neither this checkout's path nor torch's.
torch.export.save names the archive's top folder after the file
("tiny-linear/...").
"""

import os
import subprocess
import sys

import torch

MODELS = '''
import torch
import torch.nn.functional as F


class TinyLinear(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.weight = torch.nn.Parameter(torch.randn(3, 4))
        self.bias = torch.nn.Parameter(torch.randn(3))

    def forward(self, x):
        return F.linear(x, self.weight, self.bias)


class TinyBnDropout(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.weight = torch.nn.Parameter(torch.randn(3, 4))
        self.bn_weight = torch.nn.Parameter(torch.ones(3))
        self.bn_bias = torch.nn.Parameter(torch.zeros(3))
        self.register_buffer("running_mean", torch.zeros(3))
        self.register_buffer("running_var", torch.ones(3))

    def forward(self, x):
        x = F.linear(x, self.weight)
        x = torch.batch_norm(x, self.bn_weight, self.bn_bias,
                             self.running_mean, self.running_var,
                             self.training, 0.1, 1e-5, False)
        return torch.dropout(x, 0.25, self.training)
'''


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    inputs = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        root, "test", "Target", "PT2", "Inputs")
    if not torch.__version__.startswith("2.13.0"):
        sys.exit(f"needs torch 2.13.0 (pip install torch==2.13.0), "
                 f"found {torch.__version__}")
    os.makedirs(inputs, exist_ok=True)

    models = {"__name__": "tiny_models"}
    exec(compile(MODELS, "tiny_models.py", "exec"), models)

    torch.manual_seed(0)
    linear = models["TinyLinear"]()
    ep = torch.export.export(linear, (torch.randn(2, 4),))
    torch.export.save(ep, os.path.join(inputs, "tiny-linear.pt2"))

    torch.manual_seed(1)
    bn = models["TinyBnDropout"]().train()
    ep = torch.export.export(bn, (torch.randn(2, 4),))
    torch.export.save(ep, os.path.join(inputs, "tiny-bn-dropout.pt2"),
                      extra_files={"empty.txt": "",
                                   "note.txt": "written by gen-pt2-fixtures"})

    # Both must load back.
    for name in ("tiny-linear.pt2", "tiny-bn-dropout.pt2"):
        torch.export.load(os.path.join(inputs, name))

    subprocess.run([sys.executable,
                    os.path.join(root, "test", "Target", "PT2",
                                 "make-inputs.py"), inputs], check=True)


if __name__ == "__main__":
    main()
