// Generic-form aten ops read without the aten dialect (the stock mlir-opt
// with --allow-unregistered-dialect and the pass plugin alone) are
// unregistered ops: mode-report fails with an error at each, saying how to
// load the dialect, rather than count them as other ops and report a model
// in training form as having no mode-dependent op. The error is the one the
// other mode passes give (test/Plugin/unregistered-aten-ops.mlir).
// RUN: not mlir-opt %s --allow-unregistered-dialect --load-pass-plugin=%mode_plugin \
// RUN:   --pass-pipeline='builtin.module(mode-report)' -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not="mode report" --implicit-check-not=error:
// CHECK: mode-report-unregistered.mlir:[[# @LINE + 10]]:8: error: 'aten.dropout' is not a registered operation, so its mode cannot be known; load the aten dialect (mlir-opt --load-dialect-plugin=ModePlugin.so)
// CHECK: mode-report-unregistered.mlir:[[# @LINE + 10]]:8: error: 'aten.rrelu' is not a registered operation, so its mode cannot be known; load the aten dialect (mlir-opt --load-dialect-plugin=ModePlugin.so)
//
// With the dialect, the same ops are counted.
// RUN: mlir-opt %s --allow-unregistered-dialect --load-dialect-plugin=%mode_plugin \
// RUN:   --pass-pipeline='builtin.module(mode-report)' -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=DIALECT
// DIALECT: all mode-dependent ops         1           1                 0

func.func @f(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = "aten.dropout"(%x) {p = 1.000000e-01 : f64, train = true} : (tensor<8xf32>) -> tensor<8xf32>
  %1 = "aten.rrelu"(%0) {lower = 1.000000e-01 : f64, upper = 2.000000e-01 : f64, training = false} : (tensor<8xf32>) -> tensor<8xf32>
  return %1 : tensor<8xf32>
}
