//===- AtenInterfaces.h - Interfaces of the aten dialect --------*- C++ -*-===//

#ifndef MODE_DIALECT_ATEN_IR_ATENINTERFACES_H
#define MODE_DIALECT_ATEN_IR_ATENINTERFACES_H

#include "mlir/IR/OpDefinition.h"

#include "mode/Dialect/Aten/IR/AtenInterfaces.h.inc"

namespace mode::aten {

/// The families of the mode-dependent ops registered in `context`
/// (ModeDependentOpInterface::getModeFamily), sorted, each once.
llvm::SmallVector<llvm::StringRef> getModeFamilies(mlir::MLIRContext *context);

} // namespace mode::aten

#endif // MODE_DIALECT_ATEN_IR_ATENINTERFACES_H
