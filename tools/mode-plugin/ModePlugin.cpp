//===- ModePlugin.cpp - The aten dialect and mode passes as a plugin ------===//
//
// Loads into the stock `mlir-opt` of the same LLVM version, or into any tool
// built on MlirOptMain:
//
//   mlir-opt --load-dialect-plugin=ModePlugin.so \
//            --pass-pipeline='builtin.module(to-eval)' model.mlir
//
// As in upstream's standalone-plugin, the dialect entry point registers the
// mode passes along with the `aten` dialect, so that one flag is enough. The
// pass entry point registers the passes alone, for `--load-pass-plugin`;
// loading the plugin both ways registers each pass twice, which the pass
// registry accepts (same pass, same TypeID). The plugin links the shared
// libMLIR.so and libLLVM.so the tool itself uses, so that the tool and the
// plugin share one copy of MLIR's registries and type identifiers.
//
//===----------------------------------------------------------------------===//

#include "mode/InitAllDialects.h"
#include "mode/InitAllPasses.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/Plugins/DialectPlugin.h"
#include "mlir/Tools/Plugins/PassPlugin.h"

#include "llvm/Config/llvm-config.h"
#include "llvm/Support/Compiler.h"

/// The entry point of `--load-dialect-plugin`: the dialect and the passes.
extern "C" LLVM_ATTRIBUTE_WEAK mlir::DialectPluginLibraryInfo
mlirGetDialectPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "ModeDialects", LLVM_VERSION_STRING,
          [](mlir::DialectRegistry *registry) {
            mode::registerAllDialects(*registry);
            mode::registerAllPasses();
          }};
}

/// The entry point of `--load-pass-plugin`: the passes alone.
extern "C" LLVM_ATTRIBUTE_WEAK mlir::PassPluginLibraryInfo
mlirGetPassPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "ModePasses", LLVM_VERSION_STRING,
          []() { mode::registerAllPasses(); }};
}
