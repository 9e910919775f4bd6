//===- mode-pt2.cpp - Run mode's passes on a PyTorch archive --------------===//
//
// The one-shot form for PyTorch users: import every model of an archive,
// run the passes given as mode-opt takes them, write the archive back.
//
//   mode-pt2 --to-eval model.pt2 -o model.eval.pt2
//   mode-pt2 --to-train --assert-train - < model.eval.pt2 > model.train.pt2
//
//===----------------------------------------------------------------------===//

#include "mode/InitAllDialects.h"
#include "mode/InitAllPasses.h"
#include "mode/Target/PT2/Archive.h"
#include "mode/Target/PT2/PT2.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Support/Timing.h"
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

/// Writes the archive to `path` through a temporary file beside it, renamed
/// onto it only once complete: a failed run leaves the target as it was (it
/// may be the input). Standard output ("-") gets the archive through a
/// temporary file in TMPDIR, copied once complete: a failed run writes
/// nothing there either.
LogicalResult
writeOutput(llvm::StringRef path,
            llvm::function_ref<LogicalResult(llvm::raw_ostream &)> write) {
  bool toStdout = path == "-";
  llvm::StringRef shown = toStdout ? "<stdout>" : path;
  auto report = [&](const llvm::Twine &message) {
    llvm::errs() << "error: cannot write '" << shown << "': " << message
                 << "\n";
  };
  llvm::SmallString<128> model(path);
  if (toStdout) {
    llvm::sys::path::system_temp_directory(/*ErasedOnReboot=*/true, model);
    llvm::sys::path::append(model, "mode-pt2-%%%%%%%%.out");
  } else {
    model += "-%%%%%%.tmp";
  }
  llvm::Expected<llvm::sys::fs::TempFile> temp =
      llvm::sys::fs::TempFile::create(model);
  if (!temp) {
    report(llvm::toString(temp.takeError()));
    return failure();
  }
  bool ok;
  {
    llvm::raw_fd_ostream os(temp->FD, /*shouldClose=*/false);
    ok = succeeded(write(os));
    os.flush();
    if (ok && os.has_error()) {
      report(os.error().message());
      ok = false;
    }
    os.clear_error();
  }
  if (ok && toStdout) {
    std::vector<char> buffer(1 << 20);
    uint64_t offset = 0;
    llvm::sys::fs::file_t file = llvm::sys::fs::convertFDToNativeFile(temp->FD);
    while (ok) {
      llvm::Expected<size_t> count =
          llvm::sys::fs::readNativeFileSlice(file, buffer, offset);
      if (!count) {
        report(llvm::toString(count.takeError()));
        ok = false;
        break;
      }
      if (*count == 0)
        break;
      llvm::outs().write(buffer.data(), *count);
      offset += *count;
    }
    llvm::outs().flush();
    if (ok && llvm::outs().has_error()) {
      report(llvm::outs().error().message());
      llvm::outs().clear_error();
      ok = false;
    }
  }
  if (!ok || toStdout) {
    llvm::consumeError(temp->discard());
    return success(ok);
  }
  if (llvm::Error error = temp->keep(path)) {
    report(llvm::toString(std::move(error)));
    return failure();
  }
  return success();
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  mlir::registerAllPasses();
  mode::registerAllPasses();
  registerMLIRContextCLOptions();
  registerPassManagerCLOptions();
  registerDefaultTimingManagerCLOptions();
  registerAsmPrinterCLOptions();
  PassPipelineCLParser passPipeline("", "Passes to run on the programs");
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

  auto reader = mode::pt2::ArchiveReader::open(inputFilename);
  if (!reader) {
    llvm::errs() << "error: " << llvm::toString(reader.takeError()) << "\n";
    return 1;
  }
  OwningOpRef<ModuleOp> module =
      mode::pt2::importArchive(**reader, (*reader)->getDisplayName(), &context);
  if (!module)
    return 1;

  PassManager pm(&context, ModuleOp::getOperationName());
  if (failed(applyPassManagerCLOptions(pm)))
    return 1;
  DefaultTimingManager timing;
  applyDefaultTimingManagerCLOptions(timing);
  TimingScope timingScope = timing.getRootScope();
  pm.enableTiming(timingScope);
  auto errorHandler = [&](const llvm::Twine &message) {
    emitError(UnknownLoc::get(&context)) << message;
    return failure();
  };
  if (failed(passPipeline.addToPipeline(pm, errorHandler)) ||
      failed(pm.run(*module)))
    return 1;

  return failed(writeOutput(outputFilename,
                            [&](llvm::raw_ostream &os) {
                              return mode::pt2::exportArchive(*module, **reader,
                                                              os);
                            }))
             ? 1
             : 0;
}
