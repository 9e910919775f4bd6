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
// It runs mlirTranslateMain on a large stack, with `-o FILE` pointed at a
// temporary file beside FILE that is renamed onto it only on success: a
// failed run leaves FILE as it was, even when it is the input.
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
  mode::pt2::registerImportPT2Translation();
  mode::pt2::registerExportPT2Translation();

  // Point -o at a temporary file beside the target when the target is a
  // regular file or does not exist yet (not /dev/null, a pipe, stdout).
  std::vector<char *> args(argv, argv + argc);
  static char nameLocAsPrefix[] = "--mlir-use-nameloc-as-prefix";
  args.insert(args.begin() + 1, nameLocAsPrefix);
  std::optional<OutputArgument> output = findOutputArgument(argc, argv);
  std::optional<llvm::sys::fs::TempFile> temp;
  std::string target, tempArgument;
  if (output) {
    target = llvm::StringRef(argv[output->index])
                 .drop_front(output->prefix.size())
                 .str();
    llvm::sys::fs::file_status status;
    bool exists = !llvm::sys::fs::status(target, status);
    if (target != "-" && (!exists || llvm::sys::fs::is_regular_file(status))) {
      llvm::Expected<llvm::sys::fs::TempFile> file =
          llvm::sys::fs::TempFile::create(target + "-%%%%%%.tmp");
      if (!file) {
        llvm::WithColor::error()
            << "cannot write '" << target
            << "': " << llvm::toString(file.takeError()) << "\n";
        return 1;
      }
      temp = std::move(*file);
      tempArgument = output->prefix + temp->TmpName;
      args[output->index + 1] = tempArgument.data();
    }
  }

  int status = mode::runWithLargeStack([&] {
    return mlir::failed(mlir::mlirTranslateMain(static_cast<int>(args.size()),
                                                args.data(),
                                                "mode translation driver\n"))
               ? 1
               : 0;
  });
  if (!temp)
    return status;
  if (status != 0) {
    llvm::consumeError(temp->discard());
    return status;
  }
  if (llvm::Error error = temp->keep(target)) {
    llvm::WithColor::error()
        << "cannot write '" << target
        << "': " << llvm::toString(std::move(error)) << "\n";
    return 1;
  }
  return 0;
}
