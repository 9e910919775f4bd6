// Memory effects: training-mode dropout and rrelu draw random numbers, and
// in-place normalizations with running statistics update them in training
// mode, so neither is erased when unused nor merged by CSE. Evaluation forms,
// the functional form and stats-free forms are pure.
// RUN: mode-opt %s -canonicalize -cse | FileCheck %s

// CHECK-LABEL: func.func @dropout$train
// CHECK-COUNT-2: aten.dropout(%{{.*}}) p = 1.000000e-01, train = true
// CHECK-NEXT: aten.native_dropout
func.func @dropout$train(%x: tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>) {
  %0 = aten.dropout(%x) p = 1.000000e-01, train = true : (tensor<8xf32>) -> tensor<8xf32>
  %1 = aten.dropout(%x) p = 1.000000e-01, train = true : (tensor<8xf32>) -> tensor<8xf32>
  %unused:2 = aten.native_dropout(%x) p = 1.000000e-01, train = true : (tensor<8xf32>) -> (tensor<8xf32>, tensor<8xi1>)
  return %0, %1 : tensor<8xf32>, tensor<8xf32>
}

// CHECK-LABEL: func.func @dropout$eval
// CHECK: %[[D:.*]] = aten.dropout(%{{.*}}) p = 1.000000e-01, train = false
// CHECK-NOT: aten.dropout
// CHECK-NOT: aten.alpha_dropout
// CHECK: return %[[D]], %[[D]]
func.func @dropout$eval(%x: tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>) {
  %0 = aten.dropout(%x) p = 1.000000e-01, train = false : (tensor<8xf32>) -> tensor<8xf32>
  %1 = aten.dropout(%x) p = 1.000000e-01, train = false : (tensor<8xf32>) -> tensor<8xf32>
  %unused = aten.alpha_dropout(%x) p = 1.000000e-01, train = false : (tensor<8xf32>) -> tensor<8xf32>
  return %0, %1 : tensor<8xf32>, tensor<8xf32>
}

// CHECK-LABEL: func.func @rrelu
// CHECK: aten.rrelu({{.*}} training = true
// CHECK-NOT: aten.rrelu
func.func @rrelu(%x: tensor<8xf32>) {
  %0 = aten.rrelu(%x) lower = 1.250000e-01, upper = 2.500000e-01, training = true : (tensor<8xf32>) -> tensor<8xf32>
  %1 = aten.rrelu(%x) lower = 1.250000e-01, upper = 2.500000e-01, training = false : (tensor<8xf32>) -> tensor<8xf32>
  return
}

// Unused: only the in-place training forms with running statistics survive.
// CHECK-LABEL: func.func @norms$unused
// CHECK-NEXT: %[[N:.*]] = aten.none
// CHECK-NEXT: aten.batch_norm({{.*}} training = true
// CHECK-NEXT: aten.native_batch_norm({{.*}} training = true
// CHECK-NEXT: aten._native_batch_norm_legit({{.*}} training = true
// CHECK-NEXT: aten._batch_norm_with_update
// CHECK-NEXT: aten.cudnn_batch_norm({{.*}} training = true
// CHECK-NEXT: aten.instance_norm({{.*}} use_input_stats = true
// CHECK-NEXT: return
func.func @norms$unused(%x: tensor<4x16xf32>, %c: tensor<16xf32>) {
  %n = aten.none
  // Training with running statistics: kept.
  %0 = aten.batch_norm(%x, %c, %c, %c, %c) training = true, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  %1:3 = aten.native_batch_norm(%x, %c, %c, %c, %c) training = true, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
  %2:3 = aten._native_batch_norm_legit(%x, %c, %c, %c, %c) training = true, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
  %3:4 = aten._batch_norm_with_update(%x, %c, %c, %c, %c) momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xui8>)
  %4:4 = aten.cudnn_batch_norm(%x, %c, %c, %c, %c) training = true, exponential_average_factor = 1.000000e-01, epsilon = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xui8>)
  %5 = aten.instance_norm(%x, %n, %n, %c, %c) use_input_stats = true, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false : (tensor<4x16xf32>, !aten.none, !aten.none, tensor<16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  // Pure: erased.
  %6 = aten.batch_norm(%x, %c, %c, %c, %c) training = false, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  %7 = aten.batch_norm(%x, %n, %n, %n, %n) training = true, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false : (tensor<4x16xf32>, !aten.none, !aten.none, !aten.none, !aten.none) -> tensor<4x16xf32>
  %8:3 = aten._native_batch_norm_legit_no_training(%x, %c, %c, %c, %c) momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<0xf32>, tensor<0xf32>)
  %9:3 = aten._native_batch_norm_legit.no_stats(%x, %c, %c) training = true, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
  %10:5 = aten._native_batch_norm_legit_functional(%x, %c, %c, %c, %c) training = true, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>)
  %11:4 = aten._batch_norm_no_update(%x, %c, %c, %c, %c) momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xf32>)
  %12 = aten.instance_norm(%x, %n, %n, %c, %c) use_input_stats = false, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false : (tensor<4x16xf32>, !aten.none, !aten.none, tensor<16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  return
}

// In-place forms write their operand (and rrelu_with_noise its noise) in
// both modes: never erased when unused, never merged.
// CHECK-LABEL: func.func @in_place$unused
// CHECK-NEXT: aten.dropout_({{.*}} train = false
// CHECK-NEXT: aten.dropout_({{.*}} train = false
// CHECK-NEXT: aten.feature_alpha_dropout_({{.*}} train = true
// CHECK-NEXT: aten.rrelu_({{.*}} training = false
// CHECK-NEXT: aten.rrelu_with_noise({{.*}} training = false
// CHECK-NEXT: aten.rrelu_with_noise_({{.*}} training = true
// CHECK-NEXT: return
func.func @in_place$unused(%x: tensor<8xf32>) {
  %0 = aten.dropout_(%x) p = 1.000000e-01, train = false : (tensor<8xf32>) -> tensor<8xf32>
  %1 = aten.dropout_(%x) p = 1.000000e-01, train = false : (tensor<8xf32>) -> tensor<8xf32>
  %2 = aten.feature_alpha_dropout_(%x) p = 1.000000e-01, train = true : (tensor<8xf32>) -> tensor<8xf32>
  %3 = aten.rrelu_(%x) lower = 1.250000e-01, upper = 2.500000e-01, training = false : (tensor<8xf32>) -> tensor<8xf32>
  %4 = aten.rrelu_with_noise(%x, %x) lower = 1.250000e-01, upper = 2.500000e-01, training = false : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  %5 = aten.rrelu_with_noise_(%x, %x) lower = 1.250000e-01, upper = 2.500000e-01, training = true : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  return
}

// The functional rrelu_with_noise is pure in evaluation mode only.
// CHECK-LABEL: func.func @rrelu_with_noise_functional$unused
// CHECK-NEXT: aten.rrelu_with_noise_functional({{.*}} training = true
// CHECK-NEXT: return
func.func @rrelu_with_noise_functional$unused(%x: tensor<8xf32>) {
  %0:2 = aten.rrelu_with_noise_functional(%x, %x) lower = 1.250000e-01, upper = 2.500000e-01, training = true : (tensor<8xf32>, tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>)
  %1:2 = aten.rrelu_with_noise_functional(%x, %x) lower = 1.250000e-01, upper = 2.500000e-01, training = false : (tensor<8xf32>, tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>)
  return
}
