//===- Mode.h - The C++ API of mode -----------------------------*- C++ -*-===//
//
// The one header a C++ user of mode includes: the aten dialect and its ops,
// the registration of the dialect (mode::registerAllDialects) and of the
// passes (mode::registerAllPasses), the pass constructors and the
// populate*Patterns functions. The README shows them in use.
//
//===----------------------------------------------------------------------===//

#ifndef MODE_MODE_H
#define MODE_MODE_H

#include "mode/Dialect/Aten/IR/AtenDialect.h"
#include "mode/Dialect/Aten/IR/AtenOps.h"
#include "mode/Dialect/Aten/Transforms/Passes.h"
#include "mode/InitAllDialects.h"
#include "mode/InitAllPasses.h"

#endif // MODE_MODE_H
