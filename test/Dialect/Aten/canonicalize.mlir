// RUN: mode-opt %s -canonicalize -mlir-print-debuginfo | FileCheck %s

// `_native_batch_norm_legit` with `training = false` is rewritten to its
// dedicated evaluation op, with every attribute, the location and all uses
// kept.
// CHECK-LABEL: func.func @_native_batch_norm_legit$eval
// CHECK-SAME: (%[[X:[a-z0-9]*]]: tensor<4x16xf32>{{.*}}, %[[C:[a-z0-9]*]]: tensor<16xf32>
// CHECK: %[[N:.*]] = aten.none
// CHECK: %[[O:.*]], %[[M:.*]], %[[R:.*]] = aten._native_batch_norm_legit_no_training(%[[X]], %[[N]], %[[C]], %[[C]], %[[C]]) momentum = 0.12345678901230001, eps = 0.33333333333333331 {torch.node = "bn1"} : (tensor<4x16xf32>, !aten.none, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<0xf32>, tensor<0xf32>) loc(#[[LOC:.*]])
// CHECK: return %[[O]], %[[M]], %[[R]]
func.func @_native_batch_norm_legit$eval(%x: tensor<4x16xf32>, %c: tensor<16xf32>) -> (tensor<4x16xf32>, tensor<0xf32>, tensor<0xf32>) {
  %n = aten.none
  %0:3 = aten._native_batch_norm_legit(%x, %n, %c, %c, %c) training = false, momentum = 0.1234567890123, eps = 0.33333333333333331 {torch.node = "bn1"} : (tensor<4x16xf32>, !aten.none, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<0xf32>, tensor<0xf32>) loc("model.py":12:3)
  return %0#0, %0#1, %0#2 : tensor<4x16xf32>, tensor<0xf32>, tensor<0xf32>
}

// The training form stays.
// CHECK-LABEL: func.func @_native_batch_norm_legit$train
// CHECK: aten._native_batch_norm_legit({{.*}}) training = true
func.func @_native_batch_norm_legit$train(%x: tensor<4x16xf32>, %c: tensor<16xf32>) -> tensor<4x16xf32> {
  %0:3 = aten._native_batch_norm_legit(%x, %c, %c, %c, %c) training = true, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
  return %0#0 : tensor<4x16xf32>
}

// Location aliases print at the end of the module.
// CHECK: #[[LOC]] = loc("model.py":12:3)
