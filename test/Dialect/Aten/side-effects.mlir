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

// A recurrent layer draws random numbers only where it applies dropout:
// training mode, more than one layer, dropout > 0. Such ops are neither
// erased when unused nor merged; every other one is pure.
// CHECK-LABEL: func.func @rnn$unused
// CHECK-NEXT: aten.lstm.input({{.*}} num_layers = 2, dropout = 1.000000e-01, train = true,
// CHECK-NEXT: aten.lstm.data({{.*}} num_layers = 2, dropout = 1.000000e-01, train = true,
// CHECK-NEXT: aten.gru.input({{.*}} num_layers = 2, dropout = 1.000000e-01, train = true,
// CHECK-NEXT: aten.gru.data({{.*}} num_layers = 2, dropout = 1.000000e-01, train = true,
// CHECK-NEXT: aten.rnn_tanh.input({{.*}} num_layers = 2, dropout = 1.000000e-01, train = true,
// CHECK-NEXT: aten.rnn_tanh.data({{.*}} num_layers = 2, dropout = 1.000000e-01, train = true,
// CHECK-NEXT: aten.rnn_relu.input({{.*}} num_layers = 2, dropout = 1.000000e-01, train = true,
// CHECK-NEXT: aten.rnn_relu.data({{.*}} num_layers = 2, dropout = 1.000000e-01, train = true,
// CHECK-NEXT: return
func.func @rnn$unused(%x: tensor<2x5x4xf32>, %h: tensor<2x2x6xf32>, %w: tensor<24x4xf32>, %data: tensor<7x4xf32>, %sizes: tensor<3xi64>) {
  // Dropout between layers: kept.
  %0:3 = aten.lstm.input(%x, [%h, %h], [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = true, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>)
  %1:3 = aten.lstm.data(%data, %sizes, [%h, %h], [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = true, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>)
  %2:2 = aten.gru.input(%x, %h, [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = true, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
  %3:2 = aten.gru.data(%data, %sizes, %h, [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = true, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
  %4:2 = aten.rnn_tanh.input(%x, %h, [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = true, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
  %5:2 = aten.rnn_tanh.data(%data, %sizes, %h, [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = true, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
  %6:2 = aten.rnn_relu.input(%x, %h, [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = true, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
  %7:2 = aten.rnn_relu.data(%data, %sizes, %h, [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = true, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
  // Evaluation mode, one layer, dropout 0: pure, erased.
  %8:3 = aten.lstm.input(%x, [%h, %h], [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>)
  %9:3 = aten.lstm.data(%data, %sizes, [%h, %h], [%w]) has_biases = false, num_layers = 1, dropout = 1.000000e-01, train = true, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>)
  %10:2 = aten.gru.input(%x, %h, [%w]) has_biases = false, num_layers = 2, dropout = 0.000000e+00, train = true, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
  %11:2 = aten.gru.data(%data, %sizes, %h, [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
  %12:2 = aten.rnn_tanh.input(%x, %h, [%w]) has_biases = false, num_layers = 1, dropout = 1.000000e-01, train = true, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
  %13:2 = aten.rnn_tanh.data(%data, %sizes, %h, [%w]) has_biases = false, num_layers = 2, dropout = 0.000000e+00, train = true, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
  %14:2 = aten.rnn_relu.input(%x, %h, [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
  %15:2 = aten.rnn_relu.data(%data, %sizes, %h, [%w]) has_biases = false, num_layers = 1, dropout = 1.000000e-01, train = true, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
  return
}

// Two identical recurrent layers that draw random numbers are two; two in
// evaluation mode are one.
// CHECK-LABEL: func.func @rnn$cse
// CHECK-NEXT: %[[A:[^,]+]], %{{[^ ]+}} = aten.gru.input({{.*}} train = true,
// CHECK-NEXT: %[[B:[^,]+]], %{{[^ ]+}} = aten.gru.input({{.*}} train = true,
// CHECK-NEXT: %[[E:[^,]+]], %{{[^ ]+}} = aten.gru.input({{.*}} train = false,
// CHECK-NEXT: return %[[A]], %[[B]], %[[E]], %[[E]]
func.func @rnn$cse(%x: tensor<2x5x4xf32>, %h: tensor<2x2x6xf32>, %w: tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x5x6xf32>, tensor<2x5x6xf32>, tensor<2x5x6xf32>) {
  %0:2 = aten.gru.input(%x, %h, [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = true, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
  %1:2 = aten.gru.input(%x, %h, [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = true, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
  %2:2 = aten.gru.input(%x, %h, [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
  %3:2 = aten.gru.input(%x, %h, [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
  return %0#0, %1#0, %2#0, %3#0 : tensor<2x5x6xf32>, tensor<2x5x6xf32>, tensor<2x5x6xf32>, tensor<2x5x6xf32>
}

// Attention draws random numbers when dropout_p > 0: its evaluation form
// (dropout_p = 0, whatever training probability it keeps) is pure. (Each
// keeps one, so that to-train, which the plugin parity test runs on every
// file, can switch them.)
// CHECK-LABEL: func.func @attention
// CHECK-NEXT: %[[N:.*]] = aten.none
// CHECK-NEXT: %[[A:.*]] = aten.scaled_dot_product_attention({{.*}} dropout_p = 1.000000e-01,
// CHECK-NEXT: %[[B:.*]] = aten.scaled_dot_product_attention({{.*}} dropout_p = 1.000000e-01,
// CHECK-NEXT: aten.scaled_dot_product_attention({{.*}} dropout_p = 2.000000e-01,
// CHECK-NEXT: %[[E:.*]] = aten.scaled_dot_product_attention({{.*}} dropout_p = 0.000000e+00,
// CHECK-NEXT: return %[[A]], %[[B]], %[[E]], %[[E]]
func.func @attention(%q: tensor<2x4x8x16xf32>) -> (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>) {
  %n = aten.none
  %0 = aten.scaled_dot_product_attention(%q, %q, %q, %n) dropout_p = 1.000000e-01, is_causal = false, enable_gqa = false : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, !aten.none) -> tensor<2x4x8x16xf32>
  %1 = aten.scaled_dot_product_attention(%q, %q, %q, %n) dropout_p = 1.000000e-01, is_causal = false, enable_gqa = false : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, !aten.none) -> tensor<2x4x8x16xf32>
  %unused0 = aten.scaled_dot_product_attention(%q, %q, %q, %n) dropout_p = 2.000000e-01, is_causal = false, enable_gqa = false : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, !aten.none) -> tensor<2x4x8x16xf32>
  %2 = aten.scaled_dot_product_attention(%q, %q, %q, %n) dropout_p = 0.000000e+00, is_causal = false, enable_gqa = false {aten.training_dropout_p = 1.000000e-01 : f64} : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, !aten.none) -> tensor<2x4x8x16xf32>
  %3 = aten.scaled_dot_product_attention(%q, %q, %q, %n) dropout_p = 0.000000e+00, is_causal = false, enable_gqa = false {aten.training_dropout_p = 1.000000e-01 : f64} : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, !aten.none) -> tensor<2x4x8x16xf32>
  %unused1 = aten.scaled_dot_product_attention(%q, %q, %q, %n) dropout_p = 0.000000e+00, is_causal = true, enable_gqa = false {aten.training_dropout_p = 5.000000e-01 : f64} : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, !aten.none) -> tensor<2x4x8x16xf32>
  return %0, %1, %2, %3 : tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>
}
