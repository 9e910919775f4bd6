// The sections of mode-report are named symbols (ops that implement
// SymbolOpInterface): an aten op with a `sym_name` attribute is counted like
// any aten op, an unregistered op with one is an other op whose region
// belongs to the enclosing section, and an unnamed module is no section: an
// other op of the top-level module, whose functions are not qualified.
// RUN: mode-opt %s --allow-unregistered-dialect --mode-report=format=json -o /dev/null 2> %t.json
// RUN: %python %S/Inputs/mode_report_lines.py %t.json | FileCheck %s --match-full-lines

// CHECK:      report
// CHECK-NEXT: section {"name": "<builtin.module>", "op": "builtin.module", "mode_ops": [], "training": 0, "evaluation": 0, "mode_independent": 0, "other_ops": 1}
// CHECK-NEXT: section {"name": "@f", "op": "func.func", "mode_ops": [{"op": "aten.dropout", "training": 1, "evaluation": 0, "mode_independent": 0}, {"op": "aten.rrelu", "training": 0, "evaluation": 1, "mode_independent": 0}], "training": 1, "evaluation": 1, "mode_independent": 0, "other_ops": 3}
// CHECK-NEXT: section {"name": "@g", "op": "func.func", "mode_ops": [{"op": "aten.dropout", "training": 0, "evaluation": 1, "mode_independent": 0}], "training": 0, "evaluation": 1, "mode_independent": 0, "other_ops": 1}
// CHECK-NEXT: total {"mode_ops": [{"op": "aten.dropout", "training": 1, "evaluation": 1, "mode_independent": 0}, {"op": "aten.rrelu", "training": 0, "evaluation": 1, "mode_independent": 0}], "training": 1, "evaluation": 2, "mode_independent": 0, "other_ops": 5}
// CHECK-EMPTY:

func.func @f(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = aten.dropout(%x) p = 1.000000e-01, train = true {sym_name = "dropout_1"} : (tensor<8xf32>) -> tensor<8xf32>
  "test.region"() ({
    %1 = aten.rrelu(%0) lower = 1.000000e-01, upper = 2.000000e-01, training = false : (tensor<8xf32>) -> tensor<8xf32>
    "test.terminator"() : () -> ()
  }) {sym_name = "not_a_symbol"} : () -> ()
  return %0 : tensor<8xf32>
}

module {
  func.func @g(%x: tensor<8xf32>) -> tensor<8xf32> {
    %0 = aten.dropout(%x) p = 1.000000e-01, train = false : (tensor<8xf32>) -> tensor<8xf32>
    return %0 : tensor<8xf32>
  }
}
