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

#include <optional>
#include <string>

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

/// The element type of a tensor of the archive's ScalarType `dtype`, or null.
mlir::Type getElementType(mlir::MLIRContext *context, int64_t dtype);
/// The archive's ScalarType of `elementType`, or nullopt.
std::optional<int64_t> getScalarType(mlir::Type elementType);

/// The module prefix of a buffer of a batch norm's: `layer1.bn` for
/// `layer1.bn.running_mean`, `` for `running_mean`; nullopt if `name` does
/// not end in `suffix`.
std::optional<llvm::StringRef> getBufferPrefix(llvm::StringRef name,
                                               llvm::StringRef suffix);

/// Formats a double as Python's `repr` does: `0.1`, `1e-05`, `1.0`, `inf`.
std::string formatPythonFloat(double value);

} // namespace mode::pt2

#endif // MODE_DIALECT_PT2_IR_PT2ARGUMENTS_H
