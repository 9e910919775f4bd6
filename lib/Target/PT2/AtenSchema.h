//===- AtenSchema.h - ATen operator schemas ---------------------*- C++ -*-===//
//
// The schema of an ATen operator, as `getAtenSchema()` of an aten op states
// it and PyTorch prints it: `name.overload(Type arg=default, *, ...) ->
// returns`. The .pt2 importer and exporter map a node's named arguments to
// the op's operands and attributes through it.
//
//===----------------------------------------------------------------------===//

#ifndef MODE_LIB_TARGET_PT2_ATENSCHEMA_H
#define MODE_LIB_TARGET_PT2_ATENSCHEMA_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace mode::pt2 {

/// What an argument's type makes it in the IR.
enum class SchemaArgKind {
  Tensor,         // Tensor, Tensor(a!): an operand
  OptionalTensor, // Tensor?: an operand, possibly !aten.none
  TensorList,     // Tensor[]: a variadic operand
  Float,          // float: an f64 attribute
  OptionalFloat,  // float?: an optional f64 attribute
  Scalar,         // Scalar: an f64 attribute
  Bool,           // bool: a bool attribute
  OptionalBool,   // bool?: a bool attribute (None is not modelled)
  Int,            // int: an i64 attribute
  Generator,      // Generator?: not modelled; must be None
};

struct SchemaArgument {
  std::string name;
  std::string type;
  SchemaArgKind kind;
  /// The default, as the schema spells it (`0.125`, `False`, `None`).
  std::optional<std::string> defaultValue;
  bool kwargOnly = false;

  bool isTensor() const {
    return kind == SchemaArgKind::Tensor ||
           kind == SchemaArgKind::OptionalTensor ||
           kind == SchemaArgKind::TensorList;
  }
};

struct AtenSchema {
  /// `dropout`, `_native_batch_norm_legit.no_stats`: the aten op's name
  /// without `aten.`.
  std::string name;
  llvm::SmallVector<SchemaArgument> arguments;
  unsigned numReturns = 0;

  /// The node target PyTorch writes: `torch.ops.aten.<name>` with the
  /// overload, `.default` when there is none.
  std::string getTarget() const;
};

/// Parses `schema`; nullopt, with the reason in `error`, if it is not a
/// schema of the kinds above.
std::optional<AtenSchema> parseAtenSchema(llvm::StringRef schema,
                                          std::string &error);

} // namespace mode::pt2

#endif // MODE_LIB_TARGET_PT2_ATENSCHEMA_H
