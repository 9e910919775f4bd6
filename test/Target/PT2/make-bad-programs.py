#!/usr/bin/env python3
"""Derives the bad-program corpus, Inputs/bad-program/, and the edge-program
corpus, Inputs/edge-program/, from good fixtures.

    python3 test/Target/PT2/make-bad-programs.py [INPUTS]   # default: ./Inputs

Needs no torch. Each archive is a fixture written by torch.export.save
(tiny-bn-dropout.pt2: linear, batch norm, dropout; batchnorm2d.*.default.pt2,
whose batch norm has a num_batches_tracked buffer) with one thing wrong: an
entry missing, damaged or added, or one edit of its models/model.json. They
are repacked in PyTorch's layout by make-inputs.py's `write_zip`, which first
must reproduce each fixture byte for byte. The output is checked in byte for
byte; inputs.test checks that this script still writes exactly it, and
import-errors.test what mode-pt2 and mode-translate say about each file.

Together with Inputs/bad-zip/ (the zip container, make-inputs.py), every
class of bad archive that the tools must refuse with one clear error (not a
zip, an entry they cannot read, a schema major other than 8, JSON that does
not follow the schema, a node they cannot represent) has a file; the table
is in docs/robustness.md.

The edge programs are valid, with what fuzz/mode-pt2-fuzz.cpp found mode
getting wrong (each names the finding); round-trips.test checks that they
come back unchanged and switch back and forth, and test/Fuzz/pt2-smoke.test
runs the fuzz target's checks on them.
"""

import copy
import importlib.util
import json
import os
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location(
    "make_inputs", os.path.join(HERE, "make-inputs.py"))
make_inputs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_inputs)
Entry, write_zip, read_entries = (make_inputs.Entry, make_inputs.write_zip,
                                  make_inputs.read_entries)

MODEL = "models/model.json"


class Fixture:
    """A fixture's entries, and archives made from it with one change."""

    def __init__(self, path):
        with open(path, "rb") as f:
            original = f.read()
        self.entries = read_entries(path)
        if write_zip([Entry(n, d) for n, d in self.entries]) != original:
            sys.exit("make-bad-programs.py: write_zip does not reproduce %s"
                     % path)
        self.top = self.entries[0][0].split("/")[0]
        self.program = json.loads(self.data(MODEL))
        # PyTorch's json.dumps: what the edits below are written with.
        assert json.dumps(self.program).encode() == self.data(MODEL)

    def data(self, relative):
        return dict(self.entries)[self.top + "/" + relative]

    def archive(self, replace=None, drop=(), add=(), overrides=None):
        """The fixture with entry data replaced ({relative: bytes}), entries
        dropped, entries added after the model ([(relative, bytes)]), and
        Entry fields overridden ({relative: {field: value}})."""
        result = []
        for name, data in self.entries:
            relative = name[len(self.top) + 1:]
            if relative in drop:
                continue
            data = (replace or {}).get(relative, data)
            result.append(Entry(name, data,
                                **(overrides or {}).get(relative, {})))
            if relative == MODEL:
                result += [Entry(self.top + "/" + r, d) for r, d in add]
        return write_zip(result)

    def text(self, text):
        """The fixture with model.json replaced by `text` (str or bytes)."""
        if isinstance(text, str):
            text = text.encode()
        return self.archive(replace={MODEL: text})

    def edit(self, change):
        """The fixture with `change` applied to a copy of its program."""
        program = copy.deepcopy(self.program)
        change(program)
        return self.text(json.dumps(program))


# Paths into a program.
def graph(p):
    return p["graph_module"]["graph"]


def signature(p):
    return p["graph_module"]["signature"]


def node(p, name):
    return next(n for n in graph(p)["nodes"] if n["name"] == name)


def argument(p, node_name, arg_name):
    return next(a for a in node(p, node_name)["inputs"]
                if a["name"] == arg_name)


def tensor(p, name):
    return graph(p)["tensor_values"][name]


def setter(path_fn, key, value):
    def change(p):
        path_fn(p)[key] = value
    return change


def deleter(path_fn, key):
    def change(p):
        del path_fn(p)[key]
    return change


def chain(*changes):
    def change(p):
        for c in changes:
            c(p)
    return change


def cond_node(p, branch_nodes=()):
    """A torch.cond over `linear`, as torch.export writes a higher-order op:
    its branches are subgraphs (`as_graph`), holding `branch_nodes`."""
    branch = {"inputs": [{"as_tensor": {"name": "arg0_1"}}],
              "outputs": [{"as_tensor": {"name": "arg0_1"}}],
              "nodes": list(branch_nodes),
              "tensor_values": {"arg0_1": tensor(p, "linear")},
              "sym_int_values": {}, "sym_bool_values": {},
              "is_single_tensor_return": False, "custom_obj_values": {},
              "sym_float_values": {}}
    nodes = graph(p)["nodes"]
    nodes.insert(1, {
        "target": "torch.ops.higher_order.cond",
        "inputs": [
            {"name": "pred", "arg": {"as_bool": True}, "kind": 1},
            {"name": "true_fn", "arg": {"as_graph": {
                "name": "true_graph_0", "graph": branch}}, "kind": 1},
            {"name": "false_fn", "arg": {"as_graph": {
                "name": "false_graph_0", "graph": branch}}, "kind": 1},
            {"name": "operands", "arg": {"as_tensors": [
                {"name": "linear"}]}, "kind": 1}],
        "outputs": [{"as_tensors": [{"name": "cond"}]}],
        "metadata": {}, "is_hop_single_tensor_return": None,
        "name": "cond"})
    graph(p)["tensor_values"]["cond"] = tensor(p, "linear")


def clone_node(record):
    """A clone of `dropout` whose metadata holds `record` as the record of a
    decomposed dropout (what --to-eval writes for one, in `custom`)."""
    def change(p):
        graph(p)["nodes"].append({
            "target": "torch.ops.aten.clone.default",
            "inputs": [{"name": "self", "arg": {"as_tensor": {
                "name": "dropout"}}, "kind": 1}],
            "outputs": [{"as_tensor": {"name": "clone"}}],
            "metadata": {"custom": json.dumps(
                {"mode.decomposed_dropout": record})},
            "is_hop_single_tensor_return": None, "name": "clone"})
        graph(p)["tensor_values"]["clone"] = copy.deepcopy(
            tensor(p, "dropout"))
    return change


def bad_programs(inputs):
    """The bad archives, by file name."""
    tiny = Fixture(os.path.join(inputs, "tiny-bn-dropout.pt2"))
    bn = Fixture(os.path.join(inputs, "batchnorm2d.eval.default.pt2"))
    bn_train = Fixture(os.path.join(inputs, "batchnorm2d.train.default.pt2"))
    text = tiny.data(MODEL).decode()
    p = tiny.program
    linear_meta = json.dumps(tensor(p, "linear"))

    def bn_record(record):
        """batchnorm2d.eval's batch norm with a counter record (what
        --to-eval leaves, in `custom`, on a batch norm whose counter it
        removed)."""
        return bn.edit(setter(lambda q: node(q, "batch_norm")["metadata"],
                              "custom", json.dumps(
                                  {"mode.num_batches_tracked": record})))

    model = tiny.data(MODEL)
    deflater = zlib.compressobj(9, zlib.DEFLATED, -15)
    deflated = deflater.compress(model) + deflater.flush()
    flipped = bytes([model[0] ^ 0x01]) + model[1:]
    weight = tiny.data("data/weights/weight_0")

    return {
        # The entries.
        "no-model.pt2": tiny.archive(drop=[MODEL]),
        "no-weights-config.pt2": tiny.archive(
            drop=["data/weights/model_weights_config.json"]),
        "no-constants-config.pt2": tiny.archive(
            drop=["data/constants/model_constants_config.json"]),
        "model-bad-crc.pt2": tiny.archive(
            overrides={MODEL: {"stored": flipped}}),
        "weight-bad-crc.pt2": tiny.archive(overrides={
            "data/weights/weight_0": {
                "stored": bytes([weight[0] ^ 0x80]) + weight[1:]}}),
        "model-deflated.pt2": tiny.archive(overrides={MODEL: {
            "stored": deflated, "method": 8, "csize": len(deflated)}}),
        "model-huge.pt2": tiny.archive(overrides={MODEL: {
            "size": 1 << 40, "csize": 1 << 40, "zip64": True}}),
        "model-duplicate.pt2": tiny.archive(add=[(MODEL, model)]),
        "model-name-dotdot.pt2": tiny.archive(
            add=[("models/../model.json", model)]),
        # The JSON text.
        "json-empty.pt2": tiny.text(""),
        "json-syntax.pt2": tiny.text(text.replace('"outputs": [', '"outputs" [',
                                                  1)),
        "json-truncated.pt2": tiny.text(text[:len(text) // 2]),
        "json-trailing.pt2": tiny.text(text + "}"),
        "json-binary.pt2": tiny.text(bytes(range(256))),
        "json-non-utf8.pt2": tiny.text(model.replace(
            b"tiny_models.py", b"tiny_\xff\xfemodels.py", 1)),
        "json-nested-deep.pt2": tiny.text(text.replace(
            '"metadata": {}', '"metadata": {"deep": %s%s}'
            % ("[" * 5000, "]" * 5000), 1)),
        "json-not-object.pt2": tiny.text("[]"),
        "json-integer-overflow.pt2": tiny.text(text.replace(
            '"layout": 7}', '"layout": 18446744073709551615}', 1)),
        # The schema version.
        "schema-major-9.pt2": tiny.edit(setter(
            lambda q: q["schema_version"], "major", 9)),
        "schema-major-string.pt2": tiny.edit(setter(
            lambda q: q["schema_version"], "major", "8")),
        "schema-missing.pt2": tiny.edit(deleter(lambda q: q,
                                                "schema_version")),
        # Missing fields and wrong kinds.
        "missing-graph.pt2": tiny.edit(deleter(lambda q: q["graph_module"],
                                               "graph")),
        "missing-tensor-values.pt2": tiny.edit(deleter(graph,
                                                       "tensor_values")),
        "missing-node-target.pt2": tiny.edit(deleter(
            lambda q: node(q, "batch_norm"), "target")),
        "missing-node-outputs.pt2": tiny.edit(deleter(
            lambda q: node(q, "dropout"), "outputs")),
        "nodes-not-list.pt2": tiny.edit(setter(graph, "nodes", {})),
        "node-not-object.pt2": tiny.edit(
            lambda q: graph(q)["nodes"].insert(1, 42)),
        "node-name-number.pt2": tiny.edit(setter(
            lambda q: node(q, "dropout"), "name", 7)),
        "meta-missing-dtype.pt2": tiny.edit(deleter(
            lambda q: tensor(q, "x"), "dtype")),
        # Unions with no member or two.
        "union-empty-argument.pt2": tiny.edit(setter(
            lambda q: argument(q, "dropout", "p"), "arg", {})),
        "union-two-members.pt2": tiny.edit(setter(
            lambda q: argument(q, "batch_norm", "weight"), "arg",
            {"as_tensor": {"name": "p_bn_weight"}, "as_none": True})),
        "union-input-spec.pt2": tiny.edit(lambda q: signature(q)[
            "input_specs"][0].update({"buffer": {}})),
        "union-output.pt2": tiny.edit(setter(graph, "outputs", [{}])),
        # Enumerations out of range.
        "dtype-unknown.pt2": tiny.edit(setter(lambda q: tensor(q, "x"),
                                              "dtype", 99)),
        "dtype-string.pt2": tiny.edit(setter(lambda q: tensor(q, "linear"),
                                             "dtype", "float32")),
        "layout-unknown.pt2": tiny.edit(setter(
            lambda q: tensor(q, "batch_norm"), "layout", 42)),
        # Names.
        "undefined-tensor.pt2": tiny.edit(setter(
            lambda q: argument(q, "batch_norm", "input"), "arg",
            {"as_tensor": {"name": "linear_1"}})),
        "use-before-definition.pt2": tiny.edit(
            lambda q: graph(q)["nodes"].reverse()),
        "duplicate-node-name.pt2": tiny.edit(setter(
            lambda q: node(q, "dropout"), "name", "linear")),
        "duplicate-tensor.pt2": tiny.edit(setter(
            lambda q: node(q, "batch_norm"), "outputs",
            [{"as_tensor": {"name": "linear"}}])),
        "tensor-without-meta.pt2": tiny.edit(deleter(
            lambda q: graph(q)["tensor_values"], "batch_norm")),
        # Sizes.
        "size-negative.pt2": tiny.edit(lambda q: tensor(q, "x")[
            "sizes"].__setitem__(0, {"as_int": -2})),
        "size-not-symint.pt2": tiny.edit(lambda q: tensor(q, "x")[
            "sizes"].__setitem__(1, 4)),
        # Found by fuzzing: contiguous strides computed from such sizes
        # overflowed (undefined behaviour).
        "size-overflow.pt2": tiny.edit(lambda q: tensor(q, "x")[
            "sizes"].__setitem__(1, {"as_int": (1 << 63) - 1})),
        # The signature.
        "input-spec-missing.pt2": tiny.edit(
            lambda q: signature(q)["input_specs"].pop()),
        "output-spec-extra.pt2": tiny.edit(
            lambda q: signature(q)["output_specs"].append(
                signature(q)["output_specs"][0])),
        # Arguments of mode's ops.
        "dropout-p-string.pt2": tiny.edit(setter(
            lambda q: argument(q, "dropout", "p"), "arg",
            {"as_string": "0.25"})),
        "dropout-p-range.pt2": tiny.edit(setter(
            lambda q: argument(q, "dropout", "p"), "arg", {"as_float": 1.5})),
        "dropout-train-missing.pt2": tiny.edit(
            lambda q: node(q, "dropout")["inputs"].pop()),
        "dropout-train-none.pt2": tiny.edit(setter(
            lambda q: argument(q, "dropout", "train"), "arg",
            {"as_none": True})),
        "dropout-train-int.pt2": tiny.edit(setter(
            lambda q: argument(q, "dropout", "train"), "arg", {"as_int": 1})),
        "dropout-input-none.pt2": tiny.edit(setter(
            lambda q: argument(q, "dropout", "input"), "arg",
            {"as_none": True})),
        "batchnorm-unknown-argument.pt2": tiny.edit(
            lambda q: node(q, "batch_norm")["inputs"].append(
                {"name": "affine", "arg": {"as_bool": True}, "kind": 2})),
        "batchnorm-argument-twice.pt2": tiny.edit(
            lambda q: node(q, "batch_norm")["inputs"].append(
                argument(q, "batch_norm", "eps"))),
        # Found by fuzzing: an argument of a mode op holding what the op
        # does not keep was dropped, and the archive written back differed
        # (a missing kind came back null, arguments in another order came
        # back in the schema's).
        "argument-kind-string.pt2": tiny.edit(setter(
            lambda q: argument(q, "batch_norm", "bias"), "kind", "cpu")),
        "argument-extra-field.pt2": tiny.edit(setter(
            lambda q: argument(q, "dropout", "p"), "extra", 5)),
        "argument-tensor-extra.pt2": tiny.edit(setter(
            lambda q: argument(q, "dropout", "input")["arg"], "as_tensor",
            {"name": "batch_norm", "extra": 5})),
        "argument-no-kind.pt2": tiny.edit(deleter(
            lambda q: argument(q, "dropout", "train"), "kind")),
        "argument-order.pt2": tiny.edit(
            lambda q: node(q, "dropout")["inputs"].reverse()),
        "argument-none-false.pt2": tiny.edit(setter(
            lambda q: argument(q, "batch_norm", "weight"), "arg",
            {"as_optional_tensor": {"as_none": False}})),
        # Found by fuzzing: a float argument that a double does not hold
        # exactly, and a number past the doubles, were written back as
        # other numbers (9007199254740992.0, "Infinity").
        "argument-float-inexact.pt2": tiny.edit(setter(
            lambda q: argument(q, "batch_norm", "momentum"), "arg",
            {"as_float": (1 << 53) + 1})),
        "batchnorm-shape.pt2": tiny.text(text.replace(
            '"batch_norm": ' + linear_meta, '"batch_norm": '
            + linear_meta.replace('{"as_int": 3}, {"as_int": 1}]',
                                  '{"as_int": 5}, {"as_int": 1}]')
            .replace('{"as_int": 2}, {"as_int": 3}]',
                     '{"as_int": 2}, {"as_int": 5}]'), 1)),
        "batchnorm-record-not-json.pt2": bn_record("not json"),
        # Deep enough to overflow the stack of a recursive parser.
        "batchnorm-record-deep.pt2": bn_record("[" * 50000),
        # Found by fuzzing: a record whose output is not {"as_tensor": ...}
        # was read through a null pointer.
        "batchnorm-record-outputs.pt2": bn_record(json.dumps(dict(
            node(bn_train.program, "add_"), outputs=[5]))),
        # Found reading the code: the record of a decomposed dropout (JSON
        # in a string, on the clone that stands for it) was parsed however
        # deep it nested.
        "clone-record-deep.pt2": tiny.edit(clone_node("[" * 50000)),
        # Found by fuzzing: a key of mode's records directly in a node's
        # metadata was imported, and written back into `custom`: the round
        # trip changed the program.
        # Found by fuzzing: a decomposed program without the graph module's
        # metadata, switched to evaluation, had nowhere to say it was
        # decomposed in training mode, and came back unswitchable.
        "graph-module-metadata-missing.pt2": tiny.edit(
            lambda q: q["graph_module"].pop("metadata")),
        "metadata-mode-key.pt2": tiny.edit(setter(
            lambda q: node(q, "linear")["metadata"], "mode.synthesized",
            "true")),
        # Other nodes.
        # A subgraph mode would have to switch inside: refused. (One that
        # holds nothing of a mode is kept: edge-program/subgraph.train.pt2.)
        "subgraph-mode-op.pt2": tiny.edit(lambda q: cond_node(q, [{
            "target": "torch.ops.aten.dropout.default",
            "inputs": [
                {"name": "input", "arg": {"as_tensor": {"name": "arg0_1"}},
                 "kind": 1},
                {"name": "p", "arg": {"as_float": 0.5}, "kind": 1},
                {"name": "train", "arg": {"as_bool": True}, "kind": 1}],
            "outputs": [{"as_tensor": {"name": "dropout_1"}}],
            "metadata": {}, "is_hop_single_tensor_return": None,
            "name": "dropout_1"}])),
        # A named argument with a field the schema does not have (found by
        # fuzzing, as a counter's that was read as the counter all the
        # same, losing the field).
        "argument-extra-field-operator.pt2": bn_train.edit(setter(
            lambda q: argument(q, "add_", "self"), "extra", 5)),
        # A key of mode's records that mode does not write, or not on such a
        # node: a record mode could not read back (issue 18, case 12).
        "record-unknown.pt2": tiny.edit(setter(
            lambda q: node(q, "linear")["metadata"], "custom",
            json.dumps({"mode.unknown": "1"}))),
        "record-on-counter.pt2": bn_train.edit(setter(
            lambda q: node(q, "add_")["metadata"], "custom",
            json.dumps({"user": 1, "mode.training_dropout_p": "0.5"}))),
    }


def dead_node(target, inputs, name, meta):
    """A node reading `dropout` whose result nothing reads."""
    def change(p):
        graph(p)["nodes"].append({
            "target": target,
            "inputs": [{"name": "self", "arg": {"as_tensor": {
                "name": "dropout"}}, "kind": 1}] + inputs,
            "outputs": [{"as_tensor": {"name": name}}],
            "metadata": {}, "is_hop_single_tensor_return": None,
            "name": name})
        graph(p)["tensor_values"][name] = meta(p)
    return change


def edge_programs(inputs):
    """The edge programs, by file name."""
    tiny = Fixture(os.path.join(inputs, "tiny-bn-dropout.pt2"))
    bn = Fixture(os.path.join(inputs, "batchnorm2d.train.default.pt2"))
    bn_eval = Fixture(os.path.join(inputs, "batchnorm2d.eval.default.pt2"))

    def dropout_meta(p):
        return copy.deepcopy(tensor(p, "dropout"))

    def scalar(name, value):
        return {"name": name, "arg": {"as_float": value}, "kind": 1}

    def huge_x(p):
        tensor(p, "x")["sizes"][0] = {"as_int": 1 << 40}

    return {
        # Found by fuzzing: a batch norm's counter increment with `kind`
        # null, which is not read as a counter, got a second, made-up one
        # when switched to evaluation and back. Such increments are
        # ordinary nodes, and nothing is made up for a counter a node
        # already reads.
        "counter-kind-null.train.pt2": bn.edit(setter(
            lambda q: argument(q, "add_", "other"), "kind", None)),
        # An increment whose result is not the buffer's type was read as a
        # counter, which a switch to evaluation and back wrote with the
        # buffer's type.
        "counter-type.train.pt2": bn.edit(setter(
            lambda q: tensor(q, "add_"), "dtype", 6)),
        # Found by fuzzing: a batch norm whose running_var is not a buffer
        # of its module got a made-up counter in evaluation, which switching
        # to training wrote and switching back did not read as a counter.
        "counter-running-var-renamed.eval.pt2": bn_eval.edit(
            lambda q: signature(q)["input_specs"][5]["buffer"].update(
                buffer_name="bn.variance")),
        # Found reading the code after the record above: a node's from_node
        # (JSON in a string, read for the provenance of decomposed dropouts)
        # was parsed however deep it nested.
        "from-node-deep.train.pt2": tiny.edit(setter(
            lambda q: node(q, "linear")["metadata"], "from_node",
            "[" * 50000 + '"dropout"')),
        # Found merging the records into `custom`: the user's `custom`
        # (JSON in a string, read for mode's records when it names one) was
        # parsed however deep it nested. It is not mode's to judge: kept.
        "custom-deep.train.pt2": tiny.edit(setter(
            lambda q: node(q, "linear")["metadata"], "custom",
            '{"mode.x": ' + "[" * 50000)),
        # A 16 TiB input: metadata only, nothing is allocated from it.
        "huge-sizes.train.pt2": tiny.edit(huge_x),
        # Node metadata and the program's other fields are copied as they
        # are: what they hold is PyTorch's to judge (an empty key, a number
        # no double holds, which Python reads as inf).
        "metadata-empty-key.train.pt2": tiny.edit(setter(
            lambda q: node(q, "dropout")["metadata"], "", "x")),
        "number-overflow.train.pt2": tiny.text(tiny.data(MODEL).decode().replace(
            '"guards_code": []', '"guards_code": [1e400]', 1)),
        # A name with an unpaired surrogate (Python writes a byte that is
        # not UTF-8 so, with surrogateescape) came back as U+FFFD, unlike the
        # same name in the weights' config (issue 18, case 6).
        "surrogate-name.train.pt2": tiny.text(tiny.data(MODEL).decode().replace(
            '"linear"', '"lin\\udc80ear"')),
        # A higher-order op whose subgraphs hold nothing of a mode: kept as
        # it is.
        "subgraph.train.pt2": tiny.edit(cond_node),
        # Floats of 10 and more were written divided by a power of ten
        # (1e+16 as 1.0, 255.0 as 2.55): formatPythonFloat dropped the
        # exponent of "%e" when it had a '+'.
        "floats.train.pt2": tiny.edit(chain(
            dead_node("torch.ops.aten.mul.Tensor", [scalar("other", 255.0)],
                      "mul", dropout_meta),
            dead_node("torch.ops.aten.clamp.default",
                      [scalar("min", -1e16), scalar("max", 1.5e300)],
                      "clamp", dropout_meta),
            dead_node("torch.ops.aten.add.Tensor",
                      [scalar("other", 123.25),
                       {"name": "alpha", "arg": {"as_float": 10.0},
                        "kind": 2}],
                      "add", dropout_meta),
            dead_node("torch.ops.aten.div.Tensor",
                      [scalar("other", 12345678.9)], "div", dropout_meta))),
    }


def main():
    inputs = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE,
                                                                "Inputs")
    for folder, archives in (("bad-program", bad_programs(inputs)),
                             ("edge-program", edge_programs(inputs))):
        out = os.path.join(inputs, folder)
        os.makedirs(out, exist_ok=True)
        for name, data in sorted(archives.items()):
            with open(os.path.join(out, name), "wb") as f:
                f.write(data)


if __name__ == "__main__":
    main()
