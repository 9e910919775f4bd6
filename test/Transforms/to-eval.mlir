// RUN: mode-opt %s --allow-unregistered-dialect --to-eval | FileCheck %s
// RUN: mode-opt %s --allow-unregistered-dialect --pass-pipeline='builtin.module(func.func(to-eval),builtin.module(func.func(to-eval)))' | FileCheck %s
// Locations are carried over, including by the ops that are replaced.
// RUN: mode-opt %s --allow-unregistered-dialect --to-eval --mlir-print-debuginfo | FileCheck %s --check-prefix=LOC
// Idempotence: a second run changes nothing.
// RUN: mode-opt %s --allow-unregistered-dialect --to-eval -o %t.once.mlir
// RUN: mode-opt %t.once.mlir --allow-unregistered-dialect --to-eval -o %t.twice.mlir
// RUN: diff %t.once.mlir %t.twice.mlir

//===----------------------------------------------------------------------===//
// Dropout family and rrelu: the flag flips, p/lower/upper stay bit for bit.
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @dropout$train
// CHECK-NEXT: %[[R:.*]] = aten.dropout(%arg0) p = 0.12345678901230001, train = false {torch.node = "dropout"} : (tensor<8x16xf32>) -> tensor<8x16xf32>
// CHECK-NEXT: return %[[R]]
func.func @dropout$train(%x: tensor<8x16xf32>) -> tensor<8x16xf32> {
  %0 = aten.dropout(%x) p = 0.1234567890123, train = true {torch.node = "dropout"} : (tensor<8x16xf32>) -> tensor<8x16xf32>
  return %0 : tensor<8x16xf32>
}

// CHECK-LABEL: func.func @dropout$eval
// CHECK-NEXT: aten.dropout(%arg0) p = 5.000000e-01, train = false : (tensor<?x16xf32>) -> tensor<4x16xf32>
func.func @dropout$eval(%x: tensor<?x16xf32>) -> tensor<4x16xf32> {
  %0 = aten.dropout(%x) p = 5.000000e-01, train = false : (tensor<?x16xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// CHECK-LABEL: func.func @feature_dropout$train
// CHECK-NEXT: aten.feature_dropout(%arg0) p = 0.33333333333333331, train = false : (tensor<*xf16>) -> tensor<*xf16>
func.func @feature_dropout$train(%x: tensor<*xf16>) -> tensor<*xf16> {
  %0 = aten.feature_dropout(%x) p = 0.33333333333333331, train = true : (tensor<*xf16>) -> tensor<*xf16>
  return %0 : tensor<*xf16>
}

// CHECK-LABEL: func.func @alpha_dropout$train
// CHECK-NEXT: aten.alpha_dropout(%arg0) p = 1.000000e+00, train = false : (tensor<8xbf16>) -> tensor<8xbf16>
func.func @alpha_dropout$train(%x: tensor<8xbf16>) -> tensor<8xbf16> {
  %0 = aten.alpha_dropout(%x) p = 1.000000e+00, train = true : (tensor<8xbf16>) -> tensor<8xbf16>
  return %0 : tensor<8xbf16>
}

// CHECK-LABEL: func.func @feature_alpha_dropout$train
// CHECK-NEXT: aten.feature_alpha_dropout(%arg0) p = 0.000000e+00, train = false : (tensor<2x3x4xf64>) -> tensor<2x3x4xf64>
func.func @feature_alpha_dropout$train(%x: tensor<2x3x4xf64>) -> tensor<2x3x4xf64> {
  %0 = aten.feature_alpha_dropout(%x) p = 0.000000e+00, train = true : (tensor<2x3x4xf64>) -> tensor<2x3x4xf64>
  return %0 : tensor<2x3x4xf64>
}

// Both results keep their uses.
// CHECK-LABEL: func.func @native_dropout$train
// CHECK-NEXT: %[[OUT:.*]], %[[MASK:.*]] = aten.native_dropout(%arg0) p = 2.000000e-01, train = false : (tensor<8xf32>) -> (tensor<8xf32>, tensor<8xi1>)
// CHECK-NEXT: return %[[OUT]], %[[MASK]]
func.func @native_dropout$train(%x: tensor<8xf32>) -> (tensor<8xf32>, tensor<8xi1>) {
  %0:2 = aten.native_dropout(%x) p = 2.000000e-01, train = true : (tensor<8xf32>) -> (tensor<8xf32>, tensor<8xi1>)
  return %0#0, %0#1 : tensor<8xf32>, tensor<8xi1>
}

// CHECK-LABEL: func.func @rrelu$train
// CHECK-NEXT: aten.rrelu(%arg0) lower = 1.250000e-01, upper = 0.33333333333333331, training = false : (tensor<8xf32>) -> tensor<8xf32>
func.func @rrelu$train(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = aten.rrelu(%x) lower = 1.250000e-01, upper = 0.33333333333333331, training = true : (tensor<8xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

//===----------------------------------------------------------------------===//
// Normalizations with running statistics: the flag flips in place.
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @batch_norm$train
// CHECK-NEXT: %[[N:.*]] = aten.none
// CHECK-NEXT: aten.batch_norm(%arg0, %arg1, %[[N]], %arg1, %arg1) training = false, momentum = 3.000000e-02, eps = 1.000000e-03, cudnn_enabled = true {torch.node = "bn"} : (tensor<4x16x8x8xf32>, tensor<16xf32>, !aten.none, tensor<16xf32>, tensor<16xf32>) -> tensor<4x16x8x8xf32>
func.func @batch_norm$train(%x: tensor<4x16x8x8xf32>, %c: tensor<16xf32>) -> tensor<4x16x8x8xf32> {
  %n = aten.none
  %0 = aten.batch_norm(%x, %c, %n, %c, %c) training = true, momentum = 3.000000e-02, eps = 1.000000e-03, cudnn_enabled = true {torch.node = "bn"} : (tensor<4x16x8x8xf32>, tensor<16xf32>, !aten.none, tensor<16xf32>, tensor<16xf32>) -> tensor<4x16x8x8xf32>
  return %0 : tensor<4x16x8x8xf32>
}

// CHECK-LABEL: func.func @native_batch_norm$train
// CHECK-NEXT: %[[O:.*]], %[[M:.*]], %[[S:.*]] = aten.native_batch_norm(%arg0, %arg1, %arg1, %arg1, %arg1) training = false, momentum = 0.12345678901230001, eps = 9.9999999999999995E-8 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
// CHECK-NEXT: return %[[O]], %[[M]], %[[S]]
func.func @native_batch_norm$train(%x: tensor<4x16xf32>, %c: tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>) {
  %0:3 = aten.native_batch_norm(%x, %c, %c, %c, %c) training = true, momentum = 0.1234567890123, eps = 9.9999999999999995E-8 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
  return %0#0, %0#1, %0#2 : tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>
}

// CHECK-LABEL: func.func @cudnn_batch_norm$train
// CHECK-NEXT: aten.cudnn_batch_norm(%arg0, %arg1, %arg1, %arg1, %arg1) training = false, exponential_average_factor = 0.33333333333333331, epsilon = 1.000000e-03 : (tensor<4x16x2x2xf16>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16x2x2xf16>, tensor<16xf32>, tensor<16xf32>, tensor<0xui8>)
func.func @cudnn_batch_norm$train(%x: tensor<4x16x2x2xf16>, %c: tensor<16xf32>) {
  %0:4 = aten.cudnn_batch_norm(%x, %c, %c, %c, %c) training = true, exponential_average_factor = 0.33333333333333331, epsilon = 1.000000e-03 : (tensor<4x16x2x2xf16>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16x2x2xf16>, tensor<16xf32>, tensor<16xf32>, tensor<0xui8>)
  return
}

// CHECK-LABEL: func.func @_native_batch_norm_legit_functional$train
// CHECK-NEXT: %{{.*}}, %{{.*}}, %{{.*}}, %[[RM:.*]], %[[RV:.*]] = aten._native_batch_norm_legit_functional(%arg0, %arg1, %arg1, %arg1, %arg1) training = false, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>)
// CHECK-NEXT: return %[[RM]], %[[RV]]
func.func @_native_batch_norm_legit_functional$train(%x: tensor<4x16xf32>, %c: tensor<16xf32>) -> (tensor<16xf32>, tensor<16xf32>) {
  %0:5 = aten._native_batch_norm_legit_functional(%x, %c, %c, %c, %c) training = true, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>)
  return %0#3, %0#4 : tensor<16xf32>, tensor<16xf32>
}

// instance_norm's flag reads the other way round.
// CHECK-LABEL: func.func @instance_norm$train
// CHECK-NEXT: %[[N:.*]] = aten.none
// CHECK-NEXT: aten.instance_norm(%arg0, %[[N]], %[[N]], %arg1, %arg1) use_input_stats = false, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false : (tensor<2x16x8xf32>, !aten.none, !aten.none, tensor<16xf32>, tensor<16xf32>) -> tensor<2x16x8xf32>
func.func @instance_norm$train(%x: tensor<2x16x8xf32>, %c: tensor<16xf32>) -> tensor<2x16x8xf32> {
  %n = aten.none
  %0 = aten.instance_norm(%x, %n, %n, %c, %c) use_input_stats = true, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false : (tensor<2x16x8xf32>, !aten.none, !aten.none, tensor<16xf32>, tensor<16xf32>) -> tensor<2x16x8xf32>
  return %0 : tensor<2x16x8xf32>
}

//===----------------------------------------------------------------------===//
// Ops with a dedicated evaluation op are replaced by it; every use moves.
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @_native_batch_norm_legit$train
// CHECK-NEXT: %[[N:.*]] = aten.none
// CHECK-NEXT: %[[O:.*]], %[[M:.*]], %[[S:.*]] = aten._native_batch_norm_legit_no_training(%arg0, %[[N]], %arg1, %arg1, %arg2) momentum = 0.33333333333333331, eps = 0.12345678901230001 {a.first = 1 : i64, z.last = "kept"} : (tensor<4x16x8x8xf32>, !aten.none, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>)
// CHECK-NEXT: %[[D:.*]] = aten.dropout(%[[O]]) p = 1.000000e-01, train = false
// CHECK-NEXT: return %[[D]], %[[O]], %[[M]], %[[S]]
func.func @_native_batch_norm_legit$train(%x: tensor<4x16x8x8xf32>, %c: tensor<16xf32>, %v: tensor<16xf32>) -> (tensor<4x16x8x8xf32>, tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>) {
  %n = aten.none
  %0:3 = aten._native_batch_norm_legit(%x, %n, %c, %c, %v) training = true, momentum = 0.33333333333333331, eps = 0.1234567890123 {a.first = 1 : i64, z.last = "kept"} : (tensor<4x16x8x8xf32>, !aten.none, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>) loc("model.py":7:11)
  %1 = aten.dropout(%0#0) p = 1.000000e-01, train = true : (tensor<4x16x8x8xf32>) -> tensor<4x16x8x8xf32>
  return %1, %0#0, %0#1, %0#2 : tensor<4x16x8x8xf32>, tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>
}
// LOC-LABEL: func.func @_native_batch_norm_legit$train
// LOC: aten._native_batch_norm_legit_no_training({{.*}} loc(#[[LEGIT:loc[0-9]+]])

// CHECK-LABEL: func.func @_batch_norm_with_update$train
// CHECK-NEXT: %[[O:.*]], %[[M:.*]], %[[S:.*]], %[[R:.*]] = aten._batch_norm_no_update(%arg0, %arg1, %arg1, %arg1, %arg1) momentum = 1.000000e-01, eps = 1.000000e-05 {torch.node = "bn"} : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xui8>)
// CHECK-NEXT: return %[[R]], %[[S]], %[[M]], %[[O]]
func.func @_batch_norm_with_update$train(%x: tensor<4x16xf32>, %c: tensor<16xf32>) -> (tensor<0xui8>, tensor<16xf32>, tensor<16xf32>, tensor<4x16xf32>) {
  %0:4 = aten._batch_norm_with_update(%x, %c, %c, %c, %c) momentum = 1.000000e-01, eps = 1.000000e-05 {torch.node = "bn"} : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xui8>) loc("model.py":9:5)
  return %0#3, %0#2, %0#1, %0#0 : tensor<0xui8>, tensor<16xf32>, tensor<16xf32>, tensor<4x16xf32>
}
// LOC-LABEL: func.func @_batch_norm_with_update$train
// LOC: aten._batch_norm_no_update({{.*}} loc(#[[WITHUPDATE:loc[0-9]+]])

//===----------------------------------------------------------------------===//
// Evaluation forms and stats-free ops are left exactly as they are.
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @unchanged
// CHECK-NEXT: %[[N:.*]] = aten.none
// CHECK-NEXT: {{.*}} = aten.batch_norm(%arg0, %[[N]], %[[N]], %[[N]], %[[N]]) training = true, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false : (tensor<4x16xf32>, !aten.none, !aten.none, !aten.none, !aten.none) -> tensor<4x16xf32>
// CHECK-NEXT: {{.*}} = aten.native_batch_norm(%arg0, %[[N]], %[[N]], %[[N]], %[[N]]) training = true, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, !aten.none, !aten.none, !aten.none, !aten.none) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
// CHECK-NEXT: {{.*}} = aten.cudnn_batch_norm(%arg0, %arg1, %[[N]], %[[N]], %[[N]]) training = true, exponential_average_factor = 1.000000e-01, epsilon = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, !aten.none, !aten.none, !aten.none) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xui8>)
// CHECK-NEXT: {{.*}} = aten.instance_norm(%arg0, %[[N]], %[[N]], %[[N]], %[[N]]) use_input_stats = true, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false : (tensor<4x16xf32>, !aten.none, !aten.none, !aten.none, !aten.none) -> tensor<4x16xf32>
// CHECK-NEXT: {{.*}} = aten._native_batch_norm_legit.no_stats(%arg0, %[[N]], %[[N]]) training = true, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, !aten.none, !aten.none) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
// CHECK-NEXT: {{.*}} = aten._native_batch_norm_legit.no_stats(%arg0, %[[N]], %[[N]]) training = false, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, !aten.none, !aten.none) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
// CHECK-NEXT: {{.*}} = aten._batch_norm_no_update(%arg0, %[[N]], %[[N]], %[[N]], %[[N]]) momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, !aten.none, !aten.none, !aten.none, !aten.none) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xf32>)
// CHECK-NEXT: {{.*}} = aten._batch_norm_no_update(%arg0, %arg1, %arg1, %arg1, %arg1) momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xf32>)
// CHECK-NEXT: {{.*}} = aten._native_batch_norm_legit(%arg0, %arg1, %arg1, %arg1, %arg1) training = false, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
// CHECK-NEXT: {{.*}} = aten._native_batch_norm_legit_no_training(%arg0, %arg1, %arg1, %arg1, %arg1) momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<0xf32>, tensor<0xf32>)
// CHECK-NEXT: {{.*}} = aten.batch_norm(%arg0, %arg1, %arg1, %arg1, %arg1) training = false, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
// CHECK-NEXT: {{.*}} = aten.rrelu(%arg0) lower = 1.000000e-01, upper = 2.000000e-01, training = false : (tensor<4x16xf32>) -> tensor<4x16xf32>
// CHECK-NEXT: return
func.func @unchanged(%x: tensor<4x16xf32>, %c: tensor<16xf32>) {
  %n = aten.none
  %0 = aten.batch_norm(%x, %n, %n, %n, %n) training = true, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false : (tensor<4x16xf32>, !aten.none, !aten.none, !aten.none, !aten.none) -> tensor<4x16xf32>
  %1:3 = aten.native_batch_norm(%x, %n, %n, %n, %n) training = true, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, !aten.none, !aten.none, !aten.none, !aten.none) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
  %2:4 = aten.cudnn_batch_norm(%x, %c, %n, %n, %n) training = true, exponential_average_factor = 1.000000e-01, epsilon = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, !aten.none, !aten.none, !aten.none) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xui8>)
  %3 = aten.instance_norm(%x, %n, %n, %n, %n) use_input_stats = true, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false : (tensor<4x16xf32>, !aten.none, !aten.none, !aten.none, !aten.none) -> tensor<4x16xf32>
  %4:3 = aten._native_batch_norm_legit.no_stats(%x, %n, %n) training = true, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, !aten.none, !aten.none) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
  %5:3 = aten._native_batch_norm_legit.no_stats(%x, %n, %n) training = false, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, !aten.none, !aten.none) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
  %6:4 = aten._batch_norm_no_update(%x, %n, %n, %n, %n) momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, !aten.none, !aten.none, !aten.none, !aten.none) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xf32>)
  %7:4 = aten._batch_norm_no_update(%x, %c, %c, %c, %c) momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xf32>)
  %8:3 = aten._native_batch_norm_legit(%x, %c, %c, %c, %c) training = false, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
  %9:3 = aten._native_batch_norm_legit_no_training(%x, %c, %c, %c, %c) momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<0xf32>, tensor<0xf32>)
  %10 = aten.batch_norm(%x, %c, %c, %c, %c) training = false, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  %11 = aten.rrelu(%x) lower = 1.000000e-01, upper = 2.000000e-01, training = false : (tensor<4x16xf32>) -> tensor<4x16xf32>
  return
}

//===----------------------------------------------------------------------===//
// Nothing else changes: no folding, no dead-code removal, no reordering.
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @nothing_else
// CHECK-NEXT: %[[C1:.*]] = arith.constant 1 : i32
// CHECK-NEXT: %[[C2:.*]] = arith.constant 2 : i32
// CHECK-NEXT: %[[SUM:.*]] = arith.addi %[[C1]], %[[C2]] : i32
// CHECK-NEXT: %[[DEAD:.*]] = arith.muli %[[C1]], %[[C1]] : i32
// CHECK-NEXT: aten.dropout(%arg0) p = 1.000000e-01, train = false
// CHECK-NEXT: aten.dropout(%arg0) p = 1.000000e-01, train = false
// CHECK-NEXT: "foo.bar"(%[[SUM]]) {train = true} : (i32) -> ()
// CHECK-NEXT: return %[[SUM]]
func.func @nothing_else(%x: tensor<8xf32>) -> i32 {
  %c1 = arith.constant 1 : i32
  %c2 = arith.constant 2 : i32
  %sum = arith.addi %c1, %c2 : i32
  %dead = arith.muli %c1, %c1 : i32
  %unused0 = aten.dropout(%x) p = 1.000000e-01, train = true : (tensor<8xf32>) -> tensor<8xf32>
  %unused1 = aten.dropout(%x) p = 1.000000e-01, train = true : (tensor<8xf32>) -> tensor<8xf32>
  "foo.bar"(%sum) {train = true} : (i32) -> ()
  return %sum : i32
}

//===----------------------------------------------------------------------===//
// Ops nested in regions, unregistered ops and unreachable blocks.
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @regions
// CHECK: scf.if
// CHECK-NEXT: aten.dropout({{.*}} train = false
// CHECK: } else {
// CHECK-NEXT: aten.rrelu({{.*}} training = false
// CHECK: scf.for
// CHECK-NEXT: aten._native_batch_norm_legit_no_training
// CHECK: "unregistered.region"() ({
// CHECK-NEXT: aten.feature_dropout({{.*}} train = false
// CHECK: "unregistered.op"(%{{.*}}) : (tensor<8xf32>) -> tensor<8xf32>
func.func @regions(%cond: i1, %x: tensor<8xf32>, %y: tensor<4x16xf32>, %c: tensor<16xf32>) -> tensor<8xf32> {
  %0 = scf.if %cond -> tensor<8xf32> {
    %d = aten.dropout(%x) p = 1.000000e-01, train = true : (tensor<8xf32>) -> tensor<8xf32>
    scf.yield %d : tensor<8xf32>
  } else {
    %r = aten.rrelu(%x) lower = 1.000000e-01, upper = 2.000000e-01, training = true : (tensor<8xf32>) -> tensor<8xf32>
    scf.yield %r : tensor<8xf32>
  }
  %lb = arith.constant 0 : index
  %ub = arith.constant 4 : index
  %step = arith.constant 1 : index
  %1 = scf.for %i = %lb to %ub step %step iter_args(%acc = %y) -> tensor<4x16xf32> {
    %bn:3 = aten._native_batch_norm_legit(%acc, %c, %c, %c, %c) training = true, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
    scf.yield %bn#0 : tensor<4x16xf32>
  }
  "unregistered.region"() ({
    %f = aten.feature_dropout(%y) p = 1.000000e-01, train = true : (tensor<4x16xf32>) -> tensor<4x16xf32>
    "unregistered.terminator"() : () -> ()
  }) : () -> ()
  %2 = "unregistered.op"(%0) : (tensor<8xf32>) -> tensor<8xf32>
  return %2 : tensor<8xf32>
}

// CHECK-LABEL: func.func @unreachable_block
// CHECK: ^bb1:
// CHECK-NEXT: aten.dropout({{.*}} train = false
func.func @unreachable_block(%x: tensor<8xf32>) -> tensor<8xf32> {
  return %x : tensor<8xf32>
^bb1:
  %0 = aten.dropout(%x) p = 1.000000e-01, train = true : (tensor<8xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// CHECK-LABEL: module @nested
// CHECK: func.func @inner
// CHECK-NEXT: aten.dropout({{.*}} train = false
module @nested {
  func.func @inner(%x: tensor<8xf32>) -> tensor<8xf32> {
    %0 = aten.dropout(%x) p = 1.000000e-01, train = true : (tensor<8xf32>) -> tensor<8xf32>
    return %0 : tensor<8xf32>
  }
}

//===----------------------------------------------------------------------===//
// In-place forms, rrelu with noise, MIOpen: switched like the others.
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @in_place$train
// CHECK-NEXT: %[[A:.*]] = aten.dropout_(%arg0) p = 0.12345678901230001, train = false {torch.node = "d"} : (tensor<8x16xf32>) -> tensor<8x16xf32>
// CHECK-NEXT: %[[B:.*]] = aten.feature_dropout_(%[[A]]) p = 2.000000e-01, train = false : (tensor<8x16xf32>) -> tensor<8x16xf32>
// CHECK-NEXT: %[[C:.*]] = aten.alpha_dropout_(%[[B]]) p = 3.000000e-01, train = false : (tensor<8x16xf32>) -> tensor<8x16xf32>
// CHECK-NEXT: %[[D:.*]] = aten.feature_alpha_dropout_(%[[C]]) p = 0.33333333333333331, train = false : (tensor<8x16xf32>) -> tensor<8x16xf32>
// CHECK-NEXT: %[[E:.*]] = aten.rrelu_(%[[D]]) lower = 1.000000e-01, upper = 2.000000e-01, training = false : (tensor<8x16xf32>) -> tensor<8x16xf32>
// CHECK-NEXT: return %[[E]]
func.func @in_place$train(%x: tensor<8x16xf32>) -> tensor<8x16xf32> {
  %0 = aten.dropout_(%x) p = 0.1234567890123, train = true {torch.node = "d"} : (tensor<8x16xf32>) -> tensor<8x16xf32>
  %1 = aten.feature_dropout_(%0) p = 2.000000e-01, train = true : (tensor<8x16xf32>) -> tensor<8x16xf32>
  %2 = aten.alpha_dropout_(%1) p = 3.000000e-01, train = true : (tensor<8x16xf32>) -> tensor<8x16xf32>
  %3 = aten.feature_alpha_dropout_(%2) p = 0.33333333333333331, train = true : (tensor<8x16xf32>) -> tensor<8x16xf32>
  %4 = aten.rrelu_(%3) lower = 1.000000e-01, upper = 2.000000e-01, training = true : (tensor<8x16xf32>) -> tensor<8x16xf32>
  return %4 : tensor<8x16xf32>
}

// CHECK-LABEL: func.func @rrelu_with_noise$train
// CHECK-NEXT: %[[A:.*]] = aten.rrelu_with_noise(%arg0, %arg1) lower = 1.250000e-01, upper = 0.33333333333333331, training = false : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
// CHECK-NEXT: %[[B:.*]] = aten.rrelu_with_noise_(%[[A]], %arg1) lower = 1.250000e-01, upper = 0.33333333333333331, training = false : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
// CHECK-NEXT: %[[R:.*]], %[[NOISE:.*]] = aten.rrelu_with_noise_functional(%[[B]], %arg1) lower = 0.000000e+00, upper = 1.000000e+00, training = false : (tensor<8xf32>, tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>)
// CHECK-NEXT: return %[[R]], %[[NOISE]]
func.func @rrelu_with_noise$train(%x: tensor<8xf32>, %noise: tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>) {
  %0 = aten.rrelu_with_noise(%x, %noise) lower = 1.250000e-01, upper = 0.33333333333333331, training = true : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  %1 = aten.rrelu_with_noise_(%0, %noise) lower = 1.250000e-01, upper = 0.33333333333333331, training = true : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  %2:2 = aten.rrelu_with_noise_functional(%1, %noise) lower = 0.000000e+00, upper = 1.000000e+00, training = true : (tensor<8xf32>, tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>)
  return %2#0, %2#1 : tensor<8xf32>, tensor<8xf32>
}

// CHECK-LABEL: func.func @miopen_batch_norm$train
// CHECK-NEXT: %[[N:.*]] = aten.none
// CHECK-NEXT: {{.*}} = aten.miopen_batch_norm(%arg0, %arg1, %[[N]], %arg1, %arg1) training = false, exponential_average_factor = 3.000000e-02, epsilon = 1.000000e-03 : (tensor<4x16xf32>, tensor<16xf32>, !aten.none, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
// CHECK-NEXT: {{.*}} = aten.miopen_batch_norm(%arg0, %arg1, %[[N]], %[[N]], %[[N]]) training = true, exponential_average_factor = 3.000000e-02, epsilon = 1.000000e-03 : (tensor<4x16xf32>, tensor<16xf32>, !aten.none, !aten.none, !aten.none) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
// CHECK-NEXT: return
func.func @miopen_batch_norm$train(%x: tensor<4x16xf32>, %c: tensor<16xf32>) {
  %n = aten.none
  %0:3 = aten.miopen_batch_norm(%x, %c, %n, %c, %c) training = true, exponential_average_factor = 3.000000e-02, epsilon = 1.000000e-03 : (tensor<4x16xf32>, tensor<16xf32>, !aten.none, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
  %1:3 = aten.miopen_batch_norm(%x, %c, %n, %n, %n) training = true, exponential_average_factor = 3.000000e-02, epsilon = 1.000000e-03 : (tensor<4x16xf32>, tensor<16xf32>, !aten.none, !aten.none, !aten.none) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
  return
}

//===----------------------------------------------------------------------===//
// Recurrent layers: the train flag flips. Attention: dropout_p goes to 0 and
// is kept for to-train; a probability to-train was given is dropped.
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @rnn$train
// CHECK-NEXT: {{.*}} = aten.lstm.input(%arg0, [%arg1, %arg1], [%arg2]) has_biases = false, num_layers = 2, dropout = 0.33333333333333331, train = false, bidirectional = true, batch_first = true {torch.node = "lstm"} : (tensor<2x5x4xf32>, tensor<4x2x6xf32>, tensor<4x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x12xf32>, tensor<4x2x6xf32>, tensor<4x2x6xf32>)
// CHECK-NEXT: {{.*}} = aten.gru.input(%arg0, %arg1, [%arg2]) has_biases = false, num_layers = 2, dropout = 3.000000e-01, train = false, bidirectional = true, batch_first = true : (tensor<2x5x4xf32>, tensor<4x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x12xf32>, tensor<4x2x6xf32>)
// CHECK-NEXT: {{.*}} = aten.rnn_relu.data(%arg3, %arg4, %arg1, []) has_biases = false, num_layers = 1, dropout = 0.000000e+00, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xsi64>, tensor<4x2x6xf32>) -> (tensor<7x6xf32>, tensor<4x2x6xf32>)
// CHECK-NEXT: return
func.func @rnn$train(%x: tensor<2x5x4xf32>, %h: tensor<4x2x6xf32>, %w: tensor<24x4xf32>, %packed: tensor<7x4xf32>, %sizes: tensor<3xsi64>) {
  %0:3 = aten.lstm.input(%x, [%h, %h], [%w]) has_biases = false, num_layers = 2, dropout = 0.33333333333333331, train = true, bidirectional = true, batch_first = true {torch.node = "lstm"} : (tensor<2x5x4xf32>, tensor<4x2x6xf32>, tensor<4x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x12xf32>, tensor<4x2x6xf32>, tensor<4x2x6xf32>)
  %1:2 = aten.gru.input(%x, %h, [%w]) has_biases = false, num_layers = 2, dropout = 3.000000e-01, train = true, bidirectional = true, batch_first = true : (tensor<2x5x4xf32>, tensor<4x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x12xf32>, tensor<4x2x6xf32>)
  %2:2 = aten.rnn_relu.data(%packed, %sizes, %h, []) has_biases = false, num_layers = 1, dropout = 0.000000e+00, train = true, bidirectional = false : (tensor<7x4xf32>, tensor<3xsi64>, tensor<4x2x6xf32>) -> (tensor<7x6xf32>, tensor<4x2x6xf32>)
  return
}

// One row per recurrent op: the flag flips; dropout, the other flags, every
// operand (hx and params in order), the result types and the discardable
// attributes stay, and every result keeps its uses.
// CHECK-LABEL: func.func @lstm.data$train
// CHECK-NEXT: %[[O:.*]], %[[H:.*]], %[[C:.*]] = aten.lstm.data(%arg0, %arg1, [%arg2, %arg3], [%arg4, %arg5, %arg6, %arg7]) has_biases = true, num_layers = 2, dropout = 0.12345678901230001, train = false, bidirectional = true {torch.node = "lstm"} : (tensor<7x4xf32>, tensor<3xi64>, tensor<4x2x6xf32>, tensor<4x2x5xf32>, tensor<24x4xf32>, tensor<24x6xf32>, tensor<24xf32>, tensor<24xf16>) -> (tensor<7x12xf32>, tensor<4x2x6xf32>, tensor<4x2x5xf32>)
// CHECK-NEXT: return %[[C]], %[[H]], %[[O]]
func.func @lstm.data$train(%data: tensor<7x4xf32>, %sizes: tensor<3xi64>, %h0: tensor<4x2x6xf32>, %c0: tensor<4x2x5xf32>, %wi: tensor<24x4xf32>, %wh: tensor<24x6xf32>, %bi: tensor<24xf32>, %bh: tensor<24xf16>) -> (tensor<4x2x5xf32>, tensor<4x2x6xf32>, tensor<7x12xf32>) {
  %0:3 = aten.lstm.data(%data, %sizes, [%h0, %c0], [%wi, %wh, %bi, %bh]) has_biases = true, num_layers = 2, dropout = 0.1234567890123, train = true, bidirectional = true {torch.node = "lstm"} : (tensor<7x4xf32>, tensor<3xi64>, tensor<4x2x6xf32>, tensor<4x2x5xf32>, tensor<24x4xf32>, tensor<24x6xf32>, tensor<24xf32>, tensor<24xf16>) -> (tensor<7x12xf32>, tensor<4x2x6xf32>, tensor<4x2x5xf32>)
  return %0#2, %0#1, %0#0 : tensor<4x2x5xf32>, tensor<4x2x6xf32>, tensor<7x12xf32>
}

// CHECK-LABEL: func.func @gru.data$train
// CHECK-NEXT: %[[O:.*]], %[[H:.*]] = aten.gru.data(%arg0, %arg1, %arg2, [%arg3, %arg4]) has_biases = false, num_layers = 3, dropout = 0.33333333333333331, train = false, bidirectional = false {a.first = 1 : i64, z.last = "kept"} : (tensor<7x4xbf16>, tensor<3xsi64>, tensor<3x2x6xbf16>, tensor<18x4xbf16>, tensor<18x6xbf16>) -> (tensor<7x6xbf16>, tensor<3x2x6xbf16>)
// CHECK-NEXT: return %[[H]], %[[O]]
func.func @gru.data$train(%data: tensor<7x4xbf16>, %sizes: tensor<3xsi64>, %h0: tensor<3x2x6xbf16>, %wi: tensor<18x4xbf16>, %wh: tensor<18x6xbf16>) -> (tensor<3x2x6xbf16>, tensor<7x6xbf16>) {
  %0:2 = aten.gru.data(%data, %sizes, %h0, [%wi, %wh]) has_biases = false, num_layers = 3, dropout = 0.33333333333333331, train = true, bidirectional = false {a.first = 1 : i64, z.last = "kept"} : (tensor<7x4xbf16>, tensor<3xsi64>, tensor<3x2x6xbf16>, tensor<18x4xbf16>, tensor<18x6xbf16>) -> (tensor<7x6xbf16>, tensor<3x2x6xbf16>)
  return %0#1, %0#0 : tensor<3x2x6xbf16>, tensor<7x6xbf16>
}

// CHECK-LABEL: func.func @rnn_tanh.input$train
// CHECK-NEXT: %[[O:.*]], %[[H:.*]] = aten.rnn_tanh.input(%arg0, %arg1, [%arg2, %arg3, %arg2, %arg3]) has_biases = false, num_layers = 2, dropout = 1.000000e+00, train = false, bidirectional = true, batch_first = false : (tensor<5x2x4xf64>, tensor<4x2x6xf64>, tensor<6x4xf64>, tensor<6x6xf64>, tensor<6x4xf64>, tensor<6x6xf64>) -> (tensor<5x2x12xf64>, tensor<4x2x6xf64>)
// CHECK-NEXT: return %[[H]], %[[O]]
func.func @rnn_tanh.input$train(%x: tensor<5x2x4xf64>, %h0: tensor<4x2x6xf64>, %wi: tensor<6x4xf64>, %wh: tensor<6x6xf64>) -> (tensor<4x2x6xf64>, tensor<5x2x12xf64>) {
  %0:2 = aten.rnn_tanh.input(%x, %h0, [%wi, %wh, %wi, %wh]) has_biases = false, num_layers = 2, dropout = 1.000000e+00, train = true, bidirectional = true, batch_first = false : (tensor<5x2x4xf64>, tensor<4x2x6xf64>, tensor<6x4xf64>, tensor<6x6xf64>, tensor<6x4xf64>, tensor<6x6xf64>) -> (tensor<5x2x12xf64>, tensor<4x2x6xf64>)
  return %0#1, %0#0 : tensor<4x2x6xf64>, tensor<5x2x12xf64>
}

// CHECK-LABEL: func.func @rnn_tanh.data$train
// CHECK-NEXT: %[[O:.*]], %[[H:.*]] = aten.rnn_tanh.data(%arg0, %arg1, %arg2, [%arg3]) has_biases = true, num_layers = 4, dropout = 5.000000e-01, train = false, bidirectional = true {torch.node = "rnn"} : (tensor<?x4xf32>, tensor<?xi64>, tensor<*xf32>, tensor<6x4xf32>) -> (tensor<?x12xf32>, tensor<*xf32>)
// CHECK-NEXT: return %[[H]], %[[O]]
func.func @rnn_tanh.data$train(%data: tensor<?x4xf32>, %sizes: tensor<?xi64>, %h0: tensor<*xf32>, %w: tensor<6x4xf32>) -> (tensor<*xf32>, tensor<?x12xf32>) {
  %0:2 = aten.rnn_tanh.data(%data, %sizes, %h0, [%w]) has_biases = true, num_layers = 4, dropout = 5.000000e-01, train = true, bidirectional = true {torch.node = "rnn"} : (tensor<?x4xf32>, tensor<?xi64>, tensor<*xf32>, tensor<6x4xf32>) -> (tensor<?x12xf32>, tensor<*xf32>)
  return %0#1, %0#0 : tensor<*xf32>, tensor<?x12xf32>
}

// CHECK-LABEL: func.func @rnn_relu.input$train
// CHECK-NEXT: %[[O:.*]], %[[H:.*]] = aten.rnn_relu.input(%arg0, %arg1, []) has_biases = true, num_layers = 1, dropout = 0.000000e+00, train = false, bidirectional = false, batch_first = true {torch.node = "relu_rnn"} : (tensor<2x5x4xf16>, tensor<1x2x6xf16>) -> (tensor<2x5x6xf16>, tensor<1x2x6xf16>)
// CHECK-NEXT: return %[[H]], %[[O]]
func.func @rnn_relu.input$train(%x: tensor<2x5x4xf16>, %h0: tensor<1x2x6xf16>) -> (tensor<1x2x6xf16>, tensor<2x5x6xf16>) {
  %0:2 = aten.rnn_relu.input(%x, %h0, []) has_biases = true, num_layers = 1, dropout = 0.000000e+00, train = true, bidirectional = false, batch_first = true {torch.node = "relu_rnn"} : (tensor<2x5x4xf16>, tensor<1x2x6xf16>) -> (tensor<2x5x6xf16>, tensor<1x2x6xf16>)
  return %0#1, %0#0 : tensor<1x2x6xf16>, tensor<2x5x6xf16>
}

// CHECK-LABEL: func.func @attention$train
// CHECK-NEXT: %[[N:.*]] = aten.none
// CHECK-NEXT: %{{.*}} = aten.scaled_dot_product_attention(%arg0, %arg0, %arg0, %[[N]]) dropout_p = 0.000000e+00, is_causal = false, enable_gqa = false {aten.training_dropout_p = 0.12345678901230001 : f64, torch.node = "sdpa"} : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, !aten.none) -> tensor<2x4x8x16xf32>
// CHECK-NEXT: %{{.*}} = aten.scaled_dot_product_attention(%arg0, %arg0, %arg0, %arg1) dropout_p = 0.000000e+00, is_causal = true, enable_gqa = false, scale = 2.500000e-01 : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<8x8xf32>) -> tensor<2x4x8x16xf32>
// CHECK-NEXT: %{{.*}} = aten.scaled_dot_product_attention(%arg0, %arg0, %arg0, %[[N]]) dropout_p = 0.000000e+00, is_causal = false, enable_gqa = false {aten.training_dropout_p = 2.000000e-01 : f64} : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, !aten.none) -> tensor<2x4x8x16xf32>
// CHECK-NEXT: return
func.func @attention$train(%q: tensor<2x4x8x16xf32>, %mask: tensor<8x8xf32>) {
  %n = aten.none
  %0 = aten.scaled_dot_product_attention(%q, %q, %q, %n) dropout_p = 0.1234567890123, is_causal = false, enable_gqa = false {torch.node = "sdpa"} : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, !aten.none) -> tensor<2x4x8x16xf32>
  %1 = aten.scaled_dot_product_attention(%q, %q, %q, %mask) dropout_p = 5.000000e-01, is_causal = true, enable_gqa = false, scale = 2.500000e-01 {aten.given_dropout_p} : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<8x8xf32>) -> tensor<2x4x8x16xf32>
  %2 = aten.scaled_dot_product_attention(%q, %q, %q, %n) dropout_p = 0.000000e+00, is_causal = false, enable_gqa = false {aten.training_dropout_p = 2.000000e-01 : f64} : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, !aten.none) -> tensor<2x4x8x16xf32>
  return
}

// The replaced ops keep their source locations.
// LOC-DAG: #[[LEGIT]] = loc("model.py":7:11)
// LOC-DAG: #[[WITHUPDATE]] = loc("model.py":9:5)
