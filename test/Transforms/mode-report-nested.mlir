// mode-report nested in a pipeline: each run reports the op it runs on, as a
// remark at its location, in the order of the IR whether the runs are on
// several threads or on one. func.func(...) runs on the functions of the
// module, not on those of the nested module.
// RUN: mode-opt %s --pass-pipeline='builtin.module(func.func(to-eval,mode-report))' -o /dev/null 2> %t.table
// RUN: FileCheck %s --check-prefix=TABLE --match-full-lines --input-file=%t.table
// RUN: mode-opt %s --mlir-disable-threading --pass-pipeline='builtin.module(func.func(to-eval,mode-report))' -o /dev/null 2> %t.serial.table
// RUN: diff %t.table %t.serial.table
//
// format=json: one document per remark.
// RUN: mode-opt %s --pass-pipeline='builtin.module(func.func(mode-report{format=json}))' -o /dev/null 2> %t.json
// RUN: %python %S/Inputs/mode_report_lines.py --remarks %t.json | FileCheck %s --check-prefix=JSON --match-full-lines
//
// One pass-manager run over two modules: each run reports its own module.
// RUN: mode-opt %s --pass-pipeline='builtin.module(builtin.module(mode-report{format=json}))' -o /dev/null 2> %t.modules.json
// RUN: %python %S/Inputs/mode_report_lines.py --remarks %t.modules.json | FileCheck %s --check-prefix=MODULES --match-full-lines
//
// The same through the stock mlir-opt with ModePlugin.so.
// RUN: mlir-opt %s --load-dialect-plugin=%mode_plugin --pass-pipeline='builtin.module(func.func(to-eval,mode-report))' -o /dev/null 2> %t.plugin.table
// RUN: diff %t.table %t.plugin.table
//
// Many functions, so that several threads do run them: the output is the one
// of a single thread, byte for byte.
// RUN: %python -c "import sys; [sys.stdout.write('func.func @f%%d(%%%%x: tensor<8xf32>) -> tensor<8xf32> {\n  %%%%0 = aten.dropout(%%%%x) p = 1.000000e-01, train = %%s : (tensor<8xf32>) -> tensor<8xf32>\n  return %%%%0 : tensor<8xf32>\n}\n' %% (i, ['true', 'false'][i %% 3 == 0])) for i in range(2000)]" > %t.many.mlir
// RUN: mode-opt %t.many.mlir --pass-pipeline='builtin.module(func.func(mode-report{format=json}))' -o /dev/null 2> %t.many.threads
// RUN: mode-opt %t.many.mlir --mlir-disable-threading --pass-pipeline='builtin.module(func.func(mode-report{format=json}))' -o /dev/null 2> %t.many.serial
// RUN: diff %t.many.threads %t.many.serial
// RUN: %python %S/Inputs/mode_report_lines.py --remarks %t.many.threads | FileCheck %s --check-prefix=MANY
// MANY: report at {{.*}}many.mlir:1:1
// MANY-NEXT: section {"name": "@f0", {{.*}} "training": 0, "evaluation": 1,
// MANY: report at {{.*}}many.mlir:5:1
// MANY-NEXT: section {"name": "@f1", {{.*}} "training": 1, "evaluation": 0,
// MANY: report at {{.*}}many.mlir:7997:1
// MANY-NEXT: section {"name": "@f1999", {{.*}} "training": 1, "evaluation": 0,
// MANY-NOT: report
//
// Where there is no op to run on, a nested pass does not run: no remark.
// RUN: echo 'module {}' | mode-opt --pass-pipeline='builtin.module(func.func(mode-report))' -o /dev/null 2> %t.none
// RUN: count 0 < %t.none
//
// Nor does it with file=: it exits 0 and leaves an existing file as it was
// (a pass that never runs writes no empty report). The same pass on the
// module appends an empty report.
// RUN: echo 'earlier report' > %t.kept
// RUN: echo 'module {}' | mode-opt --pass-pipeline='builtin.module(func.func(mode-report{file=%t.kept}))' -o /dev/null 2> %t.none-file
// RUN: count 0 < %t.none-file
// RUN: echo 'earlier report' | diff - %t.kept
// RUN: echo 'module {}' | mode-opt --pass-pipeline='builtin.module(mode-report{file=%t.kept})' -o /dev/null
// RUN: FileCheck %s --check-prefix=KEPT --match-full-lines --input-file=%t.kept
// KEPT:      earlier report
// KEPT-NEXT: mode report
// KEPT-NEXT: total
// KEPT-NEXT:   op                      training  evaluation  mode-independent
// KEPT-NEXT:   all mode-dependent ops         0           0                 0
// KEPT-NEXT:   other ops: 0
// KEPT-NOT: {{.}}
//
// file= needs a run on the top-level module: runs nested in parallel would
// append to it in thread order.
// RUN: not mode-opt %s --pass-pipeline='builtin.module(func.func(mode-report{file=%t.file}))' -o /dev/null 2>&1 | FileCheck %s --check-prefix=FILE
// RUN: not test -e %t.file
// FILE: {{.*}}mode-report-nested.mlir:[[# @LINE + 21]]:1: error: 'mode-report' with file= runs on the top-level operation; nested (here on 'func.func'), it reports as remarks

// TABLE:      {{.*}}mode-report-nested.mlir:[[# @LINE + 19]]:1: remark: mode report
// TABLE-NEXT: @forward (func.func)
// TABLE-NEXT:   op                                         training  evaluation  mode-independent
// TABLE-NEXT:   aten._native_batch_norm_legit_no_training         0           1                 0
// TABLE-NEXT:   aten.dropout                                      0           2                 0
// TABLE-NEXT:   all mode-dependent ops                            0           3                 0
// TABLE-NEXT:   other ops: 2
// TABLE-NEXT: total
// TABLE-NEXT:   op                                         training  evaluation  mode-independent
// TABLE-NEXT:   aten._native_batch_norm_legit_no_training         0           1                 0
// TABLE-NEXT:   aten.dropout                                      0           2                 0
// TABLE-NEXT:   all mode-dependent ops                            0           3                 0
// TABLE-NEXT:   other ops: 2
// TABLE-NEXT: func.func @forward(%x: tensor<4x16xf32>, %c: tensor<16xf32>) -> tensor<4x16xf32> {
// TABLE-NEXT: ^
// TABLE-NEXT: {{.*}}mode-report-nested.mlir:[[# @LINE + 12]]:1: remark: mode report
// TABLE-NEXT: @decl (func.func)
// TABLE-NOT:  remark

func.func @forward(%x: tensor<4x16xf32>, %c: tensor<16xf32>) -> tensor<4x16xf32> {
  %0 = aten.dropout(%x) p = 1.000000e-01, train = true : (tensor<4x16xf32>) -> tensor<4x16xf32>
  %1:3 = aten._native_batch_norm_legit(%0, %c, %c, %c, %c) training = true, momentum = 1.000000e-01, eps = 1.000000e-05 : (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<4x16xf32>, tensor<16xf32>, tensor<16xf32>)
  %2 = aten.dropout(%1#0) p = 1.000000e-01, train = false : (tensor<4x16xf32>) -> tensor<4x16xf32>
  %3 = arith.addf %2, %x : tensor<4x16xf32>
  return %3 : tensor<4x16xf32>
}

func.func private @decl(tensor<4x16xf32>) -> tensor<4x16xf32>

// JSON:      report at {{.*}}mode-report-nested.mlir:[[# @LINE - 10]]:1
// JSON-NEXT: section {"name": "@forward", "op": "func.func", "mode_ops": [{"op": "aten._native_batch_norm_legit", "training": 1, "evaluation": 0, "mode_independent": 0}, {"op": "aten.dropout", "training": 1, "evaluation": 1, "mode_independent": 0}], "training": 2, "evaluation": 1, "mode_independent": 0, "other_ops": 2}
// JSON-NEXT: total {"mode_ops": [{"op": "aten._native_batch_norm_legit", "training": 1, "evaluation": 0, "mode_independent": 0}, {"op": "aten.dropout", "training": 1, "evaluation": 1, "mode_independent": 0}], "training": 2, "evaluation": 1, "mode_independent": 0, "other_ops": 2}
// JSON-NEXT: report at {{.*}}mode-report-nested.mlir:[[# @LINE - 5]]:1
// JSON-NEXT: section {"name": "@decl", "op": "func.func", "mode_ops": [], "training": 0, "evaluation": 0, "mode_independent": 0, "other_ops": 0}
// JSON-NEXT: total {"mode_ops": [], "training": 0, "evaluation": 0, "mode_independent": 0, "other_ops": 0}
// JSON-NOT: report

// MODULES:      report at {{.*}}mode-report-nested.mlir:[[# @LINE + 3]]:1
// MODULES-NEXT: section {"name": "@inner", "op": "builtin.module", "mode_ops": [], "training": 0, "evaluation": 0, "mode_independent": 0, "other_ops": 0}
// MODULES-NEXT: section {"name": "@inner::@h", "op": "func.func", "mode_ops": [{"op": "aten.rrelu", "training": 1, "evaluation": 0, "mode_independent": 0}], "training": 1, "evaluation": 0, "mode_independent": 0, "other_ops": 1}
module @inner {
  func.func @h(%x: tensor<8xf32>) -> tensor<8xf32> {
    %0 = aten.rrelu(%x) lower = 1.000000e-01, upper = 2.000000e-01, training = true : (tensor<8xf32>) -> tensor<8xf32>
    return %0 : tensor<8xf32>
  }
}
// MODULES-NEXT: total {"mode_ops": [{"op": "aten.rrelu", "training": 1, "evaluation": 0, "mode_independent": 0}], "training": 1, "evaluation": 0, "mode_independent": 0, "other_ops": 1}
// MODULES-NEXT: report at {{.*}}mode-report-nested.mlir:[[# @LINE + 2]]:1
// MODULES-NEXT: section {"name": "@second", "op": "builtin.module", "mode_ops": [{"op": "aten.alpha_dropout", "training": 0, "evaluation": 1, "mode_independent": 0}], "training": 0, "evaluation": 1, "mode_independent": 0, "other_ops": 1}
module @second {
  %x = arith.constant dense<1.000000e+00> : tensor<8xf32>
  %0 = aten.alpha_dropout(%x) p = 1.000000e-01, train = false : (tensor<8xf32>) -> tensor<8xf32>
}
// MODULES-NEXT: total {{.*}}
// MODULES-NOT: report
