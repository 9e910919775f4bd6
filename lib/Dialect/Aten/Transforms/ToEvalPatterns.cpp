//===- ToEvalPatterns.cpp - The to-eval PDLL patterns ---------------------===//

#include "mode/Dialect/Aten/IR/AtenOps.h"
#include "mode/Dialect/Aten/Transforms/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Parser/Parser.h"

#include "ModeRewriteUtils.h"

#include "ToEval.h.inc"

void mode::aten::populateToEvalPatterns(mlir::RewritePatternSet &patterns) {
  populateGeneratedPDLLPatterns(patterns);
}
