//===- mode-translate.cpp - PyTorch archives to MLIR and back -------------===//
//
// mlir-translate with --import-pt2 and --export-pt2:
//
//   mode-translate --import-pt2 model.pt2 -o model.mlir
//   mode-opt --to-eval model.mlir | mode-translate --export-pt2 -o
//   model.eval.pt2
//
//===----------------------------------------------------------------------===//

#include "mode/Target/PT2/PT2.h"

#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"

int main(int argc, char **argv) {
  mode::pt2::registerImportPT2Translation();
  mode::pt2::registerExportPT2Translation();
  return mlir::failed(
      mlir::mlirTranslateMain(argc, argv, "mode translation driver\n"));
}
