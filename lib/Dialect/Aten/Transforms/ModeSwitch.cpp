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
#include "mode/Dialect/Aten/IR/ModeSwitchInterface.h"
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
  /// does not know. To evaluation, the modules declared identity in
  /// evaluation become mode-dependent ops first, and what would still draw
  /// random numbers afterwards is an error (but in modules declared random
  /// by design).
  void runOnOperation() override {
    Operation *root = getOperation();
    MLIRContext *context = root->getContext();
    if (!toTraining && !identityInEvalClasses.empty())
      for (const ModeSwitchDialectInterface &interface :
           DialectInterfaceCollection<ModeSwitchDialectInterface>(context))
        if (llvm::failed(interface.declareIdentityInEval(
                root, identityInEvalClasses)))
          return signalPassFailure();
    llvm::SmallPtrSet<Operation *, 4> zeroDropoutTrains =
        findTrainingAttentionWithoutDropout(root);
    PatternApplicator applicator(patterns);
    applicator.applyDefaultCostModel();
    PatternRewriter rewriter(context);
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
      // Attention that trains without dropout: its evaluation form is the
      // same op, with a record that says so (for to-train); to training,
      // it already is.
      if (zeroDropoutTrains.contains(op)) {
        if (!toTraining)
          rewriter.modifyOpInPlace(op, [&] {
            op->setAttr(AtenDialect::getTrainingDropoutAttrName(),
                        rewriter.getF64FloatAttr(0.0));
          });
        return;
      }
      // A dropout probability 0 given to to-train is no training form: the
      // mark goes, and the op is the evaluation form it was.
      if (!toTraining && isa<ScaledDotProductAttentionOp>(op) &&
          !modeOp.isTrainingMode() &&
          op->hasAttr(AtenDialect::getGivenDropoutAttrName())) {
        rewriter.modifyOpInPlace(op, [&] {
          op->removeAttr(AtenDialect::getGivenDropoutAttrName());
        });
        return;
      }
      if (modeOp.isModeIndependent() || modeOp.isTrainingMode() == toTraining)
        return;
      rewriter.setInsertionPoint(op);
      if (succeeded(applicator.matchAndRewrite(op, rewriter)))
        return;
      emitCannotSwitch(modeOp);
      failed = true;
    });
    if (!failed && !toTraining &&
        llvm::failed(checkNoRandomness(root, keepRandomClasses,
                                       /*toEval=*/true)))
      failed = true;
    if (failed)
      signalPassFailure();
  }

  /// The modules `identity-in-eval=` and `keep-random=` name (to-eval).
  SmallVector<std::string> identityInEvalClasses, keepRandomClasses;

private:
  /// The attention ops in training form without dropout (dropout
  /// probability 0, no record of another): those of a program that holds
  /// an op in training form. In a program that holds none, such an op
  /// cannot be told from one whose evaluation export lost its probability.
  static llvm::SmallPtrSet<Operation *, 4>
  findTrainingAttentionWithoutDropout(Operation *root) {
    auto scopeOf = [](Operation *op) {
      Operation *scope = op->getParentWithTrait<OpTrait::IsIsolatedFromAbove>();
      return scope ? scope : op;
    };
    llvm::SmallPtrSet<Operation *, 4> trainingScopes;
    SmallVector<Operation *> zeroDropout;
    root->walk([&](ModeDependentOpInterface op) {
      if (op.isTrainingMode() && !op.isModeIndependent())
        trainingScopes.insert(scopeOf(op));
      auto attention = dyn_cast<ScaledDotProductAttentionOp>(op.getOperation());
      if (attention && !op.isTrainingMode() && !getTrainingDropout(op) &&
          !op->hasAttr(AtenDialect::getGivenDropoutAttrName()))
        zeroDropout.push_back(op);
    });
    llvm::SmallPtrSet<Operation *, 4> trains;
    for (Operation *op : zeroDropout)
      if (trainingScopes.contains(scopeOf(op)))
        trains.insert(op);
    return trains;
  }

  /// Explains why no pattern switched `op`.
  void emitCannotSwitch(ModeDependentOpInterface op) const {
    InFlightDiagnostic diag =
        op->emitError() << "cannot switch '" << op->getName() << "' to "
                        << (toTraining ? "training" : "evaluation") << " mode";
    if (op.getModeFamily() == "attention") {
      diag << ": its dropout probability is 0 and none from training is "
              "recorded (an evaluation export does not keep it), and nothing "
              "else in the program shows it is in training form; give the "
              "probability it trains with as the to-train option "
              "attention-dropout=P (0 if it trains without dropout)";
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
    identityInEvalClasses.assign(identityInEval.begin(), identityInEval.end());
    keepRandomClasses.assign(keepRandom.begin(), keepRandom.end());
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
      given = p;
    }
    return initializeSwitch(
        context, /*switchToTraining=*/true, families,
        [&](RewritePatternSet &set) { populateToTrainPatterns(set, given); });
  }
};

} // namespace
} // namespace mode::aten
