//===- PT2Arguments.cpp - Values named in a node's arguments --------------===//

#include "mode/Dialect/PT2/IR/PT2Arguments.h"

#include "mode/Dialect/PT2/IR/PT2Dialect.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/StringRef.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

using namespace mlir;

namespace mode::pt2 {
namespace {

/// Where an Argument member names values: the member, the field of each
/// element that holds the name (for a list member, of each element; for an
/// optional tensor, inside its `as_tensor`), and what it names.
struct ReferenceField {
  StringLiteral member;
  bool isList;
  bool isOptionalTensor;
  StringLiteral field;
  ValueKind kind;
};

constexpr ReferenceField kReferenceFields[] = {
    {"as_tensor", false, false, "name", ValueKind::Tensor},
    {"as_tensors", true, false, "name", ValueKind::Tensor},
    {"as_optional_tensor", false, true, "name", ValueKind::Tensor},
    {"as_optional_tensors", true, true, "name", ValueKind::Tensor},
    {"as_sym_int", false, false, "as_name", ValueKind::SymInt},
    {"as_sym_ints", true, false, "as_name", ValueKind::SymInt},
    {"as_sym_bool", false, false, "as_name", ValueKind::SymBool},
    {"as_sym_bools", true, false, "as_name", ValueKind::SymBool},
    {"as_sym_float", false, false, "as_name", ValueKind::SymFloat},
    {"as_sym_floats", true, false, "as_name", ValueKind::SymFloat},
    {"as_custom_obj", false, false, "name", ValueKind::CustomObj},
};

/// Rewrites (or visits, when `fn` returns the attribute it is given) the
/// name held by `element`, one element of a reference member.
Attribute mapElement(Attribute element, const ReferenceField &ref,
                     function_ref<Attribute(Attribute, ValueKind)> fn) {
  auto dict = dyn_cast<DictionaryAttr>(element);
  if (!dict)
    return element;
  if (ref.isOptionalTensor) {
    // {"as_tensor": {"name": x}} or {"as_none": true}.
    Attribute tensor = dict.get("as_tensor");
    if (!tensor)
      return element;
    ReferenceField inner = {"as_tensor", false, false, "name",
                            ValueKind::Tensor};
    Attribute mapped = mapElement(tensor, inner, fn);
    if (!mapped)
      return {};
    NamedAttrList attrs(dict);
    attrs.set("as_tensor", mapped);
    return attrs.getDictionary(element.getContext());
  }
  Attribute name = dict.get(ref.field);
  if (!name)
    return element;
  Attribute mapped = fn(name, ref.kind);
  if (!mapped)
    return {};
  if (mapped == name)
    return element;
  NamedAttrList attrs(dict);
  attrs.set(ref.field, mapped);
  return attrs.getDictionary(element.getContext());
}

Attribute mapArgument(Attribute argument,
                      function_ref<Attribute(Attribute, ValueKind)> fn,
                      bool &hasGraph) {
  auto dict = dyn_cast<DictionaryAttr>(argument);
  if (!dict)
    return argument;
  if (dict.get("as_graph"))
    hasGraph = true;
  NamedAttrList attrs(dict);
  bool changed = false;
  for (const ReferenceField &ref : kReferenceFields) {
    Attribute member = dict.get(ref.member);
    if (!member)
      continue;
    Attribute mapped;
    if (ref.isList) {
      auto list = dyn_cast<ArrayAttr>(member);
      if (!list)
        continue;
      SmallVector<Attribute> elements;
      for (Attribute element : list) {
        Attribute m = mapElement(element, ref, fn);
        if (!m)
          return {};
        elements.push_back(m);
      }
      mapped = ArrayAttr::get(argument.getContext(), elements);
    } else {
      mapped = mapElement(member, ref, fn);
      if (!mapped)
        return {};
    }
    if (mapped != member) {
      attrs.set(ref.member, mapped);
      changed = true;
    }
  }
  // `as_nested_tensors`: lists of lists of tensors; `as_string_to_argument`:
  // a map of arguments.
  if (auto nested =
          dyn_cast_or_null<ArrayAttr>(dict.get("as_nested_tensors"))) {
    SmallVector<Attribute> lists;
    ReferenceField tensors = {"as_tensors", true, false, "name",
                              ValueKind::Tensor};
    for (Attribute list : nested) {
      auto inner = dyn_cast<ArrayAttr>(list);
      if (!inner) {
        lists.push_back(list);
        continue;
      }
      SmallVector<Attribute> elements;
      for (Attribute element : inner) {
        Attribute m = mapElement(element, tensors, fn);
        if (!m)
          return {};
        elements.push_back(m);
      }
      lists.push_back(ArrayAttr::get(argument.getContext(), elements));
    }
    attrs.set("as_nested_tensors",
              ArrayAttr::get(argument.getContext(), lists));
    changed = true;
  }
  if (auto map =
          dyn_cast_or_null<DictionaryAttr>(dict.get("as_string_to_argument"))) {
    NamedAttrList entries;
    for (NamedAttribute entry : map) {
      Attribute m = mapArgument(entry.getValue(), fn, hasGraph);
      if (!m)
        return {};
      entries.append(entry.getName(), m);
    }
    attrs.set("as_string_to_argument",
              entries.getDictionary(argument.getContext()));
    changed = true;
  }
  return changed ? attrs.getDictionary(argument.getContext()) : argument;
}

} // namespace

Type getValueType(MLIRContext *context, ValueKind kind) {
  switch (kind) {
  case ValueKind::Tensor:
    return {};
  case ValueKind::SymInt:
    return SymIntType::get(context);
  case ValueKind::SymBool:
    return SymBoolType::get(context);
  case ValueKind::SymFloat:
    return SymFloatType::get(context);
  case ValueKind::CustomObj:
    return CustomObjType::get(context);
  }
  return {};
}

LogicalResult walkValueReferences(Attribute argument,
                                  function_ref<void(Attribute, ValueKind)> fn) {
  bool hasGraph = false;
  (void)mapArgument(
      argument,
      [&](Attribute reference, ValueKind kind) {
        fn(reference, kind);
        return reference;
      },
      hasGraph);
  return failure(hasGraph);
}

Attribute
replaceValueReferences(Attribute argument,
                       function_ref<Attribute(Attribute, ValueKind)> fn) {
  bool hasGraph = false;
  return mapArgument(argument, fn, hasGraph);
}


//===----------------------------------------------------------------------===//
// Element types
//===----------------------------------------------------------------------===//

namespace {
/// ScalarType of the archive's schema (not c10's numbering).
enum ScalarType : int64_t {
  BYTE = 1,
  CHAR = 2,
  SHORT = 3,
  INT = 4,
  LONG = 5,
  HALF = 6,
  FLOAT = 7,
  DOUBLE = 8,
  COMPLEXHALF = 9,
  COMPLEXFLOAT = 10,
  COMPLEXDOUBLE = 11,
  BOOL = 12,
  BFLOAT16 = 13,
  UINT16 = 28,
  FLOAT8E4M3FN = 29,
  FLOAT8E5M2 = 30,
  FLOAT8E4M3FNUZ = 31,
  FLOAT8E5M2FNUZ = 32,
  FLOAT8E8M0FNU = 33,
  UINT32 = 34,
  UINT64 = 35,
};
constexpr int64_t kScalarTypes[] = {
    BYTE,          CHAR,           SHORT,          INT,           LONG,
    HALF,          FLOAT,          DOUBLE,         COMPLEXHALF,   COMPLEXFLOAT,
    COMPLEXDOUBLE, BOOL,           BFLOAT16,       UINT16,        FLOAT8E4M3FN,
    FLOAT8E5M2,    FLOAT8E4M3FNUZ, FLOAT8E5M2FNUZ, FLOAT8E8M0FNU, UINT32,
    UINT64};
} // namespace

Type getElementType(MLIRContext *context, int64_t dtype) {
  Builder b(context);
  auto sint = [&](unsigned width) {
    return IntegerType::get(context, width, IntegerType::Signed);
  };
  auto uint = [&](unsigned width) {
    return IntegerType::get(context, width, IntegerType::Unsigned);
  };
  switch (dtype) {
  case BYTE:
    return uint(8);
  case CHAR:
    return sint(8);
  case SHORT:
    return sint(16);
  case INT:
    return sint(32);
  case LONG:
    return sint(64);
  case HALF:
    return b.getF16Type();
  case FLOAT:
    return b.getF32Type();
  case DOUBLE:
    return b.getF64Type();
  case COMPLEXHALF:
    return ComplexType::get(b.getF16Type());
  case COMPLEXFLOAT:
    return ComplexType::get(b.getF32Type());
  case COMPLEXDOUBLE:
    return ComplexType::get(b.getF64Type());
  case BOOL:
    return b.getI1Type();
  case BFLOAT16:
    return b.getBF16Type();
  case UINT16:
    return uint(16);
  case FLOAT8E4M3FN:
    return b.getType<Float8E4M3FNType>();
  case FLOAT8E5M2:
    return b.getType<Float8E5M2Type>();
  case FLOAT8E4M3FNUZ:
    return b.getType<Float8E4M3FNUZType>();
  case FLOAT8E5M2FNUZ:
    return b.getType<Float8E5M2FNUZType>();
  case FLOAT8E8M0FNU:
    return b.getType<Float8E8M0FNUType>();
  case UINT32:
    return uint(32);
  case UINT64:
    return uint(64);
  default:
    return {};
  }
}

std::optional<int64_t> getScalarType(Type elementType) {
  for (int64_t dtype : kScalarTypes)
    if (getElementType(elementType.getContext(), dtype) == elementType)
      return dtype;
  return std::nullopt;
}

//===----------------------------------------------------------------------===//
// Floats
//===----------------------------------------------------------------------===//

std::string formatPythonFloat(double value) {
  if (std::isnan(value))
    return "nan";
  if (std::isinf(value))
    return value > 0 ? "inf" : "-inf";
  // The shortest decimal that reads back as `value`: d.ddd...e±x.
  char buffer[64];
  int precision = 1;
  for (; precision < 17; ++precision) {
    std::snprintf(buffer, sizeof(buffer), "%.*e", precision - 1, value);
    if (std::strtod(buffer, nullptr) == value)
      break;
  }
  std::snprintf(buffer, sizeof(buffer), "%.*e", precision - 1, value);
  llvm::StringRef text(buffer);
  bool negative = text.consume_front("-");
  auto [mantissa, exponentText] = text.split('e');
  int exponent = 0;
  // "e+20": StringRef::getAsInteger takes a '-' but not a '+'.
  exponentText.consume_front("+");
  exponentText.getAsInteger(10, exponent);
  std::string digits = mantissa.str();
  digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
  while (digits.size() > 1 && digits.back() == '0')
    digits.pop_back();

  std::string result = negative ? "-" : "";
  if (exponent < -4 || exponent >= 16) {
    result += digits.substr(0, 1);
    if (digits.size() > 1)
      result += "." + digits.substr(1);
    // Python writes at least two exponent digits: 1e-05, 1e+16.
    int magnitude = std::abs(exponent);
    result += exponent < 0 ? "e-" : "e+";
    result += (magnitude < 10 ? "0" : "") + std::to_string(magnitude);
    return result;
  }
  if (exponent < 0) {
    result += "0." + std::string(-exponent - 1, '0') + digits;
    return result;
  }
  if (digits.size() <= static_cast<size_t>(exponent) + 1) {
    digits.append(exponent + 1 - digits.size(), '0');
    return result + digits + ".0";
  }
  return result + digits.substr(0, exponent + 1) + "." +
         digits.substr(exponent + 1);
}

std::optional<llvm::StringRef> getBufferPrefix(llvm::StringRef name,
                                               llvm::StringRef suffix) {
  if (name == suffix)
    return llvm::StringRef();
  if (name.size() > suffix.size() + 1 && name.ends_with(suffix) &&
      name[name.size() - suffix.size() - 1] == '.')
    return name.drop_back(suffix.size() + 1);
  return std::nullopt;
}

} // namespace mode::pt2
