//===- AtenInterfaces.cpp - Interfaces of the aten dialect ----------------===//

#include "mode/Dialect/Aten/IR/AtenInterfaces.h"

#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/STLExtras.h"

using namespace mlir;

#include "mode/Dialect/Aten/IR/AtenInterfaces.cpp.inc"

SmallVector<StringRef> mode::aten::getModeFamilies(MLIRContext *context) {
  SmallVector<StringRef> families;
  for (RegisteredOperationName name : context->getRegisteredOperations())
    if (auto *modeOp = name.getInterface<ModeDependentOpInterface>())
      families.push_back(modeOp->getModeFamily());
  llvm::sort(families);
  families.erase(llvm::unique(families), families.end());
  return families;
}
