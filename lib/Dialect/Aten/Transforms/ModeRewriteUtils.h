//===- ModeRewriteUtils.h - Helpers of the mode passes ----------*- C++ -*-===//
//
// What the mode passes and their PDLL patterns share, beyond what
// ModeDependentOpInterface answers.
//
//===----------------------------------------------------------------------===//

#ifndef MODE_LIB_DIALECT_ATEN_TRANSFORMS_MODEREWRITEUTILS_H
#define MODE_LIB_DIALECT_ATEN_TRANSFORMS_MODEREWRITEUTILS_H

#include "mlir/IR/PatternMatch.h"

namespace mode::aten {

/// Returns true if `op` is in the `aten` namespace but not registered: the
/// dialect was not loaded (stock `mlir-opt --allow-unregistered-dialect`
/// without the dialect plugin), so nothing can be known of its mode.
bool isUnregisteredAtenOp(mlir::Operation *op);

/// Emits the error the mode passes give for such an op.
mlir::InFlightDiagnostic emitUnregisteredAtenOpError(mlir::Operation *op);

/// Returns true if none of the discardable attributes of `op` has the name
/// of an inherent attribute of `counterpartName`, the op that replaces it:
/// carried over, such an attribute would shadow the inherent one and the IR
/// would have no faithful textual form.
bool canCarryDiscardableAttrsTo(mlir::Operation *op,
                                llvm::StringRef counterpartName);

/// Replaces `op` by `counterpart`, its other-mode form built with the same
/// operands and result types: `counterpart` takes the location and the
/// discardable attributes of `op` and its place in every use list (of the
/// operands and of the results), so that a round trip restores the IR
/// exactly, bytecode included (which records use-list order).
void replaceWithCounterpart(mlir::PatternRewriter &rewriter,
                            mlir::Operation *op, mlir::Operation *counterpart);

/// What the `aten.unswitchable` attribute of an op says: the op is what a
/// decomposition left of a mode-dependent op, in a mode it cannot leave.
struct Unswitchable {
  llvm::StringRef family;
  bool training;
  llvm::StringRef reason;
};
std::optional<Unswitchable> getUnswitchable(mlir::Operation *op);

/// What the mode passes check of an op that ModeDependentOpInterface does
/// not answer for, when they want every op in training mode (`wantTraining`)
/// or in evaluation mode. Fails, with an error at the op, if it is an
/// unregistered `aten` op (emitUnregisteredAtenOpError), or if its
/// `aten.unswitchable` record holds it in the other mode and its family is
/// in `families` (every family when empty). `switching` tells the message
/// whether the pass was to switch the op (to-eval, to-train) or only checks
/// its mode (the guards).
llvm::LogicalResult
checkOpWithoutModeInterface(mlir::Operation *op, bool wantTraining,
                            bool switching,
                            llvm::ArrayRef<std::string> families = {});

/// The dropout probability an attention op had in training, if to-eval
/// kept it.
std::optional<double> getTrainingDropout(mlir::Operation *op);

/// Moves an attention op's dropout probability into its record and sets it
/// to 0 (to evaluation), or back (to training), in place.
void keepTrainingDropout(mlir::PatternRewriter &rewriter, mlir::Operation *op);
void restoreTrainingDropout(mlir::PatternRewriter &rewriter,
                            mlir::Operation *op);

/// Sets an attention op's dropout probability to `p`, given to to-train, and
/// drops any record.
void setGivenTrainingDropout(mlir::PatternRewriter &rewriter,
                             mlir::Operation *op, double p);

/// Whether `op` draws random numbers: it reads and advances the random
/// generator (its memory effects on RandomGeneratorResource).
bool drawsRandomNumbers(mlir::Operation *op);

/// Fails, with an error at each, on the ops nested in `root` that would
/// draw random numbers in evaluation mode and are no mode-dependent op the
/// mode passes switch (a random node of a module mode does not know), but
/// those made in a module of one of the classes `keepRandom`. `toEval`
/// says whether the caller is to-eval (else assert-eval), for the message.
mlir::LogicalResult checkNoRandomness(mlir::Operation *root,
                                      llvm::ArrayRef<std::string> keepRandom,
                                      bool toEval);

} // namespace mode::aten

#endif // MODE_LIB_DIALECT_ATEN_TRANSFORMS_MODEREWRITEUTILS_H
