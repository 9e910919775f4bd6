//===- InitAllPasses.h - Register the mode passes ---------------*- C++ -*-===//

#ifndef MODE_INITALLPASSES_H
#define MODE_INITALLPASSES_H

#include "mode/Dialect/Aten/Transforms/Passes.h"
#include "mode/Dialect/PT2/Transforms/Passes.h"

namespace mode {

/// Registers the passes of this project with the global pass registry, for
/// command-line and pipeline-string use.
inline void registerAllPasses() {
  aten::registerAtenPasses();
  pt2::registerPT2Passes();
}

} // namespace mode

#endif // MODE_INITALLPASSES_H
