func.func @valid(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = aten.dropout(%x) p = 1.000000e-01, train = true : (tensor<8xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}
