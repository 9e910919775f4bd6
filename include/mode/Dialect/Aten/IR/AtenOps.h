//===- AtenOps.h - Operations of the aten dialect ---------------*- C++ -*-===//

#ifndef MODE_DIALECT_ATEN_IR_ATENOPS_H
#define MODE_DIALECT_ATEN_IR_ATENOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "mode/Dialect/Aten/IR/AtenDialect.h"
#include "mode/Dialect/Aten/IR/AtenInterfaces.h"

namespace mode::aten {

/// The random number generator that training-mode dropout and rrelu read and
/// advance.
struct RandomGeneratorResource
    : public mlir::SideEffects::Resource::Base<RandomGeneratorResource> {
  llvm::StringRef getName() final { return "aten::RandomGenerator"; }
};

/// The running statistics that in-place batch and instance norms update in
/// training mode.
struct RunningStatisticsResource
    : public mlir::SideEffects::Resource::Base<RunningStatisticsResource> {
  llvm::StringRef getName() final { return "aten::RunningStatistics"; }
};

/// The storage of a tensor that an in-place ATen operator (`Tensor(a!)`, as
/// `dropout_` or `rrelu_`) writes.
struct TensorStorageResource
    : public mlir::SideEffects::Resource::Base<TensorStorageResource> {
  llvm::StringRef getName() final { return "aten::TensorStorage"; }
};

} // namespace mode::aten

#define GET_OP_CLASSES
#include "mode/Dialect/Aten/IR/AtenOps.h.inc"

#endif // MODE_DIALECT_ATEN_IR_ATENOPS_H
