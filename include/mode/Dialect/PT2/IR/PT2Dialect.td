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
    (`torch.export.save`) into a function: its arguments are the graph
    inputs and its results the graph outputs. Nodes whose target is a
    mode-dependent ATen operator become ops of the `aten` dialect; every
    other node becomes a `pt2.operator`, the counter increment of a batch
    norm a `pt2.batch_norm_counter`, and the random ops that
    `run_decompositions()` made of a dropout one `pt2.decomposed_dropout`.

    What the archive says beyond the dataflow is kept, so that
    `--export-pt2` writes the program back exactly:

    - the `pt2.node` attribute of each op holds the node's name, its output
      names, its metadata and, for `aten` ops, which arguments the node
      spelled out and how;
    - tensor types come from the tensor metadata; what a builtin tensor type
      cannot say (strides, device, `requires_grad`, symbolic sizes) is its
      encoding, a dictionary of the fields that differ from their defaults;
    - the arguments and results of the function carry the graph signature
      (`pt2.input`, `pt2.input_spec`, `pt2.output`, `pt2.output_spec`), the
      function the rest of the program (`pt2.program`, `pt2.sym_values`);
    - the module names the archive the weights stay in (`pt2.archive`).

    JSON values are kept as attributes: objects as dictionaries, arrays as
    arrays, strings, 64-bit integers, 64-bit floats, booleans, and `null`
    as the unit attribute.
  }];
  let useDefaultTypePrinterParser = 1;
  let useDefaultAttributePrinterParser = 1;
  let hasOperationAttrVerify = 1;
  let extraClassDeclaration = [{
    /// The discardable attribute of every op read from a graph node.
    static ::llvm::StringRef getNodeAttrName() { return "pt2.node"; }
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
    Stands, in the `inputs` of a `pt2.operator`, where the archive names a
    value of the graph (a tensor, a symbolic scalar, an object): the value
    is the op's operand `index`.

    ```mlir
    {name = "input", arg = {as_tensor = #pt2.operand<0>}, kind = 1 : i64}
    ```
  }];
  let parameters = (ins "unsigned":$index);
  let assemblyFormat = "`<` $index `>`";
}

#endif // MODE_DIALECT_PT2_IR_PT2DIALECT_TD
