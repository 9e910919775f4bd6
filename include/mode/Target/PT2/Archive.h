//===- Archive.h - The zip container of .pt2 archives -----------*- C++ -*-===//
//
// Reads and writes the zip container of the archives that torch.export.save
// writes (PyTorchStreamWriter on miniz): every entry stored uncompressed under
// one top folder, its data aligned to 64 bytes by an "FB" extra field in the
// local header, a data descriptor after non-empty data, and ZIP64 end records
// always. Only LLVM Support is needed.
//
//   auto reader = mode::pt2::ArchiveReader::open("model.pt2"); // or "-"
//   if (!reader) ...reader.takeError()...
//   const ArchiveEntry *json = (*reader)->lookup("models/model.json");
//   llvm::Expected<std::string> text = (*reader)->read(*json);
//
//   // os: a raw_fd_ostream on the file descriptor fd
//   mode::pt2::ArchiveWriter writer(os, fd, (*reader)->getTopFolder());
//   for (const ArchiveEntry &entry : (*reader)->getEntries())
//     if (Error e = writer.copy(**reader, entry,
//                               (*reader)->getRelativeName(entry))) ...
//   if (Error e = writer.finish()) ...
//
// Every error message starts with the archive's name and, where there is one,
// names the entry: "m.pt2: entry 'm/data/weights/weight_0': CRC-32 mismatch
// (central directory says 0x1234abcd, data has 0x0badf00d)".
//
// Copies run at the speed of the kernel where they can: from an archive file
// (or a spooled pipe) to a regular file whose descriptor the writer is given,
// copy() appends an entry's data with copy_file_range. Elsewhere (a pipe, a
// memory buffer, a file system that refuses) it reads and writes in chunks.
// Either way it checks the data against its CRC-32 unless told not to
// (setVerifyCopies): after a kernel copy, that reads the data once more.
//
//===----------------------------------------------------------------------===//

#ifndef MODE_TARGET_PT2_ARCHIVE_H
#define MODE_TARGET_PT2_ARCHIVE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace llvm {
class MemoryBuffer;
class raw_fd_ostream;
class raw_ostream;
} // namespace llvm

namespace mode::pt2 {

/// One stored entry of an archive, as its central directory describes it.
struct ArchiveEntry {
  /// The full name as in the zip, e.g. "model/models/model.json".
  std::string name;
  /// The size in bytes (stored: compressed and uncompressed sizes are equal).
  uint64_t size = 0;
  /// The CRC-32 of the data, from the central directory.
  uint32_t crc32 = 0;
  /// The absolute offset of the first data byte in the file.
  uint64_t dataOffset = 0;
  /// The absolute offset of the entry's local header.
  uint64_t headerOffset = 0;
};

/// The data source of a reader: a file, a spooled pipe or a memory buffer.
class ArchiveSource;

/// Reads an archive: the central directory when opened, entry data on demand.
/// The reader is immutable once open and its const methods may be called from
/// several threads at once (data is read with pread, not through a cursor).
class ArchiveReader {
public:
  /// The path that means standard input.
  static constexpr llvm::StringLiteral kStdin = "-";
  /// The chunk size of readChunks() and ArchiveWriter::copy() by default.
  static constexpr size_t kDefaultChunkSize = size_t(1) << 20;

  /// Opens and indexes an archive file: reads the end records (EOCD, ZIP64
  /// locator and record) and the central directory, and checks every local
  /// header against it; it never reads entry data. A `path` of "-" (or a pipe)
  /// is spooled to a temporary file in TMPDIR first, which the reader removes
  /// when it is destroyed (or when the spooling fails: at the first error
  /// reading the input or writing the spool, a full TMPDIR for one). A
  /// closed standard input is an error that says so. `displayName` names the
  /// archive in messages (default: `path`, "<stdin>" for "-").
  static llvm::Expected<std::unique_ptr<ArchiveReader>>
  open(llvm::StringRef path, llvm::StringRef displayName = {});

  /// Same as open() for an archive in memory (tests, fuzzing); the buffer's
  /// identifier names it in messages.
  static llvm::Expected<std::unique_ptr<ArchiveReader>>
  openBuffer(std::unique_ptr<llvm::MemoryBuffer> buffer);

  ~ArchiveReader();
  ArchiveReader(const ArchiveReader &) = delete;
  ArchiveReader &operator=(const ArchiveReader &) = delete;

  /// The name used in messages.
  llvm::StringRef getDisplayName() const { return displayName; }
  /// The size of the archive in bytes.
  uint64_t getFileSize() const;
  /// The archive's single top-level folder ("model" for entries "model/...").
  llvm::StringRef getTopFolder() const { return topFolder; }
  /// The entries in central-directory order. Directory entries ("model/",
  /// "model/data/", as `zip -r` writes them) hold no data and are left out.
  llvm::ArrayRef<ArchiveEntry> getEntries() const { return entries; }
  /// Finds an entry by its name relative to the top folder
  /// ("models/model.json"), or returns null.
  const ArchiveEntry *lookup(llvm::StringRef relativeName) const;
  /// The name of `entry` relative to the top folder.
  llvm::StringRef getRelativeName(const ArchiveEntry &entry) const;

  /// Reads a whole entry and verifies its CRC-32. Meant for the small JSON
  /// entries: it allocates the entry's size (which open() checked against the
  /// file size); use readChunks() for weights.
  llvm::Expected<std::string> read(const ArchiveEntry &entry) const;

  /// Reads `entry` in chunks of at most `chunkSize` bytes, in order, passing
  /// each to `consumer`, then verifies the CRC-32. An error from `consumer`
  /// stops the reading and is returned. On a CRC mismatch every chunk has
  /// already been passed on: the consumer must be ready to discard them.
  llvm::Error
  readChunks(const ArchiveEntry &entry,
             llvm::function_ref<llvm::Error(llvm::StringRef chunk)> consumer,
             size_t chunkSize = kDefaultChunkSize) const;

private:
  friend class ArchiveWriter;
  ArchiveReader(std::unique_ptr<ArchiveSource> source, std::string displayName);
  llvm::Error index();
  llvm::Error error(const llvm::Twine &message) const;
  llvm::Error entryError(llvm::StringRef name,
                         const llvm::Twine &message) const;
  /// Fails unless the data of `entry` lies inside the file.
  llvm::Error checkInFile(const ArchiveEntry &entry) const;
  llvm::Error crcMismatch(const ArchiveEntry &entry, uint32_t crc) const;

  std::unique_ptr<ArchiveSource> source;
  std::string displayName;
  std::string topFolder;
  std::vector<ArchiveEntry> entries;
  /// Relative name -> index into `entries`.
  llvm::StringMap<size_t> byRelativeName;
};

/// Writes a new archive with the layout torch.export.save gives it, appending
/// only, so that `os` may be a pipe. Entries are written in the order they
/// are added; finish() writes the central directory and the end records. A
/// refused name (invalid, duplicate) writes nothing and the writer goes on;
/// an error after an entry's header was written (copy(): a read error or a
/// bad CRC) leaves the archive incomplete, to be discarded, and the writer
/// refuses any further call.
///
/// Given the file descriptor a raw_fd_ostream writes to, copy() lets the
/// kernel append to it, behind the stream's back (it flushes the stream
/// first and sets its position right after).
class ArchiveWriter {
public:
  /// Writes to `os`, every entry under `topFolder/` (which must be one valid
  /// path component: torch.export.save uses the file's base name).
  ArchiveWriter(llvm::raw_ostream &os, llvm::StringRef topFolder);
  /// The same, to `os` writing to the file descriptor `fd` (which
  /// raw_fd_ostream does not tell): copy() copies in the kernel where it can.
  ArchiveWriter(llvm::raw_fd_ostream &os, int fd, llvm::StringRef topFolder);
  ~ArchiveWriter();
  ArchiveWriter(const ArchiveWriter &) = delete;
  ArchiveWriter &operator=(const ArchiveWriter &) = delete;

  /// Adds an entry `topFolder/relativeName` holding `data`.
  llvm::Error add(llvm::StringRef relativeName, llvm::StringRef data);

  /// Copies `entry` of `reader` into the new archive as
  /// `topFolder/relativeName`, byte for byte, with the CRC-32 the reader's
  /// central directory gives it. With setVerifyCopies(true) (the default)
  /// the data is checked against it: a mismatch is an error naming the
  /// entry, after its data was written.
  /// - From an archive file to a regular file whose descriptor the writer
  ///   was given, the kernel copies the data (copy_file_range: no copy
  ///   through user space, a reflink where the file system shares blocks),
  ///   1 MiB at a time; when verifying, each piece is read for its CRC-32 in
  ///   the input's page cache (mapped), where the kernel's copy has just
  ///   left it.
  /// - Elsewhere, and where the kernel refuses (a pipe, another file system
  ///   that cannot, an output opened for appending), it streams the data in
  ///   chunks of ArchiveReader::kDefaultChunkSize, computing the CRC-32 on
  ///   the way when verifying.
  llvm::Error copy(const ArchiveReader &reader, const ArchiveEntry &entry,
                   llvm::StringRef relativeName);

  /// Whether copy() checks the data it copies against its CRC-32. Without
  /// the check a copy does not read the data at all where the kernel copies
  /// it: a corrupt entry is copied as it is, its CRC-32 still telling.
  void setVerifyCopies(bool verify) { verifyCopies = verify; }

  /// Writes the central directory, the ZIP64 end-of-central-directory record
  /// and locator, and the end record. Flushes `os`; a stream that failed
  /// (raw_fd_ostream::has_error) is the caller's to check.
  llvm::Error finish();

  /// How copy() copied entries so far: the kernel, or reads and writes.
  struct CopyStats {
    uint64_t kernelEntries = 0;
    uint64_t kernelBytes = 0;
    uint64_t streamedEntries = 0;
    uint64_t streamedBytes = 0;
  };
  const CopyStats &getCopyStats() const { return stats; }

  /// The number of bytes written so far.
  uint64_t getOffset() const { return offset; }

  /// Lowers the limit at and above which sizes and offsets take ZIP64 extra
  /// fields (0xFFFFFFFF, as in miniz) so that tests exercise the ZIP64 layout
  /// without writing 4 GiB. The archive stays valid: the 32-bit fields then
  /// hold 0xFFFFFFFF and the extra fields the values.
  void setZip64LimitForTesting(uint64_t limit) { zip64Limit = limit; }

private:
  struct CentralRecord {
    std::string name;
    uint64_t size;
    uint64_t headerOffset;
    uint32_t crc32;
  };

  llvm::Error checkName(llvm::StringRef relativeName, std::string &fullName);
  void writeLocalHeader(llvm::StringRef fullName, uint64_t size);
  void writeDescriptorAndRecord(std::string fullName, uint64_t size,
                                uint64_t headerOffset, uint32_t crc32);
  void write(llvm::StringRef bytes);
  llvm::Error fail(llvm::Error error);
  llvm::Error copyData(const ArchiveReader &reader, const ArchiveEntry &entry);
  llvm::Error copyInKernel(const ArchiveReader &reader,
                           const ArchiveEntry &entry, int inFD, uint32_t &crc,
                           uint64_t &copied);

  llvm::raw_ostream &os;
  /// `os` and its file descriptor, for copies in the kernel.
  llvm::raw_fd_ostream *fdStream = nullptr;
  int fd = -1;
  std::string topFolder;
  uint64_t offset = 0;
  uint64_t zip64Limit;
  std::vector<CentralRecord> records;
  llvm::StringSet<> names;
  bool failed = false;
  bool finished = false;
  /// Cleared once the kernel refused a copy to `os`: the rest streams.
  bool kernelCopyWorks = true;
  bool verifyCopies = true;
  CopyStats stats;
};

} // namespace mode::pt2

#endif // MODE_TARGET_PT2_ARCHIVE_H
