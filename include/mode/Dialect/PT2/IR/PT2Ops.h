//===- PT2Ops.h - Operations of the pt2 dialect -----------------*- C++ -*-===//

#ifndef MODE_DIALECT_PT2_IR_PT2OPS_H
#define MODE_DIALECT_PT2_IR_PT2OPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "mode/Dialect/Aten/IR/AtenInterfaces.h"
#include "mode/Dialect/PT2/IR/PT2Dialect.h"

#define GET_OP_CLASSES
#include "mode/Dialect/PT2/IR/PT2Ops.h.inc"

#endif // MODE_DIALECT_PT2_IR_PT2OPS_H
