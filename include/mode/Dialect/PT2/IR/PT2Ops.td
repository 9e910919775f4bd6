//===- PT2Ops.td - The ops of the pt2 dialect --------------*- tablegen -*-===//

#ifndef MODE_DIALECT_PT2_IR_PT2OPS_TD
#define MODE_DIALECT_PT2_IR_PT2OPS_TD

include "mode/Dialect/PT2/IR/PT2Dialect.td"
include "mode/Dialect/Aten/IR/AtenInterfaces.td"
include "mlir/IR/OpAsmInterface.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

class PT2_Op<string mnemonic, list<Trait> traits = []>
    : Op<PT2_Dialect, mnemonic, traits>;

def PT2_OperatorOp : PT2_Op<"operator", [
    DeclareOpInterfaceMethods<OpAsmOpInterface, ["getAsmResultNames"]>]> {
  let summary = "a node of the graph that the aten dialect does not model";
  let description = [{
    A call of `target` (`torch.ops.aten.conv2d.default`,
    `_operator.getitem`, ...) as the archive gives it: `inputs` are the
    node's named arguments (`{name, arg, kind}` each, the archive's JSON as
    attributes), where every value of the graph the node reads (a tensor, a
    symbolic scalar, an object) is a `#pt2.operand<i>`, the op's operand
    `i`. The results are the values the node defines, in the order of its
    outputs; their names and the node's own are in its `pt2.node`
    attribute.

    The op makes no claim about what the call computes: it is opaque to
    every pass, and only written back as it was read.

    ```mlir
    %conv2d = pt2.operator "torch.ops.aten.conv2d.default"(%x, %w, %b)
        {inputs = [{arg = {as_tensor = {name = #pt2.operand<0>}},
                    kind = 1 : i64, name = "input"}, ...],
         pt2.node = {...}}
        : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>)
        -> tensor<1x4x6x6xf32>
    ```
  }];
  let arguments = (ins StrAttr:$target, ArrayAttr:$inputs,
                       Variadic<AnyType>:$operands);
  let results = (outs Variadic<AnyType>:$results);
  let assemblyFormat = [{
    $target `(` $operands `)` attr-dict `:` functional-type($operands, $results)
  }];
  let hasVerifier = 1;
}

def PT2_BatchNormCounterOp : PT2_Op<"batch_norm_counter", [
    Aten_ModeDependentOpInterface,
    DeclareOpInterfaceMethods<MemoryEffectsOpInterface>]> {
  let summary = "the count of batches that a batch norm keeps in training";
  let description = [{
    `nn.BatchNorm` (with `track_running_stats`) adds 1 to its
    `num_batches_tracked` buffer on every call in training mode, and never
    in evaluation mode. `torch.export` writes that increment as a node of its
    own before the batch norm: `aten.add_.Tensor(num_batches_tracked, 1)` in
    the default graph (`in_place`), `aten.add.Tensor(num_batches_tracked, 1)`
    whose result updates the buffer after `run_decompositions()`.

    The op is that increment, with the mode of its batch norm:
    `training = true` adds 1; `training = false` adds nothing. It belongs to
    the `batch_norm` family, so the mode passes switch it with the batch
    norms. Written back to an archive, an evaluation-form in-place counter is
    no node at all (as in PyTorch's own evaluation export: the batch norm's
    node records it, so that switching back restores it exactly), and a
    functional one adds 0.

    ```mlir
    %add_ = pt2.batch_norm_counter(%num_batches_tracked) training = true,
        in_place {pt2.node = {...}} : (tensor<i64>) -> tensor<i64>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$num_batches_tracked,
                       BoolAttr:$training, UnitAttr:$in_place);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    `(` $num_batches_tracked `)` `training` `=` $training (`,` `in_place` $in_place^)?
    attr-dict `:` functional-type(operands, results)
  }];
  let extraClassDeclaration = [{
    static ::llvm::StringRef getModeFamily() { return "batch_norm"; }
    static ::llvm::StringRef getModeFlagName() { return "training"; }
  }];
}

def PT2_DecomposedDropoutOp : PT2_Op<"decomposed_dropout", [
    Aten_ModeDependentOpInterface, SingleBlock,
    NoRegionArguments]> {
  let summary = "a dropout that run_decompositions() turned into random ops";
  let description = [{
    After `run_decompositions()`, an in-place, feature or alpha dropout
    (`nn.Dropout(inplace=True)`, `nn.Dropout1d/2d/3d`, `nn.AlphaDropout`,
    `nn.FeatureAlphaDropout`) in training mode is no longer an op but the
    nodes that compute it: a `bernoulli` mask and the arithmetic that applies
    it to `input`. The importer gathers those nodes of one module call into
    the body of this op, which yields the dropout's result.

    With `training = true` the result is what the body yields; with
    `training = false`, as in evaluation mode, it is `input`: the body stays,
    unused, for switching back. The op belongs to the `dropout` family, so
    the mode passes switch it with the other dropouts. Written to an archive
    in evaluation form, it is one `clone` of `input` named as the dropout's
    result, which keeps the body in its metadata.

    ```mlir
    %mul = pt2.decomposed_dropout(%relu) training = true {
      %empty_permuted = pt2.operator "torch.ops.aten.empty_permuted.default"() ...
      %bernoulli = pt2.operator "torch.ops.aten.bernoulli.p"(%empty_permuted) ...
      %div = pt2.operator "torch.ops.aten.div.Scalar"(%bernoulli) ...
      %mul = pt2.operator "torch.ops.aten.mul.Tensor"(%relu, %div) ...
      pt2.yield %mul : tensor<2x3x3x3xf32>
    } : (tensor<2x3x3x3xf32>) -> tensor<2x3x3x3xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, BoolAttr:$training);
  let results = (outs AnyRankedTensor:$result);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    `(` $input `)` `training` `=` $training $body attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    static ::llvm::StringRef getModeFamily() { return "dropout"; }
    static ::llvm::StringRef getModeFlagName() { return "training"; }
    /// The value the body yields: the dropout's result in training.
    ::mlir::Value getTrainingResult();
  }];
}

def PT2_YieldOp : PT2_Op<"yield", [Pure, Terminator,
    HasParent<"DecomposedDropoutOp">]> {
  let summary = "the result of a decomposed dropout's body";
  let arguments = (ins AnyRankedTensor:$value);
  let assemblyFormat = "$value attr-dict `:` type($value)";
}

def PT2_LiteralOp : PT2_Op<"literal", [Pure]> {
  let summary = "a graph output that is a constant";
  let description = [{
    A graph output the archive gives as a constant rather than a value of
    the graph (`{"as_none": true}`, `{"as_int": 3}`, ...): `value` is that
    argument, as attributes.
  }];
  let arguments = (ins AnyAttr:$value);
  let results = (outs PT2_LiteralType:$result);
  let assemblyFormat = "$value attr-dict";
}

#endif // MODE_DIALECT_PT2_IR_PT2OPS_TD
