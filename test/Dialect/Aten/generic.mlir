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

// The recurrent ops take their tensor lists as variadic operands; lstm's two
// lists need operandSegmentSizes (input, hx, params; data, batch_sizes, hx,
// params), the one-state ops' single list does not.
// CHECK-LABEL: func.func @recurrent
func.func @recurrent(%x: tensor<2x5x4xf32>, %h: tensor<2x2x6xf32>, %w: tensor<24x4xf32>, %b: tensor<24xf32>, %data: tensor<7x4xf32>, %sizes: tensor<3xi64>) {
  // CHECK: aten.lstm.input(%arg0, [%arg1, %arg1], [%arg2, %arg2, %arg3, %arg3]) has_biases = true, num_layers = 2, dropout = 3.000000e-01, train = true, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>, tensor<24x4xf32>, tensor<24xf32>, tensor<24xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>)
  %0:3 = "aten.lstm.input"(%x, %h, %h, %w, %w, %b, %b) {has_biases = true, num_layers = 2 : i64, dropout = 3.000000e-01 : f64, train = true, bidirectional = false, batch_first = true, operandSegmentSizes = array<i32: 1, 2, 4>} : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>, tensor<24x4xf32>, tensor<24xf32>, tensor<24xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>)
  // CHECK: aten.lstm.data(%arg4, %arg5, [%arg1, %arg1], [%arg2]) has_biases = false, num_layers = 1, dropout = 0.000000e+00, train = false, bidirectional = true : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x12xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>)
  %1:3 = "aten.lstm.data"(%data, %sizes, %h, %h, %w) {has_biases = false, num_layers = 1 : i64, dropout = 0.000000e+00 : f64, train = false, bidirectional = true, operandSegmentSizes = array<i32: 1, 1, 2, 1>} : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x12xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>)
  // CHECK: aten.gru.input(%arg0, %arg1, [%arg2, %arg2]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
  %2:2 = "aten.gru.input"(%x, %h, %w, %w) {has_biases = false, num_layers = 2 : i64, dropout = 1.000000e-01 : f64, train = false, bidirectional = false, batch_first = true} : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
  // CHECK: aten.gru.data(%arg4, %arg5, %arg1, [%arg2]) has_biases = false, num_layers = 2, dropout = 2.000000e-01, train = true, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
  %3:2 = "aten.gru.data"(%data, %sizes, %h, %w) {has_biases = false, num_layers = 2 : i64, dropout = 2.000000e-01 : f64, train = true, bidirectional = false} : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
  // CHECK: aten.rnn_tanh.input(%arg0, %arg1, []) has_biases = false, num_layers = 1, dropout = 0.000000e+00, train = true, bidirectional = true, batch_first = false : (tensor<2x5x4xf32>, tensor<2x2x6xf32>) -> (tensor<2x5x12xf32>, tensor<2x2x6xf32>)
  %4:2 = "aten.rnn_tanh.input"(%x, %h) {has_biases = false, num_layers = 1 : i64, dropout = 0.000000e+00 : f64, train = true, bidirectional = true, batch_first = false} : (tensor<2x5x4xf32>, tensor<2x2x6xf32>) -> (tensor<2x5x12xf32>, tensor<2x2x6xf32>)
  // CHECK: aten.rnn_tanh.data(%arg4, %arg5, %arg1, [%arg2, %arg3]) has_biases = true, num_layers = 3, dropout = 0.33333333333333331, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>, tensor<24xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
  %5:2 = "aten.rnn_tanh.data"(%data, %sizes, %h, %w, %b) {has_biases = true, num_layers = 3 : i64, dropout = 0.33333333333333331 : f64, train = false, bidirectional = false} : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>, tensor<24xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
  // CHECK: aten.rnn_relu.input(%arg0, %arg1, [%arg2]) has_biases = false, num_layers = 2, dropout = 5.000000e-01, train = true, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
  %6:2 = "aten.rnn_relu.input"(%x, %h, %w) {has_biases = false, num_layers = 2 : i64, dropout = 5.000000e-01 : f64, train = true, bidirectional = false, batch_first = true} : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
  // CHECK: aten.rnn_relu.data(%arg4, %arg5, %arg1, []) has_biases = false, num_layers = 2, dropout = 1.000000e+00, train = false, bidirectional = true : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>) -> (tensor<7x12xf32>, tensor<2x2x6xf32>)
  %7:2 = "aten.rnn_relu.data"(%data, %sizes, %h) {has_biases = false, num_layers = 2 : i64, dropout = 1.000000e+00 : f64, train = false, bidirectional = true} : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>) -> (tensor<7x12xf32>, tensor<2x2x6xf32>)
  return
}

// CHECK-LABEL: func.func @attention
func.func @attention(%q: tensor<2x4x8x16xf32>, %mask: tensor<8x8xf32>) {
  // CHECK: %[[N:.*]] = aten.none
  %n = "aten.none"() : () -> !aten.none
  // CHECK: aten.scaled_dot_product_attention(%arg0, %arg0, %arg0, %[[N]]) dropout_p = 1.000000e-01, is_causal = false, enable_gqa = false : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, !aten.none) -> tensor<2x4x8x16xf32>
  %0 = "aten.scaled_dot_product_attention"(%q, %q, %q, %n) {dropout_p = 1.000000e-01 : f64, is_causal = false, enable_gqa = false} : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, !aten.none) -> tensor<2x4x8x16xf32>
  // CHECK: aten.scaled_dot_product_attention(%arg0, %arg0, %arg0, %arg1) dropout_p = 0.000000e+00, is_causal = true, enable_gqa = true, scale = 2.500000e-01 {aten.training_dropout_p = 2.000000e-01 : f64} : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<8x8xf32>) -> tensor<2x4x8x16xf32>
  %1 = "aten.scaled_dot_product_attention"(%q, %q, %q, %mask) {dropout_p = 0.000000e+00 : f64, is_causal = true, enable_gqa = true, scale = 2.500000e-01 : f64, aten.training_dropout_p = 2.000000e-01 : f64} : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<8x8xf32>) -> tensor<2x4x8x16xf32>
  return
}
