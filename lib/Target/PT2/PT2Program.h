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
#include "JSON.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Operation.h"

namespace mode::pt2 {

// Attributes of an imported program.
/// On the module: the archive the weights are in.
inline constexpr llvm::StringLiteral kArchiveAttr = "pt2.archive";
/// On the function: the program JSON without what the IR holds.
inline constexpr llvm::StringLiteral kProgramAttr = "pt2.program";
/// On each argument: its `graph.inputs` entry and its input spec.
inline constexpr llvm::StringLiteral kInputAttr = "pt2.input";
inline constexpr llvm::StringLiteral kInputSpecAttr = "pt2.input_spec";
/// On each result: its `graph.outputs` entry and its output spec.
inline constexpr llvm::StringLiteral kOutputAttr = "pt2.output";
inline constexpr llvm::StringLiteral kOutputSpecAttr = "pt2.output_spec";

// Keys of the `pt2.node` attribute beyond the node's own fields: for aten
// ops, which arguments the node spelled out (name -> kind) and, where a
// scalar was not given as the schema's own kind, which union member it used.
inline constexpr llvm::StringLiteral kArgsKey = "args";
inline constexpr llvm::StringLiteral kArgKeysKey = "arg_keys";

// What mode writes into node metadata: in MLIR, keys `mode.*` of the
// node's metadata dictionary; in the archive, entries of the metadata's
// `custom`, the one entry torch.export.load and save carry over (a JSON
// object written as a string, json.dumps of node.meta["custom"]). mode's
// entries come last in that object, in sorted order, after the user's own.
/// Prefix of the keys of mode's records.
inline constexpr llvm::StringLiteral kRecordPrefix = "mode.";
/// The node metadata entry that carries them.
inline constexpr llvm::StringLiteral kCustomKey = "custom";
/// On a batch norm node: the node of the counter increment that switching
/// to evaluation removed, as JSON, so that switching back restores it.
inline constexpr llvm::StringLiteral kRemovedCounterKey =
    "mode.num_batches_tracked";
/// On an attention node in evaluation form: the dropout probability it had
/// in training (the aten.training_dropout_p attribute), as Python writes
/// the float.
inline constexpr llvm::StringLiteral kTrainingDropoutKey =
    "mode.training_dropout_p";
/// On an attention node in training form whose dropout probability was
/// given to to-train (the aten.given_dropout_p attribute).
inline constexpr llvm::StringLiteral kGivenDropoutKey = "mode.given_dropout_p";
/// On the `clone` that stands for a decomposed dropout in evaluation form:
/// the nodes (and their tensor metadata) of the dropout in training, as
/// JSON `{"nodes": [...], "tensor_values": {...}}`.
inline constexpr llvm::StringLiteral kDecomposedDropoutKey =
    "mode.decomposed_dropout";
/// On a counter increment mode created (switching an evaluation export to
/// training): switching back removes it without a record.
inline constexpr llvm::StringLiteral kSynthesizedKey = "mode.synthesized";

/// On the graph module of a program after run_decompositions() that mode
/// switched from training to evaluation: the program was decomposed in
/// training mode, so no dropout was lost (see kDecomposedVerifier).
inline constexpr llvm::StringLiteral kDecomposedInTrainingKey =
    "mode.decomposed_in_training";

/// The verifier a program after run_decompositions() names (its dialect).
/// Decomposing in evaluation mode drops some dropouts without a trace
/// (in-place, feature and alpha dropouts, attention's): such a program,
/// unless an op in training form or mode's kDecomposedInTrainingKey shows
/// it was decomposed in training mode, cannot be switched to training.
inline constexpr llvm::StringLiteral kDecomposedVerifier = "ATEN";

/// Whether `func` holds an op in training form that computes differently
/// in evaluation form (or one the importer found so and could not model).
bool hasTrainingFormOp(mlir::Operation *func);

/// Writes `metadata` (a node's or a graph module's, from the archive) with
/// mode's records moved out of its `custom` entry into entries of their own,
/// and without `custom` if nothing else was in it. Fails, saying why in
/// `error`, on records that are not where mode writes them.
mlir::LogicalResult writeLiftedRecords(const json::Object &metadata,
                                       JSONWriter &writer, std::string &error);
/// Whether `metadata` (a node's, from the archive) may hold records in its
/// `custom` entry: a quick test before writeLiftedRecords.
bool mayHoldRecords(const json::Object &metadata);
/// The inverse of writeLiftedRecords, for export: `metadata` with its `mode.*`
/// keys appended to its `custom` entry. Fails, saying why in `error`, when
/// `custom` is not a JSON object.
mlir::FailureOr<mlir::DictionaryAttr> foldRecords(mlir::DictionaryAttr metadata,
                                                  std::string &error);

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

/// The element type of a tensor of ScalarType `dtype`, or null.
mlir::Type getElementType(mlir::MLIRContext *context, int64_t dtype);
/// The ScalarType of `elementType`, or nullopt.
std::optional<int64_t> getScalarType(mlir::Type elementType);

/// The tensor type a TensorMeta (as attributes) describes: its shape and
/// element type, and as encoding the fields that differ from the defaults of
/// that shape. Fails, saying why, on what is not a TensorMeta.
mlir::FailureOr<mlir::RankedTensorType> getTensorType(mlir::DictionaryAttr meta,
                                                      std::string &error);
/// The TensorMeta of `type` (the inverse of getTensorType).
mlir::DictionaryAttr getTensorMeta(mlir::RankedTensorType type);

/// The module prefix of a buffer of a batch norm's: `layer1.bn` for
/// `layer1.bn.running_mean`, `` for `running_mean`; nullopt if `name` does
/// not end in `suffix`.
std::optional<llvm::StringRef> getBufferPrefix(llvm::StringRef name,
                                               llvm::StringRef suffix);

/// The innermost module type in a node's `nn_module_stack` metadata
/// (`torch.nn.modules.batchnorm.BatchNorm2d`), or empty.
llvm::StringRef getInnermostModuleType(llvm::StringRef nnModuleStack);

} // namespace mode::pt2

#endif // MODE_LIB_TARGET_PT2_PT2PROGRAM_H
