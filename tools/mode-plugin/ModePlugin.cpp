//===- ModePlugin.cpp - The aten dialect and mode passes as a plugin ------===//
//
// Loads into the stock `mlir-opt` of the same LLVM version, or into any tool
// built on MlirOptMain:
//
//   mlir-opt --load-dialect-plugin=ModePlugin.so \
//            --load-pass-plugin=ModePlugin.so \
//            --pass-pipeline='builtin.module(to-eval)' model.mlir
//
// The dialect entry point registers the `aten` dialect, the pass entry point
// registers the mode passes. The plugin links the shared libMLIR.so and
// libLLVM.so the tool itself uses, so that the tool and the plugin share one
// copy of MLIR's registries and type identifiers.
//
//===----------------------------------------------------------------------===//

#include "mode/InitAllDialects.h"
#include "mode/InitAllPasses.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/Plugins/DialectPlugin.h"
#include "mlir/Tools/Plugins/PassPlugin.h"

#include "llvm/Config/llvm-config.h"
#include "llvm/Support/Compiler.h"

/// The entry point of `--load-dialect-plugin`.
extern "C" LLVM_ATTRIBUTE_WEAK mlir::DialectPluginLibraryInfo
mlirGetDialectPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "ModeDialects", LLVM_VERSION_STRING,
          [](mlir::DialectRegistry *registry) {
            mode::registerAllDialects(*registry);
          }};
}

/// The entry point of `--load-pass-plugin`.
extern "C" LLVM_ATTRIBUTE_WEAK mlir::PassPluginLibraryInfo
mlirGetPassPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "ModePasses", LLVM_VERSION_STRING,
          []() { mode::registerAllPasses(); }};
}
