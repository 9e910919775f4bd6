//===- ModeGuards.cpp - The assert-eval and assert-train passes -----------===//
//
// Deployment guards: they change nothing and fail, with an error at each
// offending op, when a mode-dependent op is not in the mode asked for.
//
//===----------------------------------------------------------------------===//

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

/// The inherent attributes that hold an op's mode, if it has one.
constexpr llvm::StringLiteral kModeFlags[] = {"train", "training",
                                              "use_input_stats"};

/// Emits an error at every mode-dependent op nested in `root` that is in
/// training mode (if `wantEval`) or evaluation mode (otherwise). Returns
/// failure if there was one.
LogicalResult checkModes(Operation *root, bool wantEval) {
  bool failed = false;
  root->walk([&](ModeDependentOpInterface op) {
    if (op.isModeIndependent() || op.isTrainingMode() != wantEval)
      return;
    failed = true;
    InFlightDiagnostic diag =
        op->emitError() << "'" << op->getName() << "' is in "
                        << (wantEval ? "training" : "evaluation") << " mode";
    for (StringRef flag : kModeFlags) {
      std::optional<Attribute> attr = op->getInherentAttr(flag);
      auto value = attr ? dyn_cast_or_null<BoolAttr>(*attr) : BoolAttr();
      if (!value)
        continue;
      diag << " (" << flag << " = " << (value.getValue() ? "true" : "false")
           << ")";
      break;
    }
    diag << "; run --" << (wantEval ? "to-eval" : "to-train")
         << " to switch it";
  });
  return failure(failed);
}

struct AssertEvalPass : impl::AssertEvalPassBase<AssertEvalPass> {
  void runOnOperation() override {
    if (failed(checkModes(getOperation(), /*wantEval=*/true)))
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
