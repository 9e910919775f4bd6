//===- PT2Arguments.cpp - Values named in a node's arguments --------------===//

#include "mode/Dialect/PT2/IR/PT2Arguments.h"

#include "mode/Dialect/PT2/IR/PT2Dialect.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"

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

} // namespace mode::pt2
