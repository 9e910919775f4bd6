//===- mode-translate.cpp - PyTorch archives to MLIR and back -------------===//
//
// mlir-translate with --import-pt2 and --export-pt2:
//
//   mode-translate --import-pt2 model.pt2 -o model.mlir
//   mode-opt --to-eval model.mlir | mode-translate --export-pt2 -o
//   model.eval.pt2
//
// An imported program's values print under their names in the graph
// (`%x`, `%conv2d`): --mlir-use-nameloc-as-prefix is on by default.
//
// It runs mlirTranslateMain on a large stack, with its output pointed at the
// temporary file of a mode::AtomicOutputFile: a failed run leaves `-o FILE`
// as it was, even when it is the input, and standard output, a pipe or a
// FIFO get the whole output or nothing.
//
//===----------------------------------------------------------------------===//

#include "mode/Support/ToolSupport.h"
#include "mode/Target/PT2/PT2.h"

#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/WithColor.h"

#include <optional>
#include <string>
#include <vector>

namespace {

/// Where `-o` points in argv: the argument holding the path and the prefix
/// before it (`-o=` or `--o=`), if any.
struct OutputArgument {
  int index;
  std::string prefix;
};

std::optional<OutputArgument> findOutputArgument(int argc, char **argv) {
  std::optional<OutputArgument> found;
  for (int i = 1; i < argc; ++i) {
    llvm::StringRef arg = argv[i];
    if (arg == "--")
      break;
    if ((arg == "-o" || arg == "--o") && i + 1 < argc)
      found = OutputArgument{++i, ""};
    else if (arg.starts_with("-o=") || arg.starts_with("--o="))
      found = OutputArgument{i, arg.substr(0, arg.find('=') + 1).str()};
  }
  return found;
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  mode::initToolProcess();
  mode::pt2::registerImportPT2Translation();
  mode::pt2::registerExportPT2Translation();

  // mlirTranslateMain opens its output by name: it gets the temporary file
  // of mode's output instead, which the target gets whole, or not at all.
  std::vector<char *> args(argv, argv + argc);
  std::optional<OutputArgument> outputArgument = findOutputArgument(argc, argv);
  std::string target = "-";
  if (outputArgument)
    target = llvm::StringRef(argv[outputArgument->index])
                 .drop_front(outputArgument->prefix.size())
                 .str();
  auto output = mode::AtomicOutputFile::open(target,
                                             /*completeOrNothing=*/true);
  if (!output) {
    llvm::WithColor::error() << llvm::toString(output.takeError()) << "\n";
    return 1;
  }
  std::string tempArgument = (*(*output)->getTemporaryPath()).str();
  std::string dashO = "-o";
  if (outputArgument) {
    tempArgument = outputArgument->prefix + tempArgument;
    args[outputArgument->index] = tempArgument.data();
  } else {
    // Before any `--`, after which everything is positional.
    args.insert(args.begin() + 1, {dashO.data(), tempArgument.data()});
  }
  static char nameLocAsPrefix[] = "--mlir-use-nameloc-as-prefix";
  args.insert(args.begin() + 1, nameLocAsPrefix);

  int status = mode::runWithLargeStack([&] {
    return mlir::failed(mlir::mlirTranslateMain(static_cast<int>(args.size()),
                                                args.data(),
                                                "mode translation driver\n"))
               ? 1
               : 0;
  });
  if (status == 0) {
    if (llvm::Error error = (*output)->commit()) {
      llvm::WithColor::error() << llvm::toString(std::move(error)) << "\n";
      status = 1;
    }
  }
  // A failed standard error already failed the run (commit() refuses); what
  // would be the exit-time report of it (LLVM's raw_fd_ostream) would go
  // nowhere either.
  if (llvm::errs().has_error()) {
    llvm::errs().clear_error();
    status = 1;
  }
  return status;
}
