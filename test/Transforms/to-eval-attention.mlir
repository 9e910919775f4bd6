// Attention that trains without dropout (timm's default, most language
// models') has dropout_p 0 in both modes. In a program that shows it is in
// training form (here a dropout in training form), to-eval records its
// training probability 0, and to-train gives back the program exactly; in
// a training program, to-train leaves such an op as it is.
// RUN: mode-opt %s --to-eval | FileCheck %s
// RUN: mode-opt %s -o %t.train.mlir
// RUN: mode-opt %s --to-eval --to-train | diff %t.train.mlir -
// RUN: mode-opt %s --to-train | diff %t.train.mlir -
// RUN: mode-opt %s --to-eval -o %t.eval.mlir
// RUN: mode-opt %t.eval.mlir --to-eval | diff %t.eval.mlir -
// With ops=attention the dropout is not switched, but it still shows the
// program is in training form.
// RUN: mode-opt %s --to-eval="ops=attention" | FileCheck %s --check-prefix=ATTENTION-ONLY
// Alone, such an op cannot be told from an evaluation export that lost its
// probability: to-eval records nothing (and to-train refuses it, see
// to-train-attention.mlir).
// RUN: mode-opt %S/to-train-attention.mlir --to-eval | FileCheck %s --check-prefix=ALONE

// CHECK-LABEL: func.func @trains_without_attention_dropout
// CHECK-NEXT: %[[N:.*]] = aten.none
// CHECK-NEXT: %[[A:.*]] = aten.scaled_dot_product_attention(%arg0, %arg0, %arg0, %[[N]]) dropout_p = 0.000000e+00, is_causal = false, enable_gqa = false {aten.training_dropout_p = 0.000000e+00 : f64} : (tensor<2x8x16xf32>, tensor<2x8x16xf32>, tensor<2x8x16xf32>, !aten.none) -> tensor<2x8x16xf32>
// CHECK-NEXT: aten.dropout(%[[A]]) p = 2.500000e-01, train = false : (tensor<2x8x16xf32>) -> tensor<2x8x16xf32>
// CHECK-NEXT: return

// ATTENTION-ONLY-LABEL: func.func @trains_without_attention_dropout
// ATTENTION-ONLY: aten.scaled_dot_product_attention{{.*}} {aten.training_dropout_p = 0.000000e+00 : f64}
// ATTENTION-ONLY-NEXT: aten.dropout({{.*}}) p = 2.500000e-01, train = true

// ALONE-LABEL: func.func @lost
// ALONE-NEXT: %[[N:.*]] = aten.none
// ALONE-NEXT: aten.scaled_dot_product_attention(%arg0, %arg0, %arg0, %[[N]]) dropout_p = 0.000000e+00, is_causal = false, enable_gqa = false : (tensor<2x8x16xf32>, tensor<2x8x16xf32>, tensor<2x8x16xf32>, !aten.none) -> tensor<2x8x16xf32>
func.func @trains_without_attention_dropout(%q: tensor<2x8x16xf32>) {
  %n = aten.none
  %0 = aten.scaled_dot_product_attention(%q, %q, %q, %n) dropout_p = 0.000000e+00, is_causal = false, enable_gqa = false : (tensor<2x8x16xf32>, tensor<2x8x16xf32>, tensor<2x8x16xf32>, !aten.none) -> tensor<2x8x16xf32>
  %1 = aten.dropout(%0) p = 2.500000e-01, train = true : (tensor<2x8x16xf32>) -> tensor<2x8x16xf32>
  return
}
