// to-eval with ops= switches only the named op families; every other op is
// left exactly as it was.
// RUN: mode-opt %s --to-eval="ops=batch_norm" | FileCheck %s --check-prefix=BN
// RUN: mode-opt %s --pass-pipeline='builtin.module(func.func(to-eval{ops=batch_norm}))' | FileCheck %s --check-prefix=BN
// RUN: mode-opt %s --to-eval="ops=dropout" | FileCheck %s --check-prefix=DROPOUT
// RUN: mode-opt %s --to-eval="ops=instance_norm" | FileCheck %s --check-prefix=IN
// RUN: mode-opt %s --to-eval="ops=rrelu" | FileCheck %s --check-prefix=RRELU
// RUN: mode-opt %s --to-eval="ops=dropout,rrelu" | FileCheck %s --check-prefix=MULTI
// A space after the comma is part of the list, not the end of the option.
// RUN: mode-opt %s --to-eval="ops=dropout, rrelu" | FileCheck %s --check-prefix=MULTI
// RUN: mode-opt %s --pass-pipeline="builtin.module(to-eval{ops=dropout,  rrelu})" | FileCheck %s --check-prefix=MULTI
// RUN: mode-opt %s --pass-pipeline='builtin.module(to-eval{ops=rrelu,dropout})' | FileCheck %s --check-prefix=MULTI
// RUN: mlir-opt %s --load-dialect-plugin=%mode_plugin --load-pass-plugin=%mode_plugin --pass-pipeline='builtin.module(to-eval{ops=batch_norm})' | FileCheck %s --check-prefix=BN
// RUN: mlir-opt %s --load-dialect-plugin=%mode_plugin --load-pass-plugin=%mode_plugin --pass-pipeline='builtin.module(func.func(to-eval{ops=dropout,rrelu}))' | FileCheck %s --check-prefix=MULTI
//
// The families partition the ops: switching them in two steps gives what
// one to-eval (every family, the default) gives.
// RUN: mode-opt %s --to-eval > %t.all.mlir
// RUN: mode-opt %s --pass-pipeline='builtin.module(to-eval{ops=dropout,instance_norm,rrelu},to-eval{ops=batch_norm})' | diff %t.all.mlir -
// RUN: mode-opt %mode_src_root/examples/resnet_block_train.mlir --to-eval -o %t.resnet.all.mlir
// RUN: mode-opt %mode_src_root/examples/resnet_block_train.mlir --to-eval="ops=dropout" --to-eval="ops=batch_norm" | diff %t.resnet.all.mlir -
//
// Freezing the batch norms of the example model: the diff against the input
// is the three batch-norm lines, nothing else (the dropout keeps training).
// RUN: mode-opt %mode_src_root/examples/resnet_block_train.mlir -o %t.resnet.mlir
// RUN: mode-opt %mode_src_root/examples/resnet_block_train.mlir --to-eval="ops=batch_norm" -o %t.resnet.bn.mlir
// RUN: not diff %t.resnet.mlir %t.resnet.bn.mlir > %t.diff
// RUN: count 12 < %t.diff
// RUN: FileCheck %s --check-prefix=DIFF --match-full-lines < %t.diff
//
// An unknown family is an error naming the valid ones.
// RUN: not mode-opt %s --to-eval="ops=batch_norm,batchnorm" 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: not mode-opt %s --pass-pipeline='builtin.module(func.func(to-eval{ops=Dropout}))' 2>&1 | FileCheck %s --check-prefix=UNKNOWN-PIPELINE
// RUN: not mlir-opt %s --load-dialect-plugin=%mode_plugin --load-pass-plugin=%mode_plugin --pass-pipeline='builtin.module(func.func(to-eval{ops=Dropout}))' 2>&1 | FileCheck %s --check-prefix=UNKNOWN-PIPELINE
// UNKNOWN: error: 'to-eval': unknown op family 'batchnorm' in ops=; valid families: attention, batch_norm, dropout, instance_norm, rnn, rrelu
// UNKNOWN-PIPELINE: error: 'to-eval': unknown op family 'Dropout' in ops=; valid families: attention, batch_norm, dropout, instance_norm, rnn, rrelu

// DIFF: 8c8
// DIFF-NEXT: <     %output, %save_mean, %save_rstd = aten._native_batch_norm_legit(%2, %arg2, %arg3, %arg4, %arg5) training = true, momentum = 3.000000e-02, eps = 1.000000e-03 : (tensor<2x16x6x6xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<2x16x6x6xf32>, tensor<16xf32>, tensor<16xf32>)
// DIFF-NEXT: ---
// DIFF-NEXT: >     %output, %save_mean, %save_rstd = aten._native_batch_norm_legit_no_training(%2, %arg2, %arg3, %arg4, %arg5) momentum = 3.000000e-02, eps = 1.000000e-03 : (tensor<2x16x6x6xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<2x16x6x6xf32>, tensor<16xf32>, tensor<16xf32>)
// DIFF-NEXT: 11c11
// DIFF-NEXT: <     %output_1, %save_mean_2, %save_rstd_3 = aten._native_batch_norm_legit(%4, %arg7, %arg8, %arg9, %arg10) training = true, momentum = 3.000000e-02, eps = 1.000000e-03 : (tensor<2x16x6x6xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<2x16x6x6xf32>, tensor<16xf32>, tensor<16xf32>)
// DIFF-NEXT: ---
// DIFF-NEXT: >     %output_1, %save_mean_2, %save_rstd_3 = aten._native_batch_norm_legit_no_training(%4, %arg7, %arg8, %arg9, %arg10) momentum = 3.000000e-02, eps = 1.000000e-03 : (tensor<2x16x6x6xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<2x16x6x6xf32>, tensor<16xf32>, tensor<16xf32>)
// DIFF-NEXT: 14c14
// DIFF-NEXT: <     %7 = aten.batch_norm(%6, %arg12, %arg13, %arg14, %arg15) training = true, momentum = 3.000000e-02, eps = 1.000000e-03, cudnn_enabled = false : (tensor<2x16x6x6xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<2x16x6x6xf32>
// DIFF-NEXT: ---
// DIFF-NEXT: >     %7 = aten.batch_norm(%6, %arg12, %arg13, %arg14, %arg15) training = false, momentum = 3.000000e-02, eps = 1.000000e-03, cudnn_enabled = false : (tensor<2x16x6x6xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<2x16x6x6xf32>

// BN-LABEL: func.func @all$train
// BN-NEXT: %[[N:.*]] = aten.none
// BN-NEXT: aten.dropout(%arg0) p = 1.000000e-01, train = true
// BN-NEXT: aten.feature_dropout(%arg0) p = 2.000000e-01, train = true
// BN-NEXT: aten.alpha_dropout(%arg0) p = 3.000000e-01, train = true
// BN-NEXT: aten.feature_alpha_dropout(%arg0) p = 4.000000e-01, train = true
// BN-NEXT: aten.native_dropout(%arg0) p = 5.000000e-01, train = true
// BN-NEXT: aten.rrelu(%arg0) lower = 1.000000e-01, upper = 2.000000e-01, training = true
// BN-NEXT: aten.batch_norm(%arg0, %arg1, %arg1, %arg1, %arg1) training = false, momentum = 3.000000e-02, eps = 1.000000e-03, cudnn_enabled = false
// BN-NEXT: aten.native_batch_norm(%arg0, %arg1, %arg1, %arg1, %arg1) training = false, momentum = 3.000000e-02, eps = 1.000000e-03
// BN-NEXT: aten._native_batch_norm_legit_no_training(%arg0, %arg1, %arg1, %arg1, %arg1) momentum = 3.000000e-02, eps = 1.000000e-03
// BN-NEXT: aten._native_batch_norm_legit_functional(%arg0, %arg1, %arg1, %arg1, %arg1) training = false, momentum = 3.000000e-02, eps = 1.000000e-03
// BN-NEXT: aten._batch_norm_no_update(%arg0, %arg1, %arg1, %arg1, %arg1) momentum = 3.000000e-02, eps = 1.000000e-03
// BN-NEXT: aten.cudnn_batch_norm(%arg0, %arg1, %arg1, %arg1, %arg1) training = false, exponential_average_factor = 3.000000e-02, epsilon = 1.000000e-03
// BN-NEXT: aten.instance_norm(%arg0, %[[N]], %[[N]], %arg1, %arg1) use_input_stats = true, momentum = 3.000000e-02, eps = 1.000000e-03, cudnn_enabled = false
// BN-NEXT: return

// DROPOUT-LABEL: func.func @all$train
// DROPOUT-NEXT: %[[N:.*]] = aten.none
// DROPOUT-NEXT: aten.dropout(%arg0) p = 1.000000e-01, train = false
// DROPOUT-NEXT: aten.feature_dropout(%arg0) p = 2.000000e-01, train = false
// DROPOUT-NEXT: aten.alpha_dropout(%arg0) p = 3.000000e-01, train = false
// DROPOUT-NEXT: aten.feature_alpha_dropout(%arg0) p = 4.000000e-01, train = false
// DROPOUT-NEXT: aten.native_dropout(%arg0) p = 5.000000e-01, train = false
// DROPOUT-NEXT: aten.rrelu(%arg0) lower = 1.000000e-01, upper = 2.000000e-01, training = true
// DROPOUT-NEXT: aten.batch_norm(%arg0, %arg1, %arg1, %arg1, %arg1) training = true, momentum = 3.000000e-02, eps = 1.000000e-03, cudnn_enabled = false
// DROPOUT-NEXT: aten.native_batch_norm(%arg0, %arg1, %arg1, %arg1, %arg1) training = true, momentum = 3.000000e-02, eps = 1.000000e-03
// DROPOUT-NEXT: aten._native_batch_norm_legit(%arg0, %arg1, %arg1, %arg1, %arg1) training = true, momentum = 3.000000e-02, eps = 1.000000e-03
// DROPOUT-NEXT: aten._native_batch_norm_legit_functional(%arg0, %arg1, %arg1, %arg1, %arg1) training = true, momentum = 3.000000e-02, eps = 1.000000e-03
// DROPOUT-NEXT: aten._batch_norm_with_update(%arg0, %arg1, %arg1, %arg1, %arg1) momentum = 3.000000e-02, eps = 1.000000e-03
// DROPOUT-NEXT: aten.cudnn_batch_norm(%arg0, %arg1, %arg1, %arg1, %arg1) training = true, exponential_average_factor = 3.000000e-02, epsilon = 1.000000e-03
// DROPOUT-NEXT: aten.instance_norm(%arg0, %[[N]], %[[N]], %arg1, %arg1) use_input_stats = true, momentum = 3.000000e-02, eps = 1.000000e-03, cudnn_enabled = false
// DROPOUT-NEXT: return

// IN-LABEL: func.func @all$train
// IN-NEXT: %[[N:.*]] = aten.none
// IN-NEXT: aten.dropout(%arg0) p = 1.000000e-01, train = true
// IN-NEXT: aten.feature_dropout(%arg0) p = 2.000000e-01, train = true
// IN-NEXT: aten.alpha_dropout(%arg0) p = 3.000000e-01, train = true
// IN-NEXT: aten.feature_alpha_dropout(%arg0) p = 4.000000e-01, train = true
// IN-NEXT: aten.native_dropout(%arg0) p = 5.000000e-01, train = true
// IN-NEXT: aten.rrelu(%arg0) lower = 1.000000e-01, upper = 2.000000e-01, training = true
// IN-NEXT: aten.batch_norm(%arg0, %arg1, %arg1, %arg1, %arg1) training = true, momentum = 3.000000e-02, eps = 1.000000e-03, cudnn_enabled = false
// IN-NEXT: aten.native_batch_norm(%arg0, %arg1, %arg1, %arg1, %arg1) training = true, momentum = 3.000000e-02, eps = 1.000000e-03
// IN-NEXT: aten._native_batch_norm_legit(%arg0, %arg1, %arg1, %arg1, %arg1) training = true, momentum = 3.000000e-02, eps = 1.000000e-03
// IN-NEXT: aten._native_batch_norm_legit_functional(%arg0, %arg1, %arg1, %arg1, %arg1) training = true, momentum = 3.000000e-02, eps = 1.000000e-03
// IN-NEXT: aten._batch_norm_with_update(%arg0, %arg1, %arg1, %arg1, %arg1) momentum = 3.000000e-02, eps = 1.000000e-03
// IN-NEXT: aten.cudnn_batch_norm(%arg0, %arg1, %arg1, %arg1, %arg1) training = true, exponential_average_factor = 3.000000e-02, epsilon = 1.000000e-03
// IN-NEXT: aten.instance_norm(%arg0, %[[N]], %[[N]], %arg1, %arg1) use_input_stats = false, momentum = 3.000000e-02, eps = 1.000000e-03, cudnn_enabled = false
// IN-NEXT: return

// RRELU-LABEL: func.func @all$train
// RRELU-NEXT: %[[N:.*]] = aten.none
// RRELU-NEXT: aten.dropout(%arg0) p = 1.000000e-01, train = true
// RRELU-NEXT: aten.feature_dropout(%arg0) p = 2.000000e-01, train = true
// RRELU-NEXT: aten.alpha_dropout(%arg0) p = 3.000000e-01, train = true
// RRELU-NEXT: aten.feature_alpha_dropout(%arg0) p = 4.000000e-01, train = true
// RRELU-NEXT: aten.native_dropout(%arg0) p = 5.000000e-01, train = true
// RRELU-NEXT: aten.rrelu(%arg0) lower = 1.000000e-01, upper = 2.000000e-01, training = false
// RRELU-NEXT: aten.batch_norm(%arg0, %arg1, %arg1, %arg1, %arg1) training = true, momentum = 3.000000e-02, eps = 1.000000e-03, cudnn_enabled = false
// RRELU-NEXT: aten.native_batch_norm(%arg0, %arg1, %arg1, %arg1, %arg1) training = true, momentum = 3.000000e-02, eps = 1.000000e-03
// RRELU-NEXT: aten._native_batch_norm_legit(%arg0, %arg1, %arg1, %arg1, %arg1) training = true, momentum = 3.000000e-02, eps = 1.000000e-03
// RRELU-NEXT: aten._native_batch_norm_legit_functional(%arg0, %arg1, %arg1, %arg1, %arg1) training = true, momentum = 3.000000e-02, eps = 1.000000e-03
// RRELU-NEXT: aten._batch_norm_with_update(%arg0, %arg1, %arg1, %arg1, %arg1) momentum = 3.000000e-02, eps = 1.000000e-03
// RRELU-NEXT: aten.cudnn_batch_norm(%arg0, %arg1, %arg1, %arg1, %arg1) training = true, exponential_average_factor = 3.000000e-02, epsilon = 1.000000e-03
// RRELU-NEXT: aten.instance_norm(%arg0, %[[N]], %[[N]], %arg1, %arg1) use_input_stats = true, momentum = 3.000000e-02, eps = 1.000000e-03, cudnn_enabled = false
// RRELU-NEXT: return

// MULTI-LABEL: func.func @all$train
// MULTI-NEXT: %[[N:.*]] = aten.none
// MULTI-NEXT: aten.dropout(%arg0) p = 1.000000e-01, train = false
// MULTI-NEXT: aten.feature_dropout(%arg0) p = 2.000000e-01, train = false
// MULTI-NEXT: aten.alpha_dropout(%arg0) p = 3.000000e-01, train = false
// MULTI-NEXT: aten.feature_alpha_dropout(%arg0) p = 4.000000e-01, train = false
// MULTI-NEXT: aten.native_dropout(%arg0) p = 5.000000e-01, train = false
// MULTI-NEXT: aten.rrelu(%arg0) lower = 1.000000e-01, upper = 2.000000e-01, training = false
// MULTI-NEXT: aten.batch_norm(%arg0, %arg1, %arg1, %arg1, %arg1) training = true, momentum = 3.000000e-02, eps = 1.000000e-03, cudnn_enabled = false
// MULTI-NEXT: aten.native_batch_norm(%arg0, %arg1, %arg1, %arg1, %arg1) training = true, momentum = 3.000000e-02, eps = 1.000000e-03
// MULTI-NEXT: aten._native_batch_norm_legit(%arg0, %arg1, %arg1, %arg1, %arg1) training = true, momentum = 3.000000e-02, eps = 1.000000e-03
// MULTI-NEXT: aten._native_batch_norm_legit_functional(%arg0, %arg1, %arg1, %arg1, %arg1) training = true, momentum = 3.000000e-02, eps = 1.000000e-03
// MULTI-NEXT: aten._batch_norm_with_update(%arg0, %arg1, %arg1, %arg1, %arg1) momentum = 3.000000e-02, eps = 1.000000e-03
// MULTI-NEXT: aten.cudnn_batch_norm(%arg0, %arg1, %arg1, %arg1, %arg1) training = true, exponential_average_factor = 3.000000e-02, epsilon = 1.000000e-03
// MULTI-NEXT: aten.instance_norm(%arg0, %[[N]], %[[N]], %arg1, %arg1) use_input_stats = true, momentum = 3.000000e-02, eps = 1.000000e-03, cudnn_enabled = false
// MULTI-NEXT: return
func.func @all$train(%x: tensor<4x16xf32>, %c: tensor<16xf32>) {
  %n = aten.none
  %0 = aten.dropout(%x) p = 1.000000e-01, train = true : (tensor<4x16xf32>) -> tensor<4x16xf32>
  %1 = aten.feature_dropout(%x) p = 2.000000e-01, train = true : (tensor<4x16xf32>) -> tensor<4x16xf32>
  %2 = aten.alpha_dropout(%x) p = 3.000000e-01, train = true : (tensor<4x16xf32>) -> tensor<4x16xf32>
  %3 = aten.feature_alpha_dropout(%x) p = 4.000000e-01, train = true : (tensor<4x16xf32>) -> tensor<4x16xf32>
  %4:2 = aten.native_dropout(%x) p = 5.000000e-01, train = true : (tensor<4x16xf32>) -> (tensor<4x16xf32>, tensor<4x16xi1>)
  %5 = aten.rrelu(%x) lower = 1.000000e-01, upper = 2.000000e-01, training = true : (tensor<4x16xf32>) -> tensor<4x16xf32>
  %6 = aten.batch_norm(%x, %c, %c, %c, %c) training = true, momentum = 3.000000e-02, eps = 1.000000e-03, cudnn_enabled = false : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  %7:3 = aten.native_batch_norm(%x, %c, %c, %c, %c) training = true, momentum = 3.000000e-02, eps = 1.000000e-03 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
  %8:3 = aten._native_batch_norm_legit(%x, %c, %c, %c, %c) training = true, momentum = 3.000000e-02, eps = 1.000000e-03 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
  %9:5 = aten._native_batch_norm_legit_functional(%x, %c, %c, %c, %c) training = true, momentum = 3.000000e-02, eps = 1.000000e-03 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>)
  %10:4 = aten._batch_norm_with_update(%x, %c, %c, %c, %c) momentum = 3.000000e-02, eps = 1.000000e-03 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xui8>)
  %11:4 = aten.cudnn_batch_norm(%x, %c, %c, %c, %c) training = true, exponential_average_factor = 3.000000e-02, epsilon = 1.000000e-03 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xui8>)
  %12 = aten.instance_norm(%x, %n, %n, %c, %c) use_input_stats = true, momentum = 3.000000e-02, eps = 1.000000e-03, cudnn_enabled = false : (tensor<4x16xf32>, !aten.none, !aten.none, tensor<16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  return
}
