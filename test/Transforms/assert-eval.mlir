// The guard reports every op in training form, and nothing else.
// RUN: mode-opt %s -split-input-file -verify-diagnostics --allow-unregistered-dialect --assert-eval | FileCheck %s
// RUN: mode-opt %s -split-input-file -verify-diagnostics --allow-unregistered-dialect --pass-pipeline='builtin.module(func.func(assert-eval))' | FileCheck %s
// The deployment pipeline: after to-eval every split passes the guard.
// RUN: mode-opt %s -split-input-file --allow-unregistered-dialect --to-eval --assert-eval | FileCheck %s --check-prefix=SWITCHED
// On the example model in training form: every batch norm and the dropout
// are named and the exit status is 1; after to-eval the guard passes.
// RUN: not mode-opt %mode_src_root/examples/resnet_block_train.mlir --assert-eval -o /dev/null 2>&1 | FileCheck %s --check-prefix=RESNET --implicit-check-not=error:
// RUN: mode-opt %mode_src_root/examples/resnet_block_train.mlir --to-eval --assert-eval | FileCheck %s --check-prefix=RESNET-EVAL
// The same through the stock mlir-opt with ModePlugin.so.
// RUN: mlir-opt %s -split-input-file -verify-diagnostics --allow-unregistered-dialect --load-dialect-plugin=%mode_plugin --load-pass-plugin=%mode_plugin --pass-pipeline='builtin.module(assert-eval)' | FileCheck %s
// RUN: not mlir-opt %mode_src_root/examples/resnet_block_train.mlir --load-dialect-plugin=%mode_plugin --load-pass-plugin=%mode_plugin --pass-pipeline='builtin.module(assert-eval)' -o /dev/null 2>&1 | FileCheck %s --check-prefix=RESNET --implicit-check-not=error:
// RUN: mlir-opt %mode_src_root/examples/resnet_block_train.mlir --load-dialect-plugin=%mode_plugin --load-pass-plugin=%mode_plugin --pass-pipeline='builtin.module(to-eval,assert-eval)' | FileCheck %s --check-prefix=RESNET-EVAL

// RESNET: resnet_block_train.mlir:37:12: error: 'aten._native_batch_norm_legit' is in training mode (training = true); run --to-eval to switch it
// RESNET: resnet_block_train.mlir:49:12: error: 'aten._native_batch_norm_legit' is in training mode (training = true); run --to-eval to switch it
// RESNET: resnet_block_train.mlir:59:10: error: 'aten.batch_norm' is in training mode (training = true); run --to-eval to switch it
// RESNET: resnet_block_train.mlir:72:11: error: 'aten.dropout' is in training mode (train = true); run --to-eval to switch it

// RESNET-EVAL-LABEL: func.func @forward
// RESNET-EVAL-COUNT-2: aten._native_batch_norm_legit_no_training(
// RESNET-EVAL: aten.batch_norm({{.*}} training = false,
// RESNET-EVAL: aten.dropout({{.*}} train = false

// Every training form in one function: all are reported, not just the first.
// SWITCHED-LABEL: func.func @all$train
// SWITCHED-NOT: {{(train|training|use_input_stats) = true}}
// SWITCHED: return
func.func @all$train(%x: tensor<4x16xf32>, %c: tensor<16xf32>) {
  %n = aten.none
  // expected-error @+1 {{'aten.dropout' is in training mode (train = true); run --to-eval to switch it}}
  %0 = aten.dropout(%x) p = 1.000000e-01, train = true : (tensor<4x16xf32>) -> tensor<4x16xf32>
  // expected-error @+1 {{'aten.feature_dropout' is in training mode (train = true); run --to-eval to switch it}}
  %1 = aten.feature_dropout(%x) p = 1.000000e-01, train = true : (tensor<4x16xf32>) -> tensor<4x16xf32>
  // expected-error @+1 {{'aten.alpha_dropout' is in training mode (train = true); run --to-eval to switch it}}
  %2 = aten.alpha_dropout(%x) p = 1.000000e-01, train = true : (tensor<4x16xf32>) -> tensor<4x16xf32>
  // expected-error @+1 {{'aten.feature_alpha_dropout' is in training mode (train = true); run --to-eval to switch it}}
  %3 = aten.feature_alpha_dropout(%x) p = 1.000000e-01, train = true : (tensor<4x16xf32>) -> tensor<4x16xf32>
  // expected-error @+1 {{'aten.native_dropout' is in training mode (train = true); run --to-eval to switch it}}
  %4:2 = aten.native_dropout(%x) p = 1.000000e-01, train = true : (tensor<4x16xf32>) -> (tensor<4x16xf32>, tensor<4x16xi1>)
  // expected-error @+1 {{'aten.rrelu' is in training mode (training = true); run --to-eval to switch it}}
  %5 = aten.rrelu(%x) lower = 1.000000e-01, upper = 2.000000e-01, training = true : (tensor<4x16xf32>) -> tensor<4x16xf32>
  // expected-error @+1 {{'aten.batch_norm' is in training mode (training = true); run --to-eval to switch it}}
  %6 = aten.batch_norm(%x, %c, %c, %c, %c) training = true, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  // expected-error @+1 {{'aten.native_batch_norm' is in training mode (training = true); run --to-eval to switch it}}
  %7:3 = aten.native_batch_norm(%x, %c, %c, %c, %c) training = true, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
  // expected-error @+1 {{'aten._native_batch_norm_legit' is in training mode (training = true); run --to-eval to switch it}}
  %8:3 = aten._native_batch_norm_legit(%x, %c, %c, %c, %c) training = true, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
  // expected-error @+1 {{'aten._native_batch_norm_legit_functional' is in training mode (training = true); run --to-eval to switch it}}
  %9:5 = aten._native_batch_norm_legit_functional(%x, %c, %c, %c, %c) training = true, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>)
  // The op itself is the training form: no flag to name.
  // expected-error @+1 {{'aten._batch_norm_with_update' is in training mode; run --to-eval to switch it}}
  %10:4 = aten._batch_norm_with_update(%x, %c, %c, %c, %c) momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xui8>)
  // expected-error @+1 {{'aten.cudnn_batch_norm' is in training mode (training = true); run --to-eval to switch it}}
  %11:4 = aten.cudnn_batch_norm(%x, %c, %c, %c, %c) training = true, exponential_average_factor = 1.000000e-01, epsilon = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xui8>)
  // expected-error @+1 {{'aten.instance_norm' is in training mode (use_input_stats = true); run --to-eval to switch it}}
  %12 = aten.instance_norm(%x, %n, %n, %c, %c) use_input_stats = true, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false : (tensor<4x16xf32>, !aten.none, !aten.none, tensor<16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  return
}

// -----

// Ops in training form inside other ops' regions are found too.
// SWITCHED-LABEL: func.func @nested$train
// SWITCHED: aten.dropout({{.*}} train = false
// SWITCHED: aten.rrelu({{.*}} training = false
func.func @nested$train(%cond: i1, %x: tensor<8xf32>) {
  scf.if %cond {
    // expected-error @+1 {{'aten.dropout' is in training mode (train = true)}}
    %0 = aten.dropout(%x) p = 5.000000e-01, train = true : (tensor<8xf32>) -> tensor<8xf32>
  }
  "unregistered.region"() ({
    // expected-error @+1 {{'aten.rrelu' is in training mode (training = true)}}
    %1 = aten.rrelu(%x) lower = 1.000000e-01, upper = 2.000000e-01, training = true : (tensor<8xf32>) -> tensor<8xf32>
    "unregistered.terminator"() : () -> ()
  }) : () -> ()
  return
}

// -----

// Evaluation forms, and ops that are the same in both modes (no running
// statistics), pass; the guard changes nothing.
// CHECK-LABEL: func.func @all$eval
// CHECK-NEXT: %[[N:.*]] = aten.none
// CHECK-NEXT: aten.dropout(%arg0) p = 1.000000e-01, train = false {torch.node = "d"} :
// CHECK-NEXT: aten.native_dropout(%arg0) p = 1.000000e-01, train = false :
// CHECK-NEXT: aten.rrelu(%arg0) lower = 1.000000e-01, upper = 2.000000e-01, training = false :
// CHECK-NEXT: aten.batch_norm(%arg0, %arg1, %arg1, %arg1, %arg1) training = false,
// CHECK-NEXT: aten._native_batch_norm_legit(%arg0, %arg1, %arg1, %arg1, %arg1) training = false,
// CHECK-NEXT: aten._native_batch_norm_legit_no_training(%arg0, %arg1, %arg1, %arg1, %arg1) momentum
// CHECK-NEXT: aten._batch_norm_no_update(%arg0, %arg1, %arg1, %arg1, %arg1) momentum
// CHECK-NEXT: aten.instance_norm(%arg0, %[[N]], %[[N]], %arg1, %arg1) use_input_stats = false,
// CHECK-NEXT: aten.batch_norm(%arg0, %[[N]], %[[N]], %[[N]], %[[N]]) training = true,
// CHECK-NEXT: aten.cudnn_batch_norm(%arg0, %arg1, %[[N]], %[[N]], %[[N]]) training = true,
// CHECK-NEXT: aten.instance_norm(%arg0, %[[N]], %[[N]], %[[N]], %[[N]]) use_input_stats = true,
// CHECK-NEXT: aten._native_batch_norm_legit.no_stats(%arg0, %[[N]], %[[N]]) training = true,
// CHECK-NEXT: aten._batch_norm_no_update(%arg0, %[[N]], %[[N]], %[[N]], %[[N]]) momentum
// CHECK-NEXT: "foo.bar"() {train = true} : () -> ()
// CHECK-NEXT: return
// SWITCHED-LABEL: func.func @all$eval
func.func @all$eval(%x: tensor<4x16xf32>, %c: tensor<16xf32>) {
  %n = aten.none
  %0 = aten.dropout(%x) p = 1.000000e-01, train = false {torch.node = "d"} : (tensor<4x16xf32>) -> tensor<4x16xf32>
  %1:2 = aten.native_dropout(%x) p = 1.000000e-01, train = false : (tensor<4x16xf32>) -> (tensor<4x16xf32>, tensor<4x16xi1>)
  %2 = aten.rrelu(%x) lower = 1.000000e-01, upper = 2.000000e-01, training = false : (tensor<4x16xf32>) -> tensor<4x16xf32>
  %3 = aten.batch_norm(%x, %c, %c, %c, %c) training = false, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  %4:3 = aten._native_batch_norm_legit(%x, %c, %c, %c, %c) training = false, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
  %5:3 = aten._native_batch_norm_legit_no_training(%x, %c, %c, %c, %c) momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<0xf32>, tensor<0xf32>)
  %6:4 = aten._batch_norm_no_update(%x, %c, %c, %c, %c) momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xf32>)
  %7 = aten.instance_norm(%x, %n, %n, %c, %c) use_input_stats = false, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false : (tensor<4x16xf32>, !aten.none, !aten.none, tensor<16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  %8 = aten.batch_norm(%x, %n, %n, %n, %n) training = true, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false : (tensor<4x16xf32>, !aten.none, !aten.none, !aten.none, !aten.none) -> tensor<4x16xf32>
  %9:4 = aten.cudnn_batch_norm(%x, %c, %n, %n, %n) training = true, exponential_average_factor = 1.000000e-01, epsilon = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, !aten.none, !aten.none, !aten.none) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xui8>)
  %10 = aten.instance_norm(%x, %n, %n, %n, %n) use_input_stats = true, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false : (tensor<4x16xf32>, !aten.none, !aten.none, !aten.none, !aten.none) -> tensor<4x16xf32>
  %11:3 = aten._native_batch_norm_legit.no_stats(%x, %n, %n) training = true, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, !aten.none, !aten.none) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
  %12:4 = aten._batch_norm_no_update(%x, %n, %n, %n, %n) momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, !aten.none, !aten.none, !aten.none, !aten.none) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xf32>)
  // Other dialects' `train` attributes are none of the guard's business.
  "foo.bar"() {train = true} : () -> ()
  return
}

// -----

// Every recurrent op and attention in training form: each is reported, with
// its flag if it has one (attention's mode is its dropout probability).
// SWITCHED-LABEL: func.func @recurrent_attention$train
// SWITCHED-NOT: train = true
// SWITCHED-NOT: {{ dropout_p = [^0]}}
// SWITCHED: return
func.func @recurrent_attention$train(%x: tensor<2x5x4xf32>, %h: tensor<2x2x6xf32>, %w: tensor<24x4xf32>, %data: tensor<7x4xf32>, %sizes: tensor<3xi64>, %q: tensor<2x4x8x16xf32>, %mask: tensor<8x8xi1>) {
  %n = aten.none
  // expected-error @+1 {{'aten.lstm.input' is in training mode (train = true); run --to-eval to switch it}}
  %0:3 = aten.lstm.input(%x, [%h, %h], [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = true, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>)
  // expected-error @+1 {{'aten.lstm.data' is in training mode (train = true); run --to-eval to switch it}}
  %1:3 = aten.lstm.data(%data, %sizes, [%h, %h], [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = true, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>)
  // expected-error @+1 {{'aten.gru.input' is in training mode (train = true); run --to-eval to switch it}}
  %2:2 = aten.gru.input(%x, %h, [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = true, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
  // expected-error @+1 {{'aten.gru.data' is in training mode (train = true); run --to-eval to switch it}}
  %3:2 = aten.gru.data(%data, %sizes, %h, [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = true, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
  // expected-error @+1 {{'aten.rnn_tanh.input' is in training mode (train = true); run --to-eval to switch it}}
  %4:2 = aten.rnn_tanh.input(%x, %h, [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = true, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
  // expected-error @+1 {{'aten.rnn_tanh.data' is in training mode (train = true); run --to-eval to switch it}}
  %5:2 = aten.rnn_tanh.data(%data, %sizes, %h, [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = true, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
  // expected-error @+1 {{'aten.rnn_relu.input' is in training mode (train = true); run --to-eval to switch it}}
  %6:2 = aten.rnn_relu.input(%x, %h, [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = true, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
  // expected-error @+1 {{'aten.rnn_relu.data' is in training mode (train = true); run --to-eval to switch it}}
  %7:2 = aten.rnn_relu.data(%data, %sizes, %h, [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = true, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
  // expected-error @+1 {{'aten.scaled_dot_product_attention' is in training mode; run --to-eval to switch it}}
  %8 = aten.scaled_dot_product_attention(%q, %q, %q, %n) dropout_p = 1.000000e-01, is_causal = false, enable_gqa = false : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, !aten.none) -> tensor<2x4x8x16xf32>
  // expected-error @+1 {{'aten.scaled_dot_product_attention' is in training mode; run --to-eval to switch it}}
  %9 = aten.scaled_dot_product_attention(%q, %q, %q, %mask) dropout_p = 1.000000e+00, is_causal = true, enable_gqa = true, scale = 2.500000e-01 : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<8x8xi1>) -> tensor<2x4x8x16xf32>
  return
}

// -----

// In evaluation form they pass, and the guard changes nothing.
// CHECK-LABEL: func.func @recurrent_attention$eval
// CHECK-NEXT: %[[N:.*]] = aten.none
// CHECK-NEXT: {{.*}} = aten.lstm.input(%arg0, [%arg1, %arg1], [%arg2]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>)
// CHECK-NEXT: {{.*}} = aten.lstm.data(%arg3, %arg4, [%arg1, %arg1], [%arg2]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>)
// CHECK-NEXT: {{.*}} = aten.gru.input(%arg0, %arg1, [%arg2]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
// CHECK-NEXT: {{.*}} = aten.gru.data(%arg3, %arg4, %arg1, [%arg2]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
// CHECK-NEXT: {{.*}} = aten.rnn_tanh.input(%arg0, %arg1, [%arg2]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
// CHECK-NEXT: {{.*}} = aten.rnn_tanh.data(%arg3, %arg4, %arg1, [%arg2]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
// CHECK-NEXT: {{.*}} = aten.rnn_relu.input(%arg0, %arg1, [%arg2]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
// CHECK-NEXT: {{.*}} = aten.rnn_relu.data(%arg3, %arg4, %arg1, [%arg2]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
// CHECK-NEXT: {{.*}} = aten.scaled_dot_product_attention(%arg5, %arg5, %arg5, %[[N]]) dropout_p = 0.000000e+00, is_causal = false, enable_gqa = false {aten.training_dropout_p = 1.000000e-01 : f64} : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, !aten.none) -> tensor<2x4x8x16xf32>
// CHECK-NEXT: {{.*}} = aten.scaled_dot_product_attention(%arg5, %arg5, %arg5, %arg6) dropout_p = 0.000000e+00, is_causal = true, enable_gqa = true, scale = 2.500000e-01 {aten.training_dropout_p = 1.000000e+00 : f64} : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<8x8xi1>) -> tensor<2x4x8x16xf32>
// CHECK-NEXT: return
// SWITCHED-LABEL: func.func @recurrent_attention$eval
func.func @recurrent_attention$eval(%x: tensor<2x5x4xf32>, %h: tensor<2x2x6xf32>, %w: tensor<24x4xf32>, %data: tensor<7x4xf32>, %sizes: tensor<3xi64>, %q: tensor<2x4x8x16xf32>, %mask: tensor<8x8xi1>) {
  %n = aten.none
  %0:3 = aten.lstm.input(%x, [%h, %h], [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>)
  %1:3 = aten.lstm.data(%data, %sizes, [%h, %h], [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>)
  %2:2 = aten.gru.input(%x, %h, [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
  %3:2 = aten.gru.data(%data, %sizes, %h, [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
  %4:2 = aten.rnn_tanh.input(%x, %h, [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
  %5:2 = aten.rnn_tanh.data(%data, %sizes, %h, [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
  %6:2 = aten.rnn_relu.input(%x, %h, [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
  %7:2 = aten.rnn_relu.data(%data, %sizes, %h, [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
  %8 = aten.scaled_dot_product_attention(%q, %q, %q, %n) dropout_p = 0.000000e+00, is_causal = false, enable_gqa = false {aten.training_dropout_p = 1.000000e-01 : f64} : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, !aten.none) -> tensor<2x4x8x16xf32>
  %9 = aten.scaled_dot_product_attention(%q, %q, %q, %mask) dropout_p = 0.000000e+00, is_causal = true, enable_gqa = true, scale = 2.500000e-01 {aten.training_dropout_p = 1.000000e+00 : f64} : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<8x8xi1>) -> tensor<2x4x8x16xf32>
  return
}
