//===- AtenDialect.cpp - The aten dialect ---------------------------------===//

#include "mode/Dialect/Aten/IR/AtenDialect.h"

#include "mode/Dialect/Aten/IR/AtenOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mode::aten;

#include "mode/Dialect/Aten/IR/AtenOpsDialect.cpp.inc"

#define GET_TYPEDEF_CLASSES
#include "mode/Dialect/Aten/IR/AtenOpsTypes.cpp.inc"

void AtenDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "mode/Dialect/Aten/IR/AtenOps.cpp.inc"
      >();
  addTypes<
#define GET_TYPEDEF_LIST
#include "mode/Dialect/Aten/IR/AtenOpsTypes.cpp.inc"
      >();
}

LogicalResult AtenDialect::verifyOperationAttribute(Operation *op,
                                                    NamedAttribute attr) {
  StringRef name = attr.getName().getValue();
  if (name == getTrainingDropoutAttrName()) {
    auto probability = dyn_cast<FloatAttr>(attr.getValue());
    if (!probability || !probability.getType().isF64() ||
        !(probability.getValueAsDouble() >= 0.0 &&
          probability.getValueAsDouble() <= 1.0))
      return op->emitError()
             << "expects '" << name
             << "' to be an f64 probability in [0, 1], got " << attr.getValue();
    if (!isa<ScaledDotProductAttentionOp>(op))
      return op->emitError()
             << "'" << name << "' belongs on an attention op, not on '"
             << op->getName() << "'";
    return success();
  }
  if (name == getGivenDropoutAttrName()) {
    if (!isa<UnitAttr>(attr.getValue()) ||
        !isa<ScaledDotProductAttentionOp>(op))
      return op->emitError() << "expects '" << name
                             << "' to be a unit attribute of an attention op";
    return success();
  }
  if (name == getUnswitchableAttrName()) {
    auto info = dyn_cast<DictionaryAttr>(attr.getValue());
    auto mode = info ? dyn_cast_or_null<StringAttr>(info.get("mode")) : nullptr;
    auto family =
        info ? dyn_cast_or_null<StringAttr>(info.get("family")) : nullptr;
    auto reason =
        info ? dyn_cast_or_null<StringAttr>(info.get("reason")) : nullptr;
    if (!mode || !family || !reason ||
        (mode.getValue() != "training" && mode.getValue() != "evaluation"))
      return op->emitError()
             << "expects '" << name
             << "' to be {family = \"...\", mode = \"training\" or "
                "\"evaluation\", reason = \"...\"}, got "
             << attr.getValue();
    return success();
  }
  return op->emitError() << "unknown discardable attribute '" << name
                         << "' of the aten dialect";
}

bool AtenDialect::hasTrainingFormOp(Operation *root) {
  return root
      ->walk([](Operation *op) {
        if (auto modeOp = dyn_cast<ModeDependentOpInterface>(op))
          if (modeOp.isTrainingMode() && !modeOp.isModeIndependent())
            return WalkResult::interrupt();
        auto unswitchable =
            op->getAttrOfType<DictionaryAttr>(getUnswitchableAttrName());
        if (unswitchable && unswitchable.get("mode") ==
                                StringAttr::get(op->getContext(), "training"))
          return WalkResult::interrupt();
        return WalkResult::advance();
      })
      .wasInterrupted();
}
