//===- Passes.h - The passes of the pt2 dialect -----------------*- C++ -*-===//

#ifndef MODE_DIALECT_PT2_TRANSFORMS_PASSES_H
#define MODE_DIALECT_PT2_TRANSFORMS_PASSES_H

#include "mode/Dialect/PT2/IR/PT2Dialect.h"

#include "mlir/Pass/Pass.h"

namespace mlir {
class FrozenRewritePatternSet;
class RewritePatternSet;
} // namespace mlir

namespace mode::pt2 {

#define GEN_PASS_DECL
#include "mode/Dialect/PT2/Transforms/Passes.h.inc"

/// Adds the PDL patterns of pt2-raise-mode-ops (the pdl and pdl_interp
/// dialects must be loaded), for raiseModeOps only: their helpers ask its
/// rewriter what the graph's signature holds, which no other driver's
/// rewriter knows.
void populateRaiseModeOpsPatterns(mlir::RewritePatternSet &patterns);

/// Runs pt2-raise-mode-ops on `root` with `patterns` (from
/// populateRaiseModeOpsPatterns): the patterns in one walk, then what is
/// not one op's pattern (decomposed dropouts, programs that lost theirs).
void raiseModeOps(mlir::Operation *root,
                  const mlir::FrozenRewritePatternSet &patterns);

/// Gives the pt2 dialect its answers to to-eval's questions
/// (aten::ModeSwitchDialectInterface): the modules of a node, and the
/// modules declared identity in evaluation.
void registerModeSwitchInterface(mlir::DialectRegistry &registry);

#define GEN_PASS_REGISTRATION
#include "mode/Dialect/PT2/Transforms/Passes.h.inc"

} // namespace mode::pt2

#endif // MODE_DIALECT_PT2_TRANSFORMS_PASSES_H
