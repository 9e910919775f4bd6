//===- mode-opt.cpp - The mode optimizer driver ---------------------------===//
//
// An mlir-opt with the aten dialect and the mode passes, on top of every
// upstream dialect and pass, so that any pipeline a user already runs works.
//
//===----------------------------------------------------------------------===//

#include "mode/InitAllDialects.h"
#include "mode/InitAllPasses.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  mode::registerAllPasses();

  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  mode::registerAllDialects(registry);

  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "mode optimizer driver\n", registry));
}
