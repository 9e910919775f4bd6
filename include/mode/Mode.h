//===- Mode.h - The C++ API of mode -----------------------------*- C++ -*-===//
//
// The one header a C++ user of mode includes: the aten and pt2 dialects and
// their ops, the mode interfaces, the registration of the dialects
// (mode::registerAllDialects) and of the passes (mode::registerAllPasses),
// the pass constructors and the populate*Patterns functions, and the .pt2
// import and export (mode/Target/PT2/PT2.h, library ModeTargetPT2). The
// README shows them in use.
//
//===----------------------------------------------------------------------===//

#ifndef MODE_MODE_H
#define MODE_MODE_H

#include "mode/Dialect/Aten/IR/AtenDialect.h"
#include "mode/Dialect/Aten/IR/AtenOps.h"
#include "mode/Dialect/Aten/Transforms/Passes.h"
#include "mode/Dialect/PT2/IR/PT2Dialect.h"
#include "mode/Dialect/PT2/IR/PT2Ops.h"
#include "mode/InitAllDialects.h"
#include "mode/InitAllPasses.h"
#include "mode/Target/PT2/PT2.h"

#endif // MODE_MODE_H
