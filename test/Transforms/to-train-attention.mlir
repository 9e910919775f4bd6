// An attention op in evaluation form without a recorded training
// probability (an evaluation export has lost it) takes the one given with
// attention-dropout, marked as given; without it, it is an error at the op.
// RUN: mode-opt %s --to-train="attention-dropout=0.25" | FileCheck %s
// RUN: mode-opt %s --pass-pipeline='builtin.module(func.func(to-train{attention-dropout=0.25}))' | FileCheck %s
// RUN: not mode-opt %s --to-train 2>&1 | FileCheck %s --check-prefix=MISSING --implicit-check-not=error:
// RUN: not mode-opt %s --to-train="attention-dropout=1.5" 2>&1 | FileCheck %s --check-prefix=RANGE
// RUN: not mode-opt %s --to-train="attention-dropout=often" 2>&1 | FileCheck %s --check-prefix=WORD
// A probability of 0 is attention's evaluation form: given, it would leave
// the op in evaluation mode, marked as given, a mark to-eval never removes.
// RUN: not mode-opt %s --to-train="attention-dropout=0" 2>&1 | FileCheck %s --check-prefix=ZERO --implicit-check-not=error:
// RUN: not mode-opt %s --pass-pipeline='builtin.module(func.func(to-train{attention-dropout=-0.0}))' 2>&1 | FileCheck %s --check-prefix=ZERO-PIPELINE --implicit-check-not=error:
// Switching back drops a given probability: the evaluation form comes back.
// RUN: mode-opt %s -o %t.eval.mlir
// RUN: mode-opt %s --to-train="attention-dropout=0.25" --to-eval | diff %t.eval.mlir -
// Other families are left alone, and so is attention with ops= without it.
// RUN: mode-opt %s --to-train="ops=dropout" | diff %t.eval.mlir -

// ZERO: error: 'to-train': attention-dropout=0 would leave attention in evaluation mode (dropout probability 0 is its evaluation form); give the probability it trains with, in (0, 1]
// ZERO-PIPELINE: error: 'to-train': attention-dropout=-0.0 would leave attention in evaluation mode (dropout probability 0 is its evaluation form); give the probability it trains with, in (0, 1]
// CHECK-LABEL: func.func @lost
// CHECK-NEXT: %[[N:.*]] = aten.none
// CHECK-NEXT: aten.scaled_dot_product_attention(%arg0, %arg0, %arg0, %[[N]]) dropout_p = 2.500000e-01, is_causal = false, enable_gqa = false {aten.given_dropout_p} : (tensor<2x8x16xf32>, tensor<2x8x16xf32>, tensor<2x8x16xf32>, !aten.none) -> tensor<2x8x16xf32>
// The recorded probability wins over the given one, and is not marked.
// CHECK-NEXT: aten.scaled_dot_product_attention(%arg0, %arg0, %arg0, %[[N]]) dropout_p = 1.000000e-01, is_causal = false, enable_gqa = false : (tensor<2x8x16xf32>, tensor<2x8x16xf32>, tensor<2x8x16xf32>, !aten.none) -> tensor<2x8x16xf32>
// MISSING: to-train-attention.mlir:[[# @LINE + 5]]:8: error: cannot switch 'aten.scaled_dot_product_attention' to training mode: its dropout probability is 0 and none from training is recorded (an evaluation export does not keep it); give it with the to-train option attention-dropout=P
// RANGE: error: 'to-train': attention-dropout=1.5 is not a probability in [0, 1]
// WORD: error: 'to-train': attention-dropout=often is not a probability in [0, 1]
func.func @lost(%q: tensor<2x8x16xf32>) {
  %n = aten.none
  %0 = aten.scaled_dot_product_attention(%q, %q, %q, %n) dropout_p = 0.000000e+00, is_causal = false, enable_gqa = false : (tensor<2x8x16xf32>, tensor<2x8x16xf32>, tensor<2x8x16xf32>, !aten.none) -> tensor<2x8x16xf32>
  %1 = aten.scaled_dot_product_attention(%q, %q, %q, %n) dropout_p = 0.000000e+00, is_causal = false, enable_gqa = false {aten.training_dropout_p = 1.000000e-01 : f64} : (tensor<2x8x16xf32>, tensor<2x8x16xf32>, tensor<2x8x16xf32>, !aten.none) -> tensor<2x8x16xf32>
  return
}
