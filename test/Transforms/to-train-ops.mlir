// to-train with ops= switches only the named op families; every other op
// is left exactly as it was.
// RUN: mode-opt %s --to-train="ops=batch_norm" | FileCheck %s --check-prefix=BN
// RUN: mode-opt %s --pass-pipeline='builtin.module(func.func(to-train{ops=batch_norm}))' | FileCheck %s --check-prefix=BN
// RUN: mode-opt %s --to-train="ops=dropout" | FileCheck %s --check-prefix=DROPOUT
// RUN: mode-opt %s --to-train="ops=instance_norm" | FileCheck %s --check-prefix=IN
// RUN: mode-opt %s --to-train="ops=rrelu" | FileCheck %s --check-prefix=RRELU
// RUN: mode-opt %s --to-train="ops=dropout,rrelu" | FileCheck %s --check-prefix=MULTI
// RUN: mode-opt %s --pass-pipeline='builtin.module(to-train{ops=rrelu,dropout})' | FileCheck %s --check-prefix=MULTI
// RUN: mlir-opt %s --load-dialect-plugin=%mode_plugin --load-pass-plugin=%mode_plugin --pass-pipeline='builtin.module(to-train{ops=batch_norm})' | FileCheck %s --check-prefix=BN
// RUN: mlir-opt %s --load-dialect-plugin=%mode_plugin --load-pass-plugin=%mode_plugin --pass-pipeline='builtin.module(func.func(to-train{ops=dropout,rrelu}))' | FileCheck %s --check-prefix=MULTI
// RUN: not mlir-opt %s --load-dialect-plugin=%mode_plugin --load-pass-plugin=%mode_plugin --pass-pipeline='builtin.module(to-train{ops=relu})' 2>&1 | FileCheck %s --check-prefix=UNKNOWN
//
// The families partition the ops: switching them in two steps gives what
// one to-train (every family, the default) gives.
// RUN: mode-opt %s --to-train > %t.all.mlir
// RUN: mode-opt %s --pass-pipeline='builtin.module(to-train{ops=dropout,instance_norm,rrelu},to-train{ops=batch_norm})' | diff %t.all.mlir -
//
// Round trip per family: to-eval then to-train of the same family gives the
// training-form example model back.
// RUN: mode-opt %mode_src_root/examples/resnet_block_train.mlir -o %t.resnet.mlir
// RUN: mode-opt %mode_src_root/examples/resnet_block_train.mlir --to-eval --to-train="ops=batch_norm" -o %t.resnet.half.mlir
// RUN: mode-opt %t.resnet.half.mlir | FileCheck %s --check-prefix=HALF
// RUN: mode-opt %t.resnet.half.mlir --to-train="ops=dropout" | diff %t.resnet.mlir -
// HALF-LABEL: func.func @forward
// HALF-COUNT-2: aten._native_batch_norm_legit({{.*}} training = true,
// HALF: aten.batch_norm({{.*}} training = true,
// HALF: aten.dropout({{.*}} train = false
//
// An unknown family is an error naming the valid ones.
// RUN: not mode-opt %s --to-train="ops=relu" 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: error: 'to-train': unknown op family 'relu' in ops=; valid families: attention, batch_norm, dropout, instance_norm, rnn, rrelu

// BN-LABEL: func.func @all$eval
// BN-NEXT: %[[N:.*]] = aten.none
// BN-NEXT: aten.dropout(%arg0) p = 1.000000e-01, train = false
// BN-NEXT: aten.feature_dropout(%arg0) p = 2.000000e-01, train = false
// BN-NEXT: aten.alpha_dropout(%arg0) p = 3.000000e-01, train = false
// BN-NEXT: aten.feature_alpha_dropout(%arg0) p = 4.000000e-01, train = false
// BN-NEXT: aten.native_dropout(%arg0) p = 5.000000e-01, train = false
// BN-NEXT: aten.rrelu(%arg0) lower = 1.000000e-01, upper = 2.000000e-01, training = false
// BN-NEXT: aten.batch_norm(%arg0, %arg1, %arg1, %arg1, %arg1) training = true, momentum = 3.000000e-02, eps = 1.000000e-03, cudnn_enabled = false
// BN-NEXT: aten.native_batch_norm(%arg0, %arg1, %arg1, %arg1, %arg1) training = true, momentum = 3.000000e-02, eps = 1.000000e-03
// BN-NEXT: aten._native_batch_norm_legit(%arg0, %arg1, %arg1, %arg1, %arg1) training = true, momentum = 3.000000e-02, eps = 1.000000e-03
// BN-NEXT: aten._native_batch_norm_legit_functional(%arg0, %arg1, %arg1, %arg1, %arg1) training = true, momentum = 3.000000e-02, eps = 1.000000e-03
// BN-NEXT: aten._batch_norm_with_update(%arg0, %arg1, %arg1, %arg1, %arg1) momentum = 3.000000e-02, eps = 1.000000e-03
// BN-NEXT: aten.cudnn_batch_norm(%arg0, %arg1, %arg1, %arg1, %arg1) training = true, exponential_average_factor = 3.000000e-02, epsilon = 1.000000e-03
// BN-NEXT: aten.instance_norm(%arg0, %[[N]], %[[N]], %arg1, %arg1) use_input_stats = false, momentum = 3.000000e-02, eps = 1.000000e-03, cudnn_enabled = false
// BN-NEXT: return

// DROPOUT-LABEL: func.func @all$eval
// DROPOUT-NEXT: %[[N:.*]] = aten.none
// DROPOUT-NEXT: aten.dropout(%arg0) p = 1.000000e-01, train = true
// DROPOUT-NEXT: aten.feature_dropout(%arg0) p = 2.000000e-01, train = true
// DROPOUT-NEXT: aten.alpha_dropout(%arg0) p = 3.000000e-01, train = true
// DROPOUT-NEXT: aten.feature_alpha_dropout(%arg0) p = 4.000000e-01, train = true
// DROPOUT-NEXT: aten.native_dropout(%arg0) p = 5.000000e-01, train = true
// DROPOUT-NEXT: aten.rrelu(%arg0) lower = 1.000000e-01, upper = 2.000000e-01, training = false
// DROPOUT-NEXT: aten.batch_norm(%arg0, %arg1, %arg1, %arg1, %arg1) training = false, momentum = 3.000000e-02, eps = 1.000000e-03, cudnn_enabled = false
// DROPOUT-NEXT: aten.native_batch_norm(%arg0, %arg1, %arg1, %arg1, %arg1) training = false, momentum = 3.000000e-02, eps = 1.000000e-03
// DROPOUT-NEXT: aten._native_batch_norm_legit_no_training(%arg0, %arg1, %arg1, %arg1, %arg1) momentum = 3.000000e-02, eps = 1.000000e-03
// DROPOUT-NEXT: aten._native_batch_norm_legit_functional(%arg0, %arg1, %arg1, %arg1, %arg1) training = false, momentum = 3.000000e-02, eps = 1.000000e-03
// DROPOUT-NEXT: aten._batch_norm_no_update(%arg0, %arg1, %arg1, %arg1, %arg1) momentum = 3.000000e-02, eps = 1.000000e-03
// DROPOUT-NEXT: aten.cudnn_batch_norm(%arg0, %arg1, %arg1, %arg1, %arg1) training = false, exponential_average_factor = 3.000000e-02, epsilon = 1.000000e-03
// DROPOUT-NEXT: aten.instance_norm(%arg0, %[[N]], %[[N]], %arg1, %arg1) use_input_stats = false, momentum = 3.000000e-02, eps = 1.000000e-03, cudnn_enabled = false
// DROPOUT-NEXT: return

// IN-LABEL: func.func @all$eval
// IN-NEXT: %[[N:.*]] = aten.none
// IN-NEXT: aten.dropout(%arg0) p = 1.000000e-01, train = false
// IN-NEXT: aten.feature_dropout(%arg0) p = 2.000000e-01, train = false
// IN-NEXT: aten.alpha_dropout(%arg0) p = 3.000000e-01, train = false
// IN-NEXT: aten.feature_alpha_dropout(%arg0) p = 4.000000e-01, train = false
// IN-NEXT: aten.native_dropout(%arg0) p = 5.000000e-01, train = false
// IN-NEXT: aten.rrelu(%arg0) lower = 1.000000e-01, upper = 2.000000e-01, training = false
// IN-NEXT: aten.batch_norm(%arg0, %arg1, %arg1, %arg1, %arg1) training = false, momentum = 3.000000e-02, eps = 1.000000e-03, cudnn_enabled = false
// IN-NEXT: aten.native_batch_norm(%arg0, %arg1, %arg1, %arg1, %arg1) training = false, momentum = 3.000000e-02, eps = 1.000000e-03
// IN-NEXT: aten._native_batch_norm_legit_no_training(%arg0, %arg1, %arg1, %arg1, %arg1) momentum = 3.000000e-02, eps = 1.000000e-03
// IN-NEXT: aten._native_batch_norm_legit_functional(%arg0, %arg1, %arg1, %arg1, %arg1) training = false, momentum = 3.000000e-02, eps = 1.000000e-03
// IN-NEXT: aten._batch_norm_no_update(%arg0, %arg1, %arg1, %arg1, %arg1) momentum = 3.000000e-02, eps = 1.000000e-03
// IN-NEXT: aten.cudnn_batch_norm(%arg0, %arg1, %arg1, %arg1, %arg1) training = false, exponential_average_factor = 3.000000e-02, epsilon = 1.000000e-03
// IN-NEXT: aten.instance_norm(%arg0, %[[N]], %[[N]], %arg1, %arg1) use_input_stats = true, momentum = 3.000000e-02, eps = 1.000000e-03, cudnn_enabled = false
// IN-NEXT: return

// RRELU-LABEL: func.func @all$eval
// RRELU-NEXT: %[[N:.*]] = aten.none
// RRELU-NEXT: aten.dropout(%arg0) p = 1.000000e-01, train = false
// RRELU-NEXT: aten.feature_dropout(%arg0) p = 2.000000e-01, train = false
// RRELU-NEXT: aten.alpha_dropout(%arg0) p = 3.000000e-01, train = false
// RRELU-NEXT: aten.feature_alpha_dropout(%arg0) p = 4.000000e-01, train = false
// RRELU-NEXT: aten.native_dropout(%arg0) p = 5.000000e-01, train = false
// RRELU-NEXT: aten.rrelu(%arg0) lower = 1.000000e-01, upper = 2.000000e-01, training = true
// RRELU-NEXT: aten.batch_norm(%arg0, %arg1, %arg1, %arg1, %arg1) training = false, momentum = 3.000000e-02, eps = 1.000000e-03, cudnn_enabled = false
// RRELU-NEXT: aten.native_batch_norm(%arg0, %arg1, %arg1, %arg1, %arg1) training = false, momentum = 3.000000e-02, eps = 1.000000e-03
// RRELU-NEXT: aten._native_batch_norm_legit_no_training(%arg0, %arg1, %arg1, %arg1, %arg1) momentum = 3.000000e-02, eps = 1.000000e-03
// RRELU-NEXT: aten._native_batch_norm_legit_functional(%arg0, %arg1, %arg1, %arg1, %arg1) training = false, momentum = 3.000000e-02, eps = 1.000000e-03
// RRELU-NEXT: aten._batch_norm_no_update(%arg0, %arg1, %arg1, %arg1, %arg1) momentum = 3.000000e-02, eps = 1.000000e-03
// RRELU-NEXT: aten.cudnn_batch_norm(%arg0, %arg1, %arg1, %arg1, %arg1) training = false, exponential_average_factor = 3.000000e-02, epsilon = 1.000000e-03
// RRELU-NEXT: aten.instance_norm(%arg0, %[[N]], %[[N]], %arg1, %arg1) use_input_stats = false, momentum = 3.000000e-02, eps = 1.000000e-03, cudnn_enabled = false
// RRELU-NEXT: return

// MULTI-LABEL: func.func @all$eval
// MULTI-NEXT: %[[N:.*]] = aten.none
// MULTI-NEXT: aten.dropout(%arg0) p = 1.000000e-01, train = true
// MULTI-NEXT: aten.feature_dropout(%arg0) p = 2.000000e-01, train = true
// MULTI-NEXT: aten.alpha_dropout(%arg0) p = 3.000000e-01, train = true
// MULTI-NEXT: aten.feature_alpha_dropout(%arg0) p = 4.000000e-01, train = true
// MULTI-NEXT: aten.native_dropout(%arg0) p = 5.000000e-01, train = true
// MULTI-NEXT: aten.rrelu(%arg0) lower = 1.000000e-01, upper = 2.000000e-01, training = true
// MULTI-NEXT: aten.batch_norm(%arg0, %arg1, %arg1, %arg1, %arg1) training = false, momentum = 3.000000e-02, eps = 1.000000e-03, cudnn_enabled = false
// MULTI-NEXT: aten.native_batch_norm(%arg0, %arg1, %arg1, %arg1, %arg1) training = false, momentum = 3.000000e-02, eps = 1.000000e-03
// MULTI-NEXT: aten._native_batch_norm_legit_no_training(%arg0, %arg1, %arg1, %arg1, %arg1) momentum = 3.000000e-02, eps = 1.000000e-03
// MULTI-NEXT: aten._native_batch_norm_legit_functional(%arg0, %arg1, %arg1, %arg1, %arg1) training = false, momentum = 3.000000e-02, eps = 1.000000e-03
// MULTI-NEXT: aten._batch_norm_no_update(%arg0, %arg1, %arg1, %arg1, %arg1) momentum = 3.000000e-02, eps = 1.000000e-03
// MULTI-NEXT: aten.cudnn_batch_norm(%arg0, %arg1, %arg1, %arg1, %arg1) training = false, exponential_average_factor = 3.000000e-02, epsilon = 1.000000e-03
// MULTI-NEXT: aten.instance_norm(%arg0, %[[N]], %[[N]], %arg1, %arg1) use_input_stats = false, momentum = 3.000000e-02, eps = 1.000000e-03, cudnn_enabled = false
// MULTI-NEXT: return
func.func @all$eval(%x: tensor<4x16xf32>, %c: tensor<16xf32>) {
  %n = aten.none
  %0 = aten.dropout(%x) p = 1.000000e-01, train = false : (tensor<4x16xf32>) -> tensor<4x16xf32>
  %1 = aten.feature_dropout(%x) p = 2.000000e-01, train = false : (tensor<4x16xf32>) -> tensor<4x16xf32>
  %2 = aten.alpha_dropout(%x) p = 3.000000e-01, train = false : (tensor<4x16xf32>) -> tensor<4x16xf32>
  %3 = aten.feature_alpha_dropout(%x) p = 4.000000e-01, train = false : (tensor<4x16xf32>) -> tensor<4x16xf32>
  %4:2 = aten.native_dropout(%x) p = 5.000000e-01, train = false : (tensor<4x16xf32>) -> (tensor<4x16xf32>, tensor<4x16xi1>)
  %5 = aten.rrelu(%x) lower = 1.000000e-01, upper = 2.000000e-01, training = false : (tensor<4x16xf32>) -> tensor<4x16xf32>
  %6 = aten.batch_norm(%x, %c, %c, %c, %c) training = false, momentum = 3.000000e-02, eps = 1.000000e-03, cudnn_enabled = false : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  %7:3 = aten.native_batch_norm(%x, %c, %c, %c, %c) training = false, momentum = 3.000000e-02, eps = 1.000000e-03 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
  %8:3 = aten._native_batch_norm_legit_no_training(%x, %c, %c, %c, %c) momentum = 3.000000e-02, eps = 1.000000e-03 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
  %9:5 = aten._native_batch_norm_legit_functional(%x, %c, %c, %c, %c) training = false, momentum = 3.000000e-02, eps = 1.000000e-03 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>)
  %10:4 = aten._batch_norm_no_update(%x, %c, %c, %c, %c) momentum = 3.000000e-02, eps = 1.000000e-03 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xui8>)
  %11:4 = aten.cudnn_batch_norm(%x, %c, %c, %c, %c) training = false, exponential_average_factor = 3.000000e-02, epsilon = 1.000000e-03 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xui8>)
  %12 = aten.instance_norm(%x, %n, %n, %c, %c) use_input_stats = false, momentum = 3.000000e-02, eps = 1.000000e-03, cudnn_enabled = false : (tensor<4x16xf32>, !aten.none, !aten.none, tensor<16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  return
}
