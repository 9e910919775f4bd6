//===- ModeRewriteUtils.cpp - Helpers of the mode passes ------------------===//

#include "ModeRewriteUtils.h"

#include "mode/Dialect/Aten/IR/ModeSwitchInterface.h"

#include "mode/Dialect/Aten/IR/AtenDialect.h"
#include "mode/Dialect/Aten/IR/AtenOps.h"

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

std::optional<Unswitchable> getUnswitchable(Operation *op) {
  auto info =
      op->getAttrOfType<DictionaryAttr>(AtenDialect::getUnswitchableAttrName());
  if (!info)
    return std::nullopt;
  auto family = info.getAs<StringAttr>("family");
  auto mode = info.getAs<StringAttr>("mode");
  auto reason = info.getAs<StringAttr>("reason");
  if (!family || !mode || !reason)
    return std::nullopt;
  return Unswitchable{family.getValue(), mode.getValue() == "training",
                      reason.getValue()};
}

LogicalResult checkOpWithoutModeInterface(Operation *op, bool wantTraining,
                                          bool switching,
                                          ArrayRef<std::string> families) {
  if (isUnregisteredAtenOp(op))
    return emitUnregisteredAtenOpError(op);
  std::optional<Unswitchable> unswitchable = getUnswitchable(op);
  if (!unswitchable || unswitchable->training == wantTraining ||
      (!families.empty() &&
       !llvm::is_contained(families, unswitchable->family)))
    return success();
  if (switching)
    return op->emitError() << "cannot switch to "
                           << (wantTraining ? "training" : "evaluation")
                           << " mode: " << unswitchable->reason;
  return op->emitError() << "is in "
                         << (unswitchable->training ? "training" : "evaluation")
                         << " mode, and cannot be switched: "
                         << unswitchable->reason;
}

std::optional<double> getTrainingDropout(Operation *op) {
  if (auto record = op->getAttrOfType<FloatAttr>(
          AtenDialect::getTrainingDropoutAttrName()))
    return record.getValueAsDouble();
  return std::nullopt;
}

/// Sets the dropout probability of an attention op in training to `p`,
/// marked as given to to-train or not.
static void setTrainingDropout(PatternRewriter &rewriter, Operation *op,
                               double p, bool given) {
  rewriter.modifyOpInPlace(op, [&] {
    cast<ScaledDotProductAttentionOp>(op).setDropoutP(APFloat(p));
    op->removeAttr(AtenDialect::getTrainingDropoutAttrName());
    if (given)
      op->setAttr(AtenDialect::getGivenDropoutAttrName(),
                  rewriter.getUnitAttr());
  });
}

void setGivenTrainingDropout(PatternRewriter &rewriter, Operation *op,
                             double p) {
  setTrainingDropout(rewriter, op, p, /*given=*/true);
}

void keepTrainingDropout(PatternRewriter &rewriter, Operation *op) {
  auto attention = cast<ScaledDotProductAttentionOp>(op);
  FloatAttr p = attention.getDropoutPAttr();
  rewriter.modifyOpInPlace(op, [&] {
    // A probability to-train was given is not the model's: nothing to keep.
    if (!op->removeAttr(AtenDialect::getGivenDropoutAttrName()))
      op->setAttr(AtenDialect::getTrainingDropoutAttrName(), p);
    attention.setDropoutP(APFloat(0.0));
  });
}

void restoreTrainingDropout(PatternRewriter &rewriter, Operation *op) {
  setTrainingDropout(rewriter, op, *getTrainingDropout(op), /*given=*/false);
}

bool drawsRandomNumbers(Operation *op) {
  auto effects = dyn_cast<MemoryEffectOpInterface>(op);
  if (!effects)
    return false;
  SmallVector<SideEffects::EffectInstance<MemoryEffects::Effect>> instances;
  effects.getEffects(instances);
  return llvm::any_of(instances, [](const auto &instance) {
    return instance.getResource() == RandomGeneratorResource::get();
  });
}

LogicalResult checkNoRandomness(Operation *root, ArrayRef<std::string> keepRandom,
                                bool toEval) {
  DialectInterfaceCollection<ModeSwitchDialectInterface> interfaces(
      root->getContext());
  bool failed = false;
  root->walk<WalkOrder::PreOrder>([&](Operation *op) {
    // A mode-dependent op is mode's to switch, what it holds with it.
    if (isa<ModeDependentOpInterface>(op))
      return WalkResult::skip();
    if (!drawsRandomNumbers(op))
      return WalkResult::advance();
    const ModeSwitchDialectInterface *interface =
        interfaces.getInterfaceFor(op);
    SmallVector<ModuleCall> calls;
    std::string what;
    if (interface) {
      calls = interface->getModuleCalls(op);
      what = interface->describe(op);
    }
    if (llvm::any_of(calls, [&](const ModuleCall &call) {
          return llvm::is_contained(keepRandom, call.type);
        }))
      return WalkResult::advance();
    failed = true;
    InFlightDiagnostic diag = op->emitError();
    diag << (what.empty() ? "'" + op->getName().getStringRef().str() + "'"
                          : what)
         << " draws random numbers";
    if (calls.empty()) {
      diag << ", outside any module mode knows of: mode cannot tell what it "
              "does in evaluation mode";
      return WalkResult::advance();
    }
    const ModuleCall &call = calls.front();
    diag << " in " << call.describe() << ", which mode does not know to switch"
         << (toEval ? "" : " and which is not declared random by design")
         << "; if the module is the identity in evaluation (as dropout is), "
         << (toEval ? "give" : "switch with")
         << " to-eval identity-in-eval=" << call.type
         << ", which removes its call and records it for to-train; if it "
            "draws random numbers by design (a sampler, noise), give "
         << (toEval ? "" : "assert-eval ") << "keep-random=" << call.type;
    return WalkResult::advance();
  });
  return failure(failed);
}

} // namespace mode::aten
