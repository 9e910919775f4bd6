//===- mode-archive-fuzz.cpp - libFuzzer target for the .pt2 zip container ===//
//
// Treats its input as an archive and checks what the reader and writer
// promise for any bytes:
//
// - opening either succeeds or fails with a message naming the archive;
// - on success, every entry's data lies inside the file, every name is
//   under the top folder and lookup() finds it, and reading each entry
//   whole and in small chunks gives the same bytes, or the same error;
// - the entries whose CRC holds, copied with the writer, give an archive
//   that opens, lists the same names, sizes and CRCs, with every data
//   offset a multiple of 64, and reads back the same bytes; copying that
//   archive again gives it back byte for byte.
//
// A violated property aborts, which libFuzzer records as a crash. Hangs and
// huge allocations show as timeouts and out-of-memory reports.
//
//===----------------------------------------------------------------------===//

#include "mode/Target/PT2/Archive.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <cstdlib>
#include <string>

using namespace llvm;
using namespace mode::pt2;

static void check(bool condition, const char *what) {
  if (!condition) {
    errs() << "mode-archive-fuzz: violated: " << what << "\n";
    abort();
  }
}

static std::unique_ptr<ArchiveReader> open(StringRef bytes, StringRef name) {
  auto reader = ArchiveReader::openBuffer(MemoryBuffer::getMemBuffer(
      bytes, name, /*RequiresNullTerminator=*/false));
  if (!reader) {
    std::string message = toString(reader.takeError());
    check(StringRef(message).starts_with((name + ": ").str()),
          "an error names the archive");
    return nullptr;
  }
  return std::move(*reader);
}

/// Writes every entry of `reader` whose CRC holds into a new archive.
static std::string copyValid(const ArchiveReader &reader,
                             std::vector<const ArchiveEntry *> &copied) {
  std::string out;
  raw_string_ostream os(out);
  ArchiveWriter writer(os, reader.getTopFolder());
  for (const ArchiveEntry &entry : reader.getEntries()) {
    if (Expected<std::string> data = reader.read(entry)) {
      check(!writer.copy(reader, entry, reader.getRelativeName(entry)),
            "copying a readable entry succeeds");
      copied.push_back(&entry);
    } else {
      consumeError(data.takeError());
    }
  }
  check(!writer.finish(), "finish succeeds");
  return out;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  StringRef bytes(reinterpret_cast<const char *>(data), size);
  std::unique_ptr<ArchiveReader> reader = open(bytes, "input");
  if (!reader)
    return 0;

  check(!reader->getTopFolder().empty(), "a top folder");
  for (const ArchiveEntry &entry : reader->getEntries()) {
    check(entry.dataOffset <= size && entry.size <= size - entry.dataOffset,
          "entry data inside the file");
    check(StringRef(entry.name).starts_with(reader->getTopFolder().str() + "/"),
          "entry under the top folder");
    check(reader->lookup(reader->getRelativeName(entry)) == &entry,
          "lookup finds each entry");
    Expected<std::string> whole = reader->read(entry);
    std::string chunked;
    Error error = reader->readChunks(
        entry,
        [&](StringRef chunk) {
          check(chunk.size() <= 7, "chunks no larger than asked");
          chunked += chunk;
          return Error::success();
        },
        /*chunkSize=*/7);
    check(bool(whole) == !error, "whole and chunked reads agree");
    if (whole)
      check(*whole == chunked && whole->size() == entry.size,
            "whole and chunked reads give the same bytes");
    consumeError(whole.takeError());
    consumeError(std::move(error));
  }

  std::vector<const ArchiveEntry *> copied;
  std::string copy = copyValid(*reader, copied);
  std::unique_ptr<ArchiveReader> again = open(copy, "copy");
  if (copied.empty()) {
    check(!again, "an archive without entries does not open");
    return 0;
  }
  check(bool(again), "the copy opens");
  check(again->getEntries().size() == copied.size(), "the copy's entries");
  for (size_t i = 0; i < copied.size(); ++i) {
    const ArchiveEntry &original = *copied[i], &entry = again->getEntries()[i];
    check(entry.name == original.name && entry.size == original.size &&
              entry.crc32 == original.crc32,
          "the copy lists the same entries");
    check(entry.dataOffset % 64 == 0, "the copy's data is aligned");
    Expected<std::string> before = reader->read(original);
    Expected<std::string> after = again->read(entry);
    check(before && after && *before == *after, "the copy's data");
  }
  std::vector<const ArchiveEntry *> recopied;
  check(copyValid(*again, recopied) == copy, "copying is a fixed point");
  return 0;
}
