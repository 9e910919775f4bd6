//===- PT2Dialect.td - The pt2 dialect ---------------------*- tablegen -*-===//
//
// The `pt2` dialect: what a program read from a PyTorch archive (`.pt2`)
// holds besides the mode-dependent ops of the `aten` dialect.
//
//===----------------------------------------------------------------------===//

#ifndef MODE_DIALECT_PT2_IR_PT2DIALECT_TD
#define MODE_DIALECT_PT2_IR_PT2DIALECT_TD

include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/OpBase.td"

def PT2_Dialect : Dialect {
  let name = "pt2";
  let cppNamespace = "::mode::pt2";
  let summary = "A torch.export program as stored in a .pt2 archive";
  let description = [{
    `mode-translate --import-pt2` reads each model of a PyTorch archive
    (`torch.export.save`) into a function, one op per node: its arguments
    are the graph inputs and its results the graph outputs. Nodes whose
    target is a mode-dependent ATen operator become ops of the `aten`
    dialect; every other node becomes a `pt2.operator`, which reads like
    the call it is:

    ```mlir
    %conv2d = pt2.operator "conv2d" aten.conv2d(input: %x, weight: %w,
        bias: %b) in #conv : (...) -> tensor<2x3x3x3xf32>
    ```

    The pass `pt2-raise-mode-ops` (which the importer runs) recognises what
    changes with the mode over several nodes: the counter increment of a
    batch norm becomes a `pt2.batch_norm_counter`, the random ops that
    `run_decompositions()` made of a dropout a `pt2.decomposed_dropout`,
    stochastic depth a `pt2.drop_path`.

    An op keeps what the graph says of its node beyond the dataflow in
    discardable attributes: the node's name (`pt2.node`), its output names
    where they are not the node's (`pt2.outputs`), the module call it
    belongs to (`pt2.module`, a `#pt2.module`, from its `nn_module_stack`)
    and, for `aten` ops, which arguments the node spelled out and how
    (`pt2.args`, `pt2.arg_keys`). Its stack trace is its location. The
    rest of the node's metadata, which mode never reads, stays in the
    archive: `--export-pt2` copies it from the model JSON the function was
    read from (the function's `pt2.source` has its size and CRC-32), as it
    copies the program's other fields and the weights.

    Tensor types come from the tensor metadata; what a builtin tensor type
    cannot say (strides, device, `requires_grad`, symbolic sizes) is its
    encoding, a dictionary of the fields that differ from their defaults
    (printed as an alias, `#grad` for a parameter's `{requires_grad =
    true}`). The arguments and results of the function carry the graph
    signature: the input's name (`pt2.name`) and kind (`pt2.parameter`,
    `pt2.buffer`, `pt2.user_input`, ...), or the archive's JSON for kinds
    mode has no short form for.

    What mode writes into node metadata to undo a switch exactly (a
    removed counter, a decomposed dropout's or a drop path's nodes, an
    attention's training probability) rides in the metadata entry
    `custom` under `mode.*` keys, and comes back as the ops and attributes
    it stands for.
  }];
  let useDefaultTypePrinterParser = 1;
  let useDefaultAttributePrinterParser = 1;
  let hasOperationAttrVerify = 1;
  let extraClassDeclaration = [{
    /// The discardable attribute of every op read from a graph node: the
    /// node's name.
    static ::llvm::StringRef getNodeAttrName() { return "pt2.node"; }
    /// The names of the values a node defines, where they are not the
    /// node's own name for its one tensor output.
    static ::llvm::StringRef getOutputsAttrName() { return "pt2.outputs"; }
    /// The module call a node belongs to (a ModuleAttr).
    static ::llvm::StringRef getModuleAttrName() { return "pt2.module"; }
    /// A node's metadata as JSON text, where it is not the archive's (a
    /// node restored from mode's records, or one mode made).
    static ::llvm::StringRef getFieldsAttrName() { return "pt2.metadata"; }
  }];
}

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

class PT2_Type<string name, string typeMnemonic> : TypeDef<PT2_Dialect, name> {
  let mnemonic = typeMnemonic;
}

def PT2_SymIntType : PT2_Type<"SymInt", "sym_int"> {
  let summary = "a symbolic integer (a SymInt of the graph)";
  let description = [{
    An integer known only when the program runs, such as a dynamic size
    (`sym_size.int`). Its symbolic expression, if the archive gives one, is
    in the function's `pt2.sym_values`.
  }];
}

def PT2_SymBoolType : PT2_Type<"SymBool", "sym_bool"> {
  let summary = "a symbolic boolean (a SymBool of the graph)";
}

def PT2_SymFloatType : PT2_Type<"SymFloat", "sym_float"> {
  let summary = "a symbolic float (a SymFloat of the graph)";
}

def PT2_CustomObjType : PT2_Type<"CustomObj", "custom_obj"> {
  let summary = "a TorchBind object";
}

def PT2_LiteralType : PT2_Type<"Literal", "literal"> {
  let summary = "a graph input or output that is a constant, not a tensor";
  let description = [{
    The type of a function argument (or `pt2.literal` result) that stands
    for a graph input or output the archive gives as a constant (an int, a
    string, `None`, ...); the constant itself is in the argument's or op's
    attributes.
  }];
}

//===----------------------------------------------------------------------===//
// Attributes
//===----------------------------------------------------------------------===//

def PT2_OperandAttr : AttrDef<PT2_Dialect, "Operand"> {
  let mnemonic = "operand";
  let summary = "a reference to an operand, in a node's arguments";
  let description = [{
    Stands, in an argument of a `pt2.operator` (or in a node's outputs),
    where the archive names a value of the graph (a tensor, a symbolic
    scalar, an object): the value is the op's operand `index`.

    ```mlir
    #pt2.arg<"input", 1, "as_tensor", #pt2.operand<0>>
    ```
  }];
  let parameters = (ins "unsigned":$index);
  let assemblyFormat = "`<` $index `>`";
}

def PT2_ArgAttr : AttrDef<PT2_Dialect, "Arg"> {
  let mnemonic = "arg";
  let summary = "a named argument of a graph node";
  let description = [{
    One entry of a node's `inputs` (the schema's `NamedArgument`): the
    argument's `name`, its `kind` (1 positional, 2 keyword, 0 unknown, -1
    for a `null` kind and -2 for none given), the member `key` of the
    `Argument` union that holds it (`as_tensor`, `as_int`, `as_ints`, ...)
    and that member's `value` as attributes: JSON objects as dictionaries,
    arrays as arrays, strings, 64-bit integers and floats, booleans and
    `null` as the unit attribute, where every value of the graph the
    argument names is a `#pt2.operand`. For `as_tensor` (`{"name": ...}`)
    the value is the `#pt2.operand` alone.

    `pt2.operator` prints its arguments in a form of its own,
    `name: value` (`name = value` for a keyword argument).
  }];
  let parameters = (ins "::mlir::StringAttr":$name, "int64_t":$kind,
                        "::mlir::StringAttr":$key, "::mlir::Attribute":$value);
  let assemblyFormat = "`<` $name `,` $kind `,` $key `,` $value `>`";
  let extraClassDeclaration = [{
    /// The kinds of a named argument, as the archive writes them.
    static constexpr int64_t kPositional = 1, kKeyword = 2, kNullKind = -1,
                             kNoKind = -2;
  }];
}

def PT2_ModuleAttr : AttrDef<PT2_Dialect, "Module"> {
  let mnemonic = "module";
  let summary = "the call of an nn.Module a node belongs to";
  let description = [{
    One entry of a node's `nn_module_stack` metadata: the module's `path` in
    the model (`blocks.0.drop_path`, empty for the model itself), its
    `type` (`timm.layers.drop.DropPath`), the `key` torch.export gave the
    call, and the `parent` module call it is in. The innermost one is the
    node's `pt2.module` attribute: what recognises stochastic depth and what
    errors name. It is read from the node's metadata, which the archive
    keeps; the attribute only shows it.

    ```mlir
    #pt2.module<"blocks.0.drop_path", "timm.layers.drop.DropPath",
                key = "L__self___blocks_0_drop_path", in #blocks_0>
    ```
  }];
  let parameters = (ins "::mlir::StringAttr":$path, "::mlir::StringAttr":$type,
                        "::mlir::StringAttr":$key,
                        OptionalParameter<"ModuleAttr">:$parent);
  let assemblyFormat = [{
    `<` $path `,` $type `,` `key` `=` $key (`,` `in` $parent^)? `>`
  }];
  let extraClassDeclaration = [{
    /// The module calls of an `nn_module_stack` entry, outermost first
    /// ("key,path,type;key,path,type", split as PyTorch splits it), as the
    /// innermost call; null if the text is not such a stack.
    static ModuleAttr parseStack(::mlir::MLIRContext *context,
                                 ::llvm::StringRef stack);
    /// Whether this call or one it is in is of type `type`; the innermost
    /// such call, or null.
    ModuleAttr findCallOfType(::llvm::StringRef type);
  }];
}

#endif // MODE_DIALECT_PT2_IR_PT2DIALECT_TD
