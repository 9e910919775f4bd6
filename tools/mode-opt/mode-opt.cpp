//===- mode-opt.cpp - The mode optimizer driver ---------------------------===//
//
// An mlir-opt with the aten dialect and the mode passes, on top of every
// upstream dialect and pass, so that any pipeline a user already runs works.
//
// Unlike MlirOptMain's own main, it writes `-o` through a temporary file
// (a failed run leaves the previous file, even the input, as it was) and runs
// on a large stack (deeply nested input parses instead of crashing).
//
//===----------------------------------------------------------------------===//

#include "mode/InitAllDialects.h"
#include "mode/InitAllPasses.h"
#include "mode/Support/ToolSupport.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdio>

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  mode::initToolProcess();
  llvm::StringRef toolName = llvm::sys::path::filename(argv[0]);
  mlir::registerAllPasses();
  mode::registerAllPasses();

  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  mode::registerAllDialects(registry);

  auto [inputFilename, outputFilename] = mlir::registerAndParseCLIOptions(
      argc, argv, "mode optimizer driver\n", registry);
  mlir::MlirOptMainConfig config =
      mlir::MlirOptMainConfig::createFromCLOptions();

  // --show-dialects and --list-passes print and return before reading any
  // input.
  if (config.shouldShowDialects() || config.shouldListPasses())
    return mlir::asMainReturnCode(mlir::MlirOptMain(
        llvm::outs(), llvm::MemoryBuffer::getMemBuffer(""), registry, config));

  if (inputFilename == "-" &&
      llvm::sys::Process::FileDescriptorIsDisplayed(fileno(stdin)))
    llvm::errs() << "(processing input from stdin now, hit ctrl-c/ctrl-d to "
                    "interrupt)\n";
  std::string errorMessage;
  std::unique_ptr<llvm::MemoryBuffer> input =
      mlir::openInputFile(inputFilename, &errorMessage);
  if (!input) {
    llvm::WithColor::error(llvm::errs(), toolName) << errorMessage << "\n";
    return EXIT_FAILURE;
  }
  if (llvm::failed(
          mode::checkNestingDepth(input->getMemBufferRef(), llvm::errs())))
    return EXIT_FAILURE;

  auto output = mode::AtomicOutputFile::open(outputFilename);
  if (!output) {
    llvm::WithColor::error(llvm::errs(), toolName)
        << llvm::toString(output.takeError()) << "\n";
    return EXIT_FAILURE;
  }
  int status = mode::runWithLargeStack([&] {
    return mlir::asMainReturnCode(
        mlir::MlirOptMain((*output)->os(), std::move(input), registry, config));
  });
  if (status != EXIT_SUCCESS)
    return status;
  if (llvm::Error error = (*output)->commit()) {
    llvm::WithColor::error(llvm::errs(), toolName)
        << llvm::toString(std::move(error)) << "\n";
    return EXIT_FAILURE;
  }
  return EXIT_SUCCESS;
}
