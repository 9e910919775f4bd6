// The dialect plugin alone: the stock mlir-opt parses aten IR in generic and
// custom form, prints the custom form, and reads its own output back, in
// custom and in generic form. The verifier comes with the dialect.
// RUN: mlir-opt %s --load-dialect-plugin=%mode_plugin | FileCheck %s
// RUN: mlir-opt %s --load-dialect-plugin=%mode_plugin \
// RUN:   | mlir-opt --load-dialect-plugin=%mode_plugin | FileCheck %s
// RUN: mlir-opt %s --load-dialect-plugin=%mode_plugin --mlir-print-op-generic \
// RUN:   | mlir-opt --load-dialect-plugin=%mode_plugin | FileCheck %s
// RUN: mlir-opt %s --load-dialect-plugin=%mode_plugin -o %t.1
// RUN: mlir-opt %t.1 --load-dialect-plugin=%mode_plugin -o %t.2
// RUN: diff %t.1 %t.2
// Every verifier error of the dialect's own invalid-IR test, at its location.
// RUN: mlir-opt %mode_src_root/test/Dialect/Aten/invalid.mlir \
// RUN:   --load-dialect-plugin=%mode_plugin --split-input-file --verify-diagnostics

// CHECK-LABEL: func.func @generic
// CHECK-NEXT: %[[N:.*]] = aten.none
// CHECK-NEXT: %[[D:.*]] = aten.dropout(%arg0) p = 1.000000e-01, train = true {torch.node = "drop"} : (tensor<8x16xf32>) -> tensor<8x16xf32>
// CHECK-NEXT: aten.batch_norm(%[[D]], %[[N]], %[[N]], %arg1, %arg1) training = true, momentum = 3.000000e-02, eps = 1.000000e-03, cudnn_enabled = false : (tensor<8x16xf32>, !aten.none, !aten.none, tensor<16xf32>, tensor<16xf32>) -> tensor<8x16xf32>
func.func @generic(%x: tensor<8x16xf32>, %c: tensor<16xf32>) -> tensor<8x16xf32> {
  %n = "aten.none"() : () -> !aten.none
  %0 = "aten.dropout"(%x) {p = 1.000000e-01 : f64, train = true, torch.node = "drop"} : (tensor<8x16xf32>) -> tensor<8x16xf32>
  %1 = "aten.batch_norm"(%0, %n, %n, %c, %c) {training = true, momentum = 3.000000e-02 : f64, eps = 1.000000e-03 : f64, cudnn_enabled = false} : (tensor<8x16xf32>, !aten.none, !aten.none, tensor<16xf32>, tensor<16xf32>) -> tensor<8x16xf32>
  return %1 : tensor<8x16xf32>
}

// CHECK-LABEL: func.func @custom
// CHECK-NEXT: %output, %mask = aten.native_dropout(%arg0) p = 5.000000e-01, train = false : (tensor<8x16xf32>) -> (tensor<8x16xf32>, tensor<8x16xi1>)
// CHECK-NEXT: aten.rrelu(%output) lower = 1.250000e-01, upper = 0.33333333333333331, training = false : (tensor<8x16xf32>) -> tensor<8x16xf32>
func.func @custom(%x: tensor<8x16xf32>) -> tensor<8x16xf32> {
  %0:2 = aten.native_dropout(%x) p = 5.000000e-01, train = false : (tensor<8x16xf32>) -> (tensor<8x16xf32>, tensor<8x16xi1>)
  %1 = aten.rrelu(%0#0) lower = 1.250000e-01, upper = 0.33333333333333331, training = false : (tensor<8x16xf32>) -> tensor<8x16xf32>
  return %1 : tensor<8x16xf32>
}
