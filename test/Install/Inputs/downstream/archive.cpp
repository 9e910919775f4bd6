//===- archive.cpp - A downstream user of mode's .pt2 archive library -----===//
//
// Usage: mode-downstream-archive IN.pt2 OUT.pt2
// Prints the top folder, the number of entries and models/model.json's size,
// then copies every entry into OUT.pt2.
//
//===----------------------------------------------------------------------===//

#include "mode/Target/PT2/Archive.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

int main(int argc, char **argv) {
  if (argc != 3) {
    llvm::errs() << "usage: mode-downstream-archive IN.pt2 OUT.pt2\n";
    return 2;
  }
  auto fail = [](llvm::Error error) {
    llvm::errs() << toString(std::move(error)) << "\n";
    return 1;
  };
  auto reader = mode::pt2::ArchiveReader::open(argv[1]);
  if (!reader)
    return fail(reader.takeError());
  const mode::pt2::ArchiveEntry *model = (*reader)->lookup("models/model.json");
  if (!model)
    return fail(llvm::createStringError("no models/model.json"));
  llvm::Expected<std::string> json = (*reader)->read(*model);
  if (!json)
    return fail(json.takeError());
  llvm::outs() << "top folder " << (*reader)->getTopFolder() << ", "
               << (*reader)->getEntries().size() << " entries, model.json "
               << json->size() << " bytes\n";

  std::error_code ec;
  llvm::raw_fd_ostream os(argv[2], ec, llvm::sys::fs::OF_None);
  if (ec)
    return fail(llvm::errorCodeToError(ec));
  mode::pt2::ArchiveWriter writer(os, (*reader)->getTopFolder());
  for (const mode::pt2::ArchiveEntry &entry : (*reader)->getEntries())
    if (llvm::Error error =
            writer.copy(**reader, entry, (*reader)->getRelativeName(entry)))
      return fail(std::move(error));
  if (llvm::Error error = writer.finish())
    return fail(std::move(error));
  return 0;
}
