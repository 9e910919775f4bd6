//===- PT2Ops.cpp - Operations of the pt2 dialect -------------------------===//

#include "mode/Dialect/PT2/IR/PT2Ops.h"

#include "mode/Dialect/Aten/IR/AtenOps.h"
#include "mode/Dialect/PT2/IR/PT2Arguments.h"

#include "mlir/IR/AttrTypeSubElements.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/SmallBitVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/StringSwitch.h"

#include <cmath>
#include <variant>

using namespace mlir;
using namespace mode::pt2;

//===----------------------------------------------------------------------===//
// OperatorOp: what it reads, writes and draws
//===----------------------------------------------------------------------===//

bool OperatorOp::isRandomTarget(llvm::StringRef target) {
  static const llvm::StringSet<> randomTargets = {
#define MODE_RANDOM_OP(target) target,
#include "RandomOps.def"
#undef MODE_RANDOM_OP
  };
  return randomTargets.contains(target);
}

bool OperatorOp::drawsRandomNumbers() {
  if (isRandomTarget(getTarget()))
    return true;
  // A higher-order op draws what the nodes of its subgraphs draw.
  bool random = false;
  for (Attribute attr : getArgs())
    if (auto arg = dyn_cast<ArgAttr>(attr);
        arg && arg.getKey().getValue().contains("graph"))
      arg.getValue().walk([&](DictionaryAttr node) {
        if (auto target = dyn_cast_or_null<StringAttr>(node.get("target")))
          random |= isRandomTarget(target.getValue());
      });
  return random;
}

void OperatorOp::getEffects(
    SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>
        &effects) {
  // Opaque: it may read and write any memory.
  effects.emplace_back(MemoryEffects::Read::get());
  effects.emplace_back(MemoryEffects::Write::get());
  if (drawsRandomNumbers()) {
    effects.emplace_back(MemoryEffects::Read::get(),
                         mode::aten::RandomGeneratorResource::get());
    effects.emplace_back(MemoryEffects::Write::get(),
                         mode::aten::RandomGeneratorResource::get());
  }
}

ArgAttr OperatorOp::getArg(llvm::StringRef name) {
  for (Attribute attr : getArgs())
    if (auto arg = dyn_cast<ArgAttr>(attr); arg && arg.getName() == name)
      return arg;
  return {};
}

//===----------------------------------------------------------------------===//
// OperatorOp: verification and names
//===----------------------------------------------------------------------===//

/// Calls `fn` on every `#pt2.operand` in `attr`, in order.
static void walkOperands(Attribute attr, function_ref<void(OperandAttr)> fn) {
  attr.walk([&](OperandAttr operand) { fn(operand); });
}

LogicalResult OperatorOp::verify() {
  // Every operand is named once, in order: argument by argument, as the
  // archive names the values (and as the custom form prints them).
  unsigned next = 0;
  bool inOrder = true;
  for (Attribute attr : getArgs())
    walkOperands(cast<ArgAttr>(attr).getValue(), [&](OperandAttr operand) {
      inOrder &= operand.getIndex() == next++;
    });
  if (!inOrder || next != getNumOperands())
    return emitOpError() << "expects its arguments to name its "
                         << getNumOperands()
                         << " operands once each, in order; they name "
                         << next << " values"
                         << (inOrder ? "" : ", out of order");
  return success();
}

void OperatorOp::getAsmResultNames(OpAsmSetValueNameFn setNameFn) {
  if (auto outputs =
          (*this)->getAttrOfType<ArrayAttr>(PT2Dialect::getOutputsAttrName())) {
    unsigned next = 0;
    for (Attribute output : outputs)
      if (auto name = dyn_cast<StringAttr>(output);
          name && next < getNumResults())
        setNameFn(getResult(next++), name.getValue());
    return;
  }
  if (auto name =
          (*this)->getAttrOfType<StringAttr>(PT2Dialect::getNodeAttrName());
      name && getNumResults() == 1)
    setNameFn(getResult(0), name.getValue());
}

//===----------------------------------------------------------------------===//
// OperatorOp: the custom form
//===----------------------------------------------------------------------===//
//
//   pt2.operator "torch.ops.aten.conv2d.default"(input: %x, weight: %w,
//       stride: [2, 2], dtype = f32) {pt2.node = "conv2d"} : (...) -> ...
//
// A value prints short where reading it back gives the same union member
// and value; otherwise as `"as_key"(attribute)`, with the graph values it
// names listed first (`"as_key"(%a, %b : attribute)`, the attribute naming
// them as #pt2.operand<0>, <1>, ... of that list).

namespace {

/// A float as Python's repr writes it, with a decimal point so that MLIR
/// reads it back as a float (`1.0e-05` for `1e-05`).
std::string formatFloat(double value) {
  std::string text = formatPythonFloat(value);
  size_t exponent = text.find('e');
  if (exponent != std::string::npos && text.find('.') == std::string::npos)
    text.insert(exponent, ".0");
  return text;
}

} // namespace

namespace {

/// The operand an `{"as_name": #pt2.operand}` or `#pt2.operand` names.
OperandAttr getNamedOperand(Attribute value, llvm::StringRef field) {
  if (field.empty())
    return dyn_cast<OperandAttr>(value);
  auto dict = dyn_cast<DictionaryAttr>(value);
  if (!dict || dict.size() != 1)
    return {};
  return dyn_cast_or_null<OperandAttr>(dict.get(field));
}

bool isFiniteFloat(Attribute attr) {
  auto f = dyn_cast<FloatAttr>(attr);
  return f && f.getType().isF64() && std::isfinite(f.getValueAsDouble());
}
bool isI64(Attribute attr) {
  auto i = dyn_cast<IntegerAttr>(attr);
  return i && i.getType().isSignlessInteger(64);
}

/// How a value prints short: its elements' kinds.
enum class Short { None, Operand, Int, Float, Bool, String, Type };

/// The union member a short value reads back as, given the types of the
/// operands it names (null if it has no short form).
llvm::StringRef inferScalarKey(Short kind, Type operandType) {
  switch (kind) {
  case Short::None:
    return "as_none";
  case Short::Operand:
    if (isa<TensorType>(operandType))
      return "as_tensor";
    if (isa<SymIntType>(operandType))
      return "as_sym_int";
    if (isa<SymBoolType>(operandType))
      return "as_sym_bool";
    if (isa<SymFloatType>(operandType))
      return "as_sym_float";
    return "";
  case Short::Int:
    return "as_int";
  case Short::Float:
    return "as_float";
  case Short::Bool:
    return "as_bool";
  case Short::String:
    return "as_string";
  case Short::Type:
    return "as_scalar_type";
  }
  return "";
}

/// The stored value of a scalar read short as `kind`.
Attribute shortScalarValue(MLIRContext *context, llvm::StringRef key,
                           Attribute read) {
  Builder b(context);
  if (key == "as_none")
    return b.getBoolAttr(true);
  if (key == "as_sym_int" || key == "as_sym_bool" || key == "as_sym_float")
    return b.getDictionaryAttr(b.getNamedAttr("as_name", read));
  if (key == "as_scalar_type")
    return b.getI64IntegerAttr(
        *getScalarType(cast<TypeAttr>(read).getValue()));
  return read;
}

/// Prints `value` of union member `key` short, if it has a short form that
/// reads back as exactly this; returns whether it did.
bool printShort(OpAsmPrinter &p, OperatorOp op, llvm::StringRef key,
                Attribute value) {
  auto operandOf = [&](OperandAttr ref) -> std::optional<Value> {
    if (!ref || ref.getIndex() >= op->getNumOperands())
      return std::nullopt;
    return op->getOperand(ref.getIndex());
  };
  // A scalar: the short text, if `key` is what it reads back as.
  auto scalar = [&](Attribute element,
                    llvm::StringRef elementKey) -> std::optional<std::string> {
    std::string text;
    llvm::raw_string_ostream os(text);
    if (elementKey == "as_none") {
      auto flag = dyn_cast<BoolAttr>(element);
      if (!flag || !flag.getValue())
        return std::nullopt;
      return std::string("none");
    }
    if (elementKey == "as_tensor" || elementKey == "as_sym_int" ||
        elementKey == "as_sym_bool" || elementKey == "as_sym_float") {
      std::optional<Value> operand = operandOf(getNamedOperand(
          element, elementKey == "as_tensor" ? "" : "as_name"));
      if (!operand ||
          inferScalarKey(Short::Operand, operand->getType()) != elementKey)
        return std::nullopt;
      return std::string("%"); // the caller prints the operand
    }
    if (elementKey == "as_int" && isI64(element)) {
      os << cast<IntegerAttr>(element).getInt();
      return text;
    }
    if (elementKey == "as_float" && isFiniteFloat(element))
      return formatFloat(cast<FloatAttr>(element).getValueAsDouble());
    if (elementKey == "as_bool" && isa<BoolAttr>(element))
      return std::string(cast<BoolAttr>(element).getValue() ? "true" : "false");
    if (elementKey == "as_string" && isa<StringAttr>(element)) {
      os << '"';
      llvm::printEscapedString(cast<StringAttr>(element).getValue(), os);
      os << '"';
      return text;
    }
    if (elementKey == "as_scalar_type" && isI64(element))
      if (Type type = getElementType(op->getContext(),
                                   cast<IntegerAttr>(element).getInt())) {
        os << type;
        return text;
      }
    return std::nullopt;
  };
  auto emit = [&](const std::optional<std::string> &text, Attribute element,
                  llvm::StringRef elementKey) {
    if (*text != "%") {
      p << *text;
      return;
    }
    p.printOperand(*operandOf(getNamedOperand(
        element, elementKey == "as_tensor" ? "" : "as_name")));
  };

  // Lists: each element's union member, and the list's member they imply.
  static constexpr std::pair<llvm::StringLiteral, llvm::StringLiteral>
      kLists[] = {{"as_tensors", "as_tensor"}, {"as_ints", "as_int"},
                  {"as_floats", "as_float"},   {"as_bools", "as_bool"},
                  {"as_strings", "as_string"}};
  auto list = dyn_cast<ArrayAttr>(value);
  if (list && (key == "as_optional_tensors" || key == "as_sym_ints" ||
               llvm::any_of(kLists, [&](auto entry) {
                 return entry.first == key;
               }))) {
    // Each element as a (member, value) pair.
    SmallVector<std::pair<llvm::StringRef, Attribute>> elements;
    for (Attribute element : list) {
      if (key == "as_optional_tensors" || key == "as_sym_ints") {
        auto dict = dyn_cast<DictionaryAttr>(element);
        if (!dict || dict.size() != 1)
          return false;
        llvm::StringRef member = dict.begin()->getName().getValue();
        Attribute inner = dict.begin()->getValue();
        if (key == "as_optional_tensors" && member == "as_tensor") {
          auto name = dyn_cast<DictionaryAttr>(inner);
          if (!name || name.size() != 1 || !name.get("name"))
            return false;
          inner = name.get("name");
        } else if (key == "as_sym_ints" && member == "as_name") {
          member = "as_sym_int";
          inner = dict;
        } else if (!(key == "as_optional_tensors" && member == "as_none") &&
                   !(key == "as_sym_ints" && member == "as_int")) {
          return false;
        }
        elements.push_back({member, inner});
      } else {
        llvm::StringRef member = llvm::find_if(kLists, [&](auto entry) {
                                   return entry.first == key;
                                 })->second;
        elements.push_back({member, element});
      }
    }
    // What the list reads back as: the member its elements imply.
    bool anyOperand = false, anyNone = false, anyInt = false;
    for (auto [member, element] : elements) {
      anyOperand |= member == "as_tensor" || member == "as_sym_int";
      anyNone |= member == "as_none";
      anyInt |= member == "as_int";
    }
    llvm::StringRef implied;
    if (elements.empty())
      implied = "as_ints";
    else if (anyNone)
      implied = "as_optional_tensors";
    else if (elements[0].first == "as_sym_int" ||
             (anyOperand && anyInt))
      implied = "as_sym_ints";
    else
      implied = llvm::StringSwitch<llvm::StringRef>(elements[0].first)
                    .Case("as_tensor", "as_tensors")
                    .Case("as_int", "as_ints")
                    .Case("as_float", "as_floats")
                    .Case("as_bool", "as_bools")
                    .Case("as_string", "as_strings")
                    .Default("");
    if (implied != key)
      return false;
    SmallVector<std::optional<std::string>> texts;
    for (auto [member, element] : elements) {
      // One kind of element per list (none and ints aside).
      if (member != elements[0].first && member != "as_none" &&
          !(key == "as_sym_ints"))
        return false;
      if (key == "as_optional_tensors" && member == "as_none" &&
          elements.size() == 1)
        ; // [none] reads back as an optional tensor list
      texts.push_back(scalar(element, member));
      if (!texts.back())
        return false;
    }
    p << "[";
    for (auto [index, entry] : llvm::enumerate(elements)) {
      if (index)
        p << ", ";
      emit(texts[index], entry.second, entry.first);
    }
    p << "]";
    return true;
  }
  if (list)
    return false;
  std::optional<std::string> text = scalar(value, key);
  if (!text)
    return false;
  emit(text, value, key);
  return true;
}

/// Prints `value` of member `key` as `"key"(%a, ...; attribute)`.
void printGeneric(OpAsmPrinter &p, OperatorOp op, llvm::StringRef key,
                  Attribute value) {
  SmallVector<unsigned> named;
  walkOperands(value, [&](OperandAttr ref) { named.push_back(ref.getIndex()); });
  p.printString(key);
  p << "(";
  for (auto [position, index] : llvm::enumerate(named)) {
    if (position)
      p << ", ";
    p.printOperand(op->getOperand(index));
  }
  if (!named.empty())
    p << " : ";
  unsigned base = named.empty() ? 0 : named.front();
  AttrTypeReplacer relative;
  relative.addReplacement([&](OperandAttr ref) -> Attribute {
    return OperandAttr::get(ref.getContext(), ref.getIndex() - base);
  });
  p.printAttribute(relative.replace(value));
  p << ")";
}

/// One argument's name and how it was given, as printed before its value.
void printArgHead(OpAsmPrinter &p, ArgAttr arg) {
  p.printKeywordOrString(arg.getName().getValue());
  switch (arg.getKind()) {
  case ArgAttr::kPositional:
    p << ": ";
    return;
  case ArgAttr::kKeyword:
    p << " = ";
    return;
  case ArgAttr::kNullKind:
    p << "(null): ";
    return;
  case ArgAttr::kNoKind:
    p << "(missing): ";
    return;
  default:
    p << "(" << arg.getKind() << "): ";
    return;
  }
}

} // namespace

/// The short form of an ATen target: `aten.conv2d` for
/// `torch.ops.aten.conv2d.default`, `aten.add.Tensor` for
/// `torch.ops.aten.add.Tensor`; empty where there is none (the target is
/// then printed as the string it is).
static std::string getShortTarget(llvm::StringRef target) {
  SmallVector<llvm::StringRef, 5> parts;
  target.split(parts, '.');
  if (parts.size() != 5 || parts[0] != "torch" || parts[1] != "ops" ||
      llvm::any_of(parts, [](llvm::StringRef part) {
        return part.empty() || !llvm::all_of(part, [](char c) {
          return llvm::isAlnum(c) || c == '_';
        }) || llvm::isDigit(part.front());
      }))
    return {};
  std::string text = (parts[2] + "." + parts[3]).str();
  if (parts[4] != "default")
    text += ("." + parts[4]).str();
  return text;
}

/// The target a short form stands for.
static std::string getTargetOfShort(llvm::StringRef text) {
  return llvm::count(text, '.') == 1 ? ("torch.ops." + text + ".default").str()
                                     : ("torch.ops." + text).str();
}

void OperatorOp::print(OpAsmPrinter &p) {
  // pt2.operator "name" aten.conv2d(input: %x, ...) in #module : ...
  p << " ";
  auto name = (*this)->getAttrOfType<StringAttr>(PT2Dialect::getNodeAttrName());
  if (name) {
    p.printString(name.getValue());
    p << " ";
  }
  std::string shortTarget = getShortTarget(getTarget());
  if (!shortTarget.empty())
    p << shortTarget;
  else
    p.printString(getTarget());
  p << "(";
  llvm::interleaveComma(getArgs(), p, [&](Attribute attr) {
    auto arg = cast<ArgAttr>(attr);
    printArgHead(p, arg);
    if (!printShort(p, *this, arg.getKey().getValue(), arg.getValue()))
      printGeneric(p, *this, arg.getKey().getValue(), arg.getValue());
  });
  p << ")";
  auto module = (*this)->getAttrOfType<ModuleAttr>(PT2Dialect::getModuleAttrName());
  if (module) {
    p << " in ";
    p.printAttribute(module);
  }
  SmallVector<StringRef, 4> elided = {"target", "args"};
  if (name)
    elided.push_back(PT2Dialect::getNodeAttrName());
  if (module)
    elided.push_back(PT2Dialect::getModuleAttrName());
  p.printOptionalAttrDict((*this)->getAttrs(), elided);
  p << " : ";
  p.printFunctionalType(getOperands().getTypes(), getResults().getTypes());
}

namespace {

/// A value as read, before the operand types say what union member it is.
struct DraftValue {
  enum Kind { Operand, None, Attr, List, Generic } kind = Attr;
  /// Operand: its index; Generic: the index of its first operand.
  unsigned operand = 0;
  Attribute attr;
  std::string key;
  std::vector<DraftValue> elements;
};

ParseResult parseValue(OpAsmParser &parser,
                       SmallVectorImpl<OpAsmParser::UnresolvedOperand> &operands,
                       DraftValue &value, bool inList) {
  OpAsmParser::UnresolvedOperand operand;
  OptionalParseResult isOperand = parser.parseOptionalOperand(operand);
  if (isOperand.has_value()) {
    if (failed(*isOperand))
      return failure();
    value.kind = DraftValue::Operand;
    value.operand = operands.size();
    operands.push_back(operand);
    return success();
  }
  if (succeeded(parser.parseOptionalKeyword("none"))) {
    value.kind = DraftValue::None;
    return success();
  }
  if (!inList && succeeded(parser.parseOptionalLSquare())) {
    value.kind = DraftValue::List;
    if (succeeded(parser.parseOptionalRSquare()))
      return success();
    do {
      value.elements.emplace_back();
      if (parseValue(parser, operands, value.elements.back(), true))
        return failure();
    } while (succeeded(parser.parseOptionalComma()));
    return parser.parseRSquare();
  }
  std::string text;
  if (succeeded(parser.parseOptionalString(&text))) {
    if (inList || failed(parser.parseOptionalLParen())) {
      value.attr = parser.getBuilder().getStringAttr(text);
      return success();
    }
    // "as_key"(%a, %b; attribute) or "as_key"(attribute)
    value.kind = DraftValue::Generic;
    value.key = text;
    value.operand = operands.size();
    OptionalParseResult first = parser.parseOptionalOperand(operand);
    if (first.has_value()) {
      if (failed(*first))
        return failure();
      operands.push_back(operand);
      while (succeeded(parser.parseOptionalComma()))
        if (parser.parseOperand(operands.emplace_back()))
          return failure();
      if (parser.parseColon())
        return failure();
    }
    return failure(parser.parseAttribute(value.attr) || parser.parseRParen());
  }
  Type type;
  OptionalParseResult isType = parser.parseOptionalType(type);
  if (isType.has_value()) {
    if (failed(*isType))
      return failure();
    value.attr = TypeAttr::get(type);
    return success();
  }
  return parser.parseAttribute(value.attr);
}

/// The union member and value `draft` stands for; null with an error if
/// it stands for none.
FailureOr<std::pair<llvm::StringRef, Attribute>>
resolveValue(OpAsmParser &parser, llvm::SMLoc loc, const DraftValue &draft,
             TypeRange operandTypes) {
  MLIRContext *context = parser.getContext();
  Builder b(context);
  auto fail = [&](const Twine &message) -> LogicalResult {
    return parser.emitError(loc) << message;
  };
  auto scalar = [&](const DraftValue &element, Short &kind) -> Attribute {
    switch (element.kind) {
    case DraftValue::Operand:
      kind = Short::Operand;
      return OperandAttr::get(context, element.operand);
    case DraftValue::None:
      kind = Short::None;
      return b.getBoolAttr(true);
    case DraftValue::Attr:
      if (isI64(element.attr))
        kind = Short::Int;
      else if (isFiniteFloat(element.attr))
        kind = Short::Float;
      else if (isa<BoolAttr>(element.attr))
        kind = Short::Bool;
      else if (isa<StringAttr>(element.attr))
        kind = Short::String;
      else if (auto type = dyn_cast<TypeAttr>(element.attr);
               type && getScalarType(type.getValue()))
        kind = Short::Type;
      else
        return {};
      return element.attr;
    default:
      return {};
    }
  };
  switch (draft.kind) {
  case DraftValue::Generic: {
    AttrTypeReplacer absolute;
    absolute.addReplacement([&](OperandAttr ref) -> Attribute {
      return OperandAttr::get(context, ref.getIndex() + draft.operand);
    });
    return std::make_pair(StringAttr::get(context, draft.key).getValue(),
                          absolute.replace(draft.attr));
  }
  case DraftValue::List: {
    SmallVector<std::pair<Short, Attribute>> elements;
    for (const DraftValue &element : draft.elements) {
      Short kind;
      Attribute attr = scalar(element, kind);
      if (!attr)
        return (fail("a list element that is no graph value, none, "
                            "number, boolean or string"));
      elements.push_back({kind, attr});
    }
    auto typeOf = [&](Attribute attr) {
      return operandTypes[cast<OperandAttr>(attr).getIndex()];
    };
    bool anyNone = false, anyInt = false, anyOperand = false,
         anySymInt = false;
    for (auto [kind, attr] : elements) {
      anyNone |= kind == Short::None;
      anyInt |= kind == Short::Int;
      anyOperand |= kind == Short::Operand;
      anySymInt |=
          kind == Short::Operand && isa<SymIntType>(typeOf(attr));
    }
    SmallVector<Attribute> values;
    llvm::StringRef key;
    if (elements.empty()) {
      key = "as_ints";
    } else if (anyNone) {
      key = "as_optional_tensors";
      for (auto [kind, attr] : elements) {
        if (kind == Short::None) {
          values.push_back(b.getDictionaryAttr(b.getNamedAttr("as_none", attr)));
          continue;
        }
        if (kind != Short::Operand || !isa<TensorType>(typeOf(attr)))
          return (fail("a list with none holds tensors and none only"));
        values.push_back(b.getDictionaryAttr(b.getNamedAttr(
            "as_tensor", b.getDictionaryAttr(b.getNamedAttr("name", attr)))));
      }
    } else if (anySymInt) {
      key = "as_sym_ints";
      for (auto [kind, attr] : elements) {
        if (kind == Short::Int) {
          values.push_back(b.getDictionaryAttr(b.getNamedAttr("as_int", attr)));
          continue;
        }
        if (kind != Short::Operand || !isa<SymIntType>(typeOf(attr)))
          return (fail("a list of symbolic integers holds symbolic "
                              "integers and integers only"));
        values.push_back(b.getDictionaryAttr(b.getNamedAttr("as_name", attr)));
      }
    } else {
      Short first = elements[0].first;
      for (auto [kind, attr] : elements) {
        if (kind != first || kind == Short::Type ||
            (kind == Short::Operand && !isa<TensorType>(typeOf(attr))))
          return (fail("a list whose elements are not all tensors, "
                              "integers, floats, booleans or strings"));
        values.push_back(attr);
      }
      key = llvm::StringSwitch<llvm::StringRef>("")
                .Default(first == Short::Operand  ? "as_tensors"
                         : first == Short::Int    ? "as_ints"
                         : first == Short::Float  ? "as_floats"
                         : first == Short::Bool   ? "as_bools"
                                                  : "as_strings");
    }
    (void)anyInt;
    (void)anyOperand;
    return std::make_pair(key, Attribute(b.getArrayAttr(values)));
  }
  default: {
    Short kind;
    Attribute attr = scalar(draft, kind);
    if (!attr)
      return (fail("an argument value that is no graph value, none, "
                          "number, boolean, string, scalar type or list, "
                          "nor \"as_key\"(attribute)"));
    Type operandType =
        kind == Short::Operand
            ? operandTypes[cast<OperandAttr>(attr).getIndex()]
            : Type();
    llvm::StringRef key = inferScalarKey(kind, operandType);
    if (key.empty())
      return LogicalResult(parser.emitError(loc)
                           << "a graph value of type " << operandType
                           << " given short; write it as \"as_key\"(...)");
    return std::make_pair(key, shortScalarValue(context, key, attr));
  }
  }
}

} // namespace

ParseResult OperatorOp::parse(OpAsmParser &parser, OperationState &result) {
  MLIRContext *context = parser.getContext();
  // ["name"] (target | aten.conv2d) (...)
  std::string first, target;
  std::optional<std::string> name;
  llvm::StringRef keyword;
  if (succeeded(parser.parseOptionalString(&first))) {
    if (succeeded(parser.parseOptionalString(&target)))
      name = first;
    else if (succeeded(parser.parseOptionalKeyword(&keyword)))
      name = first, target = getTargetOfShort(keyword);
    else
      target = first;
  } else if (parser.parseKeyword(&keyword)) {
    return failure();
  } else {
    target = getTargetOfShort(keyword);
  }
  if (parser.parseLParen())
    return failure();
  struct DraftArg {
    std::string name;
    int64_t kind;
    DraftValue value;
    llvm::SMLoc loc;
  };
  SmallVector<DraftArg> drafts;
  SmallVector<OpAsmParser::UnresolvedOperand> operands;
  if (failed(parser.parseOptionalRParen())) {
    do {
      DraftArg &arg = drafts.emplace_back();
      arg.loc = parser.getCurrentLocation();
      if (parser.parseKeywordOrString(&arg.name))
        return failure();
      arg.kind = ArgAttr::kPositional;
      if (succeeded(parser.parseOptionalLParen())) {
        llvm::StringRef special;
        int64_t number;
        if (succeeded(parser.parseOptionalKeyword(&special,
                                                  {"null", "missing"})))
          arg.kind =
              special == "null" ? ArgAttr::kNullKind : ArgAttr::kNoKind;
        else if (parser.parseInteger(number))
          return failure();
        else
          arg.kind = number;
        if (parser.parseRParen() || parser.parseColon())
          return failure();
      } else if (succeeded(parser.parseOptionalEqual())) {
        arg.kind = ArgAttr::kKeyword;
      } else if (parser.parseColon()) {
        return failure();
      }
      if (parseValue(parser, operands, arg.value, /*inList=*/false))
        return failure();
    } while (succeeded(parser.parseOptionalComma()));
    if (parser.parseRParen())
      return failure();
  }
  FunctionType type;
  llvm::SMLoc typeLoc = parser.getCurrentLocation();
  if (succeeded(parser.parseOptionalKeyword("in"))) {
    ModuleAttr module;
    if (parser.parseAttribute(module))
      return failure();
    result.addAttribute(PT2Dialect::getModuleAttrName(), module);
  }
  if (name)
    result.addAttribute(PT2Dialect::getNodeAttrName(),
                        StringAttr::get(context, *name));
  if (parser.parseOptionalAttrDict(result.attributes) ||
      parser.parseColonType(type) ||
      parser.resolveOperands(operands, type.getInputs(), typeLoc,
                             result.operands))
    return failure();
  SmallVector<Attribute> args;
  for (const DraftArg &draft : drafts) {
    FailureOr<std::pair<llvm::StringRef, Attribute>> value =
        resolveValue(parser, draft.loc, draft.value, type.getInputs());
    if (failed(value))
      return failure();
    args.push_back(ArgAttr::get(context, StringAttr::get(context, draft.name),
                                draft.kind,
                                StringAttr::get(context, value->first),
                                value->second));
  }
  result.addAttribute("target", StringAttr::get(context, target));
  result.addAttribute("args", ArrayAttr::get(context, args));
  result.addTypes(type.getResults());
  return success();
}

//===----------------------------------------------------------------------===//
// BatchNormCounterOp
//===----------------------------------------------------------------------===//

void BatchNormCounterOp::getEffects(
    SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>
        &effects) {
  // In place and counting, it writes the buffer; otherwise it is pure.
  if (!getTraining() || !getInPlace())
    return;
  effects.emplace_back(MemoryEffects::Read::get(),
                       &getNumBatchesTrackedMutable());
  effects.emplace_back(MemoryEffects::Write::get(),
                       &getNumBatchesTrackedMutable());
}

//===----------------------------------------------------------------------===//
// DecomposedDropoutOp, DropPathOp
//===----------------------------------------------------------------------===//

static LogicalResult verifyIdentityInEval(Operation *op) {
  Region &body = op->getRegion(0);
  auto yield = dyn_cast<YieldOp>(body.front().getTerminator());
  Type yielded = yield ? yield.getValue().getType() : Type();
  Type input = op->getOperand(0).getType();
  Type result = op->getResult(0).getType();
  if (yielded != result || input != result)
    return op->emitOpError()
           << "expects its input, its body's result and its result to have "
              "one type, got "
           << input << ", " << yielded << " and " << result;
  return success();
}

/// In training it draws random numbers (its body does); in evaluation its
/// result is its input.
static void getIdentityInEvalEffects(
    bool training,
    SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>
        &effects) {
  if (!training)
    return;
  effects.emplace_back(MemoryEffects::Read::get(),
                       mode::aten::RandomGeneratorResource::get());
  effects.emplace_back(MemoryEffects::Write::get(),
                       mode::aten::RandomGeneratorResource::get());
}

#define GET_OP_CLASSES
#include "mode/Dialect/PT2/IR/PT2Ops.cpp.inc"
