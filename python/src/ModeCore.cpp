//===- ModeCore.cpp - The Python extension mode._core ---------------------===//
//
// switch_program(json, pipeline, name) -> (ok, text): mode's passes on one
// program's JSON, in the calling process (ProgramSwitch.h); mode_families(),
// what ops= names.
// The Python package (python/mode) serialises the graph and applies the
// result; everything mode knows of modes is on this side.
//
//===----------------------------------------------------------------------===//

#include "ProgramSwitch.h"

#include <nanobind/nanobind.h>
#include <nanobind/stl/pair.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

namespace nb = nanobind;

NB_MODULE(_core, m) {
  m.doc() = "mode's C++ core: its passes on one torch.export program, in memory";
  m.def(
      "switch_program",
      [](const std::string &json, const std::string &pipeline,
         const std::string &name) {
        mode::python::SwitchResult result;
        {
          // The work is C++ only: other Python threads may run meanwhile.
          nb::gil_scoped_release release;
          result = mode::python::switchProgram(json, pipeline, name);
        }
        return std::make_pair(result.succeeded, std::move(result.text));
      },
      nb::arg("json"), nb::arg("pipeline"), nb::arg("name"),
      "Runs the pass pipeline `pipeline` (as mode-opt's --pass-pipeline "
      "takes it) on the program `json` (the model JSON of a torch.export "
      "archive; `name` is what error messages call it). Returns (True, the "
      "program's JSON) or (False, mode's error messages).");
  m.def("mode_families", &mode::python::modeFamilies,
        "The op families mode switches, which ops= names.");
}
