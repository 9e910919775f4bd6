//===- ToolSupport.h - What mode's command-line tools share -----*- C++ -*-===//
//
// The pieces every tool of mode (mode-opt, mode-translate, mode-pt2) needs
// beyond what MLIR's tool mains provide: an output file that only appears
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

/// A tool's output (`-o PATH`): the target appears, or is replaced, only when
/// commit() succeeds. A regular file (or a path that does not exist yet) is
/// written to a temporary file beside it, renamed onto it by commit() and
/// deleted otherwise, also if the tool is killed by a signal: a failed run
/// leaves the previous file as it was, even when it is the input. "-" is
/// standard output; other files that are not regular (/dev/null, a pipe, a
/// terminal) are written directly. A symbolic link is kept and the file it
/// points to replaced; a replaced file keeps its permissions.
class AtomicOutputFile {
public:
  /// Prepares to write `path`; fails, naming it, if that is not possible (no
  /// such directory, no permission, ...).
  static llvm::Expected<std::unique_ptr<AtomicOutputFile>>
  open(llvm::StringRef path);

  /// Without commit(), deletes the temporary file: the target is untouched.
  ~AtomicOutputFile();

  AtomicOutputFile(const AtomicOutputFile &) = delete;
  AtomicOutputFile &operator=(const AtomicOutputFile &) = delete;

  /// The stream to write the output to.
  llvm::raw_ostream &os() { return *stream; }

  /// Flushes the output and moves it onto the target. Fails, naming the
  /// target, on any write error (a full disk, a closed pipe), and then
  /// leaves the target as it was where it can.
  llvm::Error commit();

  llvm::StringRef getPath() const { return path; }

private:
  AtomicOutputFile(std::string path, std::string target,
                   std::optional<llvm::sys::fs::TempFile> temp,
                   std::unique_ptr<llvm::raw_fd_ostream> ownedStream,
                   llvm::raw_fd_ostream &stream);

  /// The path as the user gave it, for messages.
  std::string path;
  /// What commit() renames onto: `path` with symbolic links resolved.
  std::string target;
  /// The temporary file, for a regular target.
  std::optional<llvm::sys::fs::TempFile> temp;
  std::unique_ptr<llvm::raw_fd_ostream> ownedStream;
  llvm::raw_fd_ostream *stream;
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
