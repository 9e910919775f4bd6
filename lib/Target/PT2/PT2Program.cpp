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

/// `"key": value, ...` for mode's records, sorted by key, as json.dumps
/// writes the entries of an object.
template <typename Entries, typename WriteValue>
static std::string writeRecordEntries(const Entries &entries,
                                      WriteValue writeValue) {
  std::string text;
  llvm::raw_string_ostream os(text);
  JSONWriter writer(os);
  writer.objectBegin();
  for (const auto &[key, value] : entries) {
    writer.key(key);
    writeValue(writer, value);
  }
  writer.objectEnd();
  // The entries without the braces.
  return text.substr(1, text.size() - 2);
}

bool hasTrainingFormOp(Operation *func) {
  return func
      ->walk([](Operation *op) {
        if (auto modeOp = dyn_cast<aten::ModeDependentOpInterface>(op))
          if (modeOp.isTrainingMode() && !modeOp.isModeIndependent())
            return WalkResult::interrupt();
        auto unswitchable = op->getAttrOfType<DictionaryAttr>(
            aten::AtenDialect::getUnswitchableAttrName());
        if (unswitchable && unswitchable.get("mode") ==
                                StringAttr::get(op->getContext(), "training"))
          return WalkResult::interrupt();
        return WalkResult::advance();
      })
      .wasInterrupted();
}

bool mayHoldRecords(const json::Object &metadata) {
  std::optional<llvm::StringRef> custom = metadata.getString(kCustomKey);
  return custom && custom->contains(("\"" + kRecordPrefix).str());
}

LogicalResult writeLiftedRecords(const json::Object &metadata,
                                 JSONWriter &writer, std::string &error) {
  std::optional<llvm::StringRef> custom = metadata.getString(kCustomKey);
  std::optional<json::Document> parsed;
  if (custom) {
    llvm::Expected<json::Document> document = json::parse(*custom);
    // Not ours to judge if it is no JSON: PyTorch reads it, mode keeps it.
    if (document)
      parsed = std::move(*document);
    else
      llvm::consumeError(document.takeError());
  }
  std::vector<std::pair<llvm::StringRef, const json::Value *>> records;
  if (parsed && parsed->getAsObject())
    for (const auto &[key, value] : *parsed->getAsObject())
      if (key.starts_with(kRecordPrefix))
        records.emplace_back(key, &value);
  llvm::sort(records,
             [](const auto &a, const auto &b) { return a.first < b.first; });

  // mode appended them, sorted: the text ends with them.
  std::string rest = custom ? custom->str() : "";
  if (!records.empty()) {
    std::string entries = writeRecordEntries(
        records, [](JSONWriter &writer, const json::Value *value) {
          writer.value(*value);
        });
    if (*custom == "{" + entries + "}") {
      rest.clear(); // nothing but mode's records
    } else if (custom->ends_with(", " + entries + "}")) {
      rest = custom->drop_back(entries.size() + 3).str() + "}";
    } else {
      error = "mode's records in the metadata entry 'custom' are not its "
              "last entries in sorted order, as mode writes them";
      return failure();
    }
  }

  writer.objectBegin();
  for (const auto &[key, value] : metadata) {
    if (key == kCustomKey)
      continue;
    writer.key(key);
    writer.value(value);
  }
  if (custom && !rest.empty()) {
    writer.key(kCustomKey);
    writer.string(rest);
  }
  for (const auto &[key, value] : records) {
    writer.key(key);
    writer.value(*value);
  }
  writer.objectEnd();
  return success();
}

FailureOr<DictionaryAttr> foldRecords(DictionaryAttr metadata,
                                      std::string &error) {
  if (!metadata)
    return metadata;
  NamedAttrList kept;
  SmallVector<NamedAttribute> records;
  for (NamedAttribute entry : metadata) {
    if (entry.getName().getValue().starts_with(kRecordPrefix))
      records.push_back(entry);
    else
      kept.push_back(entry);
  }
  if (records.empty())
    return metadata;
  // A dictionary's entries are sorted: so are the records.
  std::string entries;
  bool failed = false;
  entries = writeRecordEntries(
      llvm::map_range(records,
                      [](NamedAttribute entry) {
                        return std::make_pair(entry.getName().getValue(),
                                              entry.getValue());
                      }),
      [&](JSONWriter &writer, Attribute value) {
        failed |= mlir::failed(writer.attribute(value));
      });
  if (failed) {
    error = "a record of mode's is not JSON";
    return failure();
  }
  std::string custom = "{" + entries + "}";
  if (Attribute existing = kept.get(kCustomKey)) {
    auto text = dyn_cast<StringAttr>(existing);
    llvm::Expected<json::Document> parsed =
        text ? json::parse(text.getValue())
             : llvm::Expected<json::Document>(json::Document());
    if (!parsed)
      llvm::consumeError(parsed.takeError());
    if (!text || !parsed || !parsed->getAsObject()) {
      error = "the metadata entry 'custom' is not a JSON object, so it "
              "cannot carry mode's records";
      return failure();
    }
    if (!parsed->getAsObject()->empty())
      custom = text.getValue().rtrim().drop_back().str() + ", " + entries + "}";
  }
  kept.set(kCustomKey, StringAttr::get(metadata.getContext(), custom));
  return kept.getDictionary(metadata.getContext());
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

std::optional<llvm::StringRef> getBufferPrefix(llvm::StringRef name,
                                               llvm::StringRef suffix) {
  if (name == suffix)
    return llvm::StringRef();
  if (name.size() > suffix.size() + 1 && name.ends_with(suffix) &&
      name[name.size() - suffix.size() - 1] == '.')
    return name.drop_back(suffix.size() + 1);
  return std::nullopt;
}

llvm::StringRef getInnermostModuleType(llvm::StringRef nnModuleStack) {
  // "key,path,type;key,path,type": the type of the last entry.
  llvm::StringRef last = nnModuleStack.rsplit(';').second;
  if (last.empty())
    last = nnModuleStack;
  return last.rsplit(',').second;
}

} // namespace mode::pt2
