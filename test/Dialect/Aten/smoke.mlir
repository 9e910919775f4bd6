// RUN: mode-opt %s | FileCheck %s
// CHECK-LABEL: func.func @dropout
// CHECK: aten.dropout(%{{.*}}) p = 1.000000e-01, train = true
func.func @dropout(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = "aten.dropout"(%x) {p = 1.000000e-01 : f64, train = true} : (tensor<8xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}
