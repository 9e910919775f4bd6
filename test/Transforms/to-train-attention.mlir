// An attention op in evaluation form without a recorded training
// probability (an evaluation export has lost it) takes the one given with
// attention-dropout, marked as given; without it, it is an error at the op.
// RUN: mode-opt %s --to-train="attention-dropout=0.25" | FileCheck %s
// RUN: mode-opt %s --pass-pipeline='builtin.module(func.func(to-train{attention-dropout=0.25}))' | FileCheck %s
// RUN: not mode-opt %s --to-train 2>&1 | FileCheck %s --check-prefix=MISSING --implicit-check-not=error:
// RUN: not mode-opt %s --to-train="attention-dropout=1.5" 2>&1 | FileCheck %s --check-prefix=RANGE
// RUN: not mode-opt %s --to-train="attention-dropout=often" 2>&1 | FileCheck %s --check-prefix=WORD
// A probability of 0 says the attention trains without dropout: the op
// stays as it is, marked as given.
// RUN: mode-opt %s --to-train="attention-dropout=0" | FileCheck %s --check-prefix=ZERO
// RUN: mode-opt %s --pass-pipeline='builtin.module(func.func(to-train{attention-dropout=-0.0}))' | FileCheck %s --check-prefix=ZERO
// Switching back drops a given probability: the evaluation form comes back.
// RUN: mode-opt %s -o %t.eval.mlir
// RUN: mode-opt %s --to-train="attention-dropout=0.25" --to-eval | diff %t.eval.mlir -
// RUN: mode-opt %s --to-train="attention-dropout=0" --to-eval | diff %t.eval.mlir -
// Other families are left alone, and so is attention with ops= without it.
// RUN: mode-opt %s --to-train="ops=dropout" | diff %t.eval.mlir -

// ZERO-LABEL: func.func @lost
// ZERO-NEXT: %[[N:.*]] = aten.none
// ZERO-NEXT: aten.scaled_dot_product_attention(%arg0, %arg0, %arg0, %[[N]]) dropout_p = {{-?}}0.000000e+00, is_causal = false, enable_gqa = false {aten.given_dropout_p} : (tensor<2x8x16xf32>, tensor<2x8x16xf32>, tensor<2x8x16xf32>, !aten.none) -> tensor<2x8x16xf32>
// ZERO-NEXT: aten.scaled_dot_product_attention(%arg0, %arg0, %arg0, %[[N]]) dropout_p = 1.000000e-01, is_causal = false, enable_gqa = false : (tensor<2x8x16xf32>, tensor<2x8x16xf32>, tensor<2x8x16xf32>, !aten.none) -> tensor<2x8x16xf32>
// CHECK-LABEL: func.func @lost
// CHECK-NEXT: %[[N:.*]] = aten.none
// CHECK-NEXT: aten.scaled_dot_product_attention(%arg0, %arg0, %arg0, %[[N]]) dropout_p = 2.500000e-01, is_causal = false, enable_gqa = false {aten.given_dropout_p} : (tensor<2x8x16xf32>, tensor<2x8x16xf32>, tensor<2x8x16xf32>, !aten.none) -> tensor<2x8x16xf32>
// The recorded probability wins over the given one, and is not marked.
// CHECK-NEXT: aten.scaled_dot_product_attention(%arg0, %arg0, %arg0, %[[N]]) dropout_p = 1.000000e-01, is_causal = false, enable_gqa = false : (tensor<2x8x16xf32>, tensor<2x8x16xf32>, tensor<2x8x16xf32>, !aten.none) -> tensor<2x8x16xf32>
// MISSING: to-train-attention.mlir:[[# @LINE + 5]]:8: error: cannot switch 'aten.scaled_dot_product_attention' to training mode: its dropout probability is 0 and none from training is recorded (an evaluation export does not keep it), and nothing else in the program shows it is in training form; give the probability it trains with as the to-train option attention-dropout=P (0 if it trains without dropout)
// RANGE: error: 'to-train': attention-dropout=1.5 is not a probability in [0, 1]
// WORD: error: 'to-train': attention-dropout=often is not a probability in [0, 1]
func.func @lost(%q: tensor<2x8x16xf32>) {
  %n = aten.none
  %0 = aten.scaled_dot_product_attention(%q, %q, %q, %n) dropout_p = 0.000000e+00, is_causal = false, enable_gqa = false : (tensor<2x8x16xf32>, tensor<2x8x16xf32>, tensor<2x8x16xf32>, !aten.none) -> tensor<2x8x16xf32>
  %1 = aten.scaled_dot_product_attention(%q, %q, %q, %n) dropout_p = 0.000000e+00, is_causal = false, enable_gqa = false {aten.training_dropout_p = 1.000000e-01 : f64} : (tensor<2x8x16xf32>, tensor<2x8x16xf32>, tensor<2x8x16xf32>, !aten.none) -> tensor<2x8x16xf32>
  return
}
