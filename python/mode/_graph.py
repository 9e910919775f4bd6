"""A torch.fx graph as the JSON of one torch.export program, and mode's
answer applied back to the graph.

mode's C++ core reads and writes programs in the JSON schema of
`torch.export.save` (`models/<name>.json` of an archive). `write_program`
writes that JSON for the graph of an `ExportedProgram` or of the
`GraphModule` of `ep.module()`: the graph, the signature and the graph
module's metadata, as torch's own serializer writes them, and nothing of
the weights. `apply_program` takes the JSON the core gives back and
changes the graph in place to match it: nodes whose JSON is unchanged are
left alone; the others are updated, created or erased. Neither knows
anything of modes: which nodes change, and how, is the core's answer.

What torch's serializer writes that this one does not, because the core
does not read it and the program keeps its own: the module call graph and
the range constraints.
"""

from __future__ import annotations

import dataclasses
import inspect
import json
import operator
from typing import Any, Callable, Optional

import torch
import torch.fx
from torch._export.serde import schema as _schema
# torch's own tables: which number stands for which dtype, layout and
# memory format, and which Python operators act on symbolic sizes.
from torch._export.serde import serialize as _serde
from torch.export import graph_signature as _sig
from torch.fx.traceback import NodeSource as _NodeSource

# Argument kinds of the schema (ArgumentKind).
POSITIONAL, KEYWORD = 1, 2
ST_DELIMITER = ";"

_DTYPES = {dtype: int(number) for dtype, number in _serde._TORCH_TO_SERIALIZE_DTYPE.items()}
_LAYOUTS = {layout: int(number) for layout, number in _serde._TORCH_TO_SERIALIZE_LAYOUT.items()}
_MEMORY_FORMATS = {fmt: int(number)
                   for fmt, number in _serde._TORCH_TO_SERIALIZE_MEMORY_FORMAT.items()}
_TORCH_DTYPES = {number: dtype for dtype, number in _DTYPES.items()}
_TORCH_LAYOUTS = {number: layout for layout, number in _LAYOUTS.items()}
_TORCH_MEMORY_FORMATS = {number: fmt for fmt, number in _MEMORY_FORMATS.items()}
_SYM_OPS = _serde._SYM_OPS


class GraphFormError(Exception):
    """The graph has a form mode cannot write or apply; the message names
    the node and the form."""


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------


def _float(value: float) -> Any:
    """A float as the schema writes it: non-finite values as strings."""
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    return value


def _sym_int(size) -> dict:
    if type(size) is int:
        return {"as_int": size}
    return _serde._dataclass_to_dict(_serde.serialize_sym_int(size))


_DEVICES: dict = {}
_SCHEMAS: dict = {}
_OPERATOR_NAMES: dict = {}


def _device(device: torch.device) -> dict:
    found = _DEVICES.get(device)
    if found is None:
        found = _DEVICES[device] = {"type": device.type, "index": device.index}
    return found


def tensor_meta(t: torch.Tensor) -> dict:
    """The schema's TensorMeta of a (fake or real) tensor."""
    try:
        dtype = _DTYPES[t.dtype]
        layout = _LAYOUTS[t.layout]
    except KeyError as exc:
        raise GraphFormError(f"a tensor of dtype {t.dtype} and layout {t.layout}, "
                             "which the program schema has no number for") from exc
    return {"dtype": dtype, "sizes": [_sym_int(s) for s in t.shape],
            "requires_grad": t.requires_grad, "device": _device(t.device),
            "strides": [_sym_int(s) for s in t.stride()],
            "storage_offset": _sym_int(t.storage_offset()), "layout": layout}


def operator_name(target) -> str:
    """`torch.ops.aten.add_.Tensor`: a target as the schema names it."""
    name = _OPERATOR_NAMES.get(target)
    if name is None:
        if isinstance(target, str):
            name = target
        elif target.__module__.startswith("torch._ops"):
            name = f"{target.__module__.replace('torch._ops', 'torch.ops')}.{target.__name__}"
        else:
            name = f"{target.__module__}.{target.__name__}"
        _OPERATOR_NAMES[target] = name
    return name


def _schema_of(target) -> tuple:
    """(arguments as (name, kwarg_only, type), returns) of an OpOverload."""
    found = _SCHEMAS.get(target)
    if found is None:
        schema = target._schema
        found = _SCHEMAS[target] = (
            [(a.name, a.kwarg_only, a.type) for a in schema.arguments], schema.returns)
    return found


def _single_tensor_list_return(returns) -> bool:
    if len(returns) != 1:
        return False
    kind = returns[0].real_type
    return isinstance(kind, torch.ListType) and isinstance(kind.getElementType(),
                                                           torch.TensorType)


def _metadata(node: torch.fx.Node) -> dict:
    """A node's metadata as torch's serializer writes it."""
    meta = node.meta
    out = {}
    if stack_trace := meta.get("stack_trace"):
        out["stack_trace"] = stack_trace
    if stack := meta.get("nn_module_stack"):
        out["nn_module_stack"] = ST_DELIMITER.join(
            f"{key},{path},{kind}" for key, (path, kind) in stack.items())
    if source_fn_stack := meta.get("source_fn_stack"):
        out["source_fn_stack"] = ST_DELIMITER.join(
            f"{name},{operator_name(fn)}" for name, fn in source_fn_stack)
    if torch_fn := meta.get("torch_fn"):
        out["torch_fn"] = ST_DELIMITER.join(torch_fn)
    if custom := meta.get("custom"):
        try:
            out["custom"] = json.dumps(custom)
        except (TypeError, ValueError) as exc:
            raise GraphFormError(f"node '{node.name}': its metadata 'custom' is not "
                                 f"JSON ({exc})") from exc
    if "from_node" in meta:  # where a node of a decomposed program came from
        sources = meta["from_node"]
        out["from_node"] = json.dumps(
            None if sources is None else
            [s.to_dict() for s in sources if isinstance(s, _NodeSource)])
    return out


class ProgramWriter:
    """Writes one graph as program JSON and remembers which fx node each
    JSON name stands for (ProgramApplier needs both)."""

    def __init__(self, graph: torch.fx.Graph, module: Optional[torch.nn.Module]) -> None:
        self.graph = graph
        self.module = module  # the owner of get_attr targets (GraphModule form)
        self.nodes: list[dict] = []
        self.tensor_values: dict[str, dict] = {}
        self.sym_int_values: dict[str, dict] = {}
        self.sym_bool_values: dict[str, dict] = {}
        self.sym_float_values: dict[str, dict] = {}
        # JSON value name -> the fx node that holds the value.
        self.values: dict[str, torch.fx.Node] = {}
        # JSON node name -> (its JSON, its fx node).
        self.node_json: dict[str, tuple[dict, torch.fx.Node]] = {}
        # A get_attr node -> the name of the graph input it reads (one per
        # attribute), and a getitem that repeats another -> the first's name.
        self.renamed: dict[torch.fx.Node, str] = {}
        self.inputs: list[dict] = []
        self.outputs: list[dict] = []
        self.is_single_tensor_return = False
        # The inputs of attributes no get_attr node reads: target -> name.
        self.unread_attributes: dict[str, str] = {}
        # GraphModule form: the copy_ nodes that write an updated buffer or
        # parameter back (ep.module()'s form of a program's mutation
        # outputs), and the attribute each writes.
        self.write_backs: dict[torch.fx.Node, str] = {}

    # -- values -------------------------------------------------------------

    def name(self, node: torch.fx.Node) -> str:
        return self.renamed.get(node, node.name)

    def _tensor(self, name: str, val, label: str) -> dict:
        if name in self.tensor_values:
            raise GraphFormError(f"node '{label}': the value name '{name}' is used twice")
        try:
            self.tensor_values[name] = tensor_meta(val)
        except GraphFormError as exc:
            raise GraphFormError(f"node '{label}': {exc}") from exc
        return {"name": name}

    def output(self, name: str, val, label: str) -> dict:
        """serialize_output: one result of a node (or a graph input)."""
        if val is None:
            return {"as_none": True}
        if isinstance(val, torch.Tensor):
            return {"as_tensor": self._tensor(name, val, label)}
        if isinstance(val, (bool, torch.SymBool)):
            self.sym_bool_values[name] = _serde._dataclass_to_dict(_serde.serialize_sym_bool(val))
            return {"as_sym_bool": {"as_name": name}}
        if isinstance(val, (int, torch.SymInt)):
            self.sym_int_values[name] = _sym_int(val)
            return {"as_sym_int": {"as_name": name}}
        if isinstance(val, (float, torch.SymFloat)):
            self.sym_float_values[name] = _serde._dataclass_to_dict(
                _serde.serialize_sym_float(val))
            return {"as_sym_float": {"as_name": name}}
        raise GraphFormError(f"node '{label}': a result of type {type(val).__name__}, "
                             "which the program schema cannot hold")

    def argument(self, arg, arg_type, label: str) -> dict:
        """serialize_input: one argument of a node, in the forms (and the
        order of the tests) of torch's serializer."""
        if isinstance(arg, torch.fx.Node):
            name = self.name(arg)
            if arg.op == "get_attr" and arg not in self.renamed:
                raise GraphFormError(f"node '{label}' reads attribute '{arg.target}', "
                                     "which is not a tensor")
            if name in self.sym_int_values:
                return {"as_sym_int": {"as_name": name}}
            if name in self.sym_float_values:
                return {"as_sym_float": {"as_name": name}}
            if name in self.sym_bool_values:
                return {"as_sym_bool": {"as_name": name}}
            if name not in self.tensor_values:
                raise GraphFormError(f"node '{label}' reads '{arg.name}', a value the "
                                     "program schema cannot name (no tensor, no size)")
            return {"as_tensor": {"name": name}}
        kind = type(arg)
        if kind is bool:
            return {"as_bool": arg}
        if kind is str:
            return {"as_string": arg}
        if kind is int:
            return {"as_int": arg}
        if kind is float:
            return {"as_float": _float(arg)}
        if arg is None:
            return {"as_none": True}
        if kind is complex:
            return {"as_complex": {"real": _float(arg.real), "imag": _float(arg.imag)}}
        if isinstance(arg, (list, tuple)):
            return self._list(arg, arg_type, label)
        if isinstance(arg, torch.dtype):
            return {"as_scalar_type": _DTYPES[arg]}
        if isinstance(arg, torch.device):
            return {"as_device": {"type": arg.type, "index": arg.index}}
        if isinstance(arg, torch.memory_format):
            return {"as_memory_format": _MEMORY_FORMATS[arg]}
        if isinstance(arg, torch.layout):
            return {"as_layout": _LAYOUTS[arg]}
        if isinstance(arg, (torch._ops.OpOverload, torch._ops.HigherOrderOperator)):
            return {"as_operator": operator_name(arg)}
        raise GraphFormError(f"node '{label}': an argument of type {kind.__name__}, "
                             "which mode cannot write")

    def _list(self, arg, arg_type, label: str) -> dict:
        if not arg:
            element = None
            if arg_type is not None:
                if isinstance(arg_type, torch.OptionalType):
                    arg_type = arg_type.getElementType()
                element = arg_type.getElementType() if isinstance(arg_type, torch.ListType) \
                    else None
                if isinstance(element, torch.OptionalType):
                    element = element.getElementType()
            for kind, key in ((torch.BoolType, "as_bools"), (torch.IntType, "as_ints"),
                              (torch.FloatType, "as_floats"), (torch.StringType, "as_strings"),
                              (torch.TensorType, "as_tensors")):
                if isinstance(element, kind):
                    return {key: []}
            if arg_type is None:
                return {"as_tensors": []}
            raise GraphFormError(f"node '{label}': an empty list of {element}")
        kinds = {type(a) for a in arg}
        if kinds == {bool}:
            return {"as_bools": list(arg)}
        if kinds == {int}:
            return {"as_ints": list(arg)}
        if kinds == {float}:
            return {"as_floats": [_float(a) for a in arg]}
        if kinds == {str}:
            return {"as_strings": list(arg)}
        nodes = [a for a in arg if isinstance(a, torch.fx.Node)]
        names = [self.name(a) for a in nodes]
        if all(isinstance(a, torch.fx.Node) or type(a) is int for a in arg) \
                and all(n in self.sym_int_values for n in names):
            return {"as_sym_ints": [{"as_name": self.name(a)} if isinstance(a, torch.fx.Node)
                                    else {"as_int": a} for a in arg]}
        if all(isinstance(a, torch.fx.Node) or isinstance(a, float) for a in arg) \
                and all(n in self.sym_float_values for n in names):
            return {"as_sym_floats": [{"as_name": self.name(a)} if isinstance(a, torch.fx.Node)
                                      else {"as_float": _float(a)} for a in arg]}
        if all(isinstance(a, torch.fx.Node) or isinstance(a, bool) for a in arg) \
                and all(n in self.sym_bool_values for n in names):
            return {"as_sym_bools": [{"as_name": self.name(a)} if isinstance(a, torch.fx.Node)
                                     else {"as_bool": a} for a in arg]}
        tensors = all(n in self.tensor_values for n in names)
        if len(nodes) == len(arg) and tensors:
            return {"as_tensors": [{"name": n} for n in names]}
        if all(isinstance(a, torch.fx.Node) or a is None for a in arg) and tensors:
            return {"as_optional_tensors": [
                {"as_tensor": {"name": self.name(a)}} if a is not None else {"as_none": True}
                for a in arg]}
        raise GraphFormError(f"node '{label}': a list argument of "
                             f"{sorted(k.__name__ for k in kinds)}, which mode cannot write")

    # -- graph inputs ---------------------------------------------------------

    def graph_input(self, node: torch.fx.Node, name: str, val) -> dict:
        """A graph input (placeholder or read attribute) named `name`."""
        self.values[name] = node
        if isinstance(val, (torch.Tensor, torch.SymInt)):
            argument = self.output(name, val, node.name)
        elif isinstance(val, (bool, str, float, type(None))) or type(val) is int:
            argument = self.argument(val, None, node.name)
        else:
            raise GraphFormError(f"graph input '{node.name}' of type {type(val).__name__}, "
                                 "which mode cannot write")
        self.inputs.append(argument)
        return argument

    # -- nodes ----------------------------------------------------------------

    def call_function(self, node: torch.fx.Node) -> None:
        target = node.target
        if target is operator.getitem:
            producer = node.args[0]
            if not (isinstance(producer, torch.fx.Node) and producer.op == "call_function"
                    and isinstance(producer.target, torch._ops.OpOverload)):
                raise GraphFormError(f"node '{node.name}': getitem of '{node.args[0]}', "
                                     "which is no operator's result")
            return  # written with its producer, as torch writes it
        val = node.meta.get("val")
        if isinstance(target, torch._ops.HigherOrderOperator):
            raise GraphFormError(f"node '{node.name}': the higher-order operator "
                                 f"{operator_name(target)} (its subgraphs are not read by mode)")
        if target in _SYM_OPS or isinstance(val, (torch.SymInt, torch.SymBool, torch.SymFloat)):
            if node.kwargs:
                raise GraphFormError(f"node '{node.name}': a size computation with "
                                     "keyword arguments")
            if isinstance(target, torch._ops.OpOverload):
                names = [a[0] for a in _schema_of(target)[0]]
            elif target in _SYM_OPS:
                names = list(inspect.signature(target).parameters)
            else:
                raise GraphFormError(f"node '{node.name}': {operator_name(target)} on sizes")
            inputs = [{"name": n, "arg": self.argument(a, None, node.name), "kind": POSITIONAL}
                      for n, a in zip(names, node.args)]
            outputs = [self.output(node.name, val, node.name)]
            self.values[node.name] = node
        elif isinstance(target, torch._ops.OpOverload):
            inputs = self._inputs(node)
            outputs = self._outputs(node, val)
        else:
            raise GraphFormError(f"node '{node.name}': a call of {operator_name(target)}, "
                                 "which is no operator (mode reads torch.ops only)")
        self._add(node, operator_name(target), inputs, outputs)

    def call_module(self, node: torch.fx.Node) -> None:
        """A submodule call (torchao's observers, the guards of ep.module()):
        a node mode keeps as it is, with the module's path in its target."""
        inputs = [{"name": "", "arg": self.argument(a, None, node.name), "kind": POSITIONAL}
                  for a in node.args]
        inputs += [{"name": k, "arg": self.argument(a, None, node.name), "kind": KEYWORD}
                   for k, a in node.kwargs.items()]
        val = node.meta.get("val")
        if val is None and node.users:
            raise GraphFormError(f"node '{node.name}': a call of submodule '{node.target}' "
                                 f"({type(_attribute(self.module, node.target)).__name__}) "
                                 "whose result has no recorded value (meta['val'])")
        if not (val is None or isinstance(val, torch.Tensor)):
            raise GraphFormError(f"node '{node.name}': a call of submodule '{node.target}' "
                                 f"that returns {type(val).__name__}, not one tensor")
        outputs = [self.output(node.name, val, node.name)] if val is not None else []
        self.values[node.name] = node
        self._add(node, f"call_module:{node.target}", inputs, outputs)

    def _add(self, node, target: str, inputs, outputs) -> None:
        written = {"target": target, "inputs": inputs, "outputs": outputs,
                   "metadata": _metadata(node), "is_hop_single_tensor_return": None,
                   "name": node.name}
        self.nodes.append(written)
        self.node_json[node.name] = (written, node)

    def _inputs(self, node: torch.fx.Node) -> list[dict]:
        arguments, _ = _schema_of(node.target)
        args, kwargs = node.args, node.kwargs
        written = []
        for i, (name, kwarg_only, arg_type) in enumerate(arguments):
            if name in kwargs:
                arg = self.argument(kwargs[name], arg_type, node.name)
                written.append({"name": name, "arg": arg, "kind": KEYWORD})
            elif not kwarg_only and i < len(args):
                arg = self.argument(args[i], arg_type, node.name)
                written.append({"name": name, "arg": arg, "kind": POSITIONAL})
        return written

    def _outputs(self, node: torch.fx.Node, val) -> list[dict]:
        """serialize_outputs: results named after their getitem nodes."""
        _, returns = _schema_of(node.target)
        if not returns:
            return []
        if "val" not in node.meta:
            raise GraphFormError(f"node '{node.name}' has no recorded result (meta['val'])")
        getitems: dict[int, torch.fx.Node] = {}
        for user in node.users:
            if user.target is not operator.getitem:
                if len(returns) > 1 or _single_tensor_list_return(returns):
                    raise GraphFormError(f"node '{node.name}': its results are read by "
                                         f"'{user.name}', not by getitem")
                continue
            index = user.args[1]
            if index in getitems:  # torch keeps one name per result
                self.renamed[user] = getitems[index].name
            else:
                getitems[index] = user

        def result_name(index: int) -> str:
            user = getitems.get(index)
            if user is None:
                return f"{node.name}_unused_{index}"
            self.values[user.name] = user
            return user.name

        if _single_tensor_list_return(returns):
            return [{"as_tensors": [self._tensor(result_name(i), m, node.name)
                                    for i, m in enumerate(val)]}]
        if len(returns) == 1:
            self.values[node.name] = node
            return [self.output(node.name, val, node.name)]
        outputs = []
        for index, (meta, ret) in enumerate(zip(val, returns)):
            if meta is None:
                outputs.append({"as_none": True})
            elif isinstance(meta, (list, tuple)):
                raise GraphFormError(f"node '{node.name}': result {index} is a list of "
                                     "tensors among other results")
            else:
                outputs.append(self.output(result_name(index), meta, node.name))
        return outputs

    # -- the whole program -------------------------------------------------------

    def graph_outputs(self, node: torch.fx.Node) -> None:
        results = node.args[0]
        if isinstance(results, torch.fx.Node):
            self.is_single_tensor_return = True
            results = [results]
        self.outputs = [self.argument(r, None, node.name) for r in results]

    def program(self, signature: dict, verifiers: list[str], custom) -> dict:
        graph_module_metadata = {}
        if custom:
            graph_module_metadata["custom"] = json.dumps(custom)
        return {
            "graph_module": {
                "graph": {
                    "inputs": self.inputs, "outputs": self.outputs, "nodes": self.nodes,
                    "tensor_values": self.tensor_values, "sym_int_values": self.sym_int_values,
                    "sym_bool_values": self.sym_bool_values,
                    "is_single_tensor_return": self.is_single_tensor_return,
                    "custom_obj_values": {}, "sym_float_values": self.sym_float_values,
                },
                "signature": signature,
                "module_call_graph": [],
                "metadata": graph_module_metadata,
                "treespec_namedtuple_fields": {},
            },
            "opset_version": {"aten": torch._C._get_max_operator_version()},
            "range_constraints": {},
            "schema_version": {"major": _schema.SCHEMA_VERSION[0],
                               "minor": _schema.SCHEMA_VERSION[1]},
            "verifiers": verifiers,
            "torch_version": torch.__version__,
            "guards_code": [],
        }

    def nodes_of(self, graph: torch.fx.Graph) -> None:
        for node in graph.nodes:
            if node in self.write_backs:
                continue
            if node.op == "call_function":
                self.call_function(node)
            elif node.op == "call_module":
                self.call_module(node)
            elif node.op == "output":
                self.graph_outputs(node)
            elif node.op not in ("placeholder", "get_attr"):
                raise GraphFormError(f"node '{node.name}': a {node.op} node")


def _argument_spec(writer: ProgramWriter, arg, where: str) -> dict:
    if isinstance(arg, _sig.TensorArgument):
        return {"as_tensor": {"name": arg.name}}
    if isinstance(arg, _sig.SymIntArgument):
        return {"as_sym_int": {"as_name": arg.name}}
    if isinstance(arg, _sig.SymFloatArgument):
        return {"as_sym_float": {"as_name": arg.name}}
    if isinstance(arg, _sig.SymBoolArgument):
        return {"as_sym_bool": {"as_name": arg.name}}
    if isinstance(arg, _sig.ConstantArgument):
        return writer.argument(arg.value, None, where)
    raise GraphFormError(f"the {where} is a {type(arg).__name__}, which mode cannot write")


def _input_spec(writer: ProgramWriter, spec, name: str) -> dict:
    """The schema's InputSpec of `spec`, whose placeholder is `name`."""
    kind = spec.kind
    if kind == _sig.InputKind.USER_INPUT:
        if isinstance(spec.arg, _sig.ConstantArgument):
            value = spec.arg.value
            constant = ({"as_none": True} if value is None else
                        {{bool: "as_bool", int: "as_int", float: "as_float",
                          str: "as_string"}[type(value)]: value})
            return {"constant_input": {"name": name, "value": constant}}
        return {"user_input": {"arg": _argument_spec(writer, spec.arg, "input " + str(name))}}
    if kind == _sig.InputKind.PARAMETER:
        return {"parameter": {"arg": {"name": name}, "parameter_name": spec.target}}
    if kind == _sig.InputKind.BUFFER:
        return {"buffer": {"arg": {"name": name}, "buffer_name": spec.target,
                           "persistent": spec.persistent}}
    if kind == _sig.InputKind.CONSTANT_TENSOR:
        return {"tensor_constant": {"arg": {"name": name}, "tensor_constant_name": spec.target}}
    if kind == _sig.InputKind.TOKEN:
        return {"token": {"arg": {"name": name}}}
    raise GraphFormError(f"the graph input '{name}' of kind {kind.name}, which mode cannot write")


# OutputKind -> (the schema's member, the name of its target field).
_OUTPUT_SPECS = {
    "USER_OUTPUT": ("user_output", None),
    "LOSS_OUTPUT": ("loss_output", None),
    "BUFFER_MUTATION": ("buffer_mutation", "buffer_name"),
    "PARAMETER_MUTATION": ("parameter_mutation", "parameter_name"),
    "GRADIENT_TO_PARAMETER": ("gradient_to_parameter", "parameter_name"),
    "GRADIENT_TO_USER_INPUT": ("gradient_to_user_input", "user_input_name"),
    "USER_INPUT_MUTATION": ("user_input_mutation", "user_input_name"),
    "TOKEN": ("token", None),
}
_OUTPUT_KINDS = {member: (kind, field) for kind, (member, field) in _OUTPUT_SPECS.items()}


def _output_spec(writer: ProgramWriter, spec) -> dict:
    member, field = _OUTPUT_SPECS[spec.kind.name]
    if spec.kind == _sig.OutputKind.USER_OUTPUT:
        return {member: {"arg": _argument_spec(writer, spec.arg, "graph output")}}
    written = {"arg": {"name": spec.arg.name}}
    if field:
        written[field] = spec.target
    return {member: written}


def write_exported_program_graph(ep: torch.export.ExportedProgram,
                                 graph: torch.fx.Graph) -> tuple[dict, ProgramWriter]:
    """The program JSON of an ExportedProgram whose graph is `graph` (a
    copy of `ep.graph`): graph, signature and metadata, no weights."""
    writer = ProgramWriter(graph, None)
    specs = ep.graph_signature.input_specs
    placeholders = [n for n in graph.nodes if n.op == "placeholder"]
    if len(specs) != len(placeholders):
        raise GraphFormError(f"the signature has {len(specs)} inputs for "
                             f"{len(placeholders)} placeholders")
    for node in placeholders:
        if "val" not in node.meta:
            raise GraphFormError(f"graph input '{node.name}' has no recorded value "
                                 "(meta['val'])")
        writer.graph_input(node, node.name, node.meta["val"])
    writer.nodes_of(graph)
    # The copy of a graph may name a placeholder otherwise than the
    # signature does (newer torch renames `input`, a Python builtin).
    signature = {"input_specs": [_input_spec(writer, s, n.name)
                                 for s, n in zip(specs, placeholders)],
                 "output_specs": [_output_spec(writer, s)
                                  for s in ep.graph_signature.output_specs]}
    verifiers = [v.dialect for v in ep.verifiers]
    return writer.program(signature, verifiers, ep.graph_module.meta.get("custom")), writer


# What a decomposed graph cannot hold: run_decompositions() replaces every
# operator of its decomposition table, and every CompositeImplicitAutograd
# operator that export does not keep whole (it keeps functional ones such
# as upsample_nearest2d.vec). test_python_api.py checks it on the zoo.
_DECOMPOSABLE: dict = {}
_DECOMPOSITIONS: set = set()


def _decomposable(target) -> bool:
    found = _DECOMPOSABLE.get(target)
    if found is None:
        from torch._export.utils import _is_preservable_cia_op
        if not _DECOMPOSITIONS:
            _DECOMPOSITIONS.update(torch.export.default_decompositions().keys())
        composite = torch._C._dispatch_has_kernel_for_dispatch_key(
            target.name(), "CompositeImplicitAutograd")
        # Size queries (sym_size.int, ...) stay in both.
        size = all(str(r.type) in ("SymInt", "int") for r in target._schema.returns)
        found = _DECOMPOSABLE[target] = not size and (target in _DECOMPOSITIONS or (
            composite and not _is_preservable_cia_op(target)))
    return found


def graph_module_dialect(graph: torch.fx.Graph) -> str:
    """The dialect of the program a GraphModule comes from, which it does
    not record: "ATEN" (after `run_decompositions()`) when none of its
    operators is one that `run_decompositions()` replaces, else
    "TRAINING" (`torch.export.export`'s)."""
    for node in graph.nodes:
        if node.op == "call_function" and isinstance(node.target, torch._ops.OpOverload) \
                and _decomposable(node.target):
            return "TRAINING"
    return "ATEN"


def write_graph_module(gm: torch.fx.GraphModule,
                       graph: torch.fx.Graph) -> tuple[dict, ProgramWriter]:
    """The program JSON of the GraphModule of `ep.module()` (also after
    torchao's prepare_pt2e/prepare_qat_pt2e): its attributes (get_attr
    nodes, and the parameters and buffers no node reads) are the graph's
    parameter, buffer and constant inputs, its placeholders the user
    inputs; submodule calls are kept as they are. `graph` is the graph
    written (a copy of `gm.graph`)."""
    writer = ProgramWriter(graph, gm)
    parameters = dict(gm.named_parameters(remove_duplicate=False))
    buffers = dict(gm.named_buffers(remove_duplicate=False))
    specs = []
    attribute_input: dict[str, str] = {}
    used_names = {n.name for n in graph.nodes}

    def attribute_spec(target: str, name: str, where: str) -> dict:
        if target in parameters:
            return {"parameter": {"arg": {"name": name}, "parameter_name": target}}
        if target in buffers:
            owner, _, leaf = target.rpartition(".")
            module = gm.get_submodule(owner) if owner else gm
            persistent = leaf not in module._non_persistent_buffers_set
            return {"buffer": {"arg": {"name": name}, "buffer_name": target,
                               "persistent": persistent}}
        value = _attribute(gm, target)
        if isinstance(value, torch.Tensor):
            return {"tensor_constant": {"arg": {"name": name}, "tensor_constant_name": target}}
        if isinstance(value, torch.fx.GraphModule):
            raise GraphFormError(f"node '{where}' reads attribute '{target}', a subgraph "
                                 "(torch.fx.GraphModule) of a higher-order operator, which "
                                 "mode does not read")
        raise GraphFormError(f"node '{where}' reads attribute '{target}', a "
                             f"{type(value).__name__}, which mode cannot write")

    for node in graph.nodes:
        if node.op == "get_attr":
            if node.target in attribute_input:  # one input per attribute
                writer.renamed[node] = attribute_input[node.target]
                continue
            spec = attribute_spec(node.target, node.name, node.name)
            attribute_input[node.target] = node.name
            writer.renamed[node] = node.name
            val = node.meta.get("val")
            if val is None:
                val = _attribute(gm, node.target)
            writer.graph_input(node, node.name, val)
            specs.append(spec)
        elif node.op == "placeholder":
            if "val" not in node.meta:
                raise GraphFormError(f"graph input '{node.name}' has no recorded value "
                                     "(meta['val'])")
            argument = writer.graph_input(node, node.name, node.meta["val"])
            specs.append({"user_input": {"arg": argument}})
    # The parameters and buffers no node reads, as PyTorch's programs list
    # them: a switch may add a node that reads one (a batch norm's counter).
    for target, tensor in (*parameters.items(), *buffers.items()):
        if target in attribute_input:
            continue
        name = target.replace(".", "_")
        while name in used_names:
            name += "_"
        used_names.add(name)
        attribute_input[target] = name
        writer.unread_attributes[target] = name
        writer.inputs.append({"as_tensor": writer._tensor(name, tensor, name)})
        specs.append(attribute_spec(target, name, name))
    # ep.module() writes a program's buffer and parameter updates back with
    # copy_ nodes before the output; the program's own form is an output.
    for node in reversed(list(graph.nodes)[:-1]):
        if not (node.op == "call_function" and node.target is torch.ops.aten.copy_.default
                and not node.users and isinstance(node.args[0], torch.fx.Node)
                and node.args[0].op == "get_attr"
                and (node.args[0].target in buffers or node.args[0].target in parameters)):
            break
        writer.write_backs[node] = node.args[0].target
    writer.nodes_of(graph)
    mutations, mutation_specs = [], []
    for node, target in reversed(writer.write_backs.items()):
        value = writer.argument(node.args[1], None, node.name)
        if "as_tensor" not in value:
            raise GraphFormError(f"node '{node.name}' writes '{target}' back from no tensor")
        mutations.append(value)
        kind, field = (("buffer_mutation", "buffer_name") if target in buffers
                       else ("parameter_mutation", "parameter_name"))
        mutation_specs.append({kind: {"arg": value["as_tensor"], field: target}})
    signature = {"input_specs": specs,
                 "output_specs": mutation_specs + [{"user_output": {"arg": o}}
                                                   for o in writer.outputs]}
    writer.outputs = mutations + writer.outputs
    return writer.program(signature, [graph_module_dialect(graph)],
                          gm.meta.get("custom")), writer


def fake_like(graph: torch.fx.Graph, tensor: torch.Tensor):
    """`tensor` as a fake tensor of the graph's fake mode (the graph's
    nodes record fake values), or itself when the graph has none."""
    mode = fake_mode_of(graph)
    return mode.from_tensor(tensor, static_shapes=True) if mode else tensor


def fake_mode_of(graph: torch.fx.Graph):
    """The fake mode of the values recorded for the graph's inputs
    (placeholders, attributes), None if they are not fake tensors."""
    for node in graph.nodes:
        val = node.meta.get("val") if node.op in ("placeholder", "get_attr") else None
        if isinstance(val, torch._subclasses.FakeTensor):
            return val.fake_mode
    return None


def refresh_values(gm: torch.fx.GraphModule, graph: torch.fx.Graph) -> None:
    """Records the values (meta['val']) that torchao's prepare_pt2e and
    prepare_qat_pt2e leave wrong or out, on `graph` (a copy of gm.graph):
    the nodes of a pattern they replaced (the QAT conv-batch norm) keep the
    fake tensors of the pattern's own tracing (other shapes, another fake
    mode), which are computed anew from their arguments; and the observer
    and fake-quantize calls they insert have none, their result being a
    tensor like their input (quantized values only)."""
    mode = fake_mode_of(graph)
    if mode is None:
        return

    def foreign(val) -> bool:
        if isinstance(val, (tuple, list)):
            return any(foreign(v) for v in val)
        return isinstance(val, torch._subclasses.FakeTensor) and val.fake_mode is not mode

    for node in graph.nodes:
        if node.op == "call_module" and "val" not in node.meta:
            arg = node.args[0] if len(node.args) == 1 and not node.kwargs else None
            if isinstance(_attribute(gm, node.target), _observer_classes()) \
                    and isinstance(arg, torch.fx.Node) \
                    and isinstance(arg.meta.get("val"), torch.Tensor):
                node.meta["val"] = arg.meta["val"]
        elif node.op == "call_function" and isinstance(node.target, torch._ops.OpOverload) \
                and foreign(node.meta.get("val")):
            args, kwargs = torch.fx.node.map_arg((node.args, node.kwargs),
                                                 lambda n: n.meta.get("val"))
            with mode:
                node.meta["val"] = node.target(*args, **kwargs)


_OBSERVERS: Optional[tuple] = None


def _observer_classes() -> tuple:
    """The observer and fake-quantize base classes of torch.ao and torchao
    (those that are importable)."""
    global _OBSERVERS
    if _OBSERVERS is None:
        found = []
        for module, names in (("torch.ao.quantization", ("ObserverBase", "FakeQuantizeBase")),
                              ("torchao.quantization.pt2e.observer", ("ObserverBase",)),
                              ("torchao.quantization.pt2e.fake_quantize",
                               ("FakeQuantizeBase",))):
            try:
                imported = __import__(module, fromlist=list(names))
            except ImportError:
                continue
            found += [getattr(imported, n) for n in names if hasattr(imported, n)]
        _OBSERVERS = tuple(found)
    return _OBSERVERS


def _attribute(module: torch.nn.Module, target: str):
    value = module
    for part in target.split("."):
        value = getattr(value, part)
    return value


# ---------------------------------------------------------------------------
# Applying the core's answer
# ---------------------------------------------------------------------------


def _lookup_operator(name: str):
    """The OpOverload the schema name `torch.ops.aten.add_.Tensor` names."""
    parts = name.split(".")
    if len(parts) != 5 or parts[:2] != ["torch", "ops"]:
        raise GraphFormError(f"mode wrote the operator '{name}', which is no torch.ops "
                             "operator")
    try:
        return getattr(getattr(getattr(torch.ops, parts[2]), parts[3]), parts[4])
    except AttributeError as exc:
        raise GraphFormError(f"mode wrote the operator '{name}', which this PyTorch does "
                             "not have") from exc


def _read_metadata(metadata: dict) -> dict:
    """deserialize_metadata: the node metadata torch reads back."""
    meta: dict = {}
    if stack_trace := metadata.get("stack_trace"):
        meta["stack_trace"] = stack_trace
    if stack := metadata.get("nn_module_stack"):
        entries = {}
        for item in stack.split(ST_DELIMITER):
            parts, depth, start = [], 0, 0
            for i, c in enumerate(item):
                if c in "[(":
                    depth += 1
                elif c in ")]":
                    depth -= 1
                elif c == "," and depth == 0:
                    parts.append(item[start:i])
                    start = i + 1
            parts.append(item[start:])
            if len(parts) != 3:
                raise GraphFormError(f"mode wrote the nn_module_stack entry '{item}'")
            entries[parts[0]] = (parts[1], parts[2])
        meta["nn_module_stack"] = entries
    if source_fn_stack := metadata.get("source_fn_stack"):
        meta["source_fn_stack"] = [tuple(item.split(",", 1))
                                   for item in source_fn_stack.split(ST_DELIMITER)]
    if torch_fn := metadata.get("torch_fn"):
        meta["torch_fn"] = tuple(torch_fn.split(ST_DELIMITER))
    if custom := metadata.get("custom"):
        meta["custom"] = json.loads(custom)
    return meta


class ProgramApplier:
    """Changes the graph the writer wrote so that it is the program `out`."""

    def __init__(self, writer: ProgramWriter, written: dict, out: dict,
                 read_attribute: Optional[Callable[[str, str], torch.fx.Node]] = None) -> None:
        self.writer = writer
        self.graph = writer.graph
        self.written_graph = written["graph_module"]["graph"]
        self.out_graph = out["graph_module"]["graph"]
        self.values = dict(writer.values)
        self.read_attribute = read_attribute
        self.fake_mode = None
        # Results of changed nodes that mode no longer names: erased last.
        self.stale: list[torch.fx.Node] = []

    def value(self, name: str) -> torch.fx.Node:
        node = self.values.get(name)
        if node is None:
            target = next((t for t, n in self.writer.unread_attributes.items() if n == name),
                          None)
            if target is None or self.read_attribute is None:
                raise GraphFormError(f"mode's program reads '{name}', which is no value of "
                                     "the graph")
            node = self.values[name] = self.read_attribute(target, name)
        return node

    def argument(self, arg: dict):
        (kind, value), = arg.items()
        if kind == "as_none":
            return None
        if kind == "as_tensor":
            return self.value(value["name"])
        if kind == "as_tensors":
            return [self.value(t["name"]) for t in value]
        if kind in ("as_int", "as_bool", "as_string", "as_ints", "as_bools", "as_strings"):
            return value
        if kind == "as_float":
            return float(value)
        if kind == "as_floats":
            return [float(v) for v in value]
        if kind in ("as_sym_int", "as_sym_float", "as_sym_bool"):
            (member, item), = value.items()
            return self.value(item) if member == "as_name" else item
        if kind in ("as_sym_ints", "as_sym_floats", "as_sym_bools"):
            return [self.argument({kind[:-1]: v}) for v in value]
        if kind == "as_optional_tensors":
            return [None if "as_none" in v else self.value(v["as_tensor"]["name"])
                    for v in value]
        if kind == "as_optional_tensor":
            return None if "as_none" in value else self.value(value["as_tensor"]["name"])
        if kind == "as_scalar_type":
            return _TORCH_DTYPES[value]
        if kind == "as_memory_format":
            return _TORCH_MEMORY_FORMATS[value]
        if kind == "as_layout":
            return _TORCH_LAYOUTS[value]
        if kind == "as_device":
            return torch.device(value["type"], value.get("index"))
        if kind == "as_complex":
            return complex(float(value["real"]), float(value["imag"]))
        if kind == "as_operator":
            return _lookup_operator(value)
        raise GraphFormError(f"mode wrote an argument {kind}, which cannot be applied")

    def arguments(self, target, inputs: list[dict]) -> tuple[tuple, dict]:
        """deserialize_inputs: args and kwargs in the schema's order."""
        given = {i["name"]: i for i in inputs}
        args, kwargs = [], {}
        for name, kwarg_only, _ in _schema_of(target)[0]:
            item = given.get(name)
            if item is None:
                continue
            value = self.argument(item["arg"])
            if item.get("kind") == KEYWORD or kwarg_only:
                kwargs[name] = value
            else:
                args.append(value)
        return tuple(args), kwargs

    def _fake_value(self, node: torch.fx.Node) -> None:
        """node.meta['val']: an in-place operator's result is its argument
        (a batch norm's counter, `add_`); others are run on fake tensors."""
        returns = node.target._schema.returns
        alias = returns[0].alias_info if len(returns) == 1 else None
        if alias is not None and alias.is_write:
            for i, arg in enumerate(node.target._schema.arguments):
                if arg.alias_info is not None and arg.alias_info.before_set == alias.before_set:
                    source = node.args[i] if i < len(node.args) else node.kwargs.get(arg.name)
                    if isinstance(source, torch.fx.Node) and "val" in source.meta:
                        node.meta["val"] = source.meta["val"]
                        return
        if self.fake_mode is None:
            self.fake_mode = fake_mode_of(self.graph) or False
        if not self.fake_mode:
            node.meta.pop("val", None)
            return
        args, kwargs = torch.fx.node.map_arg((node.args, node.kwargs),
                                             lambda n: n.meta.get("val"))
        with self.fake_mode:
            node.meta["val"] = node.target(*args, **kwargs)

    def _define_results(self, node: torch.fx.Node, outputs: list[dict]) -> None:
        """Names the node's results as `outputs` does: the node itself for a
        single result, getitem nodes (reused, moved or made) for several."""
        _, returns = _schema_of(node.target)
        getitems = {u.args[1]: u for u in node.users if u.target is operator.getitem}
        if len(returns) == 1 and not _single_tensor_list_return(returns):
            (kind, value), = outputs[0].items() if outputs else (("as_none", True),)
            if kind == "as_tensor":
                self.values[value["name"]] = node
            return
        if _single_tensor_list_return(returns):
            names = [t["name"] for t in outputs[0]["as_tensors"]]
        else:
            names = [next(iter(o.values()))["name"] if "as_tensor" in o else None
                     for o in outputs]
        for user in getitems.values():
            if user.name not in names:
                self.stale.append(user)
                self.values.pop(user.name, None)
        anchor = node
        for index, name in enumerate(names):
            if name is None or name.startswith(f"{node.name}_unused_"):
                continue
            user = self.values.get(name)
            if user is not None and user.target is operator.getitem and user.args[0] is node:
                if user.args[1] != index:
                    user.update_arg(1, index)
            else:
                with self.graph.inserting_after(anchor):
                    user = self.graph.create_node("call_function", operator.getitem,
                                                  (node, index), name=name)
                self.values[name] = user
            if isinstance(node.meta.get("val"), (tuple, list)):
                user.meta["val"] = node.meta["val"][index]
            anchor = user

    def apply(self, outputs: Optional[Callable[[], None]] = None) -> None:
        """Changes the graph; `outputs` sets its outputs (by default, as
        the program's graph outputs say)."""
        outputs = outputs or self._rewire_outputs
        written = self.writer.node_json
        out_nodes = self.out_graph["nodes"]
        kept: set[str] = set()
        # Where a new node goes: before the next node that stays.
        staying = [written[n["name"]][1] if n.get("name") in written else None
                   for n in out_nodes]
        next_staying: list[Optional[torch.fx.Node]] = [None] * len(out_nodes)
        anchor = None
        for i in range(len(out_nodes) - 1, -1, -1):
            next_staying[i] = anchor
            if staying[i] is not None:
                anchor = staying[i]
        output_node = self.graph.output_node()
        for i, jnode in enumerate(out_nodes):
            name = jnode.get("name")
            old = written.get(name)
            if old is not None:
                kept.add(name)
                if old[0] == jnode:
                    continue
                self._update(old[1], old[0], jnode)
            else:
                self._create(jnode, next_staying[i] or output_node)
        gone = [fx for name, (_, fx) in written.items() if name not in kept]
        outputs()
        for node in self.stale + list(reversed(gone)):
            for user in list(node.users):
                if user.target is operator.getitem and not user.users:
                    self.graph.erase_node(user)
            if node.users:
                raise GraphFormError(f"mode removed '{node.name}', which "
                                     f"'{next(iter(node.users)).name}' still reads")
            self.graph.erase_node(node)

    def _target(self, jnode: dict):
        target = jnode["target"]
        if target.startswith("call_module:"):
            raise GraphFormError(f"mode changed the submodule call '{jnode.get('name')}'")
        return _lookup_operator(target)

    def _update(self, node: torch.fx.Node, before: dict, jnode: dict) -> None:
        target = self._target(jnode)
        args, kwargs = self.arguments(target, jnode["inputs"])
        node.target, node.args, node.kwargs = target, args, kwargs
        if jnode["metadata"] != before["metadata"]:
            meta = _read_metadata(jnode["metadata"])
            for key in ("stack_trace", "nn_module_stack", "source_fn_stack", "torch_fn",
                        "custom"):
                if key in meta:
                    node.meta[key] = meta[key]
                else:
                    node.meta.pop(key, None)
        if jnode["outputs"] != before["outputs"] or jnode["target"] != before["target"]:
            self._fake_value(node)
        self._define_results(node, jnode["outputs"])

    def _create(self, jnode: dict, before: torch.fx.Node) -> None:
        target = self._target(jnode)
        args, kwargs = self.arguments(target, jnode["inputs"])
        with self.graph.inserting_before(before):
            node = self.graph.create_node("call_function", target, args, kwargs,
                                          name=jnode.get("name"))
        node.meta.update(_read_metadata(jnode["metadata"]))
        self._fake_value(node)
        self._define_results(node, jnode["outputs"])

    def _rewire_outputs(self) -> None:
        outputs = self.out_graph["outputs"]
        if outputs == self.written_graph["outputs"]:
            return
        node = self.graph.output_node()
        results = [self.argument(o) for o in outputs]
        if self.out_graph.get("is_single_tensor_return") and len(results) == 1:
            node.args = (results[0],)
        else:
            node.args = (tuple(results),)


def apply_write_backs(written: dict, out: dict, applier: ProgramApplier) -> None:
    """GraphModule form: the program's outputs as `out` has them, that is
    the same user outputs, and a copy_ node before the output for each
    buffer or parameter update."""
    def split(program):
        graph, signature = program["graph_module"]["graph"], program["graph_module"]["signature"]
        updates, user = {}, []
        for value, spec in zip(graph["outputs"], signature["output_specs"]):
            (member, item), = spec.items()
            if member in ("buffer_mutation", "parameter_mutation"):
                updates[item.get("buffer_name", item.get("parameter_name"))] = item["arg"]["name"]
            elif member == "user_output":
                user.append(value)
            else:
                raise GraphFormError(f"mode wrote a graph output of kind {member}, which a "
                                     "GraphModule cannot hold")
        return updates, user

    updates_before, user_before = split(written)
    updates_after, user_after = split(out)
    if user_after != user_before:
        raise GraphFormError("mode changed the graph's outputs, which a GraphModule cannot "
                             "take in place (switch the ExportedProgram instead)")
    copies = {target: node for node, target in applier.writer.write_backs.items()}
    graph = applier.graph
    for target, name in updates_after.items():
        value = applier.value(name)
        node = copies.get(target)
        if node is not None:
            if node.args[1] is not value:
                node.update_arg(1, value)
            continue
        attribute = next((n for n in graph.nodes if n.op == "get_attr" and n.target == target),
                         None)
        if attribute is None:
            attribute = applier.value(applier.writer.unread_attributes[target])
        with graph.inserting_before(graph.output_node()):
            node = graph.call_function(torch.ops.aten.copy_.default, (attribute, value))
    for target, node in copies.items():
        if target not in updates_after:
            graph.erase_node(node)


def input_specs(ep: torch.export.ExportedProgram, graph: torch.fx.Graph) -> list:
    """ep's input specs, naming the placeholders of `graph` (a copy of
    ep.graph, where newer torch may have renamed some)."""
    placeholders = [n for n in graph.nodes if n.op == "placeholder"]
    return [spec if getattr(spec.arg, "name", node.name) == node.name else
            dataclasses.replace(spec, arg=dataclasses.replace(spec.arg, name=node.name))
            for spec, node in zip(ep.graph_signature.input_specs, placeholders)]


def output_specs(out: dict, applier: ProgramApplier) -> list:
    """The program's output specs (ExportGraphSignature's) as mode wrote
    them, naming the graph's nodes (a node mode made may have another name
    in the graph than in the JSON, while a node it removed kept that)."""
    after = out["graph_module"]["signature"]["output_specs"]
    specs = []
    for spec in after:
        (member, value), = spec.items()
        kind, field = _OUTPUT_KINDS[member]
        arg = value["arg"]
        if member == "user_output":
            (arg_kind, item), = arg.items()
            if arg_kind == "as_tensor":
                arg = _sig.TensorArgument(name=applier.value(item["name"]).name)
            elif arg_kind == "as_sym_int":
                arg = _sig.SymIntArgument(name=applier.value(item["as_name"]).name)
            else:
                arg = _sig.ConstantArgument(name="", value=applier.argument(arg))
        elif member == "token":
            arg = _sig.TokenArgument(name=arg["name"])
        else:
            arg = _sig.TensorArgument(name=applier.value(arg["name"]).name)
        specs.append(_sig.OutputSpec(kind=_sig.OutputKind[kind], arg=arg,
                                     target=value.get(field) if field else None))
    return specs


def input_specs_changed(written: dict, out: dict) -> bool:
    return (written["graph_module"]["signature"]["input_specs"]
            != out["graph_module"]["signature"]["input_specs"]
            or written["graph_module"]["graph"]["inputs"] != out["graph_module"]["graph"]["inputs"])


def graph_module_custom(out: dict):
    """The graph module's metadata `custom` mode wrote (None if none)."""
    custom = out["graph_module"].get("metadata", {}).get("custom")
    return json.loads(custom) if custom else None
