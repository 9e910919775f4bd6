"""The mode model zoo: small `torch.nn` models whose export carries the mode.

Every entry is plain `torch.nn` (no torchvision, no downloads), seeded, and
small enough that `torch.export.export` takes a few seconds on one core.
Importing this module has no side effects: no model is built, no seed is set
and nothing is exported until a factory is called.

Use:

    from zoo import MODELS, SEQUENCE_MODELS, ALL_MODELS, get

    entry = get("resnet18")
    model = entry.build()                 # seeded weights, mode = train()
    args = entry.example_inputs()         # tuple of tensors (seeded)
    ep = torch.export.export(model.eval(), args,
                             dynamic_shapes=entry.dynamic_shapes())

`MODELS` is the main group (vision, BERT-style encoder, normalization and
dropout variants); `SEQUENCE_MODELS` the recurrent and attention models.
`ALL_MODELS` is both, in that order. Ids are unique, short and usable as
file names.

Widths are reduced where the brief allows it (the architecture, i.e. the
sequence of layers and their kinds, is the real one); see each entry's
`description`.

Batch and instance norm running statistics are randomised on build
(`running_mean` ~ N(0, 0.1), `running_var` ~ U(0.5, 1.5),
`num_batches_tracked` = 7) so that an evaluation-mode forward differs
visibly from a training-mode forward; weight and bias of affine norms are
randomised too. Only the module's own parameters/buffers are touched.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any, Callable, Optional

import torch
import torch.nn as nn
import torch.nn.functional as F

__all__ = [
    "ZooEntry",
    "MODELS",
    "SEQUENCE_MODELS",
    "ALL_MODELS",
    "PYTHON_BRANCH_MODELS",
    "get",
    "ids",
]

DEFAULT_SEED = 0


@dataclasses.dataclass(frozen=True)
class ZooEntry:
    """One model of the zoo.

    id:             short unique name (a valid file-name component).
    description:    one line: what the model is and what mode-dependent
                    modules it holds.
    factory:        builds the module (call `build()` to get it seeded).
    inputs:         `inputs(generator)` returns the tuple of example inputs.
    dynamic_shapes: None, or a callable returning the `dynamic_shapes`
                    argument of `torch.export.export` (a fresh `Dim` each
                    call).
    group:          "main" or "sequence"; "python-branch" for
                    PYTHON_BRANCH_MODELS, which `ids()` leaves out.
    """

    id: str
    description: str
    factory: Callable[[], nn.Module]
    inputs: Callable[[torch.Generator], tuple]
    dynamic_shapes: Optional[Callable[[], Any]] = None
    group: str = "main"

    def build(self, seed: int = DEFAULT_SEED) -> nn.Module:
        """The module with seeded weights, in training mode.

        Seeds the global RNG (as `nn.Module` initialisation uses it) and
        restores its previous state afterwards.
        """
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(seed)
            model = self.factory()
            _randomize_norm_stats(model, seed)
        return model.train()

    def example_inputs(self, seed: int = DEFAULT_SEED) -> tuple:
        """The example inputs (a tuple), generated from `seed`."""
        return self.inputs(torch.Generator().manual_seed(seed))

    def dynamic_shapes_spec(self) -> Any:
        """The `dynamic_shapes` argument for `torch.export.export`, or None."""
        return self.dynamic_shapes() if self.dynamic_shapes else None


def _randomize_norm_stats(model: nn.Module, seed: int) -> None:
    """Non-trivial affine parameters and running statistics for every norm."""
    g = torch.Generator().manual_seed(seed + 12345)
    norms = (nn.modules.batchnorm._NormBase,)
    with torch.no_grad():
        for mod in model.modules():
            if not isinstance(mod, norms):
                continue
            if getattr(mod, "weight", None) is not None:
                mod.weight.copy_(1.0 + 0.1 * torch.randn(mod.weight.shape, generator=g))
            if getattr(mod, "bias", None) is not None:
                mod.bias.copy_(0.1 * torch.randn(mod.bias.shape, generator=g))
            if getattr(mod, "running_mean", None) is not None:
                mod.running_mean.copy_(0.1 * torch.randn(mod.running_mean.shape, generator=g))
            if getattr(mod, "running_var", None) is not None:
                mod.running_var.copy_(0.5 + torch.rand(mod.running_var.shape, generator=g))
            if getattr(mod, "num_batches_tracked", None) is not None:
                mod.num_batches_tracked.fill_(7)


def _randn(g: torch.Generator, *shape: int) -> torch.Tensor:
    return torch.randn(*shape, generator=g)


# ---------------------------------------------------------------------------
# Vision models
# ---------------------------------------------------------------------------


class BasicBlock(nn.Module):
    expansion = 1

    def __init__(self, cin: int, cout: int, stride: int = 1):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.downsample = None
        if stride != 1 or cin != cout:
            self.downsample = nn.Sequential(
                nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout)
            )

    def forward(self, x):
        identity = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return self.relu(out + identity)


class ResNet18(nn.Module):
    """torchvision's ResNet-18 layout (BasicBlock x [2, 2, 2, 2]).

    `width` is the stem width (64 in torchvision); stages use width * 1,2,4,8.
    """

    def __init__(self, width: int = 16, num_classes: int = 10):
        super().__init__()
        self.conv1 = nn.Conv2d(3, width, 7, 2, 3, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        layers, cin = [], width
        for i, n in enumerate([2, 2, 2, 2]):
            cout = width * 2**i
            blocks = []
            for j in range(n):
                blocks.append(BasicBlock(cin, cout, 2 if (j == 0 and i > 0) else 1))
                cin = cout
            layers.append(nn.Sequential(*blocks))
        self.layer1, self.layer2, self.layer3, self.layer4 = layers
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(cin, num_classes)

    def forward(self, x):
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        return self.fc(torch.flatten(self.avgpool(x), 1))


def _make_divisible(v: float, divisor: int = 8) -> int:
    new_v = max(divisor, int(v + divisor / 2) // divisor * divisor)
    return new_v + divisor if new_v < 0.9 * v else new_v


class ConvBNReLU6(nn.Sequential):
    def __init__(self, cin, cout, k=3, stride=1, groups=1):
        super().__init__(
            nn.Conv2d(cin, cout, k, stride, (k - 1) // 2, groups=groups, bias=False),
            nn.BatchNorm2d(cout),
            nn.ReLU6(inplace=True),
        )


class InvertedResidual(nn.Module):
    def __init__(self, cin, cout, stride, expand):
        super().__init__()
        hidden = int(round(cin * expand))
        self.use_res = stride == 1 and cin == cout
        layers = []
        if expand != 1:
            layers.append(ConvBNReLU6(cin, hidden, 1))
        layers += [
            ConvBNReLU6(hidden, hidden, 3, stride, groups=hidden),
            nn.Conv2d(hidden, cout, 1, bias=False),
            nn.BatchNorm2d(cout),
        ]
        self.conv = nn.Sequential(*layers)

    def forward(self, x):
        return x + self.conv(x) if self.use_res else self.conv(x)


class MobileNetV2(nn.Module):
    """torchvision's MobileNetV2 layout; `width_mult` 0.25 by default."""

    def __init__(self, width_mult: float = 0.25, num_classes: int = 10):
        super().__init__()
        setting = [
            [1, 16, 1, 1], [6, 24, 2, 2], [6, 32, 3, 2], [6, 64, 4, 2],
            [6, 96, 3, 1], [6, 160, 3, 2], [6, 320, 1, 1],
        ]
        cin = _make_divisible(32 * width_mult)
        last = _make_divisible(1280 * max(1.0, width_mult))
        feats = [ConvBNReLU6(3, cin, stride=2)]
        for t, c, n, s in setting:
            cout = _make_divisible(c * width_mult)
            for i in range(n):
                feats.append(InvertedResidual(cin, cout, s if i == 0 else 1, t))
                cin = cout
        feats.append(ConvBNReLU6(cin, last, 1))
        self.features = nn.Sequential(*feats)
        self.classifier = nn.Sequential(nn.Dropout(0.2), nn.Linear(last, num_classes))

    def forward(self, x):
        x = F.adaptive_avg_pool2d(self.features(x), 1)
        return self.classifier(torch.flatten(x, 1))


class VGG11BN(nn.Module):
    """torchvision's vgg11_bn layout, channels divided by `div` (8)."""

    def __init__(self, div: int = 8, num_classes: int = 10):
        super().__init__()
        cfg = [64, "M", 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"]
        layers, cin = [], 3
        for v in cfg:
            if v == "M":
                layers.append(nn.MaxPool2d(2, 2))
            else:
                v = v // div
                layers += [nn.Conv2d(cin, v, 3, padding=1), nn.BatchNorm2d(v), nn.ReLU(inplace=True)]
                cin = v
        self.features = nn.Sequential(*layers)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        hidden = 4096 // (div * 8)
        self.classifier = nn.Sequential(
            nn.Linear(cin, hidden), nn.ReLU(True), nn.Dropout(0.5),
            nn.Linear(hidden, hidden), nn.ReLU(True), nn.Dropout(0.5),
            nn.Linear(hidden, num_classes),
        )

    def forward(self, x):
        return self.classifier(torch.flatten(self.avgpool(self.features(x)), 1))


# --- BERT-style encoder, by hand ---------------------------------------------


class BertSelfAttention(nn.Module):
    def __init__(self, hidden: int, heads: int, p: float):
        super().__init__()
        self.heads, self.head_dim = heads, hidden // heads
        self.query = nn.Linear(hidden, hidden)
        self.key = nn.Linear(hidden, hidden)
        self.value = nn.Linear(hidden, hidden)
        self.dropout = nn.Dropout(p)  # on the attention probabilities

    def _split(self, x):
        b, s, _ = x.shape
        return x.view(b, s, self.heads, self.head_dim).transpose(1, 2)

    def forward(self, x, mask):
        q, k, v = self._split(self.query(x)), self._split(self.key(x)), self._split(self.value(x))
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(self.head_dim)
        scores = scores + mask
        probs = self.dropout(torch.softmax(scores, dim=-1))
        ctx = torch.matmul(probs, v).transpose(1, 2).contiguous()
        return ctx.view(ctx.shape[0], ctx.shape[1], -1)


class BertLayer(nn.Module):
    def __init__(self, hidden: int, heads: int, ff: int, p: float):
        super().__init__()
        self.attention = BertSelfAttention(hidden, heads, p)
        self.attn_out = nn.Linear(hidden, hidden)
        self.attn_dropout = nn.Dropout(p)
        self.attn_norm = nn.LayerNorm(hidden, eps=1e-12)
        self.intermediate = nn.Linear(hidden, ff)
        self.output = nn.Linear(ff, hidden)
        self.ff_dropout = nn.Dropout(p)
        self.ff_norm = nn.LayerNorm(hidden, eps=1e-12)

    def forward(self, x, mask):
        a = self.attn_norm(x + self.attn_dropout(self.attn_out(self.attention(x, mask))))
        h = self.output(F.gelu(self.intermediate(a)))
        return self.ff_norm(a + self.ff_dropout(h))


class BertEncoder(nn.Module):
    """Embeddings (word + position + type, LayerNorm, dropout) and 2 layers."""

    def __init__(self, vocab=100, hidden=32, heads=4, ff=64, layers=2, max_len=16, p=0.1):
        super().__init__()
        self.word = nn.Embedding(vocab, hidden)
        self.position = nn.Embedding(max_len, hidden)
        self.token_type = nn.Embedding(2, hidden)
        self.emb_norm = nn.LayerNorm(hidden, eps=1e-12)
        self.emb_dropout = nn.Dropout(p)
        self.layers = nn.ModuleList(BertLayer(hidden, heads, ff, p) for _ in range(layers))
        self.register_buffer("position_ids", torch.arange(max_len).unsqueeze(0), persistent=False)

    def forward(self, input_ids, attention_mask):
        s = input_ids.shape[1]
        pos = self.position_ids[:, :s]
        x = self.word(input_ids) + self.position(pos) + self.token_type(torch.zeros_like(input_ids))
        x = self.emb_dropout(self.emb_norm(x))
        mask = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * -10000.0
        for layer in self.layers:
            x = layer(x, mask)
        return x


def _bert_inputs(g):
    ids = torch.randint(0, 100, (2, 8), generator=g)
    mask = torch.ones(2, 8, dtype=torch.long)
    mask[1, 6:] = 0
    return (ids, mask)


# --- YOLO CSP, EfficientNet, style transfer ----------------------------------


class YoloConv(nn.Module):
    """ultralytics' Conv: conv + BatchNorm2d(eps=1e-3, momentum=0.03) + SiLU."""

    def __init__(self, cin, cout, k=1, s=1):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, k, s, k // 2, bias=False)
        self.bn = nn.BatchNorm2d(cout, eps=1e-3, momentum=0.03)
        self.act = nn.SiLU(inplace=True)

    def forward(self, x):
        return self.act(self.bn(self.conv(x)))


class YoloBottleneck(nn.Module):
    def __init__(self, c, shortcut=True):
        super().__init__()
        self.cv1 = YoloConv(c, c, 1)
        self.cv2 = YoloConv(c, c, 3)
        self.add = shortcut

    def forward(self, x):
        y = self.cv2(self.cv1(x))
        return x + y if self.add else y


class YoloC3(nn.Module):
    """A YOLOv5 C3 (CSP bottleneck with 3 convs), after a stride-2 stem."""

    def __init__(self, cin=3, c=16, n=2):
        super().__init__()
        self.stem = YoloConv(cin, c, 3, 2)
        h = c // 2
        self.cv1 = YoloConv(c, h, 1)
        self.cv2 = YoloConv(c, h, 1)
        self.m = nn.Sequential(*(YoloBottleneck(h) for _ in range(n)))
        self.cv3 = YoloConv(2 * h, c, 1)

    def forward(self, x):
        x = self.stem(x)
        return self.cv3(torch.cat((self.m(self.cv1(x)), self.cv2(x)), 1))


class SqueezeExcite(nn.Module):
    def __init__(self, c, reduced):
        super().__init__()
        self.reduce = nn.Conv2d(c, reduced, 1)
        self.expand = nn.Conv2d(reduced, c, 1)

    def forward(self, x):
        s = F.adaptive_avg_pool2d(x, 1)
        s = torch.sigmoid(self.expand(F.silu(self.reduce(s))))
        return x * s


def _eff_bn(c):
    return nn.BatchNorm2d(c, eps=1e-3, momentum=0.01)


class MBConv(nn.Module):
    def __init__(self, cin, cout, expand=4, k=3, stride=1, se_ratio=0.25):
        super().__init__()
        hidden = cin * expand
        self.expand = nn.Sequential(nn.Conv2d(cin, hidden, 1, bias=False), _eff_bn(hidden), nn.SiLU())
        self.dw = nn.Sequential(
            nn.Conv2d(hidden, hidden, k, stride, k // 2, groups=hidden, bias=False), _eff_bn(hidden), nn.SiLU()
        )
        self.se = SqueezeExcite(hidden, max(1, int(cin * se_ratio)))
        self.project = nn.Sequential(nn.Conv2d(hidden, cout, 1, bias=False), _eff_bn(cout))
        self.use_res = stride == 1 and cin == cout

    def forward(self, x):
        y = self.project(self.se(self.dw(self.expand(x))))
        return x + y if self.use_res else y


class EfficientNetBlock(nn.Module):
    """Stem, two MBConv blocks (with squeeze-excite), head with Dropout(0.2)."""

    def __init__(self, c=8, num_classes=10):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, c, 3, 2, 1, bias=False), _eff_bn(c), nn.SiLU())
        self.blocks = nn.Sequential(MBConv(c, c), MBConv(c, 2 * c, stride=2))
        self.head = nn.Sequential(nn.Conv2d(2 * c, 4 * c, 1, bias=False), _eff_bn(4 * c), nn.SiLU())
        self.dropout = nn.Dropout(0.2)
        self.fc = nn.Linear(4 * c, num_classes)

    def forward(self, x):
        x = self.head(self.blocks(self.stem(x)))
        return self.fc(self.dropout(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1)))


def _in(c):
    return nn.InstanceNorm2d(c, affine=True, track_running_stats=True)


class StyleResidual(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv1, self.in1 = nn.Conv2d(c, c, 3, padding=1), _in(c)
        self.conv2, self.in2 = nn.Conv2d(c, c, 3, padding=1), _in(c)

    def forward(self, x):
        return x + self.in2(self.conv2(F.relu(self.in1(self.conv1(x)))))


class StyleTransfer(nn.Module):
    """Johnson-style transformer net: down, residual, up; InstanceNorm2d
    with `affine=True, track_running_stats=True` throughout."""

    def __init__(self, c=8):
        super().__init__()
        self.conv1, self.in1 = nn.Conv2d(3, c, 9, padding=4), _in(c)
        self.conv2, self.in2 = nn.Conv2d(c, 2 * c, 3, 2, 1), _in(2 * c)
        self.res = nn.Sequential(StyleResidual(2 * c), StyleResidual(2 * c))
        self.up = nn.Upsample(scale_factor=2, mode="nearest")
        self.conv3, self.in3 = nn.Conv2d(2 * c, c, 3, padding=1), _in(c)
        self.conv4 = nn.Conv2d(c, 3, 9, padding=4)

    def forward(self, x):
        x = F.relu(self.in1(self.conv1(x)))
        x = F.relu(self.in2(self.conv2(x)))
        x = self.res(x)
        x = F.relu(self.in3(self.conv3(self.up(x))))
        return self.conv4(x)


# --- small single-feature models ----------------------------------------------


class RReLUNet(nn.Module):
    def __init__(self, inplace: bool):
        super().__init__()
        self.fc1 = nn.Linear(16, 32)
        self.act = nn.RReLU(lower=0.1, upper=0.3, inplace=inplace)
        self.fc2 = nn.Linear(32, 8)

    def forward(self, x):
        return self.fc2(self.act(self.fc1(x)))


class SeluMLP(nn.Module):
    """Self-normalising MLP on (N, C, L): SELU + AlphaDropout, then
    SELU + FeatureAlphaDropout (which drops whole channels, dim 1)."""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(16, 32)
        self.drop1 = nn.AlphaDropout(0.1)
        self.fc2 = nn.Linear(32, 32)
        self.drop2 = nn.FeatureAlphaDropout(0.2)
        self.fc3 = nn.Linear(32, 8)

    def forward(self, x):
        x = self.drop1(F.selu(self.fc1(x)))
        x = self.drop2(F.selu(self.fc2(x)))
        return self.fc3(x)


class ConvDropoutNd(nn.Module):
    def __init__(self, nd: int):
        super().__init__()
        conv = {1: nn.Conv1d, 2: nn.Conv2d, 3: nn.Conv3d}[nd]
        drop = {1: nn.Dropout1d, 2: nn.Dropout2d, 3: nn.Dropout3d}[nd]
        self.conv = conv(3, 4, 3, padding=1)
        self.drop = drop(0.25)

    def forward(self, x):
        return self.drop(self.conv(x))


class NormNet(nn.Module):
    """Conv/Linear then one norm layer, then ReLU."""

    def __init__(self, kind: str, **bn_kwargs):
        super().__init__()
        if kind == "1d":
            self.pre, self.bn = nn.Linear(8, 6), nn.BatchNorm1d(6, **bn_kwargs)
        elif kind == "3d":
            self.pre, self.bn = nn.Conv3d(3, 4, 3, padding=1), nn.BatchNorm3d(4, **bn_kwargs)
        else:
            self.pre, self.bn = nn.Conv2d(3, 4, 3, padding=1), nn.BatchNorm2d(4, **bn_kwargs)

    def forward(self, x):
        return F.relu(self.bn(self.pre(x)))


class DropoutNet(nn.Module):
    """Linear, ReLU, dropout, Linear; the dropout is `nn.Dropout(p)`, or
    with `functional` the call `F.dropout(x, p, self.training)`."""

    def __init__(self, functional: bool = False, p: float = 0.3):
        super().__init__()
        self.functional, self.p = functional, p
        self.fc1 = nn.Linear(16, 32)
        self.drop = nn.Identity() if functional else nn.Dropout(p)
        self.fc2 = nn.Linear(32, 8)

    def forward(self, x):
        x = F.relu(self.fc1(x))
        x = F.dropout(x, self.p, self.training) if self.functional else self.drop(x)
        return self.fc2(x)


class InstanceNormNet(nn.Module):
    """Conv2d + InstanceNorm2d(affine=True, track_running_stats=True)."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3, padding=1)
        self.norm = _in(4)

    def forward(self, x):
        return self.norm(self.conv(x))


class InstanceNormNoStats(nn.Module):
    """Conv2d + InstanceNorm2d() (defaults: affine=False, no running stats)."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3, padding=1)
        self.norm = nn.InstanceNorm2d(4)

    def forward(self, x):
        return self.norm(self.conv(x))


class MultiOutputMutation(nn.Module):
    """Several outputs and buffer mutations: a step counter and a running
    sum updated in place in forward (whatever the mode), a BatchNorm2d, and
    three user outputs (a tensor, a tuple member, a dict value)."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3, padding=1)
        self.bn = nn.BatchNorm2d(4)
        self.drop = nn.Dropout(0.2)
        self.register_buffer("steps", torch.zeros((), dtype=torch.long))
        self.register_buffer("running_sum", torch.zeros(4))

    def forward(self, x):
        self.steps.add_(1)
        y = self.bn(self.conv(x))
        self.running_sum.add_(y.detach().sum(dim=(0, 2, 3)))
        z = self.drop(F.relu(y))
        return z, (y.mean(),), {"sum": self.running_sum * 1.0}


class InplaceDropoutNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(16, 32)
        self.drop = nn.Dropout(0.3, inplace=True)
        self.fc2 = nn.Linear(32, 8)

    def forward(self, x):
        return self.fc2(self.drop(F.relu(self.fc1(x))))


class DynamicBatchNet(nn.Module):
    """Conv + BN + ReLU + Dropout + Linear, exported with a dynamic batch."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.bn = nn.BatchNorm2d(8)
        self.drop = nn.Dropout(0.1)
        self.fc = nn.Linear(8, 4)

    def forward(self, x):
        x = F.relu(self.bn(self.conv(x)))
        x = torch.flatten(F.adaptive_avg_pool2d(x, 1), 1)
        return self.fc(self.drop(x))


def _dynamic_batch_shapes():
    batch = torch.export.Dim("batch", min=2, max=1024)
    return {"x": {0: batch}}


# ---------------------------------------------------------------------------
# Sequence and attention models
# ---------------------------------------------------------------------------


class RNNNet(nn.Module):
    """nn.LSTM/GRU/RNN: 2 layers, dropout 0.3, bidirectional, batch_first."""

    def __init__(self, kind: str):
        super().__init__()
        common = dict(input_size=8, hidden_size=12, num_layers=2, dropout=0.3,
                      bidirectional=True, batch_first=True)
        if kind == "lstm":
            self.rnn = nn.LSTM(**common)
        elif kind == "gru":
            self.rnn = nn.GRU(**common)
        else:
            self.rnn = nn.RNN(nonlinearity=kind, **common)  # "tanh" / "relu"

    def forward(self, x):
        out, _ = self.rnn(x)
        return out


class PackedLSTM(nn.Module):
    """LSTM over a packed batch; the lengths are fixed in the module (a
    lengths tensor as input would be data-dependent). With `explicit_hx`
    the initial state is passed (zeros), which gets the export further."""

    def __init__(self, lengths=(5, 3), explicit_hx: bool = False):
        super().__init__()
        self.lengths = list(lengths)
        self.explicit_hx = explicit_hx
        self.rnn = nn.LSTM(8, 12, num_layers=2, dropout=0.3, bidirectional=True, batch_first=True)

    def forward(self, x):
        packed = nn.utils.rnn.pack_padded_sequence(
            x, torch.tensor(self.lengths), batch_first=True, enforce_sorted=True
        )
        if self.explicit_hx:
            h = torch.zeros(4, x.shape[0], 12)
            out, _ = self.rnn(packed, (h, h))
        else:
            out, _ = self.rnn(packed)
        padded, _ = nn.utils.rnn.pad_packed_sequence(out, batch_first=True)
        return padded


class MHANet(nn.Module):
    def __init__(self, need_weights: bool):
        super().__init__()
        self.need_weights = need_weights
        self.mha = nn.MultiheadAttention(16, 4, dropout=0.1, batch_first=True)

    def forward(self, x):  # self-attention: query is key is value
        out, w = self.mha(x, x, x, need_weights=self.need_weights)
        return (out, w) if self.need_weights else out


class EncoderLayerNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.layer = nn.TransformerEncoderLayer(16, 4, dim_feedforward=32, dropout=0.1, batch_first=True)

    def forward(self, src):
        return self.layer(src)


class DecoderLayerNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.layer = nn.TransformerDecoderLayer(16, 4, dim_feedforward=32, dropout=0.1, batch_first=True)

    def forward(self, tgt, memory):
        return self.layer(tgt, memory)


class SDPANet(nn.Module):
    """Projections + F.scaled_dot_product_attention with dropout_p following
    self.training."""

    def __init__(self, dim=16, heads=4, p=0.1):
        super().__init__()
        self.heads, self.p = heads, p
        self.qkv = nn.Linear(dim, 3 * dim)
        self.out = nn.Linear(dim, dim)

    def forward(self, x):
        b, s, d = x.shape
        q, k, v = self.qkv(x).view(b, s, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        y = F.scaled_dot_product_attention(q, k, v, dropout_p=self.p if self.training else 0.0)
        return self.out(y.transpose(1, 2).reshape(b, s, d))


# ---------------------------------------------------------------------------
# Python branches on self.training (not switchable; outside the zoo's ids)
# ---------------------------------------------------------------------------


class StochasticDepthNet(nn.Module):
    """Two residual blocks with stochastic depth as Huang et al. (2016)
    wrote it, in Python: in training each sample keeps a block's residual
    branch with probability `survival`; in evaluation the branch is scaled
    by `survival`. `torch.export` runs the `if self.training:` and records
    only the branch taken. `branch` ("train"/"eval") takes one branch
    whatever the mode: the program of that branch alone."""

    def __init__(self, survival: float = 0.8, branch: Optional[str] = None):
        super().__init__()
        self.survival, self.branch = survival, branch
        self.blocks = nn.ModuleList(nn.Linear(16, 16) for _ in range(2))

    def forward(self, x):
        training = self.training if self.branch is None else self.branch == "train"
        for fc in self.blocks:
            r = F.relu(fc(x))
            if training:
                keep = torch.rand(x.shape[0], 1) < self.survival
                x = x + r * keep
            else:
                x = x + r * self.survival
        return x


class StochasticDepthDropoutNet(nn.Module):
    """The same blocks, the per-sample drop written with an op that carries
    the mode (torchvision's stochastic depth, "row" mode: a kept residual
    is divided by the survival probability 1 - p in training, identity in
    evaluation): `r * F.dropout(ones(N, 1), p, self.training)`."""

    def __init__(self, p: float = 0.2):
        super().__init__()
        self.p = p
        self.blocks = nn.ModuleList(nn.Linear(16, 16) for _ in range(2))

    def forward(self, x):
        for fc in self.blocks:
            r = F.relu(fc(x))
            x = x + r * F.dropout(torch.ones(x.shape[0], 1), self.p, self.training)
        return x


class GaussianNoise(nn.Module):
    """Additive Gaussian noise, a regularizer common in small vision and
    audio models: `x + sigma * randn_like(x)` in training, the identity in
    evaluation, by `if self.training:` in Python. Its training export draws
    random numbers no op of mode's carries: `--to-eval` must be told the
    module is the identity in evaluation (`identity-in-eval=`)."""

    def __init__(self, sigma: float = 0.1):
        super().__init__()
        self.sigma = sigma

    def forward(self, x):
        return x + self.sigma * torch.randn_like(x) if self.training else x


class GaussianNoiseNet(nn.Module):
    """Linear, ReLU, GaussianNoise, Linear."""

    def __init__(self):
        super().__init__()
        self.fc1, self.noise, self.fc2 = nn.Linear(16, 16), GaussianNoise(), nn.Linear(16, 8)

    def forward(self, x):
        return self.fc2(self.noise(F.relu(self.fc1(x))))


# ---------------------------------------------------------------------------
# The registry
# ---------------------------------------------------------------------------


def _img(*shape):
    return lambda g: (_randn(g, *shape),)


MODELS: tuple[ZooEntry, ...] = (
    ZooEntry("resnet18", "ResNet-18 (BasicBlock [2,2,2,2], stem width 16); 20 BatchNorm2d",
             lambda: ResNet18(), _img(2, 3, 32, 32)),
    ZooEntry("mobilenet_v2", "MobileNetV2 width 0.25: BatchNorm2d + ReLU6, Dropout(0.2) head",
             lambda: MobileNetV2(), _img(2, 3, 32, 32)),
    ZooEntry("vgg11_bn", "VGG-11 with BatchNorm2d, channels / 8; two Dropout(0.5) in the classifier",
             lambda: VGG11BN(), _img(1, 3, 32, 32)),
    ZooEntry("bert_encoder", "hand-written BERT encoder, 2 layers, hidden 32: Embedding, matmul/softmax "
             "attention, Dropout(0.1) on embeddings, attention probs, attention output, FFN; LayerNorm",
             lambda: BertEncoder(), _bert_inputs),
    ZooEntry("yolo_csp", "YOLOv5 C3 block: BatchNorm2d(eps=1e-3, momentum=0.03) + SiLU",
             lambda: YoloC3(), _img(1, 3, 32, 32)),
    ZooEntry("efficientnet_block", "EfficientNet stem + 2 MBConv (squeeze-excite): "
             "BatchNorm2d(eps=1e-3, momentum=0.01), SiLU, Dropout(0.2) head",
             lambda: EfficientNetBlock(), _img(1, 3, 32, 32)),
    ZooEntry("style_transfer", "style-transfer net: InstanceNorm2d(affine=True, track_running_stats=True)",
             lambda: StyleTransfer(), _img(1, 3, 32, 32)),
    ZooEntry("rrelu", "Linear, RReLU(0.1, 0.3), Linear",
             lambda: RReLUNet(inplace=False), _img(4, 16)),
    ZooEntry("rrelu_inplace", "Linear, RReLU(0.1, 0.3, inplace=True), Linear",
             lambda: RReLUNet(inplace=True), _img(4, 16)),
    ZooEntry("selu_mlp", "SELU MLP on (N, C, L): AlphaDropout(0.1), FeatureAlphaDropout(0.2)",
             lambda: SeluMLP(), _img(2, 4, 16)),
    ZooEntry("dropout", "Linear, ReLU, nn.Dropout(0.3), Linear",
             lambda: DropoutNet(), _img(4, 16)),
    ZooEntry("dropout_functional", "Linear, ReLU, F.dropout(x, 0.3, self.training), Linear",
             lambda: DropoutNet(functional=True), _img(4, 16)),
    ZooEntry("dropout1d", "Conv1d + Dropout1d(0.25)", lambda: ConvDropoutNd(1), _img(2, 3, 8)),
    ZooEntry("dropout2d", "Conv2d + Dropout2d(0.25)", lambda: ConvDropoutNd(2), _img(2, 3, 8, 8)),
    ZooEntry("dropout3d", "Conv3d + Dropout3d(0.25)", lambda: ConvDropoutNd(3), _img(2, 3, 4, 4, 4)),
    ZooEntry("bn2d", "Conv2d + BatchNorm2d", lambda: NormNet("2d"), _img(2, 3, 8, 8)),
    ZooEntry("bn1d", "Linear + BatchNorm1d", lambda: NormNet("1d"), _img(4, 8)),
    ZooEntry("bn3d", "Conv3d + BatchNorm3d", lambda: NormNet("3d"), _img(2, 3, 4, 4, 4)),
    ZooEntry("bn_affine_false", "Conv2d + BatchNorm2d(affine=False)",
             lambda: NormNet("2d", affine=False), _img(2, 3, 8, 8)),
    ZooEntry("bn_no_stats", "Conv2d + BatchNorm2d(track_running_stats=False)",
             lambda: NormNet("2d", track_running_stats=False), _img(2, 3, 8, 8)),
    ZooEntry("bn_momentum_none", "Conv2d + BatchNorm2d(momentum=None) (cumulative average)",
             lambda: NormNet("2d", momentum=None), _img(2, 3, 8, 8)),
    ZooEntry("dropout_inplace", "Linear, ReLU, Dropout(0.3, inplace=True), Linear",
             lambda: InplaceDropoutNet(), _img(4, 16)),
    ZooEntry("instance_norm", "Conv2d + InstanceNorm2d(affine=True, track_running_stats=True)",
             lambda: InstanceNormNet(), _img(2, 3, 8, 8)),
    ZooEntry("instance_norm_no_stats", "Conv2d + InstanceNorm2d() (no affine, no running stats)",
             lambda: InstanceNormNoStats(), _img(2, 3, 8, 8)),
    ZooEntry("multi_output_mutation", "buffers updated in place in forward + BatchNorm2d + Dropout; "
             "outputs (tensor, (tensor,), {'sum': tensor})",
             lambda: MultiOutputMutation(), _img(2, 3, 8, 8)),
    ZooEntry("dynamic_batch", "Conv2d + BatchNorm2d + Dropout(0.1) + Linear; batch dim dynamic (Dim 'batch', 2..1024)",
             lambda: DynamicBatchNet(), _img(4, 3, 8, 8), _dynamic_batch_shapes),
)

SEQUENCE_MODELS: tuple[ZooEntry, ...] = (
    ZooEntry("lstm", "nn.LSTM(8, 12, 2 layers, dropout 0.3, bidirectional, batch_first)",
             lambda: RNNNet("lstm"), _img(2, 5, 8), group="sequence"),
    ZooEntry("gru", "nn.GRU(8, 12, 2 layers, dropout 0.3, bidirectional, batch_first)",
             lambda: RNNNet("gru"), _img(2, 5, 8), group="sequence"),
    ZooEntry("rnn_tanh", "nn.RNN(tanh; 8, 12, 2 layers, dropout 0.3, bidirectional, batch_first)",
             lambda: RNNNet("tanh"), _img(2, 5, 8), group="sequence"),
    ZooEntry("rnn_relu", "nn.RNN(relu; 8, 12, 2 layers, dropout 0.3, bidirectional, batch_first)",
             lambda: RNNNet("relu"), _img(2, 5, 8), group="sequence"),
    ZooEntry("lstm_packed", "pack_padded_sequence (lengths 5, 3) -> the LSTM above -> pad_packed_sequence",
             lambda: PackedLSTM(), _img(2, 5, 8), group="sequence"),
    ZooEntry("lstm_packed_hx", "lstm_packed with an explicit zero (h0, c0)",
             lambda: PackedLSTM(explicit_hx=True), _img(2, 5, 8), group="sequence"),
    ZooEntry("mha_weights", "nn.MultiheadAttention(16, 4, dropout 0.1, batch_first), need_weights=True",
             lambda: MHANet(True), _img(2, 5, 16), group="sequence"),
    ZooEntry("mha_no_weights", "nn.MultiheadAttention(16, 4, dropout 0.1, batch_first), need_weights=False",
             lambda: MHANet(False), _img(2, 5, 16), group="sequence"),
    ZooEntry("transformer_encoder", "nn.TransformerEncoderLayer(16, 4, ff 32, dropout 0.1, batch_first)",
             lambda: EncoderLayerNet(), _img(2, 5, 16), group="sequence"),
    ZooEntry("transformer_decoder", "nn.TransformerDecoderLayer(16, 4, ff 32, dropout 0.1, batch_first)",
             lambda: DecoderLayerNet(), lambda g: (_randn(g, 2, 5, 16), _randn(g, 2, 6, 16)),
             group="sequence"),
    ZooEntry("sdpa", "F.scaled_dot_product_attention(dropout_p=0.1 if self.training else 0.0)",
             lambda: SDPANet(), _img(2, 5, 16), group="sequence"),
)

ALL_MODELS: tuple[ZooEntry, ...] = MODELS + SEQUENCE_MODELS

# Models whose mode lives in a Python `if self.training:`, which no
# exported program can switch (README, "What cannot be switched"), and the
# same model written with an op that carries the mode. Not in ALL_MODELS
# nor `ids()` (the suite's checks would all fail on the first); `get`
# finds them, for the tests that show the limit
# (test_pytorch_behaviour.py, test_to_eval.py).
PYTHON_BRANCH_MODELS: tuple[ZooEntry, ...] = (
    ZooEntry("stochastic_depth", "2 residual Linear blocks, stochastic depth (survival 0.8) "
             "by `if self.training:` in Python", lambda: StochasticDepthNet(), _img(8, 16),
             group="python-branch"),
    ZooEntry("stochastic_depth_dropout", "the same, the drop written as "
             "F.dropout(ones(N, 1), 0.2, self.training)",
             lambda: StochasticDepthDropoutNet(), _img(8, 16), group="python-branch"),
    ZooEntry("gaussian_noise", "Linear, ReLU, additive Gaussian noise (sigma 0.1) by "
             "`if self.training:` in Python, Linear", lambda: GaussianNoiseNet(), _img(4, 16),
             group="python-branch"),
)

_BY_ID = {e.id: e for e in ALL_MODELS + PYTHON_BRANCH_MODELS}
assert len(_BY_ID) == len(ALL_MODELS) + len(PYTHON_BRANCH_MODELS), "zoo ids must be unique"


def get(model_id: str) -> ZooEntry:
    """The entry with this id, a zoo model's or a real-library model's
    (real_models.py), KeyError naming the known ids otherwise."""
    if model_id in _BY_ID:
        return _BY_ID[model_id]
    real = _real_models()
    if model_id in real:
        return real[model_id]
    raise KeyError(f"no zoo model {model_id!r}; known: {', '.join([*_BY_ID, *real])}")


def _real_models() -> dict[str, ZooEntry]:
    """real_models.py's entries by id. Imported here, on first use, not at
    the top: real_models imports this module, and importing it imports no
    library until a model is built."""
    import real_models
    return {e.id: e for e in real_models.SUITE_MODELS + real_models.SURVEY_MODELS}


def suite_ids() -> list[str]:
    """Every model the suite's checks run on: the zoo's (`ids()`), then the
    real-library models of real_models.SUITE_MODELS."""
    import real_models
    return ids() + [e.id for e in real_models.SUITE_MODELS]


def ids(group: Optional[str] = None) -> list[str]:
    """The ids, in zoo order, optionally of one group ("main"/"sequence")."""
    return [e.id for e in ALL_MODELS if group is None or e.group == group]
