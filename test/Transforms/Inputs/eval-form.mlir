// Every mode-dependent op in its canonical evaluation form.
func.func @every_evaluation_form(%x: tensor<4x16x8x8xf32>, %c: tensor<16xf32>) -> tensor<4x16x8x8xf32> {
  %n = aten.none
  %0 = aten.dropout(%x) p = 1.000000e-01, train = false {torch.node = "a"} : (tensor<4x16x8x8xf32>) -> tensor<4x16x8x8xf32> loc("m.py":1:1)
  %1 = aten.feature_dropout(%0) p = 0.1234567890123, train = false : (tensor<4x16x8x8xf32>) -> tensor<4x16x8x8xf32>
  %2 = aten.alpha_dropout(%1) p = 0.33333333333333331, train = false : (tensor<4x16x8x8xf32>) -> tensor<4x16x8x8xf32>
  %3 = aten.feature_alpha_dropout(%2) p = 5.000000e-01, train = false : (tensor<4x16x8x8xf32>) -> tensor<4x16x8x8xf32>
  %4:2 = aten.native_dropout(%3) p = 1.000000e-01, train = false : (tensor<4x16x8x8xf32>) -> (tensor<4x16x8x8xf32>, tensor<4x16x8x8xi1>)
  %5 = aten.batch_norm(%4#0, %c, %n, %c, %c) training = false, momentum = 3.000000e-02, eps = 1.000000e-03, cudnn_enabled = true : (tensor<4x16x8x8xf32>, tensor<16xf32>, !aten.none, tensor<16xf32>, tensor<16xf32>) -> tensor<4x16x8x8xf32> loc("m.py":2:2)
  %6:3 = aten.native_batch_norm(%5, %c, %c, %c, %c) training = false, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16x8x8xf32>, tensor<0xf32>, tensor<0xf32>)
  %7:5 = aten._native_batch_norm_legit_functional(%6#0, %c, %c, %c, %c) training = false, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16x8x8xf32>, tensor<0xf32>, tensor<0xf32>, tensor<16xf32>, tensor<16xf32>)
  %8:3 = aten._native_batch_norm_legit_no_training(%7#0, %c, %c, %7#3, %7#4) momentum = 0.33333333333333331, eps = 0.1234567890123 {torch.node = "legit", z = [1, 2]} : (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16x8x8xf32>, tensor<0xf32>, tensor<0xf32>) loc(fused["m.py":3:3, "bn"])
  %9:4 = aten.cudnn_batch_norm(%8#0, %c, %c, %c, %c) training = false, exponential_average_factor = 1.000000e-01, epsilon = 1.000000e-05 : (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xui8>)
  %10:4 = aten._batch_norm_no_update(%9#0, %n, %n, %c, %c) momentum = 1.000000e-01, eps = 1.000000e-05 {torch.node = "bnu"} : (tensor<4x16x8x8xf32>, !aten.none, !aten.none, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xui8>) loc("m.py":4:4)
  %11 = aten.rrelu(%10#0) lower = 1.250000e-01, upper = 0.33333333333333331, training = false : (tensor<4x16x8x8xf32>) -> tensor<4x16x8x8xf32>
  %12 = aten.instance_norm(%11, %n, %n, %c, %c) use_input_stats = false, momentum = 1.000000e-01, eps = 1.000000e-05, cudnn_enabled = false : (tensor<4x16x8x8xf32>, !aten.none, !aten.none, tensor<16xf32>, tensor<16xf32>) -> tensor<4x16x8x8xf32>
  %13:3 = aten._native_batch_norm_legit.no_stats(%12, %n, %n) training = false, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16x8x8xf32>, !aten.none, !aten.none) -> (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>)
  %14:4 = aten._batch_norm_no_update(%13#0, %n, %n, %n, %n) momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16x8x8xf32>, !aten.none, !aten.none, !aten.none, !aten.none) -> (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xf32>)
  %15 = aten.dropout_(%14#0) p = 2.000000e-01, train = false : (tensor<4x16x8x8xf32>) -> tensor<4x16x8x8xf32>
  %16 = aten.feature_dropout_(%15) p = 2.000000e-01, train = false : (tensor<4x16x8x8xf32>) -> tensor<4x16x8x8xf32>
  %17 = aten.alpha_dropout_(%16) p = 2.000000e-01, train = false : (tensor<4x16x8x8xf32>) -> tensor<4x16x8x8xf32>
  %18 = aten.feature_alpha_dropout_(%17) p = 2.000000e-01, train = false : (tensor<4x16x8x8xf32>) -> tensor<4x16x8x8xf32>
  %19 = aten.rrelu_(%18) lower = 1.000000e-01, upper = 2.000000e-01, training = false : (tensor<4x16x8x8xf32>) -> tensor<4x16x8x8xf32>
  %20 = aten.rrelu_with_noise(%19, %x) lower = 1.000000e-01, upper = 2.000000e-01, training = false : (tensor<4x16x8x8xf32>, tensor<4x16x8x8xf32>) -> tensor<4x16x8x8xf32>
  %21 = aten.rrelu_with_noise_(%20, %x) lower = 1.000000e-01, upper = 2.000000e-01, training = false : (tensor<4x16x8x8xf32>, tensor<4x16x8x8xf32>) -> tensor<4x16x8x8xf32>
  %22:2 = aten.rrelu_with_noise_functional(%21, %x) lower = 1.000000e-01, upper = 2.000000e-01, training = false : (tensor<4x16x8x8xf32>, tensor<4x16x8x8xf32>) -> (tensor<4x16x8x8xf32>, tensor<4x16x8x8xf32>)
  %23:3 = aten.miopen_batch_norm(%22#0, %c, %c, %c, %c) training = false, exponential_average_factor = 1.000000e-01, epsilon = 1.000000e-05 : (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>)
  %24 = "other.op"(%23#0, %10#1, %10#2, %8#1, %c) : (tensor<4x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<0xf32>, tensor<16xf32>) -> tensor<4x16x8x8xf32>
  %25:3 = aten.lstm.input(%24, [%24, %24], [%c]) has_biases = false, num_layers = 2, dropout = 0.33333333333333331, train = false, bidirectional = false, batch_first = true : (tensor<4x16x8x8xf32>, tensor<4x16x8x8xf32>, tensor<4x16x8x8xf32>, tensor<16xf32>) -> (tensor<4x16x8x8xf32>, tensor<4x16x8x8xf32>, tensor<4x16x8x8xf32>)
  %26:2 = aten.rnn_relu.input(%25#0, %25#1, [%c]) has_biases = false, num_layers = 2, dropout = 2.500000e-01, train = false, bidirectional = false, batch_first = true : (tensor<4x16x8x8xf32>, tensor<4x16x8x8xf32>, tensor<16xf32>) -> (tensor<4x16x8x8xf32>, tensor<4x16x8x8xf32>)
  // In canonical evaluation form, attention keeps its training probability.
  %27 = aten.scaled_dot_product_attention(%26#0, %26#0, %26#0, %n) dropout_p = 0.000000e+00, is_causal = false, enable_gqa = false {aten.training_dropout_p = 0.1234567890123 : f64} : (tensor<4x16x8x8xf32>, tensor<4x16x8x8xf32>, tensor<4x16x8x8xf32>, !aten.none) -> tensor<4x16x8x8xf32>
  return %27 : tensor<4x16x8x8xf32>
}

// Every recurrent op and attention in each of its variants, with discardable
// attributes and locations.
func.func @every_recurrent_evaluation_form(%x: tensor<2x5x4xf32>, %h: tensor<2x2x6xf32>, %w: tensor<24x4xf32>, %data: tensor<7x4xf32>, %sizes: tensor<3xi64>, %q: tensor<2x4x8x16xf32>, %mask: tensor<8x8xi1>) -> (tensor<2x5x6xf32>, tensor<2x4x8x16xf32>) {
  %n = aten.none
  %0:3 = aten.lstm.input(%x, [%h, %h], [%w, %w]) has_biases = false, num_layers = 2, dropout = 0.1234567890123, train = false, bidirectional = false, batch_first = true {torch.node = "lstm"} : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>) loc("m.py":10:1)
  %1:3 = aten.lstm.data(%data, %sizes, [%0#1, %0#2], [%w]) has_biases = false, num_layers = 2, dropout = 3.000000e-01, train = false, bidirectional = true : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x12xf32>, tensor<2x2x6xf32>, tensor<2x2x6xf32>)
  %2:2 = aten.gru.input(%x, %1#1, [%w]) has_biases = false, num_layers = 2, dropout = 0.33333333333333331, train = false, bidirectional = false, batch_first = false {z = [1, 2]} : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>) loc(fused["m.py":11:2, "gru"])
  %3:2 = aten.gru.data(%data, %sizes, %2#1, [%w, %w]) has_biases = false, num_layers = 2, dropout = 5.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>)
  %4:2 = aten.rnn_tanh.input(%x, %3#1, []) has_biases = false, num_layers = 1, dropout = 0.000000e+00, train = false, bidirectional = false, batch_first = true : (tensor<2x5x4xf32>, tensor<2x2x6xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
  %5:2 = aten.rnn_tanh.data(%data, %sizes, %4#1, [%w]) has_biases = true, num_layers = 2, dropout = 1.000000e+00, train = false, bidirectional = true : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x12xf32>, tensor<2x2x6xf32>)
  %6:2 = aten.rnn_relu.input(%x, %5#1, [%w]) has_biases = false, num_layers = 3, dropout = 2.500000e-01, train = false, bidirectional = false, batch_first = true {torch.node = "rnn_relu"} : (tensor<2x5x4xf32>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<2x5x6xf32>, tensor<2x2x6xf32>)
  %7:2 = aten.rnn_relu.data(%data, %sizes, %6#1, [%w]) has_biases = false, num_layers = 2, dropout = 1.000000e-01, train = false, bidirectional = false : (tensor<7x4xf32>, tensor<3xi64>, tensor<2x2x6xf32>, tensor<24x4xf32>) -> (tensor<7x6xf32>, tensor<2x2x6xf32>) loc("m.py":12:3)
  %8 = aten.scaled_dot_product_attention(%q, %q, %q, %mask) dropout_p = 0.000000e+00, is_causal = true, enable_gqa = true, scale = 1.250000e-01 {aten.training_dropout_p = 1.000000e+00 : f64, torch.node = "attn"} : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<8x8xi1>) -> tensor<2x4x8x16xf32> loc("m.py":13:4)
  %9 = aten.scaled_dot_product_attention(%8, %8, %8, %n) dropout_p = 0.000000e+00, is_causal = false, enable_gqa = false {aten.training_dropout_p = 0.33333333333333331 : f64} : (tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, !aten.none) -> tensor<2x4x8x16xf32>
  return %6#0, %9 : tensor<2x5x6xf32>, tensor<2x4x8x16xf32>
}
