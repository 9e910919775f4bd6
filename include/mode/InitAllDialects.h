//===- InitAllDialects.h - Register the mode dialects -----------*- C++ -*-===//

#ifndef MODE_INITALLDIALECTS_H
#define MODE_INITALLDIALECTS_H

#include "mode/Dialect/Aten/IR/AtenDialect.h"
#include "mode/Dialect/PT2/IR/PT2Dialect.h"
#include "mode/Dialect/PT2/Transforms/Passes.h"

#include "mlir/IR/DialectRegistry.h"

namespace mode {

/// Adds the dialects of this project to `registry`, with the interfaces
/// the pt2 dialect implements for the mode passes.
inline void registerAllDialects(mlir::DialectRegistry &registry) {
  registry.insert<aten::AtenDialect, pt2::PT2Dialect>();
  pt2::registerModeSwitchInterface(registry);
}

} // namespace mode

#endif // MODE_INITALLDIALECTS_H
