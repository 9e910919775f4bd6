//===- ToolSupport.h - What mode's command-line tools share -----*- C++ -*-===//
//
// The pieces every tool of mode (mode-opt, mode-translate, mode-pt2) needs
// beyond what MLIR's tool mains provide: a process that reports a closed
// stream or pipe and cleans up on signals, an output file that only appears
// once the tool has succeeded, and a stack deep enough for deeply nested
// input, with a clear error past the depth that stack allows.
//
//===----------------------------------------------------------------------===//

#ifndef MODE_SUPPORT_TOOLSUPPORT_H
#define MODE_SUPPORT_TOOLSUPPORT_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/LogicalResult.h"
#include "llvm/Support/MemoryBufferRef.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <optional>
#include <string>

namespace mode {

/// Sets up the process of one of mode's tools; the first thing its main()
/// does after llvm::InitLLVM:
/// - a standard stream that is closed (`<&-`, `>&-`, `2>&-`) gets a
///   placeholder descriptor that fails every read or write with EBADF, as
///   the closed one does; otherwise the next file the tool opens would take
///   its number, and be read as standard input, or get the reports;
/// - SIGPIPE and SIGXFSZ are ignored: a write to a closed pipe or past the
///   file size limit is a write error (EPIPE, EFBIG) that the tool reports,
///   exiting with status 1, not a death by signal;
/// - the other signals whose default is to terminate and which LLVM does not
///   handle (SIGALRM, SIGVTALRM, SIGPROF, SIGIO, SIGPWR, SIGSTKFLT, the
///   real-time signals) remove the temporary files first, as LLVM's handlers
///   do (llvm::sys::RemoveFileOnSignal, which TempFile uses), then terminate
///   the process as they would have; one the tool was started with ignored
///   stays ignored;
/// - so does exit(), which LLVM's command-line parser calls for --help or
///   a bad option, with an output's temporary file already open.
void initToolProcess();

/// A tool's output (`-o PATH`): the output appears, or replaces what was
/// there, only when commit() succeeds; a failed run, or one killed by a
/// signal (see initToolProcess), leaves the target as it was, even when it
/// is the input.
/// - A regular file, or a path that does not exist yet, is written to a
///   temporary file beside it, which commit() renames onto it and which is
///   deleted otherwise. A replaced file keeps its permissions. A symbolic
///   link is kept and the file it names written, and created if the link
///   dangles.
/// - "-", /dev/stdout, /dev/stderr, /dev/fd/N and /proc/self/fd/N are the
///   process's own descriptors, written where they stand (after what was
///   written before, at the end for `>>`), never the file behind them,
///   which is not renamed over.
/// - Those and every other output that is not a regular file (a pipe, a
///   FIFO, a terminal, /dev/null) are written directly, or, with
///   `completeOrNothing`, to a temporary file in TMPDIR that commit() copies
///   to them: they get the whole output or nothing.
class AtomicOutputFile {
public:
  /// Prepares to write `path`; fails, naming it, if that is not possible (no
  /// such directory, no permission, a closed standard output, ...).
  static llvm::Expected<std::unique_ptr<AtomicOutputFile>>
  open(llvm::StringRef path, bool completeOrNothing = false);

  /// Without commit(), deletes the temporary file: the target is untouched.
  ~AtomicOutputFile();

  AtomicOutputFile(const AtomicOutputFile &) = delete;
  AtomicOutputFile &operator=(const AtomicOutputFile &) = delete;

  /// The stream to write the output to.
  llvm::raw_fd_ostream &os() { return *stream; }
  /// The file descriptor os() writes to (raw_fd_ostream does not tell),
  /// for a writer that has the kernel copy data into it (ArchiveWriter).
  int getFileDescriptor() const { return fd; }

  /// The temporary file os() writes to, if there is one: a tool whose main
  /// opens its output by name (mlirTranslateMain) writes there instead.
  std::optional<llvm::StringRef> getTemporaryPath() const;

  /// Flushes the output and moves it onto the target, or copies it there.
  /// Fails, naming the target, on any write error (a full disk, a closed
  /// pipe), and then leaves the target as it was where it can. Fails too,
  /// writing nothing, when standard error has failed: the reports a run
  /// promises are lost, and LLVM makes such a run exit with status 1.
  llvm::Error commit();

  llvm::StringRef getPath() const { return path; }

private:
  AtomicOutputFile() = default;

  /// Writes the temporary file of a complete-or-nothing output to its
  /// destination.
  llvm::Error copyToDestination();
  llvm::Error writeError(std::error_code error) const;

  /// The path as the user gave it, for messages.
  std::string path;
  /// What commit() renames the temporary file onto, if it renames.
  std::string target;
  /// The mode of the file `target` replaces, given to it at commit.
  std::optional<llvm::sys::fs::perms> targetPermissions;
  /// The temporary file: beside the target, or in TMPDIR.
  std::optional<llvm::sys::fs::TempFile> temp;
  /// Where the output goes when it is not renamed: a descriptor of the
  /// process, or a file it opened (then closed at the end).
  int destination = -1;
  bool ownsDestination = false;
  std::unique_ptr<llvm::raw_fd_ostream> ownedStream;
  llvm::raw_fd_ostream *stream = nullptr;
  int fd = -1;
  bool committed = false;
};

/// The stack size mode's tools run their work with (runWithLargeStack). The
/// MLIR parser, verifier, printer and walks recurse once or more per level
/// of nesting: the 8 MiB of a main thread's default stack overflowed at
/// about 2,500 nested regions in generic form (3,500 `scf.if`, 8,000 nested
/// arrays). Only the pages a run touches are committed.
inline constexpr unsigned kToolStackSize = 512u << 20;

/// The deepest bracket nesting (`(`, `[`, `{`, `<`) that mode's tools
/// accept in textual IR; deeper input is refused with an error by
/// checkNestingDepth() rather than overflow the stack. At this depth the
/// most stack-hungry input measured, regions in generic form (two brackets a
/// level), needs 64 MiB: an eighth of kToolStackSize. Upstream MLIR's
/// dominance check and IR teardown take time quadratic in the depth, some
/// 20 s for 20,000 nested `scf.if` on one core, which also argues against a
/// higher limit.
inline constexpr unsigned kMaxNestingDepth = 20000;

/// Runs `work` on a new thread with a stack of `stackSize` bytes, waits for
/// it and returns its result. Tools run everything that touches IR this way
/// (clang runs its work on a large stack for the same reason).
int runWithLargeStack(llvm::function_ref<int()> work,
                      unsigned stackSize = kToolStackSize);

/// Checks that the brackets of the textual IR in `buffer` nest at most
/// `maxDepth` deep, skipping string literals and comments (`->` and `>=`
/// close nothing). On deeper input, prints
/// `NAME:LINE:COL: error: ...` at the first bracket past the limit to
/// `errorStream` and fails. MLIR bytecode is not checked: its reader keeps
/// regions on a heap stack.
llvm::LogicalResult checkNestingDepth(llvm::MemoryBufferRef buffer,
                                      llvm::raw_ostream &errorStream,
                                      unsigned maxDepth = kMaxNestingDepth);

} // namespace mode

#endif // MODE_SUPPORT_TOOLSUPPORT_H
