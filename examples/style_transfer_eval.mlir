// A small image-to-image network (style-transfer style) as `torch.export`
// gives it in evaluation mode, ready for deployment:
//
//   conv 3x3 -> instance norm (tracked running statistics) -> rrelu
//   conv 1x1 -> batch norm -> feature dropout (p = 0.1) -> + input features
//
// Every mode-dependent op is in its evaluation form; `mode-opt --to-train`
// brings the model back to training form for fine-tuning, and `--to-eval`
// after that gives this file back exactly.
//
// Try: mode-opt --to-train examples/style_transfer_eval.mlir

func.func @forward(
    %x: tensor<1x8x10x10xf32>,
    %conv0_w: tensor<8x8x3x3xf32>,
    %in_w: tensor<8xf32>, %in_b: tensor<8xf32>,
    %in_mean: tensor<8xf32>, %in_var: tensor<8xf32>,
    %conv1_w: tensor<8x8x1x1xf32>,
    %bn_w: tensor<8xf32>, %bn_b: tensor<8xf32>,
    %bn_mean: tensor<8xf32>, %bn_var: tensor<8xf32>) -> tensor<1x8x8x8xf32> {
  %zero = arith.constant 0.000000e+00 : f32
  %empty = tensor.empty() : tensor<1x8x8x8xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>

  %conv0 = linalg.conv_2d_nchw_fchw
      {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %conv0_w : tensor<1x8x10x10xf32>, tensor<8x8x3x3xf32>)
      outs(%acc : tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  %in = "aten.instance_norm"(%conv0, %in_w, %in_b, %in_mean, %in_var)
      {use_input_stats = false, momentum = 1.000000e-01 : f64, eps = 1.000000e-05 : f64,
       cudnn_enabled = false}
      : (tensor<1x8x8x8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>)
      -> tensor<1x8x8x8xf32>
  %act = "aten.rrelu"(%in) {lower = 1.250000e-01 : f64, upper = 0.33333333333333331 : f64, training = false}
      : (tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>

  %conv1 = linalg.conv_2d_nchw_fchw
      {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%act, %conv1_w : tensor<1x8x8x8xf32>, tensor<8x8x1x1xf32>)
      outs(%acc : tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  %bn:3 = "aten._native_batch_norm_legit_no_training"(%conv1, %bn_w, %bn_b, %bn_mean, %bn_var)
      {momentum = 1.000000e-02 : f64, eps = 1.000000e-03 : f64}
      : (tensor<1x8x8x8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>)
      -> (tensor<1x8x8x8xf32>, tensor<0xf32>, tensor<0xf32>)
  %drop = "aten.feature_dropout"(%bn#0) {p = 1.000000e-01 : f64, train = false}
      : (tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  %out = linalg.add ins(%drop, %act : tensor<1x8x8x8xf32>, tensor<1x8x8x8xf32>)
      outs(%empty : tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  return %out : tensor<1x8x8x8xf32>
}
