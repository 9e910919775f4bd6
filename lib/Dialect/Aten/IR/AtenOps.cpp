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

namespace {
/// The operands and results of a normalization op, by their ATen roles.
struct Normalization {
  Value input, weight, bias;
  /// Null for ops without running-statistics operands.
  Value runningMean, runningVar;
  /// Set when the op normalizes with its running statistics rather than the
  /// batch's: the attribute setting that says so, as in "training = false".
  StringRef usesRunningStatisticsBecause;
  /// The normalized result, shaped like the input.
  Value output;
  StringRef outputName;
  /// Per-channel statistics saved for the backward pass: C elements, or none
  /// at all (ATen returns them empty in evaluation mode on some back ends).
  ArrayRef<StringRef> savedStatisticNames;
  ValueRange savedStatistics;
  /// Per-channel results that always have C elements.
  ArrayRef<StringRef> updatedStatisticNames;
  ValueRange updatedStatistics;
};
} // namespace

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

static LogicalResult verifyNormalization(Operation *op,
                                         const Normalization &norm) {
  std::optional<int64_t> channels;
  if (auto inputType = dyn_cast<RankedTensorType>(norm.input.getType())) {
    if (inputType.getRank() < 2)
      return op->emitOpError()
             << "expects an input of rank >= 2 (N, C, ...), got " << inputType;
    if (!inputType.isDynamicDim(1))
      channels = inputType.getDimSize(1);
  }

  if (failed(
          verifyPerChannel(op, norm.weight, "weight", "operand", channels)) ||
      failed(verifyPerChannel(op, norm.bias, "bias", "operand", channels)))
    return failure();

  if (norm.runningMean) {
    if (failed(verifyPerChannel(op, norm.runningMean, "running_mean", "operand",
                                channels)) ||
        failed(verifyPerChannel(op, norm.runningVar, "running_var", "operand",
                                channels)))
      return failure();
    bool meanAbsent = isa<mode::aten::NoneType>(norm.runningMean.getType());
    bool varAbsent = isa<mode::aten::NoneType>(norm.runningVar.getType());
    if (meanAbsent != varAbsent)
      return op->emitOpError()
             << "expects 'running_mean' and 'running_var' to be both tensors "
                "or both !aten.none, got "
             << norm.runningMean.getType() << " and "
             << norm.runningVar.getType();
    if (meanAbsent && !norm.usesRunningStatisticsBecause.empty())
      return op->emitOpError()
             << "normalizes with its running statistics ("
             << norm.usesRunningStatisticsBecause
             << ") but 'running_mean' and 'running_var' are !aten.none; "
                "expected tensors (ATen rejects this: there is nothing to "
                "normalize with)";
  }

  if (failed(verifyLikeInput(op, norm.input, norm.output, norm.outputName)))
    return failure();
  for (auto [name, value] :
       llvm::zip_equal(norm.savedStatisticNames, norm.savedStatistics))
    if (failed(verifyPerChannel(op, value, name, "result", channels,
                                /*mayBeEmpty=*/true)))
      return failure();
  for (auto [name, value] :
       llvm::zip_equal(norm.updatedStatisticNames, norm.updatedStatistics))
    if (failed(verifyPerChannel(op, value, name, "result", channels)))
      return failure();
  return success();
}

/// Checks the usual `momentum` and `eps` attributes.
template <typename NormOpT>
static LogicalResult verifyMomentumAndEps(NormOpT op) {
  if (failed(verifyFinite(op, "momentum", op.getMomentumAttr())))
    return failure();
  return verifyFiniteNonNegative(op, "eps", op.getEpsAttr());
}

static StringRef whenFalse(bool flag, StringRef setting) {
  return flag ? StringRef() : setting;
}

LogicalResult BatchNormOp::verify() {
  if (failed(verifyMomentumAndEps(*this)))
    return failure();
  return verifyNormalization(
      *this,
      {getInput(), getWeight(), getBias(), getRunningMean(), getRunningVar(),
       whenFalse(getTraining(), "training = false"), getResult(), "result"});
}

LogicalResult NativeBatchNormOp::verify() {
  if (failed(verifyMomentumAndEps(*this)))
    return failure();
  return verifyNormalization(*this,
                             {getInput(),
                              getWeight(),
                              getBias(),
                              getRunningMean(),
                              getRunningVar(),
                              whenFalse(getTraining(), "training = false"),
                              getOutput(),
                              "output",
                              {"save_mean", "save_invstd"},
                              getResults().drop_front()});
}

LogicalResult NativeBatchNormLegitOp::verify() {
  if (failed(verifyMomentumAndEps(*this)))
    return failure();
  return verifyNormalization(*this, {getInput(),
                                     getWeight(),
                                     getBias(),
                                     getRunningMean(),
                                     getRunningVar(),
                                     "",
                                     getOutput(),
                                     "output",
                                     {"save_mean", "save_rstd"},
                                     getResults().drop_front()});
}

LogicalResult NativeBatchNormLegitNoStatsOp::verify() {
  if (failed(verifyMomentumAndEps(*this)))
    return failure();
  return verifyNormalization(*this, {getInput(),
                                     getWeight(),
                                     getBias(),
                                     nullptr,
                                     nullptr,
                                     "",
                                     getOutput(),
                                     "output",
                                     {"save_mean", "save_rstd"},
                                     getResults().drop_front()});
}

LogicalResult NativeBatchNormLegitNoTrainingOp::verify() {
  if (failed(verifyMomentumAndEps(*this)))
    return failure();
  return verifyNormalization(*this, {getInput(),
                                     getWeight(),
                                     getBias(),
                                     getRunningMean(),
                                     getRunningVar(),
                                     "",
                                     getOutput(),
                                     "output",
                                     {"save_mean", "save_rstd"},
                                     getResults().drop_front()});
}

LogicalResult NativeBatchNormLegitFunctionalOp::verify() {
  if (failed(verifyMomentumAndEps(*this)))
    return failure();
  return verifyNormalization(*this, {getInput(),
                                     getWeight(),
                                     getBias(),
                                     getRunningMean(),
                                     getRunningVar(),
                                     "",
                                     getOutput(),
                                     "output",
                                     {"save_mean", "save_rstd"},
                                     getResults().slice(1, 2),
                                     {"running_mean_out", "running_var_out"},
                                     getResults().drop_front(3)});
}

LogicalResult BatchNormWithUpdateOp::verify() {
  if (failed(verifyMomentumAndEps(*this)))
    return failure();
  return verifyNormalization(*this, {getInput(),
                                     getWeight(),
                                     getBias(),
                                     getRunningMean(),
                                     getRunningVar(),
                                     "",
                                     getOutput(),
                                     "output",
                                     {"save_mean", "save_rstd"},
                                     getResults().slice(1, 2)});
}

LogicalResult BatchNormNoUpdateOp::verify() {
  if (failed(verifyMomentumAndEps(*this)))
    return failure();
  return verifyNormalization(*this, {getInput(),
                                     getWeight(),
                                     getBias(),
                                     getRunningMean(),
                                     getRunningVar(),
                                     "",
                                     getOutput(),
                                     "output",
                                     {"save_mean", "save_rstd"},
                                     getResults().slice(1, 2)});
}

LogicalResult CudnnBatchNormOp::verify() {
  if (failed(verifyFinite(*this, "exponential_average_factor",
                          getExponentialAverageFactorAttr())) ||
      failed(verifyFiniteNonNegative(*this, "epsilon", getEpsilonAttr())))
    return failure();
  return verifyNormalization(*this,
                             {getInput(),
                              getWeight(),
                              getBias(),
                              getRunningMean(),
                              getRunningVar(),
                              whenFalse(getTraining(), "training = false"),
                              getOutput(),
                              "output",
                              {"save_mean", "save_var"},
                              getResults().slice(1, 2)});
}

LogicalResult InstanceNormOp::verify() {
  if (failed(verifyMomentumAndEps(*this)))
    return failure();
  return verifyNormalization(
      *this,
      {getInput(), getWeight(), getBias(), getRunningMean(), getRunningVar(),
       whenFalse(getUseInputStats(), "use_input_stats = false"), getResult(),
       "result"});
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
