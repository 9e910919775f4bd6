//===- mode-pass-manager-test.cpp - One PassManager, several modules ------===//
//
// Usage: mode-pass-manager-test PIPELINE FILE...
//
// Parses each file into its own module, in one context, builds one module
// PassManager from PIPELINE (what goes in `builtin.module(...)`, as in
// `to-eval,mode-report`) and runs it on each module
// in turn, printing each module after its run. This is how a C++ user reuses
// a pass manager; mode-opt builds a new one for each input.
//
//===----------------------------------------------------------------------===//

#include "mode/InitAllDialects.h"
#include "mode/InitAllPasses.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"

#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <vector>

int main(int argc, char **argv) {
  if (argc < 3) {
    llvm::errs() << "usage: mode-pass-manager-test PIPELINE FILE...\n";
    return 2;
  }
  mode::registerAllPasses();
  mlir::DialectRegistry registry;
  registry.insert<mlir::func::FuncDialect>();
  mode::registerAllDialects(registry);
  mlir::MLIRContext context(registry);

  std::vector<mlir::OwningOpRef<mlir::ModuleOp>> modules;
  for (int i = 2; i < argc; ++i) {
    // The parser reads the main buffer of a SourceMgr: one per file.
    llvm::SourceMgr sourceMgr;
    mlir::SourceMgrDiagnosticHandler handler(sourceMgr, &context);
    modules.push_back(
        mlir::parseSourceFile<mlir::ModuleOp>(argv[i], sourceMgr, &context));
    if (!modules.back())
      return 1;
  }

  auto pm = mlir::PassManager::on<mlir::ModuleOp>(&context);
  if (mlir::failed(mlir::parsePassPipeline(argv[1], pm, llvm::errs())))
    return 1;
  for (mlir::OwningOpRef<mlir::ModuleOp> &module : modules) {
    if (mlir::failed(pm.run(*module)))
      return 1;
    module->print(llvm::outs());
    llvm::outs() << "\n";
    llvm::outs().flush();
  }
  return 0;
}
