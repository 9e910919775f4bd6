// Without the dialect plugin, stock mlir-opt --allow-unregistered-dialect
// parses generic-form aten ops as unregistered ops of which nothing can be
// known. The mode passes must not pass over them silently: each is an error
// with a hint to load the dialect, and the run fails.
// RUN: not mlir-opt %s --allow-unregistered-dialect --load-pass-plugin=%mode_plugin \
// RUN:   --pass-pipeline='builtin.module(to-eval,assert-eval)' 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not=error:
// RUN: not mlir-opt %s --allow-unregistered-dialect --load-pass-plugin=%mode_plugin \
// RUN:   --pass-pipeline='builtin.module(assert-train)' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=GUARD --implicit-check-not=error:
// RUN: not mlir-opt %s --allow-unregistered-dialect --load-pass-plugin=%mode_plugin \
// RUN:   --pass-pipeline='builtin.module(func.func(to-train))' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=GUARD --implicit-check-not=error:
// With the dialect loaded the same file switches and passes the guard.
// RUN: mlir-opt %s --allow-unregistered-dialect --load-dialect-plugin=%mode_plugin \
// RUN:   --load-pass-plugin=%mode_plugin --pass-pipeline='builtin.module(to-eval,assert-eval)' \
// RUN:   | FileCheck %s --check-prefix=LOADED

// CHECK: unregistered-aten-ops.mlir:[[# @LINE + 7]]:8: error: 'aten.dropout' is not a registered operation, so its mode cannot be known; load the aten dialect (mlir-opt --load-dialect-plugin=ModePlugin.so)
// CHECK: unregistered-aten-ops.mlir:[[# @LINE + 7]]:8: error: 'aten.batch_norm' is not a registered operation, so its mode cannot be known; load the aten dialect (mlir-opt --load-dialect-plugin=ModePlugin.so)
// GUARD: error: 'aten.dropout' is not a registered operation
// GUARD: error: 'aten.batch_norm' is not a registered operation
// LOADED: aten.dropout(%arg0) p = 1.000000e-01, train = false
// LOADED: aten.batch_norm({{.*}} training = false
func.func @f(%x: tensor<4x16xf32>, %c: tensor<16xf32>) -> tensor<4x16xf32> {
  %0 = "aten.dropout"(%x) {p = 1.000000e-01 : f64, train = true} : (tensor<4x16xf32>) -> tensor<4x16xf32>
  %1 = "aten.batch_norm"(%0, %c, %c, %c, %c) {training = true, momentum = 1.000000e-01 : f64, eps = 1.000000e-05 : f64, cudnn_enabled = false} : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  return %1 : tensor<4x16xf32>
}
