//===- ModeSwitch.cpp - The to-eval and to-train passes -------------------===//
//
// Both passes apply their PDLL patterns to every mode-dependent op in one
// walk. The greedy driver is not an option: it folds and erases dead ops
// anywhere it walks, and the passes promise to change nothing but the mode.
// `walkAndApplyPatterns` skips unreachable blocks; this walk does not.
//
//===----------------------------------------------------------------------===//

#include "mode/Dialect/Aten/IR/AtenOps.h"
#include "mode/Dialect/Aten/Transforms/Passes.h"

#include "mlir/Dialect/PDL/IR/PDL.h"
#include "mlir/Dialect/PDLInterp/IR/PDLInterp.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Rewrite/FrozenRewritePatternSet.h"
#include "mlir/Rewrite/PatternApplicator.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

namespace mode::aten {
#define GEN_PASS_DEF_TOEVALPASS
#define GEN_PASS_DEF_TOTRAINPASS
#include "mode/Dialect/Aten/Transforms/Passes.h.inc"
} // namespace mode::aten

using namespace mlir;

namespace mode::aten {
namespace {

/// The op families of `ModeDependentOpInterface::getModeFamily`, sorted: the
/// valid values of the passes' `ops=` option.
constexpr llvm::StringLiteral kModeFamilies[] = {"batch_norm", "dropout",
                                                 "instance_norm", "rrelu"};

/// The op kinds some pattern of `patterns` is rooted at, or nullopt when a
/// pattern may match any op.
std::optional<DenseSet<OperationName>>
collectRootKinds(const FrozenRewritePatternSet &patterns) {
  DenseSet<OperationName> rootKinds;
  bool matchesAnyOp = false;
  PatternApplicator(patterns).walkAllPatterns([&](const Pattern &pattern) {
    if (std::optional<OperationName> kind = pattern.getRootKind())
      rootKinds.insert(*kind);
    else
      matchesAnyOp = true;
  });
  if (matchesAnyOp)
    return std::nullopt;
  return rootKinds;
}

/// Applies `patterns` once to each mode-dependent op nested in `root` whose
/// kind is in `rootKinds` (every kind when nullopt) and whose family is in
/// `families` (every family when empty). Filtering on the op kind first
/// keeps the PDL bytecode off the many ops no pattern can match (other
/// dialects, and the mode-dependent ops already in the target form).
void switchModes(Operation *root, const FrozenRewritePatternSet &patterns,
                 const std::optional<DenseSet<OperationName>> &rootKinds,
                 ArrayRef<std::string> families) {
  PatternApplicator applicator(patterns);
  applicator.applyDefaultCostModel();
  PatternRewriter rewriter(root->getContext());
  // Post-order: a pattern may replace (erase) the op being visited.
  root->walk([&](Operation *op) {
    if (rootKinds && !rootKinds->contains(op->getName()))
      return;
    auto modeOp = dyn_cast<ModeDependentOpInterface>(op);
    if (!modeOp || (!families.empty() &&
                    !llvm::is_contained(families, modeOp.getModeFamily())))
      return;
    rewriter.setInsertionPoint(op);
    (void)applicator.matchAndRewrite(op, rewriter);
  });
}

/// `to-eval` and `to-train` differ only in their patterns.
template <template <typename> class PassBaseT,
          void (*populatePatterns)(RewritePatternSet &)>
struct ModeSwitchPass : PassBaseT<ModeSwitchPass<PassBaseT, populatePatterns>> {
  using Base = PassBaseT<ModeSwitchPass<PassBaseT, populatePatterns>>;
  using Base::Base;

  /// Builds the pattern set once: PDLL's generated code parses its PDL text
  /// and compiles it to bytecode here, not on every run.
  LogicalResult initialize(MLIRContext *context) override {
    for (const std::string &family : this->families) {
      if (llvm::is_contained(kModeFamilies, family))
        continue;
      emitError(UnknownLoc::get(context))
          << "'" << this->getArgument() << "': unknown op family '" << family
          << "' in ops=; valid families: "
          << llvm::join(ArrayRef(kModeFamilies), ", ");
      return failure();
    }
    RewritePatternSet set(context);
    populatePatterns(set);
    patterns = std::move(set);
    rootKinds = collectRootKinds(patterns);
    return success();
  }

  void runOnOperation() override {
    switchModes(this->getOperation(), patterns, rootKinds, this->families);
  }

  FrozenRewritePatternSet patterns;
  std::optional<DenseSet<OperationName>> rootKinds;
};

} // namespace
} // namespace mode::aten

// Instantiated explicitly: the generated create functions are friends defined
// inside the pass bases.
template struct mode::aten::ModeSwitchPass<mode::aten::impl::ToEvalPassBase,
                                           mode::aten::populateToEvalPatterns>;
template struct mode::aten::ModeSwitchPass<mode::aten::impl::ToTrainPassBase,
                                           mode::aten::populateToTrainPatterns>;
