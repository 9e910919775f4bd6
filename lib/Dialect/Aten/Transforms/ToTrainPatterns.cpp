//===- ToTrainPatterns.cpp - The to-train PDLL patterns -------------------===//

#include "mode/Dialect/Aten/IR/AtenOps.h"
#include "mode/Dialect/Aten/Transforms/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Parser/Parser.h"

#include "ModeRewriteUtils.h"

#include "ToTrain.h.inc"

void mode::aten::populateToTrainPatterns(
    mlir::RewritePatternSet &patterns, std::optional<double> attentionDropout) {
  // The native functions ToTrain.pdll declares without a body: what the user
  // gave with attention-dropout.
  mlir::PDLPatternModule &pdl = patterns.getPDLPatterns();
  pdl.registerConstraintFunction(
      "AttentionDropoutGiven",
      [attentionDropout](mlir::PatternRewriter &,
                         mlir::Operation *) -> mlir::LogicalResult {
        return mlir::success(attentionDropout.has_value());
      });
  pdl.registerRewriteFunction(
      "SetGivenAttentionDropout",
      [attentionDropout](mlir::PatternRewriter &rewriter, mlir::Operation *op) {
        setGivenTrainingDropout(rewriter, op, *attentionDropout);
      });
  populateGeneratedPDLLPatterns(patterns);
}
