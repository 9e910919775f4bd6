// An op marked aten.unswitchable is what a decomposition left of a
// mode-dependent op, in a mode it cannot leave (the .pt2 importer marks
// them). The passes refuse to switch it the other way, naming the reason,
// and the guards check its mode; ops= spares the other families.
// RUN: not mode-opt %s --allow-unregistered-dialect --to-train 2>&1 | FileCheck %s --check-prefix=TRAIN --implicit-check-not=error:
// RUN: mode-opt %s --allow-unregistered-dialect --to-eval -o /dev/null
// RUN: mode-opt %s --allow-unregistered-dialect --to-train="ops=batch_norm" -o /dev/null
// RUN: not mode-opt %s --allow-unregistered-dialect --assert-train 2>&1 | FileCheck %s --check-prefix=GUARD --implicit-check-not=error:
// RUN: mode-opt %s --allow-unregistered-dialect --assert-eval -o /dev/null

// TRAIN: unswitchable.mlir:[[# @LINE + 3]]:8: error: cannot switch to training mode: the dropout 'drop' became 'clone'
// GUARD: unswitchable.mlir:[[# @LINE + 2]]:8: error: is in evaluation mode, and cannot be switched: the dropout 'drop' became 'clone'
func.func @leftover(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = "some.clone"(%x) {aten.unswitchable = {family = "dropout", mode = "evaluation", reason = "the dropout 'drop' became 'clone'"}} : (tensor<8xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}
