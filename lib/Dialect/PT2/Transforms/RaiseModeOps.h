//===- RaiseModeOps.h - Helpers of pt2-raise-mode-ops -----------*- C++ -*-===//
//
// What the pt2-raise-mode-ops patterns (RaiseModeOps.pdll) call, and what
// to-eval's handling of declared modules shares with them.
//
//===----------------------------------------------------------------------===//

#ifndef MODE_LIB_DIALECT_PT2_TRANSFORMS_RAISEMODEOPS_H
#define MODE_LIB_DIALECT_PT2_TRANSFORMS_RAISEMODEOPS_H

#include "mode/Dialect/PT2/IR/PT2Dialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/StringMap.h"

namespace mode::pt2 {

/// The buffers of a graph by name: what the patterns ask of the graph's
/// signature, indexed once rather than searched for each node.
class GraphBuffers {
public:
  explicit GraphBuffers(mlir::func::FuncOp func);
  /// The argument that is buffer `name`, or null.
  mlir::Value lookup(llvm::StringRef name) const {
    return byName.lookup(name);
  }
  /// The module path of an `nn.BatchNorm` whose counter `buffer` is: a
  /// `num_batches_tracked` beside a `running_mean` and a `running_var`.
  std::optional<llvm::StringRef> getCounterModule(mlir::Value buffer) const;

private:
  llvm::StringMap<mlir::Value> byName;
};

/// The rewriter raiseModeOps runs the patterns with: it knows the buffers
/// of the graph they match in, which the patterns' helpers ask of it.
class RaiseRewriter : public mlir::PatternRewriter {
public:
  RaiseRewriter(mlir::MLIRContext *context, const GraphBuffers &buffers)
      : PatternRewriter(context), buffers(buffers) {}
  const GraphBuffers &buffers;
};

/// Whether `op`, a `pt2.operator` `add_.Tensor` or `add.Tensor`, is the
/// batch counter increment of an `nn.BatchNorm` as PyTorch writes it.
/// `rewriter` is raiseModeOps' RaiseRewriter.
bool isBatchCounterIncrement(mlir::PatternRewriter &rewriter,
                             mlir::Operation *op);
void replaceWithBatchCounter(mlir::PatternRewriter &rewriter,
                             mlir::Operation *op);

/// The nodes of one module call, and what it reads.
struct CallNodes {
  /// In program order, `root` last.
  llvm::SmallVector<mlir::Operation *> ops;
  /// The one tensor from outside the call that it reads.
  mlir::Value input;
};

/// The module call `root` ends, if its module is of a drop-path class and
/// its nodes are a drop path: they draw one random mask and apply it to the
/// call's one input, giving `root`'s result of the input's type.
std::optional<CallNodes> matchDropPath(mlir::Operation *root);

/// The nodes of `call` (a module call of `member`'s, its `pt2.module` or
/// one it is in) around `member`, if they read one tensor from outside and
/// give one result of its type to the rest of the program, and nothing
/// else: a call that can be the identity in evaluation.
std::optional<CallNodes> matchModuleCall(mlir::Operation *member,
                                         ModuleAttr call);

/// Gathers `call`'s nodes into a `pt2.drop_path` with `training`.
mlir::Operation *wrapInDropPath(mlir::RewriterBase &rewriter,
                                const CallNodes &call, bool training);
void gatherDropPath(mlir::PatternRewriter &rewriter, mlir::Operation *root);

} // namespace mode::pt2

#endif // MODE_LIB_DIALECT_PT2_TRANSFORMS_RAISEMODEOPS_H
