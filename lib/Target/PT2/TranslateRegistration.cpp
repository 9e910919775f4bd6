//===- TranslateRegistration.cpp - mlir-translate's --import/export-pt2 ---===//
//
// The thin layer between the importer and exporter and mlirTranslateMain.
//
//===----------------------------------------------------------------------===//

#include "mode/Target/PT2/Archive.h"
#include "mode/Target/PT2/PT2.h"

#include "PT2Program.h"

#include "mode/Dialect/Aten/IR/AtenDialect.h"
#include "mode/Dialect/PT2/IR/PT2Dialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"

using namespace mlir;

namespace mode::pt2 {

static void registerDialects(DialectRegistry &registry) {
  registry.insert<func::FuncDialect, aten::AtenDialect, PT2Dialect>();
}

void registerImportPT2Translation() {
  static llvm::cl::opt<bool> raiseOption(
      "pt2-raise-mode-ops",
      llvm::cl::desc("--import-pt2: recognise the mode-dependent computations "
                     "of the graph (pt2-raise-mode-ops; default true)"),
      llvm::cl::init(true));
  TranslateToMLIRRegistration registration(
      "import-pt2", "Import the programs of a PyTorch archive (.pt2)",
      [](llvm::SourceMgr &sourceMgr,
         MLIRContext *context) -> OwningOpRef<Operation *> {
        const llvm::MemoryBuffer *input =
            sourceMgr.getMemoryBuffer(sourceMgr.getMainFileID());
        llvm::StringRef name = input->getBufferIdentifier();
        NodeDiagnosticHandler handler(context);
        auto reader = ArchiveReader::openBuffer(
            llvm::MemoryBuffer::getMemBuffer(input->getMemBufferRef(),
                                             /*RequiresNullTerminator=*/false));
        if (!reader) {
          emitError(FileLineColLoc::get(context, name, 0, 0))
              << llvm::toString(reader.takeError());
          return nullptr;
        }
        TimingScope noTiming;
        return importArchive(**reader, name, context, noTiming,
                             raiseOption);
      },
      registerDialects);
}

void registerExportPT2Translation() {
  static llvm::cl::opt<std::string> archiveOption(
      "pt2-archive",
      llvm::cl::desc("--export-pt2: the archive to copy weights and the "
                     "other entries from (default: the module's "
                     "pt2.archive)"),
      llvm::cl::value_desc("path"), llvm::cl::init(""));
  TranslateFromMLIRRegistration registration(
      "export-pt2", "Export the programs of the module as a PyTorch archive",
      [](ModuleOp module, llvm::raw_ostream &os) -> LogicalResult {
        std::string path = archiveOption;
        if (path.empty()) {
          auto attr = module->getAttrOfType<StringAttr>(kArchiveAttr);
          if (!attr)
            return module.emitError()
                   << "the module names no archive to copy the weights "
                      "from: it has no '"
                   << kArchiveAttr << "'; give one with --pt2-archive";
          path = attr.str();
        }
        NodeDiagnosticHandler handler(module.getContext());
        auto reader = ArchiveReader::open(path);
        if (!reader)
          return module.emitError() << llvm::toString(reader.takeError());
        return exportArchive(module, **reader, os);
      },
      registerDialects);
}

} // namespace mode::pt2
