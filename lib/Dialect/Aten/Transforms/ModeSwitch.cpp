//===- ModeSwitch.cpp - The to-eval and to-train passes -------------------===//
//
// Both passes apply their PDLL patterns to every mode-dependent op in one
// walk. The greedy driver is not an option: it folds and erases dead ops
// anywhere it walks, and the passes promise to change nothing but the mode.
// `walkAndApplyPatterns` skips unreachable blocks; this walk does not.
//
//===----------------------------------------------------------------------===//

#include "ModeRewriteUtils.h"

#include "mode/Dialect/Aten/IR/AtenOps.h"
#include "mode/Dialect/Aten/Transforms/Passes.h"

#include "mlir/Dialect/PDL/IR/PDL.h"
#include "mlir/Dialect/PDLInterp/IR/PDLInterp.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Rewrite/FrozenRewritePatternSet.h"
#include "mlir/Rewrite/PatternApplicator.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

using namespace mlir;

namespace mode::aten {
namespace {

/// `ops=dropout, rrelu` is one list to a user, but the pass-option parser
/// takes the space as the end of the option: drop the spaces after commas.
std::string joinListSpaces(StringRef options) {
  std::string joined;
  for (size_t i = 0; i < options.size(); ++i) {
    joined += options[i];
    if (options[i] == ',')
      while (i + 1 < options.size() && llvm::isSpace(options[i + 1]))
        ++i;
  }
  return joined;
}

/// The base class of `to-eval` and `to-train` (their `baseClass` in
/// Passes.td) and all they share: the options' parsing, the patterns, built
/// once, and the walk that applies them. Each pass only says which way it
/// switches and which patterns it applies.
class ModeSwitchPass : public OperationPass<> {
protected:
  using OperationPass<>::OperationPass;

  LogicalResult initializeOptions(
      StringRef options,
      function_ref<LogicalResult(const Twine &)> errorHandler) override {
    return Pass::initializeOptions(joinListSpaces(options), errorHandler);
  }

  /// Checks `selected` (the `ops=` families) against the registered
  /// families, keeps them, and builds the pattern set: PDLL's generated code
  /// parses its PDL text and compiles it to bytecode here, not on every run.
  LogicalResult
  initializeSwitch(MLIRContext *context, bool switchToTraining,
                   ArrayRef<std::string> selected,
                   function_ref<void(RewritePatternSet &)> populatePatterns) {
    toTraining = switchToTraining;
    SmallVector<StringRef> known = getModeFamilies(context);
    for (const std::string &family : selected) {
      if (llvm::is_contained(known, family))
        continue;
      emitError(UnknownLoc::get(context))
          << "'" << getArgument() << "': unknown op family '" << family
          << "' in ops=; valid families: " << llvm::join(known, ", ");
      return failure();
    }
    selectedFamilies.assign(selected.begin(), selected.end());
    RewritePatternSet set(context);
    populatePatterns(set);
    patterns = std::move(set);
    return success();
  }

  /// Switches each mode-dependent op nested in the op the pass runs on whose
  /// family is selected (every family when none is). An op that stays in
  /// the other mode is an error at the op, as is an `aten` op the context
  /// does not know.
  void runOnOperation() override {
    Operation *root = getOperation();
    PatternApplicator applicator(patterns);
    applicator.applyDefaultCostModel();
    PatternRewriter rewriter(root->getContext());
    bool failed = false;
    // Post-order: a pattern may replace (erase) the op being visited.
    root->walk([&](Operation *op) {
      auto modeOp = dyn_cast<ModeDependentOpInterface>(op);
      if (!modeOp) {
        if (llvm::failed(checkOpWithoutModeInterface(
                op, toTraining, /*switching=*/true, selectedFamilies)))
          failed = true;
        return;
      }
      if (!selectedFamilies.empty() &&
          !llvm::is_contained(selectedFamilies, modeOp.getModeFamily()))
        return;
      if (modeOp.isModeIndependent() || modeOp.isTrainingMode() == toTraining)
        return;
      rewriter.setInsertionPoint(op);
      if (succeeded(applicator.matchAndRewrite(op, rewriter)))
        return;
      emitCannotSwitch(modeOp);
      failed = true;
    });
    if (failed)
      signalPassFailure();
  }

private:
  /// Explains why no pattern switched `op`.
  void emitCannotSwitch(ModeDependentOpInterface op) const {
    InFlightDiagnostic diag =
        op->emitError() << "cannot switch '" << op->getName() << "' to "
                        << (toTraining ? "training" : "evaluation") << " mode";
    if (op.getModeFamily() == "attention") {
      diag << ": its dropout probability is 0 and none from training is "
              "recorded (an evaluation export does not keep it); give it "
              "with the to-train option attention-dropout=P";
      return;
    }
    // The one cause the patterns check: a discardable attribute that would
    // shadow an inherent attribute of the op that replaces it (an op of the
    // same family).
    for (NamedAttribute attr : op->getDiscardableAttrs()) {
      bool shadows = llvm::any_of(
          op->getContext()->getRegisteredOperations(),
          [&](RegisteredOperationName name) {
            auto *other = name.getInterface<ModeDependentOpInterface>();
            return other && other->getModeFamily() == op.getModeFamily() &&
                   llvm::is_contained(name.getAttributeNames(), attr.getName());
          });
      if (!shadows)
        continue;
      diag << ": its discardable attribute '" << attr.getName().getValue()
           << "' would shadow the inherent attribute of that name of the op "
              "that replaces it; rename the attribute (a dialect prefix, as "
              "in 'my."
           << attr.getName().getValue() << "', is the MLIR convention)";
      return;
    }
  }

  FrozenRewritePatternSet patterns;
  bool toTraining = false;
  /// The families `ops=` selects, empty for all.
  SmallVector<std::string> selectedFamilies;
};

} // namespace

#define GEN_PASS_DEF_TOEVALPASS
#define GEN_PASS_DEF_TOTRAINPASS
#include "mode/Dialect/Aten/Transforms/Passes.h.inc"

namespace {

struct ToEvalPass : impl::ToEvalPassBase<ToEvalPass> {
  using Base::Base;

  LogicalResult initialize(MLIRContext *context) override {
    return initializeSwitch(context, /*switchToTraining=*/false, families,
                            populateToEvalPatterns);
  }
};

struct ToTrainPass : impl::ToTrainPassBase<ToTrainPass> {
  using Base::Base;

  LogicalResult initialize(MLIRContext *context) override {
    std::optional<double> given;
    if (!attentionDropout.empty()) {
      double p;
      if (!llvm::to_float(attentionDropout, p) || !(p >= 0.0 && p <= 1.0)) {
        emitError(UnknownLoc::get(context))
            << "'" << getArgument()
            << "': attention-dropout=" << attentionDropout
            << " is not a probability in [0, 1]";
        return failure();
      }
      // 0 is attention's evaluation form: the op would stay in evaluation
      // mode, marked as given, a mark to-eval never removes.
      if (p == 0.0) {
        emitError(UnknownLoc::get(context))
            << "'" << getArgument()
            << "': attention-dropout=" << attentionDropout
            << " would leave attention in evaluation mode (dropout "
               "probability 0 is its evaluation form); give the probability "
               "it trains with, in (0, 1]";
        return failure();
      }
      given = p;
    }
    return initializeSwitch(
        context, /*switchToTraining=*/true, families,
        [&](RewritePatternSet &set) { populateToTrainPatterns(set, given); });
  }
};

} // namespace
} // namespace mode::aten
