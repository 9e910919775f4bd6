// The plugin's passes mix with upstream passes in one pipeline of the stock
// mlir-opt, at module level and nested under func.func.
// RUN: mlir-opt %s --load-dialect-plugin=%mode_plugin \
// RUN:   --load-pass-plugin=%mode_plugin \
// RUN:   --pass-pipeline='builtin.module(to-eval,canonicalize,cse)' \
// RUN:   | FileCheck %s --check-prefixes=CHECK,EVAL
// RUN: mlir-opt %s --load-dialect-plugin=%mode_plugin \
// RUN:   --load-pass-plugin=%mode_plugin \
// RUN:   --pass-pipeline='builtin.module(func.func(canonicalize,to-eval),cse)' \
// RUN:   | FileCheck %s --check-prefixes=CHECK,EVAL
// The dialect's canonicalization pattern runs through the plugin too:
// `_native_batch_norm_legit` with `training = false` becomes
// `_native_batch_norm_legit_no_training`, then to-train switches it back.
// RUN: mlir-opt %s --load-dialect-plugin=%mode_plugin \
// RUN:   --load-pass-plugin=%mode_plugin \
// RUN:   --pass-pipeline='builtin.module(canonicalize,func.func(to-train),cse)' \
// RUN:   | FileCheck %s --check-prefixes=CHECK,TRAIN
// The output is mode-opt's with the same passes in flag form.
// RUN: mlir-opt %s --load-dialect-plugin=%mode_plugin \
// RUN:   --load-pass-plugin=%mode_plugin \
// RUN:   --pass-pipeline='builtin.module(to-eval,canonicalize,cse)' -o %t.plugin
// RUN: mode-opt %s --to-eval --canonicalize --cse -o %t.mode-opt
// RUN: diff %t.mode-opt %t.plugin

// canonicalize folds the scalar arithmetic into one constant; cse merges the
// two dropouts once to-eval made them pure and identical, and keeps them
// apart in training form, where each draws its own random mask.
// CHECK-LABEL: func.func @forward
// CHECK-NEXT: %[[CST:.*]] = arith.constant dense<3.000000e+00> : tensor<4x16xf32>
// EVAL-NEXT: %[[BN:[a-z_0-9]+]], %{{.*}}, %{{.*}} = aten._native_batch_norm_legit_no_training(%arg0, %arg1, %arg2, %arg3, %arg4) momentum = 3.000000e-02, eps = 1.000000e-03 :
// EVAL-NEXT: %[[D:.*]] = aten.dropout(%[[BN]]) p = 2.000000e-01, train = false :
// EVAL-NEXT: %[[SUM:.*]] = arith.addf %[[D]], %[[D]] :
// TRAIN-NEXT: %[[BN:[a-z_0-9]+]], %{{.*}}, %{{.*}} = aten._native_batch_norm_legit(%arg0, %arg1, %arg2, %arg3, %arg4) training = true, momentum = 3.000000e-02, eps = 1.000000e-03 :
// TRAIN-NEXT: %[[D1:.*]] = aten.dropout(%[[BN]]) p = 2.000000e-01, train = true :
// TRAIN-NEXT: %[[D2:.*]] = aten.dropout(%[[BN]]) p = 2.000000e-01, train = true :
// TRAIN-NEXT: %[[SUM:.*]] = arith.addf %[[D1]], %[[D2]] :
// CHECK-NEXT: %[[R:.*]] = arith.mulf %[[SUM]], %[[CST]] :
// CHECK-NEXT: return %[[R]]
func.func @forward(%x: tensor<4x16xf32>, %w: tensor<16xf32>, %b: tensor<16xf32>,
                   %mean: tensor<16xf32>, %var: tensor<16xf32>) -> tensor<4x16xf32> {
  %one = arith.constant 1.0 : f32
  %two = arith.constant 2.0 : f32
  %three = arith.addf %one, %two : f32
  %bn:3 = aten._native_batch_norm_legit(%x, %w, %b, %mean, %var) training = false, momentum = 3.000000e-02, eps = 1.000000e-03 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
  %d1 = aten.dropout(%bn#0) p = 2.000000e-01, train = true : (tensor<4x16xf32>) -> tensor<4x16xf32>
  %d2 = aten.dropout(%bn#0) p = 2.000000e-01, train = true : (tensor<4x16xf32>) -> tensor<4x16xf32>
  %sum = arith.addf %d1, %d2 : tensor<4x16xf32>
  %s = tensor.splat %three : tensor<4x16xf32>
  %r = arith.mulf %sum, %s : tensor<4x16xf32>
  return %r : tensor<4x16xf32>
}
