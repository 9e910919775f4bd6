//===- ToolSupport.cpp - What mode's command-line tools share -------------===//

#include "mode/Support/ToolSupport.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/thread.h"

using namespace llvm;

namespace mode {

//===----------------------------------------------------------------------===//
// AtomicOutputFile
//===----------------------------------------------------------------------===//

AtomicOutputFile::AtomicOutputFile(std::string path, std::string target,
                                   std::optional<sys::fs::TempFile> temp,
                                   std::unique_ptr<raw_fd_ostream> ownedStream,
                                   raw_fd_ostream &stream)
    : path(std::move(path)), target(std::move(target)), temp(std::move(temp)),
      ownedStream(std::move(ownedStream)), stream(&stream) {}

Expected<std::unique_ptr<AtomicOutputFile>>
AtomicOutputFile::open(StringRef path) {
  auto make = [&](std::string target, std::optional<sys::fs::TempFile> temp,
                  std::unique_ptr<raw_fd_ostream> owned,
                  raw_fd_ostream &stream) {
    return std::unique_ptr<AtomicOutputFile>(
        new AtomicOutputFile(path.str(), std::move(target), std::move(temp),
                             std::move(owned), stream));
  };
  auto openError = [&](std::error_code error) {
    return createStringError(error, "cannot open output file '" + path +
                                        "': " + error.message());
  };

  if (path == "-")
    return make(path.str(), std::nullopt, nullptr, outs());

  // Write through a symbolic link to the file it names, and keep the mode of
  // a file that is replaced.
  SmallString<256> target(path);
  unsigned mode = sys::fs::all_read | sys::fs::all_write;
  sys::fs::file_status status;
  if (!sys::fs::status(path, status)) {
    if (status.type() != sys::fs::file_type::regular_file) {
      // A device, a pipe, a directory: renaming onto it would replace the
      // node itself (as root, /dev/null), so write to it, or fail to.
      std::error_code error;
      auto direct = std::make_unique<raw_fd_ostream>(path, error);
      if (error)
        return openError(error);
      raw_fd_ostream &stream = *direct;
      return make(path.str(), std::nullopt, std::move(direct), stream);
    }
    if (std::error_code error = sys::fs::real_path(path, target))
      return openError(error);
    mode = status.permissions();
  }

  // Beside the target, so that the rename stays within one file system.
  Expected<sys::fs::TempFile> temp =
      sys::fs::TempFile::create(target + "-%%%%%%%%.tmp", mode);
  if (!temp)
    return openError(errorToErrorCode(temp.takeError()));
  // TempFile::create applies the umask; a replaced file keeps its mode.
  if (status.type() == sys::fs::file_type::regular_file)
    (void)sys::fs::setPermissions(temp->FD, status.permissions());
  auto stream = std::make_unique<raw_fd_ostream>(temp->FD,
                                                 /*shouldClose=*/false);
  raw_fd_ostream &streamRef = *stream;
  return make(target.str().str(), std::move(*temp), std::move(stream),
              streamRef);
}

AtomicOutputFile::~AtomicOutputFile() {
  if (committed)
    return;
  // Whatever is still buffered goes to a file about to be deleted, or to
  // standard output; the run has failed and said so, so a write error here
  // needs no second report (an uncleared one would abort in the stream's
  // destructor).
  stream->flush();
  stream->clear_error();
  ownedStream.reset();
  if (temp)
    consumeError(temp->discard());
}

Error AtomicOutputFile::commit() {
  committed = true;
  auto writeError = [&](std::error_code error) {
    stream->clear_error();
    return createStringError(
        error, (path == "-" ? Twine("cannot write to "
                                    "standard output")
                            : "cannot write output file '" + path + "'") +
                   ": " + error.message());
  };
  stream->flush();
  if (stream->has_error()) {
    Error error = writeError(stream->error());
    ownedStream.reset();
    if (temp)
      consumeError(temp->discard());
    return error;
  }
  if (!temp) {
    // A file written directly: closing it may still fail (on a full disk).
    if (ownedStream) {
      ownedStream->close();
      if (ownedStream->has_error())
        return writeError(ownedStream->error());
    }
    return Error::success();
  }
  ownedStream.reset();
  if (Error error = temp->keep(target)) {
    std::error_code code = errorToErrorCode(std::move(error));
    consumeError(temp->discard());
    return writeError(code);
  }
  return Error::success();
}

//===----------------------------------------------------------------------===//
// The large stack
//===----------------------------------------------------------------------===//

int runWithLargeStack(function_ref<int()> work, unsigned stackSize) {
  int result = 1;
  llvm::thread worker(std::optional<unsigned>(stackSize),
                      [&] { result = work(); });
  worker.join();
  return result;
}

LogicalResult checkNestingDepth(MemoryBufferRef buffer,
                                raw_ostream &errorStream, unsigned maxDepth) {
  StringRef text = buffer.getBuffer();
  // MLIR bytecode starts with this magic number.
  if (text.starts_with("ML\xefR"))
    return success();
  unsigned depth = 0;
  size_t line = 1, lineStart = 0;
  for (size_t i = 0, e = text.size(); i < e; ++i) {
    char c = text[i];
    switch (c) {
    case '\n':
      ++line;
      lineStart = i + 1;
      break;
    case '"':
      // A string literal ends at an unescaped quote or, as the lexer says,
      // at a new line.
      for (++i; i < e && text[i] != '"' && text[i] != '\n'; ++i)
        if (text[i] == '\\' && i + 1 < e && text[i + 1] != '\n')
          ++i;
      if (i < e && text[i] == '\n')
        --i;
      break;
    case '/':
      if (i + 1 < e && text[i + 1] == '/')
        while (i + 1 < e && text[i + 1] != '\n')
          ++i;
      break;
    case '(':
    case '[':
    case '{':
    case '<':
      if (++depth <= maxDepth)
        break;
      errorStream << buffer.getBufferIdentifier() << ":" << line << ":"
                  << (i - lineStart + 1) << ": error: brackets nest more than "
                  << maxDepth
                  << " levels deep here, deeper than this tool supports\n";
      return failure();
    case '>':
      // `->` and `>=` are tokens of their own.
      if ((i > 0 && text[i - 1] == '-') || (i + 1 < e && text[i + 1] == '='))
        break;
      [[fallthrough]];
    case ')':
    case ']':
    case '}':
      if (depth > 0)
        --depth;
      break;
    default:
      break;
    }
  }
  return success();
}

} // namespace mode
