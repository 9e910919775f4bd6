//===- AtenInterfaces.h - Interfaces of the aten dialect --------*- C++ -*-===//

#ifndef MODE_DIALECT_ATEN_IR_ATENINTERFACES_H
#define MODE_DIALECT_ATEN_IR_ATENINTERFACES_H

#include "mlir/IR/OpDefinition.h"

#include "mode/Dialect/Aten/IR/AtenInterfaces.h.inc"

#endif // MODE_DIALECT_ATEN_IR_ATENINTERFACES_H
