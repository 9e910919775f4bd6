// What a user gets from the stock mlir-opt when the plugin is missing, or only
// half loaded.
//
// No dialect plugin: the aten ops do not parse.
// RUN: not mlir-opt %s 2>&1 | FileCheck %s --check-prefix=NO-DIALECT
// NO-DIALECT: without-plugin.mlir:[[# @LINE + 27]]:8: error: Dialect `aten' not found for custom op 'aten.dropout'
//
// The dialect plugin without the pass plugin: the passes are unknown.
// RUN: not mlir-opt %s --load-dialect-plugin=%mode_plugin \
// RUN:   --pass-pipeline='builtin.module(to-eval)' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NO-PASS
// NO-PASS: error: 'to-eval' does not refer to a registered pass or pass pipeline
//
// The pass flags: the stock tool parses its flags before it loads plugins, so
// a plugin pass is reachable through --pass-pipeline only.
// RUN: not mlir-opt %s --load-dialect-plugin=%mode_plugin \
// RUN:   --load-pass-plugin=%mode_plugin --to-eval 2>&1 \
// RUN:   | FileCheck %s --check-prefix=FLAG
// FLAG: Unknown command line argument '--to-eval'
//
// A plugin that cannot be loaded is reported, and the IR then fails to parse.
// RUN: not mlir-opt %s --load-dialect-plugin=%t.does-not-exist.so 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BAD-PATH
// BAD-PATH: Failed to load dialect plugin from '{{.*}}does-not-exist.so'
// BAD-PATH: error: Dialect `aten' not found for custom op 'aten.dropout'
//
// With the plugin the same file parses.
// RUN: mlir-opt %s --load-dialect-plugin=%mode_plugin | FileCheck %s

// CHECK-LABEL: func.func @f
// CHECK-NEXT: aten.dropout(%arg0) p = 1.000000e-01, train = true
func.func @f(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = aten.dropout(%x) p = 1.000000e-01, train = true : (tensor<8xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}
