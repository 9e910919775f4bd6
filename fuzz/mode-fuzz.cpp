//===- mode-fuzz.cpp - libFuzzer target for the aten dialect and passes ---===//
//
// Treats its input as MLIR text and checks what mode promises for any file:
//
//   parse; verify; to-eval; verify; to-train; verify
//
// and, on input that parses and verifies:
// - a failed parse or verification emits at least one error diagnostic;
// - the printed module parses back and prints identically (the custom
//   assembly formats round-trip);
// - neither pass fails, and both leave verifiable IR (the pass manager
//   verifies after each pass);
// - idempotence: each pass run twice prints as the pass run once;
// - round trip: when the input is in canonical training form (to-train
//   changes nothing), to-train(to-eval(M)) prints exactly as M; when it is in
//   canonical evaluation form (to-eval changes nothing and no
//   `_native_batch_norm_legit` has `training = false`),
//   to-eval(to-train(M)) prints exactly as M.
//
// A violated property aborts, which libFuzzer records as a crash. Printing
// uses the generic form with locations, so a location or a discardable
// attribute that a pass drops is a difference too.
//
// As in mode-opt, input whose brackets nest deeper than the tools accept is
// refused before parsing, and the rest runs on the tools' large stack: the
// fuzzer checks what the tools promise, not the main thread's stack size.
//
//===----------------------------------------------------------------------===//

#include "SwitchInvariants.h"

#include "mode/Dialect/Aten/IR/AtenDialect.h"
#include "mode/Dialect/Aten/IR/AtenOps.h"
#include "mode/Dialect/Aten/Transforms/Passes.h"
#include "mode/InitAllDialects.h"
#include "mode/Support/ToolSupport.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlow.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>

using namespace mlir;

namespace {

/// The dialects the fuzzer registers: the aten dialect and the upstream
/// dialects that the test suite and exported models surround it with.
/// Anything else is parsed as an unregistered op.
DialectRegistry &getRegistry() {
  static DialectRegistry *registry = [] {
    auto *r = new DialectRegistry();
    mode::registerAllDialects(*r);
    r->insert<arith::ArithDialect, cf::ControlFlowDialect, func::FuncDialect,
              scf::SCFDialect, tensor::TensorDialect>();
    return r;
  }();
  return *registry;
}

/// Reports a violated property with the IR involved, then aborts.
[[noreturn]] void fail(llvm::StringRef what, llvm::StringRef input,
                       llvm::StringRef expected = {},
                       llvm::StringRef actual = {}) {
  llvm::errs() << "mode-fuzz: property violated: " << what << "\n";
  llvm::errs() << "--- input ---\n" << input << "\n";
  if (!expected.empty())
    llvm::errs() << "--- expected ---\n" << expected << "\n";
  if (!actual.empty())
    llvm::errs() << "--- actual ---\n" << actual << "\n";
  llvm::errs().flush();
  std::abort();
}

std::string print(Operation *op, bool withLocations = true) {
  std::string text;
  llvm::raw_string_ostream os(text);
  op->print(
      os,
      OpPrintingFlags().enableDebugInfo(withLocations).printGenericOpForm());
  return text;
}

std::string printCustom(Operation *op) {
  std::string text;
  llvm::raw_string_ostream os(text);
  op->print(os, OpPrintingFlags().enableDebugInfo());
  return text;
}

/// Runs `to-eval` (or `to-train`) on a clone of `module`, verifying the
/// result. The pass may refuse valid IR it cannot switch (an attention op
/// whose training probability is lost, an op a decomposition left), with an
/// error: then it returns null. It must never fail without an error nor
/// leave invalid IR.
OwningOpRef<ModuleOp> runPass(ModuleOp module, bool toEval,
                              llvm::StringRef input, unsigned &errors) {
  OwningOpRef<ModuleOp> clone = module.clone();
  PassManager pm(module.getContext());
  pm.enableVerifier(true);
  if (toEval)
    pm.addPass(mode::aten::createToEvalPass());
  else
    pm.addPass(mode::aten::createToTrainPass());
  unsigned before = errors;
  if (succeeded(pm.run(*clone))) {
    if (failed(verify(*clone)))
      fail(toEval ? "to-eval left invalid IR" : "to-train left invalid IR",
           input);
    return clone;
  }
  if (errors == before)
    fail(toEval ? "to-eval failed without an error"
                : "to-train failed without an error",
         input);
  return nullptr;
}

/// True if an attention op holds a dropout probability given to to-train:
/// to-eval drops it (it is not the model's), so to-train cannot restore it.
bool hasGivenDropout(ModuleOp module) {
  bool found = false;
  module->walk([&](Operation *op) {
    if (op->hasAttr(mode::aten::AtenDialect::getGivenDropoutAttrName()))
      found = true;
  });
  return found;
}

/// Checks one input; aborts on a violated property.
int testOneInput(llvm::StringRef input) {
  MLIRContext context(getRegistry(), MLIRContext::Threading::DISABLED);
  context.allowUnregisteredDialects();
  context.loadAllAvailableDialects();

  unsigned errors = 0;
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
    if (diag.getSeverity() == DiagnosticSeverity::Error)
      ++errors;
    return success();
  });

  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy(input, "fuzz-input.mlir"),
      llvm::SMLoc());
  ParserConfig config(&context);
  OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(sourceMgr, config);
  if (!module) {
    if (errors == 0)
      fail("parse failed without an error diagnostic", input);
    return 0;
  }
  if (failed(verify(*module))) {
    if (errors == 0)
      fail("verification failed without an error diagnostic", input);
    return 0;
  }
  if (errors != 0)
    fail("valid input produced an error diagnostic", input);

  std::string original = print(*module);

  // The printed forms parse back and print identically. The custom form is
  // compared without locations: upstream custom parsers (scf.if, ...) give
  // the terminators they elide the location of the reparse.
  for (bool generic : {true, false}) {
    std::string text = generic ? original : printCustom(*module);
    OwningOpRef<ModuleOp> reparsed =
        parseSourceString<ModuleOp>(text, config, "printed.mlir");
    if (!reparsed || failed(verify(*reparsed)))
      fail(generic ? "generic form does not parse back"
                   : "custom form does not parse back",
           input, text);
    std::string expected = generic ? original : print(*module, false);
    std::string again = print(*reparsed, generic);
    if (again != expected)
      fail(generic ? "generic form does not round-trip"
                   : "custom form does not round-trip",
           input, expected, again);
  }

  // to-eval, then to-train on its result: what to-eval switches, to-train
  // can switch back (to-eval keeps what it needs).
  OwningOpRef<ModuleOp> evaluated =
      runPass(*module, /*toEval=*/true, input, errors);
  if (!evaluated)
    return 0;
  std::string evalText = print(*evaluated);
  OwningOpRef<ModuleOp> evalTrained =
      runPass(*evaluated, /*toEval=*/false, input, errors);
  // to-train directly.
  OwningOpRef<ModuleOp> trained =
      runPass(*module, /*toEval=*/false, input, errors);
  if (!trained) {
    if (evalTrained)
      fail("to-train refuses M but not to-eval(M)", input);
    return 0;
  }
  if (!evalTrained) {
    if (!hasGivenDropout(*module))
      fail("to-train refuses to-eval(M), which to-eval switched", input,
           evalText);
    return 0;
  }
  std::string evalTrainText = print(*evalTrained);
  std::string trainText = print(*trained);

  // Idempotence.
  if (print(*runPass(*evaluated, /*toEval=*/true, input, errors)) != evalText)
    fail("to-eval is not idempotent", input, evalText);
  if (print(*runPass(*trained, /*toEval=*/false, input, errors)) != trainText)
    fail("to-train is not idempotent", input, trainText);

  // Round trips on canonical forms.
  if (trainText == original && evalTrainText != original)
    fail("to-train(to-eval(M)) != M on canonical training form", input,
         original, evalTrainText);
  if (evalText == original && !mode::fuzz::hasNonCanonicalEvalForm(*module)) {
    std::string trainEvalText =
        print(*runPass(*trained, /*toEval=*/true, input, errors));
    if (trainEvalText != original)
      fail("to-eval(to-train(M)) != M on canonical evaluation form", input,
           original, trainEvalText);
  }
  return 0;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::StringRef input(reinterpret_cast<const char *>(data), size);
  if (failed(mode::checkNestingDepth(
          llvm::MemoryBufferRef(input, "fuzz-input.mlir"), llvm::nulls())))
    return 0;
  return mode::runWithLargeStack([&] { return testOneInput(input); });
}
