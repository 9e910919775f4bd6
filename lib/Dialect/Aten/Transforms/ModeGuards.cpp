//===- ModeGuards.cpp - The assert-eval and assert-train passes -----------===//
//
// Deployment guards: they change nothing and fail, with an error at each
// offending op, when a mode-dependent op is not in the mode asked for, or
// when an `aten` op is not registered and so its mode cannot be known.
//
//===----------------------------------------------------------------------===//

#include "ModeRewriteUtils.h"

#include "mode/Dialect/Aten/IR/AtenOps.h"
#include "mode/Dialect/Aten/Transforms/Passes.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"

namespace mode::aten {
#define GEN_PASS_DEF_ASSERTEVALPASS
#define GEN_PASS_DEF_ASSERTTRAINPASS
#include "mode/Dialect/Aten/Transforms/Passes.h.inc"
} // namespace mode::aten

using namespace mlir;

namespace mode::aten {
namespace {

/// Emits an error at every mode-dependent op nested in `root` that is in
/// training mode (if `wantEval`) or evaluation mode (otherwise), and at
/// every unregistered `aten` op. Returns failure if there was one.
LogicalResult checkModes(Operation *root, bool wantEval) {
  bool failed = false;
  root->walk([&](Operation *op) {
    auto modeOp = dyn_cast<ModeDependentOpInterface>(op);
    if (!modeOp) {
      if (llvm::failed(checkOpWithoutModeInterface(
              op, /*wantTraining=*/!wantEval, /*switching=*/false)))
        failed = true;
      return;
    }
    if (modeOp.isModeIndependent() || modeOp.isTrainingMode() != wantEval)
      return;
    failed = true;
    InFlightDiagnostic diag =
        op->emitError() << "'" << op->getName() << "' is in "
                        << (wantEval ? "training" : "evaluation") << " mode";
    if (StringRef flag = modeOp.getModeFlagName(); !flag.empty())
      diag << " (" << flag << " = " << (wantEval ? "true" : "false") << ")";
    diag << "; run --" << (wantEval ? "to-eval" : "to-train")
         << " to switch it";
  });
  return failure(failed);
}

struct AssertEvalPass : impl::AssertEvalPassBase<AssertEvalPass> {
  using Base::Base;

  void runOnOperation() override {
    // Every error, the modes' and the random nodes'.
    bool modesFailed = failed(checkModes(getOperation(), /*wantEval=*/true));
    SmallVector<std::string> keep(keepRandom.begin(), keepRandom.end());
    if (failed(checkNoRandomness(getOperation(), keep, /*toEval=*/false)) ||
        modesFailed)
      signalPassFailure();
    markAllAnalysesPreserved();
  }
};

struct AssertTrainPass : impl::AssertTrainPassBase<AssertTrainPass> {
  void runOnOperation() override {
    if (failed(checkModes(getOperation(), /*wantEval=*/false)))
      signalPassFailure();
    markAllAnalysesPreserved();
  }
};

} // namespace
} // namespace mode::aten
