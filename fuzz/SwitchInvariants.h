//===- SwitchInvariants.h - Shared checks of the fuzz targets --*- C++ -*-===//
//
// Shared by mode-fuzz (MLIR text) and mode-pt2-fuzz (.pt2 archives), which
// check the same invariants of to-eval and to-train on what they import.
//
//===----------------------------------------------------------------------===//

#ifndef MODE_FUZZ_SWITCHINVARIANTS_H
#define MODE_FUZZ_SWITCHINVARIANTS_H

#include "mode/Dialect/Aten/IR/AtenOps.h"

#include "mlir/IR/BuiltinOps.h"

namespace mode::fuzz {

/// True if the module holds `_native_batch_norm_legit` with
/// `training = false`, the one non-canonical evaluation form: on it,
/// to-eval(to-train(M)) == M does not have to hold.
inline bool hasNonCanonicalEvalForm(mlir::ModuleOp module) {
  bool found = false;
  module->walk([&](mode::aten::NativeBatchNormLegitOp op) {
    if (!op.getTraining())
      found = true;
  });
  return found;
}

} // namespace mode::fuzz

#endif // MODE_FUZZ_SWITCHINVARIANTS_H
