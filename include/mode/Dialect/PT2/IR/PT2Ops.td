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
    DeclareOpInterfaceMethods<OpAsmOpInterface, ["getAsmResultNames"]>,
    DeclareOpInterfaceMethods<MemoryEffectsOpInterface>]> {
  let summary = "a node of the graph that the aten dialect does not model";
  let description = [{
    A call of `target` (`torch.ops.aten.conv2d.default`,
    `_operator.getitem`, ...) with the node's named arguments, in order:
    every value of the graph an argument names (a tensor, a symbolic scalar,
    an object) is an operand, in the order the arguments name them, and
    every other argument a plain attribute (`#pt2.arg`). The results are
    the values the node defines, in the order of its outputs. The node's
    name is the discardable attribute `pt2.node`, its output names
    `pt2.outputs` where they are not the node's name; its metadata stays in
    the archive, where the exporter takes it from.

    The op makes no claim about what the call computes: it is opaque to
    every pass, and only written back as it was read. It reads and writes
    memory, and it draws random numbers (it reads and advances the random
    generator, as a dropout in training does) when `target`, or the target
    of a node in a subgraph it takes, is one of the operators PyTorch tags
    `nondeterministic_seeded`.

    Each argument prints as `name: value` (`name = value` for a keyword
    argument): a graph value as its SSA name, `none`, a number, a string,
    `true`/`false`, a list of those in brackets, and anything else as the
    member of the schema's `Argument` union that holds it, without its
    `as_` prefix, around its value as attributes (`device({index, type =
    "cpu"})`).

    ```mlir
    %conv2d = pt2.operator "torch.ops.aten.conv2d.default"(input: %x,
        weight: %w, bias: %b, stride: [2, 2], padding: [1, 1])
        {pt2.node = "conv2d"}
        : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>)
        -> tensor<1x4x4x4xf32>
    ```
  }];
  let arguments = (ins StrAttr:$target,
                       TypedArrayAttrBase<PT2_ArgAttr, "named arguments">:$args,
                       Variadic<AnyType>:$operands);
  let results = (outs Variadic<AnyType>:$results);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// Whether `target` draws random numbers: one of the ATen operators
    /// PyTorch tags `nondeterministic_seeded` (RandomOps.def).
    static bool isRandomTarget(::llvm::StringRef target);
    /// The argument named `name`, or null.
    ArgAttr getArg(::llvm::StringRef name);
    /// Whether the node draws random numbers: its target, or a node of a
    /// subgraph it takes (a higher-order op), is a random one.
    bool drawsRandomNumbers();
  }];
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

// An op that is a computation in training and its input in evaluation: the
// body, which yields its result in training, stays in evaluation for
// switching back.
class PT2_IdentityInEvalOp<string mnemonic, string family>
    : PT2_Op<mnemonic, [Aten_ModeDependentOpInterface,
                        DeclareOpInterfaceMethods<MemoryEffectsOpInterface>,
                        SingleBlock, NoRegionArguments]> {
  let arguments = (ins AnyRankedTensor:$input, BoolAttr:$training);
  let results = (outs AnyRankedTensor:$result);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    `(` $input `)` `training` `=` $training $body attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    static ::llvm::StringRef getModeFamily() { return "}] # family # [{"; }
    static ::llvm::StringRef getModeFlagName() { return "training"; }
    /// The value the body yields: the result in training.
    ::mlir::Value getTrainingResult();
  }];
  let extraClassDefinition = [{
    ::mlir::Value $cppClass::getTrainingResult() {
      return ::mlir::cast<YieldOp>(getBody().front().getTerminator())
          .getValue();
    }
    ::mlir::LogicalResult $cppClass::verify() {
      return verifyIdentityInEval(*this);
    }
    void $cppClass::getEffects(
        ::llvm::SmallVectorImpl<::mlir::SideEffects::EffectInstance<
            ::mlir::MemoryEffects::Effect>> &effects) {
      getIdentityInEvalEffects(getTraining(), effects);
    }
  }];
}

def PT2_DecomposedDropoutOp
    : PT2_IdentityInEvalOp<"decomposed_dropout", "dropout"> {
  let summary = "a dropout that run_decompositions() turned into random ops";
  let description = [{
    After `run_decompositions()`, an in-place, feature or alpha dropout
    (`nn.Dropout(inplace=True)`, `nn.Dropout1d/2d/3d`, `nn.AlphaDropout`,
    `nn.FeatureAlphaDropout`) in training mode is no longer an op but the
    nodes that compute it: a `bernoulli` mask and the arithmetic that applies
    it to `input`. The pass `pt2-raise-mode-ops` gathers those nodes of one
    dropout into the body of this op, which yields the dropout's result.

    With `training = true` the result is what the body yields; with
    `training = false`, as in evaluation mode, it is `input`: the body stays,
    unused, for switching back. The op belongs to the `dropout` family, so
    the mode passes switch it with the other dropouts. Written to an archive
    in evaluation form, it is one `clone` of `input` named as the dropout's
    result, which keeps the body in its metadata.

    ```mlir
    %mul = pt2.decomposed_dropout(%relu) training = true {
      %empty_permuted = pt2.operator "torch.ops.aten.empty_permuted.default"(...) ...
      %bernoulli = pt2.operator "torch.ops.aten.bernoulli.p"(input: %empty_permuted, p: 0.5) ...
      %div = pt2.operator "torch.ops.aten.div.Scalar"(self: %bernoulli, other: 0.5) ...
      %mul = pt2.operator "torch.ops.aten.mul.Tensor"(self: %relu, other: %div) ...
      pt2.yield %mul : tensor<2x3x3x3xf32>
    } : (tensor<2x3x3x3xf32>) -> tensor<2x3x3x3xf32>
    ```
  }];
}

def PT2_DropPathOp : PT2_IdentityInEvalOp<"drop_path", "drop_path"> {
  let summary = "stochastic depth: a residual branch dropped at random";
  let description = [{
    Stochastic depth, or drop path (`torchvision.ops.StochasticDepth`,
    timm's `DropPath`, the `*DropPath` modules of transformers): in training,
    the module multiplies its input by a random mask of whole samples (or of
    the whole batch), scaled to keep the mean; in evaluation it returns its
    input. A Python branch on `self.training` decides, so the nodes exist
    only in a training export. The pass `pt2-raise-mode-ops` gathers them,
    by their structure and their module, into the body of this op, which
    yields the module's result; so does `to-eval` for the modules of a
    class declared identity in evaluation (`identity-in-eval=`).

    With `training = true` the result is what the body yields; with
    `training = false` it is `input`, as in PyTorch's evaluation export,
    which has no node for the module: written to an archive in evaluation
    form, the op is no node either, and the body is recorded in the
    metadata of the node after it, so that switching back restores it
    exactly. The op belongs to the `drop_path` family.

    ```mlir
    %mul = pt2.drop_path(%x) training = true {
      %empty = pt2.operator "torch.ops.aten.empty.memory_format"(size: [2, 1, 1, 1], ...) ...
      %bernoulli_ = pt2.operator "torch.ops.aten.bernoulli_.float"(self: %empty, p: 0.9) ...
      %div_ = pt2.operator "torch.ops.aten.div_.Scalar"(self: %bernoulli_, other: 0.9) ...
      %mul = pt2.operator "torch.ops.aten.mul.Tensor"(self: %x, other: %div_) ...
      pt2.yield %mul : tensor<2x8x4x4xf32>
    } : (tensor<2x8x4x4xf32>) -> tensor<2x8x4x4xf32>
    ```
  }];
}

def PT2_YieldOp : PT2_Op<"yield", [Pure, Terminator,
    ParentOneOf<["DecomposedDropoutOp", "DropPathOp"]>]> {
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
