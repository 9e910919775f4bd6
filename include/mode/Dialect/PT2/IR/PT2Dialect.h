//===- PT2Dialect.h - The pt2 dialect ---------------------------*- C++ -*-===//

#ifndef MODE_DIALECT_PT2_IR_PT2DIALECT_H
#define MODE_DIALECT_PT2_IR_PT2DIALECT_H

#include "mlir/IR/Dialect.h"

#include "mode/Dialect/PT2/IR/PT2AttrNames.h"

#include "mode/Dialect/PT2/IR/PT2OpsDialect.h.inc"

#define GET_TYPEDEF_CLASSES
#include "mode/Dialect/PT2/IR/PT2OpsTypes.h.inc"

#define GET_ATTRDEF_CLASSES
#include "mode/Dialect/PT2/IR/PT2OpsAttributes.h.inc"

#endif // MODE_DIALECT_PT2_IR_PT2DIALECT_H
