//===- PT2Dialect.cpp - The pt2 dialect -----------------------------------===//

#include "mode/Dialect/PT2/IR/PT2Dialect.h"

#include "mode/Dialect/PT2/IR/PT2Ops.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mode::pt2;

#include "mode/Dialect/PT2/IR/PT2OpsDialect.cpp.inc"

#define GET_TYPEDEF_CLASSES
#include "mode/Dialect/PT2/IR/PT2OpsTypes.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "mode/Dialect/PT2/IR/PT2OpsAttributes.cpp.inc"

namespace {
/// Module calls print as aliases named after their path
/// (`#blocks_0_drop_path`), and the tensor metadata in tensor types as
/// `#grad` (a parameter's `{requires_grad = true}`) or `#tensor_meta`: they
/// are long and shared by many values.
struct PT2OpAsmDialectInterface : public OpAsmDialectInterface {
  using OpAsmDialectInterface::OpAsmDialectInterface;

  AliasResult getAlias(Attribute attr, raw_ostream &os) const override {
    if (auto dict = dyn_cast<DictionaryAttr>(attr)) {
      // A tensor type's encoding: fields of a TensorMeta only.
      if (dict.empty() || !llvm::all_of(dict, [](NamedAttribute field) {
            return llvm::is_contained(
                {"requires_grad", "sizes", "strides", "storage_offset",
                 "device", "layout"},
                field.getName().getValue());
          }))
        return AliasResult::NoAlias;
      auto grad = dyn_cast_or_null<BoolAttr>(dict.get("requires_grad"));
      os << (dict.size() == 1 && grad && grad.getValue() ? "grad"
                                                         : "tensor_meta");
      return AliasResult::OverridableAlias;
    }
    auto module = dyn_cast<ModuleAttr>(attr);
    if (!module)
      return AliasResult::NoAlias;
    StringRef path = module.getPath().getValue();
    if (path.empty()) {
      os << "model";
      return AliasResult::FinalAlias;
    }
    for (char c : path)
      os << (llvm::isAlnum(c) ? c : '_');
    return AliasResult::FinalAlias;
  }
};
} // namespace

void PT2Dialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "mode/Dialect/PT2/IR/PT2Ops.cpp.inc"
      >();
  addTypes<
#define GET_TYPEDEF_LIST
#include "mode/Dialect/PT2/IR/PT2OpsTypes.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "mode/Dialect/PT2/IR/PT2OpsAttributes.cpp.inc"
      >();
  addInterfaces<PT2OpAsmDialectInterface>();
}

//===----------------------------------------------------------------------===//
// ModuleAttr
//===----------------------------------------------------------------------===//

ModuleAttr ModuleAttr::parseStack(MLIRContext *context, StringRef stack) {
  // "key,path,type;key,path,type", outermost first. A path may hold commas
  // inside brackets (`layers.slice(None, 2, None)`): split as PyTorch's
  // deserializer does (torch/_export/serde/serialize.py, metadata_split).
  ModuleAttr module;
  SmallVector<StringRef> entries;
  stack.split(entries, ';');
  for (StringRef entry : entries) {
    SmallVector<StringRef, 3> fields;
    int depth = 0;
    size_t start = 0;
    for (size_t i = 0; i < entry.size(); ++i) {
      char c = entry[i];
      if (c == '(' || c == '[')
        ++depth;
      else if (c == ')' || c == ']')
        --depth;
      else if (c == ',' && depth == 0) {
        fields.push_back(entry.slice(start, i));
        start = i + 1;
      }
    }
    fields.push_back(entry.drop_front(start));
    if (fields.size() != 3)
      return {};
    module = ModuleAttr::get(context, StringAttr::get(context, fields[1]),
                             StringAttr::get(context, fields[2]),
                             StringAttr::get(context, fields[0]), module);
  }
  return module;
}

ModuleAttr ModuleAttr::findCallOfType(StringRef type) {
  for (ModuleAttr call = *this; call; call = call.getParent())
    if (call.getType() == type)
      return call;
  return {};
}

/// The discardable attributes of the dialect and what they must be.
LogicalResult PT2Dialect::verifyOperationAttribute(Operation *op,
                                                   NamedAttribute attr) {
  StringRef name = attr.getName().getValue();
  auto expect = [&](bool ok, StringRef what) -> LogicalResult {
    if (ok)
      return success();
    return op->emitError() << "expects the '" << name << "' attribute to be "
                           << what << ", got " << attr.getValue();
  };
  if (name == getNodeAttrName())
    return expect(isa<StringAttr>(attr.getValue()), "a string (the node's name)");
  if (name == getOutputsAttrName())
    return expect(isa<ArrayAttr>(attr.getValue()),
                  "a list (the names of the node's outputs)");
  if (name == getModuleAttrName())
    return expect(isa<ModuleAttr>(attr.getValue()),
                  "a #pt2.module (the module call the node belongs to)");
  if (name == getFieldsAttrName())
    return expect(isa<StringAttr>(attr.getValue()),
                  "a string (the node's fields, as JSON)");
  if (name == "pt2.archive")
    return expect(isa<StringAttr>(attr.getValue()),
                  "a string (the path of the archive the weights are in)");
  if (name == "pt2.program" || name == "pt2.sym_values")
    return expect(isa<DictionaryAttr>(attr.getValue()), "a dictionary");
  return success();
}
