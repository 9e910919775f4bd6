// mode-report changes nothing and reports, per section (function, nested
// module, ...) and in total, the mode-dependent ops by op name and mode, and
// the other ops. Where reports go, nested runs and errors:
// mode-report-output.test, mode-report-nested.mlir, mode-report-symbols.mlir.
// RUN: mode-opt %s --allow-unregistered-dialect > %t.plain.mlir
// RUN: mode-opt %s --allow-unregistered-dialect --mode-report > %t.report.mlir 2> %t.table
// RUN: diff %t.plain.mlir %t.report.mlir
// RUN: FileCheck %s --input-file=%t.report.mlir
// The table is checked space for space: its check lines hold it verbatim.
// RUN: FileCheck %s --check-prefix=TABLE --match-full-lines --strict-whitespace --input-file=%t.table
//
// format=json gives one valid document, on one line, with the same counts.
// RUN: mode-opt %s --allow-unregistered-dialect --mode-report=format=json -o /dev/null 2> %t.json
// RUN: count 1 < %t.json
// RUN: %python %S/Inputs/mode_report_lines.py %t.json | FileCheck %s --check-prefix=JSON --match-full-lines
//
// The same reports through the stock mlir-opt with ModePlugin.so.
// RUN: mlir-opt %s --allow-unregistered-dialect --load-dialect-plugin=%mode_plugin --pass-pipeline='builtin.module(mode-report)' -o /dev/null 2> %t.plugin.table
// RUN: diff %t.table %t.plugin.table
//
// format is one of table and json.
// RUN: not mode-opt %s --allow-unregistered-dialect --mode-report=format=xml -o /dev/null 2>&1 | FileCheck %s --check-prefix=BADFORMAT
// BADFORMAT: 'xml'
//
// The example model, in training form and after to-eval.
// RUN: mode-opt %mode_src_root/examples/resnet_block_train.mlir --mode-report -o /dev/null 2>&1 | FileCheck %s --check-prefix=RESNET --match-full-lines
// RUN: mode-opt %mode_src_root/examples/resnet_block_train.mlir --to-eval --mode-report=format=json -o /dev/null 2> %t.resnet.json
// RUN: %python %S/Inputs/mode_report_lines.py %t.resnet.json | FileCheck %s --check-prefix=RESNET-EVAL --match-full-lines
// RESNET:      mode report
// RESNET-NEXT: @forward (func.func)
// RESNET-NEXT:   op                             training  evaluation  mode-independent
// RESNET-NEXT:   aten._native_batch_norm_legit         2           0                 0
// RESNET-NEXT:   aten.batch_norm                       1           0                 0
// RESNET-NEXT:   aten.dropout                          1           0                 0
// RESNET-NEXT:   all mode-dependent ops                4           0                 0
// RESNET-NEXT:   other ops: 38
// RESNET-NEXT: total
// RESNET-NEXT:   op                             training  evaluation  mode-independent
// RESNET-NEXT:   aten._native_batch_norm_legit         2           0                 0
// RESNET-NEXT:   aten.batch_norm                       1           0                 0
// RESNET-NEXT:   aten.dropout                          1           0                 0
// RESNET-NEXT:   all mode-dependent ops                4           0                 0
// RESNET-NEXT:   other ops: 38
// RESNET-EVAL:      report
// RESNET-EVAL-NEXT: section {"name": "@forward", "op": "func.func", "mode_ops": [{"op": "aten._native_batch_norm_legit_no_training", "training": 0, "evaluation": 2, "mode_independent": 0}, {"op": "aten.batch_norm", "training": 0, "evaluation": 1, "mode_independent": 0}, {"op": "aten.dropout", "training": 0, "evaluation": 1, "mode_independent": 0}], "training": 0, "evaluation": 4, "mode_independent": 0, "other_ops": 38}
// RESNET-EVAL-NEXT: total {"mode_ops": [{"op": "aten._native_batch_norm_legit_no_training", "training": 0, "evaluation": 2, "mode_independent": 0}, {"op": "aten.batch_norm", "training": 0, "evaluation": 1, "mode_independent": 0}, {"op": "aten.dropout", "training": 0, "evaluation": 1, "mode_independent": 0}], "training": 0, "evaluation": 4, "mode_independent": 0, "other_ops": 38}

// TABLE:mode report
// TABLE-NEXT:<builtin.module> (builtin.module)
// TABLE-NEXT:  op                                         training  evaluation  mode-independent
// TABLE-NEXT:  aten.feature_dropout                              1           0                 0
// TABLE-NEXT:  all mode-dependent ops                            1           0                 0
// TABLE-NEXT:  other ops: 3
// TABLE-NEXT:@f$train (func.func)
// TABLE-NEXT:  op                                         training  evaluation  mode-independent
// TABLE-NEXT:  aten._native_batch_norm_legit                     1           0                 0
// TABLE-NEXT:  aten.dropout                                      2           1                 0
// TABLE-NEXT:  all mode-dependent ops                            3           1                 0
// TABLE-NEXT:  other ops: 2
// TABLE-NEXT:@g$eval (func.func)
// TABLE-NEXT:  op                                         training  evaluation  mode-independent
// TABLE-NEXT:  aten._native_batch_norm_legit.no_stats            0           0                 1
// TABLE-NEXT:  aten._native_batch_norm_legit_no_training         0           1                 0
// TABLE-NEXT:  aten.instance_norm                                0           0                 1
// TABLE-NEXT:  aten.rrelu                                        0           1                 0
// TABLE-NEXT:  all mode-dependent ops                            0           2                 2
// TABLE-NEXT:  other ops: 4
// TABLE-NEXT:@decl (func.func)
// TABLE-NEXT:  op                                         training  evaluation  mode-independent
// TABLE-NEXT:  all mode-dependent ops                            0           0                 0
// TABLE-NEXT:  other ops: 0
// TABLE-NEXT:@inner (builtin.module)
// TABLE-NEXT:  op                                         training  evaluation  mode-independent
// TABLE-NEXT:  all mode-dependent ops                            0           0                 0
// TABLE-NEXT:  other ops: 0
// TABLE-NEXT:@inner::@h$train (func.func)
// TABLE-NEXT:  op                                         training  evaluation  mode-independent
// TABLE-NEXT:  aten.rrelu                                        1           0                 0
// TABLE-NEXT:  all mode-dependent ops                            1           0                 0
// TABLE-NEXT:  other ops: 1
// TABLE-NEXT:@rnn_attention (func.func)
// TABLE-NEXT:  op                                         training  evaluation  mode-independent
// TABLE-NEXT:  aten.gru.data                                     0           1                 0
// TABLE-NEXT:  aten.gru.input                                    1           0                 0
// TABLE-NEXT:  aten.lstm.data                                    0           1                 0
// TABLE-NEXT:  aten.lstm.input                                   2           0                 0
// TABLE-NEXT:  aten.rnn_relu.data                                0           1                 0
// TABLE-NEXT:  aten.rnn_relu.input                               1           0                 0
// TABLE-NEXT:  aten.rnn_tanh.data                                1           0                 0
// TABLE-NEXT:  aten.rnn_tanh.input                               0           1                 0
// TABLE-NEXT:  aten.scaled_dot_product_attention                 2           2                 0
// TABLE-NEXT:  all mode-dependent ops                            7           6                 0
// TABLE-NEXT:  other ops: 2
// TABLE-NEXT:total
// TABLE-NEXT:  op                                         training  evaluation  mode-independent
// TABLE-NEXT:  aten._native_batch_norm_legit                     1           0                 0
// TABLE-NEXT:  aten._native_batch_norm_legit.no_stats            0           0                 1
// TABLE-NEXT:  aten._native_batch_norm_legit_no_training         0           1                 0
// TABLE-NEXT:  aten.dropout                                      2           1                 0
// TABLE-NEXT:  aten.feature_dropout                              1           0                 0
// TABLE-NEXT:  aten.gru.data                                     0           1                 0
// TABLE-NEXT:  aten.gru.input                                    1           0                 0
// TABLE-NEXT:  aten.instance_norm                                0           0                 1
// TABLE-NEXT:  aten.lstm.data                                    0           1                 0
// TABLE-NEXT:  aten.lstm.input                                   2           0                 0
// TABLE-NEXT:  aten.rnn_relu.data                                0           1                 0
// TABLE-NEXT:  aten.rnn_relu.input                               1           0                 0
// TABLE-NEXT:  aten.rnn_tanh.data                                1           0                 0
// TABLE-NEXT:  aten.rnn_tanh.input                               0           1                 0
// TABLE-NEXT:  aten.rrelu                                        1           1                 0
// TABLE-NEXT:  aten.scaled_dot_product_attention                 2           2                 0
// TABLE-NEXT:  all mode-dependent ops                           12           9                 2
// TABLE-NEXT:  other ops: 12

// JSON: report
// JSON-NEXT: section {"name": "<builtin.module>", "op": "builtin.module", "mode_ops": [{"op": "aten.feature_dropout", "training": 1, "evaluation": 0, "mode_independent": 0}], "training": 1, "evaluation": 0, "mode_independent": 0, "other_ops": 3}
// JSON-NEXT: section {"name": "@f$train", "op": "func.func", "mode_ops": [{"op": "aten._native_batch_norm_legit", "training": 1, "evaluation": 0, "mode_independent": 0}, {"op": "aten.dropout", "training": 2, "evaluation": 1, "mode_independent": 0}], "training": 3, "evaluation": 1, "mode_independent": 0, "other_ops": 2}
// JSON-NEXT: section {"name": "@g$eval", "op": "func.func", "mode_ops": [{"op": "aten._native_batch_norm_legit.no_stats", "training": 0, "evaluation": 0, "mode_independent": 1}, {"op": "aten._native_batch_norm_legit_no_training", "training": 0, "evaluation": 1, "mode_independent": 0}, {"op": "aten.instance_norm", "training": 0, "evaluation": 0, "mode_independent": 1}, {"op": "aten.rrelu", "training": 0, "evaluation": 1, "mode_independent": 0}], "training": 0, "evaluation": 2, "mode_independent": 2, "other_ops": 4}
// JSON-NEXT: section {"name": "@decl", "op": "func.func", "mode_ops": [], "training": 0, "evaluation": 0, "mode_independent": 0, "other_ops": 0}
// JSON-NEXT: section {"name": "@inner", "op": "builtin.module", "mode_ops": [], "training": 0, "evaluation": 0, "mode_independent": 0, "other_ops": 0}
// JSON-NEXT: section {"name": "@inner::@h$train", "op": "func.func", "mode_ops": [{"op": "aten.rrelu", "training": 1, "evaluation": 0, "mode_independent": 0}], "training": 1, "evaluation": 0, "mode_independent": 0, "other_ops": 1}
// JSON-NEXT: section {"name": "@rnn_attention", "op": "func.func", "mode_ops": [{"op": "aten.gru.data", "training": 0, "evaluation": 1, "mode_independent": 0}, {"op": "aten.gru.input", "training": 1, "evaluation": 0, "mode_independent": 0}, {"op": "aten.lstm.data", "training": 0, "evaluation": 1, "mode_independent": 0}, {"op": "aten.lstm.input", "training": 2, "evaluation": 0, "mode_independent": 0}, {"op": "aten.rnn_relu.data", "training": 0, "evaluation": 1, "mode_independent": 0}, {"op": "aten.rnn_relu.input", "training": 1, "evaluation": 0, "mode_independent": 0}, {"op": "aten.rnn_tanh.data", "training": 1, "evaluation": 0, "mode_independent": 0}, {"op": "aten.rnn_tanh.input", "training": 0, "evaluation": 1, "mode_independent": 0}, {"op": "aten.scaled_dot_product_attention", "training": 2, "evaluation": 2, "mode_independent": 0}], "training": 7, "evaluation": 6, "mode_independent": 0, "other_ops": 2}
// JSON-NEXT: total {"mode_ops": [{"op": "aten._native_batch_norm_legit", "training": 1, "evaluation": 0, "mode_independent": 0}, {"op": "aten._native_batch_norm_legit.no_stats", "training": 0, "evaluation": 0, "mode_independent": 1}, {"op": "aten._native_batch_norm_legit_no_training", "training": 0, "evaluation": 1, "mode_independent": 0}, {"op": "aten.dropout", "training": 2, "evaluation": 1, "mode_independent": 0}, {"op": "aten.feature_dropout", "training": 1, "evaluation": 0, "mode_independent": 0}, {"op": "aten.gru.data", "training": 0, "evaluation": 1, "mode_independent": 0}, {"op": "aten.gru.input", "training": 1, "evaluation": 0, "mode_independent": 0}, {"op": "aten.instance_norm", "training": 0, "evaluation": 0, "mode_independent": 1}, {"op": "aten.lstm.data", "training": 0, "evaluation": 1, "mode_independent": 0}, {"op": "aten.lstm.input", "training": 2, "evaluation": 0, "mode_independent": 0}, {"op": "aten.rnn_relu.data", "training": 0, "evaluation": 1, "mode_independent": 0}, {"op": "aten.rnn_relu.input", "training": 1, "evaluation": 0, "mode_independent": 0}, {"op": "aten.rnn_tanh.data", "training": 1, "evaluation": 0, "mode_independent": 0}, {"op": "aten.rnn_tanh.input", "training": 0, "evaluation": 1, "mode_independent": 0}, {"op": "aten.rrelu", "training": 1, "evaluation": 1, "mode_independent": 0}, {"op": "aten.scaled_dot_product_attention", "training": 2, "evaluation": 2, "mode_independent": 0}], "training": 12, "evaluation": 9, "mode_independent": 2, "other_ops": 12}

// Two functions, a nested module, a declaration and ops outside any
// function.
// CHECK-LABEL: func.func @f$train
// CHECK-COUNT-3: aten.dropout
func.func @f$train(%x: tensor<4x16xf32>, %c: tensor<16xf32>) -> tensor<4x16xf32> {
  %0 = aten.dropout(%x) p = 1.000000e-01, train = true : (tensor<4x16xf32>) -> tensor<4x16xf32>
  %1 = aten.dropout(%0) p = 1.000000e-01, train = false : (tensor<4x16xf32>) -> tensor<4x16xf32>
  %2 = aten.dropout(%1) p = 1.000000e-01, train = true : (tensor<4x16xf32>) -> tensor<4x16xf32>
  %3:3 = aten._native_batch_norm_legit(%2, %c, %c, %c, %c) training = true, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
  %4 = arith.addf %3#0, %x : tensor<4x16xf32>
  return %4 : tensor<4x16xf32>
}

// CHECK-LABEL: func.func @g$eval
// CHECK: aten._native_batch_norm_legit_no_training
func.func @g$eval(%cond: i1, %x: tensor<4x16xf32>, %c: tensor<16xf32>) {
  %n = aten.none
  scf.if %cond {
    %0:3 = aten._native_batch_norm_legit_no_training(%x, %c, %c, %c, %c) momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<0xf32>, tensor<0xf32>)
  }
  %1 = aten.instance_norm(%x, %n, %n, %n, %n) use_input_stats = true, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false : (tensor<4x16xf32>, !aten.none, !aten.none, !aten.none, !aten.none) -> tensor<4x16xf32>
  %2:3 = aten._native_batch_norm_legit.no_stats(%x, %n, %n) training = true, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, !aten.none, !aten.none) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
  %3 = aten.rrelu(%x) lower = 1.000000e-01, upper = 2.000000e-01, training = false : (tensor<4x16xf32>) -> tensor<4x16xf32>
  return
}

// CHECK-LABEL: func.func private @decl
func.func private @decl(tensor<4x16xf32>) -> tensor<4x16xf32>

module @inner {
  // CHECK-LABEL: func.func @h$train
  // CHECK-NEXT: aten.rrelu({{.*}} training = true
  func.func @h$train(%x: tensor<8xf32>) -> tensor<8xf32> {
    %0 = aten.rrelu(%x) lower = 1.000000e-01, upper = 2.000000e-01, training = true : (tensor<8xf32>) -> tensor<8xf32>
    return %0 : tensor<8xf32>
  }
}

"test.graph"() ({
  %x = "test.input"() : () -> tensor<8xf32>
  %0 = aten.feature_dropout(%x) p = 2.000000e-01, train = true : (tensor<8xf32>) -> tensor<8xf32>
  "test.terminator"() : () -> ()
}) : () -> ()

// The recurrent ops count by their train flag, attention by its dropout
// probability: 0 is evaluation, whether or not a training one is kept.
// CHECK-LABEL: func.func @rnn_attention
// CHECK-COUNT-9: aten.{{(lstm|gru|rnn_tanh|rnn_relu)}}.
// CHECK-COUNT-4: aten.scaled_dot_product_attention
func.func @rnn_attention(%x: tensor<2x5x4xf32>, %h: tensor<2x2x6xf32>, %w: tensor<24x4xf32>, %data: tensor<7x4xf32>, %sizes: tensor<3xi64>, %q: tensor<2x4x8x16xf32>) {
  %0:3 = aten.lstm.input(%x, [%h, %h], [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = true, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>)
  %1:3 = aten.lstm.input(%x, [%h, %h], [%w]) has_biases = false, num_layers = 1, dropout = 0.000000e+00, train = true, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>)
  %2:3 = aten.lstm.data(%data, %sizes, [%h, %h], [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>)
  %3:2 = aten.gru.input(%x, %h, [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = true, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
  %4:2 = aten.gru.data(%data, %sizes, %h, [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
  %5:2 = aten.rnn_tanh.input(%x, %h, [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
  %6:2 = aten.rnn_tanh.data(%data, %sizes, %h, [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = true, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
  %7:2 = aten.rnn_relu.input(%x, %h, [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = true, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
  %8:2 = aten.rnn_relu.data(%data, %sizes, %h, [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
  %n = aten.none
  %9 = aten.scaled_dot_product_attention(%q, %q, %q, %n) dropout_p = 1.000000e-01, is_causal = false, enable_gqa = false : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, !aten.none) -> tensor<2x4x8x16xf32>
  %10 = aten.scaled_dot_product_attention(%q, %q, %q, %n) dropout_p = 2.500000e-01, is_causal = false, enable_gqa = false {aten.given_dropout_p} : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, !aten.none) -> tensor<2x4x8x16xf32>
  %11 = aten.scaled_dot_product_attention(%q, %q, %q, %n) dropout_p = 0.000000e+00, is_causal = false, enable_gqa = false {aten.training_dropout_p = 1.000000e-01 : f64} : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, !aten.none) -> tensor<2x4x8x16xf32>
  %12 = aten.scaled_dot_product_attention(%q, %q, %q, %n) dropout_p = 0.000000e+00, is_causal = true, enable_gqa = false : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, !aten.none) -> tensor<2x4x8x16xf32>
  return
}
