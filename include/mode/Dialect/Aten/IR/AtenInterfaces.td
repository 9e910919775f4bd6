//===- AtenInterfaces.td - Interfaces of the aten dialect --*- tablegen -*-===//

#ifndef MODE_DIALECT_ATEN_IR_ATENINTERFACES_TD
#define MODE_DIALECT_ATEN_IR_ATENINTERFACES_TD

include "mlir/IR/OpBase.td"

def Aten_AtenOpInterface : OpInterface<"AtenOpInterface"> {
  let cppNamespace = "::mode::aten";
  let description = [{
    An op that mirrors an ATen operator. Its schema, as PyTorch prints
    `torch.ops.aten.<name>.<overload>._schema` (without the `aten::`
    namespace), names the operator's arguments in order with their types and
    defaults: the op's operands are its tensor arguments and its inherent
    attributes its scalar arguments, under the same names. Importers and
    exporters of PyTorch programs map arguments through it.
  }];
  let methods = [
    StaticInterfaceMethod<[{
        Returns ATen's schema of the operator, for example
        `dropout(Tensor input, float p, bool train) -> Tensor`.
      }], "::llvm::StringRef", "getAtenSchema">,
  ];
}

def Aten_ModeDependentOpInterface : OpInterface<"ModeDependentOpInterface"> {
  let cppNamespace = "::mode::aten";
  let description = [{
    An operator whose result depends on the training/evaluation mode. This is
    the one place that says what makes an op mode-dependent: its family (the
    unit of the passes' `ops=` option), its mode, the boolean attribute that
    holds the mode, if any, and how to set it. Passes, guards and reports ask
    the op through this interface instead of knowing attribute names.
  }];
  let methods = [
    StaticInterfaceMethod<[{
        Returns the op's family, for example `dropout` or `batch_norm`.
      }], "::llvm::StringRef", "getModeFamily">,
    StaticInterfaceMethod<[{
        Returns the name of the inherent boolean attribute that holds the
        mode, `true` in training (`train`, `training`, `use_input_stats`), or
        an empty string when the op's kind is its mode (as for
        `_native_batch_norm_legit_no_training`).
      }], "::llvm::StringRef", "getModeFlagName">,
    InterfaceMethod<[{
        Returns true if the op is in its training form (dropout active,
        batch statistics used and running statistics updated).
      }], "bool", "isTrainingMode", (ins), [{}], [{
        return $_op->template getAttrOfType<::mlir::BoolAttr>(
                       ConcreteOp::getModeFlagName())
            .getValue();
      }]>,
    InterfaceMethod<[{
        Returns true if the op computes the same thing in both modes: a
        normalization without running statistics always uses batch
        statistics, so neither pass changes it.
      }], "bool", "isModeIndependent", (ins), [{}], [{ return false; }]>,
    InterfaceMethod<[{
        Sets the mode of an op that has a mode flag, in place; everything
        else about the op stays as it is.
      }], "void", "setTrainingMode", (ins "bool":$training), [{}], [{
        assert(!ConcreteOp::getModeFlagName().empty() &&
               "the op's kind is its mode: replace the op instead");
        $_op->setAttr(ConcreteOp::getModeFlagName(),
                      ::mlir::BoolAttr::get($_op->getContext(), training));
      }]>,
  ];
}

#endif // MODE_DIALECT_ATEN_IR_ATENINTERFACES_TD
