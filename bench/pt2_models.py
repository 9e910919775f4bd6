"""The real models of the .pt2 benchmark (needs torch): a ResNet-50 and a
BERT-base encoder, plain `torch.nn`, random (seeded) weights.

- `resnet50`: torchvision's ResNet-50 layout (Bottleneck x [3, 4, 6, 3],
  width 64, 1000 classes; 25.6 M parameters, 53 BatchNorm2d), input
  1 x 3 x 224 x 224.
- `bert_base`: the hand-written BERT encoder of test/PyTorch/zoo.py at
  BERT-base size (12 layers, hidden 768, 12 heads, FFN 3072, vocabulary
  30522, 512 positions; 109 M parameters, 37 Dropout), input 1 x 128 tokens.
- `resnet50_small`, `bert_small`: the same graphs with tiny widths (for the
  smoke run).
- `WideResNet(blocks, channels)`: the model whose archives
  bench/gen_pt2.py writes without torch.

`export(name, mode, path)` writes `torch.export.save` of the model in
`train()` or `eval()` mode.
"""

import os
import sys

import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "test", "PyTorch"))
import zoo  # noqa: E402

SEED = 0


class Bottleneck(nn.Module):
    expansion = 4

    def __init__(self, cin, width, stride=1):
        super().__init__()
        cout = width * self.expansion
        self.conv1 = nn.Conv2d(cin, width, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        self.conv2 = nn.Conv2d(width, width, 3, stride, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(width)
        self.conv3 = nn.Conv2d(width, cout, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(cout)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = None
        if stride != 1 or cin != cout:
            self.downsample = nn.Sequential(
                nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        identity = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        return self.relu(out + identity)


class ResNet50(nn.Module):
    """torchvision's resnet50 layout; `width` is the stem width (64)."""

    def __init__(self, width=64, num_classes=1000):
        super().__init__()
        self.conv1 = nn.Conv2d(3, width, 7, 2, 3, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        stages, cin = [], width
        for i, n in enumerate([3, 4, 6, 3]):
            stage_width = width * 2**i
            blocks = []
            for j in range(n):
                blocks.append(Bottleneck(cin, stage_width,
                                         2 if (j == 0 and i > 0) else 1))
                cin = stage_width * Bottleneck.expansion
            stages.append(nn.Sequential(*blocks))
        self.layer1, self.layer2, self.layer3, self.layer4 = stages
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(cin, num_classes)

    def forward(self, x):
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        return self.fc(torch.flatten(self.avgpool(x), 1))


class WideBlock(nn.Module):
    """A wide-ResNet block (Zagoruyko and Komodakis): pre-activation, with
    dropout between its two convolutions."""

    def __init__(self, c, p):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(c)
        self.relu1 = nn.ReLU(inplace=True)
        self.conv1 = nn.Conv2d(c, c, 3, 1, 1, bias=False)
        self.dropout = nn.Dropout(p)
        self.bn2 = nn.BatchNorm2d(c)
        self.relu2 = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(c, c, 3, 1, 1, bias=False)

    def forward(self, x):
        out = self.conv1(self.relu1(self.bn1(x)))
        out = self.conv2(self.relu2(self.bn2(self.dropout(out))))
        return x + out


class WideResNet(nn.Module):
    """`blocks` wide-ResNet blocks of `channels` channels: the model
    bench/gen_pt2.py writes archives of without torch."""

    def __init__(self, blocks, channels, p=0.3):
        super().__init__()
        self.blocks = nn.Sequential(*(WideBlock(channels, p) for _ in range(blocks)))

    def forward(self, x):
        return self.blocks(x)


def _bert_base():
    return zoo.BertEncoder(vocab=30522, hidden=768, heads=12, ff=3072,
                           layers=12, max_len=512, p=0.1)


def _bert_inputs(g):
    ids = torch.randint(0, 30522, (1, 128), generator=g)
    mask = torch.ones(1, 128, dtype=torch.long)
    return (ids, mask)


MODELS = {
    "resnet50": (ResNet50, lambda g: (torch.randn(1, 3, 224, 224, generator=g),)),
    "bert_base": (_bert_base, _bert_inputs),
    # The same graphs, small: what the smoke run exports.
    "resnet50_small": (lambda: ResNet50(width=4, num_classes=10),
                       lambda g: (torch.randn(1, 3, 64, 64, generator=g),)),
    "bert_small": (lambda: zoo.BertEncoder(vocab=100, hidden=32, heads=4,
                                           ff=64, layers=12, max_len=16),
                   lambda g: (torch.randint(0, 100, (1, 8), generator=g),
                              torch.ones(1, 8, dtype=torch.long))),
}


def export(name, mode, path):
    """torch.export.save of model `name` in `mode` ("train" or "eval")."""
    factory, inputs = MODELS[name]
    torch.manual_seed(SEED)
    model = factory()
    zoo._randomize_norm_stats(model, SEED)
    getattr(model, mode)()
    args = inputs(torch.Generator().manual_seed(SEED))
    ep = torch.export.export(model, args)
    torch.export.save(ep, path)
