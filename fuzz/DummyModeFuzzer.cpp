//===- DummyModeFuzzer.cpp - mode-fuzz without libFuzzer ------------------===//
//
// The main of mode-fuzz in builds without libFuzzer: runs the fuzz target
// once on each file named on the command line (llvm::runFuzzerOnInputs).
//
//===----------------------------------------------------------------------===//

#include "llvm/FuzzMutate/FuzzerCLI.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char *argv[]) {
  return llvm::runFuzzerOnInputs(argc, argv, LLVMFuzzerTestOneInput);
}
