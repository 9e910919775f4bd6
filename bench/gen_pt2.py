#!/usr/bin/env python3
"""Writes synthetic .pt2 archives for the archive benchmarks, without torch.

The archive is what `torch.export.save` writes for
`bench/pt2_models.py:WideResNet(blocks, channels)` exported in `train()` or
`eval()` mode on an input of 1 x channels x 8 x 8: the same entries in the
same order, and a `models/model.json` that is the same JSON, node for node
and field for field, but for the stack traces (which name the same lines
with the site-packages prefix removed, as scripts/gen-pt2-fixtures.py
does). `bench/run_pt2.py --torch` checks that against a real export, and
that `torch.export.load` loads and runs what this writes.

Each block (wide-ResNet, pre-activation) is 10 nodes in training form
(counter `add_`, `batch_norm`, `relu_`, `conv2d`, `dropout`, `add_`,
`batch_norm`, `relu_`, `conv2d`, residual `add`) and 8 in evaluation form
(no counters), with 12 weight entries (two convolutions, two batch norms).
What differs from PyTorch:

- the zip container is Python's `zipfile` (stored entries, no 64-byte
  alignment, no data descriptors), which `torch.export.load` and mode both
  read (docs/pt2-archive.md);
- `data/sample_inputs/model.pt` is empty (`torch.export.load` then gives
  no example inputs) and `.data/serialization_id` is zeros;
- the weights are PyTorch's initial values for the batch norms and a
  repeated pattern for the convolutions.

    bench/gen_pt2.py --nodes 100000 -o /tmp/wrn.pt2     # 10,000 blocks, 8 channels
    bench/gen_pt2.py --blocks 16 --channels 1024 -o /tmp/big.pt2   # 1.1 GiB of weights
"""

import argparse
import json
import os
import struct
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS_FILE = os.path.join(HERE, "pt2_models.py")
MODELS_REL = "bench/pt2_models.py"

HEIGHT = WIDTH = 8
DROPOUT_P = 0.3
FLOAT, LONG = 7, 5  # ScalarType in the archive's schema
NODES_PER_BLOCK = {"train": 10, "eval": 8}
# How much of a weight is written at a time.
CHUNK = 1 << 20


# The lines of WideBlock.forward in pt2_models.py that stack traces quote.
BLOCK_CODE = {
    "first": "out = self.conv1(self.relu1(self.bn1(x)))",
    "second": "out = self.conv2(self.relu2(self.bn2(self.dropout(out))))",
    "residual": "return x + out",
}


def _model_lines():
    """The line numbers in pt2_models.py that the stack traces name."""
    with open(MODELS_FILE) as f:
        lines = [line.strip() for line in f]
    numbers = {key: lines.index(code) + 1 for key, code in BLOCK_CODE.items()}
    numbers["model"] = lines.index("return self.blocks(x)") + 1
    return numbers


# The innermost frame of each call, as torch 2.13.0 writes it.
TORCH_FRAMES = {
    "counter": ('torch/nn/modules/batchnorm.py', 190,
                'self.num_batches_tracked.add_(1)  # type: ignore[has-type]'),
    "batch_norm": ('torch/nn/modules/batchnorm.py', 210, 'return F.batch_norm('),
    "relu": ('torch/nn/modules/activation.py', 143,
             'return F.relu(input, inplace=self.inplace)'),
    "conv2d": ('torch/nn/modules/conv.py', 565,
               'return self._conv_forward(input, self.weight, self.bias)'),
    "dropout": ('torch/nn/modules/dropout.py', 73,
                'return F.dropout(input, self.p, self.training, self.inplace)'),
}
MODULE_TYPES = {
    "bn1": "torch.nn.modules.batchnorm.BatchNorm2d",
    "bn2": "torch.nn.modules.batchnorm.BatchNorm2d",
    "relu1": "torch.nn.modules.activation.ReLU",
    "relu2": "torch.nn.modules.activation.ReLU",
    "conv1": "torch.nn.modules.conv.Conv2d",
    "conv2": "torch.nn.modules.conv.Conv2d",
    "dropout": "torch.nn.modules.dropout.Dropout",
}
# torch_fn per node kind: the Python function called, and its kind.
TORCH_FN = {
    "add_": ("add_", "method_descriptor.add_"),
    "batch_norm": ("batch_norm", "function.batch_norm"),
    "relu_": ("relu", "function.relu"),
    "conv2d": ("conv2d", "builtin_function_or_method.conv2d"),
    "dropout": ("dropout", "function.dropout"),
    "add": ("add", "method_descriptor.add"),
}
TARGETS = {
    "add_": "torch.ops.aten.add_.Tensor",
    "batch_norm": "torch.ops.aten.batch_norm.default",
    "relu_": "torch.ops.aten.relu_.default",
    "conv2d": "torch.ops.aten.conv2d.default",
    "dropout": "torch.ops.aten.dropout.default",
    "add": "torch.ops.aten.add.Tensor",
}


def dumps(value):
    return json.dumps(value)  # Python's default separators, as PyTorch


def tensor_meta(sizes, dtype=FLOAT, requires_grad=False):
    strides, stride = [], 1
    for size in reversed(sizes):
        strides.insert(0, stride)
        stride *= max(size, 1)
    return {"dtype": dtype, "sizes": [{"as_int": s} for s in sizes],
            "requires_grad": requires_grad,
            "device": {"type": "cpu", "index": None},
            "strides": [{"as_int": s} for s in strides],
            "storage_offset": {"as_int": 0}, "layout": 7}


def weights(blocks, channels):
    """(state-dict name, input name, is_param, sizes, dtype), in the order of
    the graph inputs: parameters, then buffers, block by block."""
    conv = [channels, channels, 3, 3]
    params, buffers = [], []
    for i in range(blocks):
        prefix = f"blocks.{i}"
        for module, kind in (("bn1", "bn"), ("conv1", "conv"), ("bn2", "bn"),
                             ("conv2", "conv")):
            if kind == "conv":
                params.append((f"{prefix}.{module}.weight", conv, FLOAT))
                continue
            params.append((f"{prefix}.{module}.weight", [channels], FLOAT))
            params.append((f"{prefix}.{module}.bias", [channels], FLOAT))
            buffers.append((f"{prefix}.{module}.running_mean", [channels], FLOAT))
            buffers.append((f"{prefix}.{module}.running_var", [channels], FLOAT))
            buffers.append((f"{prefix}.{module}.num_batches_tracked", [], LONG))
    for name, sizes, dtype in params:
        yield name, "p_" + name.replace(".", "_"), True, sizes, dtype
    for name, sizes, dtype in buffers:
        yield name, "b_" + name.replace(".", "_"), False, sizes, dtype


def weight_bytes(name, sizes, dtype):
    """The bytes of a weight, in chunks: PyTorch's initial values for the
    batch norms, a repeated pattern for the convolutions."""
    count = 1
    for size in sizes:
        count *= size
    if dtype == LONG:
        yield struct.pack("<q", 0)
        return
    if name.endswith(("running_var", "bn1.weight", "bn2.weight")):
        value = struct.pack("<f", 1.0)
    elif name.endswith(("running_mean", "bias")):
        value = struct.pack("<f", 0.0)
    else:
        value = b"".join(struct.pack("<f", 0.01 * (i % 7 - 3)) for i in range(7))
    pattern = value * (CHUNK // len(value))
    left = count * 4
    while left:
        n = min(left, len(pattern) - len(pattern) % len(value))
        yield pattern[:n]
        left -= n


class Namer:
    """torch.fx's node names (`add_`, `add__1`, ...) and torch_fn counters
    (`add__1`, `add__2`, ...), per kind."""

    def __init__(self):
        self.counts = {}

    def __call__(self, kind):
        k = self.counts.get(kind, 0)
        self.counts[kind] = k + 1
        name = kind if k == 0 else f"{kind}_{k}"
        function, what = TORCH_FN[kind]
        return name, f"{function}_{k + 1};{what}"


def program_json(blocks, channels, form):
    """model.json, as a sequence of strings."""
    lines = _model_lines()
    train = form == "train"
    act = [1, channels, HEIGHT, WIDTH]
    inputs = list(weights(blocks, channels))
    namer = Namer()

    def stack(block_line, frame):
        path, line, code = TORCH_FRAMES[frame] if frame else (None, 0, None)
        text = (f'File "{MODELS_REL}", line {lines["model"]}, in forward\n'
                f'    return self.blocks(x)\n'
                f'  File "torch/nn/modules/container.py", line 253, in forward\n'
                f'    input = module(input)\n'
                f'  File "{MODELS_REL}", line {lines[block_line]}, in forward\n'
                f'    {BLOCK_CODE[block_line]}')
        if frame:
            text += f'\n  File "{path}", line {line}, in forward\n    {code}'
        return text

    def module_stack(i, module):
        text = ("L__self__,,pt2_models.WideResNet;"
                "L__self__blocks,blocks,torch.nn.modules.container.Sequential;"
                f"L__self__blocks.{i},blocks.{i},pt2_models.WideBlock")
        if module:
            text += (f";L__self__blocks.{i}.{module},blocks.{i}.{module},"
                     f"{MODULE_TYPES[module]}")
        return text

    def arg(name, value, kind=1):
        return {"name": name, "arg": value, "kind": kind}

    def tensor(name):
        return {"as_tensor": {"name": name}}

    tensors = []  # (name, meta) of the values the nodes define

    def node(kind, args, i, module, block_line, frame, meta=None):
        name, fn = namer(kind)
        tensors.append((name, meta or tensor_meta(act)))
        return name, dumps({
            "target": TARGETS[kind], "inputs": args,
            "outputs": [tensor(name)],
            "metadata": {"stack_trace": stack(block_line, frame),
                         "nn_module_stack": module_stack(i, module),
                         "torch_fn": fn},
            "is_hop_single_tensor_return": None, "name": name})

    def batch_norm(x, i, bn, block_line):
        out = []
        b = f"b_blocks_{i}_{bn}"
        p = f"p_blocks_{i}_{bn}"
        if train:
            _, text = node("add_", [arg("self", tensor(b + "_num_batches_tracked")),
                                    arg("other", {"as_int": 1})],
                           i, bn, block_line, "counter", tensor_meta([], LONG))
            out.append(text)
        name, text = node("batch_norm", [
            arg("input", tensor(x)), arg("weight", tensor(p + "_weight")),
            arg("bias", tensor(p + "_bias")),
            arg("running_mean", tensor(b + "_running_mean")),
            arg("running_var", tensor(b + "_running_var")),
            arg("training", {"as_bool": train}),
            arg("momentum", {"as_float": 0.1}), arg("eps", {"as_float": 1e-05}),
            arg("cudnn_enabled", {"as_bool": False})], i, bn, block_line,
            "batch_norm")
        out.append(text)
        return name, out

    def relu(x, i, module, block_line):
        return node("relu_", [arg("self", tensor(x))], i, module, block_line,
                    "relu")

    def conv(x, i, module, block_line):
        return node("conv2d", [
            arg("input", tensor(x)),
            arg("weight", tensor(f"p_blocks_{i}_{module}_weight")),
            arg("bias", {"as_none": True}), arg("stride", {"as_ints": [1, 1]}),
            arg("padding", {"as_ints": [1, 1]})], i, module, block_line,
            "conv2d")

    def nodes():
        x = "x"
        for i in range(blocks):
            out = []
            y, texts = batch_norm(x, i, "bn1", "first")
            out += texts
            y, text = relu(y, i, "relu1", "first")
            out.append(text)
            y, text = conv(y, i, "conv1", "first")
            out.append(text)
            y, text = node("dropout", [
                arg("input", tensor(y)), arg("p", {"as_float": DROPOUT_P}),
                arg("train", {"as_bool": train})], i, "dropout", "second",
                "dropout")
            out.append(text)
            y, texts = batch_norm(y, i, "bn2", "second")
            out += texts
            y, text = relu(y, i, "relu2", "second")
            out.append(text)
            y, text = conv(y, i, "conv2", "second")
            out.append(text)
            x, text = node("add", [arg("self", tensor(x)),
                                   arg("other", tensor(y))], i, None,
                           "residual", None)
            out.append(text)
            yield ", ".join(out)

    def joined(items, chunk=1000):
        """Items separated by ', ', in strings of `chunk` items."""
        batch, first = [], True
        for item in items:
            batch.append(item)
            if len(batch) == chunk:
                yield ("" if first else ", ") + ", ".join(batch)
                batch, first = [], False
        if batch:
            yield ("" if first else ", ") + ", ".join(batch)

    yield '{"graph_module": {"graph": {"inputs": ['
    yield ", ".join(dumps(tensor(n)) for _, n, _, _, _ in inputs)
    yield ", " + dumps(tensor("x"))
    yield '], "outputs": '
    # The output is the last residual add: "add" or "add_<blocks-1>".
    out_name = "add" if blocks == 1 else f"add_{blocks - 1}"
    yield dumps([tensor(out_name)])
    yield ', "nodes": ['
    yield from joined(nodes(), 100)
    yield '], "tensor_values": {'

    def values():
        for _, n, is_param, sizes, dtype in inputs:
            yield dumps(n) + ": " + dumps(tensor_meta(sizes, dtype, is_param))
        yield dumps("x") + ": " + dumps(tensor_meta(act))
        for n, meta in tensors:
            yield dumps(n) + ": " + dumps(meta)

    yield from joined(values())
    yield ('}, "sym_int_values": {}, "sym_bool_values": {}, '
           '"is_single_tensor_return": false, "custom_obj_values": {}, '
           '"sym_float_values": {}}, "signature": {"input_specs": [')

    def input_specs():
        for name, n, is_param, _, _ in inputs:
            if is_param:
                yield dumps({"parameter": {"arg": {"name": n},
                                           "parameter_name": name}})
            else:
                yield dumps({"buffer": {"arg": {"name": n}, "buffer_name": name,
                                        "persistent": True}})
        yield dumps({"user_input": {"arg": tensor("x")}})

    yield from joined(input_specs())
    yield '], "output_specs": '
    yield dumps([{"user_output": {"arg": tensor(out_name)}}])
    yield '}, "module_call_graph": ['
    spec = ('[1, {"type": "builtins.tuple", "context": "null", "children_spec": '
            '[{"type": "builtins.tuple", "context": "null", "children_spec": '
            '[{"type": null, "context": null, "children_spec": []}]}, '
            '{"type": "builtins.dict", "context": "[]", "children_spec": []}]}]')
    yield dumps({"fqn": "", "signature": {
        "inputs": [], "outputs": [], "in_spec": spec,
        "out_spec": '[1, {"type": null, "context": null, "children_spec": []}]',
        "forward_arg_names": ["x"]}})

    def submodules():
        yield dumps({"fqn": "blocks", "signature": None})
        for i in range(blocks):
            yield dumps({"fqn": f"blocks.{i}", "signature": None})
            for module in ("bn1", "relu1", "conv1", "dropout", "bn2", "relu2",
                           "conv2"):
                yield dumps({"fqn": f"blocks.{i}.{module}", "signature": None})

    yield ", "
    yield from joined(submodules())
    yield ('], "metadata": {}, "treespec_namedtuple_fields": {}}, '
           '"opset_version": {"aten": 10}, "range_constraints": {}, '
           '"schema_version": {"major": 8, "minor": 20}, '
           '"verifiers": ["TRAINING"], "torch_version": "2.13.0+cpu", '
           '"guards_code": []}')



def weights_config(blocks, channels):
    yield '{"config": {'
    first = True
    for index, (name, _, is_param, sizes, dtype) in enumerate(
            weights(blocks, channels)):
        yield ("" if first else ", ") + dumps(name) + ": " + dumps({
            "path_name": f"weight_{index}", "is_param": is_param,
            "use_pickle": False,
            "tensor_meta": tensor_meta(sizes, dtype, is_param)})
        first = False
    yield "}}"


def write(path, blocks, channels, form):
    """Writes the archive to `path`, through a temporary file."""
    top = os.path.splitext(os.path.basename(path))[0]
    tmp = path + ".tmp"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_STORED,
                         allowZip64=True) as z:
        def entry(name, chunks, large=False):
            # No timestamp (1980-01-01, as PyTorch): the same bytes each run.
            info = zipfile.ZipInfo(f"{top}/{name}")
            with z.open(info, "w", force_zip64=large) as f:
                for chunk in chunks:
                    f.write(chunk.encode() if isinstance(chunk, str) else chunk)

        for index, (name, _, _, sizes, dtype) in enumerate(
                weights(blocks, channels)):
            size = 4 if dtype == FLOAT else 8
            for s in sizes:
                size *= s
            entry(f"data/weights/weight_{index}",
                  weight_bytes(name, sizes, dtype), size >= 1 << 31)
        entry("data/weights/model_weights_config.json",
              weights_config(blocks, channels), True)
        entry("data/constants/model_constants_config.json", ['{"config": {}}'])
        entry("models/model.json", program_json(blocks, channels, form), True)
        entry("data/sample_inputs/model.pt", [])
        for name, text in (("archive_format", "pt2"), ("archive_version", "0"),
                           (".data/version", "6\n"), ("byteorder", "little"),
                           (".data/serialization_id", "0" * 40)):
            entry(name, [text])
    os.replace(tmp, path)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    size = ap.add_mutually_exclusive_group(required=True)
    size.add_argument("--blocks", type=int, help="number of blocks")
    size.add_argument("--nodes", type=int,
                      help="number of graph nodes (rounded down to whole "
                           "blocks)")
    ap.add_argument("--channels", type=int, default=8,
                    help="channels of every block (default 8; the weights "
                         "are 2 x 36 x channels^2 bytes a block)")
    ap.add_argument("--form", choices=["train", "eval"], default="train")
    ap.add_argument("-o", "--output", required=True)
    args = ap.parse_args(argv)
    blocks = args.blocks or max(1, args.nodes // NODES_PER_BLOCK[args.form])
    write(args.output, blocks, args.channels, args.form)


if __name__ == "__main__":
    sys.exit(main())
