// A small ResNet-style classifier as `torch.export` gives it in training
// mode: parameters and buffers are function arguments, the mode-dependent
// operators are in the `aten` dialect, everything else in upstream dialects.
//
//   stem:  conv 3x3 -> batch norm -> relu
//   block: conv 1x1 -> batch norm -> relu -> conv 1x1 -> batch norm -> + -> relu
//   head:  flatten -> dropout(p = 0.2) -> linear
//
// The batch norms use the exported forms (`_native_batch_norm_legit` and the
// composite `batch_norm`) with non-default momentum and eps, which
// PyTorch's own mode switch would silently reset.
//
// Try: mode-opt --to-eval examples/resnet_block_train.mlir

func.func @forward(
    %x: tensor<2x3x8x8xf32>,
    %stem_w: tensor<16x3x3x3xf32>,
    %bn0_w: tensor<16xf32>, %bn0_b: tensor<16xf32>,
    %bn0_mean: tensor<16xf32>, %bn0_var: tensor<16xf32>,
    %conv1_w: tensor<16x16x1x1xf32>,
    %bn1_w: tensor<16xf32>, %bn1_b: tensor<16xf32>,
    %bn1_mean: tensor<16xf32>, %bn1_var: tensor<16xf32>,
    %conv2_w: tensor<16x16x1x1xf32>,
    %bn2_w: tensor<16xf32>, %bn2_b: tensor<16xf32>,
    %bn2_mean: tensor<16xf32>, %bn2_var: tensor<16xf32>,
    %fc_w: tensor<576x10xf32>) -> tensor<2x10xf32> {
  %zero = arith.constant 0.000000e+00 : f32
  %zeros = arith.constant dense<0.000000e+00> : tensor<2x16x6x6xf32>
  %empty = tensor.empty() : tensor<2x16x6x6xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%empty : tensor<2x16x6x6xf32>) -> tensor<2x16x6x6xf32>

  // Stem.
  %stem = linalg.conv_2d_nchw_fchw
      {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %stem_w : tensor<2x3x8x8xf32>, tensor<16x3x3x3xf32>)
      outs(%acc : tensor<2x16x6x6xf32>) -> tensor<2x16x6x6xf32>
  %bn0:3 = "aten._native_batch_norm_legit"(%stem, %bn0_w, %bn0_b, %bn0_mean, %bn0_var)
      {training = true, momentum = 3.000000e-02 : f64, eps = 1.000000e-03 : f64}
      : (tensor<2x16x6x6xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>)
      -> (tensor<2x16x6x6xf32>, tensor<16xf32>, tensor<16xf32>)
  %relu0 = linalg.max ins(%bn0#0, %zeros : tensor<2x16x6x6xf32>, tensor<2x16x6x6xf32>)
      outs(%empty : tensor<2x16x6x6xf32>) -> tensor<2x16x6x6xf32>

  // Residual block.
  %conv1 = linalg.conv_2d_nchw_fchw
      {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%relu0, %conv1_w : tensor<2x16x6x6xf32>, tensor<16x16x1x1xf32>)
      outs(%acc : tensor<2x16x6x6xf32>) -> tensor<2x16x6x6xf32>
  %bn1:3 = "aten._native_batch_norm_legit"(%conv1, %bn1_w, %bn1_b, %bn1_mean, %bn1_var)
      {training = true, momentum = 3.000000e-02 : f64, eps = 1.000000e-03 : f64}
      : (tensor<2x16x6x6xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>)
      -> (tensor<2x16x6x6xf32>, tensor<16xf32>, tensor<16xf32>)
  %relu1 = linalg.max ins(%bn1#0, %zeros : tensor<2x16x6x6xf32>, tensor<2x16x6x6xf32>)
      outs(%empty : tensor<2x16x6x6xf32>) -> tensor<2x16x6x6xf32>
  %conv2 = linalg.conv_2d_nchw_fchw
      {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%relu1, %conv2_w : tensor<2x16x6x6xf32>, tensor<16x16x1x1xf32>)
      outs(%acc : tensor<2x16x6x6xf32>) -> tensor<2x16x6x6xf32>
  %bn2 = "aten.batch_norm"(%conv2, %bn2_w, %bn2_b, %bn2_mean, %bn2_var)
      {training = true, momentum = 3.000000e-02 : f64, eps = 1.000000e-03 : f64,
       cudnn_enabled = false}
      : (tensor<2x16x6x6xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>)
      -> tensor<2x16x6x6xf32>
  %sum = linalg.add ins(%bn2, %relu0 : tensor<2x16x6x6xf32>, tensor<2x16x6x6xf32>)
      outs(%empty : tensor<2x16x6x6xf32>) -> tensor<2x16x6x6xf32>
  %relu2 = linalg.max ins(%sum, %zeros : tensor<2x16x6x6xf32>, tensor<2x16x6x6xf32>)
      outs(%empty : tensor<2x16x6x6xf32>) -> tensor<2x16x6x6xf32>

  // Head.
  %flat = tensor.collapse_shape %relu2 [[0], [1, 2, 3]]
      : tensor<2x16x6x6xf32> into tensor<2x576xf32>
  %drop = "aten.dropout"(%flat) {p = 2.000000e-01 : f64, train = true}
      : (tensor<2x576xf32>) -> tensor<2x576xf32>
  %logits_empty = tensor.empty() : tensor<2x10xf32>
  %logits_acc = linalg.fill ins(%zero : f32) outs(%logits_empty : tensor<2x10xf32>) -> tensor<2x10xf32>
  %logits = linalg.matmul ins(%drop, %fc_w : tensor<2x576xf32>, tensor<576x10xf32>)
      outs(%logits_acc : tensor<2x10xf32>) -> tensor<2x10xf32>
  return %logits : tensor<2x10xf32>
}
