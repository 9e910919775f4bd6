//===- PT2Program.cpp - What import and export share ----------------------===//

#include "PT2Program.h"

#include "mode/Dialect/Aten/IR/AtenDialect.h"
#include "mode/Dialect/Aten/IR/AtenInterfaces.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/Mutex.h"

#include <memory>

using namespace mlir;

namespace mode::pt2 {

//===----------------------------------------------------------------------===//
// mode's records
//===----------------------------------------------------------------------===//

/// `"key": "value", ...` for mode's records, sorted by key, as json.dumps
/// writes the entries of an object.
static std::string
writeRecordEntries(ArrayRef<std::pair<std::string, std::string>> records) {
  SmallVector<const std::pair<std::string, std::string> *> sorted;
  for (const auto &record : records)
    sorted.push_back(&record);
  llvm::sort(sorted, [](auto *a, auto *b) { return a->first < b->first; });
  std::string text;
  llvm::raw_string_ostream os(text);
  JSONWriter writer(os);
  writer.objectBegin();
  for (const auto *record : sorted) {
    writer.key(record->first);
    writer.string(record->second);
  }
  writer.objectEnd();
  // The entries without the braces.
  return text.substr(1, text.size() - 2);
}

LogicalResult
splitRecords(llvm::StringRef custom,
             std::vector<std::pair<std::string, std::string>> &records,
             std::string &user, std::string &error) {
  records.clear();
  user = custom.str();
  llvm::Expected<json::Document> parsed = json::parse(custom);
  // Not ours to judge if it is no JSON object: PyTorch reads it, mode
  // keeps it.
  if (!parsed) {
    llvm::consumeError(parsed.takeError());
    return success();
  }
  if (!parsed->getAsObject())
    return success();
  for (const auto &[key, value] : *parsed->getAsObject()) {
    if (!key.starts_with(kRecordPrefix))
      continue;
    std::optional<llvm::StringRef> text = value.getAsString();
    if (!text) {
      error = "mode's record '" + key.str() + "' is not a string";
      return failure();
    }
    records.emplace_back(key.str(), text->str());
  }
  if (records.empty())
    return success();
  // mode appended them, sorted: the text ends with them.
  std::string entries = writeRecordEntries(records);
  if (custom == "{" + entries + "}") {
    user.clear(); // nothing but mode's records
  } else if (custom.ends_with(", " + entries + "}")) {
    user = custom.drop_back(entries.size() + 3).str() + "}";
  } else {
    error = "mode's records in the metadata entry 'custom' are not its "
            "last entries in sorted order, as mode writes them";
    return failure();
  }
  return success();
}

std::string
appendRecords(llvm::StringRef user,
              ArrayRef<std::pair<std::string, std::string>> records) {
  if (records.empty())
    return user.str();
  std::string entries = writeRecordEntries(records);
  llvm::StringRef trimmed = user.rtrim();
  if (trimmed.empty() || trimmed == "{}")
    return "{" + entries + "}";
  return trimmed.drop_back().str() + ", " + entries + "}";
}

//===----------------------------------------------------------------------===//
// Schemas
//===----------------------------------------------------------------------===//

const AtenSchema *getAtenSchema(RegisteredOperationName name) {
  auto *atenOp = name.getInterface<aten::AtenOpInterface>();
  if (!atenOp)
    return nullptr;
  // Parsed once per op kind for the whole process: the schemas are static
  // strings of the ops.
  static llvm::sys::SmartMutex<true> mutex;
  static llvm::DenseMap<const void *, std::unique_ptr<AtenSchema>> cache;
  llvm::sys::SmartScopedLock<true> lock(mutex);
  llvm::StringRef text = atenOp->getAtenSchema();
  std::unique_ptr<AtenSchema> &schema = cache[text.data()];
  if (!schema) {
    std::string error;
    std::optional<AtenSchema> parsed = parseAtenSchema(text, error);
    // The dialect's own schemas are tested to parse.
    assert(parsed && "an aten op with a schema that does not parse");
    if (!parsed)
      return nullptr;
    schema = std::make_unique<AtenSchema>(std::move(*parsed));
  }
  return schema.get();
}

const AtenSchema *getAtenSchema(Operation *op) {
  std::optional<RegisteredOperationName> name = op->getRegisteredInfo();
  return name ? getAtenSchema(*name) : nullptr;
}

SmallVector<ValueRange> getTensorArguments(Operation *op,
                                           const AtenSchema &schema) {
  SmallVector<ValueRange> groups;
  auto segments = op->getAttrOfType<DenseI32ArrayAttr>("operandSegmentSizes");
  unsigned tensorArguments =
      llvm::count_if(schema.arguments,
                     [](const SchemaArgument &arg) { return arg.isTensor(); });
  unsigned next = 0, group = 0;
  for (const SchemaArgument &arg : schema.arguments) {
    if (!arg.isTensor())
      continue;
    unsigned size = 1;
    if (segments)
      size = segments[group];
    else if (arg.kind == SchemaArgKind::TensorList)
      size = op->getNumOperands() - (tensorArguments - 1);
    groups.push_back(op->getOperands().slice(next, size));
    next += size;
    ++group;
  }
  return groups;
}

bool hasDefaultValue(Operation *op, const AtenSchema &schema, unsigned index) {
  const SchemaArgument &arg = schema.arguments[index];
  if (!arg.defaultValue)
    return false;
  const std::string &text = *arg.defaultValue;
  switch (arg.kind) {
  case SchemaArgKind::Tensor:
  case SchemaArgKind::TensorList:
    return false;
  case SchemaArgKind::OptionalTensor: {
    unsigned group = 0;
    for (unsigned i = 0; i < index; ++i)
      group += schema.arguments[i].isTensor();
    ValueRange values = getTensorArguments(op, schema)[group];
    return text == "None" && values.size() == 1 &&
           !isa<TensorType>(values[0].getType());
  }
  case SchemaArgKind::Float:
  case SchemaArgKind::Scalar:
  case SchemaArgKind::OptionalFloat: {
    auto attr = op->getAttrOfType<FloatAttr>(arg.name);
    if (!attr)
      return text == "None";
    return text != "None" &&
           attr.getValueAsDouble() == std::strtod(text.c_str(), nullptr);
  }
  case SchemaArgKind::Bool:
  case SchemaArgKind::OptionalBool: {
    auto attr = op->getAttrOfType<BoolAttr>(arg.name);
    return attr && attr.getValue() == (text == "True");
  }
  case SchemaArgKind::Int: {
    auto attr = op->getAttrOfType<IntegerAttr>(arg.name);
    return attr && attr.getInt() == std::strtoll(text.c_str(), nullptr, 10);
  }
  case SchemaArgKind::Generator:
    return true;
  }
  return false;
}

SmallVector<std::pair<unsigned, ArgumentKind>>
getSpelledArguments(Operation *op, const AtenSchema &schema) {
  SmallVector<std::pair<unsigned, ArgumentKind>> spelled;
  int last = -1;
  for (auto [index, arg] : llvm::enumerate(schema.arguments))
    if (!arg.kwargOnly && !hasDefaultValue(op, schema, index))
      last = index;
  for (auto [index, arg] : llvm::enumerate(schema.arguments)) {
    if (!arg.kwargOnly && static_cast<int>(index) <= last)
      spelled.push_back({index, Positional});
    else if (arg.kwargOnly && !hasDefaultValue(op, schema, index))
      spelled.push_back({index, Keyword});
  }
  return spelled;
}

//===----------------------------------------------------------------------===//
// Tensor metadata
//===----------------------------------------------------------------------===//

namespace {
constexpr int64_t kLayoutStrided = 7;

DictionaryAttr symInt(Builder &b, int64_t value) {
  return b.getDictionaryAttr(
      b.getNamedAttr("as_int", b.getI64IntegerAttr(value)));
}

/// The TensorMeta fields a tensor of `shape` has unless it says otherwise:
/// its sizes, contiguous strides, offset 0, on the CPU, without gradient,
/// strided. Sizes and strides only where every dimension is static (and
/// the strides fit in 64 bits).
NamedAttrList getDefaultMeta(MLIRContext *context, ArrayRef<int64_t> shape) {
  Builder b(context);
  NamedAttrList defaults;
  if (!ShapedType::isDynamicShape(shape)) {
    SmallVector<Attribute> sizes, strides(shape.size());
    for (int64_t size : shape)
      sizes.push_back(symInt(b, size));
    int64_t stride = 1;
    bool overflow = false;
    for (int64_t i = shape.size() - 1; i >= 0 && !overflow; --i) {
      strides[i] = symInt(b, stride);
      if (i > 0)
        overflow =
            llvm::MulOverflow(stride, std::max<int64_t>(shape[i], 1), stride);
    }
    if (!overflow) {
      defaults.set("sizes", b.getArrayAttr(sizes));
      defaults.set("strides", b.getArrayAttr(strides));
    }
  }
  defaults.set("storage_offset", symInt(b, 0));
  defaults.set("device", b.getDictionaryAttr(
                             {b.getNamedAttr("type", b.getStringAttr("cpu")),
                              b.getNamedAttr("index", b.getUnitAttr())}));
  defaults.set("requires_grad", b.getBoolAttr(false));
  defaults.set("layout", b.getI64IntegerAttr(kLayoutStrided));
  return defaults;
}
} // namespace

FailureOr<RankedTensorType> getTensorType(DictionaryAttr meta,
                                          std::string &error) {
  MLIRContext *context = meta.getContext();
  for (llvm::StringRef field : {"dtype", "sizes", "requires_grad", "device",
                                "strides", "storage_offset", "layout"}) {
    if (meta.get(field))
      continue;
    error = ("tensor metadata lacks '" + field + "'").str();
    return failure();
  }
  auto dtype = dyn_cast_or_null<IntegerAttr>(meta.get("dtype"));
  if (!dtype) {
    error = "tensor metadata without an integer 'dtype'";
    return failure();
  }
  Type elementType = getElementType(context, dtype.getInt());
  if (!elementType) {
    error =
        "unknown ScalarType " + std::to_string(dtype.getInt()) + " in 'dtype'";
    return failure();
  }
  auto sizes = dyn_cast_or_null<ArrayAttr>(meta.get("sizes"));
  if (!sizes) {
    error = "tensor metadata without a 'sizes' list";
    return failure();
  }
  SmallVector<int64_t> shape;
  for (Attribute size : sizes) {
    auto symbolic = dyn_cast<DictionaryAttr>(size);
    if (!symbolic || symbolic.size() != 1) {
      error = "a size that is not a SymInt (one of 'as_int', 'as_expr')";
      return failure();
    }
    if (auto value = dyn_cast_or_null<IntegerAttr>(symbolic.get("as_int"))) {
      if (value.getInt() < 0) {
        error = "negative size " + std::to_string(value.getInt());
        return failure();
      }
      shape.push_back(value.getInt());
    } else if (symbolic.get("as_expr")) {
      shape.push_back(ShapedType::kDynamic);
    } else {
      error = "a size that is not a SymInt (one of 'as_int', 'as_expr')";
      return failure();
    }
  }
  // PyTorch counts a tensor's elements in 64 bits.
  int64_t elements = 1;
  for (int64_t size : shape) {
    if (ShapedType::isDynamic(size) ||
        !llvm::MulOverflow(elements, size, elements))
      continue;
    error = "sizes whose product overflows 64 bits";
    return failure();
  }
  if (auto layout = dyn_cast_or_null<IntegerAttr>(meta.get("layout"));
      layout && (layout.getInt() < 0 || layout.getInt() > kLayoutStrided)) {
    error = "unknown Layout " + std::to_string(layout.getInt());
    return failure();
  }
  // The encoding: every field but dtype that differs from its default.
  NamedAttrList defaults = getDefaultMeta(context, shape);
  NamedAttrList encoding;
  for (NamedAttribute field : meta) {
    if (field.getName() == "dtype")
      continue;
    if (defaults.get(field.getName()) != field.getValue())
      encoding.append(field);
  }
  Attribute encodingAttr;
  if (!encoding.empty())
    encodingAttr = encoding.getDictionary(context);
  return RankedTensorType::get(shape, elementType, encodingAttr);
}

DictionaryAttr getTensorMeta(RankedTensorType type) {
  MLIRContext *context = type.getContext();
  Builder b(context);
  NamedAttrList meta = getDefaultMeta(context, type.getShape());
  std::optional<int64_t> dtype = getScalarType(type.getElementType());
  meta.set("dtype", b.getI64IntegerAttr(dtype.value_or(0)));
  if (auto encoding = dyn_cast_or_null<DictionaryAttr>(type.getEncoding())) {
    for (NamedAttribute field : encoding)
      meta.set(field.getName(), field.getValue());
  }
  return meta.getDictionary(context);
}

//===----------------------------------------------------------------------===//
// Names
//===----------------------------------------------------------------------===//

llvm::StringRef getInnermostModuleType(llvm::StringRef nnModuleStack) {
  // "key,path,type;key,path,type": the type of the last entry.
  llvm::StringRef last = nnModuleStack.rsplit(';').second;
  if (last.empty())
    last = nnModuleStack;
  return last.rsplit(',').second;
}

} // namespace mode::pt2
