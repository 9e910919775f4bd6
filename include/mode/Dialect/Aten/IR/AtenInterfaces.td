//===- AtenInterfaces.td - Interfaces of the aten dialect --*- tablegen -*-===//

#ifndef MODE_DIALECT_ATEN_IR_ATENINTERFACES_TD
#define MODE_DIALECT_ATEN_IR_ATENINTERFACES_TD

include "mlir/IR/OpBase.td"

def Aten_ModeDependentOpInterface : OpInterface<"ModeDependentOpInterface"> {
  let cppNamespace = "::mode::aten";
  let description = [{
    An operator whose result depends on the training/evaluation mode. Lets
    analyses (mode reports, deployment guards) ask an op which mode it is in
    without knowing each op's attribute names.
  }];
  let methods = [
    InterfaceMethod<[{
        Returns true if the op is in its training form (dropout active,
        batch statistics used and running statistics updated).
      }], "bool", "isTrainingMode">,
    InterfaceMethod<[{
        Returns true if the op computes the same thing in both modes: a
        normalization without running statistics always uses batch
        statistics, so neither pass changes it.
      }], "bool", "isModeIndependent">,
    StaticInterfaceMethod<[{
        Returns the op's family: `dropout`, `batch_norm`, `instance_norm` or
        `rrelu`.
      }], "::llvm::StringRef", "getModeFamily">,
  ];
}

#endif // MODE_DIALECT_ATEN_IR_ATENINTERFACES_TD
