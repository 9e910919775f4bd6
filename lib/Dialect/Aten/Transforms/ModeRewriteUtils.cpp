//===- ModeRewriteUtils.cpp - Helpers of the mode passes ------------------===//

#include "ModeRewriteUtils.h"

#include "mode/Dialect/Aten/IR/AtenDialect.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/OperationSupport.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SetVector.h"

using namespace mlir;

namespace mode::aten {

bool isUnregisteredAtenOp(Operation *op) {
  return !op->isRegistered() && op->getName().getDialectNamespace() ==
                                    AtenDialect::getDialectNamespace();
}

InFlightDiagnostic emitUnregisteredAtenOpError(Operation *op) {
  return op->emitError()
         << "'" << op->getName()
         << "' is not a registered operation, so its mode cannot be known; "
            "load the aten dialect (mlir-opt "
            "--load-dialect-plugin=ModePlugin.so)";
}

bool canCarryDiscardableAttrsTo(Operation *op, StringRef counterpartName) {
  std::optional<RegisteredOperationName> counterpart =
      RegisteredOperationName::lookup(counterpartName, op->getContext());
  if (!counterpart)
    return false;
  ArrayRef<StringAttr> inherent = counterpart->getAttributeNames();
  return llvm::none_of(op->getDiscardableAttrs(), [&](NamedAttribute attr) {
    return llvm::is_contained(inherent, attr.getName());
  });
}

/// Reorders the uses of `value` to `order`, a permutation of them.
static void setUseOrder(Value value, ArrayRef<OpOperand *> order) {
  DenseMap<OpOperand *, unsigned> position;
  for (auto [index, use] : llvm::enumerate(order))
    position[use] = index;
  SmallVector<unsigned> indices;
  for (OpOperand &use : value.getUses())
    indices.push_back(position.lookup(&use));
  value.shuffleUseList(indices);
}

void replaceWithCounterpart(PatternRewriter &rewriter, Operation *op,
                            Operation *counterpart) {
  rewriter.modifyOpInPlace(counterpart, [&] {
    counterpart->setLoc(op->getLoc());
    counterpart->setDiscardableAttrs(op->getDiscardableAttrDictionary());
  });

  // Operands: `counterpart` was built with the same operands, so each of
  // its uses went to the front of its value's use list. Move each to the
  // place of the matching use of `op`, which is about to go.
  for (Value value :
       llvm::SetVector<Value>(op->operand_begin(), op->operand_end())) {
    SmallVector<OpOperand *> order;
    for (OpOperand &use : value.getUses()) {
      if (use.getOwner() == counterpart)
        continue;
      if (use.getOwner() == op)
        order.push_back(&counterpart->getOpOperand(use.getOperandNumber()));
      order.push_back(&use);
    }
    setUseOrder(value, order);
  }

  // Results: replacing moves the uses one by one; put them back in their
  // order.
  SmallVector<SmallVector<OpOperand *>> resultUses;
  for (Value result : op->getResults())
    resultUses.push_back(llvm::map_to_vector(
        result.getUses(), [](OpOperand &use) { return &use; }));
  rewriter.replaceOp(op, counterpart->getResults());
  for (auto [result, uses] : llvm::zip(counterpart->getResults(), resultUses))
    if (!uses.empty())
      setUseOrder(result, uses);
}

} // namespace mode::aten
