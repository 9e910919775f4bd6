// On IR without mode-dependent ops, running a pass prints identical text:
// no folding, no dead-code removal, no reordering, unregistered ops intact.
// RUN: mode-opt %s --allow-unregistered-dialect --mlir-print-debuginfo -o %t.none.mlir
// RUN: mode-opt %s --allow-unregistered-dialect --mlir-print-debuginfo --to-eval -o %t.eval.mlir
// RUN: mode-opt %s --allow-unregistered-dialect --mlir-print-debuginfo --to-train -o %t.train.mlir
// RUN: diff %t.none.mlir %t.eval.mlir
// RUN: diff %t.none.mlir %t.train.mlir
// The input really has foldable and dead ops: canonicalize changes it.
// RUN: mode-opt %s --allow-unregistered-dialect --mlir-print-debuginfo --canonicalize -o %t.canon.mlir
// RUN: not diff %t.none.mlir %t.canon.mlir

func.func private @declaration(tensor<8xf32>) -> tensor<8xf32>

func.func @foldable(%x: tensor<8xf32>, %b: i1) -> (i32, tensor<8xf32>) {
  %c1 = arith.constant 1 : i32
  %c2 = arith.constant 2 : i32
  %dead = arith.muli %c1, %c2 : i32
  %sum = arith.addi %c1, %c2 : i32
  %same = arith.select %b, %sum, %sum : i32
  %y = func.call @declaration(%x) : (tensor<8xf32>) -> tensor<8xf32>
  %z = "torch.aten.relu"(%y) {train = true, training = true} : (tensor<8xf32>) -> tensor<8xf32> loc("model.py":3:4)
  return %same, %z : i32, tensor<8xf32>
}

func.func @unused_dead_code() {
  %n = aten.none
  %c = arith.constant dense<1.0> : tensor<4xf32>
  return
}
