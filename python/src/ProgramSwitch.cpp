//===- ProgramSwitch.cpp - One program through mode's passes, in memory ---===//
//
// mode-pt2's work on a single program, without the archive: import, the
// passes, export; all through mode's public API (PT2.h, the registration
// functions, MLIR's pass manager).
//
//===----------------------------------------------------------------------===//

#include "ProgramSwitch.h"

#include "mode/Dialect/Aten/IR/AtenInterfaces.h"
#include "mode/InitAllDialects.h"
#include "mode/InitAllPasses.h"
#include "mode/Support/ToolSupport.h"
#include "mode/Target/PT2/PT2.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace mode::python {
namespace {

/// The function importProgram makes of the program.
constexpr llvm::StringLiteral kModelName = "model";

/// The pass registry is global and filled once (parsePassPipeline reads it).
void registerPassesOnce() {
  static const bool registered = [] {
    mode::registerAllPasses();
    return true;
  }();
  (void)registered;
}

/// Adds `pipeline` to `pm`, which runs on the module: the list of passes
/// inside `builtin.module(...)`, or the list itself.
LogicalResult addPipeline(llvm::StringRef pipeline, PassManager &pm,
                          llvm::raw_ostream &errors) {
  llvm::StringRef passes = pipeline.trim();
  std::string anchor = (ModuleOp::getOperationName() + "(").str();
  if (passes.consume_front(anchor) && !passes.consume_back(")")) {
    errors << "error: the pass pipeline '" << pipeline
           << "' does not end with the ')' of '" << anchor << "'\n";
    return failure();
  }
  return parsePassPipeline(passes, pm, errors);
}

SwitchResult run(const std::string &json, const std::string &pipeline,
                 const std::string &entryName) {
  DialectRegistry registry;
  registry.insert<func::FuncDialect>();
  mode::registerAllDialects(registry);
  // One call, one thread: no thread pool to start for a single program.
  MLIRContext context(registry, MLIRContext::Threading::DISABLED);
  // The node an error names is all a PyTorch user needs, as in mode-pt2.
  context.printOpOnDiagnostic(false);

  SwitchResult result;
  llvm::raw_string_ostream errors(result.text);
  // Diagnostics at no node (a pipeline that does not parse, ...) as
  // mode's tools print them; those at a node or the program as mode-pt2
  // prints them.
  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler otherDiagnostics(sourceMgr, &context, errors);
  mode::pt2::NodeDiagnosticHandler nodeDiagnostics(&context, errors);

  OwningOpRef<ModuleOp> module = ModuleOp::create(UnknownLoc::get(&context));
  if (failed(mode::pt2::importProgram(*module, kModelName, json, entryName)))
    return result;
  PassManager pm(&context, ModuleOp::getOperationName());
  if (failed(addPipeline(pipeline, pm, errors)) || failed(pm.run(*module)))
    return result;
  auto func = module->lookupSymbol<func::FuncOp>(kModelName);
  if (!func) {
    emitError(module->getLoc())
        << "the pipeline removed the program's function @" << kModelName;
    return result;
  }
  std::string out;
  llvm::raw_string_ostream os(out);
  if (failed(mode::pt2::exportProgram(func, json, os)))
    return result;
  result.succeeded = true;
  result.text = std::move(out);
  return result;
}

} // namespace

SwitchResult switchProgram(const std::string &json,
                           const std::string &pipeline,
                           const std::string &entryName) {
  registerPassesOnce();
  SwitchResult result;
  // As mode's tools do: the parser, verifier and walks recurse with the
  // program's nesting.
  mode::runWithLargeStack([&] {
    result = run(json, pipeline, entryName);
    return 0;
  });
  return result;
}

std::vector<std::string> modeFamilies() {
  DialectRegistry registry;
  mode::registerAllDialects(registry);
  MLIRContext context(registry, MLIRContext::Threading::DISABLED);
  context.loadAllAvailableDialects();
  std::vector<std::string> families;
  for (llvm::StringRef family : mode::aten::getModeFamilies(&context))
    families.push_back(family.str());
  return families;
}

} // namespace mode::python
