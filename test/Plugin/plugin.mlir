// How the stock mlir-opt loads ModePlugin.so. What the plugin then does is
// checked against mode-opt, byte for byte, by parity.test.
//
// --load-dialect-plugin alone brings the aten dialect and the mode passes.
// RUN: mlir-opt %s --load-dialect-plugin=%mode_plugin \
// RUN:   --pass-pipeline='builtin.module(to-eval)' | FileCheck %s --check-prefix=EVAL
// RUN: mlir-opt %s --load-dialect-plugin=%mode_plugin \
// RUN:   --pass-pipeline='builtin.module(func.func(to-train))' | FileCheck %s --check-prefix=TRAIN
//
// With --load-pass-plugin as well, the passes are registered twice, which is
// harmless: the same output, in either order, and with the dialect plugin
// loaded twice.
// RUN: mlir-opt %s --load-dialect-plugin=%mode_plugin --load-pass-plugin=%mode_plugin \
// RUN:   --pass-pipeline='builtin.module(to-eval)' | FileCheck %s --check-prefix=EVAL
// RUN: mlir-opt %s --load-pass-plugin=%mode_plugin --load-dialect-plugin=%mode_plugin \
// RUN:   --load-dialect-plugin=%mode_plugin \
// RUN:   --pass-pipeline='builtin.module(to-eval)' | FileCheck %s --check-prefix=EVAL
//
// The pass plugin alone registers the passes, not the dialect: the aten ops
// then do not parse, and the stock tool fails cleanly (exit status 1, an
// error at the first aten op), as it does without the plugin.
// RUN: not mlir-opt %s --load-pass-plugin=%mode_plugin \
// RUN:   --pass-pipeline='builtin.module(to-eval)' 2>&1 | FileCheck %s --check-prefix=NO-DIALECT
// RUN: not mlir-opt %s 2>&1 | FileCheck %s --check-prefix=NO-DIALECT
// NO-DIALECT: {{.*}}plugin.mlir:[[# @LINE + 15]]:11: error:

// EVAL-LABEL: func.func @train
// EVAL-NEXT: %[[BN:.*]], %{{.*}}, %{{.*}} = aten._native_batch_norm_legit_no_training(%arg0, %arg1, %arg2, %arg3, %arg4) momentum = 3.000000e-02, eps = 1.000000e-03 {torch.node = "bn"} :
// EVAL-NEXT: %[[D:.*]] = aten.dropout(%[[BN]]) p = 2.000000e-01, train = false :
// EVAL-NEXT: %[[R:.*]] = aten.rrelu(%[[D]]) lower = 1.250000e-01, upper = 0.33333333333333331, training = false :
// EVAL-NEXT: return %[[R]]

// TRAIN-LABEL: func.func @train
// TRAIN-NEXT: aten._native_batch_norm_legit(%arg0, %arg1, %arg2, %arg3, %arg4) training = true, momentum = 3.000000e-02, eps = 1.000000e-03 {torch.node = "bn"} :
// TRAIN-NEXT: aten.dropout(%output) p = 2.000000e-01, train = true :
// TRAIN-NEXT: aten.rrelu(%{{.*}}) lower = 1.250000e-01, upper = 0.33333333333333331, training = true :

func.func @train(%x: tensor<4x16xf32>, %w: tensor<16xf32>, %b: tensor<16xf32>,
                 %mean: tensor<16xf32>, %var: tensor<16xf32>) -> tensor<4x16xf32> {
  %bn:3 = aten._native_batch_norm_legit(%x, %w, %b, %mean, %var) training = true, momentum = 3.000000e-02, eps = 1.000000e-03 {torch.node = "bn"} : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
  %d = aten.dropout(%bn#0) p = 2.000000e-01, train = true : (tensor<4x16xf32>) -> tensor<4x16xf32>
  %r = aten.rrelu(%d) lower = 1.250000e-01, upper = 0.33333333333333331, training = true : (tensor<4x16xf32>) -> tensor<4x16xf32>
  return %r : tensor<4x16xf32>
}

// The second function is in evaluation form: to-eval leaves it as it is,
// to-train switches it.
// EVAL-LABEL: func.func @eval
// EVAL-NEXT: aten.dropout(%arg0) p = 5.000000e-01, train = false :
// TRAIN-LABEL: func.func @eval
// TRAIN-NEXT: aten.dropout(%arg0) p = 5.000000e-01, train = true :
func.func @eval(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = aten.dropout(%x) p = 5.000000e-01, train = false : (tensor<8xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}
