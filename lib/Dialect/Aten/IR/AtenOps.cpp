//===- AtenOps.cpp - Operations of the aten dialect -----------------------===//
//
// Verifiers, memory effects and canonicalization of the aten ops. Every rule
// reports what is wrong and what was expected, at the op's location.
//
//===----------------------------------------------------------------------===//

#include "mode/Dialect/Aten/IR/AtenOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"

#include <cmath>
#include <optional>

using namespace mlir;
using namespace mode::aten;

using MemoryEffectList =
    SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>;

//===----------------------------------------------------------------------===//
// Memory effects
//===----------------------------------------------------------------------===//

static void addRandomGeneratorEffects(bool training,
                                      MemoryEffectList &effects) {
  if (!training)
    return;
  effects.emplace_back(MemoryEffects::Read::get(),
                       RandomGeneratorResource::get());
  effects.emplace_back(MemoryEffects::Write::get(),
                       RandomGeneratorResource::get());
}

static void addRunningStatisticsUpdateEffects(OpOperand &runningMean,
                                              OpOperand &runningVar,
                                              MemoryEffectList &effects) {
  for (OpOperand *statistic : {&runningMean, &runningVar}) {
    effects.emplace_back(MemoryEffects::Read::get(), statistic,
                         RunningStatisticsResource::get());
    effects.emplace_back(MemoryEffects::Write::get(), statistic,
                         RunningStatisticsResource::get());
  }
}

static void addInPlaceUpdateEffects(OpOperand &self,
                                    MemoryEffectList &effects) {
  effects.emplace_back(MemoryEffects::Read::get(), &self,
                       TensorStorageResource::get());
  effects.emplace_back(MemoryEffects::Write::get(), &self,
                       TensorStorageResource::get());
}

//===----------------------------------------------------------------------===//
// Verification helpers
//===----------------------------------------------------------------------===//

/// Formats an attribute value for a message with the fewest digits that
/// read back as the same double ("0.1", "1.0000000000000002", "inf"), so
/// that the reader sees why it fails.
static std::string formatValue(FloatAttr attr) {
  double value = attr.getValueAsDouble();
  if (!std::isfinite(value))
    return std::isnan(value) ? "nan" : (value > 0 ? "inf" : "-inf");
  for (int precision = 1;; ++precision) {
    std::string text =
        llvm::formatv("{0}", llvm::format("%.*g", precision, value)).str();
    if (precision >= 17 || std::strtod(text.c_str(), nullptr) == value)
      return text;
  }
}

static LogicalResult verifyProbability(Operation *op, StringRef name,
                                       FloatAttr attr) {
  double value = attr.getValueAsDouble();
  if (value >= 0.0 && value <= 1.0)
    return success();
  return op->emitOpError() << "expects '" << name
                           << "' to be a probability in [0, 1], got "
                           << formatValue(attr);
}

static LogicalResult verifyFinite(Operation *op, StringRef name,
                                  FloatAttr attr) {
  if (std::isfinite(attr.getValueAsDouble()))
    return success();
  return op->emitOpError() << "expects '" << name << "' to be finite, got "
                           << formatValue(attr);
}

static LogicalResult verifyFiniteNonNegative(Operation *op, StringRef name,
                                             FloatAttr attr) {
  double value = attr.getValueAsDouble();
  if (std::isfinite(value) && value >= 0.0)
    return success();
  return op->emitOpError() << "expects '" << name
                           << "' to be finite and >= 0, got "
                           << formatValue(attr);
}

static LogicalResult verifySlopeRange(Operation *op, FloatAttr lower,
                                      FloatAttr upper) {
  if (failed(verifyFinite(op, "lower", lower)) ||
      failed(verifyFinite(op, "upper", upper)))
    return failure();
  if (lower.getValueAsDouble() <= upper.getValueAsDouble())
    return success();
  return op->emitOpError() << "expects 'lower' <= 'upper', got lower = "
                           << formatValue(lower)
                           << " and upper = " << formatValue(upper);
}

/// Checks that `result` has the shape (where known) and the element type of
/// `input`.
static LogicalResult verifyLikeInput(Operation *op, Value input, Value result,
                                     StringRef resultName) {
  auto inputType = cast<TensorType>(input.getType());
  auto resultType = cast<TensorType>(result.getType());
  if (inputType.getElementType() == resultType.getElementType() &&
      succeeded(verifyCompatibleShape(inputType, resultType)))
    return success();
  return op->emitOpError() << "expects result '" << resultName
                           << "' to have the input's shape and element type "
                           << inputType << ", got " << resultType;
}

//===----------------------------------------------------------------------===//
// Dropout family
//===----------------------------------------------------------------------===//

static LogicalResult verifyNativeDropout(NativeDropoutOp op) {
  if (failed(verifyProbability(op, "p", op.getPAttr())) ||
      failed(verifyLikeInput(op, op.getInput(), op.getOutput(), "output")))
    return failure();
  auto inputType = cast<TensorType>(op.getInput().getType());
  auto maskType = cast<TensorType>(op.getMask().getType());
  if (succeeded(verifyCompatibleShape(inputType, maskType)))
    return success();
  return op.emitOpError() << "expects result 'mask' to have the input's shape "
                             "with element type i1, got "
                          << maskType << " for input " << inputType;
}

//===----------------------------------------------------------------------===//
// Batch and instance norm
//===----------------------------------------------------------------------===//

/// Checks that a per-channel tensor (rank 1 by its type, where ranked) has C
/// elements, or zero when `mayBeEmpty`, where both sizes are known.
/// `!aten.none` passes.
static LogicalResult verifyChannelCount(Operation *op, Value value,
                                        StringRef name, StringRef kind,
                                        std::optional<int64_t> channels,
                                        bool mayBeEmpty = false) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type || !channels)
    return success();
  int64_t size = type.getDimSize(0);
  if (ShapedType::isDynamic(size) || size == *channels ||
      (mayBeEmpty && size == 0))
    return success();
  InFlightDiagnostic diag = op->emitOpError();
  diag << "expects " << kind << " '" << name << "' to have " << *channels
       << " elements (the input's channel dimension 1)";
  if (mayBeEmpty)
    diag << " or 0";
  return diag << ", got " << type;
}

/// Verifies a normalization from the layout all ATen normalizations share:
/// operands (input, weight, bias[, running_mean, running_var]) and results
/// (output, then the per-channel statistics saved for the backward pass,
/// named `savedNames`: C elements, or none at all as ATen returns them in
/// evaluation mode on some back ends; then the updated running statistics,
/// named `updatedNames`: C elements; any further result, the back end's
/// reserve space, is not checked).
static LogicalResult verifyNormalization(ModeDependentOpInterface op,
                                         ArrayRef<StringRef> savedNames,
                                         ArrayRef<StringRef> updatedNames) {
  Value input = op->getOperand(0);
  std::optional<int64_t> channels;
  if (auto inputType = dyn_cast<RankedTensorType>(input.getType())) {
    if (inputType.getRank() < 2)
      return op->emitOpError()
             << "expects an input of rank >= 2 (N, C, ...), got " << inputType;
    if (!inputType.isDynamicDim(1))
      channels = inputType.getDimSize(1);
  }

  static constexpr StringLiteral operandNames[] = {
      "input", "weight", "bias", "running_mean", "running_var"};
  for (auto [name, operand] : llvm::zip(ArrayRef(operandNames).drop_front(),
                                        op->getOperands().drop_front()))
    if (failed(verifyChannelCount(op, operand, name, "operand", channels)))
      return failure();

  if (op->getNumOperands() == 5) {
    Type meanType = op->getOperand(3).getType();
    Type varType = op->getOperand(4).getType();
    bool meanAbsent = isa<mode::aten::NoneType>(meanType);
    if (meanAbsent != isa<mode::aten::NoneType>(varType))
      return op->emitOpError()
             << "expects 'running_mean' and 'running_var' to be both tensors "
                "or both !aten.none, got "
             << meanType << " and " << varType;
    // A mode flag set to false means "normalize with the running
    // statistics" for every normalization (`training`, `use_input_stats`).
    StringRef flag = op.getModeFlagName();
    if (meanAbsent && !flag.empty() && !op.isTrainingMode())
      return op->emitOpError()
             << "normalizes with its running statistics (" << flag
             << " = false) but 'running_mean' and 'running_var' are "
                "!aten.none; expected tensors (ATen rejects this: there is "
                "nothing to normalize with)";
  }

  if (failed(verifyLikeInput(op, input, op->getResult(0),
                             op->getNumResults() == 1 ? "result" : "output")))
    return failure();
  ValueRange statistics = op->getResults().drop_front();
  for (auto [name, value] : llvm::zip(savedNames, statistics))
    if (failed(verifyChannelCount(op, value, name, "result", channels,
                                  /*mayBeEmpty=*/true)))
      return failure();
  for (auto [name, value] :
       llvm::zip(updatedNames, statistics.drop_front(savedNames.size())))
    if (failed(verifyChannelCount(op, value, name, "result", channels)))
      return failure();
  return success();
}

//===----------------------------------------------------------------------===//
// Recurrent layers and attention
//===----------------------------------------------------------------------===//

static LogicalResult verifyRecurrentLayer(Operation *op, FloatAttr dropout,
                                          IntegerAttr numLayers) {
  if (failed(verifyProbability(op, "dropout", dropout)))
    return failure();
  if (numLayers.getInt() >= 1)
    return success();
  return op->emitOpError() << "expects 'num_layers' >= 1, got "
                           << numLayers.getInt();
}

static LogicalResult verifyAttention(ScaledDotProductAttentionOp op) {
  if (failed(verifyProbability(op, "dropout_p", op.getDropoutPAttr())))
    return failure();
  if (FloatAttr scale = op.getScaleAttr())
    if (failed(verifyFinite(op, "scale", scale)))
      return failure();
  Type queryElement = getElementTypeOrSelf(op.getQuery().getType());
  Type resultElement = getElementTypeOrSelf(op.getResult().getType());
  if (queryElement == resultElement)
    return success();
  return op.emitOpError() << "expects the result to have the query's "
                             "element type "
                          << queryElement << ", got " << resultElement;
}

/// `_native_batch_norm_legit` with `training = false` is an evaluation form
/// that has a dedicated op: rewrite it to
/// `_native_batch_norm_legit_no_training` (the form `torch.export` emits and
/// `to-train` expects).
LogicalResult NativeBatchNormLegitOp::canonicalize(NativeBatchNormLegitOp op,
                                                   PatternRewriter &rewriter) {
  if (op.getTraining())
    return failure();
  auto evalOp = NativeBatchNormLegitNoTrainingOp::create(
      rewriter, op.getLoc(), op.getResultTypes(), op.getInput(), op.getWeight(),
      op.getBias(), op.getRunningMean(), op.getRunningVar(),
      op.getMomentumAttr(), op.getEpsAttr());
  evalOp->setDiscardableAttrs(op->getDiscardableAttrDictionary());
  rewriter.replaceOp(op, evalOp->getResults());
  return success();
}

#define GET_OP_CLASSES
#include "mode/Dialect/Aten/IR/AtenOps.cpp.inc"
