func.func @malformed(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = aten.dropout(%x) p = 1.000000e-01, train = true : (tensor<8xf32>) -> tensor<8xf32>
  %1 = aten.dropout(%0) p = , train = true : (tensor<8xf32>) -> tensor<8xf32>
  return %1 : tensor<8xf32>
}
