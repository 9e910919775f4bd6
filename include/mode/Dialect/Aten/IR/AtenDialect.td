//===- AtenDialect.td - The aten dialect -------------------*- tablegen -*-===//
//
// The `aten` dialect: the ATen operators whose behaviour depends on the
// training/evaluation mode, as they appear in a `torch.export` graph.
//
//===----------------------------------------------------------------------===//

#ifndef MODE_DIALECT_ATEN_IR_ATENDIALECT_TD
#define MODE_DIALECT_ATEN_IR_ATENDIALECT_TD

include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/OpBase.td"

def Aten_Dialect : Dialect {
  let name = "aten";
  let cppNamespace = "::mode::aten";
  let summary = "The mode-dependent ATen operators of an exported PyTorch model";
  let description = [{
    A model exported with `torch.export` is frozen in the mode it was exported
    in: dropout and normalization operators carry their `train`/`training`
    flag as a constant. The `aten` dialect mirrors exactly those operators so
    that the `to-eval` and `to-train` passes can switch a graph between the
    two modes.

    Naming follows ATen: op names are ATen's operator names (an overload
    follows a dot, as in `aten._native_batch_norm_legit.no_stats`), tensor
    arguments are operands in ATen's schema order, scalar arguments are
    inherent attributes named as in ATen (every `float` an `f64` FloatAttr,
    every `bool` a BoolAttr), and results are in ATen's order. An absent
    optional tensor (ATen's `Tensor?` passed `None`) is a value of type
    `!aten.none`, produced by `aten.none`.

    Every op accepts the generic form, for example

    ```mlir
    %0 = "aten.dropout"(%x) {p = 1.000000e-01 : f64, train = true}
        : (tensor<8x16xf32>) -> tensor<8x16xf32>
    ```

    and prints in a custom form that reads like the ATen call: operands in
    parentheses, then each scalar argument as `name = value`, then the
    function type:

    ```mlir
    %0 = aten.dropout(%x) p = 1.000000e-01, train = true
        : (tensor<8x16xf32>) -> tensor<8x16xf32>
    ```
  }];
  let useDefaultTypePrinterParser = 1;
  let hasCanonicalizer = 0;
  let hasOperationAttrVerify = 1;
  let extraClassDeclaration = [{
    /// The discardable attribute in which `to-eval` keeps the dropout
    /// probability of an attention op in training, for `to-train`.
    static ::llvm::StringRef getTrainingDropoutAttrName() {
      return "aten.training_dropout_p";
    }
    /// The unit attribute of an attention op whose dropout probability
    /// `to-train` was given (option `attention-dropout`) rather than found:
    /// `to-eval` then drops it instead of keeping it, so that switching an
    /// evaluation export to training and back gives it back exactly.
    static ::llvm::StringRef getGivenDropoutAttrName() {
      return "aten.given_dropout_p";
    }
    /// The discardable attribute of an op that is what a decomposition left
    /// of a mode-dependent op, in a mode it cannot be switched out of:
    /// `{family, mode, reason}`. The mode passes refuse to switch it and
    /// the guards check its mode.
    static ::llvm::StringRef getUnswitchableAttrName() {
      return "aten.unswitchable";
    }
    /// Whether `root` holds an op in training form that computes
    /// differently in evaluation form, or what a decomposition left of one
    /// (unswitchable, in training mode): whether a program shows it is in
    /// training mode.
    static bool hasTrainingFormOp(::mlir::Operation *root);
  }];
}

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

def Aten_NoneType : TypeDef<Aten_Dialect, "None"> {
  let mnemonic = "none";
  let summary = "the type of an absent optional tensor";
  let description = [{
    The type of ATen's `None` passed for a `Tensor?` argument, for example a
    batch norm without affine weight or without running statistics. Values of
    this type are produced by `aten.none`.
  }];
}

//===----------------------------------------------------------------------===//
// Type constraints
//===----------------------------------------------------------------------===//

def Aten_FloatTensor : TensorOf<[AnyFloat]>;
def Aten_MaskTensor : TensorOf<[I1]>;
// One value per channel: a normalization's weight, bias, running and saved
// statistics. Rank 1 where the rank is known.
def Aten_ChannelTensor
    : AnyTypeOf<[1DTensorOf<[AnyFloat]>, UnrankedTensorOf<[AnyFloat]>],
                "per-channel tensor (rank 1) of floating-point values">;
def Aten_OptionalChannelTensor
    : AnyTypeOf<[Aten_ChannelTensor, Aten_NoneType],
                "per-channel tensor (rank 1) of floating-point values or "
                "!aten.none">;
// The batch sizes of a packed sequence: 64-bit integers.
def Aten_IndexTensor : TensorOf<[SI64, I64]>;
// ATen returns the reserve space as a byte tensor on some back ends and as a
// floating-point tensor on others: any element type is accepted.
def Aten_ReserveTensor : TensorOf<[AnyType]>;

#endif // MODE_DIALECT_ATEN_IR_ATENDIALECT_TD
