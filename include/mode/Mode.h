//===- Mode.h - The C++ API of mode -----------------------------*- C++ -*-===//
//
// The one header a C++ user of mode includes. With the installed package:
//
//   find_package(Mode CONFIG REQUIRED)
//   target_link_libraries(app PRIVATE Mode::ModeAtenTransforms)
//
// and then
//
//   mlir::DialectRegistry registry;
//   mode::registerAllDialects(registry);        // the aten dialect
//   mlir::MLIRContext context(registry);
//   ...parse or build a module...
//   auto pm = mlir::PassManager::on<mlir::ModuleOp>(&context);
//   pm.addPass(mode::aten::createToEvalPass()); // or createToTrainPass()
//   // or per function, for one op family only:
//   // pm.addNestedPass<mlir::func::FuncOp>(mode::aten::createToEvalPass(
//   //     mode::aten::ToEvalPassOptions{{"batch_norm"}}));
//   if (failed(pm.run(module))) ...
//
// What is declared, and where:
// - mode::registerAllDialects(DialectRegistry &): registers the `aten`
//   dialect (mode/InitAllDialects.h).
// - mode::registerAllPasses(): registers `to-eval`, `to-train` and the other
//   mode passes for pipeline strings (mlir::parsePassPipeline, MlirOptMain);
//   mode::aten::registerToEvalPass() and friends register one pass each
//   (mode/Dialect/Aten/Transforms/Passes.h).
// - mode::aten::createToEvalPass(), createToTrainPass(), with or without
//   their options struct (ToEvalPassOptions, ToTrainPassOptions), and the
//   create functions of the other passes (Passes.h).
// - mode::aten::populateToEvalPatterns(RewritePatternSet &) and
//   populateToTrainPatterns(): the PDL patterns of the two passes, for a
//   user's own pattern driver (Passes.h). The passes apply them once per op
//   in a single walk; a driver that folds or erases dead ops
//   (applyPatternsGreedily) changes more than the mode.
// - The ops themselves (mode::aten::DropoutOp, ...; mode/Dialect/Aten/IR/).
//
// The PDL patterns need the pdl and pdl_interp dialects; the passes declare
// them as dependent dialects, so a PassManager loads them. A user applying
// the patterns directly loads them first:
// context.loadDialect<mlir::pdl::PDLDialect,
//                     mlir::pdl_interp::PDLInterpDialect>().
//
//===----------------------------------------------------------------------===//

#ifndef MODE_MODE_H
#define MODE_MODE_H

#include "mode/Dialect/Aten/IR/AtenDialect.h"
#include "mode/Dialect/Aten/IR/AtenOps.h"
#include "mode/Dialect/Aten/Transforms/Passes.h"
#include "mode/InitAllDialects.h"
#include "mode/InitAllPasses.h"

#endif // MODE_MODE_H
