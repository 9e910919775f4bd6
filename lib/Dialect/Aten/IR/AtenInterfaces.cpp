//===- AtenInterfaces.cpp - Interfaces of the aten dialect ----------------===//

#include "mode/Dialect/Aten/IR/AtenInterfaces.h"

#include "mode/Dialect/Aten/IR/AtenInterfaces.cpp.inc"
