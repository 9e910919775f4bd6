//===- Passes.h - The mode passes -------------------------------*- C++ -*-===//

#ifndef MODE_DIALECT_ATEN_TRANSFORMS_PASSES_H
#define MODE_DIALECT_ATEN_TRANSFORMS_PASSES_H

#include "mlir/Pass/Pass.h"

#include <optional>

namespace mlir {
class RewritePatternSet;
} // namespace mlir

namespace mode::aten {

/// The output format of `mode-report` (its `format=` option).
enum class ReportFormat { Table, Json };

#define GEN_PASS_DECL
#include "mode/Dialect/Aten/Transforms/Passes.h.inc"

/// Adds the PDL patterns that rewrite training forms into evaluation forms
/// (the patterns of `to-eval`). Apply them with a driver that neither folds
/// nor erases dead ops (walkAndApplyPatterns, not applyPatternsGreedily) to
/// keep the pass's exactness guarantees. PDL patterns need the pdl and
/// pdl_interp dialects loaded in the context (the passes declare them, so a
/// pass manager loads them).
void populateToEvalPatterns(mlir::RewritePatternSet &patterns);

/// Adds the PDL patterns that rewrite evaluation forms into training forms
/// (the patterns of `to-train`). An attention op in evaluation form with no
/// recorded training probability gets `attentionDropout` if given, and is
/// left as it is otherwise.
void populateToTrainPatterns(
    mlir::RewritePatternSet &patterns,
    std::optional<double> attentionDropout = std::nullopt);

#define GEN_PASS_REGISTRATION
#include "mode/Dialect/Aten/Transforms/Passes.h.inc"

} // namespace mode::aten

#endif // MODE_DIALECT_ATEN_TRANSFORMS_PASSES_H
