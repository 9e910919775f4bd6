// An op the passes cannot switch is an error at the op, never left
// silently in the other mode: exit status 1 and no output file.
// RUN: mode-opt %s --to-train -verify-diagnostics
// RUN: not mode-opt %s --to-train -o %t.out.mlir 2>&1 | FileCheck %s
// RUN: not test -e %t.out.mlir
// CHECK: cannot-switch.mlir:[[@LINE+7]]:10: error: cannot switch

// A discardable attribute named like an inherent attribute of the op that
// would replace this one: carried over, it would shadow it, and the IR would
// have no faithful textual form. The op is refused, not half switched.
func.func @shadowing_discardable_attribute(%x: tensor<4x16xf32>, %c: tensor<16xf32>) {
  // expected-error @+1 {{cannot switch 'aten._native_batch_norm_legit_no_training' to training mode: its discardable attribute 'training' would shadow the inherent attribute of that name of the op that replaces it; rename the attribute (a dialect prefix, as in 'my.training', is the MLIR convention)}}
  %0:3 = aten._native_batch_norm_legit_no_training(%x, %c, %c, %c, %c) momentum = 1.000000e-01, eps = 1.000000e-05 {training = false} : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<0xf32>, tensor<0xf32>)
  return
}
