//===- ArchiveIO.cpp - Whole archives in and out --------------------------===//
//
// The models of an archive are its entries `models/<name>.json`; everything
// else (weights, constants, sample inputs, extra files) stays in the archive
// and is copied byte for byte when writing.
//
//===----------------------------------------------------------------------===//

#include "mode/Target/PT2/Archive.h"
#include "mode/Target/PT2/PT2.h"

#include "mode/Dialect/Aten/IR/AtenDialect.h"
#include "mode/Dialect/PT2/IR/PT2Dialect.h"

#include "PT2Program.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/SymbolTable.h"

using namespace mlir;

namespace mode::pt2 {
namespace {

/// The model a relative entry name holds, if it is `models/<name>.json`.
std::optional<llvm::StringRef> getModelName(llvm::StringRef relativeName) {
  if (!relativeName.consume_front("models/") ||
      !relativeName.consume_back(".json") || relativeName.empty() ||
      relativeName.contains('/'))
    return std::nullopt;
  return relativeName;
}

/// Entries PyTorch writes into every archive, and what they hold.
constexpr std::pair<llvm::StringLiteral, llvm::StringLiteral>
    kRequiredEntries[] = {{"archive_format", "pt2"},
                          {"archive_version", "0"},
                          {".data/version", "6\n"},
                          {"byteorder", "little"}};

} // namespace

OwningOpRef<ModuleOp> importArchive(const ArchiveReader &archive,
                                    llvm::StringRef archivePath,
                                    MLIRContext *context) {
  TimingScope noTiming;
  return importArchive(archive, archivePath, context, noTiming);
}

OwningOpRef<ModuleOp> importArchive(const ArchiveReader &archive,
                                    llvm::StringRef archivePath,
                                    MLIRContext *context, TimingScope &timing,
                                    bool raiseModeOps) {
  context->loadDialect<func::FuncDialect, PT2Dialect, aten::AtenDialect>();
  Location archiveLoc = FileLineColLoc::get(context, archivePath, 0, 0);
  OwningOpRef<ModuleOp> module = ModuleOp::create(archiveLoc);
  (*module)->setAttr(kArchiveAttr, StringAttr::get(context, archivePath));

  bool anyModel = false;
  for (const ArchiveEntry &entry : archive.getEntries()) {
    llvm::StringRef relative = archive.getRelativeName(entry);
    std::optional<llvm::StringRef> model = getModelName(relative);
    if (!model)
      continue;
    anyModel = true;
    // PyTorch needs the payload configs of each model to load it.
    for (std::string config :
         {"data/weights/" + model->str() + "_weights_config.json",
          "data/constants/" + model->str() + "_constants_config.json"}) {
      if (archive.lookup(config))
        continue;
      emitError(archiveLoc) << archive.getDisplayName() << ": model '" << *model
                            << "' has no entry '" << archive.getTopFolder()
                            << "/" << config << "' (its payload config)";
      return nullptr;
    }
    TimingScope readTiming = timing.nest("read model JSON");
    llvm::Expected<std::string> text = archive.read(entry);
    readTiming.stop();
    if (!text) {
      emitError(archiveLoc) << llvm::toString(text.takeError());
      return nullptr;
    }
    std::string entryName = (archive.getDisplayName() + ":" + entry.name).str();
    if (failed(importProgram(*module, *model, *text, entryName, timing,
                             raiseModeOps)))
      return nullptr;
  }
  if (!anyModel) {
    emitError(archiveLoc) << archive.getDisplayName()
                          << ": no model in the archive (no entry '"
                          << archive.getTopFolder() << "/models/<name>.json')";
    return nullptr;
  }
  return module;
}

static LogicalResult writeArchive(ModuleOp module, const ArchiveReader &source,
                                  ArchiveWriter &writer, TimingScope &timing);

LogicalResult exportArchive(ModuleOp module, const ArchiveReader &source,
                            llvm::raw_ostream &os) {
  TimingScope noTiming;
  return exportArchive(module, source, os, noTiming);
}

LogicalResult exportArchive(ModuleOp module, const ArchiveReader &source,
                            llvm::raw_ostream &os, TimingScope &timing) {
  ArchiveWriter writer(os, source.getTopFolder());
  return writeArchive(module, source, writer, timing);
}

LogicalResult exportArchive(ModuleOp module, const ArchiveReader &source,
                            llvm::raw_fd_ostream &os, int fd,
                            TimingScope &timing, bool verifyCopies) {
  ArchiveWriter writer(os, fd, source.getTopFolder());
  writer.setVerifyCopies(verifyCopies);
  return writeArchive(module, source, writer, timing);
}

static LogicalResult writeArchive(ModuleOp module, const ArchiveReader &source,
                                  ArchiveWriter &writer, TimingScope &timing) {
  Location loc = module.getLoc();
  SymbolTable symbols(module);
  llvm::StringSet<> written;
  auto fail = [&](llvm::Error error) {
    emitError(loc) << llvm::toString(std::move(error));
    return failure();
  };
  for (const ArchiveEntry &entry : source.getEntries()) {
    llvm::StringRef relative = source.getRelativeName(entry);
    std::optional<llvm::StringRef> model = getModelName(relative);
    if (!model) {
      if (llvm::Error error = writer.copy(source, entry, relative))
        return fail(std::move(error));
      written.insert(relative);
      continue;
    }
    auto func = symbols.lookup<func::FuncOp>(*model);
    if (!func)
      return emitError(loc)
             << "the archive's model '" << *model << "' has no function @"
             << *model << " in the module";
    llvm::Expected<std::string> modelSource = source.read(entry);
    if (!modelSource)
      return fail(modelSource.takeError());
    std::string json;
    llvm::raw_string_ostream jsonStream(json);
    // JSON is written in pieces of a few bytes: buffered, each is a copy
    // into the buffer, not an append to the string.
    jsonStream.SetBufferSize(1 << 16);
    TimingScope writeTiming = timing.nest("write model JSON");
    if (failed(exportProgram(func, *modelSource, jsonStream)))
      return failure();
    jsonStream.flush();
    writeTiming.stop();
    if (llvm::Error error = writer.add(relative, json))
      return fail(std::move(error));
    written.insert(relative);
  }
  for (auto func : module.getOps<func::FuncOp>())
    if (func->hasAttr(kSourceAttr) &&
        !written.contains(("models/" + func.getSymName() + ".json").str()))
      return func.emitError()
             << "@" << func.getSymName()
             << " has no model entry in the archive its weights come from";
  // What PyTorch needs in every archive, should the source lack it.
  for (auto [name, content] : kRequiredEntries)
    if (!written.contains(name))
      if (llvm::Error error = writer.add(name, content))
        return fail(std::move(error));
  if (llvm::Error error = writer.finish())
    return fail(std::move(error));
  return success();
}

} // namespace mode::pt2

namespace mode::pt2 {

/// The node a location is at: a name over the node's place in its entry.
static std::optional<std::pair<StringAttr, FileLineColLoc>>
getNodeLocation(Location loc) {
  if (auto fused = dyn_cast<FusedLoc>(loc))
    return fused.getLocations().empty()
               ? std::nullopt
               : getNodeLocation(fused.getLocations().front());
  auto name = dyn_cast<NameLoc>(loc);
  if (!name)
    return std::nullopt;
  auto place = dyn_cast<FileLineColLoc>(name.getChildLoc());
  if (!place)
    return std::nullopt;
  return std::make_pair(name.getName(), place);
}

/// The archive a location is, as a whole: `archive:0:0` (importArchive's
/// location for what is wrong with the archive rather than a program in it).
static std::optional<StringAttr> getArchiveLocation(Location loc) {
  auto place = dyn_cast<FileLineColLoc>(loc);
  if (!place || place.getLine() != 0 || place.getColumn() != 0)
    return std::nullopt;
  return place.getFilename();
}

NodeDiagnosticHandler::NodeDiagnosticHandler(MLIRContext *context,
                                             llvm::raw_ostream &os)
    : ScopedDiagnosticHandler(context) {
  setHandler([&os](Diagnostic &diag) -> LogicalResult {
    std::optional<std::pair<StringAttr, FileLineColLoc>> node =
        getNodeLocation(diag.getLocation());
    std::optional<StringAttr> archive = getArchiveLocation(diag.getLocation());
    if (!node && !archive)
      return failure();
    auto print = [&](Location loc, DiagnosticSeverity severity,
                     const Diagnostic &d) {
      std::optional<std::pair<StringAttr, FileLineColLoc>> at =
          getNodeLocation(loc);
      if (at)
        os << at->second.getFilename().getValue() << ":" << at->second.getLine()
           << ":" << at->second.getColumn() << ": ";
      switch (severity) {
      case DiagnosticSeverity::Error:
        os << "error: ";
        break;
      case DiagnosticSeverity::Warning:
        os << "warning: ";
        break;
      case DiagnosticSeverity::Note:
        os << "note: ";
        break;
      case DiagnosticSeverity::Remark:
        os << "remark: ";
        break;
      }
      if (at)
        os << "node '" << at->first.getValue() << "': ";
      // About the archive as a whole: "error: model.pt2: entry '...': ...",
      // as the archive reader words its errors.
      std::string message = d.str();
      if (std::optional<StringAttr> name = getArchiveLocation(loc))
        if (!llvm::StringRef(message).starts_with(name->str() + ": "))
          os << name->getValue() << ": ";
      os << message << "\n";
    };
    print(diag.getLocation(), diag.getSeverity(), diag);
    for (const Diagnostic &note : diag.getNotes())
      print(note.getLocation(), note.getSeverity(), note);
    return success();
  });
}

} // namespace mode::pt2
