//===- mode-archive-test.cpp - The .pt2 zip container on the command line -===//
//
// Drives mode::pt2::ArchiveReader and ArchiveWriter for the lit tests of
// test/Target/PT2:
//
//   mode-archive-test list ARCHIVE       the top folder, then each entry's
//                                        name, size, CRC-32 and data offset
//                                        modulo 64, from the central directory
//   mode-archive-test verify ARCHIVE     reads every entry, checking its CRC
//   mode-archive-test cat ARCHIVE NAME   writes one entry (relative name)
//   mode-archive-test copy IN OUT        rewrites every entry, in order, with
//                                        the writer (CRC-checked; copied by
//                                        the kernel where it can, unless
//                                        --kernel-copy=false; --stats says
//                                        how, on standard error)
//   mode-archive-test pack OUT TOP NAME=FILE...
//                                        writes FILEs as TOP/NAME with add()
//   mode-archive-test crc-check          the archive's CRC-32 against
//                                        llvm::crc32 on pseudo-random data
//                                        of every length and alignment up to
//                                        a few hundred bytes, and large
//
// ARCHIVE, IN and OUT may be "-" for standard input or output. A file OUT is
// written to a temporary file renamed into place at the end, so an error
// leaves no output behind. Errors go to standard error with exit status 1.
//
//===----------------------------------------------------------------------===//

#include "mode/Target/PT2/Archive.h"

#include "CRC32.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CRC.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <unistd.h>

using namespace llvm;
using namespace mode::pt2;

static cl::SubCommand listCommand("list", "Print the entries of an archive");
static cl::opt<std::string> listInput(cl::Positional, cl::Required,
                                      cl::desc("<archive>"),
                                      cl::sub(listCommand));
static cl::opt<bool> listOffsets("offsets",
                                 cl::desc("Also print each data offset"),
                                 cl::sub(listCommand));

static cl::SubCommand verifyCommand("verify",
                                    "Read every entry, checking its CRC-32");
static cl::opt<std::string> verifyInput(cl::Positional, cl::Required,
                                        cl::desc("<archive>"),
                                        cl::sub(verifyCommand));

static cl::SubCommand catCommand("cat", "Write one entry to standard output");
static cl::opt<std::string> catInput(cl::Positional, cl::Required,
                                     cl::desc("<archive>"),
                                     cl::sub(catCommand));
static cl::opt<std::string> catEntry(cl::Positional, cl::Required,
                                     cl::desc("<name under the top folder>"),
                                     cl::sub(catCommand));

static cl::SubCommand copyCommand("copy",
                                  "Rewrite every entry with the writer");
static cl::opt<std::string> copyInput(cl::Positional, cl::Required,
                                      cl::desc("<input>"),
                                      cl::sub(copyCommand));
static cl::opt<std::string> copyOutput(cl::Positional, cl::Required,
                                       cl::desc("<output>"),
                                       cl::sub(copyCommand));
static cl::opt<std::string>
    copyTopFolder("top-folder",
                  cl::desc("The output's top folder (default: the input's)"),
                  cl::sub(copyCommand));
static cl::opt<bool> copyInKernel(
    "kernel-copy",
    cl::desc("Give the writer the output's file descriptor, for copies in "
             "the kernel (default: true)"),
    cl::init(true), cl::sub(copyCommand));
static cl::opt<bool>
    copyStats("stats",
              cl::desc("Print how the entries were copied to standard error"),
              cl::sub(copyCommand));

static cl::SubCommand packCommand("pack", "Write files into a new archive");
static cl::opt<std::string> packOutput(cl::Positional, cl::Required,
                                       cl::desc("<output>"),
                                       cl::sub(packCommand));
static cl::opt<std::string> packTopFolder(cl::Positional, cl::Required,
                                          cl::desc("<top folder>"),
                                          cl::sub(packCommand));
static cl::list<std::string> packFiles(cl::Positional,
                                       cl::desc("<name>=<file>..."),
                                       cl::sub(packCommand));

static cl::SubCommand
    crcCheckCommand("crc-check",
                    "Compare the archive's CRC-32 with llvm::crc32");

static cl::opt<uint64_t> zip64Limit(
    "zip64-limit",
    cl::desc("Use ZIP64 fields for sizes and offsets from this value on "
             "(ArchiveWriter::setZip64LimitForTesting; default 0xFFFFFFFF)"),
    cl::sub(copyCommand), cl::sub(packCommand));

static Expected<std::unique_ptr<ArchiveReader>> openArchive(StringRef path) {
  return ArchiveReader::open(path);
}

/// Runs `write` on OUT (a stream and its file descriptor): standard output
/// for "-", else a temporary file next to OUT that replaces it only once
/// `write` has succeeded.
static Error writeOutput(StringRef path,
                         function_ref<Error(raw_fd_ostream &, int fd)> write) {
  if (path == "-") {
    if (Error e = write(outs(), STDOUT_FILENO))
      return e;
    outs().flush();
    return Error::success();
  }
  Expected<sys::fs::TempFile> temp =
      sys::fs::TempFile::create(path + "-%%%%%%%%.tmp");
  if (!temp)
    return createStringError(path + ": " + toString(temp.takeError()));
  Error result = Error::success();
  {
    raw_fd_ostream os(temp->FD, /*shouldClose=*/false);
    result = write(os, temp->FD);
    os.flush();
    if (!result && os.has_error())
      result = createStringError(path + ": " + os.error().message());
    os.clear_error();
  }
  if (result) {
    consumeError(temp->discard());
    return result;
  }
  if (Error e = temp->keep(path))
    return createStringError(path + ": " + toString(std::move(e)));
  return Error::success();
}

static Error list() {
  auto reader = openArchive(listInput);
  if (!reader)
    return reader.takeError();
  outs() << "top-folder " << (*reader)->getTopFolder() << "\n";
  for (const ArchiveEntry &entry : (*reader)->getEntries()) {
    outs() << "entry " << entry.name << " size=" << entry.size
           << " crc=" << format_hex(entry.crc32, 10)
           << " offset%64=" << entry.dataOffset % 64;
    if (listOffsets)
      outs() << " offset=" << entry.dataOffset;
    outs() << "\n";
  }
  return Error::success();
}

static Error verify() {
  auto reader = openArchive(verifyInput);
  if (!reader)
    return reader.takeError();
  uint64_t bytes = 0;
  for (const ArchiveEntry &entry : (*reader)->getEntries()) {
    if (Error e = (*reader)->readChunks(entry, [&](StringRef chunk) {
          bytes += chunk.size();
          return Error::success();
        }))
      return e;
  }
  outs() << "verified " << (*reader)->getEntries().size() << " entries, "
         << bytes << " bytes\n";
  return Error::success();
}

static Error cat() {
  auto reader = openArchive(catInput);
  if (!reader)
    return reader.takeError();
  const ArchiveEntry *entry = (*reader)->lookup(catEntry);
  if (!entry)
    return createStringError((*reader)->getDisplayName() + ": no entry '" +
                             (*reader)->getTopFolder() + "/" + catEntry + "'");
  Expected<std::string> data = (*reader)->read(*entry);
  if (!data)
    return data.takeError();
  outs() << *data;
  return Error::success();
}

static Error copy() {
  auto reader = openArchive(copyInput);
  if (!reader)
    return reader.takeError();
  return writeOutput(copyOutput, [&](raw_fd_ostream &os, int fd) -> Error {
    StringRef topFolder = copyTopFolder.getNumOccurrences()
                              ? StringRef(copyTopFolder)
                              : (*reader)->getTopFolder();
    std::optional<ArchiveWriter> writer;
    if (copyInKernel)
      writer.emplace(os, fd, topFolder);
    else
      writer.emplace(static_cast<raw_ostream &>(os), topFolder);
    if (zip64Limit.getNumOccurrences())
      writer->setZip64LimitForTesting(zip64Limit);
    for (const ArchiveEntry &entry : (*reader)->getEntries())
      if (Error e =
              writer->copy(**reader, entry, (*reader)->getRelativeName(entry)))
        return e;
    if (Error e = writer->finish())
      return e;
    if (copyStats) {
      const ArchiveWriter::CopyStats &stats = writer->getCopyStats();
      errs() << "copied by the kernel: " << stats.kernelEntries << " entries, "
             << stats.kernelBytes
             << " bytes; by reads and writes: " << stats.streamedEntries
             << " entries, " << stats.streamedBytes << " bytes\n";
    }
    return Error::success();
  });
}

static Error pack() {
  // Read every file first: a missing one must not leave an archive behind.
  std::vector<std::pair<std::string, std::unique_ptr<MemoryBuffer>>> files;
  for (StringRef spec : packFiles) {
    auto [name, path] = spec.split('=');
    if (path.empty() && !spec.contains('='))
      return createStringError("expected <name>=<file>, got '" + spec + "'");
    ErrorOr<std::unique_ptr<MemoryBuffer>> buffer =
        MemoryBuffer::getFile(path, /*IsText=*/false,
                              /*RequiresNullTerminator=*/false);
    if (!buffer)
      return createStringError(path + ": " + buffer.getError().message());
    files.emplace_back(name.str(), std::move(*buffer));
  }
  return writeOutput(packOutput, [&](raw_fd_ostream &os, int) -> Error {
    ArchiveWriter writer(os, packTopFolder);
    if (zip64Limit.getNumOccurrences())
      writer.setZip64LimitForTesting(zip64Limit);
    for (auto &[name, buffer] : files)
      if (Error e = writer.add(name, buffer->getBuffer()))
        return e;
    return writer.finish();
  });
}

static Error crcCheck() {
  // Pseudo-random bytes (a 64-bit LCG), the same on every run.
  std::vector<uint8_t> data((1 << 20) + 64);
  uint64_t state = 1;
  for (uint8_t &byte : data) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    byte = state >> 56;
  }
  size_t cases = 0;
  auto check = [&](size_t offset, size_t size, uint32_t seed) -> Error {
    ArrayRef<uint8_t> slice(data.data() + offset, size);
    uint32_t expected = llvm::crc32(seed, slice);
    uint32_t got = mode::pt2::crc32(seed, slice);
    ++cases;
    if (got == expected)
      return Error::success();
    return createStringError("CRC-32 of " + Twine(size) + " bytes at offset " +
                             Twine(offset) + " from " + utohexstr(seed) + ": " +
                             utohexstr(got) + ", llvm::crc32 says " +
                             utohexstr(expected));
  };
  for (size_t size = 0; size <= 300; ++size)
    for (size_t offset = 0; offset < 16; ++offset)
      if (Error e = check(offset, size, size * 31 + offset))
        return e;
  for (size_t size : {1000, 4096, 65535, 65536, 1 << 20})
    for (uint32_t seed : {0u, 0xFFFFFFFFu, 0x12345678u})
      if (Error e = check(size % 7, size, seed))
        return e;
  outs() << cases << " CRC-32s as llvm::crc32's ("
         << (mode::pt2::crc32IsAccelerated() ? "PCLMULQDQ" : "llvm::crc32")
         << ")\n";
  return Error::success();
}

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  cl::ParseCommandLineOptions(argc, argv,
                              "the .pt2 zip container, for mode's tests\n");
  Error result = Error::success();
  if (listCommand)
    result = list();
  else if (verifyCommand)
    result = verify();
  else if (catCommand)
    result = cat();
  else if (copyCommand)
    result = copy();
  else if (packCommand)
    result = pack();
  else if (crcCheckCommand)
    result = crcCheck();
  else {
    cl::PrintHelpMessage();
    return 1;
  }
  if (result) {
    WithColor::error(errs(), "mode-archive-test")
        << toString(std::move(result)) << "\n";
    return 1;
  }
  return 0;
}
