// RUN: mode-opt %s --allow-unregistered-dialect --to-train | FileCheck %s
// RUN: mode-opt %s --allow-unregistered-dialect --pass-pipeline='builtin.module(func.func(to-train))' | FileCheck %s
// RUN: mode-opt %s --allow-unregistered-dialect --to-train --mlir-print-debuginfo | FileCheck %s --check-prefix=LOC
// Idempotence: a second run changes nothing.
// RUN: mode-opt %s --allow-unregistered-dialect --to-train -o %t.once.mlir
// RUN: mode-opt %t.once.mlir --allow-unregistered-dialect --to-train -o %t.twice.mlir
// RUN: diff %t.once.mlir %t.twice.mlir

//===----------------------------------------------------------------------===//
// Flags flipped in place, everything else bit for bit.
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @dropout_family$eval
// CHECK-NEXT: aten.dropout(%arg0) p = 0.12345678901230001, train = true {torch.node = "d0"} : (tensor<8x16xf32>) -> tensor<8x16xf32>
// CHECK-NEXT: aten.feature_dropout(%arg0) p = 0.33333333333333331, train = true : (tensor<8x16xf32>) -> tensor<8x16xf32>
// CHECK-NEXT: aten.alpha_dropout(%arg0) p = 5.000000e-01, train = true : (tensor<8x16xf32>) -> tensor<8x16xf32>
// CHECK-NEXT: aten.feature_alpha_dropout(%arg0) p = 0.000000e+00, train = true : (tensor<8x16xf32>) -> tensor<8x16xf32>
// CHECK-NEXT: %[[O:.*]], %[[M:.*]] = aten.native_dropout(%arg0) p = 1.000000e+00, train = true : (tensor<8x16xf32>) -> (tensor<8x16xf32>, tensor<8x16xi1>)
// CHECK-NEXT: aten.dropout(%arg0) p = 1.000000e-01, train = true : (tensor<8x16xf32>) -> tensor<8x16xf32>
// CHECK-NEXT: return %[[O]], %[[M]]
func.func @dropout_family$eval(%x: tensor<8x16xf32>) -> (tensor<8x16xf32>, tensor<8x16xi1>) {
  %0 = aten.dropout(%x) p = 0.1234567890123, train = false {torch.node = "d0"} : (tensor<8x16xf32>) -> tensor<8x16xf32>
  %1 = aten.feature_dropout(%x) p = 0.33333333333333331, train = false : (tensor<8x16xf32>) -> tensor<8x16xf32>
  %2 = aten.alpha_dropout(%x) p = 5.000000e-01, train = false : (tensor<8x16xf32>) -> tensor<8x16xf32>
  %3 = aten.feature_alpha_dropout(%x) p = 0.000000e+00, train = false : (tensor<8x16xf32>) -> tensor<8x16xf32>
  %4:2 = aten.native_dropout(%x) p = 1.000000e+00, train = false : (tensor<8x16xf32>) -> (tensor<8x16xf32>, tensor<8x16xi1>)
  // Already in training form.
  %5 = aten.dropout(%x) p = 1.000000e-01, train = true : (tensor<8x16xf32>) -> tensor<8x16xf32>
  return %4#0, %4#1 : tensor<8x16xf32>, tensor<8x16xi1>
}

// CHECK-LABEL: func.func @rrelu$eval
// CHECK-NEXT: aten.rrelu(%arg0) lower = 1.250000e-01, upper = 0.33333333333333331, training = true : (tensor<8xf32>) -> tensor<8xf32>
func.func @rrelu$eval(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = aten.rrelu(%x) lower = 1.250000e-01, upper = 0.33333333333333331, training = false : (tensor<8xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// CHECK-LABEL: func.func @norms$eval
// CHECK-NEXT: %[[N:.*]] = aten.none
// CHECK-NEXT: aten.batch_norm(%arg0, %arg1, %[[N]], %arg1, %arg1) training = true, momentum = 3.000000e-02, eps = 1.000000e-03, cudnn_enabled = true {torch.node = "bn"} : (tensor<4x16xf32>, tensor<16xf32>, !aten.none, tensor<16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
// CHECK-NEXT: aten.native_batch_norm(%arg0, %arg1, %arg1, %arg1, %arg1) training = true, momentum = 0.12345678901230001, eps = 9.9999999999999995E-8 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<0xf32>, tensor<0xf32>)
// CHECK-NEXT: aten.cudnn_batch_norm(%arg0, %arg1, %arg1, %arg1, %arg1) training = true, exponential_average_factor = 0.33333333333333331, epsilon = 1.000000e-03 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xui8>)
// CHECK-NEXT: aten._native_batch_norm_legit_functional(%arg0, %arg1, %arg1, %arg1, %arg1) training = true, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<0xf32>, tensor<0xf32>, tensor<16xf32>, tensor<16xf32>)
// CHECK-NEXT: aten._native_batch_norm_legit(%arg0, %arg1, %arg1, %arg1, %arg1) training = true, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
// CHECK-NEXT: aten.instance_norm(%arg0, %[[N]], %[[N]], %arg1, %arg1) use_input_stats = true, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false : (tensor<4x16xf32>, !aten.none, !aten.none, tensor<16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
// CHECK-NEXT: return
func.func @norms$eval(%x: tensor<4x16xf32>, %c: tensor<16xf32>) {
  %n = aten.none
  %0 = aten.batch_norm(%x, %c, %n, %c, %c) training = false, momentum = 3.000000e-02, eps = 1.000000e-03, cudnn_enabled = true {torch.node = "bn"} : (tensor<4x16xf32>, tensor<16xf32>, !aten.none, tensor<16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  %1:3 = aten.native_batch_norm(%x, %c, %c, %c, %c) training = false, momentum = 0.1234567890123, eps = 9.9999999999999995E-8 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<0xf32>, tensor<0xf32>)
  %2:4 = aten.cudnn_batch_norm(%x, %c, %c, %c, %c) training = false, exponential_average_factor = 0.33333333333333331, epsilon = 1.000000e-03 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xui8>)
  %3:5 = aten._native_batch_norm_legit_functional(%x, %c, %c, %c, %c) training = false, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<0xf32>, tensor<0xf32>, tensor<16xf32>, tensor<16xf32>)
  // The non-canonical evaluation form of `_native_batch_norm_legit`.
  %4:3 = aten._native_batch_norm_legit(%x, %c, %c, %c, %c) training = false, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
  %5 = aten.instance_norm(%x, %n, %n, %c, %c) use_input_stats = false, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false : (tensor<4x16xf32>, !aten.none, !aten.none, tensor<16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  return
}

//===----------------------------------------------------------------------===//
// Dedicated evaluation ops are replaced by their training op; uses move.
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @_native_batch_norm_legit_no_training$eval
// CHECK-NEXT: %[[N:.*]] = aten.none
// CHECK-NEXT: %[[O:.*]], %[[M:.*]], %[[S:.*]] = aten._native_batch_norm_legit(%arg0, %[[N]], %arg1, %arg1, %arg2) training = true, momentum = 0.33333333333333331, eps = 0.12345678901230001 {a.first = 1 : i64, z.last = "kept"} : (tensor<4x16x8x8xf32>, !aten.none, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>)
// CHECK-NEXT: %[[D:.*]] = aten.dropout(%[[O]]) p = 1.000000e-01, train = true
// CHECK-NEXT: return %[[D]], %[[S]], %[[M]]
func.func @_native_batch_norm_legit_no_training$eval(%x: tensor<4x16x8x8xf32>, %c: tensor<16xf32>, %v: tensor<16xf32>) -> (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>) {
  %n = aten.none
  %0:3 = aten._native_batch_norm_legit_no_training(%x, %n, %c, %c, %v) momentum = 0.33333333333333331, eps = 0.1234567890123 {a.first = 1 : i64, z.last = "kept"} : (tensor<4x16x8x8xf32>, !aten.none, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>) loc("model.py":7:11)
  %1 = aten.dropout(%0#0) p = 1.000000e-01, train = false : (tensor<4x16x8x8xf32>) -> tensor<4x16x8x8xf32>
  return %1, %0#2, %0#1 : tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>
}
// LOC-LABEL: func.func @_native_batch_norm_legit_no_training$eval
// LOC: aten._native_batch_norm_legit({{.*}} loc(#[[LEGIT:loc[0-9]+]])

// CHECK-LABEL: func.func @_batch_norm_no_update$eval
// CHECK-NEXT: %[[N:.*]] = aten.none
// CHECK-NEXT: %[[O:.*]], %[[M:.*]], %[[S:.*]], %[[R:.*]] = aten._batch_norm_with_update(%arg0, %[[N]], %[[N]], %arg1, %arg1) momentum = 1.000000e-01, eps = 1.000000e-05 {torch.node = "bn"} : (tensor<4x16xf32>, !aten.none, !aten.none, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xui8>)
// Without running statistics it has no training counterpart and stays.
// CHECK-NEXT: aten._batch_norm_no_update(%arg0, %[[N]], %[[N]], %[[N]], %[[N]])
// CHECK-NEXT: return %[[R]], %[[O]]
func.func @_batch_norm_no_update$eval(%x: tensor<4x16xf32>, %c: tensor<16xf32>) -> (tensor<0xui8>, tensor<4x16xf32>) {
  %n = aten.none
  %0:4 = aten._batch_norm_no_update(%x, %n, %n, %c, %c) momentum = 1.000000e-01, eps = 1.000000e-05 {torch.node = "bn"} : (tensor<4x16xf32>, !aten.none, !aten.none, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xui8>) loc("model.py":9:5)
  %1:4 = aten._batch_norm_no_update(%x, %n, %n, %n, %n) momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, !aten.none, !aten.none, !aten.none, !aten.none) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xf32>)
  return %0#3, %0#0 : tensor<0xui8>, tensor<4x16xf32>
}
// LOC-LABEL: func.func @_batch_norm_no_update$eval
// LOC: aten._batch_norm_with_update({{.*}} loc(#[[NOUPDATE:loc[0-9]+]])

//===----------------------------------------------------------------------===//
// Stats-free ops, the training forms and everything else stay as they are.
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @unchanged
// CHECK-NEXT: %[[N:.*]] = aten.none
// CHECK-NEXT: %[[C:.*]] = arith.constant 2 : i32
// CHECK-NEXT: %[[DEAD:.*]] = arith.addi %[[C]], %[[C]] : i32
// CHECK-NEXT: {{.*}} = aten.batch_norm(%arg0, %[[N]], %[[N]], %[[N]], %[[N]]) training = true, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false : (tensor<4x16xf32>, !aten.none, !aten.none, !aten.none, !aten.none) -> tensor<4x16xf32>
// CHECK-NEXT: {{.*}} = aten._native_batch_norm_legit.no_stats(%arg0, %[[N]], %[[N]]) training = false, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, !aten.none, !aten.none) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
// CHECK-NEXT: {{.*}} = aten._native_batch_norm_legit.no_stats(%arg0, %[[N]], %[[N]]) training = true, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, !aten.none, !aten.none) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
// CHECK-NEXT: {{.*}} = aten.instance_norm(%arg0, %[[N]], %[[N]], %[[N]], %[[N]]) use_input_stats = true, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false : (tensor<4x16xf32>, !aten.none, !aten.none, !aten.none, !aten.none) -> tensor<4x16xf32>
// CHECK-NEXT: {{.*}} = aten._batch_norm_with_update(%arg0, %arg1, %arg1, %arg1, %arg1) momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xui8>)
// CHECK-NEXT: "foo.op"() {training = false} : () -> ()
// CHECK-NEXT: return
func.func @unchanged(%x: tensor<4x16xf32>, %c: tensor<16xf32>) {
  %n = aten.none
  %c2 = arith.constant 2 : i32
  %dead = arith.addi %c2, %c2 : i32
  %0 = aten.batch_norm(%x, %n, %n, %n, %n) training = true, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false : (tensor<4x16xf32>, !aten.none, !aten.none, !aten.none, !aten.none) -> tensor<4x16xf32>
  %1:3 = aten._native_batch_norm_legit.no_stats(%x, %n, %n) training = false, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, !aten.none, !aten.none) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
  %2:3 = aten._native_batch_norm_legit.no_stats(%x, %n, %n) training = true, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, !aten.none, !aten.none) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
  %3 = aten.instance_norm(%x, %n, %n, %n, %n) use_input_stats = true, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false : (tensor<4x16xf32>, !aten.none, !aten.none, !aten.none, !aten.none) -> tensor<4x16xf32>
  %4:4 = aten._batch_norm_with_update(%x, %c, %c, %c, %c) momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xui8>)
  "foo.op"() {training = false} : () -> ()
  return
}

// CHECK-LABEL: func.func @regions
// CHECK: scf.if
// CHECK-NEXT: aten.dropout({{.*}} train = true
// CHECK: "unregistered.region"() ({
// CHECK-NEXT: aten.rrelu({{.*}} training = true
func.func @regions(%cond: i1, %x: tensor<8xf32>) {
  scf.if %cond {
    %d = aten.dropout(%x) p = 1.000000e-01, train = false : (tensor<8xf32>) -> tensor<8xf32>
  }
  "unregistered.region"() ({
    %r = aten.rrelu(%x) lower = 1.000000e-01, upper = 2.000000e-01, training = false : (tensor<8xf32>) -> tensor<8xf32>
    "unregistered.terminator"() : () -> ()
  }) : () -> ()
  return
}

//===----------------------------------------------------------------------===//
// In-place forms, rrelu with noise, MIOpen: switched like the others.
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @in_place$eval
// CHECK-NEXT: %[[A:.*]] = aten.dropout_(%arg0) p = 0.12345678901230001, train = true {torch.node = "d"} : (tensor<8x16xf32>) -> tensor<8x16xf32>
// CHECK-NEXT: %[[B:.*]] = aten.feature_dropout_(%[[A]]) p = 2.000000e-01, train = true : (tensor<8x16xf32>) -> tensor<8x16xf32>
// CHECK-NEXT: %[[C:.*]] = aten.alpha_dropout_(%[[B]]) p = 3.000000e-01, train = true : (tensor<8x16xf32>) -> tensor<8x16xf32>
// CHECK-NEXT: %[[D:.*]] = aten.feature_alpha_dropout_(%[[C]]) p = 0.33333333333333331, train = true : (tensor<8x16xf32>) -> tensor<8x16xf32>
// CHECK-NEXT: %[[E:.*]] = aten.rrelu_(%[[D]]) lower = 1.000000e-01, upper = 2.000000e-01, training = true : (tensor<8x16xf32>) -> tensor<8x16xf32>
// CHECK-NEXT: return %[[E]]
func.func @in_place$eval(%x: tensor<8x16xf32>) -> tensor<8x16xf32> {
  %0 = aten.dropout_(%x) p = 0.1234567890123, train = false {torch.node = "d"} : (tensor<8x16xf32>) -> tensor<8x16xf32>
  %1 = aten.feature_dropout_(%0) p = 2.000000e-01, train = false : (tensor<8x16xf32>) -> tensor<8x16xf32>
  %2 = aten.alpha_dropout_(%1) p = 3.000000e-01, train = false : (tensor<8x16xf32>) -> tensor<8x16xf32>
  %3 = aten.feature_alpha_dropout_(%2) p = 0.33333333333333331, train = false : (tensor<8x16xf32>) -> tensor<8x16xf32>
  %4 = aten.rrelu_(%3) lower = 1.000000e-01, upper = 2.000000e-01, training = false : (tensor<8x16xf32>) -> tensor<8x16xf32>
  return %4 : tensor<8x16xf32>
}

// CHECK-LABEL: func.func @rrelu_with_noise$eval
// CHECK-NEXT: %[[A:.*]] = aten.rrelu_with_noise(%arg0, %arg1) lower = 1.250000e-01, upper = 0.33333333333333331, training = true : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
// CHECK-NEXT: %[[B:.*]] = aten.rrelu_with_noise_(%[[A]], %arg1) lower = 1.250000e-01, upper = 0.33333333333333331, training = true : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
// CHECK-NEXT: %[[R:.*]], %[[NOISE:.*]] = aten.rrelu_with_noise_functional(%[[B]], %arg1) lower = 0.000000e+00, upper = 1.000000e+00, training = true : (tensor<8xf32>, tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>)
// CHECK-NEXT: return %[[R]], %[[NOISE]]
func.func @rrelu_with_noise$eval(%x: tensor<8xf32>, %noise: tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>) {
  %0 = aten.rrelu_with_noise(%x, %noise) lower = 1.250000e-01, upper = 0.33333333333333331, training = false : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  %1 = aten.rrelu_with_noise_(%0, %noise) lower = 1.250000e-01, upper = 0.33333333333333331, training = false : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  %2:2 = aten.rrelu_with_noise_functional(%1, %noise) lower = 0.000000e+00, upper = 1.000000e+00, training = false : (tensor<8xf32>, tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>)
  return %2#0, %2#1 : tensor<8xf32>, tensor<8xf32>
}

// CHECK-LABEL: func.func @miopen_batch_norm$eval
// CHECK-NEXT: %[[N:.*]] = aten.none
// CHECK-NEXT: {{.*}} = aten.miopen_batch_norm(%arg0, %arg1, %[[N]], %arg1, %arg1) training = true, exponential_average_factor = 3.000000e-02, epsilon = 1.000000e-03 : (tensor<4x16xf32>, tensor<16xf32>, !aten.none, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<0xf32>, tensor<0xf32>)
// CHECK-NEXT: return
func.func @miopen_batch_norm$eval(%x: tensor<4x16xf32>, %c: tensor<16xf32>) {
  %n = aten.none
  %0:3 = aten.miopen_batch_norm(%x, %c, %n, %c, %c) training = false, exponential_average_factor = 3.000000e-02, epsilon = 1.000000e-03 : (tensor<4x16xf32>, tensor<16xf32>, !aten.none, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<0xf32>, tensor<0xf32>)
  return
}

//===----------------------------------------------------------------------===//
// Recurrent layers flip their flag; attention gets back the dropout
// probability to-eval kept (see also to-train-attention.mlir).
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @rnn$eval
// CHECK-NEXT: {{.*}} = aten.lstm.input(%arg0, [%arg1, %arg1], [%arg2]) has_biases = false, num_layers = 2, dropout = 0.33333333333333331, train = true, bidirectional = true, batch_first = true {torch.node = "lstm"} : (tensor<2x5x4xf32>, tensor<4x2x6xf32>, tensor<4x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x12xf32>, tensor<4x2x6xf32>, tensor<4x2x6xf32>)
// CHECK-NEXT: {{.*}} = aten.rnn_tanh.input(%arg0, %arg1, [%arg2]) has_biases = false, num_layers = 2, dropout = 3.000000e-01, train = true, bidirectional = true, batch_first = false : (tensor<2x5x4xf32>, tensor<4x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x12xf32>, tensor<4x2x6xf32>)
// CHECK-NEXT: return
func.func @rnn$eval(%x: tensor<2x5x4xf32>, %h: tensor<4x2x6xf32>, %w: tensor<24x4xf32>) {
  %0:3 = aten.lstm.input(%x, [%h, %h], [%w]) has_biases = false, num_layers = 2, dropout = 0.33333333333333331, train = false, bidirectional = true, batch_first = true {torch.node = "lstm"} : (tensor<2x5x4xf32>, tensor<4x2x6xf32>, tensor<4x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x12xf32>, tensor<4x2x6xf32>, tensor<4x2x6xf32>)
  %1:2 = aten.rnn_tanh.input(%x, %h, [%w]) has_biases = false, num_layers = 2, dropout = 3.000000e-01, train = false, bidirectional = true, batch_first = false : (tensor<2x5x4xf32>, tensor<4x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x12xf32>, tensor<4x2x6xf32>)
  return
}

// One row per recurrent op: the flag flips; dropout, the other flags, every
// operand (hx and params in order), the result types and the discardable
// attributes stay, and every result keeps its uses.
// CHECK-LABEL: func.func @lstm.data$eval
// CHECK-NEXT: %[[O:.*]], %[[H:.*]], %[[C:.*]] = aten.lstm.data(%arg0, %arg1, [%arg2, %arg3], [%arg4, %arg5, %arg6, %arg7]) has_biases = true, num_layers = 2, dropout = 0.12345678901230001, train = true, bidirectional = true {torch.node = "lstm"} : (tensor<7x4xf32>, tensor<3xi64>, tensor<4x2x6xf32>, tensor<4x2x5xf32>, tensor<24x4xf32>, tensor<24x6xf32>, tensor<24xf32>, tensor<24xf16>) -> (tensor<7x12xf32>, tensor<4x2x6xf32>, tensor<4x2x5xf32>)
// CHECK-NEXT: return %[[C]], %[[H]], %[[O]]
func.func @lstm.data$eval(%data: tensor<7x4xf32>, %sizes: tensor<3xi64>, %h0: tensor<4x2x6xf32>, %c0: tensor<4x2x5xf32>, %wi: tensor<24x4xf32>, %wh: tensor<24x6xf32>, %bi: tensor<24xf32>, %bh: tensor<24xf16>) -> (tensor<4x2x5xf32>, tensor<4x2x6xf32>, tensor<7x12xf32>) {
  %0:3 = aten.lstm.data(%data, %sizes, [%h0, %c0], [%wi, %wh, %bi, %bh]) has_biases = true, num_layers = 2, dropout = 0.1234567890123, train = false, bidirectional = true {torch.node = "lstm"} : (tensor<7x4xf32>, tensor<3xi64>, tensor<4x2x6xf32>, tensor<4x2x5xf32>, tensor<24x4xf32>, tensor<24x6xf32>, tensor<24xf32>, tensor<24xf16>) -> (tensor<7x12xf32>, tensor<4x2x6xf32>, tensor<4x2x5xf32>)
  return %0#2, %0#1, %0#0 : tensor<4x2x5xf32>, tensor<4x2x6xf32>, tensor<7x12xf32>
}

// CHECK-LABEL: func.func @gru.input$eval
// CHECK-NEXT: %[[O:.*]], %[[H:.*]] = aten.gru.input(%arg0, %arg1, [%arg2, %arg3, %arg4, %arg4]) has_biases = true, num_layers = 1, dropout = 0.33333333333333331, train = true, bidirectional = true, batch_first = true {a.first = 1 : i64, z.last = "kept"} : (tensor<2x5x4xbf16>, tensor<2x2x6xbf16>, tensor<18x4xbf16>, tensor<18x6xbf16>, tensor<18xbf16>, tensor<18xbf16>) -> (tensor<2x5x12xbf16>, tensor<2x2x6xbf16>)
// CHECK-NEXT: return %[[H]], %[[O]]
func.func @gru.input$eval(%x: tensor<2x5x4xbf16>, %h0: tensor<2x2x6xbf16>, %wi: tensor<18x4xbf16>, %wh: tensor<18x6xbf16>, %b: tensor<18xbf16>) -> (tensor<2x2x6xbf16>, tensor<2x5x12xbf16>) {
  %0:2 = aten.gru.input(%x, %h0, [%wi, %wh, %b, %b]) has_biases = true, num_layers = 1, dropout = 0.33333333333333331, train = false, bidirectional = true, batch_first = true {a.first = 1 : i64, z.last = "kept"} : (tensor<2x5x4xbf16>, tensor<2x2x6xbf16>, tensor<18x4xbf16>, tensor<18x6xbf16>, tensor<18xbf16>, tensor<18xbf16>) -> (tensor<2x5x12xbf16>, tensor<2x2x6xbf16>)
  return %0#1, %0#0 : tensor<2x2x6xbf16>, tensor<2x5x12xbf16>
}

// CHECK-LABEL: func.func @gru.data$eval
// CHECK-NEXT: %[[O:.*]], %[[H:.*]] = aten.gru.data(%arg0, %arg1, %arg2, [%arg3, %arg4]) has_biases = false, num_layers = 3, dropout = 1.000000e+00, train = true, bidirectional = false : (tensor<7x4xf64>, tensor<3xsi64>, tensor<3x2x6xf64>, tensor<18x4xf64>, tensor<18x6xf64>) -> (tensor<7x6xf64>, tensor<3x2x6xf64>)
// CHECK-NEXT: return %[[H]], %[[O]]
func.func @gru.data$eval(%data: tensor<7x4xf64>, %sizes: tensor<3xsi64>, %h0: tensor<3x2x6xf64>, %wi: tensor<18x4xf64>, %wh: tensor<18x6xf64>) -> (tensor<3x2x6xf64>, tensor<7x6xf64>) {
  %0:2 = aten.gru.data(%data, %sizes, %h0, [%wi, %wh]) has_biases = false, num_layers = 3, dropout = 1.000000e+00, train = false, bidirectional = false : (tensor<7x4xf64>, tensor<3xsi64>, tensor<3x2x6xf64>, tensor<18x4xf64>, tensor<18x6xf64>) -> (tensor<7x6xf64>, tensor<3x2x6xf64>)
  return %0#1, %0#0 : tensor<3x2x6xf64>, tensor<7x6xf64>
}

// CHECK-LABEL: func.func @rnn_tanh.data$eval
// CHECK-NEXT: %[[O:.*]], %[[H:.*]] = aten.rnn_tanh.data(%arg0, %arg1, %arg2, [%arg3]) has_biases = true, num_layers = 4, dropout = 5.000000e-01, train = true, bidirectional = true {torch.node = "rnn"} : (tensor<?x4xf32>, tensor<?xi64>, tensor<*xf32>, tensor<6x4xf32>) -> (tensor<?x12xf32>, tensor<*xf32>)
// CHECK-NEXT: return %[[H]], %[[O]]
func.func @rnn_tanh.data$eval(%data: tensor<?x4xf32>, %sizes: tensor<?xi64>, %h0: tensor<*xf32>, %w: tensor<6x4xf32>) -> (tensor<*xf32>, tensor<?x12xf32>) {
  %0:2 = aten.rnn_tanh.data(%data, %sizes, %h0, [%w]) has_biases = true, num_layers = 4, dropout = 5.000000e-01, train = false, bidirectional = true {torch.node = "rnn"} : (tensor<?x4xf32>, tensor<?xi64>, tensor<*xf32>, tensor<6x4xf32>) -> (tensor<?x12xf32>, tensor<*xf32>)
  return %0#1, %0#0 : tensor<*xf32>, tensor<?x12xf32>
}

// CHECK-LABEL: func.func @rnn_relu.input$eval
// CHECK-NEXT: %[[O:.*]], %[[H:.*]] = aten.rnn_relu.input(%arg0, %arg1, []) has_biases = true, num_layers = 1, dropout = 0.000000e+00, train = true, bidirectional = false, batch_first = true {torch.node = "relu_rnn"} : (tensor<2x5x4xf16>, tensor<1x2x6xf16>) -> (tensor<2x5x6xf16>, tensor<1x2x6xf16>)
// CHECK-NEXT: return %[[H]], %[[O]]
func.func @rnn_relu.input$eval(%x: tensor<2x5x4xf16>, %h0: tensor<1x2x6xf16>) -> (tensor<1x2x6xf16>, tensor<2x5x6xf16>) {
  %0:2 = aten.rnn_relu.input(%x, %h0, []) has_biases = true, num_layers = 1, dropout = 0.000000e+00, train = false, bidirectional = false, batch_first = true {torch.node = "relu_rnn"} : (tensor<2x5x4xf16>, tensor<1x2x6xf16>) -> (tensor<2x5x6xf16>, tensor<1x2x6xf16>)
  return %0#1, %0#0 : tensor<1x2x6xf16>, tensor<2x5x6xf16>
}

// CHECK-LABEL: func.func @rnn_relu.data$eval
// CHECK-NEXT: %[[O:.*]], %[[H:.*]] = aten.rnn_relu.data(%arg0, %arg1, %arg2, [%arg3, %arg4]) has_biases = false, num_layers = 2, dropout = 0.25000000000000006, train = true, bidirectional = false : (tensor<7x4xf32>, tensor<3xsi64>, tensor<2x2x6xf32>, tensor<6x4xf32>, tensor<6x6xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
// CHECK-NEXT: return %[[H]], %[[O]]
func.func @rnn_relu.data$eval(%data: tensor<7x4xf32>, %sizes: tensor<3xsi64>, %h0: tensor<2x2x6xf32>, %wi: tensor<6x4xf32>, %wh: tensor<6x6xf32>) -> (tensor<2x2x6xf32>, tensor<7x6xf32>) {
  %0:2 = aten.rnn_relu.data(%data, %sizes, %h0, [%wi, %wh]) has_biases = false, num_layers = 2, dropout = 0.25000000000000006, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xsi64>, tensor<2x2x6xf32>, tensor<6x4xf32>, tensor<6x6xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
  return %0#1, %0#0 : tensor<2x2x6xf32>, tensor<7x6xf32>
}

// CHECK-LABEL: func.func @attention$eval
// CHECK-NEXT: %[[N:.*]] = aten.none
// CHECK-NEXT: %{{.*}} = aten.scaled_dot_product_attention(%arg0, %arg0, %arg0, %[[N]]) dropout_p = 0.12345678901230001, is_causal = false, enable_gqa = false {torch.node = "sdpa"} : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, !aten.none) -> tensor<2x4x8x16xf32>
// CHECK-NEXT: return
func.func @attention$eval(%q: tensor<2x4x8x16xf32>) {
  %n = aten.none
  %0 = aten.scaled_dot_product_attention(%q, %q, %q, %n) dropout_p = 0.000000e+00, is_causal = false, enable_gqa = false {aten.training_dropout_p = 0.1234567890123 : f64, torch.node = "sdpa"} : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, !aten.none) -> tensor<2x4x8x16xf32>
  return
}

// LOC-DAG: #[[LEGIT]] = loc("model.py":7:11)
// LOC-DAG: #[[NOUPDATE]] = loc("model.py":9:5)
