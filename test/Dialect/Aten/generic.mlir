// Every op in the generic form users write (ATen's operand order, scalar
// arguments as inherent attributes) parses, and prints in its custom form
// with every attribute kept.
// RUN: mode-opt %s | FileCheck %s
// RUN: mode-opt %s -mlir-print-op-generic | mode-opt | FileCheck %s

// CHECK-LABEL: func.func @dropout_family
func.func @dropout_family(%x: tensor<8x16xf32>) {
  // CHECK: aten.none
  %n = "aten.none"() : () -> !aten.none
  // CHECK: aten.dropout(%{{.*}}) p = 1.000000e-01, train = true : (tensor<8x16xf32>) -> tensor<8x16xf32>
  %0 = "aten.dropout"(%x) {p = 1.000000e-01 : f64, train = true} : (tensor<8x16xf32>) -> tensor<8x16xf32>
  // CHECK: aten.feature_dropout(%{{.*}}) p = 2.000000e-01, train = false : (tensor<8x16xf32>) -> tensor<8x16xf32>
  %1 = "aten.feature_dropout"(%x) {p = 2.000000e-01 : f64, train = false} : (tensor<8x16xf32>) -> tensor<8x16xf32>
  // CHECK: aten.alpha_dropout(%{{.*}}) p = 3.000000e-01, train = true : (tensor<8x16xf32>) -> tensor<8x16xf32>
  %2 = "aten.alpha_dropout"(%x) {p = 3.000000e-01 : f64, train = true} : (tensor<8x16xf32>) -> tensor<8x16xf32>
  // CHECK: aten.feature_alpha_dropout(%{{.*}}) p = 4.000000e-01, train = false : (tensor<8x16xf32>) -> tensor<8x16xf32>
  %3 = "aten.feature_alpha_dropout"(%x) {p = 4.000000e-01 : f64, train = false} : (tensor<8x16xf32>) -> tensor<8x16xf32>
  // CHECK: aten.native_dropout(%{{.*}}) p = 5.000000e-01, train = true : (tensor<8x16xf32>) -> (tensor<8x16xf32>, tensor<8x16xi1>)
  %4:2 = "aten.native_dropout"(%x) {p = 5.000000e-01 : f64, train = true} : (tensor<8x16xf32>) -> (tensor<8x16xf32>, tensor<8x16xi1>)
  // CHECK: aten.rrelu(%{{.*}}) lower = 1.250000e-01, upper = 0.33333333333333331, training = true : (tensor<8x16xf32>) -> tensor<8x16xf32>
  %5 = "aten.rrelu"(%x) {lower = 1.250000e-01 : f64, upper = 0.33333333333333331 : f64, training = true} : (tensor<8x16xf32>) -> tensor<8x16xf32>
  return
}

// CHECK-LABEL: func.func @batch_norm_family
func.func @batch_norm_family(%x: tensor<4x16x8x8xf32>, %c: tensor<16xf32>) {
  %n = "aten.none"() : () -> !aten.none
  // CHECK: aten.batch_norm({{.*}}) training = true, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = true : (tensor<4x16x8x8xf32>, tensor<16xf32>, !aten.none, tensor<16xf32>, tensor<16xf32>) -> tensor<4x16x8x8xf32>
  %0 = "aten.batch_norm"(%x, %c, %n, %c, %c) {training = true, momentum = 1.000000e-01 : f64, eps = 1.000000e-05 : f64, cudnn_enabled = true} : (tensor<4x16x8x8xf32>, tensor<16xf32>, !aten.none, tensor<16xf32>, tensor<16xf32>) -> tensor<4x16x8x8xf32>
  // CHECK: aten.native_batch_norm({{.*}}) training = true, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>)
  %1:3 = "aten.native_batch_norm"(%x, %c, %c, %c, %c) {training = true, momentum = 1.000000e-01 : f64, eps = 1.000000e-05 : f64} : (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>)
  // CHECK: aten._native_batch_norm_legit({{.*}}) training = true, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>)
  %2:3 = "aten._native_batch_norm_legit"(%x, %c, %c, %c, %c) {training = true, momentum = 1.000000e-01 : f64, eps = 1.000000e-05 : f64} : (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>)
  // CHECK: aten._native_batch_norm_legit.no_stats({{.*}}) training = true, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16x8x8xf32>, !aten.none, !aten.none) -> (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>)
  %3:3 = "aten._native_batch_norm_legit.no_stats"(%x, %n, %n) {training = true, momentum = 1.000000e-01 : f64, eps = 1.000000e-05 : f64} : (tensor<4x16x8x8xf32>, !aten.none, !aten.none) -> (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>)
  // CHECK: aten._native_batch_norm_legit_no_training({{.*}}) momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16x8x8xf32>, tensor<0xf32>, tensor<0xf32>)
  %4:3 = "aten._native_batch_norm_legit_no_training"(%x, %c, %c, %c, %c) {momentum = 1.000000e-01 : f64, eps = 1.000000e-05 : f64} : (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16x8x8xf32>, tensor<0xf32>, tensor<0xf32>)
  // CHECK: aten._native_batch_norm_legit_functional({{.*}}) training = true, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>)
  %5:5 = "aten._native_batch_norm_legit_functional"(%x, %c, %c, %c, %c) {training = true, momentum = 1.000000e-01 : f64, eps = 1.000000e-05 : f64} : (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>)
  // CHECK: aten._batch_norm_with_update({{.*}}) momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xf32>)
  %6:4 = "aten._batch_norm_with_update"(%x, %c, %c, %c, %c) {momentum = 1.000000e-01 : f64, eps = 1.000000e-05 : f64} : (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xf32>)
  // CHECK: aten._batch_norm_no_update({{.*}}) momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16x8x8xf32>, !aten.none, !aten.none, !aten.none, !aten.none) -> (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xf32>)
  %7:4 = "aten._batch_norm_no_update"(%x, %n, %n, %n, %n) {momentum = 1.000000e-01 : f64, eps = 1.000000e-05 : f64} : (tensor<4x16x8x8xf32>, !aten.none, !aten.none, !aten.none, !aten.none) -> (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xf32>)
  // CHECK: aten.cudnn_batch_norm({{.*}}) training = false, exponential_average_factor = 1.000000e-01, epsilon = 1.000000e-05 : (tensor<4x16x8x8xf32>, tensor<16xf32>, !aten.none, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xf32>)
  %8:4 = "aten.cudnn_batch_norm"(%x, %c, %n, %c, %c) {training = false, exponential_average_factor = 1.000000e-01 : f64, epsilon = 1.000000e-05 : f64} : (tensor<4x16x8x8xf32>, tensor<16xf32>, !aten.none, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xf32>)
  // CHECK: aten.instance_norm({{.*}}) use_input_stats = false, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false : (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<4x16x8x8xf32>
  %9 = "aten.instance_norm"(%x, %c, %c, %c, %c) {use_input_stats = false, momentum = 1.000000e-01 : f64, eps = 1.000000e-05 : f64, cudnn_enabled = false} : (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<4x16x8x8xf32>
  return
}
