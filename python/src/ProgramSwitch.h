//===- ProgramSwitch.h - One program through mode's passes, in memory -----===//
//
// What the Python extension (mode._core) calls: the model JSON of one
// torch.export program in, mode's passes run on it, its JSON out; or mode's
// error messages. Plain C++ (no LLVM or MLIR type in the interface), so that
// the binding code, which nanobind compiles with exceptions, includes no
// MLIR header.
//
//===----------------------------------------------------------------------===//

#ifndef MODE_PYTHON_PROGRAMSWITCH_H
#define MODE_PYTHON_PROGRAMSWITCH_H

#include <string>
#include <vector>

namespace mode::python {

/// The outcome of switchProgram: the program's JSON text, or the
/// diagnostics mode printed, as its tools print them.
struct SwitchResult {
  bool succeeded = false;
  std::string text;
};

/// Imports `json`, the JSON of one program as `torch.export.save` writes it
/// in an archive's `models/<name>.json` (diagnostics call it `entryName`),
/// runs `pipeline` on it and exports it again. `pipeline` is a pass pipeline
/// as mode-opt's `--pass-pipeline` takes it, either anchored
/// (`builtin.module(to-eval{ops=batch_norm})`) or as the list of passes on
/// the module (`to-eval{ops=batch_norm},assert-eval`). Safe to call from
/// several threads at once: each call has its own MLIR context.
SwitchResult switchProgram(const std::string &json,
                           const std::string &pipeline,
                           const std::string &entryName);

/// The op families mode switches (what `ops=` names), from the ops that
/// register them.
std::vector<std::string> modeFamilies();

} // namespace mode::python

#endif // MODE_PYTHON_PROGRAMSWITCH_H
