//===- PT2AttrNames.h - The attributes of an imported program ---*- C++ -*-===//
//
// The discardable attributes with which an imported program (a function
// per model, PT2.h) keeps what its graph says beyond the dataflow, and the
// keys of mode's records in node metadata: what the importer, the exporter
// and the passes that read a program agree on, in one place.
//
//===----------------------------------------------------------------------===//

#ifndef MODE_DIALECT_PT2_IR_PT2ATTRNAMES_H
#define MODE_DIALECT_PT2_IR_PT2ATTRNAMES_H

#include "llvm/ADT/StringRef.h"

namespace mode::pt2 {

// Attributes of an imported program.
/// On the module: the archive the weights are in.
inline constexpr llvm::StringLiteral kArchiveAttr = "pt2.archive";
/// On each function: the size and CRC-32 of the model JSON it was read from
/// (`{crc32, size}`). The exporter takes from that JSON what the IR does
/// not hold: node metadata and the program's other fields.
inline constexpr llvm::StringLiteral kSourceAttr = "pt2.source";
/// On a function whose program went through run_decompositions() (its
/// verifiers name the ATEN dialect).
inline constexpr llvm::StringLiteral kDecomposedAttr = "pt2.decomposed";
/// On such a function that was decomposed in training mode (it holds an op
/// in training form, or mode's record says it did when it switched it to
/// evaluation), so that it lost no dropout: an evaluation form of it says
/// so in a record.
inline constexpr llvm::StringLiteral kDecomposedInTrainingAttr =
    "pt2.decomposed_in_training";
/// On a function: the entries of graph.tensor_values that name no value of
/// the graph, which the exporter copies as they were.
inline constexpr llvm::StringLiteral kUnusedTensorValuesAttr =
    "pt2.unused_tensor_values";

// On each argument: the graph input's name and its input spec, in short
// for the common kinds (user input, parameter, buffer, constant tensor),
// else as the archive's JSON (pt2.input, pt2.input_spec).
inline constexpr llvm::StringLiteral kNameAttr = "pt2.name";
inline constexpr llvm::StringLiteral kUserInputAttr = "pt2.user_input";
inline constexpr llvm::StringLiteral kParameterAttr = "pt2.parameter";
inline constexpr llvm::StringLiteral kBufferAttr = "pt2.buffer";
inline constexpr llvm::StringLiteral kPersistentAttr = "pt2.persistent";
inline constexpr llvm::StringLiteral kConstantAttr = "pt2.constant";
inline constexpr llvm::StringLiteral kInputAttr = "pt2.input";
inline constexpr llvm::StringLiteral kInputSpecAttr = "pt2.input_spec";
// On each result: its output spec, in short for the common kinds, else as
// the archive's JSON (pt2.output, pt2.output_spec).
inline constexpr llvm::StringLiteral kUserOutputAttr = "pt2.user_output";
inline constexpr llvm::StringLiteral kBufferMutationAttr =
    "pt2.buffer_mutation";
inline constexpr llvm::StringLiteral kUserInputMutationAttr =
    "pt2.user_input_mutation";
inline constexpr llvm::StringLiteral kLossOutputAttr = "pt2.loss_output";
inline constexpr llvm::StringLiteral kOutputAttr = "pt2.output";
inline constexpr llvm::StringLiteral kOutputSpecAttr = "pt2.output_spec";

// On aten ops read from a node: which arguments the node spelled out (name
// -> kind), where that is not what PyTorch writes, and where a scalar was
// not given as the schema's own kind, which union member it used.
inline constexpr llvm::StringLiteral kArgsAttr = "pt2.args";
inline constexpr llvm::StringLiteral kArgKeysAttr = "pt2.arg_keys";
/// On a node a decomposition made of a dropout or attention: that node,
/// `[name, target]`, from the node's `from_node` metadata.
inline constexpr llvm::StringLiteral kOriginAttr = "pt2.origin";
/// On the counter of a batch norm that mode made (switching an evaluation
/// export to training): switching back removes it without a record.
inline constexpr llvm::StringLiteral kSynthesizedAttr = "pt2.synthesized";

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
/// On the node after a drop path (stochastic depth) in evaluation form,
/// which has no node: its nodes in training (and their tensor metadata),
/// and which arguments of the nodes after it (and which graph outputs) read
/// its result, as JSON `{"nodes": [...], "tensor_values": {...}, "uses":
/// [{"node": NAME, "operand": I} or {"output": I}, ...]}`. On the graph
/// module's metadata when no node follows it.
inline constexpr llvm::StringLiteral kDropPathKey = "mode.drop_path";
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

} // namespace mode::pt2

#endif // MODE_DIALECT_PT2_IR_PT2ATTRNAMES_H
