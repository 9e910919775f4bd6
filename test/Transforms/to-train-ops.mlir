// to-train with ops= switches only the named op families; every other op
// is left exactly as it was.
// RUN: mode-opt %s --to-train="ops=batch_norm" | FileCheck %s --check-prefix=BN
// RUN: mode-opt %s --pass-pipeline='builtin.module(func.func(to-train{ops=batch_norm}))' | FileCheck %s --check-prefix=BN
// RUN: mode-opt %s --to-train="ops=dropout" | FileCheck %s --check-prefix=DROPOUT
// RUN: mode-opt %s --to-train="ops=instance_norm" | FileCheck %s --check-prefix=IN
// RUN: mode-opt %s --to-train="ops=rrelu" | FileCheck %s --check-prefix=RRELU
// RUN: mode-opt %s --to-train="ops=rnn" | FileCheck %s --check-prefix=RNN
// RUN: mode-opt %s --to-train="ops=attention" | FileCheck %s --check-prefix=ATTN
// RUN: mode-opt %s --to-train="ops=dropout,rrelu" | FileCheck %s --check-prefix=MULTI
// RUN: mode-opt %s --pass-pipeline='builtin.module(to-train{ops=rrelu,dropout})' | FileCheck %s --check-prefix=MULTI
// RUN: mlir-opt %s --load-dialect-plugin=%mode_plugin --load-pass-plugin=%mode_plugin --pass-pipeline='builtin.module(to-train{ops=batch_norm})' | FileCheck %s --check-prefix=BN
// RUN: mlir-opt %s --load-dialect-plugin=%mode_plugin --load-pass-plugin=%mode_plugin --pass-pipeline='builtin.module(func.func(to-train{ops=dropout,rrelu}))' | FileCheck %s --check-prefix=MULTI
// RUN: mlir-opt %s --load-dialect-plugin=%mode_plugin --load-pass-plugin=%mode_plugin --pass-pipeline='builtin.module(func.func(to-train{ops=rnn}))' | FileCheck %s --check-prefix=RNN
// RUN: mlir-opt %s --load-dialect-plugin=%mode_plugin --load-pass-plugin=%mode_plugin --pass-pipeline='builtin.module(to-train{ops=attention})' | FileCheck %s --check-prefix=ATTN
// RUN: not mlir-opt %s --load-dialect-plugin=%mode_plugin --load-pass-plugin=%mode_plugin --pass-pipeline='builtin.module(to-train{ops=relu})' 2>&1 | FileCheck %s --check-prefix=UNKNOWN
//
// The families partition the ops: switching them in two steps gives what
// one to-train (every family, the default) gives.
// RUN: mode-opt %s --to-train > %t.all.mlir
// RUN: mode-opt %s --pass-pipeline='builtin.module(to-train{ops=dropout,instance_norm,rrelu,rnn},to-train{ops=batch_norm,attention})' | diff %t.all.mlir -
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
// BN-NEXT: {{.*}} = aten.lstm.input(%arg2, [%arg3, %arg3], [%arg4]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>)
// BN-NEXT: {{.*}} = aten.lstm.data(%arg5, %arg6, [%arg3, %arg3], [%arg4]) has_biases = false, num_layers = 2, dropout = 2.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>)
// BN-NEXT: {{.*}} = aten.gru.input(%arg2, %arg3, [%arg4]) has_biases = false, num_layers = 2, dropout = 3.000000e-01, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
// BN-NEXT: {{.*}} = aten.gru.data(%arg5, %arg6, %arg3, [%arg4]) has_biases = false, num_layers = 2, dropout = 4.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
// BN-NEXT: {{.*}} = aten.rnn_tanh.input(%arg2, %arg3, [%arg4]) has_biases = false, num_layers = 2, dropout = 5.000000e-01, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
// BN-NEXT: {{.*}} = aten.rnn_tanh.data(%arg5, %arg6, %arg3, [%arg4]) has_biases = false, num_layers = 2, dropout = 6.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
// BN-NEXT: {{.*}} = aten.rnn_relu.input(%arg2, %arg3, [%arg4]) has_biases = false, num_layers = 2, dropout = 0.69999999999999996, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
// BN-NEXT: {{.*}} = aten.rnn_relu.data(%arg5, %arg6, %arg3, [%arg4]) has_biases = false, num_layers = 2, dropout = 8.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
// BN-NEXT: {{.*}} = aten.scaled_dot_product_attention(%arg7, %arg7, %arg7, %[[N]]) dropout_p = 0.000000e+00, is_causal = false, enable_gqa = false {aten.training_dropout_p = 1.000000e-01 : f64} : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, !aten.none) -> tensor<2x4x8x16xf32>
// BN-NEXT: {{.*}} = aten.scaled_dot_product_attention(%arg7, %arg7, %arg7, %arg8) dropout_p = 0.000000e+00, is_causal = true, enable_gqa = true, scale = 2.500000e-01 {aten.training_dropout_p = 2.000000e-01 : f64, torch.node = "attn"} : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<8x8xi1>) -> tensor<2x4x8x16xf32>
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
// DROPOUT-NEXT: {{.*}} = aten.lstm.input(%arg2, [%arg3, %arg3], [%arg4]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>)
// DROPOUT-NEXT: {{.*}} = aten.lstm.data(%arg5, %arg6, [%arg3, %arg3], [%arg4]) has_biases = false, num_layers = 2, dropout = 2.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>)
// DROPOUT-NEXT: {{.*}} = aten.gru.input(%arg2, %arg3, [%arg4]) has_biases = false, num_layers = 2, dropout = 3.000000e-01, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
// DROPOUT-NEXT: {{.*}} = aten.gru.data(%arg5, %arg6, %arg3, [%arg4]) has_biases = false, num_layers = 2, dropout = 4.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
// DROPOUT-NEXT: {{.*}} = aten.rnn_tanh.input(%arg2, %arg3, [%arg4]) has_biases = false, num_layers = 2, dropout = 5.000000e-01, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
// DROPOUT-NEXT: {{.*}} = aten.rnn_tanh.data(%arg5, %arg6, %arg3, [%arg4]) has_biases = false, num_layers = 2, dropout = 6.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
// DROPOUT-NEXT: {{.*}} = aten.rnn_relu.input(%arg2, %arg3, [%arg4]) has_biases = false, num_layers = 2, dropout = 0.69999999999999996, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
// DROPOUT-NEXT: {{.*}} = aten.rnn_relu.data(%arg5, %arg6, %arg3, [%arg4]) has_biases = false, num_layers = 2, dropout = 8.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
// DROPOUT-NEXT: {{.*}} = aten.scaled_dot_product_attention(%arg7, %arg7, %arg7, %[[N]]) dropout_p = 0.000000e+00, is_causal = false, enable_gqa = false {aten.training_dropout_p = 1.000000e-01 : f64} : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, !aten.none) -> tensor<2x4x8x16xf32>
// DROPOUT-NEXT: {{.*}} = aten.scaled_dot_product_attention(%arg7, %arg7, %arg7, %arg8) dropout_p = 0.000000e+00, is_causal = true, enable_gqa = true, scale = 2.500000e-01 {aten.training_dropout_p = 2.000000e-01 : f64, torch.node = "attn"} : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<8x8xi1>) -> tensor<2x4x8x16xf32>
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
// IN-NEXT: {{.*}} = aten.lstm.input(%arg2, [%arg3, %arg3], [%arg4]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>)
// IN-NEXT: {{.*}} = aten.lstm.data(%arg5, %arg6, [%arg3, %arg3], [%arg4]) has_biases = false, num_layers = 2, dropout = 2.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>)
// IN-NEXT: {{.*}} = aten.gru.input(%arg2, %arg3, [%arg4]) has_biases = false, num_layers = 2, dropout = 3.000000e-01, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
// IN-NEXT: {{.*}} = aten.gru.data(%arg5, %arg6, %arg3, [%arg4]) has_biases = false, num_layers = 2, dropout = 4.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
// IN-NEXT: {{.*}} = aten.rnn_tanh.input(%arg2, %arg3, [%arg4]) has_biases = false, num_layers = 2, dropout = 5.000000e-01, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
// IN-NEXT: {{.*}} = aten.rnn_tanh.data(%arg5, %arg6, %arg3, [%arg4]) has_biases = false, num_layers = 2, dropout = 6.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
// IN-NEXT: {{.*}} = aten.rnn_relu.input(%arg2, %arg3, [%arg4]) has_biases = false, num_layers = 2, dropout = 0.69999999999999996, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
// IN-NEXT: {{.*}} = aten.rnn_relu.data(%arg5, %arg6, %arg3, [%arg4]) has_biases = false, num_layers = 2, dropout = 8.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
// IN-NEXT: {{.*}} = aten.scaled_dot_product_attention(%arg7, %arg7, %arg7, %[[N]]) dropout_p = 0.000000e+00, is_causal = false, enable_gqa = false {aten.training_dropout_p = 1.000000e-01 : f64} : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, !aten.none) -> tensor<2x4x8x16xf32>
// IN-NEXT: {{.*}} = aten.scaled_dot_product_attention(%arg7, %arg7, %arg7, %arg8) dropout_p = 0.000000e+00, is_causal = true, enable_gqa = true, scale = 2.500000e-01 {aten.training_dropout_p = 2.000000e-01 : f64, torch.node = "attn"} : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<8x8xi1>) -> tensor<2x4x8x16xf32>
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
// RRELU-NEXT: {{.*}} = aten.lstm.input(%arg2, [%arg3, %arg3], [%arg4]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>)
// RRELU-NEXT: {{.*}} = aten.lstm.data(%arg5, %arg6, [%arg3, %arg3], [%arg4]) has_biases = false, num_layers = 2, dropout = 2.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>)
// RRELU-NEXT: {{.*}} = aten.gru.input(%arg2, %arg3, [%arg4]) has_biases = false, num_layers = 2, dropout = 3.000000e-01, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
// RRELU-NEXT: {{.*}} = aten.gru.data(%arg5, %arg6, %arg3, [%arg4]) has_biases = false, num_layers = 2, dropout = 4.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
// RRELU-NEXT: {{.*}} = aten.rnn_tanh.input(%arg2, %arg3, [%arg4]) has_biases = false, num_layers = 2, dropout = 5.000000e-01, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
// RRELU-NEXT: {{.*}} = aten.rnn_tanh.data(%arg5, %arg6, %arg3, [%arg4]) has_biases = false, num_layers = 2, dropout = 6.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
// RRELU-NEXT: {{.*}} = aten.rnn_relu.input(%arg2, %arg3, [%arg4]) has_biases = false, num_layers = 2, dropout = 0.69999999999999996, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
// RRELU-NEXT: {{.*}} = aten.rnn_relu.data(%arg5, %arg6, %arg3, [%arg4]) has_biases = false, num_layers = 2, dropout = 8.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
// RRELU-NEXT: {{.*}} = aten.scaled_dot_product_attention(%arg7, %arg7, %arg7, %[[N]]) dropout_p = 0.000000e+00, is_causal = false, enable_gqa = false {aten.training_dropout_p = 1.000000e-01 : f64} : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, !aten.none) -> tensor<2x4x8x16xf32>
// RRELU-NEXT: {{.*}} = aten.scaled_dot_product_attention(%arg7, %arg7, %arg7, %arg8) dropout_p = 0.000000e+00, is_causal = true, enable_gqa = true, scale = 2.500000e-01 {aten.training_dropout_p = 2.000000e-01 : f64, torch.node = "attn"} : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<8x8xi1>) -> tensor<2x4x8x16xf32>
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
// MULTI-NEXT: {{.*}} = aten.lstm.input(%arg2, [%arg3, %arg3], [%arg4]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>)
// MULTI-NEXT: {{.*}} = aten.lstm.data(%arg5, %arg6, [%arg3, %arg3], [%arg4]) has_biases = false, num_layers = 2, dropout = 2.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>)
// MULTI-NEXT: {{.*}} = aten.gru.input(%arg2, %arg3, [%arg4]) has_biases = false, num_layers = 2, dropout = 3.000000e-01, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
// MULTI-NEXT: {{.*}} = aten.gru.data(%arg5, %arg6, %arg3, [%arg4]) has_biases = false, num_layers = 2, dropout = 4.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
// MULTI-NEXT: {{.*}} = aten.rnn_tanh.input(%arg2, %arg3, [%arg4]) has_biases = false, num_layers = 2, dropout = 5.000000e-01, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
// MULTI-NEXT: {{.*}} = aten.rnn_tanh.data(%arg5, %arg6, %arg3, [%arg4]) has_biases = false, num_layers = 2, dropout = 6.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
// MULTI-NEXT: {{.*}} = aten.rnn_relu.input(%arg2, %arg3, [%arg4]) has_biases = false, num_layers = 2, dropout = 0.69999999999999996, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
// MULTI-NEXT: {{.*}} = aten.rnn_relu.data(%arg5, %arg6, %arg3, [%arg4]) has_biases = false, num_layers = 2, dropout = 8.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
// MULTI-NEXT: {{.*}} = aten.scaled_dot_product_attention(%arg7, %arg7, %arg7, %[[N]]) dropout_p = 0.000000e+00, is_causal = false, enable_gqa = false {aten.training_dropout_p = 1.000000e-01 : f64} : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, !aten.none) -> tensor<2x4x8x16xf32>
// MULTI-NEXT: {{.*}} = aten.scaled_dot_product_attention(%arg7, %arg7, %arg7, %arg8) dropout_p = 0.000000e+00, is_causal = true, enable_gqa = true, scale = 2.500000e-01 {aten.training_dropout_p = 2.000000e-01 : f64, torch.node = "attn"} : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<8x8xi1>) -> tensor<2x4x8x16xf32>
// MULTI-NEXT: return
// RNN-LABEL: func.func @all$eval
// RNN-NEXT: %[[N:.*]] = aten.none
// RNN-NEXT: {{.*}} = aten.dropout(%arg0) p = 1.000000e-01, train = false : (tensor<4x16xf32>) -> tensor<4x16xf32>
// RNN-NEXT: {{.*}} = aten.feature_dropout(%arg0) p = 2.000000e-01, train = false : (tensor<4x16xf32>) -> tensor<4x16xf32>
// RNN-NEXT: {{.*}} = aten.alpha_dropout(%arg0) p = 3.000000e-01, train = false : (tensor<4x16xf32>) -> tensor<4x16xf32>
// RNN-NEXT: {{.*}} = aten.feature_alpha_dropout(%arg0) p = 4.000000e-01, train = false : (tensor<4x16xf32>) -> tensor<4x16xf32>
// RNN-NEXT: {{.*}} = aten.native_dropout(%arg0) p = 5.000000e-01, train = false : (tensor<4x16xf32>) -> (tensor<4x16xf32>, tensor<4x16xi1>)
// RNN-NEXT: {{.*}} = aten.rrelu(%arg0) lower = 1.000000e-01, upper = 2.000000e-01, training = false : (tensor<4x16xf32>) -> tensor<4x16xf32>
// RNN-NEXT: {{.*}} = aten.batch_norm(%arg0, %arg1, %arg1, %arg1, %arg1) training = false, momentum = 3.000000e-02, eps = 1.000000e-03, cudnn_enabled = false : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
// RNN-NEXT: {{.*}} = aten.native_batch_norm(%arg0, %arg1, %arg1, %arg1, %arg1) training = false, momentum = 3.000000e-02, eps = 1.000000e-03 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
// RNN-NEXT: {{.*}} = aten._native_batch_norm_legit_no_training(%arg0, %arg1, %arg1, %arg1, %arg1) momentum = 3.000000e-02, eps = 1.000000e-03 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
// RNN-NEXT: {{.*}} = aten._native_batch_norm_legit_functional(%arg0, %arg1, %arg1, %arg1, %arg1) training = false, momentum = 3.000000e-02, eps = 1.000000e-03 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>)
// RNN-NEXT: {{.*}} = aten._batch_norm_no_update(%arg0, %arg1, %arg1, %arg1, %arg1) momentum = 3.000000e-02, eps = 1.000000e-03 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xui8>)
// RNN-NEXT: {{.*}} = aten.cudnn_batch_norm(%arg0, %arg1, %arg1, %arg1, %arg1) training = false, exponential_average_factor = 3.000000e-02, epsilon = 1.000000e-03 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xui8>)
// RNN-NEXT: {{.*}} = aten.instance_norm(%arg0, %[[N]], %[[N]], %arg1, %arg1) use_input_stats = false, momentum = 3.000000e-02, eps = 1.000000e-03, cudnn_enabled = false : (tensor<4x16xf32>, !aten.none, !aten.none, tensor<16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
// RNN-NEXT: {{.*}} = aten.lstm.input(%arg2, [%arg3, %arg3], [%arg4]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = true, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>)
// RNN-NEXT: {{.*}} = aten.lstm.data(%arg5, %arg6, [%arg3, %arg3], [%arg4]) has_biases = false, num_layers = 2, dropout = 2.000000e-01, train = true, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>)
// RNN-NEXT: {{.*}} = aten.gru.input(%arg2, %arg3, [%arg4]) has_biases = false, num_layers = 2, dropout = 3.000000e-01, train = true, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
// RNN-NEXT: {{.*}} = aten.gru.data(%arg5, %arg6, %arg3, [%arg4]) has_biases = false, num_layers = 2, dropout = 4.000000e-01, train = true, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
// RNN-NEXT: {{.*}} = aten.rnn_tanh.input(%arg2, %arg3, [%arg4]) has_biases = false, num_layers = 2, dropout = 5.000000e-01, train = true, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
// RNN-NEXT: {{.*}} = aten.rnn_tanh.data(%arg5, %arg6, %arg3, [%arg4]) has_biases = false, num_layers = 2, dropout = 6.000000e-01, train = true, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
// RNN-NEXT: {{.*}} = aten.rnn_relu.input(%arg2, %arg3, [%arg4]) has_biases = false, num_layers = 2, dropout = 0.69999999999999996, train = true, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
// RNN-NEXT: {{.*}} = aten.rnn_relu.data(%arg5, %arg6, %arg3, [%arg4]) has_biases = false, num_layers = 2, dropout = 8.000000e-01, train = true, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
// RNN-NEXT: {{.*}} = aten.scaled_dot_product_attention(%arg7, %arg7, %arg7, %[[N]]) dropout_p = 0.000000e+00, is_causal = false, enable_gqa = false {aten.training_dropout_p = 1.000000e-01 : f64} : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, !aten.none) -> tensor<2x4x8x16xf32>
// RNN-NEXT: {{.*}} = aten.scaled_dot_product_attention(%arg7, %arg7, %arg7, %arg8) dropout_p = 0.000000e+00, is_causal = true, enable_gqa = true, scale = 2.500000e-01 {aten.training_dropout_p = 2.000000e-01 : f64, torch.node = "attn"} : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<8x8xi1>) -> tensor<2x4x8x16xf32>
// RNN-NEXT: return

// ATTN-LABEL: func.func @all$eval
// ATTN-NEXT: %[[N:.*]] = aten.none
// ATTN-NEXT: {{.*}} = aten.dropout(%arg0) p = 1.000000e-01, train = false : (tensor<4x16xf32>) -> tensor<4x16xf32>
// ATTN-NEXT: {{.*}} = aten.feature_dropout(%arg0) p = 2.000000e-01, train = false : (tensor<4x16xf32>) -> tensor<4x16xf32>
// ATTN-NEXT: {{.*}} = aten.alpha_dropout(%arg0) p = 3.000000e-01, train = false : (tensor<4x16xf32>) -> tensor<4x16xf32>
// ATTN-NEXT: {{.*}} = aten.feature_alpha_dropout(%arg0) p = 4.000000e-01, train = false : (tensor<4x16xf32>) -> tensor<4x16xf32>
// ATTN-NEXT: {{.*}} = aten.native_dropout(%arg0) p = 5.000000e-01, train = false : (tensor<4x16xf32>) -> (tensor<4x16xf32>, tensor<4x16xi1>)
// ATTN-NEXT: {{.*}} = aten.rrelu(%arg0) lower = 1.000000e-01, upper = 2.000000e-01, training = false : (tensor<4x16xf32>) -> tensor<4x16xf32>
// ATTN-NEXT: {{.*}} = aten.batch_norm(%arg0, %arg1, %arg1, %arg1, %arg1) training = false, momentum = 3.000000e-02, eps = 1.000000e-03, cudnn_enabled = false : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
// ATTN-NEXT: {{.*}} = aten.native_batch_norm(%arg0, %arg1, %arg1, %arg1, %arg1) training = false, momentum = 3.000000e-02, eps = 1.000000e-03 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
// ATTN-NEXT: {{.*}} = aten._native_batch_norm_legit_no_training(%arg0, %arg1, %arg1, %arg1, %arg1) momentum = 3.000000e-02, eps = 1.000000e-03 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
// ATTN-NEXT: {{.*}} = aten._native_batch_norm_legit_functional(%arg0, %arg1, %arg1, %arg1, %arg1) training = false, momentum = 3.000000e-02, eps = 1.000000e-03 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>)
// ATTN-NEXT: {{.*}} = aten._batch_norm_no_update(%arg0, %arg1, %arg1, %arg1, %arg1) momentum = 3.000000e-02, eps = 1.000000e-03 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xui8>)
// ATTN-NEXT: {{.*}} = aten.cudnn_batch_norm(%arg0, %arg1, %arg1, %arg1, %arg1) training = false, exponential_average_factor = 3.000000e-02, epsilon = 1.000000e-03 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xui8>)
// ATTN-NEXT: {{.*}} = aten.instance_norm(%arg0, %[[N]], %[[N]], %arg1, %arg1) use_input_stats = false, momentum = 3.000000e-02, eps = 1.000000e-03, cudnn_enabled = false : (tensor<4x16xf32>, !aten.none, !aten.none, tensor<16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
// ATTN-NEXT: {{.*}} = aten.lstm.input(%arg2, [%arg3, %arg3], [%arg4]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>)
// ATTN-NEXT: {{.*}} = aten.lstm.data(%arg5, %arg6, [%arg3, %arg3], [%arg4]) has_biases = false, num_layers = 2, dropout = 2.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>)
// ATTN-NEXT: {{.*}} = aten.gru.input(%arg2, %arg3, [%arg4]) has_biases = false, num_layers = 2, dropout = 3.000000e-01, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
// ATTN-NEXT: {{.*}} = aten.gru.data(%arg5, %arg6, %arg3, [%arg4]) has_biases = false, num_layers = 2, dropout = 4.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
// ATTN-NEXT: {{.*}} = aten.rnn_tanh.input(%arg2, %arg3, [%arg4]) has_biases = false, num_layers = 2, dropout = 5.000000e-01, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
// ATTN-NEXT: {{.*}} = aten.rnn_tanh.data(%arg5, %arg6, %arg3, [%arg4]) has_biases = false, num_layers = 2, dropout = 6.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
// ATTN-NEXT: {{.*}} = aten.rnn_relu.input(%arg2, %arg3, [%arg4]) has_biases = false, num_layers = 2, dropout = 0.69999999999999996, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
// ATTN-NEXT: {{.*}} = aten.rnn_relu.data(%arg5, %arg6, %arg3, [%arg4]) has_biases = false, num_layers = 2, dropout = 8.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
// ATTN-NEXT: {{.*}} = aten.scaled_dot_product_attention(%arg7, %arg7, %arg7, %[[N]]) dropout_p = 1.000000e-01, is_causal = false, enable_gqa = false : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, !aten.none) -> tensor<2x4x8x16xf32>
// ATTN-NEXT: {{.*}} = aten.scaled_dot_product_attention(%arg7, %arg7, %arg7, %arg8) dropout_p = 2.000000e-01, is_causal = true, enable_gqa = true, scale = 2.500000e-01 {torch.node = "attn"} : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<8x8xi1>) -> tensor<2x4x8x16xf32>
// ATTN-NEXT: return
func.func @all$eval(%x: tensor<4x16xf32>, %c: tensor<16xf32>, %y: tensor<2x5x4xf32>, %h: tensor<2x2x6xf32>, %w: tensor<24x4xf32>, %data: tensor<7x4xf32>, %sizes: tensor<3xi64>, %q: tensor<2x4x8x16xf32>, %mask: tensor<8x8xi1>) {
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
  %13:3 = aten.lstm.input(%y, [%h, %h], [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>)
  %14:3 = aten.lstm.data(%data, %sizes, [%h, %h], [%w]) has_biases = false, num_layers = 2, dropout = 2.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>)
  %15:2 = aten.gru.input(%y, %h, [%w]) has_biases = false, num_layers = 2, dropout = 3.000000e-01, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
  %16:2 = aten.gru.data(%data, %sizes, %h, [%w]) has_biases = false, num_layers = 2, dropout = 4.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
  %17:2 = aten.rnn_tanh.input(%y, %h, [%w]) has_biases = false, num_layers = 2, dropout = 5.000000e-01, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
  %18:2 = aten.rnn_tanh.data(%data, %sizes, %h, [%w]) has_biases = false, num_layers = 2, dropout = 6.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
  %19:2 = aten.rnn_relu.input(%y, %h, [%w]) has_biases = false, num_layers = 2, dropout = 0.69999999999999996, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
  %20:2 = aten.rnn_relu.data(%data, %sizes, %h, [%w]) has_biases = false, num_layers = 2, dropout = 8.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
  %21 = aten.scaled_dot_product_attention(%q, %q, %q, %n) dropout_p = 0.000000e+00, is_causal = false, enable_gqa = false {aten.training_dropout_p = 1.000000e-01 : f64} : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, !aten.none) -> tensor<2x4x8x16xf32>
  %22 = aten.scaled_dot_product_attention(%q, %q, %q, %mask) dropout_p = 0.000000e+00, is_causal = true, enable_gqa = true, scale = 2.500000e-01 {aten.training_dropout_p = 2.000000e-01 : f64, torch.node = "attn"} : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<8x8xi1>) -> tensor<2x4x8x16xf32>
  return
}
