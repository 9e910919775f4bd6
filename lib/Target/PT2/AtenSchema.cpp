//===- AtenSchema.cpp - ATen operator schemas -----------------------------===//

#include "AtenSchema.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"

namespace mode::pt2 {

std::string AtenSchema::getTarget() const {
  std::string target = "torch.ops.aten." + name;
  if (!llvm::StringRef(name).contains('.'))
    target += ".default";
  return target;
}

static std::optional<SchemaArgKind> classify(llvm::StringRef type) {
  // Alias annotations (`Tensor(a!)`) do not change what the argument is.
  std::string plain;
  for (size_t i = 0; i < type.size(); ++i) {
    if (type[i] == '(') {
      i = type.find(')', i);
      if (i == llvm::StringRef::npos)
        return std::nullopt;
      continue;
    }
    plain += type[i];
  }
  return llvm::StringSwitch<std::optional<SchemaArgKind>>(plain)
      .Case("Tensor", SchemaArgKind::Tensor)
      .Case("Tensor?", SchemaArgKind::OptionalTensor)
      .Case("Tensor[]", SchemaArgKind::TensorList)
      .Case("float", SchemaArgKind::Float)
      .Case("float?", SchemaArgKind::OptionalFloat)
      .Case("Scalar", SchemaArgKind::Scalar)
      .Case("bool", SchemaArgKind::Bool)
      .Case("bool?", SchemaArgKind::OptionalBool)
      .Case("int", SchemaArgKind::Int)
      .Case("Generator?", SchemaArgKind::Generator)
      .Default(std::nullopt);
}

/// Splits `list` at the commas outside brackets and parentheses.
static llvm::SmallVector<llvm::StringRef> splitTopLevel(llvm::StringRef list) {
  llvm::SmallVector<llvm::StringRef> parts;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i < list.size(); ++i) {
    char c = list[i];
    if (c == '(' || c == '[')
      ++depth;
    else if (c == ')' || c == ']')
      --depth;
    else if (c == ',' && depth == 0) {
      parts.push_back(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (!list.trim().empty())
    parts.push_back(list.drop_front(start).trim());
  return parts;
}

std::optional<AtenSchema> parseAtenSchema(llvm::StringRef schema,
                                          std::string &error) {
  AtenSchema result;
  size_t open = schema.find('(');
  size_t arrow = schema.rfind("->");
  if (open == llvm::StringRef::npos || arrow == llvm::StringRef::npos) {
    error = "expected 'name(arguments) -> returns'";
    return std::nullopt;
  }
  size_t close = schema.rfind(')', arrow);
  result.name = schema.take_front(open).trim().str();
  bool kwargOnly = false;
  for (llvm::StringRef part : splitTopLevel(schema.slice(open + 1, close))) {
    if (part == "*") {
      kwargOnly = true;
      continue;
    }
    auto [declaration, defaultValue] = part.split('=');
    declaration = declaration.trim();
    size_t space = declaration.rfind(' ');
    if (space == llvm::StringRef::npos) {
      error = ("argument '" + part + "' has no name").str();
      return std::nullopt;
    }
    SchemaArgument arg;
    arg.type = declaration.take_front(space).trim().str();
    arg.name = declaration.drop_front(space + 1).str();
    std::optional<SchemaArgKind> kind = classify(arg.type);
    if (!kind) {
      error = "argument '" + arg.name + "' has type '" + arg.type +
              "', which the aten dialect does not model";
      return std::nullopt;
    }
    arg.kind = *kind;
    if (part.contains('='))
      arg.defaultValue = defaultValue.trim().str();
    arg.kwargOnly = kwargOnly;
    result.arguments.push_back(std::move(arg));
  }
  llvm::StringRef returns = schema.drop_front(arrow + 2).trim();
  if (returns.consume_front("(") && returns.consume_back(")"))
    result.numReturns = splitTopLevel(returns).size();
  else
    result.numReturns = 1;
  return result;
}

} // namespace mode::pt2
