//===- PT2Arguments.h - Values named in a node's arguments ------*- C++ -*-===//
//
// An `Argument` of the archive's schema (the union `{"as_tensor": ...}`,
// `{"as_sym_int": ...}`, ...) kept as attributes names values of the graph at
// known places: `as_tensor.name`, `as_tensors[i].name`,
// `as_sym_int.as_name`, ... This is the one place that knows them.
//
//===----------------------------------------------------------------------===//

#ifndef MODE_DIALECT_PT2_IR_PT2ARGUMENTS_H
#define MODE_DIALECT_PT2_IR_PT2ARGUMENTS_H

#include "mlir/IR/Attributes.h"
#include "mlir/IR/Types.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace mode::pt2 {

/// What a reference names.
enum class ValueKind { Tensor, SymInt, SymBool, SymFloat, CustomObj };

/// The type a value of `kind` has in the IR when it is not a tensor.
mlir::Type getValueType(mlir::MLIRContext *context, ValueKind kind);

/// Calls `fn` for every place `argument` names a value, in order, with the
/// attribute found there (a name or a `#pt2.operand`) and what it names.
/// Returns failure if `argument` holds a subgraph (`as_graph`).
mlir::LogicalResult walkValueReferences(
    mlir::Attribute argument,
    llvm::function_ref<void(mlir::Attribute reference, ValueKind kind)> fn);

/// Returns `argument` with the attribute at each place it names a value
/// replaced by `fn(attribute, kind)`, or null if `fn` returns null.
mlir::Attribute replaceValueReferences(
    mlir::Attribute argument,
    llvm::function_ref<mlir::Attribute(mlir::Attribute reference,
                                       ValueKind kind)>
        fn);

} // namespace mode::pt2

#endif // MODE_DIALECT_PT2_IR_PT2ARGUMENTS_H
