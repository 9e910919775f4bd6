//===- Archive.cpp - The zip container of .pt2 archives -------------------===//
//
// The layout follows what PyTorch's PyTorchStreamWriter (caffe2/serialize/
// inline_container.cc) writes through miniz 3.0.2 (mz_zip_writer_add_mem_ex_v2
// and mz_zip_writer_finalize_archive), byte for byte; see
// docs/pt2-archive.md. The reader takes any zip whose entries are stored,
// unencrypted and under one top folder, and trusts nothing it has not
// checked against the file's size: it is meant to be fuzzed.
//
//===----------------------------------------------------------------------===//

#include "mode/Target/PT2/Archive.h"

#include "CRC32.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <optional>

#ifdef LLVM_ON_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif

using namespace llvm;
using namespace mode::pt2;
namespace endian = llvm::support::endian;

namespace {
constexpr uint32_t kLocalHeaderSig = 0x04034b50;
constexpr uint32_t kCentralHeaderSig = 0x02014b50;
constexpr uint32_t kDescriptorSig = 0x08074b50;
constexpr uint32_t kEndSig = 0x06054b50;
constexpr uint32_t kZip64EndSig = 0x06064b50;
constexpr uint32_t kZip64LocatorSig = 0x07064b50;

constexpr uint64_t kLocalHeaderSize = 30;
constexpr uint64_t kCentralHeaderSize = 46;
constexpr uint64_t kEndSize = 22;
constexpr uint64_t kZip64EndSize = 56;
constexpr uint64_t kZip64LocatorSize = 20;
constexpr uint64_t kMaxCommentSize = 0xFFFF;
/// How much of the central directory is read at a time.
constexpr uint64_t kCentralWindowSize = 1 << 20;

constexpr uint16_t kZip64ExtraId = 0x0001;
/// "FB": PyTorch's padding extra field (getPadding in inline_container.cc).
constexpr uint16_t kPaddingExtraId = 0x4246;
constexpr uint64_t kAlignment = 64;
/// What the kernel copies at a time, the CRC-32 read after each piece, in
/// pieces aligned in the output.
constexpr uint64_t kKernelCopyPiece = 1 << 20;
/// How much of a file the CRC-32 of its data maps at a time.
constexpr uint64_t kMappedWindowSize = 1 << 20;

constexpr uint16_t kFlagEncrypted = 0x0001;
constexpr uint16_t kFlagDescriptor = 0x0008;
constexpr uint16_t kFlagStrongEncryption = 0x0040;
constexpr uint16_t kFlagUtf8 = 0x0800;
constexpr uint16_t kFlagMaskedHeaders = 0x2000;

constexpr uint32_t kMax32 = 0xFFFFFFFF;
constexpr uint16_t kMax16 = 0xFFFF;

/// miniz's "version made by" of the ZIP64 end record: Unix, spec 3.0.
constexpr uint16_t kZip64VersionMadeBy = 0x031E;
/// The version needed to extract a ZIP64 archive (4.5).
constexpr uint16_t kZip64VersionNeeded = 45;

bool isUTF8(StringRef text) {
  const auto *begin = reinterpret_cast<const UTF8 *>(text.begin());
  return isLegalUTF8String(&begin, reinterpret_cast<const UTF8 *>(text.end()));
}

/// Why `name` cannot name an entry, or an empty string if it can. Names are
/// paths that an extractor may join to a directory, so nothing that could
/// leave it or mean something else on another system is accepted. The
/// writer flags every name as UTF-8, as PyTorch does, so a name must be
/// UTF-8 (Python's zipfile refuses an archive whose flagged names are not).
std::string whyBadName(StringRef name) {
  if (name.empty())
    return "empty name";
  if (name.contains('\0'))
    return "the name contains a NUL byte";
  if (!isUTF8(name))
    return "the name is not valid UTF-8";
  if (name.contains('\\'))
    return "the name contains a backslash";
  if (name.front() == '/')
    return "absolute name";
  SmallVector<StringRef> components;
  name.split(components, '/');
  for (StringRef component : components) {
    if (component == "..")
      return "the name has a '..' component";
    if (component == ".")
      return "the name has a '.' component";
    if (component.empty())
      return "the name has an empty component";
  }
  return {};
}

/// `name` quoted for a message, with control bytes escaped, and every byte
/// past ASCII too if the name is not UTF-8.
std::string quote(StringRef name) {
  std::string out = "'";
  raw_string_ostream os(out);
  const bool utf8 = isUTF8(name);
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f || (c >= 0x80 && !utf8))
      os << "\\x" << format_hex_no_prefix(c, 2);
    else
      os << c;
  }
  os << "'";
  return out;
}

std::string hex32(uint32_t value) {
  std::string out;
  raw_string_ostream(out) << format_hex(value, 10);
  return out;
}

/// The name of a compression method, for the message that refuses it.
std::string methodName(uint16_t method) {
  const char *name = nullptr;
  switch (method) {
  case 1:
    name = "shrink";
    break;
  case 6:
    name = "implode";
    break;
  case 8:
    name = "deflate";
    break;
  case 9:
    name = "deflate64";
    break;
  case 12:
    name = "bzip2";
    break;
  case 14:
    name = "lzma";
    break;
  case 93:
    name = "zstd";
    break;
  case 95:
    name = "xz";
    break;
  case 98:
    name = "ppmd";
    break;
  default:
    return "method " + std::to_string(method);
  }
  return std::string(name) + " (" + std::to_string(method) + ")";
}

/// Appends little-endian fields to a header being built.
class HeaderBuilder {
public:
  HeaderBuilder &u16(uint16_t value) { return append(value); }
  HeaderBuilder &u32(uint32_t value) { return append(value); }
  HeaderBuilder &u64(uint64_t value) { return append(value); }
  HeaderBuilder &bytes(StringRef value) {
    buffer.append(value);
    return *this;
  }
  StringRef str() const { return buffer; }

private:
  template <typename T> HeaderBuilder &append(T value) {
    char bytes[sizeof(T)];
    endian::write<T, llvm::endianness::little>(bytes, value);
    buffer.append(bytes, bytes + sizeof(T));
    return *this;
  }
  SmallString<128> buffer;
};

uint16_t read16(const char *p) { return endian::read16le(p); }
uint32_t read32(const char *p) { return endian::read32le(p); }
uint64_t read64(const char *p) { return endian::read64le(p); }
} // namespace

//===----------------------------------------------------------------------===//
// Sources
//===----------------------------------------------------------------------===//

/// Random access to the bytes of an archive.
class mode::pt2::ArchiveSource {
public:
  explicit ArchiveSource(uint64_t size) : size(size) {}
  virtual ~ArchiveSource() = default;
  uint64_t getSize() const { return size; }
  /// Fills `buffer` from `offset`; the caller keeps within getSize().
  virtual Error readAt(uint64_t offset, MutableArrayRef<char> buffer) const = 0;
  /// The file the bytes are in, for the kernel to copy from, if any.
  virtual std::optional<int> getFileDescriptor() const { return std::nullopt; }

  /// The CRC-32 of `size` bytes from `offset`, continuing from `crc`; the
  /// caller keeps within getSize().
  virtual Expected<uint32_t> crc32(uint32_t crc, uint64_t offset,
                                   uint64_t size) const {
    std::vector<char> buffer(std::min<uint64_t>(
        std::max<uint64_t>(size, 1), ArchiveReader::kDefaultChunkSize));
    for (uint64_t done = 0; done < size;) {
      MutableArrayRef<char> chunk(
          buffer.data(), std::min<uint64_t>(buffer.size(), size - done));
      if (Error e = readAt(offset + done, chunk))
        return std::move(e);
      crc = mode::pt2::crc32(
          crc, arrayRefFromStringRef(StringRef(chunk.data(), chunk.size())));
      done += chunk.size();
    }
    return crc;
  }

private:
  uint64_t size;
};

namespace {
/// A file read with pread, which keeps the reader usable from several threads.
/// A pipe spooled to a temporary file owns that file and removes it.
class FileSource : public ArchiveSource {
public:
  FileSource(sys::fs::file_t file, uint64_t size)
      : ArchiveSource(size), file(file) {}
  FileSource(sys::fs::TempFile temp, uint64_t size)
      : ArchiveSource(size), file(sys::fs::convertFDToNativeFile(temp.FD)),
        spool(std::move(temp)) {}
  ~FileSource() override {
    if (spool)
      consumeError(spool->discard()); // Closes the file too.
    else
      sys::fs::closeFile(file);
  }

  Error readAt(uint64_t offset, MutableArrayRef<char> buffer) const override {
    while (!buffer.empty()) {
      Expected<size_t> count =
          sys::fs::readNativeFileSlice(file, buffer, offset);
      if (!count)
        return count.takeError();
      if (*count == 0)
        return createStringError("unexpected end of file at offset " +
                                 Twine(offset) +
                                 " (did the file change while it was read?)");
      buffer = buffer.drop_front(*count);
      offset += *count;
    }
    return Error::success();
  }

#ifdef LLVM_ON_UNIX
  std::optional<int> getFileDescriptor() const override { return file; }
#endif

  // Mapped a window at a time: the CRC reads the page cache in place, where
  // pread copies it out first, which beside a kernel copy of the same data
  // took three times the CPU time (BENCHMARKS.md). The window bounds what
  // the mapping adds to the resident set. Should the file shrink meanwhile,
  // reading the mapping past its end raises SIGBUS, as for LLVM's
  // MemoryBuffer.
  Expected<uint32_t> crc32(uint32_t crc, uint64_t offset,
                           uint64_t size) const override {
    const uint64_t alignment = sys::fs::mapped_file_region::alignment();
    for (uint64_t done = 0; done < size;) {
      const uint64_t start = offset + done;
      const uint64_t base = alignDown(start, alignment);
      const uint64_t length =
          std::min<uint64_t>(kMappedWindowSize, offset + size - base);
      std::error_code ec;
      sys::fs::mapped_file_region window(
          file, sys::fs::mapped_file_region::readonly, length, base, ec);
      if (ec)
        return ArchiveSource::crc32(crc, start, size - done);
      crc = mode::pt2::crc32(
          crc,
          arrayRefFromStringRef(
              StringRef(window.const_data(), length).drop_front(start - base)));
      done += length - (start - base);
    }
    return crc;
  }

private:
  sys::fs::file_t file;
  std::optional<sys::fs::TempFile> spool;
};

class MemorySource : public ArchiveSource {
public:
  explicit MemorySource(std::unique_ptr<MemoryBuffer> buffer)
      : ArchiveSource(buffer->getBufferSize()), buffer(std::move(buffer)) {}

  Error readAt(uint64_t offset, MutableArrayRef<char> out) const override {
    if (offset > getSize() || out.size() > getSize() - offset)
      return createStringError("read past the end of the buffer");
    std::copy_n(buffer->getBufferStart() + offset, out.size(), out.begin());
    return Error::success();
  }

private:
  std::unique_ptr<MemoryBuffer> buffer;
};

/// Copies everything `in` yields until its end into a new temporary file,
/// since a zip needs random access and a pipe has none.
Expected<std::unique_ptr<ArchiveSource>> spool(sys::fs::file_t in,
                                               StringRef displayName) {
  auto fail = [&](const Twine &what, Error error) -> Error {
    return createStringError(displayName + ": " + what + ": " +
                             toString(std::move(error)));
  };
  SmallString<128> model;
  sys::path::system_temp_directory(/*ErasedOnReboot=*/true, model);
  sys::path::append(model, "mode-pt2-%%%%%%%%.spool");
  // A copy of the user's model in a shared folder: theirs only.
  Expected<sys::fs::TempFile> temp = sys::fs::TempFile::create(
      model, sys::fs::owner_read | sys::fs::owner_write);
  if (!temp)
    return fail("cannot create a temporary file to spool it to",
                temp.takeError());

  uint64_t size = 0;
  std::vector<char> buffer(ArchiveReader::kDefaultChunkSize);
  {
    raw_fd_ostream os(temp->FD, /*shouldClose=*/false);
    while (true) {
      Expected<size_t> count = sys::fs::readNativeFile(in, buffer);
      if (!count) {
        consumeError(temp->discard());
        return fail("cannot read it", count.takeError());
      }
      if (*count == 0)
        break;
      os.write(buffer.data(), *count);
      size += *count;
      // An endless input (/dev/zero) stops at the first write error, a full
      // TMPDIR for one, not at its end, which never comes.
      if (os.has_error())
        break;
    }
    os.flush();
    if (os.has_error()) {
      std::error_code ec = os.error();
      os.clear_error();
      std::string name = temp->TmpName;
      consumeError(temp->discard());
      return fail("cannot spool it to " + name, errorCodeToError(ec));
    }
  }
  return std::make_unique<FileSource>(std::move(*temp), size);
}

Expected<std::unique_ptr<ArchiveSource>> openSource(StringRef path,
                                                    StringRef displayName) {
  if (path == ArchiveReader::kStdin) {
#ifdef LLVM_ON_UNIX
    // Closed (`<&-`), descriptor 0 would be the next file opened: the spool
    // itself, read back as the archive. mode's tools open a placeholder that
    // is not readable there (ToolSupport.h), which reads as closed too.
    const int flags = ::fcntl(STDIN_FILENO, F_GETFL);
    if (flags == -1 || (flags & O_ACCMODE) == O_WRONLY)
      return createStringError(
          std::make_error_code(std::errc::bad_file_descriptor),
          displayName + ": standard input is closed");
#endif
    if (std::error_code ec = sys::ChangeStdinMode(sys::fs::OF_None))
      return createStringError(ec, displayName + ": " + ec.message());
    return spool(sys::fs::getStdinHandle(), displayName);
  }
  Expected<sys::fs::file_t> file = sys::fs::openNativeFileForRead(path);
  if (!file)
    return createStringError(displayName + ": " + toString(file.takeError()));
  sys::fs::file_status status;
  if (std::error_code ec = sys::fs::status(*file, status)) {
    sys::fs::closeFile(*file);
    return createStringError(ec, displayName + ": " + ec.message());
  }
  switch (status.type()) {
  case sys::fs::file_type::regular_file:
    return std::make_unique<FileSource>(*file, status.getSize());
  case sys::fs::file_type::directory_file:
    sys::fs::closeFile(*file);
    return createStringError(displayName + ": is a directory");
  default: {
    // A pipe (process substitution, a FIFO): as standard input.
    auto source = spool(*file, displayName);
    sys::fs::closeFile(*file);
    return source;
  }
  }
}
} // namespace

//===----------------------------------------------------------------------===//
// ArchiveReader
//===----------------------------------------------------------------------===//

ArchiveReader::ArchiveReader(std::unique_ptr<ArchiveSource> source,
                             std::string displayName)
    : source(std::move(source)), displayName(std::move(displayName)) {}

ArchiveReader::~ArchiveReader() = default;

Expected<std::unique_ptr<ArchiveReader>>
ArchiveReader::open(StringRef path, StringRef displayName) {
  std::string name = !displayName.empty() ? displayName.str()
                     : path == kStdin     ? std::string("<stdin>")
                                          : path.str();
  Expected<std::unique_ptr<ArchiveSource>> source = openSource(path, name);
  if (!source)
    return source.takeError();
  std::unique_ptr<ArchiveReader> reader(
      new ArchiveReader(std::move(*source), std::move(name)));
  if (Error error = reader->index())
    return std::move(error);
  return std::move(reader);
}

Expected<std::unique_ptr<ArchiveReader>>
ArchiveReader::openBuffer(std::unique_ptr<MemoryBuffer> buffer) {
  std::string name = buffer->getBufferIdentifier().str();
  std::unique_ptr<ArchiveReader> reader(new ArchiveReader(
      std::make_unique<MemorySource>(std::move(buffer)), std::move(name)));
  if (Error error = reader->index())
    return std::move(error);
  return std::move(reader);
}

uint64_t ArchiveReader::getFileSize() const { return source->getSize(); }

Error ArchiveReader::error(const Twine &message) const {
  return createStringError(displayName + ": " + message);
}

Error ArchiveReader::entryError(StringRef name, const Twine &message) const {
  return error("entry " + quote(name) + ": " + message);
}

Error ArchiveReader::index() {
  const uint64_t fileSize = source->getSize();
  auto readAt = [&](uint64_t offset, MutableArrayRef<char> buffer) -> Error {
    if (Error e = source->readAt(offset, buffer))
      return error(toString(std::move(e)));
    return Error::success();
  };

  // The end record is the last thing in the file but for its comment (at most
  // 64 KiB): search the tail backwards for its signature.
  const uint64_t tailSize =
      std::min<uint64_t>(fileSize, kEndSize + kMaxCommentSize);
  std::string tail(tailSize, '\0');
  if (Error e = readAt(fileSize - tailSize, tail))
    return e;
  std::optional<uint64_t> endOffset;
  for (uint64_t i = tailSize >= kEndSize ? tailSize - kEndSize + 1 : 0;
       i-- > 0;) {
    const char *p = tail.data() + i;
    if (read32(p) == kEndSig && i + kEndSize + read16(p + 20) <= tailSize) {
      endOffset = fileSize - tailSize + i;
      break;
    }
  }
  if (!endOffset)
    return error("not a zip archive: no end-of-central-directory record "
                 "(truncated, or not an archive at all)");

  const char *end = tail.data() + (*endOffset - (fileSize - tailSize));
  uint64_t diskNumber = read16(end + 4);
  uint64_t centralDisk = read16(end + 6);
  uint64_t entriesOnDisk = read16(end + 8);
  uint64_t entryCount = read16(end + 10);
  uint64_t centralSize = read32(end + 12);
  uint64_t centralOffset = read32(end + 16);
  uint64_t endRecordsOffset = *endOffset;

  // The ZIP64 locator, if any, sits right before the end record.
  if (*endOffset >= kZip64LocatorSize) {
    const uint64_t locatorOffset = *endOffset - kZip64LocatorSize;
    char locator[kZip64LocatorSize];
    if (Error e = readAt(locatorOffset, locator))
      return e;
    if (read32(locator) == kZip64LocatorSig) {
      uint64_t recordOffset = read64(locator + 8);
      if (read32(locator + 4) != 0 || read32(locator + 16) > 1)
        return error("multi-disk (spanned) archives are not supported");
      if (recordOffset > locatorOffset ||
          locatorOffset - recordOffset < kZip64EndSize)
        return error("the ZIP64 end record's offset " + Twine(recordOffset) +
                     " does not leave room for it before its locator at "
                     "offset " +
                     Twine(locatorOffset) + ": truncated or corrupt archive");
      char record[kZip64EndSize];
      if (Error e = readAt(recordOffset, record))
        return e;
      if (read32(record) != kZip64EndSig)
        return error("no ZIP64 end record at offset " + Twine(recordOffset) +
                     ", where its locator points: truncated or corrupt "
                     "archive");
      uint64_t recordSize = read64(record + 4);
      if (recordSize < kZip64EndSize - 12 ||
          recordSize > locatorOffset - recordOffset - 12)
        return error("the ZIP64 end record's size " + Twine(recordSize) +
                     " does not fit before its locator");
      // Where the end record has a real value, it must agree.
      auto agree = [&](uint64_t classic, uint64_t saturated, uint64_t zip64,
                       StringRef what) -> Error {
        if (classic != saturated && classic != zip64)
          return error("the end record and the ZIP64 end record disagree on "
                       "the " +
                       what + " (" + Twine(classic) + " and " + Twine(zip64) +
                       ")");
        return Error::success();
      };
      uint64_t zip64DiskNumber = read32(record + 16);
      uint64_t zip64CentralDisk = read32(record + 20);
      uint64_t zip64EntriesOnDisk = read64(record + 24);
      uint64_t zip64EntryCount = read64(record + 32);
      uint64_t zip64CentralSize = read64(record + 40);
      uint64_t zip64CentralOffset = read64(record + 48);
      if (Error e =
              agree(entryCount, kMax16, zip64EntryCount, "number of entries"))
        return e;
      if (Error e = agree(centralSize, kMax32, zip64CentralSize,
                          "central directory's size"))
        return e;
      if (Error e = agree(centralOffset, kMax32, zip64CentralOffset,
                          "central directory's offset"))
        return e;
      diskNumber = zip64DiskNumber;
      centralDisk = zip64CentralDisk;
      entriesOnDisk = zip64EntriesOnDisk;
      entryCount = zip64EntryCount;
      centralSize = zip64CentralSize;
      centralOffset = zip64CentralOffset;
      endRecordsOffset = recordOffset;
    }
  }
  if (diskNumber != 0 || centralDisk != 0 || entriesOnDisk != entryCount)
    return error("multi-disk (spanned) archives are not supported");

  // The central directory ends where the end records begin.
  if (centralOffset > endRecordsOffset ||
      centralSize > endRecordsOffset - centralOffset)
    return error("the central directory (offset " + Twine(centralOffset) +
                 ", " + Twine(centralSize) +
                 " bytes) runs past the end records at offset " +
                 Twine(endRecordsOffset) + ": truncated or corrupt archive");
  if (centralOffset + centralSize != endRecordsOffset)
    return error("the central directory (offset " + Twine(centralOffset) +
                 ", " + Twine(centralSize) +
                 " bytes) ends before the end records at offset " +
                 Twine(endRecordsOffset) +
                 ": archives with a prefix or stray bytes are not supported");
  if (entryCount == 0)
    return error("the archive has no entries");
  if (entryCount > centralSize / kCentralHeaderSize)
    return error("the end record declares " + Twine(entryCount) +
                 " entries, more than a central directory of " +
                 Twine(centralSize) + " bytes can hold");

  // The central directory is read through a window, not whole: a corrupt
  // end record may declare one as large as the file. `view` makes bytes
  // [position, position + length) of it available; its result is valid until
  // the next call.
  std::string window;
  uint64_t windowStart = 0;
  auto view = [&](uint64_t position,
                  uint64_t length) -> Expected<const char *> {
    assert(position <= centralSize && length <= centralSize - position);
    if (position < windowStart ||
        position + length > windowStart + window.size()) {
      window.resize(std::min(std::max(length, kCentralWindowSize),
                             centralSize - position));
      windowStart = position;
      if (Error e = readAt(centralOffset + position, window)) {
        window.clear();
        return std::move(e);
      }
    }
    return window.data() + (position - windowStart);
  };

  // Every record with a name, directories included, for the checks of names
  // and of overlaps. The vectors grow with the records found, not with the
  // count declared.
  struct Record {
    std::string name;
    uint64_t size;
    uint64_t headerOffset;
    uint64_t dataOffset;
    uint32_t crc32;
    bool isDirectory;
  };
  std::vector<Record> records;
  StringSet<> seen;
  std::string localName;

  uint64_t position = 0;
  for (uint64_t index = 0; index < entryCount; ++index) {
    if (centralSize - position < kCentralHeaderSize)
      return error("the central directory ends in its entry #" + Twine(index) +
                   " of " + Twine(entryCount));
    Expected<const char *> headerView = view(position, kCentralHeaderSize);
    if (!headerView)
      return headerView.takeError();
    const char *header = *headerView;
    if (read32(header) != kCentralHeaderSig)
      return error("central directory entry #" + Twine(index) + " (offset " +
                   Twine(centralOffset + position) +
                   ") has no central header signature");
    const uint16_t flags = read16(header + 8);
    const uint16_t method = read16(header + 10);
    const uint32_t crc32 = read32(header + 16);
    uint64_t compressedSize = read32(header + 20);
    uint64_t size = read32(header + 24);
    const uint64_t nameLength = read16(header + 28);
    const uint64_t extraLength = read16(header + 30);
    const uint64_t commentLength = read16(header + 32);
    uint64_t startDisk = read16(header + 34);
    uint64_t headerOffset = read32(header + 42);
    if (centralSize - position - kCentralHeaderSize <
        nameLength + extraLength + commentLength)
      return error("central directory entry #" + Twine(index) +
                   " runs past the end of the central directory");
    // `header` is not valid past this call.
    Expected<const char *> rest =
        view(position + kCentralHeaderSize, nameLength + extraLength);
    if (!rest)
      return rest.takeError();
    std::string nameStorage(*rest, nameLength);
    const StringRef name = nameStorage;
    StringRef extra(*rest + nameLength, extraLength);
    position += kCentralHeaderSize + nameLength + extraLength + commentLength;

    if (flags & (kFlagEncrypted | kFlagStrongEncryption | kFlagMaskedHeaders))
      return entryError(name, "encrypted; mode reads only unencrypted entries");
    if (method == 99)
      return entryError(name, "encrypted (AES, method 99); mode reads only "
                              "unencrypted entries");
    if (method != 0)
      return entryError(name, "compressed with " + methodName(method) +
                                  "; mode reads only stored entries, as "
                                  "torch.export.save writes them");

    // A 32-bit field of all ones defers to the ZIP64 extra field, which holds
    // the deferred values only, in this order.
    SmallVector<uint64_t *, 4> deferred;
    for (uint64_t *field : {&size, &compressedSize, &headerOffset})
      if (*field == kMax32)
        deferred.push_back(field);
    if (startDisk == kMax16)
      deferred.push_back(&startDisk);
    bool foundZip64 = false;
    while (!extra.empty()) {
      if (extra.size() < 4 || extra.size() - 4 < read16(extra.data() + 2))
        return entryError(name, "malformed extra field in the central "
                                "directory");
      const uint16_t id = read16(extra.data());
      const StringRef data = extra.substr(4, read16(extra.data() + 2));
      extra = extra.drop_front(4 + data.size());
      if (id != kZip64ExtraId || foundZip64)
        continue;
      foundZip64 = true;
      // The disk number is 4 bytes, the others 8.
      uint64_t needed = 0;
      for (uint64_t *field : deferred)
        needed += field == &startDisk ? 4 : 8;
      if (data.size() < needed)
        return entryError(name, "the ZIP64 extra field holds " +
                                    Twine(data.size()) + " bytes, not the " +
                                    Twine(needed) + " its header defers to it");
      const char *p = data.data();
      for (uint64_t *field : deferred) {
        if (field == &startDisk) {
          *field = read32(p);
          p += 4;
        } else {
          *field = read64(p);
          p += 8;
        }
      }
    }
    if (!deferred.empty() && !foundZip64)
      return entryError(name, "a size or offset of 0xFFFFFFFF without a "
                              "ZIP64 extra field");
    if (startDisk != 0)
      return error("multi-disk (spanned) archives are not supported");
    if (compressedSize != size)
      return entryError(name, "stored with a compressed size of " +
                                  Twine(compressedSize) +
                                  " bytes but a size of " + Twine(size));

    // Names: one valid path each, unique, all under the first one's folder.
    const bool isDirectory = name.ends_with("/");
    std::string why = whyBadName(isDirectory ? name.drop_back() : name);
    if (!why.empty())
      return entryError(name, "invalid name: " + why);
    if (!seen.insert(name).second)
      return entryError(name, "duplicate entry name");
    if (index == 0) {
      size_t slash = name.find('/');
      if (slash == StringRef::npos)
        return entryError(name,
                          "not under a top folder; torch.export.save puts "
                          "every entry under one");
      topFolder = name.take_front(slash).str();
    } else if (!name.starts_with(topFolder + "/")) {
      return entryError(name, "not under the top folder '" + topFolder +
                                  "/' of the first entry");
    }
    if (isDirectory && size != 0)
      return entryError(name,
                        "a directory entry holding " + Twine(size) + " bytes");

    // Sizes and offsets are checked against the file before anything is read
    // or allocated from them.
    if (size > fileSize)
      return entryError(name, "declares " + Twine(size) +
                                  " bytes, more than the whole file (" +
                                  Twine(fileSize) + " bytes)");
    if (headerOffset > centralOffset ||
        centralOffset - headerOffset < kLocalHeaderSize + nameLength)
      return entryError(name, "its local header offset " + Twine(headerOffset) +
                                  " leaves no room for it before the central "
                                  "directory at offset " +
                                  Twine(centralOffset));

    // The local header must describe the same entry.
    char local[kLocalHeaderSize];
    if (Error e = readAt(headerOffset, local))
      return e;
    if (read32(local) != kLocalHeaderSig)
      return entryError(name,
                        "no local header at offset " + Twine(headerOffset));
    const uint16_t localFlags = read16(local + 6);
    const uint16_t localMethod = read16(local + 8);
    const uint32_t localCrc32 = read32(local + 14);
    const uint32_t localCompressedSize = read32(local + 18);
    const uint32_t localSize = read32(local + 22);
    const uint64_t localNameLength = read16(local + 26);
    const uint64_t localExtraLength = read16(local + 28);
    if (localFlags & (kFlagEncrypted | kFlagStrongEncryption))
      return entryError(name, "encrypted according to its local header");
    if (localMethod != method)
      return entryError(name, "its local header says compression method " +
                                  Twine(localMethod) +
                                  ", the central directory " + Twine(method));
    if (localNameLength != nameLength)
      return entryError(name, "its local header names an entry of " +
                                  Twine(localNameLength) +
                                  " bytes, not this one");
    localName.resize(nameLength);
    if (Error e = readAt(headerOffset + kLocalHeaderSize, localName))
      return e;
    if (localName != name)
      return entryError(name, "its local header names " + quote(localName) +
                                  " instead");
    // Without a data descriptor the local header holds the real values (or
    // all ones, deferring to its own ZIP64 field).
    if (!(localFlags & kFlagDescriptor)) {
      if (localCrc32 != crc32)
        return entryError(name, "its local header says CRC-32 " +
                                    hex32(localCrc32) +
                                    ", the central directory " + hex32(crc32));
      for (uint64_t localValue :
           {uint64_t(localSize), uint64_t(localCompressedSize)})
        if (localValue != kMax32 && localValue != size)
          return entryError(name, "its local header says " + Twine(localValue) +
                                      " bytes, the central directory " +
                                      Twine(size));
    }
    const uint64_t dataOffset =
        headerOffset + kLocalHeaderSize + nameLength + localExtraLength;
    if (dataOffset > centralOffset || size > centralOffset - dataOffset)
      return entryError(
          name, "its data (offset " + Twine(dataOffset) + ", " + Twine(size) +
                    " bytes) runs past the central directory "
                    "at offset " +
                    Twine(centralOffset) + ": truncated or corrupt archive");
    records.push_back({std::move(nameStorage), size, headerOffset, dataOffset,
                       crc32, isDirectory});
  }
  if (position != centralSize)
    return error("the central directory has " + Twine(centralSize - position) +
                 " bytes after its " + Twine(entryCount) + " entries");

  // No two entries may share bytes: each one's data ends before the next
  // local header.
  std::vector<const Record *> byOffset;
  byOffset.reserve(records.size());
  for (const Record &record : records)
    byOffset.push_back(&record);
  llvm::sort(byOffset, [](const Record *a, const Record *b) {
    return a->headerOffset < b->headerOffset;
  });
  for (size_t i = 1; i < byOffset.size(); ++i) {
    const Record &previous = *byOffset[i - 1], &next = *byOffset[i];
    if (previous.dataOffset + previous.size > next.headerOffset)
      return entryError(previous.name,
                        "overlaps entry " + quote(next.name) +
                            " (whose local header is at offset " +
                            Twine(next.headerOffset) + ")");
  }

  for (const Record &record : records) {
    if (record.isDirectory)
      continue;
    ArchiveEntry entry;
    entry.name = record.name;
    entry.size = record.size;
    entry.crc32 = record.crc32;
    entry.dataOffset = record.dataOffset;
    entry.headerOffset = record.headerOffset;
    byRelativeName[getRelativeName(entry)] = entries.size();
    entries.push_back(std::move(entry));
  }
  return Error::success();
}

const ArchiveEntry *ArchiveReader::lookup(StringRef relativeName) const {
  auto it = byRelativeName.find(relativeName);
  return it == byRelativeName.end() ? nullptr : &entries[it->second];
}

StringRef ArchiveReader::getRelativeName(const ArchiveEntry &entry) const {
  StringRef name = entry.name;
  if (name.starts_with(topFolder) && name.size() > topFolder.size() &&
      name[topFolder.size()] == '/')
    return name.drop_front(topFolder.size() + 1);
  return name;
}

Error ArchiveReader::checkInFile(const ArchiveEntry &entry) const {
  // An entry made up by the caller must not send us past the file either.
  if (entry.dataOffset > getFileSize() ||
      entry.size > getFileSize() - entry.dataOffset)
    return entryError(entry.name, "not an entry of this archive (its data "
                                  "would lie outside the file)");
  return Error::success();
}

Error ArchiveReader::crcMismatch(const ArchiveEntry &entry,
                                 uint32_t crc) const {
  return entryError(entry.name, "CRC-32 mismatch (central directory says " +
                                    hex32(entry.crc32) + ", data has " +
                                    hex32(crc) + ")");
}

Error ArchiveReader::readChunks(const ArchiveEntry &entry,
                                function_ref<Error(StringRef chunk)> consumer,
                                size_t chunkSize) const {
  if (Error e = checkInFile(entry))
    return e;
  std::vector<char> buffer(
      std::max<uint64_t>(1, std::min<uint64_t>(chunkSize, entry.size)));
  uint32_t crc = 0;
  for (uint64_t done = 0; done < entry.size;) {
    MutableArrayRef<char> chunk(
        buffer.data(), std::min<uint64_t>(buffer.size(), entry.size - done));
    if (Error e = source->readAt(entry.dataOffset + done, chunk))
      return entryError(entry.name, toString(std::move(e)));
    crc = mode::pt2::crc32(
        crc, ArrayRef(reinterpret_cast<const uint8_t *>(chunk.data()),
                      chunk.size()));
    if (Error e = consumer(StringRef(chunk.data(), chunk.size())))
      return e;
    done += chunk.size();
  }
  if (crc != entry.crc32)
    return crcMismatch(entry, crc);
  return Error::success();
}

Expected<std::string> ArchiveReader::read(const ArchiveEntry &entry) const {
  if (entry.size > std::string().max_size())
    return entryError(entry.name, "too large to read into memory");
  std::string data;
  data.reserve(std::min<uint64_t>(entry.size, getFileSize()));
  if (Error e = readChunks(entry, [&](StringRef chunk) {
        data.append(chunk);
        return Error::success();
      }))
    return std::move(e);
  return std::move(data);
}

//===----------------------------------------------------------------------===//
// ArchiveWriter
//===----------------------------------------------------------------------===//

ArchiveWriter::ArchiveWriter(raw_ostream &os, StringRef topFolder)
    : os(os), topFolder(topFolder.str()), zip64Limit(kMax32) {}

ArchiveWriter::ArchiveWriter(raw_fd_ostream &os, int fd, StringRef topFolder)
    : os(os), fdStream(&os), fd(fd), topFolder(topFolder.str()),
      zip64Limit(kMax32) {}

ArchiveWriter::~ArchiveWriter() = default;

Error ArchiveWriter::fail(Error error) {
  failed = true;
  return error;
}

void ArchiveWriter::write(StringRef bytes) {
  os << bytes;
  offset += bytes.size();
}

Error ArchiveWriter::checkName(StringRef relativeName, std::string &fullName) {
  fullName = topFolder + "/" + relativeName.str();
  auto refuse = [&](const Twine &why) {
    return createStringError("cannot add " + quote(fullName) + ": " + why);
  };
  if (failed)
    return refuse("the archive failed earlier");
  if (finished)
    return refuse("the archive is finished");
  if (topFolder.find('/') != std::string::npos)
    return refuse("the top folder must be a single path component");
  if (std::string why = whyBadName(topFolder); !why.empty())
    return refuse("invalid top folder: " + why);
  if (std::string why = whyBadName(relativeName); !why.empty())
    return refuse("invalid name: " + why);
  if (fullName.size() > kMax16)
    return refuse("the name is longer than 65535 bytes");
  if (names.contains(fullName))
    return refuse("duplicate entry name");
  return Error::success();
}

// The local header as miniz writes it when the data follows in one go: no
// version, no time, CRC and sizes zero and deferred to a data descriptor
// (flag bit 3; none for empty entries), the name as UTF-8 (bit 11). Past 4 GiB
// a ZIP64 extra field precedes PyTorch's "FB" padding field, holding the size
// and a zero compressed size (miniz writes it before it compresses) and the
// header's offset. The padding makes the data start at a multiple of 64
// (getPadding in inline_container.cc); its field is there even when empty.
void ArchiveWriter::writeLocalHeader(StringRef fullName, uint64_t size) {
  const uint64_t headerOffset = offset;
  const bool bigSize = size >= zip64Limit;
  const bool bigOffset = headerOffset >= zip64Limit;
  HeaderBuilder zip64;
  if (bigSize || bigOffset) {
    zip64.u16(kZip64ExtraId).u16((bigSize ? 16 : 0) + (bigOffset ? 8 : 0));
    if (bigSize)
      zip64.u64(size).u64(0);
    if (bigOffset)
      zip64.u64(headerOffset);
  }
  const uint64_t unpadded = headerOffset + kLocalHeaderSize + fullName.size() +
                            zip64.str().size() + 4;
  const uint16_t padding = (kAlignment - unpadded % kAlignment) % kAlignment;

  HeaderBuilder header;
  header.u32(kLocalHeaderSig)
      .u16(0) // version needed to extract
      .u16(size ? kFlagDescriptor | kFlagUtf8 : kFlagUtf8)
      .u16(0) // stored
      .u16(0) // time
      .u16(0) // date
      .u32(0) // CRC-32
      .u32(0) // compressed size
      .u32(0) // size
      .u16(fullName.size())
      .u16(zip64.str().size() + 4 + padding)
      .bytes(fullName)
      .bytes(zip64.str())
      .u16(kPaddingExtraId)
      .u16(padding)
      .bytes(std::string(padding, 'Z'));
  write(header.str());
}

// The data descriptor after non-empty data, 64-bit when the entry has a ZIP64
// field, and the entry's central directory record for finish().
void ArchiveWriter::writeDescriptorAndRecord(std::string fullName,
                                             uint64_t size,
                                             uint64_t headerOffset,
                                             uint32_t crc32) {
  if (size) {
    HeaderBuilder descriptor;
    descriptor.u32(kDescriptorSig).u32(crc32);
    if (size >= zip64Limit || headerOffset >= zip64Limit)
      descriptor.u64(size).u64(size);
    else
      descriptor.u32(size).u32(size);
    write(descriptor.str());
  }
  names.insert(fullName);
  records.push_back({std::move(fullName), size, headerOffset, crc32});
}

Error ArchiveWriter::add(StringRef relativeName, StringRef data) {
  std::string fullName;
  if (Error e = checkName(relativeName, fullName))
    return e;
  const uint64_t headerOffset = offset;
  writeLocalHeader(fullName, data.size());
  write(data);
  writeDescriptorAndRecord(std::move(fullName), data.size(), headerOffset,
                           mode::pt2::crc32(0, arrayRefFromStringRef(data)));
  return Error::success();
}

Error ArchiveWriter::copy(const ArchiveReader &reader,
                          const ArchiveEntry &entry, StringRef relativeName) {
  std::string fullName;
  if (Error e = checkName(relativeName, fullName))
    return e;
  if (Error e = reader.checkInFile(entry))
    return fail(std::move(e));
  const uint64_t headerOffset = offset;
  writeLocalHeader(fullName, entry.size);
  if (Error e = copyData(reader, entry))
    return fail(std::move(e));
  writeDescriptorAndRecord(std::move(fullName), entry.size, headerOffset,
                           entry.crc32);
  return Error::success();
}

Error ArchiveWriter::copyData(const ArchiveReader &reader,
                              const ArchiveEntry &entry) {
  uint32_t crc = 0;
  uint64_t done = 0;
  std::optional<int> inFD = reader.source->getFileDescriptor();
  if (entry.size && inFD && kernelCopyWorks && fdStream) {
    if (Error e = copyInKernel(reader, entry, *inFD, crc, done))
      return e;
    offset += done;
    if (done) {
      ++stats.kernelEntries;
      stats.kernelBytes += done;
    } else {
      ++stats.streamedEntries;
    }
  } else {
    ++stats.streamedEntries;
  }
  // What the kernel did not copy (all of it, where it refuses) is read and
  // written, its CRC-32 on the way when verifying.
  std::vector<char> buffer;
  for (; done < entry.size;) {
    buffer.resize(std::min<uint64_t>(ArchiveReader::kDefaultChunkSize,
                                     entry.size - done));
    if (Error e = reader.source->readAt(entry.dataOffset + done, buffer))
      return reader.entryError(entry.name, toString(std::move(e)));
    if (verifyCopies)
      crc = mode::pt2::crc32(
          crc, arrayRefFromStringRef(StringRef(buffer.data(), buffer.size())));
    write(StringRef(buffer.data(), buffer.size()));
    done += buffer.size();
    stats.streamedBytes += buffer.size();
  }
  if (verifyCopies && crc != entry.crc32)
    return reader.crcMismatch(entry, crc);
  return Error::success();
}

// Appends with copy_file_range, through the output file's own position,
// which the stream's writes use too: the stream is flushed first, and told
// where the kernel left the position after. When verifying, each piece the
// kernel copied is then read for its CRC-32 where the copy has just left
// it, in the page cache (mapped: reading it with pread would copy it once
// more).
Error ArchiveWriter::copyInKernel(const ArchiveReader &reader,
                                  const ArchiveEntry &entry, int inFD,
                                  uint32_t &crc, uint64_t &copied) {
#ifdef __linux__
  raw_fd_ostream &out = *fdStream;
  out.flush();
  // The writes that follow fail too, and say why.
  if (out.has_error())
    return Error::success();
  const uint64_t start = out.tell();
  const uint64_t size = entry.size;
  loff_t in = entry.dataOffset;
  while (copied < size) {
    // The first piece ends at a multiple of kKernelCopyPiece in the output,
    // so that the kernel writes whole large folios. Where the input has the
    // data at the same offset (an archive in PyTorch's layout written back:
    // its weights come first), that copies as fast as `cp`; unaligned
    // pieces took 1.3 times as long (docs/pt2-archive.md).
    const uint64_t position = start + copied;
    const uint64_t piece = std::min<uint64_t>(
        size - copied, alignTo(position + 1, kKernelCopyPiece) - position);
    uint64_t pieceDone = 0;
    while (pieceDone < piece) {
      const ssize_t count =
          ::copy_file_range(inFD, &in, fd, nullptr, piece - pieceDone, 0);
      if (count < 0 && errno == EINTR)
        continue;
      if (count <= 0)
        break;
      pieceDone += count;
    }
    if (pieceDone && verifyCopies) {
      Expected<uint32_t> pieceCRC =
          reader.source->crc32(crc, entry.dataOffset + copied, pieceDone);
      if (!pieceCRC)
        return reader.entryError(entry.name, toString(pieceCRC.takeError()));
      crc = *pieceCRC;
    }
    copied += pieceDone;
    if (pieceDone < piece) {
      // Refused (a pipe, an output opened to append, another file system
      // that cannot: EINVAL, EBADF, EXDEV, EOPNOTSUPP, ENOSYS), failed (a
      // full disk) or short (the input shrank): the rest streams, and a
      // failure shows there.
      kernelCopyWorks = false;
      break;
    }
  }
  if (copied)
    out.seek(start + copied);
#else
  (void)reader;
  (void)entry;
  (void)inFD;
  (void)crc;
  (void)copied;
#endif
  return Error::success();
}

// The central directory as miniz writes it (no versions, times or
// attributes; ZIP64 fields past 4 GiB), then the ZIP64 end record and its
// locator, which miniz writes for every PyTorch archive, then the end record.
Error ArchiveWriter::finish() {
  if (failed || finished)
    return createStringError(failed ? "cannot finish: the archive failed "
                                      "earlier"
                                    : "the archive is already finished");
  const uint64_t centralOffset = offset;
  for (const CentralRecord &record : records) {
    const bool bigSize = record.size >= zip64Limit;
    const bool bigOffset = record.headerOffset >= zip64Limit;
    HeaderBuilder zip64;
    if (bigSize || bigOffset) {
      zip64.u16(kZip64ExtraId).u16((bigSize ? 16 : 0) + (bigOffset ? 8 : 0));
      if (bigSize)
        zip64.u64(record.size).u64(record.size);
      if (bigOffset)
        zip64.u64(record.headerOffset);
    }
    const uint32_t size32 = bigSize ? kMax32 : record.size;
    HeaderBuilder header;
    header.u32(kCentralHeaderSig)
        .u16(0) // version made by
        .u16(0) // version needed to extract
        .u16(record.size ? kFlagDescriptor | kFlagUtf8 : kFlagUtf8)
        .u16(0) // stored
        .u16(0) // time
        .u16(0) // date
        .u32(record.crc32)
        .u32(size32) // compressed size
        .u32(size32)
        .u16(record.name.size())
        .u16(zip64.str().size())
        .u16(0) // comment length
        .u16(0) // disk number start
        .u16(0) // internal attributes
        .u32(0) // external attributes
        .u32(bigOffset ? kMax32 : record.headerOffset)
        .bytes(record.name)
        .bytes(zip64.str());
    write(header.str());
  }
  const uint64_t centralSize = offset - centralOffset;
  const uint64_t zip64EndOffset = offset;
  const uint64_t count = records.size();

  HeaderBuilder end;
  end.u32(kZip64EndSig)
      .u64(kZip64EndSize - 12) // size of the rest of the record
      .u16(kZip64VersionMadeBy)
      .u16(kZip64VersionNeeded)
      .u32(0) // this disk
      .u32(0) // the central directory's disk
      .u64(count)
      .u64(count)
      .u64(centralSize)
      .u64(centralOffset);
  end.u32(kZip64LocatorSig)
      .u32(0) // the ZIP64 end record's disk
      .u64(zip64EndOffset)
      .u32(1); // disks
  end.u32(kEndSig)
      .u16(0) // this disk
      .u16(0) // the central directory's disk
      .u16(std::min<uint64_t>(count, kMax16))
      .u16(std::min<uint64_t>(count, kMax16))
      .u32(centralSize >= zip64Limit ? kMax32 : centralSize)
      .u32(centralOffset >= zip64Limit ? kMax32 : centralOffset)
      .u16(0); // comment length
  write(end.str());
  os.flush();
  finished = true;
  return Error::success();
}
