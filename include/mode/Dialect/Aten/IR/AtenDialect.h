//===- AtenDialect.h - The aten dialect -------------------------*- C++ -*-===//

#ifndef MODE_DIALECT_ATEN_IR_ATENDIALECT_H
#define MODE_DIALECT_ATEN_IR_ATENDIALECT_H

#include "mlir/IR/Dialect.h"

#include "mode/Dialect/Aten/IR/AtenOpsDialect.h.inc"

#define GET_TYPEDEF_CLASSES
#include "mode/Dialect/Aten/IR/AtenOpsTypes.h.inc"

#endif // MODE_DIALECT_ATEN_IR_ATENDIALECT_H
