// A small training-mode model for the downstream project of install.test.
func.func @forward(%x: tensor<4x16xf32>, %w: tensor<16xf32>, %b: tensor<16xf32>,
                   %mean: tensor<16xf32>, %var: tensor<16xf32>) -> tensor<4x16xf32> {
  %bn:3 = aten._native_batch_norm_legit(%x, %w, %b, %mean, %var) training = true, momentum = 3.000000e-02, eps = 1.000000e-03 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
  %drop = aten.dropout(%bn#0) p = 2.000000e-01, train = true : (tensor<4x16xf32>) -> tensor<4x16xf32>
  return %drop : tensor<4x16xf32>
}
