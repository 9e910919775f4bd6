//===- AtenOps.td - The mode-dependent ATen operators ------*- tablegen -*-===//
//
// One op per mode-dependent ATen operator. Operands, attributes and results
// follow ATen's schema, which each op states once (`getAtenSchema`), name for
// name.
//
//===----------------------------------------------------------------------===//

#ifndef MODE_DIALECT_ATEN_IR_ATENOPS_TD
#define MODE_DIALECT_ATEN_IR_ATENOPS_TD

include "mode/Dialect/Aten/IR/AtenDialect.td"
include "mode/Dialect/Aten/IR/AtenInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

// An ATen operator. `schema` is ATen's declaration of it, as PyTorch prints
// `torch.ops.aten.<name>.<overload>._schema` without the `aten::` prefix; the
// description quotes it and `getAtenSchema()` returns it. Ops add their own
// C++ declarations in `extraDeclarations`.
class Aten_Op<string mnemonic, string schema, list<Trait> traits = []>
    : Op<Aten_Dialect, mnemonic, !listconcat(traits, [Aten_AtenOpInterface])> {
  string details = "";
  code extraDeclarations = "";
  let description = "ATen: `aten::" # schema # "`\n\n" # details;
  let extraClassDeclaration = [{
    static ::llvm::StringRef getAtenSchema() {
      return "}] # schema # [{";
    }
  }] # extraDeclarations;
}

// A mode-dependent op of the family `family`, whose mode is held by the
// boolean attribute `modeFlag` (true in training), or, when `modeFlag` is
// empty, by the op's kind (the op then defines `isTrainingMode` in
// `modeDeclarations`). Its custom form reads like the ATen call:
//   aten.name(%operands) scalar = value, ... {discardable} : functional-type
// with `scalarArgsFormat` giving the `scalar = value` part.
class Aten_ModeOp<string mnemonic, string schema, string family,
                  string modeFlag, string scalarArgsFormat,
                  list<Trait> traits = []>
    : Aten_Op<mnemonic, schema,
              !listconcat(traits, [Aten_ModeDependentOpInterface])> {
  code modeDeclarations = "";
  let assemblyFormat = "`(` operands `)` " # scalarArgsFormat #
                       " attr-dict `:` functional-type(operands, results)";
  let extraDeclarations = [{
    static ::llvm::StringRef getModeFamily() { return "}] # family # [{"; }
    static ::llvm::StringRef getModeFlagName() { return "}] # modeFlag # [{"; }
  }] # modeDeclarations;
}

//===----------------------------------------------------------------------===//
// aten.none
//===----------------------------------------------------------------------===//

def Aten_NoneOp : Op<Aten_Dialect, "none", [Pure]> {
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

defvar DropoutArgs = "`p` `=` $p `,` `train` `=` $train";

// In training mode a dropout draws random numbers: it reads and advances the
// random generator, so two identical dropouts are not one (no CSE) and an
// unused one still consumes randomness. In evaluation mode it is pure.
class Aten_DropoutFamilyOp<string mnemonic, string schema,
                           list<Trait> traits = []>
    : Aten_ModeOp<mnemonic, schema, "dropout", "train", DropoutArgs,
                  !listconcat(traits,
                              [DeclareOpInterfaceMethods<
                                   MemoryEffectsOpInterface>])> {
  let arguments = (ins Aten_FloatTensor:$input, F64Attr:$p, BoolAttr:$train);
  let results = (outs Aten_FloatTensor:$result);
  let hasVerifier = 1;
  let extraClassDefinition = [{
    void $cppClass::getEffects(
        ::llvm::SmallVectorImpl<::mlir::SideEffects::EffectInstance<
            ::mlir::MemoryEffects::Effect>> &effects) {
      addRandomGeneratorEffects(getTrain(), effects);
    }
    ::mlir::LogicalResult $cppClass::verify() {
      return verifyProbability(*this, "p", getPAttr());
    }
  }];
}

class Aten_ElementwiseDropoutOp<string mnemonic, string schema>
    : Aten_DropoutFamilyOp<mnemonic, schema,
                           [SameOperandsAndResultShape,
                            SameOperandsAndResultElementType]>;

// The in-place form `<name>_`: the result is `self`, modified in place.
class Aten_InPlaceDropoutOp<string mnemonic, string schema>
    : Aten_ModeOp<mnemonic, schema, "dropout", "train", DropoutArgs,
                  [SameOperandsAndResultShape,
                   SameOperandsAndResultElementType,
                   DeclareOpInterfaceMethods<MemoryEffectsOpInterface>]> {
  let arguments = (ins Aten_FloatTensor:$self, F64Attr:$p, BoolAttr:$train);
  let results = (outs Aten_FloatTensor:$result);
  let hasVerifier = 1;
  let extraClassDefinition = [{
    void $cppClass::getEffects(
        ::llvm::SmallVectorImpl<::mlir::SideEffects::EffectInstance<
            ::mlir::MemoryEffects::Effect>> &effects) {
      addRandomGeneratorEffects(getTrain(), effects);
      addInPlaceUpdateEffects(getSelfMutable(), effects);
    }
    ::mlir::LogicalResult $cppClass::verify() {
      return verifyProbability(*this, "p", getPAttr());
    }
  }];
}

def Aten_DropoutOp : Aten_ElementwiseDropoutOp<"dropout",
    "dropout(Tensor input, float p, bool train) -> Tensor"> {
  let summary = "randomly zeroes elements in training, identity in evaluation";
  let details = [{
    With `train = true` each element is zeroed with probability `p` and the
    survivors are scaled by `1 / (1 - p)`. With `train = false` the result is
    the input.

    Verification: `p` is in [0, 1]; the result has the input's shape and
    element type.

    ```mlir
    %0 = aten.dropout(%x) p = 1.000000e-01, train = true
        : (tensor<8x16xf32>) -> tensor<8x16xf32>
    ```
  }];
}

def Aten_FeatureDropoutOp : Aten_ElementwiseDropoutOp<"feature_dropout",
    "feature_dropout(Tensor input, float p, bool train) -> Tensor"> {
  let summary = "randomly zeroes whole channels in training";
  let details = [{
    With `train = true` each channel (dimension 1, the whole feature map) is
    zeroed with probability `p` and the survivors are scaled by
    `1 / (1 - p)`; ATen then requires at least two dimensions. With
    `train = false` the result is the input.
  }];
}

def Aten_AlphaDropoutOp : Aten_ElementwiseDropoutOp<"alpha_dropout",
    "alpha_dropout(Tensor input, float p, bool train) -> Tensor"> {
  let summary = "self-normalizing dropout (SELU networks) in training";
  let details = [{
    With `train = true` dropped elements are set to SELU's negative
    saturation value and the result is affinely rescaled so that mean and
    variance are kept. With `train = false` the result is the input.
  }];
}

def Aten_FeatureAlphaDropoutOp
    : Aten_ElementwiseDropoutOp<"feature_alpha_dropout",
          "feature_alpha_dropout(Tensor input, float p, bool train) -> Tensor"> {
  let summary = "self-normalizing dropout of whole channels in training";
  let details = [{
    Alpha dropout applied to whole channels (dimension 1) with
    `train = true`; the identity with `train = false`.
  }];
}

def Aten_NativeDropoutOp : Aten_DropoutFamilyOp<"native_dropout",
    "native_dropout(Tensor input, float p, bool? train) -> (Tensor, Tensor)"> {
  let summary = "dropout that also returns its keep mask";
  let details = [{
    With `train = true`, `output` is the input with each element zeroed with
    probability `p` and the survivors scaled by `1 / (1 - p)`, and `mask` is
    true where an element was kept. With `train = false`, `output` is the
    input and `mask` is all true.

    Verification: `p` is in [0, 1]; `output` has the input's shape and
    element type; `mask` has the input's shape and element type `i1`.
  }];
  let results = (outs Aten_FloatTensor:$output, Aten_MaskTensor:$mask);
  let extraClassDefinition = [{
    void $cppClass::getEffects(
        ::llvm::SmallVectorImpl<::mlir::SideEffects::EffectInstance<
            ::mlir::MemoryEffects::Effect>> &effects) {
      addRandomGeneratorEffects(getTrain(), effects);
    }
    ::mlir::LogicalResult $cppClass::verify() {
      return verifyNativeDropout(*this);
    }
  }];
}

def Aten_DropoutInPlaceOp : Aten_InPlaceDropoutOp<"dropout_",
    "dropout_(Tensor(a!) self, float p, bool train) -> Tensor(a!)"> {
  let summary = "in-place `aten.dropout` (`nn.Dropout(inplace=True)`)";
  let details = [{
    As `aten.dropout`, writing the result into `self`, which it returns.
  }];
}

def Aten_FeatureDropoutInPlaceOp : Aten_InPlaceDropoutOp<"feature_dropout_",
    "feature_dropout_(Tensor(a!) self, float p, bool train) -> Tensor(a!)"> {
  let summary = "in-place `aten.feature_dropout`";
  let details = [{
    As `aten.feature_dropout`, writing the result into `self`, which it
    returns.
  }];
}

def Aten_AlphaDropoutInPlaceOp : Aten_InPlaceDropoutOp<"alpha_dropout_",
    "alpha_dropout_(Tensor(a!) self, float p, bool train) -> Tensor(a!)"> {
  let summary = "in-place `aten.alpha_dropout`";
  let details = [{
    As `aten.alpha_dropout`, writing the result into `self`, which it
    returns.
  }];
}

def Aten_FeatureAlphaDropoutInPlaceOp
    : Aten_InPlaceDropoutOp<"feature_alpha_dropout_",
          "feature_alpha_dropout_(Tensor(a!) self, float p, bool train) -> "
          "Tensor(a!)"> {
  let summary = "in-place `aten.feature_alpha_dropout`";
  let details = [{
    As `aten.feature_alpha_dropout`, writing the result into `self`, which
    it returns.
  }];
}

//===----------------------------------------------------------------------===//
// Batch norm family
//===----------------------------------------------------------------------===//

defvar TrainingMomentumEps =
    "`training` `=` $training `,` `momentum` `=` $momentum `,` `eps` `=` $eps";
defvar MomentumEps = "`momentum` `=` $momentum `,` `eps` `=` $eps";

// The C++ list `{"a", "b"}` of the given names.
class Aten_StringList<list<string> names> {
  string cpp = "{" # !interleave(!foreach(name, names, "\"" # name # "\""),
                                 ", ") # "}";
}

// A normalization: operands (input, weight, bias[, running_mean,
// running_var]), results (output, then the per-channel statistics saved for
// the backward pass, named `savedResults`, then the updated running
// statistics, named `updatedResults`, then any back-end reserve space).
// Each op sets `verifyScalars`, the C++ statement that checks its scalar
// attributes (CheckMomentumEps or CheckExponentialAverageFactorEpsilon);
// TableGen fails on an op that does not. With `updatesInPlace`, in training mode with running statistics it
// updates them in place as ATen does (`Tensor(a!)`): it writes them, so it
// is never erased as dead; otherwise it is pure.
class Aten_NormOp<string mnemonic, string schema, string family,
                  string modeFlag, string scalarArgsFormat,
                  list<string> savedResults, list<string> updatedResults,
                  bit updatesInPlace>
    : Aten_ModeOp<mnemonic, schema, family, modeFlag, scalarArgsFormat,
                  !if(updatesInPlace,
                      [DeclareOpInterfaceMethods<MemoryEffectsOpInterface>],
                      [Pure])> {
  let hasVerifier = 1;
  code verifyScalars = ?;
  code verifier = [{
    ::mlir::LogicalResult $cppClass::verify() {
      }] # verifyScalars # [{
      return verifyNormalization(*this, }] #
          Aten_StringList<savedResults>.cpp # ", " #
          Aten_StringList<updatedResults>.cpp # [{);
    }
  }];
  let extraClassDefinition = verifier # !if(updatesInPlace, [{
    void $cppClass::getEffects(
        ::llvm::SmallVectorImpl<::mlir::SideEffects::EffectInstance<
            ::mlir::MemoryEffects::Effect>> &effects) {
      if (isTrainingMode() && !isModeIndependent())
        addRunningStatisticsUpdateEffects(getRunningMeanMutable(),
                                          getRunningVarMutable(), effects);
    }
  }], "");
}

defvar CheckMomentumEps = [{
      if (::mlir::failed(verifyFinite(*this, "momentum", getMomentumAttr())) ||
          ::mlir::failed(verifyFiniteNonNegative(*this, "eps", getEpsAttr())))
        return ::mlir::failure();
}];

class Aten_BatchNormOp<string mnemonic, string schema, string modeFlag,
                       string scalarArgsFormat, list<string> savedResults,
                       list<string> updatedResults, bit updatesInPlace>
    : Aten_NormOp<mnemonic, schema, "batch_norm", modeFlag, scalarArgsFormat,
                  savedResults, updatedResults, updatesInPlace> {
  let verifyScalars = CheckMomentumEps;
}

// With both running statistics `!aten.none`, the op normalizes with batch
// statistics whatever its mode says.
defvar NoRunningStatistics = [{
    bool isModeIndependent() {
      return ::mlir::isa<::mode::aten::NoneType>(getRunningMean().getType());
    }
}];

def Aten_BatchNormOp
    : Aten_BatchNormOp<"batch_norm",
          "batch_norm(Tensor input, Tensor? weight, Tensor? bias, "
          "Tensor? running_mean, Tensor? running_var, bool training, "
          "float momentum, float eps, bool cudnn_enabled) -> Tensor",
          "training",
          TrainingMomentumEps # " `,` `cudnn_enabled` `=` $cudnn_enabled",
          [], [], /*updatesInPlace=*/1> {
  let summary = "batch normalization (the composite `torch.batch_norm`)";
  let details = [{
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
                       Aten_OptionalChannelTensor:$weight,
                       Aten_OptionalChannelTensor:$bias,
                       Aten_OptionalChannelTensor:$running_mean,
                       Aten_OptionalChannelTensor:$running_var,
                       BoolAttr:$training, F64Attr:$momentum, F64Attr:$eps,
                       BoolAttr:$cudnn_enabled);
  let results = (outs Aten_FloatTensor:$result);
  let modeDeclarations = NoRunningStatistics;
}

def Aten_NativeBatchNormOp
    : Aten_BatchNormOp<"native_batch_norm",
          "native_batch_norm(Tensor input, Tensor? weight, Tensor? bias, "
          "Tensor? running_mean, Tensor? running_var, bool training, "
          "float momentum, float eps) -> (Tensor, Tensor, Tensor)",
          "training", TrainingMomentumEps, ["save_mean", "save_invstd"], [],
          /*updatesInPlace=*/1> {
  let summary = "batch normalization returning the saved statistics";
  let details = [{
    Computes `output` as `aten.batch_norm` does (updating present running
    statistics in place when `training = true`) and also returns the
    per-channel `save_mean` and `save_invstd` (`1 / sqrt(var + eps)`) used by
    the backward pass; ATen may return them empty (size 0) in evaluation mode.
  }];
  let arguments = (ins Aten_FloatTensor:$input,
                       Aten_OptionalChannelTensor:$weight,
                       Aten_OptionalChannelTensor:$bias,
                       Aten_OptionalChannelTensor:$running_mean,
                       Aten_OptionalChannelTensor:$running_var,
                       BoolAttr:$training, F64Attr:$momentum, F64Attr:$eps);
  let results = (outs Aten_FloatTensor:$output,
                      Aten_ChannelTensor:$save_mean,
                      Aten_ChannelTensor:$save_invstd);
  let modeDeclarations = NoRunningStatistics;
}

def Aten_NativeBatchNormLegitOp
    : Aten_BatchNormOp<"_native_batch_norm_legit",
          "_native_batch_norm_legit(Tensor input, Tensor? weight, "
          "Tensor? bias, Tensor(a!) running_mean, Tensor(b!) running_var, "
          "bool training, float momentum, float eps) -> "
          "(Tensor, Tensor, Tensor)",
          "training", TrainingMomentumEps, ["save_mean", "save_rstd"], [],
          /*updatesInPlace=*/1> {
  let summary = "batch normalization with mandatory running statistics";
  let details = [{
    The form `torch.export` emitted for a training-mode `BatchNorm` before
    PyTorch 2.5 and that AOTAutograd traces still hold.

    With `training = true` it normalizes with batch statistics and updates
    the running statistics in place; with `training = false` it normalizes
    with the running statistics. The canonical evaluation form is
    `aten._native_batch_norm_legit_no_training`: the canonicalizer rewrites
    `training = false` into it.
  }];
  let arguments = (ins Aten_FloatTensor:$input,
                       Aten_OptionalChannelTensor:$weight,
                       Aten_OptionalChannelTensor:$bias,
                       Aten_ChannelTensor:$running_mean,
                       Aten_ChannelTensor:$running_var,
                       BoolAttr:$training, F64Attr:$momentum, F64Attr:$eps);
  let results = (outs Aten_FloatTensor:$output,
                      Aten_ChannelTensor:$save_mean,
                      Aten_ChannelTensor:$save_rstd);
  let hasCanonicalizeMethod = 1;
}

def Aten_NativeBatchNormLegitNoStatsOp
    : Aten_BatchNormOp<"_native_batch_norm_legit.no_stats",
          "_native_batch_norm_legit.no_stats(Tensor input, Tensor? weight, "
          "Tensor? bias, bool training, float momentum, float eps) -> "
          "(Tensor, Tensor, Tensor)",
          "training", TrainingMomentumEps, ["save_mean", "save_rstd"], [],
          /*updatesInPlace=*/0> {
  let summary = "batch normalization without running statistics";
  let details = [{
    Without running statistics there is nothing to switch to: the op always
    normalizes with batch statistics, whatever `training` says, and neither
    pass changes it.
  }];
  let arguments = (ins Aten_FloatTensor:$input,
                       Aten_OptionalChannelTensor:$weight,
                       Aten_OptionalChannelTensor:$bias,
                       BoolAttr:$training, F64Attr:$momentum, F64Attr:$eps);
  let results = (outs Aten_FloatTensor:$output,
                      Aten_ChannelTensor:$save_mean,
                      Aten_ChannelTensor:$save_rstd);
  let modeDeclarations = [{
    bool isModeIndependent() { return true; }
  }];
}

def Aten_NativeBatchNormLegitNoTrainingOp
    : Aten_BatchNormOp<"_native_batch_norm_legit_no_training",
          "_native_batch_norm_legit_no_training(Tensor input, "
          "Tensor? weight, Tensor? bias, Tensor running_mean, "
          "Tensor running_var, float momentum, float eps) -> "
          "(Tensor, Tensor, Tensor)",
          "", MomentumEps, ["save_mean", "save_rstd"], [],
          /*updatesInPlace=*/0> {
  let summary = "batch normalization with the running statistics (evaluation)";
  let details = [{
    The form `torch.export` emits for an evaluation-mode `BatchNorm` after
    `run_decompositions()`.

    Normalizes with `running_mean` and `running_var` and never updates them;
    `momentum` is unused but kept so that the training form can be restored.
  }];
  let arguments = (ins Aten_FloatTensor:$input,
                       Aten_OptionalChannelTensor:$weight,
                       Aten_OptionalChannelTensor:$bias,
                       Aten_ChannelTensor:$running_mean,
                       Aten_ChannelTensor:$running_var,
                       F64Attr:$momentum, F64Attr:$eps);
  let results = (outs Aten_FloatTensor:$output,
                      Aten_ChannelTensor:$save_mean,
                      Aten_ChannelTensor:$save_rstd);
  let modeDeclarations = [{
    bool isTrainingMode() { return false; }
  }];
}

def Aten_NativeBatchNormLegitFunctionalOp
    : Aten_BatchNormOp<"_native_batch_norm_legit_functional",
          "_native_batch_norm_legit_functional(Tensor input, Tensor? weight, "
          "Tensor? bias, Tensor running_mean, Tensor running_var, "
          "bool training, float momentum, float eps) -> (Tensor, Tensor, "
          "Tensor, Tensor running_mean_out, Tensor running_var_out)",
          "training", TrainingMomentumEps, ["save_mean", "save_rstd"],
          ["running_mean_out", "running_var_out"], /*updatesInPlace=*/0> {
  let summary = "batch normalization returning the updated statistics";
  let details = [{
    The functionalized form of `_native_batch_norm_legit`, which
    `torch.export` emits for a training-mode `BatchNorm` after
    `run_decompositions()`.

    Instead of updating the running statistics in place it returns the
    updated ones as `running_mean_out` and `running_var_out`; with
    `training = false` they equal the inputs. The op is pure.
  }];
  let arguments = (ins Aten_FloatTensor:$input,
                       Aten_OptionalChannelTensor:$weight,
                       Aten_OptionalChannelTensor:$bias,
                       Aten_ChannelTensor:$running_mean,
                       Aten_ChannelTensor:$running_var,
                       BoolAttr:$training, F64Attr:$momentum, F64Attr:$eps);
  let results = (outs Aten_FloatTensor:$output,
                      Aten_ChannelTensor:$save_mean,
                      Aten_ChannelTensor:$save_rstd,
                      Aten_ChannelTensor:$running_mean_out,
                      Aten_ChannelTensor:$running_var_out);
}

def Aten_BatchNormWithUpdateOp
    : Aten_BatchNormOp<"_batch_norm_with_update",
          "_batch_norm_with_update(Tensor input, Tensor? weight, "
          "Tensor? bias, Tensor(a!) running_mean, Tensor(b!) running_var, "
          "float momentum, float eps) -> (Tensor, Tensor, Tensor, Tensor)",
          "", MomentumEps, ["save_mean", "save_rstd"], [],
          /*updatesInPlace=*/1> {
  let summary = "training-mode batch normalization (Batch-Norm Consolidation)";
  let details = [{
    Always in training mode: normalizes with batch statistics and updates the
    running statistics in place. Its evaluation counterpart is
    `aten._batch_norm_no_update`. `reserve` is back-end scratch space.
  }];
  let arguments = (ins Aten_FloatTensor:$input,
                       Aten_OptionalChannelTensor:$weight,
                       Aten_OptionalChannelTensor:$bias,
                       Aten_ChannelTensor:$running_mean,
                       Aten_ChannelTensor:$running_var,
                       F64Attr:$momentum, F64Attr:$eps);
  let results = (outs Aten_FloatTensor:$output,
                      Aten_ChannelTensor:$save_mean,
                      Aten_ChannelTensor:$save_rstd,
                      Aten_ReserveTensor:$reserve);
  let modeDeclarations = [{
    bool isTrainingMode() { return true; }
  }];
}

def Aten_BatchNormNoUpdateOp
    : Aten_BatchNormOp<"_batch_norm_no_update",
          "_batch_norm_no_update(Tensor input, Tensor? weight, Tensor? bias, "
          "Tensor? running_mean, Tensor? running_var, float momentum, "
          "float eps) -> (Tensor, Tensor, Tensor, Tensor)",
          "", MomentumEps, ["save_mean", "save_rstd"], [],
          /*updatesInPlace=*/0> {
  let summary = "evaluation-mode batch normalization (Batch-Norm Consolidation)";
  let details = [{
    Never updates statistics. With running statistics it normalizes with
    them (the evaluation counterpart of `aten._batch_norm_with_update`);
    with both `!aten.none` it normalizes with batch statistics and is the
    same in both modes.
  }];
  let arguments = (ins Aten_FloatTensor:$input,
                       Aten_OptionalChannelTensor:$weight,
                       Aten_OptionalChannelTensor:$bias,
                       Aten_OptionalChannelTensor:$running_mean,
                       Aten_OptionalChannelTensor:$running_var,
                       F64Attr:$momentum, F64Attr:$eps);
  let results = (outs Aten_FloatTensor:$output,
                      Aten_ChannelTensor:$save_mean,
                      Aten_ChannelTensor:$save_rstd,
                      Aten_ReserveTensor:$reserve);
  let modeDeclarations = NoRunningStatistics # [{
    bool isTrainingMode() { return false; }
  }];
}

defvar CudnnArgs = "`training` `=` $training `,` "
                   "`exponential_average_factor` `=` "
                   "$exponential_average_factor `,` `epsilon` `=` $epsilon";

defvar CheckExponentialAverageFactorEpsilon = [{
      if (::mlir::failed(verifyFinite(*this, "exponential_average_factor",
                                      getExponentialAverageFactorAttr())) ||
          ::mlir::failed(verifyFiniteNonNegative(*this, "epsilon",
                                                 getEpsilonAttr())))
        return ::mlir::failure();
}];

def Aten_CudnnBatchNormOp
    : Aten_NormOp<"cudnn_batch_norm",
          "cudnn_batch_norm(Tensor input, Tensor weight, Tensor? bias, "
          "Tensor? running_mean, Tensor? running_var, bool training, "
          "float exponential_average_factor, float epsilon) -> "
          "(Tensor, Tensor, Tensor, Tensor)",
          "batch_norm", "training", CudnnArgs, ["save_mean", "save_var"], [],
          /*updatesInPlace=*/1> {
  let verifyScalars = CheckExponentialAverageFactorEpsilon;
  let summary = "cuDNN batch normalization";
  let details = [{
    As `aten.native_batch_norm`, with cuDNN's names: `epsilon` for `eps` and
    `exponential_average_factor` for `momentum`. `weight` is required.
    Returns `output`, the per-channel `save_mean` and `save_var` (inverse
    standard deviation) and cuDNN's `reserve` space.
  }];
  let arguments = (ins Aten_FloatTensor:$input,
                       Aten_ChannelTensor:$weight,
                       Aten_OptionalChannelTensor:$bias,
                       Aten_OptionalChannelTensor:$running_mean,
                       Aten_OptionalChannelTensor:$running_var,
                       BoolAttr:$training,
                       F64Attr:$exponential_average_factor,
                       F64Attr:$epsilon);
  let results = (outs Aten_FloatTensor:$output,
                      Aten_ChannelTensor:$save_mean,
                      Aten_ChannelTensor:$save_var,
                      Aten_ReserveTensor:$reserve);
  let modeDeclarations = NoRunningStatistics;
}

def Aten_MiopenBatchNormOp
    : Aten_NormOp<"miopen_batch_norm",
          "miopen_batch_norm(Tensor input, Tensor weight, Tensor? bias, "
          "Tensor? running_mean, Tensor? running_var, bool training, "
          "float exponential_average_factor, float epsilon) -> "
          "(Tensor, Tensor, Tensor)",
          "batch_norm", "training", CudnnArgs, ["save_mean", "save_var"], [],
          /*updatesInPlace=*/1> {
  let verifyScalars = CheckExponentialAverageFactorEpsilon;
  let summary = "MIOpen (ROCm) batch normalization";
  let details = [{
    As `aten.cudnn_batch_norm` on AMD GPUs, without the reserve space:
    returns `output` and the per-channel `save_mean` and `save_var`.
  }];
  let arguments = (ins Aten_FloatTensor:$input,
                       Aten_ChannelTensor:$weight,
                       Aten_OptionalChannelTensor:$bias,
                       Aten_OptionalChannelTensor:$running_mean,
                       Aten_OptionalChannelTensor:$running_var,
                       BoolAttr:$training,
                       F64Attr:$exponential_average_factor,
                       F64Attr:$epsilon);
  let results = (outs Aten_FloatTensor:$output,
                      Aten_ChannelTensor:$save_mean,
                      Aten_ChannelTensor:$save_var);
  let modeDeclarations = NoRunningStatistics;
}

//===----------------------------------------------------------------------===//
// Instance norm
//===----------------------------------------------------------------------===//

def Aten_InstanceNormOp
    : Aten_NormOp<"instance_norm",
          "instance_norm(Tensor input, Tensor? weight, Tensor? bias, "
          "Tensor? running_mean, Tensor? running_var, bool use_input_stats, "
          "float momentum, float eps, bool cudnn_enabled) -> Tensor",
          "instance_norm", "use_input_stats",
          "`use_input_stats` `=` $use_input_stats `,` "
          "`momentum` `=` $momentum `,` `eps` `=` $eps `,` "
          "`cudnn_enabled` `=` $cudnn_enabled",
          [], [], /*updatesInPlace=*/1> {
  let verifyScalars = CheckMomentumEps;
  let summary = "instance normalization";
  let details = [{
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
                       Aten_OptionalChannelTensor:$weight,
                       Aten_OptionalChannelTensor:$bias,
                       Aten_OptionalChannelTensor:$running_mean,
                       Aten_OptionalChannelTensor:$running_var,
                       BoolAttr:$use_input_stats, F64Attr:$momentum,
                       F64Attr:$eps, BoolAttr:$cudnn_enabled);
  let results = (outs Aten_FloatTensor:$result);
  let modeDeclarations = NoRunningStatistics;
}

//===----------------------------------------------------------------------===//
// rrelu family
//===----------------------------------------------------------------------===//

defvar RreluArgs =
    "`lower` `=` $lower `,` `upper` `=` $upper `,` `training` `=` $training";

// A randomized leaky ReLU. In training mode it draws a slope per element
// (reading and advancing the random generator) and, for the `_with_noise`
// forms, stores the slopes in `noise`. `inPlaceOperands` are the operands it
// writes (`Tensor(a!)`): never erased as dead while they are.
class Aten_RreluFamilyOp<string mnemonic, string schema,
                         list<string> inPlaceOperands>
    : Aten_ModeOp<mnemonic, schema, "rrelu", "training", RreluArgs,
                  [SameOperandsAndResultShape,
                   SameOperandsAndResultElementType,
                   DeclareOpInterfaceMethods<MemoryEffectsOpInterface>]> {
  let hasVerifier = 1;
  let extraClassDefinition = [{
    void $cppClass::getEffects(
        ::llvm::SmallVectorImpl<::mlir::SideEffects::EffectInstance<
            ::mlir::MemoryEffects::Effect>> &effects) {
      addRandomGeneratorEffects(getTraining(), effects);
  }] # !interleave(!foreach(operand, inPlaceOperands,
         "addInPlaceUpdateEffects(get" # !toupper(!substr(operand, 0, 1)) #
         !substr(operand, 1) # "Mutable(), effects);"), "\n") # [{
    }
    ::mlir::LogicalResult $cppClass::verify() {
      return verifySlopeRange(*this, getLowerAttr(), getUpperAttr());
    }
  }];
}

defvar RreluDetails = [{
    Negative elements are multiplied by a slope: with `training = true` a
    slope drawn uniformly from [`lower`, `upper`] for each element; with
    `training = false` the fixed slope `(lower + upper) / 2`.

    Verification: `lower <= upper`, both finite; the results have the
    input's shape and element type.
}];

def Aten_RreluOp : Aten_RreluFamilyOp<"rrelu",
    "rrelu(Tensor self, Scalar lower=0.125, "
    "Scalar upper=0.33333333333333331, bool training=False, "
    "Generator? generator=None) -> Tensor", []> {
  let summary = "randomized leaky ReLU";
  let details = RreluDetails;
  let arguments = (ins Aten_FloatTensor:$self, F64Attr:$lower,
                       F64Attr:$upper, BoolAttr:$training);
  let results = (outs Aten_FloatTensor:$result);
}

def Aten_RreluInPlaceOp : Aten_RreluFamilyOp<"rrelu_",
    "rrelu_(Tensor(a!) self, Scalar lower=0.125, "
    "Scalar upper=0.33333333333333331, bool training=False, "
    "Generator? generator=None) -> Tensor(a!)", ["self"]> {
  let summary = "in-place randomized leaky ReLU (`nn.RReLU(inplace=True)`)";
  let details = RreluDetails # [{
    The result is written into `self`, which the op returns.
  }];
  let arguments = (ins Aten_FloatTensor:$self, F64Attr:$lower,
                       F64Attr:$upper, BoolAttr:$training);
  let results = (outs Aten_FloatTensor:$result);
}

def Aten_RreluWithNoiseOp : Aten_RreluFamilyOp<"rrelu_with_noise",
    "rrelu_with_noise(Tensor self, Tensor(b!) noise, Scalar lower=0.125, "
    "Scalar upper=0.33333333333333331, bool training=False, "
    "Generator? generator=None) -> Tensor", ["noise"]> {
  let summary = "randomized leaky ReLU recording its slopes in `noise`";
  let details = RreluDetails # [{
    The slopes used (1 for non-negative elements) are written into `noise`.
  }];
  let arguments = (ins Aten_FloatTensor:$self, Aten_FloatTensor:$noise,
                       F64Attr:$lower, F64Attr:$upper, BoolAttr:$training);
  let results = (outs Aten_FloatTensor:$result);
}

def Aten_RreluWithNoiseInPlaceOp : Aten_RreluFamilyOp<"rrelu_with_noise_",
    "rrelu_with_noise_(Tensor(a!) self, Tensor(b!) noise, "
    "Scalar lower=0.125, Scalar upper=0.33333333333333331, "
    "bool training=False, Generator? generator=None) -> Tensor(a!)",
    ["self", "noise"]> {
  let summary = "in-place `aten.rrelu_with_noise`";
  let details = RreluDetails # [{
    The slopes are written into `noise` and the result into `self`, which
    the op returns.
  }];
  let arguments = (ins Aten_FloatTensor:$self, Aten_FloatTensor:$noise,
                       F64Attr:$lower, F64Attr:$upper, BoolAttr:$training);
  let results = (outs Aten_FloatTensor:$result);
}

def Aten_RreluWithNoiseFunctionalOp
    : Aten_RreluFamilyOp<"rrelu_with_noise_functional",
          "rrelu_with_noise_functional(Tensor self, Tensor noise, "
          "Scalar lower=0.125, Scalar upper=0.33333333333333331, "
          "bool training=False, Generator? generator=None) -> "
          "(Tensor, Tensor noise_out)", []> {
  let summary = "randomized leaky ReLU returning its slopes";
  let details = RreluDetails # [{
    The functional form of `aten.rrelu_with_noise`, which `torch.export`
    emits for `nn.RReLU` after `run_decompositions()`: the slopes are
    returned as `noise_out` instead of written into `noise`.
  }];
  let arguments = (ins Aten_FloatTensor:$self, Aten_FloatTensor:$noise,
                       F64Attr:$lower, F64Attr:$upper, BoolAttr:$training);
  let results = (outs Aten_FloatTensor:$result, Aten_FloatTensor:$noise_out);
}

//===----------------------------------------------------------------------===//
// Recurrent layers
//===----------------------------------------------------------------------===//

defvar RnnArgs = "`has_biases` `=` $has_biases `,` `num_layers` `=` $num_layers "
                 "`,` `dropout` `=` $dropout `,` `train` `=` $train `,` "
                 "`bidirectional` `=` $bidirectional";

// A multi-layer recurrent layer (`nn.LSTM`, `nn.GRU`, `nn.RNN`). In training
// mode it applies dropout with probability `dropout` to the outputs of
// every layer but the last, drawing random numbers; in evaluation mode it
// does not. The `.input` forms take a padded batch, the `.data` forms a
// packed sequence (`batch_sizes`). `hx` is the initial hidden state (h0,
// and c0 for the LSTM), `params` the weights and biases layer by layer.
class Aten_RnnOp<string mnemonic, string schema, string operandsFormat,
                 string extraFormat, list<Trait> traits = []>
    : Aten_ModeOp<mnemonic, schema, "rnn", "train", "",
                  !listconcat(traits,
                              [DeclareOpInterfaceMethods<
                                   MemoryEffectsOpInterface>])> {
  // !strconcat: TableGen pastes a defvar after a literal `#` as its name.
  let assemblyFormat = !strconcat("`(` ", operandsFormat, " `)` ", RnnArgs,
                                  extraFormat, " attr-dict `:` ",
                                  "functional-type(operands, results)");
  let hasVerifier = 1;
  let extraClassDefinition = [{
    void $cppClass::getEffects(
        ::llvm::SmallVectorImpl<::mlir::SideEffects::EffectInstance<
            ::mlir::MemoryEffects::Effect>> &effects) {
      addRandomGeneratorEffects(getTrain() && getNumLayers() > 1 &&
                                    getDropout().convertToDouble() != 0.0,
                                effects);
    }
    ::mlir::LogicalResult $cppClass::verify() {
      return verifyRecurrentLayer(*this, getDropoutAttr(), getNumLayersAttr());
    }
  }];
}

defvar RnnDetails = [{
    With `train = true` and `num_layers > 1`, the output of each layer but
    the last is zeroed element-wise with probability `dropout` (survivors
    scaled by `1 / (1 - dropout)`) before it feeds the next layer; with
    `train = false` there is no dropout. `nn.LSTM`, `nn.GRU` and `nn.RNN`
    pass `train = self.training`.

    Verification: `dropout` is a probability, `num_layers >= 1`.
}];

defvar InputRnnOperands = "$input `,` `[` $hx `]` `,` `[` $params `]`";
defvar DataRnnOperands =
    "$data `,` $batch_sizes `,` `[` $hx `]` `,` `[` $params `]`";
defvar BatchFirst = " `,` `batch_first` `=` $batch_first";

def Aten_LstmInputOp : Aten_RnnOp<"lstm.input",
    "lstm.input(Tensor input, Tensor[] hx, Tensor[] params, bool has_biases, "
    "int num_layers, float dropout, bool train, bool bidirectional, "
    "bool batch_first) -> (Tensor, Tensor, Tensor)",
    InputRnnOperands, BatchFirst, [AttrSizedOperandSegments]> {
  let summary = "multi-layer LSTM over a padded batch (`nn.LSTM`)";
  let details = RnnDetails # [{
    ```mlir
    %out, %h, %c = aten.lstm.input(%x, [%h0, %c0], [%w_ih, %w_hh, %b_ih, %b_hh])
        has_biases = true, num_layers = 2, dropout = 3.000000e-01,
        train = true, bidirectional = false, batch_first = true : ...
    ```
  }];
  let arguments = (ins Aten_FloatTensor:$input,
                       Variadic<Aten_FloatTensor>:$hx,
                       Variadic<Aten_FloatTensor>:$params,
                       BoolAttr:$has_biases, I64Attr:$num_layers,
                       F64Attr:$dropout, BoolAttr:$train,
                       BoolAttr:$bidirectional, BoolAttr:$batch_first);
  let results = (outs Aten_FloatTensor:$output, Aten_FloatTensor:$hy,
                      Aten_FloatTensor:$cy);
}

def Aten_LstmDataOp : Aten_RnnOp<"lstm.data",
    "lstm.data(Tensor data, Tensor batch_sizes, Tensor[] hx, "
    "Tensor[] params, bool has_biases, int num_layers, float dropout, "
    "bool train, bool bidirectional) -> (Tensor, Tensor, Tensor)",
    DataRnnOperands, "", [AttrSizedOperandSegments]> {
  let summary = "multi-layer LSTM over a packed sequence";
  let details = RnnDetails;
  let arguments = (ins Aten_FloatTensor:$data, Aten_IndexTensor:$batch_sizes,
                       Variadic<Aten_FloatTensor>:$hx,
                       Variadic<Aten_FloatTensor>:$params,
                       BoolAttr:$has_biases, I64Attr:$num_layers,
                       F64Attr:$dropout, BoolAttr:$train,
                       BoolAttr:$bidirectional);
  let results = (outs Aten_FloatTensor:$output, Aten_FloatTensor:$hy,
                      Aten_FloatTensor:$cy);
}

// GRU and the Elman RNNs: one hidden state.
class Aten_SingleStateRnnInputOp<string mnemonic, string summaryText>
    : Aten_RnnOp<mnemonic,
          mnemonic # "(Tensor input, Tensor hx, Tensor[] params, "
          "bool has_biases, int num_layers, float dropout, bool train, "
          "bool bidirectional, bool batch_first) -> (Tensor, Tensor)",
          "$input `,` $hx `,` `[` $params `]`", BatchFirst> {
  let summary = summaryText;
  let details = RnnDetails;
  let arguments = (ins Aten_FloatTensor:$input, Aten_FloatTensor:$hx,
                       Variadic<Aten_FloatTensor>:$params,
                       BoolAttr:$has_biases, I64Attr:$num_layers,
                       F64Attr:$dropout, BoolAttr:$train,
                       BoolAttr:$bidirectional, BoolAttr:$batch_first);
  let results = (outs Aten_FloatTensor:$output, Aten_FloatTensor:$hy);
}

class Aten_SingleStateRnnDataOp<string mnemonic, string summaryText>
    : Aten_RnnOp<mnemonic,
          mnemonic # "(Tensor data, Tensor batch_sizes, Tensor hx, "
          "Tensor[] params, bool has_biases, int num_layers, float dropout, "
          "bool train, bool bidirectional) -> (Tensor, Tensor)",
          "$data `,` $batch_sizes `,` $hx `,` `[` $params `]`", ""> {
  let summary = summaryText;
  let details = RnnDetails;
  let arguments = (ins Aten_FloatTensor:$data, Aten_IndexTensor:$batch_sizes,
                       Aten_FloatTensor:$hx,
                       Variadic<Aten_FloatTensor>:$params,
                       BoolAttr:$has_biases, I64Attr:$num_layers,
                       F64Attr:$dropout, BoolAttr:$train,
                       BoolAttr:$bidirectional);
  let results = (outs Aten_FloatTensor:$output, Aten_FloatTensor:$hy);
}

def Aten_GruInputOp : Aten_SingleStateRnnInputOp<"gru.input",
    "multi-layer GRU over a padded batch (`nn.GRU`)">;
def Aten_GruDataOp : Aten_SingleStateRnnDataOp<"gru.data",
    "multi-layer GRU over a packed sequence">;
def Aten_RnnTanhInputOp : Aten_SingleStateRnnInputOp<"rnn_tanh.input",
    "multi-layer Elman RNN with tanh over a padded batch (`nn.RNN`)">;
def Aten_RnnTanhDataOp : Aten_SingleStateRnnDataOp<"rnn_tanh.data",
    "multi-layer Elman RNN with tanh over a packed sequence">;
def Aten_RnnReluInputOp : Aten_SingleStateRnnInputOp<"rnn_relu.input",
    "multi-layer Elman RNN with ReLU over a padded batch "
    "(`nn.RNN(nonlinearity='relu')`)">;
def Aten_RnnReluDataOp : Aten_SingleStateRnnDataOp<"rnn_relu.data",
    "multi-layer Elman RNN with ReLU over a packed sequence">;

//===----------------------------------------------------------------------===//
// Attention
//===----------------------------------------------------------------------===//

def Aten_ScaledDotProductAttentionOp
    : Aten_ModeOp<"scaled_dot_product_attention",
          "scaled_dot_product_attention(Tensor query, Tensor key, "
          "Tensor value, Tensor? attn_mask=None, float dropout_p=0., "
          "bool is_causal=False, *, float? scale=None, "
          "bool enable_gqa=False) -> Tensor",
          "attention", "",
          "`dropout_p` `=` $dropout_p `,` `is_causal` `=` $is_causal `,` "
          "`enable_gqa` `=` $enable_gqa (`,` `scale` `=` $scale^)?",
          [DeclareOpInterfaceMethods<MemoryEffectsOpInterface>]> {
  let summary = "scaled dot-product attention, with dropout on the weights";
  let details = [{
    `softmax(query @ key^T * scale + mask) @ value`, where `scale` defaults
    to `1 / sqrt(E)`, `attn_mask` is added (or, boolean, masks) and
    `is_causal` masks the upper triangle; with `dropout_p > 0` the
    attention weights are zeroed with probability `dropout_p` (survivors
    scaled by `1 / (1 - dropout_p)`), drawing random numbers.

    The op has no mode flag: its mode is `dropout_p`. `nn.MultiheadAttention`,
    the transformer layers and code that follows `self.training` pass
    `dropout_p = p if self.training else 0.0`, so a training export holds
    the probability and an evaluation export 0. `to-eval` sets `dropout_p`
    to 0 and keeps the training probability in the discardable attribute
    `aten.training_dropout_p`, from which `to-train` restores it; an
    evaluation export has lost it, and `to-train` takes it from its option
    `attention-dropout`. Attention that trains without dropout (timm's
    default, most language models') has `dropout_p = 0` in both modes: in a
    program that shows it is in training form (another op in training
    form), `to-eval` records its training probability 0 and `to-train`
    leaves it as it is; alone, it cannot be told from an evaluation export
    that lost its probability, and `to-train` needs `attention-dropout`.

    ```mlir
    %0 = aten.scaled_dot_product_attention(%q, %k, %v, %none)
        dropout_p = 1.000000e-01, is_causal = false, enable_gqa = false
        : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>,
           !aten.none) -> tensor<2x4x8x16xf32>
    ```

    Verification: `dropout_p` is a probability; `scale`, if given, finite;
    the result has the query's element type.
  }];
  let arguments = (ins Aten_FloatTensor:$query, Aten_FloatTensor:$key,
                       Aten_FloatTensor:$value,
                       AnyTypeOf<[AnyTensor, Aten_NoneType]>:$attn_mask,
                       F64Attr:$dropout_p, BoolAttr:$is_causal,
                       OptionalAttr<F64Attr>:$scale, BoolAttr:$enable_gqa);
  let results = (outs Aten_FloatTensor:$result);
  let hasVerifier = 1;
  let modeDeclarations = [{
    bool isTrainingMode() {
      return getDropoutP().convertToDouble() != 0.0;
    }
  }];
  let extraClassDefinition = [{
    void $cppClass::getEffects(
        ::llvm::SmallVectorImpl<::mlir::SideEffects::EffectInstance<
            ::mlir::MemoryEffects::Effect>> &effects) {
      addRandomGeneratorEffects(isTrainingMode(), effects);
    }
    ::mlir::LogicalResult $cppClass::verify() {
      return verifyAttention(*this);
    }
  }];
}

#endif // MODE_DIALECT_ATEN_IR_ATENOPS_TD
