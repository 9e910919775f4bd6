//===- ModeSwitchInterface.h - What other dialects tell to-eval -*- C++ -*-===//
//
// The mode passes know the mode-dependent ops by ModeDependentOpInterface.
// A program imported from PyTorch also says which nn.Module each of its
// nodes came from, which only its dialect (pt2) can read: to-eval asks the
// loaded dialects that implement this interface, so that it can name a
// node's module in its errors, keep the randomness of modules declared
// random by design, and have the modules declared identity in evaluation
// made into mode-dependent ops it then switches.
//
//===----------------------------------------------------------------------===//

#ifndef MODE_DIALECT_ATEN_IR_MODESWITCHINTERFACE_H
#define MODE_DIALECT_ATEN_IR_MODESWITCHINTERFACE_H

#include "mlir/IR/DialectInterface.h"
#include "mlir/IR/Operation.h"

#include <string>

namespace mode::aten {

/// One nn.Module call an op was made in: the module's path in the model
/// (`blocks.0.drop_path`) and its class (`timm.layers.drop.DropPath`).
struct ModuleCall {
  std::string path;
  std::string type;

  /// How messages name it: `module 'path' (type)`, or `the model (type)`
  /// for the root module.
  std::string describe() const {
    return (path.empty() ? "the model" : "module '" + path + "'") + " (" +
           type + ")";
  }
};

class ModeSwitchDialectInterface
    : public mlir::DialectInterface::Base<ModeSwitchDialectInterface> {
public:
  explicit ModeSwitchDialectInterface(mlir::Dialect *dialect)
      : Base(dialect) {}

  /// The module calls `op` was made in, innermost first; none if the
  /// dialect does not know.
  virtual llvm::SmallVector<ModuleCall>
  getModuleCalls(mlir::Operation *op) const {
    return {};
  }

  /// What errors call `op`: its node and what it computes (`node 'randn'
  /// (torch.ops.aten.randn.default)`), or empty for the op's own name.
  virtual std::string describe(mlir::Operation *op) const { return {}; }

  /// Makes every call, nested in `root`, of a module of one of the classes
  /// `identityInEval` that draws random numbers into a mode-dependent op in
  /// training form that is the identity in evaluation. Fails, with an error
  /// at the call, where a call cannot be one (it does not read one tensor
  /// and give back one of its type).
  virtual mlir::LogicalResult
  declareIdentityInEval(mlir::Operation *root,
                        llvm::ArrayRef<std::string> identityInEval) const {
    return mlir::success();
  }
};

} // namespace mode::aten

#endif // MODE_DIALECT_ATEN_IR_MODESWITCHINTERFACE_H
