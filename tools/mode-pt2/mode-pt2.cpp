//===- mode-pt2.cpp - Run mode's passes on a PyTorch archive --------------===//
//
// The one-shot form for PyTorch users: import every model of an archive,
// run the passes given as mode-opt takes them, write the archive back, its
// weights copied by the kernel where it can (mode::pt2::ArchiveWriter).
//
//   mode-pt2 --to-eval model.pt2 -o model.eval.pt2
//   mode-pt2 --to-train --assert-train - < model.eval.pt2 > model.train.pt2
//
//===----------------------------------------------------------------------===//

#include "mode/InitAllDialects.h"
#include "mode/InitAllPasses.h"
#include "mode/Support/ToolSupport.h"
#include "mode/Target/PT2/Archive.h"
#include "mode/Target/PT2/PT2.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Support/Timing.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace {

llvm::cl::opt<std::string> inputFilename(llvm::cl::Positional,
                                         llvm::cl::desc("<input .pt2>"),
                                         llvm::cl::init("-"));
llvm::cl::opt<std::string> outputFilename("o", llvm::cl::desc("Output archive"),
                                          llvm::cl::value_desc("filename"),
                                          llvm::cl::init("-"));
llvm::cl::opt<bool> verifyCRC(
    "verify-crc",
    llvm::cl::desc("Check every entry copied from the input against its "
                   "CRC-32 (reads the weights once more). Without it they "
                   "are copied with the input's CRC-32s, unread where the "
                   "kernel copies them; the programs are always checked"));

/// Imports, runs the passes, exports into `output`. With --mlir-timing, the
/// report has a line for each step: "import" (and in it the archive's own
/// steps), the passes, "export".
int runTimed(MLIRContext &context, PassPipelineCLParser &passPipeline,
             TimingScope timingScope, mode::AtomicOutputFile &output) {
  TimingScope importTiming = timingScope.nest("import");
  auto reader = mode::pt2::ArchiveReader::open(inputFilename);
  if (!reader) {
    llvm::errs() << "error: " << llvm::toString(reader.takeError()) << "\n";
    return 1;
  }
  OwningOpRef<ModuleOp> module = mode::pt2::importArchive(
      **reader, (*reader)->getDisplayName(), &context, importTiming);
  if (!module)
    return 1;
  importTiming.stop();

  PassManager pm(&context, ModuleOp::getOperationName());
  if (failed(applyPassManagerCLOptions(pm)))
    return 1;
  pm.enableTiming(timingScope);
  auto errorHandler = [&](const llvm::Twine &message) {
    emitError(UnknownLoc::get(&context)) << message;
    return failure();
  };
  if (failed(passPipeline.addToPipeline(pm, errorHandler)) ||
      failed(pm.run(*module)))
    return 1;

  TimingScope exportTiming = timingScope.nest("export");
  if (failed(mode::pt2::exportArchive(*module, **reader, output.os(),
                                      output.getFileDescriptor(),
                                      exportTiming, verifyCRC)))
    return 1;
  return 0;
}

/// The tool's work, run on a large stack.
int run(MLIRContext &context, PassPipelineCLParser &passPipeline) {
  // The output first, as mode-opt does: an output that cannot be written is
  // an error before any work. It appears only once complete: a failed run
  // leaves the target as it was, even when it is the input, and standard
  // output, a pipe or a FIFO get the whole archive or nothing.
  auto output =
      mode::AtomicOutputFile::open(outputFilename, /*completeOrNothing=*/true);
  if (!output) {
    llvm::errs() << "error: " << llvm::toString(output.takeError()) << "\n";
    return 1;
  }

  DefaultTimingManager timing;
  applyDefaultTimingManagerCLOptions(timing);
  // Every scope ends before the report is printed, which frees the timers.
  if (int status =
          runTimed(context, passPipeline, timing.getRootScope(), **output))
    return status;
  // The timing report before the output is committed: should standard
  // error fail, the run fails, and its output does not appear.
  timing.print();
  timing.setEnabled(false);
  if (llvm::Error error = (*output)->commit()) {
    llvm::errs() << "error: " << llvm::toString(std::move(error)) << "\n";
    return 1;
  }
  return 0;
}

/// `--help` is read by PyTorch users: it lists the passes and the few
/// options a run needs, not the hundreds libLLVM.so registers (those still
/// work, and `--help-hidden` lists them).
void hideUnrelatedOptions() {
  auto &options = llvm::cl::getRegisteredOptions();
  llvm::SmallPtrSet<llvm::cl::Option *, 8> shown;
  // "to-eval" names the list of passes.
  for (llvm::StringRef name :
       {"o", "verify-crc", "to-eval", "pass-pipeline", "mlir-timing",
        "mlir-disable-threading", "mlir-print-op-on-diagnostic", "help",
        "version"})
    if (llvm::cl::Option *option = options.lookup(name))
      shown.insert(option);
  for (auto &entry : options)
    if (!shown.contains(entry.second))
      entry.second->setHiddenFlag(llvm::cl::Hidden);
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  mode::initToolProcess();
  // mode's passes only: upstream ones know nothing of a program's nodes.
  mode::registerAllPasses();
  registerMLIRContextCLOptions();
  registerPassManagerCLOptions();
  registerDefaultTimingManagerCLOptions();
  registerAsmPrinterCLOptions();
  PassPipelineCLParser passPipeline("", "Passes to run on the programs");
  hideUnrelatedOptions();
  llvm::cl::ParseCommandLineOptions(
      argc, argv,
      "mode-pt2: run mode's passes on the programs of a PyTorch archive\n\n"
      "  mode-pt2 --to-eval model.pt2 -o model.eval.pt2\n\n"
      "Imports every model of the archive (a file, or - for standard "
      "input), runs the passes, and writes the archive (-o, or standard "
      "output) with everything but the programs copied byte for byte.\n");

  DialectRegistry registry;
  registry.insert<func::FuncDialect>();
  mode::registerAllDialects(registry);
  MLIRContext context(registry);
  // The op behind an error is the node the error names: no IR dump for
  // PyTorch users (--mlir-print-op-on-diagnostic brings it back).
  auto &options = llvm::cl::getRegisteredOptions();
  if (!options.count("mlir-print-op-on-diagnostic") ||
      !options["mlir-print-op-on-diagnostic"]->getNumOccurrences())
    context.printOpOnDiagnostic(false);
  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler diagnostics(sourceMgr, &context);
  mode::pt2::NodeDiagnosticHandler nodeDiagnostics(&context);

  int status =
      mode::runWithLargeStack([&] { return run(context, passPipeline); });
  // A failed standard error already failed the run (commit() refuses); what
  // would be the exit-time report of it (LLVM's raw_fd_ostream) would go
  // nowhere either.
  if (llvm::errs().has_error()) {
    llvm::errs().clear_error();
    status = 1;
  }
  return status;
}
