// Every verification rule of the dialect gives a located error that says
// what is wrong and what was expected.
// RUN: mode-opt %s -split-input-file -verify-diagnostics

func.func @dropout$p_above_one(%x: tensor<8xf32>) {
  // expected-error @+1 {{'aten.dropout' op expects 'p' to be a probability in [0, 1], got 1.5}}
  %0 = aten.dropout(%x) p = 1.500000e+00, train = true : (tensor<8xf32>) -> tensor<8xf32>
  return
}

// -----

func.func @feature_dropout$p_negative(%x: tensor<8x4xf32>) {
  // expected-error @+1 {{'aten.feature_dropout' op expects 'p' to be a probability in [0, 1], got -0.1}}
  %0 = aten.feature_dropout(%x) p = -1.000000e-01, train = true : (tensor<8x4xf32>) -> tensor<8x4xf32>
  return
}

// -----

func.func @alpha_dropout$p_nan(%x: tensor<8xf32>) {
  // expected-error @+1 {{'aten.alpha_dropout' op expects 'p' to be a probability in [0, 1], got nan}}
  %0 = "aten.alpha_dropout"(%x) {p = 0x7FF8000000000000 : f64, train = true} : (tensor<8xf32>) -> tensor<8xf32>
  return
}

// -----

func.func @dropout$result_shape(%x: tensor<8xf32>) {
  // expected-error @+1 {{'aten.dropout' op requires the same shape for all operands and results}}
  %0 = aten.dropout(%x) p = 1.000000e-01, train = true : (tensor<8xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @feature_alpha_dropout$result_element_type(%x: tensor<8x4xf32>) {
  // expected-error @+1 {{'aten.feature_alpha_dropout' op requires the same element type for all operands and results}}
  %0 = aten.feature_alpha_dropout(%x) p = 1.000000e-01, train = true : (tensor<8x4xf32>) -> tensor<8x4xf16>
  return
}

// -----

func.func @native_dropout$output_shape(%x: tensor<8xf32>) {
  // expected-error @+1 {{'aten.native_dropout' op expects result 'output' to have the input's shape and element type 'tensor<8xf32>', got 'tensor<9xf32>'}}
  %0:2 = aten.native_dropout(%x) p = 1.000000e-01, train = true : (tensor<8xf32>) -> (tensor<9xf32>, tensor<8xi1>)
  return
}

// -----

func.func @native_dropout$mask_shape(%x: tensor<8xf32>) {
  // expected-error @+1 {{'aten.native_dropout' op expects result 'mask' to have the input's shape with element type i1, got 'tensor<7xi1>' for input 'tensor<8xf32>'}}
  %0:2 = aten.native_dropout(%x) p = 1.000000e-01, train = true : (tensor<8xf32>) -> (tensor<8xf32>, tensor<7xi1>)
  return
}

// -----

func.func @native_dropout$mask_element_type(%x: tensor<8xf32>) {
  // expected-error @+1 {{'aten.native_dropout' op result #1 must be tensor of 1-bit signless integer values, but got 'tensor<8xf32>'}}
  %0:2 = aten.native_dropout(%x) p = 1.000000e-01, train = true : (tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>)
  return
}

// -----

func.func @dropout$integer_input(%x: tensor<8xi32>) {
  // expected-error @+1 {{'aten.dropout' op operand #0 must be tensor of floating-point values, but got 'tensor<8xi32>'}}
  %0 = aten.dropout(%x) p = 1.000000e-01, train = true : (tensor<8xi32>) -> tensor<8xi32>
  return
}

// -----

func.func @dropout$none_input() {
  %n = aten.none
  // expected-error @+1 {{'aten.dropout' op operand #0 must be tensor of floating-point values, but got '!aten.none'}}
  %0 = "aten.dropout"(%n) {p = 1.000000e-01 : f64, train = true} : (!aten.none) -> tensor<8xf32>
  return
}

// -----

// Input that only the checks ODS generates (attribute kinds, operand and
// result counts, missing attributes) or the parser rejects is upstream's to
// word, and is not tested here (fuzz/parser-seeds/ keeps such inputs as
// fuzzer seeds). This one case checks that it fails cleanly, with an error
// at the op, whatever the wording.
func.func @ods_constraint$fails_cleanly(%x: tensor<8xf32>) {
  // expected-error @+1 {{'aten.dropout' op}}
  %0 = "aten.dropout"(%x) {p = 1.000000e-01 : f32, train = true} : (tensor<8xf32>) -> tensor<8xf32>
  return
}

// -----

func.func @batch_norm$momentum_infinite(%x: tensor<4x16xf32>, %c: tensor<16xf32>) {
  // expected-error @+1 {{'aten.batch_norm' op expects 'momentum' to be finite, got inf}}
  %0 = "aten.batch_norm"(%x, %c, %c, %c, %c) {training = true, momentum = 0x7FF0000000000000 : f64, eps = 1.000000e-05 : f64, cudnn_enabled = false} : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  return
}

// -----

func.func @native_batch_norm$eps_negative(%x: tensor<4x16xf32>, %c: tensor<16xf32>) {
  // expected-error @+1 {{'aten.native_batch_norm' op expects 'eps' to be finite and >= 0, got -1e-05}}
  %0:3 = aten.native_batch_norm(%x, %c, %c, %c, %c) training = true, momentum = 1.000000e-01, eps = -1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
  return
}

// -----

func.func @_native_batch_norm_legit$eps_nan(%x: tensor<4x16xf32>, %c: tensor<16xf32>) {
  // expected-error @+1 {{'aten._native_batch_norm_legit' op expects 'eps' to be finite and >= 0, got nan}}
  %0:3 = "aten._native_batch_norm_legit"(%x, %c, %c, %c, %c) {training = true, momentum = 1.000000e-01 : f64, eps = 0x7FF8000000000000 : f64} : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
  return
}

// -----

func.func @cudnn_batch_norm$exponential_average_factor_infinite(%x: tensor<4x16xf32>, %c: tensor<16xf32>) {
  // expected-error @+1 {{'aten.cudnn_batch_norm' op expects 'exponential_average_factor' to be finite, got -inf}}
  %0:4 = "aten.cudnn_batch_norm"(%x, %c, %c, %c, %c) {training = true, exponential_average_factor = 0xFFF0000000000000 : f64, epsilon = 1.000000e-05 : f64} : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xui8>)
  return
}

// -----

func.func @cudnn_batch_norm$epsilon_negative(%x: tensor<4x16xf32>, %c: tensor<16xf32>) {
  // expected-error @+1 {{'aten.cudnn_batch_norm' op expects 'epsilon' to be finite and >= 0, got -1}}
  %0:4 = aten.cudnn_batch_norm(%x, %c, %c, %c, %c) training = true, exponential_average_factor = 1.000000e-01, epsilon = -1.000000e+00 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xui8>)
  return
}

// -----

func.func @rrelu$lower_above_upper(%x: tensor<8xf32>) {
  // expected-error @+1 {{'aten.rrelu' op expects 'lower' <= 'upper', got lower = 0.5 and upper = 0.25}}
  %0 = aten.rrelu(%x) lower = 5.000000e-01, upper = 2.500000e-01, training = true : (tensor<8xf32>) -> tensor<8xf32>
  return
}

// -----

func.func @rrelu$lower_infinite(%x: tensor<8xf32>) {
  // expected-error @+1 {{'aten.rrelu' op expects 'lower' to be finite, got -inf}}
  %0 = "aten.rrelu"(%x) {lower = 0xFFF0000000000000 : f64, upper = 2.500000e-01 : f64, training = true} : (tensor<8xf32>) -> tensor<8xf32>
  return
}

// -----

func.func @rrelu$upper_nan(%x: tensor<8xf32>) {
  // expected-error @+1 {{'aten.rrelu' op expects 'upper' to be finite, got nan}}
  %0 = "aten.rrelu"(%x) {lower = 1.000000e-01 : f64, upper = 0x7FF8000000000000 : f64, training = true} : (tensor<8xf32>) -> tensor<8xf32>
  return
}

// -----

func.func @rrelu$result_element_type(%x: tensor<8xf32>) {
  // expected-error @+1 {{'aten.rrelu' op requires the same element type for all operands and results}}
  %0 = aten.rrelu(%x) lower = 1.250000e-01, upper = 2.500000e-01, training = true : (tensor<8xf32>) -> tensor<8xf64>
  return
}

// -----

func.func @batch_norm$rank_one_input(%x: tensor<16xf32>, %c: tensor<16xf32>) {
  // expected-error @+1 {{'aten.batch_norm' op expects an input of rank >= 2 (N, C, ...), got 'tensor<16xf32>'}}
  %0 = aten.batch_norm(%x, %c, %c, %c, %c) training = true, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false : (tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<16xf32>
  return
}

// -----

func.func @instance_norm$rank_one_input(%x: tensor<16xf32>) {
  %n = aten.none
  // expected-error @+1 {{'aten.instance_norm' op expects an input of rank >= 2 (N, C, ...), got 'tensor<16xf32>'}}
  %0 = aten.instance_norm(%x, %n, %n, %n, %n) use_input_stats = true, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false : (tensor<16xf32>, !aten.none, !aten.none, !aten.none, !aten.none) -> tensor<16xf32>
  return
}

// -----

func.func @batch_norm$weight_channels(%x: tensor<4x16xf32>, %w: tensor<8xf32>, %c: tensor<16xf32>) {
  // expected-error @+1 {{'aten.batch_norm' op expects operand 'weight' to have 16 elements (the input's channel dimension 1), got 'tensor<8xf32>'}}
  %0 = aten.batch_norm(%x, %w, %c, %c, %c) training = true, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false : (tensor<4x16xf32>, tensor<8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  return
}

// -----

func.func @native_batch_norm$bias_rank(%x: tensor<4x16xf32>, %b: tensor<1x16xf32>, %c: tensor<16xf32>) {
  // expected-error @+1 {{'aten.native_batch_norm' op operand #2 must be per-channel tensor (rank 1) of floating-point values or !aten.none, but got 'tensor<1x16xf32>'}}
  %0:3 = aten.native_batch_norm(%x, %c, %b, %c, %c) training = true, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<1x16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
  return
}

// -----

func.func @_native_batch_norm_legit$running_mean_channels(%x: tensor<4x16x2x2xf32>, %c: tensor<16xf32>, %m: tensor<15xf32>) {
  // expected-error @+1 {{'aten._native_batch_norm_legit' op expects operand 'running_mean' to have 16 elements (the input's channel dimension 1), got 'tensor<15xf32>'}}
  %0:3 = aten._native_batch_norm_legit(%x, %c, %c, %m, %c) training = true, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16x2x2xf32>, tensor<16xf32>, tensor<16xf32>, tensor<15xf32>, tensor<16xf32>) -> (tensor<4x16x2x2xf32>, tensor<16xf32>, tensor<16xf32>)
  return
}

// -----

func.func @_batch_norm_with_update$running_var_channels(%x: tensor<4x16xf32>, %c: tensor<16xf32>, %v: tensor<32xf32>) {
  // expected-error @+1 {{'aten._batch_norm_with_update' op expects operand 'running_var' to have 16 elements (the input's channel dimension 1), got 'tensor<32xf32>'}}
  %0:4 = aten._batch_norm_with_update(%x, %c, %c, %c, %v) momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<32xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xui8>)
  return
}

// -----

func.func @batch_norm$output_shape(%x: tensor<4x16xf32>, %c: tensor<16xf32>) {
  // expected-error @+1 {{'aten.batch_norm' op expects result 'result' to have the input's shape and element type 'tensor<4x16xf32>', got 'tensor<4x8xf32>'}}
  %0 = aten.batch_norm(%x, %c, %c, %c, %c) training = true, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<4x8xf32>
  return
}

// -----

func.func @_native_batch_norm_legit_no_training$save_mean_channels(%x: tensor<4x16xf32>, %c: tensor<16xf32>) {
  // expected-error @+1 {{'aten._native_batch_norm_legit_no_training' op expects result 'save_mean' to have 16 elements (the input's channel dimension 1) or 0, got 'tensor<3xf32>'}}
  %0:3 = aten._native_batch_norm_legit_no_training(%x, %c, %c, %c, %c) momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<3xf32>, tensor<0xf32>)
  return
}

// -----

func.func @cudnn_batch_norm$save_var_rank(%x: tensor<4x16xf32>, %c: tensor<16xf32>) {
  // expected-error @+1 {{'aten.cudnn_batch_norm' op result #2 must be per-channel tensor (rank 1) of floating-point values, but got 'tensor<4x16xf32>'}}
  %0:4 = aten.cudnn_batch_norm(%x, %c, %c, %c, %c) training = true, exponential_average_factor = 1.000000e-01, epsilon = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<4x16xf32>, tensor<0xui8>)
  return
}

// -----

func.func @_native_batch_norm_legit_functional$running_mean_out_empty(%x: tensor<4x16xf32>, %c: tensor<16xf32>) {
  // expected-error @+1 {{'aten._native_batch_norm_legit_functional' op expects result 'running_mean_out' to have 16 elements (the input's channel dimension 1), got 'tensor<0xf32>'}}
  %0:5 = aten._native_batch_norm_legit_functional(%x, %c, %c, %c, %c) training = false, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<0xf32>, tensor<0xf32>, tensor<0xf32>, tensor<16xf32>)
  return
}

// -----

func.func @_native_batch_norm_legit$none_running_mean(%x: tensor<4x16xf32>, %c: tensor<16xf32>) {
  %n = aten.none
  // expected-error @+1 {{'aten._native_batch_norm_legit' op operand #3 must be per-channel tensor (rank 1) of floating-point values, but got '!aten.none'}}
  %0:3 = aten._native_batch_norm_legit(%x, %c, %c, %n, %c) training = true, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, !aten.none, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
  return
}

// -----

func.func @cudnn_batch_norm$none_weight(%x: tensor<4x16xf32>, %c: tensor<16xf32>) {
  %n = aten.none
  // expected-error @+1 {{'aten.cudnn_batch_norm' op operand #1 must be per-channel tensor (rank 1) of floating-point values, but got '!aten.none'}}
  %0:4 = aten.cudnn_batch_norm(%x, %n, %c, %c, %c) training = true, exponential_average_factor = 1.000000e-01, epsilon = 1.000000e-05 : (tensor<4x16xf32>, !aten.none, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xui8>)
  return
}

// -----

func.func @native_batch_norm$none_output(%x: tensor<4x16xf32>, %c: tensor<16xf32>) {
  // expected-error @+1 {{'aten.native_batch_norm' op result #1 must be per-channel tensor (rank 1) of floating-point values, but got '!aten.none'}}
  %0:3 = "aten.native_batch_norm"(%x, %c, %c, %c, %c) {training = true, momentum = 1.000000e-01 : f64, eps = 1.000000e-05 : f64} : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, !aten.none, tensor<16xf32>)
  return
}

// -----

func.func @batch_norm$half_running_statistics(%x: tensor<4x16xf32>, %c: tensor<16xf32>) {
  %n = aten.none
  // expected-error @+1 {{'aten.batch_norm' op expects 'running_mean' and 'running_var' to be both tensors or both !aten.none, got 'tensor<16xf32>' and '!aten.none'}}
  %0 = aten.batch_norm(%x, %c, %c, %c, %n) training = true, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, !aten.none) -> tensor<4x16xf32>
  return
}

// -----

func.func @batch_norm$eval_without_statistics(%x: tensor<4x16xf32>) {
  %n = aten.none
  // expected-error @+1 {{'aten.batch_norm' op normalizes with its running statistics (training = false) but 'running_mean' and 'running_var' are !aten.none; expected tensors}}
  %0 = aten.batch_norm(%x, %n, %n, %n, %n) training = false, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false : (tensor<4x16xf32>, !aten.none, !aten.none, !aten.none, !aten.none) -> tensor<4x16xf32>
  return
}

// -----

func.func @native_batch_norm$eval_without_statistics(%x: tensor<4x16xf32>) {
  %n = aten.none
  // expected-error @+1 {{'aten.native_batch_norm' op normalizes with its running statistics (training = false) but 'running_mean' and 'running_var' are !aten.none}}
  %0:3 = aten.native_batch_norm(%x, %n, %n, %n, %n) training = false, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, !aten.none, !aten.none, !aten.none, !aten.none) -> (tensor<4x16xf32>, tensor<0xf32>, tensor<0xf32>)
  return
}

// -----

func.func @cudnn_batch_norm$eval_without_statistics(%x: tensor<4x16xf32>, %w: tensor<16xf32>) {
  %n = aten.none
  // expected-error @+1 {{'aten.cudnn_batch_norm' op normalizes with its running statistics (training = false) but 'running_mean' and 'running_var' are !aten.none}}
  %0:4 = aten.cudnn_batch_norm(%x, %w, %n, %n, %n) training = false, exponential_average_factor = 1.000000e-01, epsilon = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, !aten.none, !aten.none, !aten.none) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xui8>)
  return
}

// -----

func.func @instance_norm$eval_without_statistics(%x: tensor<4x16xf32>) {
  %n = aten.none
  // expected-error @+1 {{'aten.instance_norm' op normalizes with its running statistics (use_input_stats = false) but 'running_mean' and 'running_var' are !aten.none}}
  %0 = aten.instance_norm(%x, %n, %n, %n, %n) use_input_stats = false, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false : (tensor<4x16xf32>, !aten.none, !aten.none, !aten.none, !aten.none) -> tensor<4x16xf32>
  return
}

// -----

// The aten dialect allows no unknown op: with the dialect loaded an
// unregistered aten op never reaches the mode passes.
func.func @unknown_op$generic(%x: tensor<8xf32>) {
  // expected-error @+1 {{unregistered operation 'aten.convolution' found in dialect ('aten') that does not allow unknown operations}}
  %0 = "aten.convolution"(%x) : (tensor<8xf32>) -> tensor<8xf32>
  return
}

// -----

// Values are printed with every digit they need: 1.0000000000000002 is not 1.
func.func @dropout$p_just_above_one(%x: tensor<8xf32>) {
  // expected-error @+1 {{'aten.dropout' op expects 'p' to be a probability in [0, 1], got 1.0000000000000002}}
  %0 = "aten.dropout"(%x) {p = 1.0000000000000002 : f64, train = true} : (tensor<8xf32>) -> tensor<8xf32>
  return
}

// -----

func.func @rrelu$lower_just_above_upper(%x: tensor<8xf32>) {
  // expected-error @+1 {{'aten.rrelu' op expects 'lower' <= 'upper', got lower = 0.30000000000000004 and upper = 0.3}}
  %0 = "aten.rrelu"(%x) {lower = 0.30000000000000004 : f64, upper = 3.000000e-01 : f64, training = true} : (tensor<8xf32>) -> tensor<8xf32>
  return
}

// -----

func.func @dropout_$p_above_one(%x: tensor<8xf32>) {
  // expected-error @+1 {{'aten.dropout_' op expects 'p' to be a probability in [0, 1], got 2}}
  %0 = aten.dropout_(%x) p = 2.000000e+00, train = true : (tensor<8xf32>) -> tensor<8xf32>
  return
}

// -----

func.func @feature_alpha_dropout_$result_shape(%x: tensor<8x4xf32>) {
  // expected-error @+1 {{'aten.feature_alpha_dropout_' op requires the same shape for all operands and results}}
  %0 = aten.feature_alpha_dropout_(%x) p = 1.000000e-01, train = true : (tensor<8x4xf32>) -> tensor<8x5xf32>
  return
}

// -----

func.func @rrelu_$lower_above_upper(%x: tensor<8xf32>) {
  // expected-error @+1 {{'aten.rrelu_' op expects 'lower' <= 'upper', got lower = 0.5 and upper = 0.25}}
  %0 = aten.rrelu_(%x) lower = 5.000000e-01, upper = 2.500000e-01, training = true : (tensor<8xf32>) -> tensor<8xf32>
  return
}

// -----

func.func @rrelu_with_noise$noise_shape(%x: tensor<8xf32>, %noise: tensor<4xf32>) {
  // expected-error @+1 {{'aten.rrelu_with_noise' op requires the same shape for all operands and results}}
  %0 = aten.rrelu_with_noise(%x, %noise) lower = 1.250000e-01, upper = 2.500000e-01, training = true : (tensor<8xf32>, tensor<4xf32>) -> tensor<8xf32>
  return
}

// -----

func.func @rrelu_with_noise_functional$upper_infinite(%x: tensor<8xf32>) {
  // expected-error @+1 {{'aten.rrelu_with_noise_functional' op expects 'upper' to be finite, got inf}}
  %0:2 = "aten.rrelu_with_noise_functional"(%x, %x) {lower = 1.250000e-01 : f64, upper = 0x7FF0000000000000 : f64, training = true} : (tensor<8xf32>, tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>)
  return
}

// -----

func.func @miopen_batch_norm$epsilon_negative(%x: tensor<4x16xf32>, %c: tensor<16xf32>) {
  // expected-error @+1 {{'aten.miopen_batch_norm' op expects 'epsilon' to be finite and >= 0, got -1e-05}}
  %0:3 = aten.miopen_batch_norm(%x, %c, %c, %c, %c) training = true, exponential_average_factor = 1.000000e-01, epsilon = -1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
  return
}

// -----

func.func @miopen_batch_norm$eval_without_statistics(%x: tensor<4x16xf32>, %c: tensor<16xf32>) {
  %n = aten.none
  // expected-error @+1 {{'aten.miopen_batch_norm' op normalizes with its running statistics (training = false) but 'running_mean' and 'running_var' are !aten.none; expected tensors (ATen rejects this: there is nothing to normalize with)}}
  %0:3 = aten.miopen_batch_norm(%x, %c, %n, %n, %n) training = false, exponential_average_factor = 1.000000e-01, epsilon = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, !aten.none, !aten.none, !aten.none) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
  return
}

// -----

func.func @lstm$dropout_above_one(%x: tensor<2x5x4xf32>, %h: tensor<1x2x6xf32>) {
  // expected-error @+1 {{'aten.lstm.input' op expects 'dropout' to be a probability in [0, 1], got 1.5}}
  %0:3 = aten.lstm.input(%x, [%h, %h], []) has_biases = false, num_layers = 1, dropout = 1.500000e+00, train = true, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<1x2x6xf32>, tensor<1x2x6xf32>) -> (tensor<2x5x6xf32>, tensor<1x2x6xf32>, tensor<1x2x6xf32>)
  return
}

// -----

func.func @gru$no_layers(%x: tensor<2x5x4xf32>, %h: tensor<1x2x6xf32>) {
  // expected-error @+1 {{'aten.gru.input' op expects 'num_layers' >= 1, got 0}}
  %0:2 = aten.gru.input(%x, %h, []) has_biases = false, num_layers = 0, dropout = 0.000000e+00, train = true, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<1x2x6xf32>) -> (tensor<2x5x6xf32>, tensor<1x2x6xf32>)
  return
}

// -----

func.func @rnn_relu.data$float_batch_sizes(%x: tensor<7x4xf32>, %s: tensor<3xf32>, %h: tensor<1x2x6xf32>) {
  // expected-error @+1 {{'aten.rnn_relu.data' op operand #1 must be tensor of 64-bit signed integer or 64-bit signless integer values, but got 'tensor<3xf32>'}}
  %0:2 = aten.rnn_relu.data(%x, %s, %h, []) has_biases = false, num_layers = 1, dropout = 0.000000e+00, train = true, bidirectional = false : (tensor<7x4xf32>, tensor<3xf32>, tensor<1x2x6xf32>) -> (tensor<7x6xf32>, tensor<1x2x6xf32>)
  return
}

// -----

func.func @lstm.data$no_layers(%x: tensor<7x4xf32>, %s: tensor<3xi64>, %h: tensor<1x2x6xf32>) {
  // expected-error @+1 {{'aten.lstm.data' op expects 'num_layers' >= 1, got 0}}
  %0:3 = aten.lstm.data(%x, %s, [%h, %h], []) has_biases = false, num_layers = 0, dropout = 0.000000e+00, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<1x2x6xf32>, tensor<1x2x6xf32>) -> (tensor<7x6xf32>, tensor<1x2x6xf32>, tensor<1x2x6xf32>)
  return
}

// -----

func.func @gru.data$dropout_nan(%x: tensor<7x4xf32>, %s: tensor<3xi64>, %h: tensor<1x2x6xf32>) {
  // expected-error @+1 {{'aten.gru.data' op expects 'dropout' to be a probability in [0, 1], got nan}}
  %0:2 = "aten.gru.data"(%x, %s, %h) {has_biases = false, num_layers = 2 : i64, dropout = 0x7FF8000000000000 : f64, train = true, bidirectional = false} : (tensor<7x4xf32>, tensor<3xi64>, tensor<1x2x6xf32>) -> (tensor<7x6xf32>, tensor<1x2x6xf32>)
  return
}

// -----

func.func @rnn_tanh.input$dropout_negative(%x: tensor<2x5x4xf32>, %h: tensor<1x2x6xf32>) {
  // expected-error @+1 {{'aten.rnn_tanh.input' op expects 'dropout' to be a probability in [0, 1], got -0.5}}
  %0:2 = aten.rnn_tanh.input(%x, %h, []) has_biases = false, num_layers = 2, dropout = -5.000000e-01, train = true, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<1x2x6xf32>) -> (tensor<2x5x6xf32>, tensor<1x2x6xf32>)
  return
}

// -----

func.func @rnn_tanh.data$negative_layers(%x: tensor<7x4xf32>, %s: tensor<3xsi64>, %h: tensor<1x2x6xf32>) {
  // expected-error @+1 {{'aten.rnn_tanh.data' op expects 'num_layers' >= 1, got -2}}
  %0:2 = aten.rnn_tanh.data(%x, %s, %h, []) has_biases = false, num_layers = -2, dropout = 1.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xsi64>, tensor<1x2x6xf32>) -> (tensor<7x6xf32>, tensor<1x2x6xf32>)
  return
}

// -----

func.func @rnn_relu.input$dropout_inf(%x: tensor<2x5x4xf32>, %h: tensor<1x2x6xf32>) {
  // expected-error @+1 {{'aten.rnn_relu.input' op expects 'dropout' to be a probability in [0, 1], got inf}}
  %0:2 = "aten.rnn_relu.input"(%x, %h) {has_biases = false, num_layers = 1 : i64, dropout = 0x7FF0000000000000 : f64, train = false, bidirectional = false, batch_first = false} : (tensor<2x5x4xf32>, tensor<1x2x6xf32>) -> (tensor<2x5x6xf32>, tensor<1x2x6xf32>)
  return
}

// -----

func.func @rnn_relu.data$dropout_above_one(%x: tensor<7x4xf32>, %s: tensor<3xi64>, %h: tensor<1x2x6xf32>) {
  // expected-error @+1 {{'aten.rnn_relu.data' op expects 'dropout' to be a probability in [0, 1], got 1.0000000000000002}}
  %0:2 = aten.rnn_relu.data(%x, %s, %h, []) has_biases = false, num_layers = 2, dropout = 1.0000000000000002, train = true, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<1x2x6xf32>) -> (tensor<7x6xf32>, tensor<1x2x6xf32>)
  return
}

// -----

func.func @attention$dropout_negative(%q: tensor<2x8x16xf32>) {
  %n = aten.none
  // expected-error @+1 {{'aten.scaled_dot_product_attention' op expects 'dropout_p' to be a probability in [0, 1], got -0.25}}
  %0 = aten.scaled_dot_product_attention(%q, %q, %q, %n) dropout_p = -2.500000e-01, is_causal = false, enable_gqa = false : (tensor<2x8x16xf32>, tensor<2x8x16xf32>, tensor<2x8x16xf32>, !aten.none) -> tensor<2x8x16xf32>
  return
}

// -----

func.func @attention$scale_nan(%q: tensor<2x8x16xf32>) {
  %n = aten.none
  // expected-error @+1 {{'aten.scaled_dot_product_attention' op expects 'scale' to be finite, got nan}}
  %0 = "aten.scaled_dot_product_attention"(%q, %q, %q, %n) {dropout_p = 0.0 : f64, is_causal = false, enable_gqa = false, scale = 0x7FF8000000000000 : f64} : (tensor<2x8x16xf32>, tensor<2x8x16xf32>, tensor<2x8x16xf32>, !aten.none) -> tensor<2x8x16xf32>
  return
}

// -----

func.func @attention$result_element_type(%q: tensor<2x8x16xf32>) {
  %n = aten.none
  // expected-error @+1 {{'aten.scaled_dot_product_attention' op expects the result to have the query's element type 'f32', got 'f16'}}
  %0 = aten.scaled_dot_product_attention(%q, %q, %q, %n) dropout_p = 0.000000e+00, is_causal = false, enable_gqa = false : (tensor<2x8x16xf32>, tensor<2x8x16xf32>, tensor<2x8x16xf32>, !aten.none) -> tensor<2x8x16xf16>
  return
}

// -----

func.func @training_dropout$not_a_probability(%q: tensor<2x8x16xf32>) {
  %n = aten.none
  // expected-error @+1 {{expects 'aten.training_dropout_p' to be an f64 probability in [0, 1], got 2.000000e+00 : f64}}
  %0 = aten.scaled_dot_product_attention(%q, %q, %q, %n) dropout_p = 0.000000e+00, is_causal = false, enable_gqa = false {aten.training_dropout_p = 2.0 : f64} : (tensor<2x8x16xf32>, tensor<2x8x16xf32>, tensor<2x8x16xf32>, !aten.none) -> tensor<2x8x16xf32>
  return
}

// -----

func.func @training_dropout$not_on_attention(%x: tensor<8xf32>) {
  // expected-error @+1 {{'aten.training_dropout_p' belongs on an attention op, not on 'aten.dropout'}}
  %0 = aten.dropout(%x) p = 1.000000e-01, train = false {aten.training_dropout_p = 0.1 : f64} : (tensor<8xf32>) -> tensor<8xf32>
  return
}

// -----

func.func @given_dropout$not_unit(%q: tensor<2x8x16xf32>) {
  %n = aten.none
  // expected-error @+1 {{expects 'aten.given_dropout_p' to be a unit attribute of an attention op}}
  %0 = aten.scaled_dot_product_attention(%q, %q, %q, %n) dropout_p = 1.000000e-01, is_causal = false, enable_gqa = false {aten.given_dropout_p = 0.1 : f64} : (tensor<2x8x16xf32>, tensor<2x8x16xf32>, tensor<2x8x16xf32>, !aten.none) -> tensor<2x8x16xf32>
  return
}

// -----

func.func @unswitchable$malformed(%x: tensor<8xf32>) {
  // expected-error @+1 {{expects 'aten.unswitchable' to be {family = "...", mode = "training" or "evaluation", reason = "..."}, got {mode = "train"}}}
  %0 = arith.constant {aten.unswitchable = {mode = "train"}} 0 : i32
  return
}

// -----

func.func @unknown_aten_attribute(%x: tensor<8xf32>) {
  // expected-error @+1 {{unknown discardable attribute 'aten.mode' of the aten dialect}}
  %0 = arith.constant {aten.mode = "eval"} 0 : i32
  return
}
