//===- ToolSupport.cpp - What mode's command-line tools share -------------===//

#include "mode/Support/ToolSupport.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/thread.h"

#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdlib>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

using namespace llvm;

namespace mode {

//===----------------------------------------------------------------------===//
// The process
//===----------------------------------------------------------------------===//

static void removeTemporaryFilesAndTerminate(int signal) {
  // Removes the files registered with RemoveFileOnSignal; async-signal-safe.
  sys::RunInterruptHandlers();
  // SA_RESETHAND restored the default action, which this runs.
  ::raise(signal);
}

void initToolProcess() {
  // A closed standard stream gets /dev/null opened the other way round:
  // reading a write-only descriptor, or writing a read-only one, fails with
  // EBADF, as on a closed one. Opened in order, each takes the lowest number.
  for (int standard : {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO}) {
    if (::fcntl(standard, F_GETFD) != -1 || errno != EBADF)
      continue;
    int placeholder =
        ::open("/dev/null", standard == STDIN_FILENO ? O_WRONLY : O_RDONLY);
    if (placeholder != -1 && placeholder != standard) {
      ::dup2(placeholder, standard);
      ::close(placeholder);
    }
  }

  ::signal(SIGPIPE, SIG_IGN);
  ::signal(SIGXFSZ, SIG_IGN);

  std::vector<int> terminating = {SIGALRM, SIGVTALRM, SIGPROF};
#ifdef SIGIO
  terminating.push_back(SIGIO);
#endif
#ifdef SIGPWR
  terminating.push_back(SIGPWR);
#endif
#ifdef SIGSTKFLT
  terminating.push_back(SIGSTKFLT);
#endif
#ifdef SIGRTMIN
  for (int signal = SIGRTMIN; signal <= SIGRTMAX; ++signal)
    terminating.push_back(signal);
#endif
  for (int signal : terminating) {
    struct sigaction previous;
    if (::sigaction(signal, nullptr, &previous) != 0 ||
        previous.sa_handler != SIG_DFL)
      continue;
    struct sigaction action = {};
    action.sa_handler = removeTemporaryFilesAndTerminate;
    // Every other signal waits while the files are removed: a second one
    // would find the list already taken and terminate with files left.
    action.sa_flags = SA_RESETHAND | SA_NODEFER;
    sigfillset(&action.sa_mask);
    ::sigaction(signal, &action, nullptr);
  }

  // A file kept or discarded is no longer registered: what is left at exit
  // was being written when the tool exited from deep inside.
  std::atexit([] { sys::RunInterruptHandlers(); });
}

//===----------------------------------------------------------------------===//
// AtomicOutputFile
//===----------------------------------------------------------------------===//

namespace {
/// The descriptor `path` is, if it is one of this process's own:
/// /proc/PID/fd/N or /proc/PID/task/TID/fd/N with this process's PID (or
/// `self`, `thread-self`), or /dev/fd/N.
std::optional<int> getOwnDescriptor(StringRef path) {
  SmallVector<StringRef, 8> parts;
  path.split(parts, '/', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  auto number = [](StringRef text) -> std::optional<int> {
    unsigned value;
    if (text.getAsInteger(10, value) || value > unsigned(INT_MAX))
      return std::nullopt;
    return int(value);
  };
  if (parts.size() == 3 && parts[0] == "dev" && parts[1] == "fd")
    return number(parts[2]);
  if (parts.size() < 4 || parts[0] != "proc" ||
      (parts[1] != "self" && parts[1] != "thread-self" &&
       parts[1] != std::to_string(::getpid())))
    return std::nullopt;
  if (parts.size() == 4 && parts[2] == "fd")
    return number(parts[3]);
  if (parts.size() == 6 && parts[2] == "task" && parts[4] == "fd")
    return number(parts[5]);
  return std::nullopt;
}

/// What writing `path` reaches, as open() would find it: one of this
/// process's descriptors (`descriptor`), or a file (`file`: `path` with its
/// folder's links resolved and its own links followed, which need not
/// exist).
struct OutputTarget {
  std::optional<int> descriptor;
  SmallString<256> file;
};

Expected<OutputTarget> resolveOutput(StringRef path) {
  if (path == "-")
    return OutputTarget{STDOUT_FILENO, {}};
  SmallString<256> current(path);
  // As many links as Linux follows.
  for (int links = 0; links <= 40; ++links) {
    SmallString<256> folder = sys::path::parent_path(current);
    if (folder.empty())
      folder = ".";
    SmallString<256> file;
    if (std::error_code error = sys::fs::real_path(folder, file))
      return errorCodeToError(error);
    sys::path::append(file, sys::path::filename(current));
    if (std::optional<int> descriptor = getOwnDescriptor(file))
      return OutputTarget{descriptor, {}};
    sys::fs::file_status status;
    if (sys::fs::status(file, status, /*Follow=*/false) ||
        status.type() != sys::fs::file_type::symlink_file)
      return OutputTarget{std::nullopt, file};
    char link[PATH_MAX];
    ssize_t size = ::readlink(file.c_str(), link, sizeof(link));
    if (size < 0)
      return errorCodeToError(std::error_code(errno, std::generic_category()));
    if (size_t(size) == sizeof(link))
      return errorCodeToError(
          std::make_error_code(std::errc::filename_too_long));
    StringRef linkText(link, size);
    if (sys::path::is_absolute(linkText)) {
      current = linkText;
    } else {
      current = sys::path::parent_path(file);
      sys::path::append(current, linkText);
    }
  }
  return errorCodeToError(
      std::make_error_code(std::errc::too_many_symbolic_link_levels));
}

/// Whether the process may write to descriptor `fd`.
std::error_code checkWritable(int fd) {
  int flags = ::fcntl(fd, F_GETFL);
  if (flags == -1 || (flags & O_ACCMODE) == O_RDONLY)
    return std::make_error_code(std::errc::bad_file_descriptor);
  return {};
}
} // namespace

Expected<std::unique_ptr<AtomicOutputFile>>
AtomicOutputFile::open(StringRef path, bool completeOrNothing) {
  std::unique_ptr<AtomicOutputFile> output(new AtomicOutputFile());
  output->path = path.str();
  auto openError = [&](std::error_code error) {
    return createStringError(
        error, (path == "-" ? Twine("cannot write to standard output")
                            : "cannot open output file '" + path + "'") +
                   ": " + error.message());
  };

  Expected<OutputTarget> target = resolveOutput(path);
  if (!target)
    return openError(errorToErrorCode(target.takeError()));
  sys::fs::file_status status;
  const bool exists =
      !target->descriptor && !sys::fs::status(target->file, status);

  if (target->descriptor ||
      (exists && status.type() != sys::fs::file_type::regular_file)) {
    // Not a file to rename onto: a descriptor of the process, a pipe, a
    // device (renaming onto /dev/null, as root, would replace the node).
    if (target->descriptor) {
      output->destination = *target->descriptor;
      if (std::error_code error = checkWritable(output->destination))
        return openError(error);
    } else {
      if (status.type() == sys::fs::file_type::directory_file)
        return openError(std::make_error_code(std::errc::is_a_directory));
      if (std::error_code error = sys::fs::openFileForWrite(
              target->file, output->destination, sys::fs::CD_OpenAlways))
        return openError(error);
      output->ownsDestination = true;
    }
    if (completeOrNothing) {
      SmallString<128> model;
      sys::path::system_temp_directory(/*ErasedOnReboot=*/true, model);
      sys::path::append(model, "mode-output-%%%%%%%%.tmp");
      // A copy of the user's model in a shared folder: theirs only.
      Expected<sys::fs::TempFile> temp = sys::fs::TempFile::create(
          model, sys::fs::owner_read | sys::fs::owner_write);
      if (!temp)
        return createStringError(
            "cannot create a temporary file in TMPDIR for the output: " +
            toString(temp.takeError()));
      output->temp = std::move(*temp);
      output->fd = output->temp->FD;
    } else {
      output->fd = output->destination;
    }
    if (output->fd == STDOUT_FILENO) {
      output->stream = &outs();
    } else {
      output->ownedStream =
          std::make_unique<raw_fd_ostream>(output->fd, /*shouldClose=*/false);
      output->stream = output->ownedStream.get();
    }
    return std::move(output);
  }

  // Beside the target, so that the rename stays within one file system.
  output->target = target->file.str().str();
  unsigned mode = sys::fs::all_read | sys::fs::all_write;
  Expected<sys::fs::TempFile> temp =
      sys::fs::TempFile::create(output->target + "-%%%%%%%%.tmp", mode);
  if (!temp)
    return openError(errorToErrorCode(temp.takeError()));
  // TempFile::create applies the umask; a replaced file keeps its mode,
  // given at commit: a read-only mode now would keep tools that reopen the
  // temporary file by name (mlirTranslateMain) from writing it.
  if (exists)
    output->targetPermissions = status.permissions();
  output->temp = std::move(*temp);
  output->fd = output->temp->FD;
  output->ownedStream =
      std::make_unique<raw_fd_ostream>(output->fd, /*shouldClose=*/false);
  output->stream = output->ownedStream.get();
  return std::move(output);
}

AtomicOutputFile::~AtomicOutputFile() {
  if (!committed) {
    // Whatever is still buffered goes to a file about to be deleted, or to
    // the destination; the run has failed and said so, so a write error
    // here needs no second report (an uncleared one would abort in the
    // stream's destructor).
    if (stream) {
      stream->flush();
      stream->clear_error();
    }
    if (temp)
      consumeError(temp->discard());
  }
  ownedStream.reset();
  if (ownsDestination)
    ::close(destination);
}

std::optional<StringRef> AtomicOutputFile::getTemporaryPath() const {
  if (!temp)
    return std::nullopt;
  return StringRef(temp->TmpName);
}

Error AtomicOutputFile::writeError(std::error_code error) const {
  return createStringError(
      error, (path == "-" ? Twine("cannot write to standard output")
                          : "cannot write output file '" + path + "'") +
                 ": " + error.message());
}

Error AtomicOutputFile::copyToDestination() {
  raw_fd_ostream *out = &outs();
  std::optional<raw_fd_ostream> ownedOut;
  if (destination != STDOUT_FILENO)
    out = &ownedOut.emplace(destination, /*shouldClose=*/false);
  std::vector<char> buffer(1 << 20);
  sys::fs::file_t file = sys::fs::convertFDToNativeFile(temp->FD);
  for (uint64_t offset = 0;;) {
    Expected<size_t> count = sys::fs::readNativeFileSlice(file, buffer, offset);
    if (!count)
      return createStringError("cannot read the output back from '" +
                               temp->TmpName +
                               "': " + toString(count.takeError()));
    if (*count == 0)
      break;
    out->write(buffer.data(), *count);
    offset += *count;
    // A closed pipe stops the copy at once.
    if (out->has_error())
      break;
  }
  out->flush();
  if (out->has_error()) {
    std::error_code error = out->error();
    out->clear_error();
    return writeError(error);
  }
  return Error::success();
}

Error AtomicOutputFile::commit() {
  committed = true;
  auto discard = [&] {
    if (temp)
      consumeError(temp->discard());
  };
  // What was written to standard error (reports, timing) is part of the
  // run; LLVM makes a run whose standard error failed exit with status 1,
  // and its output must not appear either.
  errs().flush();
  if (errs().has_error()) {
    std::error_code error = errs().error();
    stream->flush();
    stream->clear_error();
    discard();
    return createStringError(
        error, "cannot write to standard error: " + error.message() +
                   "; the output is left unwritten");
  }
  stream->flush();
  if (stream->has_error()) {
    std::error_code error = stream->error();
    stream->clear_error();
    // A complete-or-nothing output fails in its temporary file in TMPDIR.
    Error failure =
        temp && target.empty()
            ? createStringError(error, "cannot write the output to '" +
                                           temp->TmpName +
                                           "': " + error.message())
            : writeError(error);
    discard();
    return failure;
  }
  if (!temp)
    return Error::success();
  if (target.empty()) {
    Error error = copyToDestination();
    discard();
    return error;
  }
  ownedStream.reset();
  if (targetPermissions)
    (void)sys::fs::setPermissions(temp->FD, *targetPermissions);
  if (Error error = temp->keep(target)) {
    std::error_code code = errorToErrorCode(std::move(error));
    discard();
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
