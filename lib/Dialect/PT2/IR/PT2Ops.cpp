//===- PT2Ops.cpp - Operations of the pt2 dialect -------------------------===//

#include "mode/Dialect/PT2/IR/PT2Ops.h"

#include "mode/Dialect/PT2/IR/PT2Arguments.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/SmallBitVector.h"

using namespace mlir;
using namespace mode::pt2;

//===----------------------------------------------------------------------===//
// OperatorOp
//===----------------------------------------------------------------------===//

LogicalResult OperatorOp::verify() {
  llvm::SmallBitVector used(getNumOperands());
  for (auto [index, input] : llvm::enumerate(getInputs())) {
    auto named = dyn_cast<DictionaryAttr>(input);
    if (!named || !named.get("arg"))
      return emitOpError() << "expects input #" << index
                           << " to be a dictionary with an 'arg', got "
                           << input;
    bool outOfRange = false;
    (void)walkValueReferences(named.get("arg"), [&](Attribute ref, ValueKind) {
      auto operand = dyn_cast<OperandAttr>(ref);
      if (!operand)
        return;
      if (operand.getIndex() >= getNumOperands())
        outOfRange = true;
      else
        used.set(operand.getIndex());
    });
    if (outOfRange)
      return emitOpError() << "input #" << index
                           << " refers to an operand the op does not have";
  }
  if (!used.all())
    return emitOpError() << "operand #" << used.find_first_unset()
                         << " is named by none of the inputs";
  return success();
}

void OperatorOp::getAsmResultNames(OpAsmSetValueNameFn setNameFn) {
  auto node =
      (*this)->getAttrOfType<DictionaryAttr>(PT2Dialect::getNodeAttrName());
  auto outputs =
      node ? dyn_cast_or_null<ArrayAttr>(node.get("outputs")) : ArrayAttr();
  if (!outputs)
    return;
  unsigned next = 0;
  for (Attribute output : outputs)
    (void)walkValueReferences(output, [&](Attribute ref, ValueKind) {
      if (auto name = dyn_cast<StringAttr>(ref); name && next < getNumResults())
        setNameFn(getResult(next++), name.getValue());
    });
}

//===----------------------------------------------------------------------===//
// BatchNormCounterOp
//===----------------------------------------------------------------------===//

void BatchNormCounterOp::getEffects(
    SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>
        &effects) {
  // In place and counting, it writes the buffer; otherwise it is pure.
  if (!getTraining() || !getInPlace())
    return;
  effects.emplace_back(MemoryEffects::Read::get(),
                       &getNumBatchesTrackedMutable());
  effects.emplace_back(MemoryEffects::Write::get(),
                       &getNumBatchesTrackedMutable());
}

//===----------------------------------------------------------------------===//
// DecomposedDropoutOp
//===----------------------------------------------------------------------===//

Value DecomposedDropoutOp::getTrainingResult() {
  return cast<YieldOp>(getBody().front().getTerminator()).getValue();
}

LogicalResult DecomposedDropoutOp::verify() {
  Type yielded = getTrainingResult().getType();
  if (yielded != getResult().getType() ||
      getInput().getType() != getResult().getType())
    return emitOpError() << "expects its input, its body's result and its "
                            "result to have one type, got "
                         << getInput().getType() << ", " << yielded << " and "
                         << getResult().getType();
  return success();
}

#define GET_OP_CLASSES
#include "mode/Dialect/PT2/IR/PT2Ops.cpp.inc"
