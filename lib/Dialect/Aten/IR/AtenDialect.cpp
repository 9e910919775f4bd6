//===- AtenDialect.cpp - The aten dialect ---------------------------------===//

#include "mode/Dialect/Aten/IR/AtenDialect.h"

#include "mode/Dialect/Aten/IR/AtenOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mode::aten;

#include "mode/Dialect/Aten/IR/AtenOpsDialect.cpp.inc"

#define GET_TYPEDEF_CLASSES
#include "mode/Dialect/Aten/IR/AtenOpsTypes.cpp.inc"

void AtenDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "mode/Dialect/Aten/IR/AtenOps.cpp.inc"
      >();
  addTypes<
#define GET_TYPEDEF_LIST
#include "mode/Dialect/Aten/IR/AtenOpsTypes.cpp.inc"
      >();
}
