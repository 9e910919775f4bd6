//===- ToTrainPatterns.cpp - The to-train PDLL patterns -------------------===//

#include "mode/Dialect/Aten/IR/AtenOps.h"
#include "mode/Dialect/Aten/Transforms/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Parser/Parser.h"

#include "ModeRewriteUtils.h"

#include "ToTrain.h.inc"

void mode::aten::populateToTrainPatterns(mlir::RewritePatternSet &patterns) {
  populateGeneratedPDLLPatterns(patterns);
}
