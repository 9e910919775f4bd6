//===- PT2Dialect.cpp - The pt2 dialect -----------------------------------===//

#include "mode/Dialect/PT2/IR/PT2Dialect.h"

#include "mode/Dialect/PT2/IR/PT2Ops.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mode::pt2;

#include "mode/Dialect/PT2/IR/PT2OpsDialect.cpp.inc"

#define GET_TYPEDEF_CLASSES
#include "mode/Dialect/PT2/IR/PT2OpsTypes.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "mode/Dialect/PT2/IR/PT2OpsAttributes.cpp.inc"

void PT2Dialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "mode/Dialect/PT2/IR/PT2Ops.cpp.inc"
      >();
  addTypes<
#define GET_TYPEDEF_LIST
#include "mode/Dialect/PT2/IR/PT2OpsTypes.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "mode/Dialect/PT2/IR/PT2OpsAttributes.cpp.inc"
      >();
}

/// The discardable attributes of the dialect and what they must be.
LogicalResult PT2Dialect::verifyOperationAttribute(Operation *op,
                                                   NamedAttribute attr) {
  StringRef name = attr.getName().getValue();
  auto expect = [&](bool ok, StringRef what) -> LogicalResult {
    if (ok)
      return success();
    return op->emitError() << "expects the '" << name << "' attribute to be "
                           << what << ", got " << attr.getValue();
  };
  if (name == getNodeAttrName())
    return expect(isa<DictionaryAttr>(attr.getValue()),
                  "a dictionary (the node's name, outputs and metadata)");
  if (name == "pt2.archive")
    return expect(isa<StringAttr>(attr.getValue()),
                  "a string (the path of the archive the weights are in)");
  if (name == "pt2.program" || name == "pt2.sym_values")
    return expect(isa<DictionaryAttr>(attr.getValue()), "a dictionary");
  return success();
}
