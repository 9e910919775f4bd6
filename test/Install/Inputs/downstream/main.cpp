//===- main.cpp - A downstream user of the installed mode package ---------===//
//
// Usage: mode-downstream MODEL.mlir
// Parses the model, switches it to evaluation form with a PassManager, back to
// training form with the to-train patterns under a user's own driver, and
// then the dropouts alone to evaluation form through a pipeline string,
// printing the module after each step.
//
//===----------------------------------------------------------------------===//

#include "mode/Mode.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/PDL/IR/PDL.h"
#include "mlir/Dialect/PDLInterp/IR/PDLInterp.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Rewrite/FrozenRewritePatternSet.h"
#include "mlir/Transforms/WalkPatternRewriteDriver.h"

#include "llvm/Support/raw_ostream.h"

static void print(mlir::ModuleOp module, llvm::StringRef step) {
  llvm::outs() << "// step: " << step << "\n";
  module.print(llvm::outs());
  llvm::outs() << "\n";
}

int main(int argc, char **argv) {
  if (argc != 2) {
    llvm::errs() << "usage: mode-downstream MODEL.mlir\n";
    return 2;
  }

  mlir::DialectRegistry registry;
  registry.insert<mlir::func::FuncDialect>();
  mode::registerAllDialects(registry);
  mlir::MLIRContext context(registry);

  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceFile<mlir::ModuleOp>(argv[1], &context);
  if (!module)
    return 1;

  // 1. A pass created through the API, in a PassManager.
  auto pm = mlir::PassManager::on<mlir::ModuleOp>(&context);
  pm.addPass(mode::aten::createToEvalPass());
  if (mlir::failed(pm.run(*module)))
    return 1;
  print(*module, "to-eval pass");

  // 2. The patterns, under the caller's own single-walk driver.
  context
      .loadDialect<mlir::pdl::PDLDialect, mlir::pdl_interp::PDLInterpDialect>();
  mlir::RewritePatternSet patterns(&context);
  mode::aten::populateToTrainPatterns(patterns);
  mlir::FrozenRewritePatternSet frozen(std::move(patterns));
  mlir::walkAndApplyPatterns(*module, frozen);
  print(*module, "to-train patterns");

  // 3. The registered passes, from a pipeline string with an option, nested
  // in the module's pass manager.
  mode::registerAllPasses();
  auto pipeline = mlir::PassManager::on<mlir::ModuleOp>(&context);
  if (mlir::failed(mlir::parsePassPipeline("func.func(to-eval{ops=dropout})",
                                           pipeline, llvm::errs())) ||
      mlir::failed(pipeline.run(*module)))
    return 1;
  print(*module, "pipeline");
  return 0;
}
