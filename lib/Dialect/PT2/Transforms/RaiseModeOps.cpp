//===- RaiseModeOps.cpp - Recognising mode ops in a graph -----------------===//
//
// pt2-raise-mode-ops: the PDLL patterns of RaiseModeOps.pdll, applied in
// one walk (no folding, no dead-code removal), then what is no one op's
// pattern: the nodes of one decomposed dropout, gathered by their origin;
// the counters PyTorch's evaluation export leaves out; and the marks on
// what a decomposition lost.
//
//===----------------------------------------------------------------------===//

#include "RaiseModeOps.h"

#include "mode/Dialect/Aten/IR/AtenDialect.h"
#include "mode/Dialect/Aten/IR/AtenOps.h"
#include "mode/Dialect/PT2/IR/PT2Arguments.h"
#include "mode/Dialect/PT2/IR/PT2Ops.h"
#include "mode/Dialect/PT2/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/PDL/IR/PDL.h"
#include "mlir/Dialect/PDLInterp/IR/PDLInterp.h"
#include "mlir/IR/Builders.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Rewrite/FrozenRewritePatternSet.h"
#include "mlir/Rewrite/PatternApplicator.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringMap.h"

#include <map>

using namespace mlir;

namespace mode::pt2 {

//===----------------------------------------------------------------------===//
// The graph's buffers
//===----------------------------------------------------------------------===//

/// The buffer an argument of the graph is (its `pt2.buffer`), or empty.
static llvm::StringRef getBufferName(Value value) {
  auto arg = dyn_cast<BlockArgument>(value);
  auto func = arg ? dyn_cast<func::FuncOp>(arg.getOwner()->getParentOp())
                  : func::FuncOp();
  if (!func)
    return {};
  if (auto name =
          func.getArgAttrOfType<StringAttr>(arg.getArgNumber(), kBufferAttr))
    return name.getValue();
  return {};
}

GraphBuffers::GraphBuffers(func::FuncOp func) {
  if (func.getBody().empty())
    return;
  for (BlockArgument arg : func.getArguments())
    if (llvm::StringRef name = getBufferName(arg); !name.empty())
      byName.try_emplace(name, arg);
}

std::optional<llvm::StringRef>
GraphBuffers::getCounterModule(Value buffer) const {
  llvm::StringRef name = getBufferName(buffer);
  std::optional<llvm::StringRef> prefix =
      getBufferPrefix(name, "num_batches_tracked");
  if (name.empty() || !prefix)
    return std::nullopt;
  std::string moduleDot = prefix->empty() ? "" : prefix->str() + ".";
  if (!lookup(moduleDot + "running_mean") || !lookup(moduleDot + "running_var"))
    return std::nullopt;
  return prefix;
}

//===----------------------------------------------------------------------===//
// Batch counters
//===----------------------------------------------------------------------===//

/// The counter buffer a counter's operand counts: a graph buffer, directly
/// or through the counters of earlier calls of its module. Walks the chain:
/// callers that meet every counter of a chain keep what they found.
static Value getCountedBuffer(Value value) {
  while (auto counter = value.getDefiningOp<BatchNormCounterOp>())
    value = counter.getNumBatchesTracked();
  return value;
}

/// Whether `arg` is `name: value` given positionally, of member `key`.
static bool isPositional(ArgAttr arg, llvm::StringRef name,
                         llvm::StringRef key) {
  return arg && arg.getName() == name && arg.getKind() == ArgAttr::kPositional &&
         arg.getKey() == key;
}

bool isBatchCounterIncrement(PatternRewriter &rewriter, Operation *op) {
  auto node = dyn_cast<OperatorOp>(op);
  if (!node || node.getNumOperands() != 1 || node.getNumResults() != 1 ||
      node.getArgs().size() != 2)
    return false;
  bool inPlace = node.getTarget() == "torch.ops.aten.add_.Tensor";
  auto self = dyn_cast<ArgAttr>(node.getArgs()[0]);
  auto other = dyn_cast<ArgAttr>(node.getArgs()[1]);
  if (!isPositional(self, "self", "as_tensor") ||
      !isa<OperandAttr>(self.getValue()) ||
      !isPositional(other, "other", "as_int"))
    return false;
  auto increment = dyn_cast<IntegerAttr>(other.getValue());
  // Mode writes a functional counter in evaluation form adding 0.
  if (!increment ||
      !(increment.getInt() == 1 || (!inPlace && increment.getInt() == 0)))
    return false;
  // Of a batch norm's counter buffer, or of a counter of an earlier call,
  // which counts one.
  Value counted = node.getOperand(0);
  if (counted.getType() != node.getResult(0).getType())
    return false;
  if (!counted.getDefiningOp<BatchNormCounterOp>() &&
      !static_cast<RaiseRewriter &>(rewriter).buffers.getCounterModule(
          counted))
    return false;
  if (inPlace)
    return true;
  // Functional: the result updates the buffer, as the graph's output for
  // it, maybe through the counters of later calls.
  return llvm::all_of(node.getResult(0).getUses(), [&](OpOperand &use) {
    Operation *user = use.getOwner();
    if (auto ret = dyn_cast<func::ReturnOp>(user)) {
      auto func = cast<func::FuncOp>(ret->getParentOp());
      auto mutation = func.getResultAttrOfType<StringAttr>(
          use.getOperandNumber(), kBufferMutationAttr);
      // Only the last call's counter is an output: the chain is walked
      // once.
      return mutation &&
             mutation.getValue() == getBufferName(getCountedBuffer(counted));
    }
    auto next = dyn_cast<OperatorOp>(user);
    return next && next.getTarget() == "torch.ops.aten.add.Tensor";
  });
}

void replaceWithBatchCounter(PatternRewriter &rewriter, Operation *op) {
  auto node = cast<OperatorOp>(op);
  bool inPlace = node.getTarget() == "torch.ops.aten.add_.Tensor";
  bool training =
      cast<IntegerAttr>(cast<ArgAttr>(node.getArgs()[1]).getValue()).getInt() ==
      1;
  auto counter = BatchNormCounterOp::create(
      rewriter, op->getLoc(), op->getResult(0).getType(), op->getOperand(0),
      training, inPlace);
  counter->setDiscardableAttrs(op->getDiscardableAttrDictionary());
  rewriter.replaceOp(op, counter);
}

/// Gives the batch norms of `nn.BatchNorm` modules in PyTorch's evaluation
/// export the counter their training export has, in evaluation form, so
/// that to-train writes it. A module called n times has n counters, each
/// reading the one before.
static void synthesizeEvaluationCounters(func::FuncOp func,
                                         const GraphBuffers &buffers) {
  OpBuilder builder(func.getContext());
  // The last counter of each counter buffer so far, and how many of its
  // batch norms are still to come.
  DenseMap<Value, Value> lastCounter;
  DenseMap<Value, int> pending;
  // The buffer each counter counts, found in program order: a counter
  // reads the buffer or an earlier counter.
  DenseMap<Value, Value> bufferOfCounter;
  for (Operation &op : llvm::make_early_inc_range(func.getBody().front())) {
    if (auto counter = dyn_cast<BatchNormCounterOp>(op)) {
      Value counted = counter.getNumBatchesTracked();
      Value buffer = bufferOfCounter.lookup(counted);
      if (!buffer)
        buffer = getCountedBuffer(counted);
      bufferOfCounter[counter.getResult()] = buffer;
      lastCounter[buffer] = counter.getResult();
      ++pending[buffer];
      continue;
    }
    auto bn = dyn_cast<aten::BatchNormOp>(op);
    if (!bn)
      continue;
    llvm::StringRef runningMean = getBufferName(bn.getRunningMean());
    std::optional<llvm::StringRef> prefix =
        getBufferPrefix(runningMean, "running_mean");
    if (runningMean.empty() || !prefix)
      continue;
    Value buffer = buffers.lookup(
        (prefix->empty() ? "" : prefix->str() + ".") + "num_batches_tracked");
    if (!buffer || !buffers.getCounterModule(buffer) ||
        !isa<RankedTensorType>(buffer.getType()))
      continue;
    // A counter read before this batch norm is its own.
    if (pending[buffer] > 0) {
      --pending[buffer];
      continue;
    }
    if (bn.isTrainingMode())
      continue;
    // Made by an nn.BatchNorm (also one registered under a second name,
    // whose buffers keep the first), or in the module that owns the
    // buffers, as nn.BatchNorm's subclasses (timm's BatchNormAct2d) do:
    // those count in training. Not a batch norm another module computes
    // with them.
    auto module = bn->getAttrOfType<ModuleAttr>(PT2Dialect::getModuleAttrName());
    if (!module ||
        (!module.getType().getValue().starts_with(
             "torch.nn.modules.batchnorm.") &&
         module.getPath().getValue() != *prefix))
      continue;
    // A node of the program's own already reads the buffer (an increment
    // not written as PyTorch writes it, which is no counter): none.
    if (llvm::any_of(buffer.getUsers(), [](Operation *user) {
          return !isa<BatchNormCounterOp>(user);
        }))
      continue;
    Value counted = lastCounter.lookup(buffer);
    if (!counted)
      counted = buffer;
    builder.setInsertionPoint(bn);
    // Named for what it counts until it is a node with a name of its own.
    Location loc = NameLoc::get(builder.getStringAttr("counter"), bn.getLoc());
    auto counter = BatchNormCounterOp::create(
        builder, loc, buffer.getType(), counted, /*training=*/false,
        /*in_place=*/true);
    counter->setAttr(kSynthesizedAttr, builder.getUnitAttr());
    counter->setAttr(PT2Dialect::getModuleAttrName(), module);
    lastCounter[buffer] = counter.getResult();
  }
}

//===----------------------------------------------------------------------===//
// Drop paths
//===----------------------------------------------------------------------===//

/// The module classes that are stochastic depth (a drop path): the identity
/// in evaluation, a random mask of whole samples in training.
static bool isDropPathClass(llvm::StringRef type) {
  return type == "torchvision.ops.stochastic_depth.StochasticDepth" ||
         type == "timm.layers.drop.DropPath" ||
         type == "timm.models.layers.drop.DropPath" ||
         // Drop block: whole spatial blocks rather than whole samples.
         type == "timm.layers.drop.DropBlock2d" ||
         type == "timm.models.layers.drop.DropBlock2d" ||
         (type.starts_with("transformers.models.") &&
          type.ends_with("DropPath"));
}

/// Whether `op` was made in `call`: its module call or one that is in.
static bool isInCall(Operation *op, ModuleAttr call) {
  for (auto module =
           op->getAttrOfType<ModuleAttr>(PT2Dialect::getModuleAttrName());
       module; module = module.getParent())
    if (module == call)
      return true;
  return false;
}

std::optional<CallNodes> matchModuleCall(Operation *member, ModuleAttr call) {
  if (!call || !member->getBlock() || !isInCall(member, call))
    return std::nullopt;
  // The nodes of the call: the run of nodes made in it around `member`.
  Operation *first = member, *last = member;
  while (first->getPrevNode() && isInCall(first->getPrevNode(), call))
    first = first->getPrevNode();
  while (last->getNextNode() && isInCall(last->getNextNode(), call))
    last = last->getNextNode();
  CallNodes nodes;
  for (Operation *op = first;; op = op->getNextNode()) {
    nodes.ops.push_back(op);
    if (op == last)
      break;
  }
  if (last->getNumResults() != 1)
    return std::nullopt;
  llvm::SmallPtrSet<Operation *, 8> inCall(nodes.ops.begin(), nodes.ops.end());
  for (Operation *op : nodes.ops) {
    if (op->getNumRegions() != 0)
      return std::nullopt;
    for (Value operand : op->getOperands()) {
      if (inCall.contains(operand.getDefiningOp()))
        continue;
      // What the call reads from outside: one tensor.
      if (!isa<RankedTensorType>(operand.getType()) ||
          (nodes.input && nodes.input != operand))
        return std::nullopt;
      nodes.input = operand;
    }
    // Only the last node's result leaves the call.
    if (op != last)
      for (Operation *user : op->getUsers())
        if (!inCall.contains(user))
          return std::nullopt;
  }
  if (!nodes.input || nodes.input.getType() != last->getResult(0).getType())
    return std::nullopt;
  return nodes;
}

std::optional<CallNodes> matchDropPath(Operation *root) {
  auto module = root->getAttrOfType<ModuleAttr>(PT2Dialect::getModuleAttrName());
  if (!module || !isDropPathClass(module.getType().getValue()))
    return std::nullopt;
  // Gathered already: the pass runs again on its own output.
  if (isa<DropPathOp>(root->getParentOp()))
    return std::nullopt;
  std::optional<CallNodes> call = matchModuleCall(root, module);
  if (!call || call->ops.back() != root)
    return std::nullopt;
  // One random mask, applied to the input.
  unsigned random = llvm::count_if(call->ops, [](Operation *op) {
    auto node = dyn_cast<OperatorOp>(op);
    return node && node.drawsRandomNumbers();
  });
  if (random != 1)
    return std::nullopt;
  return call;
}

Operation *wrapInDropPath(RewriterBase &rewriter, const CallNodes &call,
                          bool training) {
  Operation *root = call.ops.back();
  Value result = root->getResult(0);
  rewriter.setInsertionPoint(call.ops.front());
  auto dropPath = DropPathOp::create(rewriter, root->getLoc(),
                                     result.getType(), call.input, training);
  if (Attribute module = root->getAttr(PT2Dialect::getModuleAttrName()))
    dropPath->setAttr(PT2Dialect::getModuleAttrName(), module);
  Block *body = rewriter.createBlock(&dropPath.getBody());
  for (Operation *op : call.ops)
    rewriter.moveOpBefore(op, body, body->end());
  rewriter.setInsertionPointToEnd(body);
  YieldOp::create(rewriter, root->getLoc(), result);
  rewriter.replaceUsesWithIf(result, dropPath.getResult(), [&](OpOperand &use) {
    return !dropPath->isProperAncestor(use.getOwner());
  });
  return dropPath;
}

void gatherDropPath(PatternRewriter &rewriter, Operation *root) {
  std::optional<CallNodes> call = matchDropPath(root);
  assert(call && "matched by IsDropPathResult");
  wrapInDropPath(rewriter, *call, /*training=*/true);
}

//===----------------------------------------------------------------------===//
// Decomposed dropouts
//===----------------------------------------------------------------------===//

/// `clone` for `torch.ops.aten.clone.default`.
static llvm::StringRef getOperatorName(llvm::StringRef target) {
  target.consume_front("torch.ops.aten.");
  target.consume_front("aten.");
  target.consume_back(".default");
  return target;
}

/// Marks `op` as what a decomposition left of a mode-dependent op of
/// `family`, in a mode it cannot leave.
static void markUnswitchable(Operation *op, llvm::StringRef family,
                             bool training, const std::string &reason) {
  Builder b(op->getContext());
  op->setAttr(
      aten::AtenDialect::getUnswitchableAttrName(),
      b.getDictionaryAttr(
          {b.getNamedAttr("family", b.getStringAttr(family)),
           b.getNamedAttr("mode", b.getStringAttr(training ? "training"
                                                           : "evaluation")),
           b.getNamedAttr("reason", b.getStringAttr(reason))}));
}

static void gatherDecomposedDropouts(func::FuncOp func) {
  // The nodes a decomposition made of one dropout or attention node, by
  // their origin, in order of first appearance.
  std::vector<ArrayAttr> order;
  std::map<std::pair<std::string, std::string>, SmallVector<Operation *>>
      groups;
  auto keyOf = [](ArrayAttr origin) {
    return std::make_pair(cast<StringAttr>(origin[0]).str(),
                          cast<StringAttr>(origin[1]).str());
  };
  for (Operation &op : func.getBody().front())
    if (auto origin = op.getAttrOfType<ArrayAttr>(kOriginAttr);
        origin && origin.size() == 2 && isa<StringAttr>(origin[0]) &&
        isa<StringAttr>(origin[1])) {
      SmallVector<Operation *> &group = groups[keyOf(origin)];
      if (group.empty())
        order.push_back(origin);
      group.push_back(&op);
    }

  // The dropouts decomposed without random numbers, marked at the end.
  struct Lost {
    Operation *op;
    llvm::StringRef family;
    std::string reason;
  };
  SmallVector<Lost> lost;
  OpBuilder builder(func.getContext());
  for (ArrayAttr origin : order) {
    ArrayRef<Operation *> ops = groups[keyOf(origin)];
    // A mode-dependent op left in the group (native_dropout) is switched.
    if (llvm::any_of(ops, [](Operation *op) {
          return isa<aten::ModeDependentOpInterface>(op);
        }))
      continue;
    llvm::StringRef originName = cast<StringAttr>(origin[0]).getValue();
    llvm::StringRef originOp =
        getOperatorName(cast<StringAttr>(origin[1]).getValue());
    std::string what = "'" + originName.str() + "'";
    if (originName != originOp)
      what += " (" + originOp.str() + ")";
    bool attention = originOp == "scaled_dot_product_attention";
    bool random = llvm::any_of(ops, [](Operation *op) {
      auto node = dyn_cast<OperatorOp>(op);
      return node && node.getTarget().starts_with("torch.ops.aten.bernoulli");
    });
    llvm::StringRef family = attention ? "attention" : "dropout";
    if (!random) {
      auto first = dyn_cast<OperatorOp>(ops.front());
      lost.push_back(
          {ops.back(), family,
           "run_decompositions() replaced " + what +
               (attention || !first
                    ? " in evaluation mode by nodes without dropout"
                    : " in evaluation mode by '" +
                          getOperatorName(first.getTarget()).str() + "'") +
               ", and its dropout probability is lost; export the model in "
               "training mode, or switch it before run_decompositions()"});
      continue;
    }

    // A dropout in training form: one contiguous run of nodes that reads
    // one value and gives one to the rest of the program.
    llvm::SmallPtrSet<Operation *, 8> inGroup(ops.begin(), ops.end());
    bool contiguous = true;
    for (auto [first, second] : llvm::zip(ops, ArrayRef(ops).drop_front()))
      contiguous &= first->getNextNode() == second;
    llvm::SetVector<Value> inputs;
    SmallVector<Value> outputs;
    for (Operation *op : ops) {
      for (Value operand : op->getOperands())
        if (!inGroup.contains(operand.getDefiningOp()))
          inputs.insert(operand);
      for (Value result : op->getResults())
        if (llvm::any_of(result.getUsers(), [&](Operation *user) {
              return !inGroup.contains(user);
            }))
          outputs.push_back(result);
    }
    Value input = inputs.size() == 1 ? inputs[0] : Value();
    Value output = outputs.size() == 1 ? outputs[0] : Value();
    if (!contiguous || attention || !input || !output ||
        output.getDefiningOp() != ops.back() ||
        input.getType() != output.getType() ||
        !isa<RankedTensorType>(input.getType())) {
      markUnswitchable(ops.back(), family, /*training=*/true,
                       "run_decompositions() replaced " + what +
                           " in training mode by nodes mode cannot take "
                           "apart; switch the program before "
                           "run_decompositions()");
      continue;
    }
    builder.setInsertionPoint(ops.front());
    auto dropout = DecomposedDropoutOp::create(builder, ops.back()->getLoc(),
                                               output.getType(), input,
                                               /*training=*/true);
    Block *body = builder.createBlock(&dropout.getBody());
    for (Operation *op : ops)
      op->moveBefore(body, body->end());
    builder.setInsertionPointToEnd(body);
    YieldOp::create(builder, ops.back()->getLoc(), output);
    output.replaceUsesWithIf(dropout.getResult(), [&](OpOperand &use) {
      return !dropout->isProperAncestor(use.getOwner());
    });
  }
  // Decomposed in training mode, a dropout with p = 0 (or training off)
  // draws nothing either: it is the same in both modes, and lost nothing.
  if (func->hasAttr(kDecomposedInTrainingAttr) || aten::AtenDialect::hasTrainingFormOp(func))
    return;
  for (Lost &dropout : lost)
    markUnswitchable(dropout.op, dropout.family, /*training=*/false,
                     dropout.reason);
}

/// A program after run_decompositions() that nothing shows was in training
/// mode then may have lost dropouts without a trace: to-train refuses it.
static void markLostDecomposedDropouts(func::FuncOp func) {
  if (!func->hasAttr(kDecomposedAttr) ||
      func->hasAttr(kDecomposedInTrainingAttr))
    return;
  // In training form, it was decomposed in training mode: it lost nothing.
  if (aten::AtenDialect::hasTrainingFormOp(func)) {
    func->setAttr(kDecomposedInTrainingAttr, UnitAttr::get(func.getContext()));
    return;
  }
  markUnswitchable(
      func, "dropout", /*training=*/false,
      "the program went through run_decompositions() and nothing in it "
      "shows it was in training mode then; in evaluation mode the "
      "decomposition leaves no trace of in-place, feature and alpha "
      "dropouts nor of attention's dropout, so the program may have lost "
      "some; export the model in training mode, or switch it before "
      "run_decompositions()");
}

//===----------------------------------------------------------------------===//
// The pass
//===----------------------------------------------------------------------===//

} // namespace mode::pt2

#include "RaiseModeOps.h.inc"

namespace mode::pt2 {

void populateRaiseModeOpsPatterns(RewritePatternSet &patterns) {
  populateGeneratedPDLLPatterns(patterns);
}

void raiseModeOps(Operation *root, const FrozenRewritePatternSet &patterns) {
  PatternApplicator applicator(patterns);
  applicator.applyDefaultCostModel();
  root->walk([&](func::FuncOp func) {
    if (func.getBody().empty())
      return;
    GraphBuffers buffers(func);
    RaiseRewriter rewriter(func.getContext(), buffers);
    // In program order: a counter of a module called again reads the one
    // of the call before, recognised first. A rewrite replaces its root
    // and may gather nodes before it, never one after.
    SmallVector<Operation *> nodes;
    func.walk([&](OperatorOp op) { nodes.push_back(op); });
    for (Operation *op : nodes) {
      rewriter.setInsertionPoint(op);
      (void)applicator.matchAndRewrite(op, rewriter);
    }
    gatherDecomposedDropouts(func);
    synthesizeEvaluationCounters(func, buffers);
    markLostDecomposedDropouts(func);
  });
}

#define GEN_PASS_DEF_RAISEMODEOPSPASS
#include "mode/Dialect/PT2/Transforms/Passes.h.inc"

namespace {
struct RaiseModeOpsPass : impl::RaiseModeOpsPassBase<RaiseModeOpsPass> {
  using Base::Base;

  LogicalResult initialize(MLIRContext *context) override {
    RewritePatternSet set(context);
    populateRaiseModeOpsPatterns(set);
    patterns = std::move(set);
    return success();
  }

  void runOnOperation() override { raiseModeOps(getOperation(), patterns); }

  FrozenRewritePatternSet patterns;
};
} // namespace

} // namespace mode::pt2
