// The guard reports every op in evaluation form, and nothing else.
// RUN: mode-opt %s -split-input-file -verify-diagnostics --allow-unregistered-dialect --assert-train | FileCheck %s
// RUN: mode-opt %s -split-input-file -verify-diagnostics --allow-unregistered-dialect --pass-pipeline='builtin.module(func.func(assert-train))' | FileCheck %s
// A training pipeline: after to-train every split passes the guard.
// RUN: mode-opt %s -split-input-file --allow-unregistered-dialect --to-train --assert-train | FileCheck %s --check-prefix=SWITCHED
// The example model is in training form: it passes as it is, and after
// to-eval fails with exit status 1, naming every switched op.
// RUN: mode-opt %mode_src_root/examples/resnet_block_train.mlir --assert-train | FileCheck %s --check-prefix=RESNET-TRAIN
// RUN: mode-opt %mode_src_root/examples/resnet_block_train.mlir --to-eval -o %t.eval.mlir
// RUN: not mode-opt %t.eval.mlir --assert-train -o /dev/null 2>&1 | FileCheck %s --check-prefix=RESNET --implicit-check-not=error:
// The same through the stock mlir-opt with ModePlugin.so.
// RUN: mlir-opt %s -split-input-file -verify-diagnostics --allow-unregistered-dialect --load-dialect-plugin=%mode_plugin --load-pass-plugin=%mode_plugin --pass-pipeline='builtin.module(func.func(assert-train))' | FileCheck %s
// RUN: not mlir-opt %t.eval.mlir --load-dialect-plugin=%mode_plugin --load-pass-plugin=%mode_plugin --pass-pipeline='builtin.module(assert-train)' -o /dev/null 2>&1 | FileCheck %s --check-prefix=RESNET --implicit-check-not=error:

// RESNET-TRAIN-LABEL: func.func @forward
// RESNET-TRAIN-COUNT-2: aten._native_batch_norm_legit({{.*}} training = true,

// RESNET-COUNT-2: error: 'aten._native_batch_norm_legit_no_training' is in evaluation mode; run --to-train to switch it
// RESNET: error: 'aten.batch_norm' is in evaluation mode (training = false); run --to-train to switch it
// RESNET: error: 'aten.dropout' is in evaluation mode (train = false); run --to-train to switch it

// Every evaluation form in one function: all are reported, not just the
// first.
// SWITCHED-LABEL: func.func @all$eval
// SWITCHED-NOT: {{(train|training|use_input_stats) = false}}
// SWITCHED-NOT: _no_training
// SWITCHED-NOT: _no_update
// SWITCHED: return
func.func @all$eval(%x: tensor<4x16xf32>, %c: tensor<16xf32>) {
  %n = aten.none
  // expected-error @+1 {{'aten.dropout' is in evaluation mode (train = false); run --to-train to switch it}}
  %0 = aten.dropout(%x) p = 1.000000e-01, train = false : (tensor<4x16xf32>) -> tensor<4x16xf32>
  // expected-error @+1 {{'aten.feature_dropout' is in evaluation mode (train = false); run --to-train to switch it}}
  %1 = aten.feature_dropout(%x) p = 1.000000e-01, train = false : (tensor<4x16xf32>) -> tensor<4x16xf32>
  // expected-error @+1 {{'aten.alpha_dropout' is in evaluation mode (train = false); run --to-train to switch it}}
  %2 = aten.alpha_dropout(%x) p = 1.000000e-01, train = false : (tensor<4x16xf32>) -> tensor<4x16xf32>
  // expected-error @+1 {{'aten.feature_alpha_dropout' is in evaluation mode (train = false); run --to-train to switch it}}
  %3 = aten.feature_alpha_dropout(%x) p = 1.000000e-01, train = false : (tensor<4x16xf32>) -> tensor<4x16xf32>
  // expected-error @+1 {{'aten.native_dropout' is in evaluation mode (train = false); run --to-train to switch it}}
  %4:2 = aten.native_dropout(%x) p = 1.000000e-01, train = false : (tensor<4x16xf32>) -> (tensor<4x16xf32>, tensor<4x16xi1>)
  // expected-error @+1 {{'aten.rrelu' is in evaluation mode (training = false); run --to-train to switch it}}
  %5 = aten.rrelu(%x) lower = 1.000000e-01, upper = 2.000000e-01, training = false : (tensor<4x16xf32>) -> tensor<4x16xf32>
  // expected-error @+1 {{'aten.batch_norm' is in evaluation mode (training = false); run --to-train to switch it}}
  %6 = aten.batch_norm(%x, %c, %c, %c, %c) training = false, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  // expected-error @+1 {{'aten.native_batch_norm' is in evaluation mode (training = false); run --to-train to switch it}}
  %7:3 = aten.native_batch_norm(%x, %c, %c, %c, %c) training = false, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
  // expected-error @+1 {{'aten._native_batch_norm_legit' is in evaluation mode (training = false); run --to-train to switch it}}
  %8:3 = aten._native_batch_norm_legit(%x, %c, %c, %c, %c) training = false, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
  // The op itself is the evaluation form: no flag to name.
  // expected-error @+1 {{'aten._native_batch_norm_legit_no_training' is in evaluation mode; run --to-train to switch it}}
  %9:3 = aten._native_batch_norm_legit_no_training(%x, %c, %c, %c, %c) momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<0xf32>, tensor<0xf32>)
  // expected-error @+1 {{'aten._native_batch_norm_legit_functional' is in evaluation mode (training = false); run --to-train to switch it}}
  %10:5 = aten._native_batch_norm_legit_functional(%x, %c, %c, %c, %c) training = false, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>)
  // expected-error @+1 {{'aten._batch_norm_no_update' is in evaluation mode; run --to-train to switch it}}
  %11:4 = aten._batch_norm_no_update(%x, %c, %c, %c, %c) momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xf32>)
  // expected-error @+1 {{'aten.cudnn_batch_norm' is in evaluation mode (training = false); run --to-train to switch it}}
  %12:4 = aten.cudnn_batch_norm(%x, %c, %c, %c, %c) training = false, exponential_average_factor = 1.000000e-01, epsilon = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xui8>)
  // expected-error @+1 {{'aten.instance_norm' is in evaluation mode (use_input_stats = false); run --to-train to switch it}}
  %13 = aten.instance_norm(%x, %n, %n, %c, %c) use_input_stats = false, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false : (tensor<4x16xf32>, !aten.none, !aten.none, tensor<16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  return
}

// -----

// Ops in evaluation form inside other ops' regions are found too.
// SWITCHED-LABEL: func.func @nested$eval
// SWITCHED: aten.dropout({{.*}} train = true
// SWITCHED: aten.rrelu({{.*}} training = true
func.func @nested$eval(%cond: i1, %x: tensor<8xf32>) {
  scf.if %cond {
    // expected-error @+1 {{'aten.dropout' is in evaluation mode (train = false)}}
    %0 = aten.dropout(%x) p = 5.000000e-01, train = false : (tensor<8xf32>) -> tensor<8xf32>
  }
  "unregistered.region"() ({
    // expected-error @+1 {{'aten.rrelu' is in evaluation mode (training = false)}}
    %1 = aten.rrelu(%x) lower = 1.000000e-01, upper = 2.000000e-01, training = false : (tensor<8xf32>) -> tensor<8xf32>
    "unregistered.terminator"() : () -> ()
  }) : () -> ()
  return
}

// -----

// Training forms, and ops that are the same in both modes (no running
// statistics), pass; the guard changes nothing.
// CHECK-LABEL: func.func @all$train
// CHECK-NEXT: %[[N:.*]] = aten.none
// CHECK-NEXT: aten.dropout(%arg0) p = 1.000000e-01, train = true {torch.node = "d"} :
// CHECK-NEXT: aten.native_dropout(%arg0) p = 1.000000e-01, train = true :
// CHECK-NEXT: aten.rrelu(%arg0) lower = 1.000000e-01, upper = 2.000000e-01, training = true :
// CHECK-NEXT: aten.batch_norm(%arg0, %arg1, %arg1, %arg1, %arg1) training = true,
// CHECK-NEXT: aten._native_batch_norm_legit(%arg0, %arg1, %arg1, %arg1, %arg1) training = true,
// CHECK-NEXT: aten._batch_norm_with_update(%arg0, %arg1, %arg1, %arg1, %arg1) momentum
// CHECK-NEXT: aten.instance_norm(%arg0, %[[N]], %[[N]], %arg1, %arg1) use_input_stats = true,
// CHECK-NEXT: aten.batch_norm(%arg0, %[[N]], %[[N]], %[[N]], %[[N]]) training = true,
// CHECK-NEXT: aten._native_batch_norm_legit.no_stats(%arg0, %[[N]], %[[N]]) training = false,
// CHECK-NEXT: aten._batch_norm_no_update(%arg0, %[[N]], %[[N]], %[[N]], %[[N]]) momentum
// CHECK-NEXT: "foo.bar"() {training = false} : () -> ()
// CHECK-NEXT: return
// SWITCHED-LABEL: func.func @all$train
func.func @all$train(%x: tensor<4x16xf32>, %c: tensor<16xf32>) {
  %n = aten.none
  %0 = aten.dropout(%x) p = 1.000000e-01, train = true {torch.node = "d"} : (tensor<4x16xf32>) -> tensor<4x16xf32>
  %1:2 = aten.native_dropout(%x) p = 1.000000e-01, train = true : (tensor<4x16xf32>) -> (tensor<4x16xf32>, tensor<4x16xi1>)
  %2 = aten.rrelu(%x) lower = 1.000000e-01, upper = 2.000000e-01, training = true : (tensor<4x16xf32>) -> tensor<4x16xf32>
  %3 = aten.batch_norm(%x, %c, %c, %c, %c) training = true, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  %4:3 = aten._native_batch_norm_legit(%x, %c, %c, %c, %c) training = true, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
  %5:4 = aten._batch_norm_with_update(%x, %c, %c, %c, %c) momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xui8>)
  %6 = aten.instance_norm(%x, %n, %n, %c, %c) use_input_stats = true, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false : (tensor<4x16xf32>, !aten.none, !aten.none, tensor<16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  %7 = aten.batch_norm(%x, %n, %n, %n, %n) training = true, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false : (tensor<4x16xf32>, !aten.none, !aten.none, !aten.none, !aten.none) -> tensor<4x16xf32>
  %8:3 = aten._native_batch_norm_legit.no_stats(%x, %n, %n) training = false, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, !aten.none, !aten.none) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
  %9:4 = aten._batch_norm_no_update(%x, %n, %n, %n, %n) momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, !aten.none, !aten.none, !aten.none, !aten.none) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xf32>)
  // Other dialects' `training` attributes are none of the guard's business.
  "foo.bar"() {training = false} : () -> ()
  return
}

// -----

// Every recurrent op and attention in evaluation form: each is reported,
// with its flag if it has one (attention's mode is its dropout probability;
// these keep the one to-train restores).
// SWITCHED-LABEL: func.func @recurrent_attention$eval
// SWITCHED-NOT: train = false
// SWITCHED-NOT: dropout_p = 0.000000e+00
// SWITCHED-NOT: aten.training_dropout_p
// SWITCHED: return
func.func @recurrent_attention$eval(%x: tensor<2x5x4xf32>, %h: tensor<2x2x6xf32>, %w: tensor<24x4xf32>, %data: tensor<7x4xf32>, %sizes: tensor<3xi64>, %q: tensor<2x4x8x16xf32>, %mask: tensor<8x8xi1>) {
  %n = aten.none
  // expected-error @+1 {{'aten.lstm.input' is in evaluation mode (train = false); run --to-train to switch it}}
  %0:3 = aten.lstm.input(%x, [%h, %h], [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>)
  // expected-error @+1 {{'aten.lstm.data' is in evaluation mode (train = false); run --to-train to switch it}}
  %1:3 = aten.lstm.data(%data, %sizes, [%h, %h], [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>)
  // expected-error @+1 {{'aten.gru.input' is in evaluation mode (train = false); run --to-train to switch it}}
  %2:2 = aten.gru.input(%x, %h, [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
  // expected-error @+1 {{'aten.gru.data' is in evaluation mode (train = false); run --to-train to switch it}}
  %3:2 = aten.gru.data(%data, %sizes, %h, [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
  // expected-error @+1 {{'aten.rnn_tanh.input' is in evaluation mode (train = false); run --to-train to switch it}}
  %4:2 = aten.rnn_tanh.input(%x, %h, [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
  // expected-error @+1 {{'aten.rnn_tanh.data' is in evaluation mode (train = false); run --to-train to switch it}}
  %5:2 = aten.rnn_tanh.data(%data, %sizes, %h, [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
  // expected-error @+1 {{'aten.rnn_relu.input' is in evaluation mode (train = false); run --to-train to switch it}}
  %6:2 = aten.rnn_relu.input(%x, %h, [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
  // expected-error @+1 {{'aten.rnn_relu.data' is in evaluation mode (train = false); run --to-train to switch it}}
  %7:2 = aten.rnn_relu.data(%data, %sizes, %h, [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
  // expected-error @+1 {{'aten.scaled_dot_product_attention' is in evaluation mode; run --to-train to switch it}}
  %8 = aten.scaled_dot_product_attention(%q, %q, %q, %n) dropout_p = 0.000000e+00, is_causal = false, enable_gqa = false {aten.training_dropout_p = 1.000000e-01 : f64} : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, !aten.none) -> tensor<2x4x8x16xf32>
  // expected-error @+1 {{'aten.scaled_dot_product_attention' is in evaluation mode; run --to-train to switch it}}
  %9 = aten.scaled_dot_product_attention(%q, %q, %q, %mask) dropout_p = 0.000000e+00, is_causal = true, enable_gqa = true, scale = 2.500000e-01 {aten.training_dropout_p = 1.000000e+00 : f64} : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<8x8xi1>) -> tensor<2x4x8x16xf32>
  return
}

// -----

// In training form they pass, and the guard changes nothing.
// CHECK-LABEL: func.func @recurrent_attention$train
// CHECK-NEXT: %[[N:.*]] = aten.none
// CHECK-NEXT: {{.*}} = aten.lstm.input(%arg0, [%arg1, %arg1], [%arg2]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = true, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>)
// CHECK-NEXT: {{.*}} = aten.lstm.data(%arg3, %arg4, [%arg1, %arg1], [%arg2]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = true, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>)
// CHECK-NEXT: {{.*}} = aten.gru.input(%arg0, %arg1, [%arg2]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = true, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
// CHECK-NEXT: {{.*}} = aten.gru.data(%arg3, %arg4, %arg1, [%arg2]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = true, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
// CHECK-NEXT: {{.*}} = aten.rnn_tanh.input(%arg0, %arg1, [%arg2]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = true, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
// CHECK-NEXT: {{.*}} = aten.rnn_tanh.data(%arg3, %arg4, %arg1, [%arg2]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = true, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
// CHECK-NEXT: {{.*}} = aten.rnn_relu.input(%arg0, %arg1, [%arg2]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = true, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
// CHECK-NEXT: {{.*}} = aten.rnn_relu.data(%arg3, %arg4, %arg1, [%arg2]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = true, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
// CHECK-NEXT: {{.*}} = aten.scaled_dot_product_attention(%arg5, %arg5, %arg5, %[[N]]) dropout_p = 1.000000e-01, is_causal = false, enable_gqa = false : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, !aten.none) -> tensor<2x4x8x16xf32>
// CHECK-NEXT: {{.*}} = aten.scaled_dot_product_attention(%arg5, %arg5, %arg5, %arg6) dropout_p = 1.000000e+00, is_causal = true, enable_gqa = true, scale = 2.500000e-01 : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<8x8xi1>) -> tensor<2x4x8x16xf32>
// CHECK-NEXT: return
// SWITCHED-LABEL: func.func @recurrent_attention$train
func.func @recurrent_attention$train(%x: tensor<2x5x4xf32>, %h: tensor<2x2x6xf32>, %w: tensor<24x4xf32>, %data: tensor<7x4xf32>, %sizes: tensor<3xi64>, %q: tensor<2x4x8x16xf32>, %mask: tensor<8x8xi1>) {
  %n = aten.none
  %0:3 = aten.lstm.input(%x, [%h, %h], [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = true, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>)
  %1:3 = aten.lstm.data(%data, %sizes, [%h, %h], [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = true, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>)
  %2:2 = aten.gru.input(%x, %h, [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = true, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
  %3:2 = aten.gru.data(%data, %sizes, %h, [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = true, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
  %4:2 = aten.rnn_tanh.input(%x, %h, [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = true, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
  %5:2 = aten.rnn_tanh.data(%data, %sizes, %h, [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = true, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
  %6:2 = aten.rnn_relu.input(%x, %h, [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = true, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
  %7:2 = aten.rnn_relu.data(%data, %sizes, %h, [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = true, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
  %8 = aten.scaled_dot_product_attention(%q, %q, %q, %n) dropout_p = 1.000000e-01, is_causal = false, enable_gqa = false : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, !aten.none) -> tensor<2x4x8x16xf32>
  %9 = aten.scaled_dot_product_attention(%q, %q, %q, %mask) dropout_p = 1.000000e+00, is_causal = true, enable_gqa = true, scale = 2.500000e-01 : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<8x8xi1>) -> tensor<2x4x8x16xf32>
  return
}
