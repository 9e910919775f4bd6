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

//===----------------------------------------------------------------------===//
// Verification helpers
//===----------------------------------------------------------------------===//

/// Formats an attribute value for a message: "0.1", "-1e-05", "inf", "nan".
static std::string formatValue(FloatAttr attr) {
  return llvm::formatv("{0}", llvm::format("%g", attr.getValueAsDouble()))
      .str();
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

template <typename DropoutOpT>
static LogicalResult verifyDropout(DropoutOpT op) {
  if (failed(verifyProbability(op, "p", op.getPAttr())))
    return failure();
  return verifyLikeInput(op, op.getInput(), op->getResult(0),
                         op->getNumResults() == 1 ? "result" : "output");
}

LogicalResult DropoutOp::verify() { return verifyDropout(*this); }
LogicalResult FeatureDropoutOp::verify() { return verifyDropout(*this); }
LogicalResult AlphaDropoutOp::verify() { return verifyDropout(*this); }
LogicalResult FeatureAlphaDropoutOp::verify() { return verifyDropout(*this); }

LogicalResult NativeDropoutOp::verify() {
  if (failed(verifyDropout(*this)))
    return failure();
  auto inputType = cast<TensorType>(getInput().getType());
  auto maskType = cast<TensorType>(getMask().getType());
  if (succeeded(verifyCompatibleShape(inputType, maskType)))
    return success();
  return emitOpError() << "expects result 'mask' to have the input's shape "
                          "with element type i1, got "
                       << maskType << " for input " << inputType;
}

//===----------------------------------------------------------------------===//
// Batch and instance norm
//===----------------------------------------------------------------------===//

/// Checks that `value`, a per-channel tensor, has rank 1 and C elements (or
/// zero when `mayBeEmpty`), where known. `!aten.none` passes.
static LogicalResult verifyPerChannel(Operation *op, Value value,
                                      StringRef name, StringRef kind,
                                      std::optional<int64_t> channels,
                                      bool mayBeEmpty = false) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type)
    return success();
  if (type.getRank() != 1)
    return op->emitOpError()
           << "expects " << kind << " '" << name
           << "' to have rank 1 (one value per channel), got " << type;
  int64_t size = type.getDimSize(0);
  if (!channels || ShapedType::isDynamic(size) || size == *channels ||
      (mayBeEmpty && size == 0))
    return success();
  InFlightDiagnostic diag = op->emitOpError();
  diag << "expects " << kind << " '" << name << "' to have " << *channels
       << " elements (the input's channel dimension 1)";
  if (mayBeEmpty)
    diag << " or 0";
  return diag << ", got " << type;
}

/// Verifies a normalization op from the layout all ATen normalizations
/// share: operands (input, weight, bias[, running_mean, running_var]) and
/// results (output, then the per-channel statistics saved for the backward
/// pass, named `savedNames`: C elements, or none at all as ATen returns them
/// in evaluation mode on some back ends; then the updated running statistics,
/// named `updatedNames`: C elements; any further result, the back end's
/// reserve space, is not checked). `usesRunningStatisticsBecause` is set when
/// the op normalizes with its running statistics rather than the batch's:
/// the attribute setting that says so, as in "training = false".
static LogicalResult
verifyNormalization(Operation *op, StringRef usesRunningStatisticsBecause,
                    ArrayRef<StringRef> savedNames = {},
                    ArrayRef<StringRef> updatedNames = {}) {
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
    if (failed(verifyPerChannel(op, operand, name, "operand", channels)))
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
    if (meanAbsent && !usesRunningStatisticsBecause.empty())
      return op->emitOpError()
             << "normalizes with its running statistics ("
             << usesRunningStatisticsBecause
             << ") but 'running_mean' and 'running_var' are !aten.none; "
                "expected tensors (ATen rejects this: there is nothing to "
                "normalize with)";
  }

  if (failed(verifyLikeInput(op, input, op->getResult(0),
                             op->getNumResults() == 1 ? "result" : "output")))
    return failure();
  ValueRange statistics = op->getResults().drop_front();
  for (auto [name, value] : llvm::zip(savedNames, statistics))
    if (failed(verifyPerChannel(op, value, name, "result", channels,
                                /*mayBeEmpty=*/true)))
      return failure();
  for (auto [name, value] :
       llvm::zip(updatedNames, statistics.drop_front(savedNames.size())))
    if (failed(verifyPerChannel(op, value, name, "result", channels)))
      return failure();
  return success();
}

/// Verifies a batch norm with the usual `momentum` and `eps`.
template <typename BatchNormOpT>
static LogicalResult verifyBatchNorm(BatchNormOpT op,
                                     StringRef usesRunningStatisticsBecause,
                                     ArrayRef<StringRef> savedNames = {},
                                     ArrayRef<StringRef> updatedNames = {}) {
  if (failed(verifyFinite(op, "momentum", op.getMomentumAttr())) ||
      failed(verifyFiniteNonNegative(op, "eps", op.getEpsAttr())))
    return failure();
  return verifyNormalization(op, usesRunningStatisticsBecause, savedNames,
                             updatedNames);
}

static StringRef whenFalse(bool flag, StringRef setting) {
  return flag ? StringRef() : setting;
}

LogicalResult BatchNormOp::verify() {
  return verifyBatchNorm(*this, whenFalse(getTraining(), "training = false"));
}

LogicalResult NativeBatchNormOp::verify() {
  return verifyBatchNorm(*this, whenFalse(getTraining(), "training = false"),
                         {"save_mean", "save_invstd"});
}

LogicalResult NativeBatchNormLegitOp::verify() {
  return verifyBatchNorm(*this, "", {"save_mean", "save_rstd"});
}

LogicalResult NativeBatchNormLegitNoStatsOp::verify() {
  return verifyBatchNorm(*this, "", {"save_mean", "save_rstd"});
}

LogicalResult NativeBatchNormLegitNoTrainingOp::verify() {
  return verifyBatchNorm(*this, "", {"save_mean", "save_rstd"});
}

LogicalResult NativeBatchNormLegitFunctionalOp::verify() {
  return verifyBatchNorm(*this, "", {"save_mean", "save_rstd"},
                         {"running_mean_out", "running_var_out"});
}

LogicalResult BatchNormWithUpdateOp::verify() {
  return verifyBatchNorm(*this, "", {"save_mean", "save_rstd"});
}

LogicalResult BatchNormNoUpdateOp::verify() {
  return verifyBatchNorm(*this, "", {"save_mean", "save_rstd"});
}

LogicalResult CudnnBatchNormOp::verify() {
  if (failed(verifyFinite(*this, "exponential_average_factor",
                          getExponentialAverageFactorAttr())) ||
      failed(verifyFiniteNonNegative(*this, "epsilon", getEpsilonAttr())))
    return failure();
  return verifyNormalization(*this,
                             whenFalse(getTraining(), "training = false"),
                             {"save_mean", "save_var"});
}

LogicalResult InstanceNormOp::verify() {
  return verifyBatchNorm(
      *this, whenFalse(getUseInputStats(), "use_input_stats = false"));
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

//===----------------------------------------------------------------------===//
// rrelu
//===----------------------------------------------------------------------===//

LogicalResult RreluOp::verify() {
  if (failed(verifyFinite(*this, "lower", getLowerAttr())) ||
      failed(verifyFinite(*this, "upper", getUpperAttr())))
    return failure();
  if (getLowerAttr().getValueAsDouble() > getUpperAttr().getValueAsDouble())
    return emitOpError() << "expects 'lower' <= 'upper', got lower = "
                         << formatValue(getLowerAttr())
                         << " and upper = " << formatValue(getUpperAttr());
  return verifyLikeInput(*this, getSelf(), getResult(), "result");
}

#define GET_OP_CLASSES
#include "mode/Dialect/Aten/IR/AtenOps.cpp.inc"
