//===- PT2Program.h - What import and export share --------------*- C++ -*-===//
//
// The attribute names of an imported program, the tensor metadata <-> type
// mapping, and how a batch norm's counter is told apart: what the importer
// and the exporter must agree on, in one place.
//
//===----------------------------------------------------------------------===//

#ifndef MODE_LIB_TARGET_PT2_PT2PROGRAM_H
#define MODE_LIB_TARGET_PT2_PT2PROGRAM_H

#include "AtenSchema.h"
#include "mode/Dialect/PT2/IR/PT2AttrNames.h"
#include "JSON.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Operation.h"

namespace mode::pt2 {

/// Splits the text of a metadata entry `custom` (a JSON object, as text)
/// into mode's records (its `mode.*` entries, each a string) and the text
/// of the rest, `user` (empty if nothing else). mode appends its records
/// last, sorted (appendRecords); fails, saying why in `error`, on records
/// that are not so. A `custom` that is no JSON object holds no records.
mlir::LogicalResult
splitRecords(llvm::StringRef custom,
             std::vector<std::pair<std::string, std::string>> &records,
             std::string &user, std::string &error);
/// The text of `custom` with `records` appended to `user`'s entries.
std::string
appendRecords(llvm::StringRef user,
              llvm::ArrayRef<std::pair<std::string, std::string>> records);

/// The schema of a registered aten op, parsed once.
const AtenSchema *getAtenSchema(mlir::Operation *op);
const AtenSchema *getAtenSchema(mlir::RegisteredOperationName name);

/// The values of each tensor argument of `op` (an aten op of `schema`), in
/// schema order: one for a Tensor or Tensor?, any number for a Tensor[].
llvm::SmallVector<mlir::ValueRange>
getTensorArguments(mlir::Operation *op, const AtenSchema &schema);

/// Whether argument `index` of `op` has its schema default.
bool hasDefaultValue(mlir::Operation *op, const AtenSchema &schema,
                     unsigned index);

/// Argument kinds of a node's named arguments.
enum ArgumentKind : int64_t { Positional = 1, Keyword = 2 };

/// The arguments PyTorch spells out in a node of `op`, and how: every
/// positional argument up to the last one that differs from its default (or
/// has none), positionally, then the keyword-only ones that differ from
/// their defaults, by keyword. `torch.export` drops the rest.
llvm::SmallVector<std::pair<unsigned, ArgumentKind>>
getSpelledArguments(mlir::Operation *op, const AtenSchema &schema);

/// The tensor type a TensorMeta (as attributes) describes: its shape and
/// element type, and as encoding the fields that differ from the defaults of
/// that shape. Fails, saying why, on what is not a TensorMeta.
mlir::FailureOr<mlir::RankedTensorType> getTensorType(mlir::DictionaryAttr meta,
                                                      std::string &error);
/// The TensorMeta of `type` (the inverse of getTensorType).
mlir::DictionaryAttr getTensorMeta(mlir::RankedTensorType type);

/// The innermost module type in a node's `nn_module_stack` metadata
/// (`torch.nn.modules.batchnorm.BatchNorm2d`), or empty.
llvm::StringRef getInnermostModuleType(llvm::StringRef nnModuleStack);

} // namespace mode::pt2

#endif // MODE_LIB_TARGET_PT2_PT2PROGRAM_H
