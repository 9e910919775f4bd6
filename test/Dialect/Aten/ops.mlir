// Every op in its custom form: it prints as written, and printing is stable.
// RUN: mode-opt %s | FileCheck %s
// RUN: mode-opt %s | mode-opt | FileCheck %s
// RUN: mode-opt %s -mlir-print-op-generic | mode-opt | FileCheck %s
// RUN: mode-opt %s > %t.1 && mode-opt %t.1 > %t.2 && diff %t.1 %t.2

// CHECK-LABEL: func.func @none
// CHECK: %[[N:.*]] = aten.none
// CHECK: return %[[N]] : !aten.none
func.func @none() -> !aten.none {
  %0 = aten.none
  return %0 : !aten.none
}

// CHECK-LABEL: func.func @dropout
// CHECK: aten.dropout(%{{.*}}) p = 1.000000e-01, train = true : (tensor<8x16xf32>) -> tensor<8x16xf32>
// CHECK: aten.dropout(%{{.*}}) p = 5.000000e-01, train = false : (tensor<?x16xf32>) -> tensor<4x16xf32>
// CHECK: aten.dropout(%{{.*}}) p = 0.000000e+00, train = true : (tensor<*xbf16>) -> tensor<*xbf16>
func.func @dropout(%x: tensor<8x16xf32>, %d: tensor<?x16xf32>, %u: tensor<*xbf16>) {
  %0 = aten.dropout(%x) p = 1.000000e-01, train = true : (tensor<8x16xf32>) -> tensor<8x16xf32>
  %1 = aten.dropout(%d) p = 5.000000e-01, train = false : (tensor<?x16xf32>) -> tensor<4x16xf32>
  %2 = aten.dropout(%u) p = 0.000000e+00, train = true : (tensor<*xbf16>) -> tensor<*xbf16>
  return
}

// CHECK-LABEL: func.func @feature_dropout
// CHECK: aten.feature_dropout(%{{.*}}) p = 2.500000e-01, train = true : (tensor<2x3x4xf16>) -> tensor<2x3x4xf16>
func.func @feature_dropout(%x: tensor<2x3x4xf16>) -> tensor<2x3x4xf16> {
  %0 = aten.feature_dropout(%x) p = 2.500000e-01, train = true : (tensor<2x3x4xf16>) -> tensor<2x3x4xf16>
  return %0 : tensor<2x3x4xf16>
}

// CHECK-LABEL: func.func @alpha_dropout
// CHECK: aten.alpha_dropout(%{{.*}}) p = 1.000000e+00, train = false : (tensor<8xf64>) -> tensor<8xf64>
func.func @alpha_dropout(%x: tensor<8xf64>) -> tensor<8xf64> {
  %0 = aten.alpha_dropout(%x) p = 1.000000e+00, train = false : (tensor<8xf64>) -> tensor<8xf64>
  return %0 : tensor<8xf64>
}

// CHECK-LABEL: func.func @feature_alpha_dropout
// CHECK: aten.feature_alpha_dropout(%{{.*}}) p = 0.33333333333333331, train = true : (tensor<2x3xf32>) -> tensor<2x3xf32>
func.func @feature_alpha_dropout(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = aten.feature_alpha_dropout(%x) p = 0.33333333333333331, train = true : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @native_dropout
// CHECK: %output, %mask = aten.native_dropout(%{{.*}}) p = 1.000000e-01, train = true : (tensor<8x16xf32>) -> (tensor<8x16xf32>, tensor<8x16xi1>)
func.func @native_dropout(%x: tensor<8x16xf32>) -> (tensor<8x16xf32>, tensor<8x16xi1>) {
  %0:2 = aten.native_dropout(%x) p = 1.000000e-01, train = true : (tensor<8x16xf32>) -> (tensor<8x16xf32>, tensor<8x16xi1>)
  return %0#0, %0#1 : tensor<8x16xf32>, tensor<8x16xi1>
}

// CHECK-LABEL: func.func @batch_norm
// CHECK: aten.batch_norm(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) training = true, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = true : (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<4x16x8x8xf32>
// CHECK: aten.batch_norm(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) training = true, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false : (tensor<4x16x8x8xf32>, !aten.none, !aten.none, !aten.none, !aten.none) -> tensor<4x16x8x8xf32>
func.func @batch_norm(%x: tensor<4x16x8x8xf32>, %c: tensor<16xf32>) {
  %n = aten.none
  %0 = aten.batch_norm(%x, %c, %c, %c, %c) training = true, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = true : (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<4x16x8x8xf32>
  %1 = aten.batch_norm(%x, %n, %n, %n, %n) training = true, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false : (tensor<4x16x8x8xf32>, !aten.none, !aten.none, !aten.none, !aten.none) -> tensor<4x16x8x8xf32>
  return
}

// CHECK-LABEL: func.func @native_batch_norm
// CHECK: aten.native_batch_norm(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) training = false, momentum = 3.000000e-02, eps = 1.000000e-03 : (tensor<2x3xf32>, tensor<3xf32>, !aten.none, tensor<3xf32>, tensor<3xf32>) -> (tensor<2x3xf32>, tensor<0xf32>, tensor<0xf32>)
func.func @native_batch_norm(%x: tensor<2x3xf32>, %c: tensor<3xf32>) {
  %n = aten.none
  %0:3 = aten.native_batch_norm(%x, %c, %n, %c, %c) training = false, momentum = 3.000000e-02, eps = 1.000000e-03 : (tensor<2x3xf32>, tensor<3xf32>, !aten.none, tensor<3xf32>, tensor<3xf32>) -> (tensor<2x3xf32>, tensor<0xf32>, tensor<0xf32>)
  return
}

// CHECK-LABEL: func.func @_native_batch_norm_legit
// CHECK: %output, %save_mean, %save_rstd = aten._native_batch_norm_legit(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) training = true, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<?x16x?x?xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<?x16x?x?xf32>, tensor<16xf32>, tensor<16xf32>)
func.func @_native_batch_norm_legit(%x: tensor<?x16x?x?xf32>, %c: tensor<16xf32>) {
  %0:3 = aten._native_batch_norm_legit(%x, %c, %c, %c, %c) training = true, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<?x16x?x?xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<?x16x?x?xf32>, tensor<16xf32>, tensor<16xf32>)
  return
}

// CHECK-LABEL: func.func @_native_batch_norm_legit$no_stats
// CHECK: aten._native_batch_norm_legit.no_stats(%{{.*}}, %{{.*}}, %{{.*}}) training = true, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, !aten.none, !aten.none) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
func.func @_native_batch_norm_legit$no_stats(%x: tensor<4x16xf32>) {
  %n = aten.none
  %0:3 = aten._native_batch_norm_legit.no_stats(%x, %n, %n) training = true, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, !aten.none, !aten.none) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
  return
}

// CHECK-LABEL: func.func @_native_batch_norm_legit_no_training
// CHECK: aten._native_batch_norm_legit_no_training(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16x8x8xf32>, tensor<0xf32>, tensor<0xf32>)
func.func @_native_batch_norm_legit_no_training(%x: tensor<4x16x8x8xf32>, %c: tensor<16xf32>) {
  %0:3 = aten._native_batch_norm_legit_no_training(%x, %c, %c, %c, %c) momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16x8x8xf32>, tensor<0xf32>, tensor<0xf32>)
  return
}

// CHECK-LABEL: func.func @_native_batch_norm_legit_functional
// CHECK: aten._native_batch_norm_legit_functional(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) training = true, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, !aten.none, !aten.none, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>)
func.func @_native_batch_norm_legit_functional(%x: tensor<4x16xf32>, %c: tensor<16xf32>) {
  %n = aten.none
  %0:5 = aten._native_batch_norm_legit_functional(%x, %n, %n, %c, %c) training = true, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, !aten.none, !aten.none, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>)
  return
}

// CHECK-LABEL: func.func @_batch_norm_with_update
// CHECK: %output, %save_mean, %save_rstd, %reserve = aten._batch_norm_with_update(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xui8>)
func.func @_batch_norm_with_update(%x: tensor<4x16x8x8xf32>, %c: tensor<16xf32>) {
  %0:4 = aten._batch_norm_with_update(%x, %c, %c, %c, %c) momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xui8>)
  return
}

// CHECK-LABEL: func.func @_batch_norm_no_update
// CHECK: aten._batch_norm_no_update(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xf32>)
// CHECK: aten._batch_norm_no_update(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16x8x8xf32>, !aten.none, !aten.none, !aten.none, !aten.none) -> (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xf32>)
func.func @_batch_norm_no_update(%x: tensor<4x16x8x8xf32>, %c: tensor<16xf32>) {
  %n = aten.none
  %0:4 = aten._batch_norm_no_update(%x, %c, %c, %c, %c) momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xf32>)
  %1:4 = aten._batch_norm_no_update(%x, %n, %n, %n, %n) momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16x8x8xf32>, !aten.none, !aten.none, !aten.none, !aten.none) -> (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xf32>)
  return
}

// CHECK-LABEL: func.func @cudnn_batch_norm
// CHECK: aten.cudnn_batch_norm(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) training = true, exponential_average_factor = 1.000000e-01, epsilon = 1.000000e-05 : (tensor<4x16x8x8xf16>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16x8x8xf16>, tensor<16xf32>, tensor<16xf32>, tensor<0xui8>)
func.func @cudnn_batch_norm(%x: tensor<4x16x8x8xf16>, %c: tensor<16xf32>) {
  %0:4 = aten.cudnn_batch_norm(%x, %c, %c, %c, %c) training = true, exponential_average_factor = 1.000000e-01, epsilon = 1.000000e-05 : (tensor<4x16x8x8xf16>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16x8x8xf16>, tensor<16xf32>, tensor<16xf32>, tensor<0xui8>)
  return
}

// CHECK-LABEL: func.func @instance_norm
// CHECK: aten.instance_norm(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) use_input_stats = true, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false : (tensor<2x16x8xf32>, !aten.none, !aten.none, tensor<16xf32>, tensor<16xf32>) -> tensor<2x16x8xf32>
func.func @instance_norm(%x: tensor<2x16x8xf32>, %c: tensor<16xf32>) -> tensor<2x16x8xf32> {
  %n = aten.none
  %0 = aten.instance_norm(%x, %n, %n, %c, %c) use_input_stats = true, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false : (tensor<2x16x8xf32>, !aten.none, !aten.none, tensor<16xf32>, tensor<16xf32>) -> tensor<2x16x8xf32>
  return %0 : tensor<2x16x8xf32>
}

// CHECK-LABEL: func.func @rrelu
// CHECK: aten.rrelu(%{{.*}}) lower = 1.250000e-01, upper = 0.33333333333333331, training = true : (tensor<8xf32>) -> tensor<8xf32>
func.func @rrelu(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = aten.rrelu(%x) lower = 1.250000e-01, upper = 0.33333333333333331, training = true : (tensor<8xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// Discardable attributes print after the scalar arguments.
// CHECK-LABEL: func.func @discardable
// CHECK: aten.dropout(%{{.*}}) p = 1.000000e-01, train = true {torch.node = "dropout_1"} : (tensor<8xf32>) -> tensor<8xf32>
func.func @discardable(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = aten.dropout(%x) p = 1.000000e-01, train = true {torch.node = "dropout_1"} : (tensor<8xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// CHECK-LABEL: func.func @in_place
// CHECK: aten.dropout_(%{{.*}}) p = 1.000000e-01, train = true : (tensor<8x16xf32>) -> tensor<8x16xf32>
// CHECK: aten.feature_dropout_(%{{.*}}) p = 2.000000e-01, train = false : (tensor<8x16xf32>) -> tensor<8x16xf32>
// CHECK: aten.alpha_dropout_(%{{.*}}) p = 3.000000e-01, train = true : (tensor<*xf16>) -> tensor<*xf16>
// CHECK: aten.feature_alpha_dropout_(%{{.*}}) p = 4.000000e-01, train = false : (tensor<8x16xf32>) -> tensor<8x16xf32>
// CHECK: aten.rrelu_(%{{.*}}) lower = 1.250000e-01, upper = 0.33333333333333331, training = true : (tensor<8x16xf32>) -> tensor<8x16xf32>
func.func @in_place(%x: tensor<8x16xf32>, %u: tensor<*xf16>) {
  %0 = aten.dropout_(%x) p = 1.000000e-01, train = true : (tensor<8x16xf32>) -> tensor<8x16xf32>
  %1 = aten.feature_dropout_(%x) p = 2.000000e-01, train = false : (tensor<8x16xf32>) -> tensor<8x16xf32>
  %2 = aten.alpha_dropout_(%u) p = 3.000000e-01, train = true : (tensor<*xf16>) -> tensor<*xf16>
  %3 = aten.feature_alpha_dropout_(%x) p = 4.000000e-01, train = false : (tensor<8x16xf32>) -> tensor<8x16xf32>
  %4 = aten.rrelu_(%x) lower = 1.250000e-01, upper = 0.33333333333333331, training = true : (tensor<8x16xf32>) -> tensor<8x16xf32>
  return
}

// CHECK-LABEL: func.func @rrelu_with_noise
// CHECK: aten.rrelu_with_noise(%{{.*}}, %{{.*}}) lower = 1.250000e-01, upper = 2.500000e-01, training = true : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
// CHECK: aten.rrelu_with_noise_(%{{.*}}, %{{.*}}) lower = 1.250000e-01, upper = 2.500000e-01, training = false : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
// CHECK: aten.rrelu_with_noise_functional(%{{.*}}, %{{.*}}) lower = 1.250000e-01, upper = 2.500000e-01, training = true : (tensor<8xf32>, tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>)
func.func @rrelu_with_noise(%x: tensor<8xf32>, %noise: tensor<8xf32>) {
  %0 = aten.rrelu_with_noise(%x, %noise) lower = 1.250000e-01, upper = 2.500000e-01, training = true : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  %1 = aten.rrelu_with_noise_(%x, %noise) lower = 1.250000e-01, upper = 2.500000e-01, training = false : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  %2:2 = aten.rrelu_with_noise_functional(%x, %noise) lower = 1.250000e-01, upper = 2.500000e-01, training = true : (tensor<8xf32>, tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>)
  return
}

// CHECK-LABEL: func.func @miopen_batch_norm
// CHECK: aten.miopen_batch_norm(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) training = true, exponential_average_factor = 1.000000e-01, epsilon = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, !aten.none, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
func.func @miopen_batch_norm(%x: tensor<4x16xf32>, %c: tensor<16xf32>) {
  %n = aten.none
  %0:3 = aten.miopen_batch_norm(%x, %c, %n, %c, %c) training = true, exponential_average_factor = 1.000000e-01, epsilon = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, !aten.none, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
  return
}

// CHECK-LABEL: func.func @recurrent
// CHECK: aten.lstm.input(%{{.*}}, [%{{.*}}, %{{.*}}], [%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}]) has_biases = true, num_layers = 2, dropout = 3.000000e-01, train = true, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>, tensor<24x6xf32>, tensor<24xf32>, tensor<24xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>)
// CHECK: aten.lstm.data(%{{.*}}, %{{.*}}, [%{{.*}}, %{{.*}}], [%{{.*}}, %{{.*}}]) has_biases = false, num_layers = 1, dropout = 0.000000e+00, train = false, bidirectional = true : (tensor<7x4xf32>, tensor<3xsi64>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>, tensor<24x6xf32>) -> (tensor<7x12xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>)
// CHECK: aten.gru.input(%{{.*}}, %{{.*}}, [%{{.*}}, %{{.*}}]) has_biases = false, num_layers = 1, dropout = 1.000000e-01, train = true, bidirectional = false, batch_first = false : (tensor<5x2x4xf32>, tensor<1x2x6xf32>, tensor<18x4xf32>, tensor<18x6xf32>) -> (tensor<5x2x6xf32>, tensor<1x2x6xf32>)
// CHECK: aten.gru.data(%{{.*}}, %{{.*}}, %{{.*}}, [%{{.*}}]) has_biases = false, num_layers = 1, dropout = 1.000000e-01, train = true, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<1x2x6xf32>, tensor<18x4xf32>) -> (tensor<7x6xf32>, tensor<1x2x6xf32>)
// CHECK: aten.rnn_tanh.input(%{{.*}}, %{{.*}}, []) has_biases = false, num_layers = 3, dropout = 5.000000e-01, train = false, bidirectional = true, batch_first = true
// CHECK: aten.rnn_tanh.data(
// CHECK: aten.rnn_relu.input(
// CHECK: aten.rnn_relu.data(
func.func @recurrent(%x: tensor<2x5x4xf32>, %h: tensor<2x2x6xf32>, %wi: tensor<24x4xf32>, %wh: tensor<24x6xf32>, %b: tensor<24xf32>, %packed: tensor<7x4xf32>, %sizes: tensor<3xsi64>, %sizes2: tensor<3xi64>, %xs: tensor<5x2x4xf32>, %h1: tensor<1x2x6xf32>, %gi: tensor<18x4xf32>, %gh: tensor<18x6xf32>) {
  %0:3 = aten.lstm.input(%x, [%h, %h], [%wi, %wh, %b, %b]) has_biases = true, num_layers = 2, dropout = 3.000000e-01, train = true, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>, tensor<24x6xf32>, tensor<24xf32>, tensor<24xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>)
  %1:3 = aten.lstm.data(%packed, %sizes, [%h, %h], [%wi, %wh]) has_biases = false, num_layers = 1, dropout = 0.000000e+00, train = false, bidirectional = true : (tensor<7x4xf32>, tensor<3xsi64>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>, tensor<24x6xf32>) -> (tensor<7x12xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>)
  %2:2 = aten.gru.input(%xs, %h1, [%gi, %gh]) has_biases = false, num_layers = 1, dropout = 1.000000e-01, train = true, bidirectional = false, batch_first = false : (tensor<5x2x4xf32>, tensor<1x2x6xf32>, tensor<18x4xf32>, tensor<18x6xf32>) -> (tensor<5x2x6xf32>, tensor<1x2x6xf32>)
  %3:2 = aten.gru.data(%packed, %sizes2, %h1, [%gi]) has_biases = false, num_layers = 1, dropout = 1.000000e-01, train = true, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<1x2x6xf32>, tensor<18x4xf32>) -> (tensor<7x6xf32>, tensor<1x2x6xf32>)
  %4:2 = aten.rnn_tanh.input(%x, %h, []) has_biases = false, num_layers = 3, dropout = 5.000000e-01, train = false, bidirectional = true, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>) -> (tensor<2x5x12xf32>, tensor<2x2x6xf32>)
  %5:2 = aten.rnn_tanh.data(%packed, %sizes, %h1, [%gi]) has_biases = false, num_layers = 1, dropout = 1.000000e-01, train = true, bidirectional = false : (tensor<7x4xf32>, tensor<3xsi64>, tensor<1x2x6xf32>, tensor<18x4xf32>) -> (tensor<7x6xf32>, tensor<1x2x6xf32>)
  %6:2 = aten.rnn_relu.input(%x, %h, [%wi]) has_biases = false, num_layers = 3, dropout = 5.000000e-01, train = true, bidirectional = true, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x12xf32>, tensor<2x2x6xf32>)
  %7:2 = aten.rnn_relu.data(%packed, %sizes, %h1, [%gi]) has_biases = false, num_layers = 1, dropout = 1.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xsi64>, tensor<1x2x6xf32>, tensor<18x4xf32>) -> (tensor<7x6xf32>, tensor<1x2x6xf32>)
  return
}

// CHECK-LABEL: func.func @attention
// CHECK: %[[N:.*]] = aten.none
// CHECK: aten.scaled_dot_product_attention(%arg0, %arg0, %arg0, %[[N]]) dropout_p = 1.000000e-01, is_causal = false, enable_gqa = false : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, !aten.none) -> tensor<2x4x8x16xf32>
// CHECK: aten.scaled_dot_product_attention(%arg0, %arg0, %arg0, %arg1) dropout_p = 0.000000e+00, is_causal = true, enable_gqa = true, scale = 2.500000e-01 {aten.training_dropout_p = 2.000000e-01 : f64} : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<8x8xi1>) -> tensor<2x4x8x16xf32>
// CHECK: aten.scaled_dot_product_attention(%arg0, %arg0, %arg0, %[[N]]) dropout_p = 5.000000e-01, is_causal = false, enable_gqa = false {aten.given_dropout_p} : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, !aten.none) -> tensor<2x4x8x16xf32>
func.func @attention(%q: tensor<2x4x8x16xf32>, %mask: tensor<8x8xi1>) {
  %n = aten.none
  %0 = aten.scaled_dot_product_attention(%q, %q, %q, %n) dropout_p = 1.000000e-01, is_causal = false, enable_gqa = false : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, !aten.none) -> tensor<2x4x8x16xf32>
  %1 = aten.scaled_dot_product_attention(%q, %q, %q, %mask) dropout_p = 0.000000e+00, is_causal = true, enable_gqa = true, scale = 2.500000e-01 {aten.training_dropout_p = 2.000000e-01 : f64} : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<8x8xi1>) -> tensor<2x4x8x16xf32>
  %2 = aten.scaled_dot_product_attention(%q, %q, %q, %n) dropout_p = 5.000000e-01, is_causal = false, enable_gqa = false {aten.given_dropout_p} : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, !aten.none) -> tensor<2x4x8x16xf32>
  return
}
