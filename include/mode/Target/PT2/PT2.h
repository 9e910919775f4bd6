//===- PT2.h - PyTorch archives (.pt2) in and out of MLIR -------*- C++ -*-===//
//
// Reads the programs of a PyTorch archive (`torch.export.save`) into MLIR
// and writes them back. Each model (`models/<name>.json`) becomes a function
// @<name>: the graph inputs are its arguments, the graph outputs its
// results, the mode-dependent nodes ops of the `aten` dialect, every other
// node a `pt2.operator`. Weights and every other entry stay in the archive;
// the module names it (`pt2.archive`), and writing copies them from there
// byte for byte. Writing an imported module without changes gives back the
// model JSON as the same JSON value.
//
//===----------------------------------------------------------------------===//

#ifndef MODE_TARGET_PT2_PT2_H
#define MODE_TARGET_PT2_PT2_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/OwningOpRef.h"
#include "mlir/Support/Timing.h"
#include "llvm/Support/raw_ostream.h"

namespace mlir::func {
class FuncOp;
} // namespace mlir::func

namespace mode::pt2 {

class ArchiveReader;

/// Imports one model, the JSON text `json` of the archive entry that
/// diagnostics call `entryName`, as a function @`modelName` at the end of
/// `module`: one op per node, then the mode ops recognised in them (the
/// patterns of pt2-raise-mode-ops, unless `raiseModeOps` is false). Loads
/// the dialects it builds ops of. Errors are reported at their place in
/// the JSON, naming the node where there is one. `timing` gets "parse
/// JSON", "build IR" and "recognise". The function keeps the size and
/// CRC-32 of `json`, which exporting it needs again.
mlir::LogicalResult importProgram(mlir::ModuleOp module,
                                  llvm::StringRef modelName,
                                  llvm::StringRef json,
                                  llvm::StringRef entryName);
mlir::LogicalResult importProgram(mlir::ModuleOp module,
                                  llvm::StringRef modelName,
                                  llvm::StringRef json,
                                  llvm::StringRef entryName,
                                  mlir::TimingScope &timing,
                                  bool raiseModeOps = true);

/// Imports every model of `archive` (`archivePath` is what diagnostics and
/// the module's `pt2.archive` attribute call it). `timing` gets "read model
/// JSON" and importProgram's.
mlir::OwningOpRef<mlir::ModuleOp> importArchive(const ArchiveReader &archive,
                                                llvm::StringRef archivePath,
                                                mlir::MLIRContext *context);
mlir::OwningOpRef<mlir::ModuleOp> importArchive(const ArchiveReader &archive,
                                                llvm::StringRef archivePath,
                                                mlir::MLIRContext *context,
                                                mlir::TimingScope &timing,
                                                bool raiseModeOps = true);

/// Writes the program of `func`, a function made by importProgram from
/// `source` (the same model JSON, which the function's size and CRC-32
/// check) and possibly changed since, as model JSON: the graph from the
/// IR, the node metadata and the program's other fields from `source`.
mlir::LogicalResult exportProgram(mlir::func::FuncOp func,
                                  llvm::StringRef source,
                                  llvm::raw_ostream &os);

/// Writes `module` as an archive to `os`: each model JSON from the function
/// of its name and the model's entry in `source`, every other entry of
/// `source` copied byte for byte, in `source`'s order and layout. `timing`
/// gets "write model JSON".
mlir::LogicalResult exportArchive(mlir::ModuleOp module,
                                  const ArchiveReader &source,
                                  llvm::raw_ostream &os);
mlir::LogicalResult exportArchive(mlir::ModuleOp module,
                                  const ArchiveReader &source,
                                  llvm::raw_ostream &os,
                                  mlir::TimingScope &timing);
/// The same, to `os` writing to the file descriptor `fd`: the entries of
/// `source` are copied by the kernel where it can, and checked against their
/// CRC-32 only if `verifyCopies` (ArchiveWriter::setVerifyCopies; the
/// overloads above always check).
mlir::LogicalResult exportArchive(mlir::ModuleOp module,
                                  const ArchiveReader &source,
                                  llvm::raw_fd_ostream &os, int fd,
                                  mlir::TimingScope &timing,
                                  bool verifyCopies);

/// Reports the diagnostics located at a node of an imported program the
/// way every error about an archive reads,
///   model.pt2:model/models/model.json:1:4821: error: node 'dropout': ...
/// (the archive entry, the node's place in it, and its name), and those about
/// the archive as a whole (located at `model.pt2:0:0`) as the archive reader
/// words its errors,
///   error: model.pt2: entry 'model/models/model.json': CRC-32 mismatch ...
/// Passes on the others to the handlers registered before it.
class NodeDiagnosticHandler : public mlir::ScopedDiagnosticHandler {
public:
  explicit NodeDiagnosticHandler(mlir::MLIRContext *context,
                                 llvm::raw_ostream &os = llvm::errs());
};

/// Registers `--import-pt2` and `--export-pt2` (with its option
/// `--pt2-archive`) for mlirTranslateMain.
void registerImportPT2Translation();
void registerExportPT2Translation();

} // namespace mode::pt2

#endif // MODE_TARGET_PT2_PT2_H
