//===- ModeSwitchInterface.cpp - What imported programs tell to-eval ------===//
//
// The pt2 dialect's answers to to-eval (mode/Dialect/Aten/IR/
// ModeSwitchInterface.h): a node's module calls come from its `pt2.module`,
// and a call of a module declared identity in evaluation becomes a
// `pt2.drop_path`, as stochastic depth does.
//
//===----------------------------------------------------------------------===//

#include "RaiseModeOps.h"

#include "mode/Dialect/Aten/IR/ModeSwitchInterface.h"
#include "mode/Dialect/PT2/IR/PT2Ops.h"
#include "mode/Dialect/PT2/Transforms/Passes.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;

namespace mode::pt2 {
namespace {

struct PT2ModeSwitchInterface : public aten::ModeSwitchDialectInterface {
  using ModeSwitchDialectInterface::ModeSwitchDialectInterface;

  SmallVector<aten::ModuleCall> getModuleCalls(Operation *op) const override {
    SmallVector<aten::ModuleCall> calls;
    for (auto module =
             op->getAttrOfType<ModuleAttr>(PT2Dialect::getModuleAttrName());
         module; module = module.getParent())
      calls.push_back({module.getPath().str(), module.getType().str()});
    return calls;
  }

  std::string describe(Operation *op) const override {
    if (auto node = dyn_cast<OperatorOp>(op))
      return "'" + node.getTarget().str() + "'";
    return {};
  }

  LogicalResult
  declareIdentityInEval(Operation *root,
                        ArrayRef<std::string> identityInEval) const override {
    if (identityInEval.empty())
      return success();
    // Each random node in a declared module, by the call of the declared
    // class it is in (the innermost such call).
    SmallVector<std::pair<Operation *, ModuleAttr>> members;
    root->walk<WalkOrder::PreOrder>([&](Operation *op) {
      if (isa<aten::ModeDependentOpInterface>(op))
        return WalkResult::skip();
      auto node = dyn_cast<OperatorOp>(op);
      if (!node || !node.drawsRandomNumbers())
        return WalkResult::advance();
      for (auto module =
               op->getAttrOfType<ModuleAttr>(PT2Dialect::getModuleAttrName());
           module; module = module.getParent())
        if (llvm::is_contained(identityInEval, module.getType().getValue())) {
          members.push_back({op, module});
          break;
        }
      return WalkResult::advance();
    });
    IRRewriter rewriter(root->getContext());
    for (auto [op, call] : members) {
      // An earlier node of the same call already gathered it.
      if (isa<DropPathOp>(op->getParentOp()))
        continue;
      std::optional<CallNodes> nodes = matchModuleCall(op, call);
      // The rest of the program was traced for what the call gives: a
      // call that changes its input's type (timm's PatchDropout drops
      // tokens) cannot be replaced by its input.
      if (!nodes)
        return op->emitError()
               << "cannot remove the call of "
               << aten::ModuleCall{call.getPath().str(), call.getType().str()}
                      .describe()
               << ", declared identity in evaluation: its nodes do not "
                  "read one tensor and give one of the same type to the "
                  "rest of the program; export the model in evaluation "
                  "mode, or keep its randomness (keep-random="
               << call.getType().getValue() << ")";
      wrapInDropPath(rewriter, *nodes, /*training=*/true);
    }
    return success();
  }
};

} // namespace

void registerModeSwitchInterface(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *, PT2Dialect *dialect) {
    dialect->addInterfaces<PT2ModeSwitchInterface>();
  });
}

} // namespace mode::pt2
