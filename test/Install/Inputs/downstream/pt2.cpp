//===- pt2.cpp - A downstream user of mode's .pt2 import and export -------===//
//
// Usage: mode-downstream-pt2 IN.pt2 OUT.pt2
// What `mode-pt2 --to-eval` does, from the installed libraries: imports the
// archive's programs, runs to-eval, writes the archive back.
//
//===----------------------------------------------------------------------===//

#include "mode/Mode.h"
#include "mode/Target/PT2/Archive.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

int main(int argc, char **argv) {
  if (argc != 3) {
    llvm::errs() << "usage: mode-downstream-pt2 IN.pt2 OUT.pt2\n";
    return 2;
  }
  mlir::DialectRegistry registry;
  mode::registerAllDialects(registry);
  registry.insert<mlir::func::FuncDialect>();
  mlir::MLIRContext context(registry);

  auto reader = mode::pt2::ArchiveReader::open(argv[1]);
  if (!reader) {
    llvm::errs() << toString(reader.takeError()) << "\n";
    return 1;
  }
  mode::pt2::NodeDiagnosticHandler diagnostics(&context);
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mode::pt2::importArchive(**reader, argv[1], &context);
  if (!module)
    return 1;
  mlir::PassManager pm(&context);
  pm.addPass(mode::aten::createToEvalPass());
  if (mlir::failed(pm.run(*module)))
    return 1;

  std::error_code ec;
  llvm::raw_fd_ostream os(argv[2], ec, llvm::sys::fs::OF_None);
  if (ec) {
    llvm::errs() << ec.message() << "\n";
    return 1;
  }
  if (mlir::failed(mode::pt2::exportArchive(*module, **reader, os)))
    return 1;
  llvm::outs() << "switched " << argv[1] << "\n";
  return 0;
}
