//===- AtenOps.td - The mode-dependent ATen operators ------*- tablegen -*-===//
//
// One op per mode-dependent ATen operator. Operands, attributes and results
// follow ATen's schema (quoted in each description) name for name.
//
//===----------------------------------------------------------------------===//

#ifndef MODE_DIALECT_ATEN_IR_ATENOPS_TD
#define MODE_DIALECT_ATEN_IR_ATENOPS_TD

include "mode/Dialect/Aten/IR/AtenDialect.td"
include "mode/Dialect/Aten/IR/AtenInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

class Aten_Op<string mnemonic, list<Trait> traits = []>
    : Op<Aten_Dialect, mnemonic, traits>;

// A mode-dependent op. Its custom form reads like the ATen call:
//   aten.name(%operands) scalar = value, ... {discardable} : functional-type
// `isTrainingMode` and `isModeIndependent` are C++ expressions over the op's
// accessors that implement the ModeDependentOpInterface.
class Aten_ModeOp<string mnemonic, string scalarArgsFormat, string family,
                  string isTrainingMode, string isModeIndependent,
                  list<Trait> traits = []>
    : Aten_Op<mnemonic, !listconcat(traits, [Aten_ModeDependentOpInterface])> {
  let assemblyFormat = "`(` operands `)` " # scalarArgsFormat #
                       " attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    bool isTrainingMode() { return }] # isTrainingMode # [{; }
    bool isModeIndependent() { return }] # isModeIndependent # [{; }
    static ::llvm::StringRef getModeFamily() { return "}] # family # [{"; }
  }];
}

defvar NoRunningStatistics =
    "::mlir::isa<::mode::aten::NoneType>(getRunningMean().getType())";

//===----------------------------------------------------------------------===//
// aten.none
//===----------------------------------------------------------------------===//

def Aten_NoneOp : Aten_Op<"none", [Pure]> {
  let summary = "ATen's `None` for an absent optional tensor";
  let description = [{
    Produces the `!aten.none` value passed where an ATen schema has a
    `Tensor?` argument and the model passed `None`:

    ```mlir
    %none = aten.none
    ```
  }];
  let results = (outs Aten_NoneType:$result);
  let assemblyFormat = "attr-dict";
}

//===----------------------------------------------------------------------===//
// Dropout family
//===----------------------------------------------------------------------===//

// In training mode a dropout draws random numbers: it reads and advances the
// random generator, so two identical dropouts are not one (no CSE) and an
// unused one still consumes randomness. In evaluation mode it is pure.
class Aten_DropoutFamilyOp<string mnemonic>
    : Aten_ModeOp<mnemonic, "`p` `=` $p `,` `train` `=` $train", "dropout",
                  "getTrain()", "false",
                  [DeclareOpInterfaceMethods<MemoryEffectsOpInterface>]> {
  let arguments = (ins Aten_FloatTensor:$input, F64Attr:$p, BoolAttr:$train);
  let extraClassDefinition = [{
    void $cppClass::getEffects(
        ::llvm::SmallVectorImpl<::mlir::SideEffects::EffectInstance<
            ::mlir::MemoryEffects::Effect>> &effects) {
      addRandomGeneratorEffects(getTrain(), effects);
    }
  }];
}

def Aten_DropoutOp : Aten_DropoutFamilyOp<"dropout"> {
  let summary = "randomly zeroes elements in training, identity in evaluation";
  let description = [{
    Mirrors `aten::dropout(Tensor input, float p, bool train) -> Tensor`.

    With `train = true` each element is zeroed with probability `p` and the
    survivors are scaled by `1 / (1 - p)`. With `train = false` the result is
    the input.

    Verification: `p` is in [0, 1]; the result has the input's shape and
    element type.
  }];
  let results = (outs Aten_FloatTensor:$result);
}

def Aten_FeatureDropoutOp : Aten_DropoutFamilyOp<"feature_dropout"> {
  let summary = "randomly zeroes whole channels in training";
  let description = [{
    Mirrors
    `aten::feature_dropout(Tensor input, float p, bool train) -> Tensor`.

    With `train = true` each channel (dimension 1, the whole feature map) is
    zeroed with probability `p` and the survivors are scaled by
    `1 / (1 - p)`; ATen then requires at least two dimensions. With
    `train = false` the result is the input.
  }];
  let results = (outs Aten_FloatTensor:$result);
}

def Aten_AlphaDropoutOp : Aten_DropoutFamilyOp<"alpha_dropout"> {
  let summary = "self-normalizing dropout (SELU networks) in training";
  let description = [{
    Mirrors `aten::alpha_dropout(Tensor input, float p, bool train) -> Tensor`.

    With `train = true` dropped elements are set to SELU's negative
    saturation value and the result is affinely rescaled so that mean and
    variance are kept. With `train = false` the result is the input.
  }];
  let results = (outs Aten_FloatTensor:$result);
}

def Aten_FeatureAlphaDropoutOp : Aten_DropoutFamilyOp<"feature_alpha_dropout"> {
  let summary = "self-normalizing dropout of whole channels in training";
  let description = [{
    Mirrors
    `aten::feature_alpha_dropout(Tensor input, float p, bool train) -> Tensor`.

    Alpha dropout applied to whole channels (dimension 1) with
    `train = true`; the identity with `train = false`.
  }];
  let results = (outs Aten_FloatTensor:$result);
}

def Aten_NativeDropoutOp : Aten_DropoutFamilyOp<"native_dropout"> {
  let summary = "dropout that also returns its keep mask";
  let description = [{
    Mirrors
    `aten::native_dropout(Tensor input, float p, bool? train) -> (Tensor, Tensor)`.

    With `train = true`, `output` is the input with each element zeroed with
    probability `p` and the survivors scaled by `1 / (1 - p)`, and `mask` is
    true where an element was kept. With `train = false`, `output` is the
    input and `mask` is all true.

    Verification: `p` is in [0, 1]; `output` has the input's shape and
    element type; `mask` has the input's shape and element type `i1`.
  }];
  let results = (outs Aten_FloatTensor:$output, Aten_MaskTensor:$mask);
}

//===----------------------------------------------------------------------===//
// Batch norm family
//===----------------------------------------------------------------------===//

defvar TrainingMomentumEps =
    "`training` `=` $training `,` `momentum` `=` $momentum `,` `eps` `=` $eps";
defvar MomentumEps = "`momentum` `=` $momentum `,` `eps` `=` $eps";

// A normalization that is pure: it reads its running statistics, if any,
// but never writes them.
class Aten_PureNormOp<string mnemonic, string scalarArgsFormat,
                      string isTrainingMode, string isModeIndependent>
    : Aten_ModeOp<mnemonic, scalarArgsFormat, "batch_norm", isTrainingMode,
                  isModeIndependent, [Pure]>;

// A normalization that, in training mode with running statistics, updates
// those statistics in place as ATen does (`Tensor(a!)`): it writes them, so
// it is never erased as dead. Without that update it is pure.
class Aten_InPlaceNormOp<string mnemonic, string scalarArgsFormat,
                         string family, string isTrainingMode,
                         string isModeIndependent>
    : Aten_ModeOp<mnemonic, scalarArgsFormat, family, isTrainingMode,
                  isModeIndependent,
                  [DeclareOpInterfaceMethods<MemoryEffectsOpInterface>]> {
  let extraClassDefinition = [{
    void $cppClass::getEffects(
        ::llvm::SmallVectorImpl<::mlir::SideEffects::EffectInstance<
            ::mlir::MemoryEffects::Effect>> &effects) {
      if (isTrainingMode() && !isModeIndependent())
        addRunningStatisticsUpdateEffects(getRunningMeanMutable(),
                                          getRunningVarMutable(), effects);
    }
  }];
}

def Aten_BatchNormOp
    : Aten_InPlaceNormOp<"batch_norm",
                         TrainingMomentumEps #
                             " `,` `cudnn_enabled` `=` $cudnn_enabled",
                         "batch_norm", "getTraining()", NoRunningStatistics> {
  let summary = "batch normalization (the composite `torch.batch_norm`)";
  let description = [{
    Mirrors `aten::batch_norm(Tensor input, Tensor? weight, Tensor? bias,
    Tensor? running_mean, Tensor? running_var, bool training, float momentum,
    float eps, bool cudnn_enabled) -> Tensor`.

    Normalizes `input` (N, C, ...) per channel C:
    `(x - mean) / sqrt(var + eps) * weight + bias`.

    - `training = true`: mean and variance are the batch statistics; when
      running statistics are present they are updated in place,
      `running = (1 - momentum) * running + momentum * batch` (the variance
      unbiased).
    - `training = false`: mean and variance are `running_mean` and
      `running_var`, which must then be present.

    With `running_mean` and `running_var` both `!aten.none` the op always
    uses batch statistics and is the same in both modes.
  }];
  let arguments = (ins Aten_FloatTensor:$input,
                       Aten_OptionalFloatTensor:$weight,
                       Aten_OptionalFloatTensor:$bias,
                       Aten_OptionalFloatTensor:$running_mean,
                       Aten_OptionalFloatTensor:$running_var,
                       BoolAttr:$training, F64Attr:$momentum, F64Attr:$eps,
                       BoolAttr:$cudnn_enabled);
  let results = (outs Aten_FloatTensor:$result);
}

def Aten_NativeBatchNormOp
    : Aten_InPlaceNormOp<"native_batch_norm", TrainingMomentumEps,
                         "batch_norm", "getTraining()", NoRunningStatistics> {
  let summary = "batch normalization returning the saved statistics";
  let description = [{
    Mirrors `aten::native_batch_norm(Tensor input, Tensor? weight,
    Tensor? bias, Tensor? running_mean, Tensor? running_var, bool training,
    float momentum, float eps) -> (Tensor, Tensor, Tensor)`.

    Computes `output` as `aten.batch_norm` does (updating present running
    statistics in place when `training = true`) and also returns the
    per-channel `save_mean` and `save_invstd` (`1 / sqrt(var + eps)`) used by
    the backward pass; ATen may return them empty (size 0) in evaluation mode.
  }];
  let arguments = (ins Aten_FloatTensor:$input,
                       Aten_OptionalFloatTensor:$weight,
                       Aten_OptionalFloatTensor:$bias,
                       Aten_OptionalFloatTensor:$running_mean,
                       Aten_OptionalFloatTensor:$running_var,
                       BoolAttr:$training, F64Attr:$momentum, F64Attr:$eps);
  let results = (outs Aten_FloatTensor:$output, Aten_FloatTensor:$save_mean,
                      Aten_FloatTensor:$save_invstd);
}

def Aten_NativeBatchNormLegitOp
    : Aten_InPlaceNormOp<"_native_batch_norm_legit", TrainingMomentumEps,
                         "batch_norm", "getTraining()", "false"> {
  let summary = "batch normalization with mandatory running statistics";
  let description = [{
    Mirrors `aten::_native_batch_norm_legit(Tensor input, Tensor? weight,
    Tensor? bias, Tensor(a!) running_mean, Tensor(b!) running_var,
    bool training, float momentum, float eps) -> (Tensor, Tensor, Tensor)`,
    the form `torch.export` emits for a training-mode `BatchNorm`.

    With `training = true` it normalizes with batch statistics and updates
    the running statistics in place; with `training = false` it normalizes
    with the running statistics. The canonical evaluation form is
    `aten._native_batch_norm_legit_no_training`: the canonicalizer rewrites
    `training = false` into it.
  }];
  let arguments = (ins Aten_FloatTensor:$input,
                       Aten_OptionalFloatTensor:$weight,
                       Aten_OptionalFloatTensor:$bias,
                       Aten_FloatTensor:$running_mean,
                       Aten_FloatTensor:$running_var,
                       BoolAttr:$training, F64Attr:$momentum, F64Attr:$eps);
  let results = (outs Aten_FloatTensor:$output, Aten_FloatTensor:$save_mean,
                      Aten_FloatTensor:$save_rstd);
  let hasCanonicalizeMethod = 1;
}

def Aten_NativeBatchNormLegitNoStatsOp
    : Aten_PureNormOp<"_native_batch_norm_legit.no_stats", TrainingMomentumEps,
                      "getTraining()", "true"> {
  let summary = "batch normalization without running statistics";
  let description = [{
    Mirrors `aten::_native_batch_norm_legit.no_stats(Tensor input,
    Tensor? weight, Tensor? bias, bool training, float momentum, float eps)
    -> (Tensor, Tensor, Tensor)`.

    Without running statistics there is nothing to switch to: the op always
    normalizes with batch statistics, whatever `training` says, and neither
    pass changes it.
  }];
  let arguments = (ins Aten_FloatTensor:$input,
                       Aten_OptionalFloatTensor:$weight,
                       Aten_OptionalFloatTensor:$bias,
                       BoolAttr:$training, F64Attr:$momentum, F64Attr:$eps);
  let results = (outs Aten_FloatTensor:$output, Aten_FloatTensor:$save_mean,
                      Aten_FloatTensor:$save_rstd);
}

def Aten_NativeBatchNormLegitNoTrainingOp
    : Aten_PureNormOp<"_native_batch_norm_legit_no_training", MomentumEps,
                      "false", "false"> {
  let summary = "batch normalization with the running statistics (evaluation)";
  let description = [{
    Mirrors `aten::_native_batch_norm_legit_no_training(Tensor input,
    Tensor? weight, Tensor? bias, Tensor running_mean, Tensor running_var,
    float momentum, float eps) -> (Tensor, Tensor, Tensor)`, the form
    `torch.export` emits for an evaluation-mode `BatchNorm`.

    Normalizes with `running_mean` and `running_var` and never updates them;
    `momentum` is unused but kept so that the training form can be restored.
  }];
  let arguments = (ins Aten_FloatTensor:$input,
                       Aten_OptionalFloatTensor:$weight,
                       Aten_OptionalFloatTensor:$bias,
                       Aten_FloatTensor:$running_mean,
                       Aten_FloatTensor:$running_var,
                       F64Attr:$momentum, F64Attr:$eps);
  let results = (outs Aten_FloatTensor:$output, Aten_FloatTensor:$save_mean,
                      Aten_FloatTensor:$save_rstd);
}

def Aten_NativeBatchNormLegitFunctionalOp
    : Aten_PureNormOp<"_native_batch_norm_legit_functional",
                      TrainingMomentumEps, "getTraining()", "false"> {
  let summary = "batch normalization returning the updated statistics";
  let description = [{
    Mirrors `aten::_native_batch_norm_legit_functional(Tensor input,
    Tensor? weight, Tensor? bias, Tensor running_mean, Tensor running_var,
    bool training, float momentum, float eps) -> (Tensor, Tensor, Tensor,
    Tensor running_mean_out, Tensor running_var_out)`, the functionalized
    form of `_native_batch_norm_legit`.

    Instead of updating the running statistics in place it returns the
    updated ones as `running_mean_out` and `running_var_out`; with
    `training = false` they equal the inputs. The op is pure.
  }];
  let arguments = (ins Aten_FloatTensor:$input,
                       Aten_OptionalFloatTensor:$weight,
                       Aten_OptionalFloatTensor:$bias,
                       Aten_FloatTensor:$running_mean,
                       Aten_FloatTensor:$running_var,
                       BoolAttr:$training, F64Attr:$momentum, F64Attr:$eps);
  let results = (outs Aten_FloatTensor:$output, Aten_FloatTensor:$save_mean,
                      Aten_FloatTensor:$save_rstd,
                      Aten_FloatTensor:$running_mean_out,
                      Aten_FloatTensor:$running_var_out);
}

def Aten_BatchNormWithUpdateOp
    : Aten_InPlaceNormOp<"_batch_norm_with_update", MomentumEps, "batch_norm",
                         "true", "false"> {
  let summary = "training-mode batch normalization (Batch-Norm Consolidation)";
  let description = [{
    Mirrors `aten::_batch_norm_with_update(Tensor input, Tensor? weight,
    Tensor? bias, Tensor(a!) running_mean, Tensor(b!) running_var,
    float momentum, float eps) -> (Tensor, Tensor, Tensor, Tensor)`.

    Always in training mode: normalizes with batch statistics and updates the
    running statistics in place. Its evaluation counterpart is
    `aten._batch_norm_no_update`. `reserve` is back-end scratch space.
  }];
  let arguments = (ins Aten_FloatTensor:$input,
                       Aten_OptionalFloatTensor:$weight,
                       Aten_OptionalFloatTensor:$bias,
                       Aten_FloatTensor:$running_mean,
                       Aten_FloatTensor:$running_var,
                       F64Attr:$momentum, F64Attr:$eps);
  let results = (outs Aten_FloatTensor:$output, Aten_FloatTensor:$save_mean,
                      Aten_FloatTensor:$save_rstd,
                      Aten_ReserveTensor:$reserve);
}

def Aten_BatchNormNoUpdateOp
    : Aten_PureNormOp<"_batch_norm_no_update", MomentumEps, "false",
                      NoRunningStatistics> {
  let summary = "evaluation-mode batch normalization (Batch-Norm Consolidation)";
  let description = [{
    Mirrors `aten::_batch_norm_no_update(Tensor input, Tensor? weight,
    Tensor? bias, Tensor? running_mean, Tensor? running_var, float momentum,
    float eps) -> (Tensor, Tensor, Tensor, Tensor)`.

    Never updates statistics. With running statistics it normalizes with
    them (the evaluation counterpart of `aten._batch_norm_with_update`);
    with both `!aten.none` it normalizes with batch statistics and is the
    same in both modes.
  }];
  let arguments = (ins Aten_FloatTensor:$input,
                       Aten_OptionalFloatTensor:$weight,
                       Aten_OptionalFloatTensor:$bias,
                       Aten_OptionalFloatTensor:$running_mean,
                       Aten_OptionalFloatTensor:$running_var,
                       F64Attr:$momentum, F64Attr:$eps);
  let results = (outs Aten_FloatTensor:$output, Aten_FloatTensor:$save_mean,
                      Aten_FloatTensor:$save_rstd,
                      Aten_ReserveTensor:$reserve);
}

def Aten_CudnnBatchNormOp
    : Aten_InPlaceNormOp<"cudnn_batch_norm",
                         "`training` `=` $training `,` "
                         "`exponential_average_factor` `=` "
                         "$exponential_average_factor `,` "
                         "`epsilon` `=` $epsilon",
                         "batch_norm", "getTraining()", NoRunningStatistics> {
  let summary = "cuDNN batch normalization";
  let description = [{
    Mirrors `aten::cudnn_batch_norm(Tensor input, Tensor weight, Tensor? bias,
    Tensor? running_mean, Tensor? running_var, bool training,
    float exponential_average_factor, float epsilon)
    -> (Tensor, Tensor, Tensor, Tensor)`.

    As `aten.native_batch_norm`, with cuDNN's names: `epsilon` for `eps` and
    `exponential_average_factor` for `momentum`. `weight` is required.
    Returns `output`, the per-channel `save_mean` and `save_var` (inverse
    standard deviation) and cuDNN's `reserve` space.
  }];
  let arguments = (ins Aten_FloatTensor:$input,
                       Aten_FloatTensor:$weight,
                       Aten_OptionalFloatTensor:$bias,
                       Aten_OptionalFloatTensor:$running_mean,
                       Aten_OptionalFloatTensor:$running_var,
                       BoolAttr:$training,
                       F64Attr:$exponential_average_factor,
                       F64Attr:$epsilon);
  let results = (outs Aten_FloatTensor:$output, Aten_FloatTensor:$save_mean,
                      Aten_FloatTensor:$save_var,
                      Aten_ReserveTensor:$reserve);
}

//===----------------------------------------------------------------------===//
// Instance norm
//===----------------------------------------------------------------------===//

def Aten_InstanceNormOp
    : Aten_InPlaceNormOp<"instance_norm",
                         "`use_input_stats` `=` $use_input_stats `,` "
                         "`momentum` `=` $momentum `,` `eps` `=` $eps `,` "
                         "`cudnn_enabled` `=` $cudnn_enabled",
                         "instance_norm", "getUseInputStats()",
                         NoRunningStatistics> {
  let summary = "instance normalization";
  let description = [{
    Mirrors `aten::instance_norm(Tensor input, Tensor? weight, Tensor? bias,
    Tensor? running_mean, Tensor? running_var, bool use_input_stats,
    float momentum, float eps, bool cudnn_enabled) -> Tensor`.

    Normalizes each (sample, channel) slice of `input` (N, C, ...).

    - `use_input_stats = true` (training form): with the slice's own
      statistics; when running statistics are present ATen updates them in
      place with the batch average of those statistics.
    - `use_input_stats = false` (evaluation form, `InstanceNorm` with
      `track_running_stats=True` in `eval()`): with `running_mean` and
      `running_var`, which must then be present.

    Note that the flag reads the other way round from `training`.
  }];
  let arguments = (ins Aten_FloatTensor:$input,
                       Aten_OptionalFloatTensor:$weight,
                       Aten_OptionalFloatTensor:$bias,
                       Aten_OptionalFloatTensor:$running_mean,
                       Aten_OptionalFloatTensor:$running_var,
                       BoolAttr:$use_input_stats, F64Attr:$momentum,
                       F64Attr:$eps, BoolAttr:$cudnn_enabled);
  let results = (outs Aten_FloatTensor:$result);
}

//===----------------------------------------------------------------------===//
// rrelu
//===----------------------------------------------------------------------===//

def Aten_RreluOp
    : Aten_ModeOp<"rrelu",
                  "`lower` `=` $lower `,` `upper` `=` $upper `,` "
                  "`training` `=` $training",
                  "rrelu", "getTraining()", "false",
                  [DeclareOpInterfaceMethods<MemoryEffectsOpInterface>]> {
  let summary = "randomized leaky ReLU";
  let description = [{
    Mirrors `aten::rrelu(Tensor self, Scalar lower=0.125,
    Scalar upper=0.3333333333333333, bool training=False,
    Generator? generator=None) -> Tensor`.

    Negative elements are multiplied by a slope: with `training = true` a
    slope drawn uniformly from [`lower`, `upper`] for each element (so the op
    reads and advances the random generator); with `training = false` the
    fixed slope `(lower + upper) / 2`.

    Verification: `lower <= upper`, both finite; the result has the input's
    shape and element type.
  }];
  let arguments = (ins Aten_FloatTensor:$self, F64Attr:$lower,
                       F64Attr:$upper, BoolAttr:$training);
  let results = (outs Aten_FloatTensor:$result);
  let extraClassDefinition = [{
    void $cppClass::getEffects(
        ::llvm::SmallVectorImpl<::mlir::SideEffects::EffectInstance<
            ::mlir::MemoryEffects::Effect>> &effects) {
      addRandomGeneratorEffects(getTraining(), effects);
    }
  }];
}

#endif // MODE_DIALECT_ATEN_IR_ATENOPS_TD
