//===- JSON.cpp - The archive's JSON as attributes, and back --------------===//

#include "JSON.h"

#include "mode/Dialect/PT2/IR/PT2Dialect.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/Format.h"

#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>

using namespace mlir;

namespace mode::pt2 {

//===----------------------------------------------------------------------===//
// JSON to attributes
//===----------------------------------------------------------------------===//

Attribute jsonToAttribute(const json::Value &value, MLIRContext *context,
                          std::string &error,
                          std::vector<JSONPathStep> *errorPath) {
  Builder builder(context);
  switch (value.kind()) {
  case json::Value::Null:
    return builder.getUnitAttr();
  case json::Value::Boolean:
    return builder.getBoolAttr(*value.getAsBoolean());
  case json::Value::Number:
    if (std::optional<int64_t> i = value.getAsInteger())
      return builder.getI64IntegerAttr(*i);
    if (value.getAsUINT64()) {
      error = "integer " + std::to_string(*value.getAsUINT64()) +
              " is beyond 64-bit signed integers";
      return {};
    }
    // A number past the doubles (1e400) would be written back as the
    // string "Infinity".
    if (!std::isfinite(*value.getAsNumber())) {
      error = "a number beyond the range of a double";
      return {};
    }
    return builder.getF64FloatAttr(*value.getAsNumber());
  case json::Value::String:
    return builder.getStringAttr(*value.getAsString());
  case json::Value::Array: {
    SmallVector<Attribute> elements;
    for (const json::Value &element : *value.getAsArray()) {
      Attribute attr = jsonToAttribute(element, context, error, errorPath);
      if (!attr) {
        if (errorPath)
          errorPath->insert(errorPath->begin(), elements.size());
        return {};
      }
      elements.push_back(attr);
    }
    return builder.getArrayAttr(elements);
  }
  case json::Value::Object: {
    SmallVector<NamedAttribute> entries;
    for (const auto &[key, element] : *value.getAsObject()) {
      if (llvm::StringRef(key).empty()) {
        error = "an object has an empty key";
        return {};
      }
      Attribute attr = jsonToAttribute(element, context, error, errorPath);
      if (!attr) {
        if (errorPath)
          errorPath->insert(errorPath->begin(), key.str());
        return {};
      }
      entries.emplace_back(builder.getStringAttr(key.str()), attr);
    }
    return builder.getDictionaryAttr(entries);
  }
  }
  return {};
}

//===----------------------------------------------------------------------===//
// Python's float repr
//===----------------------------------------------------------------------===//


//===----------------------------------------------------------------------===//
// JSONWriter
//===----------------------------------------------------------------------===//

void JSONWriter::separate() {
  if (afterKey) {
    afterKey = false;
    return;
  }
  if (hasElement.empty())
    return;
  if (hasElement.back())
    os << ", ";
  hasElement.back() = true;
}

void JSONWriter::number(double value) {
  // Python's json module writes what PyTorch then reads with float():
  // non-finite values are strings.
  if (std::isnan(value))
    return string("NaN");
  if (std::isinf(value))
    return string(value > 0 ? "Infinity" : "-Infinity");
  separate();
  os << formatPythonFloat(value);
}

/// Whether json.dumps writes `c` as it is: printable ASCII but '"' and '\\'.
static bool isPlainASCII(uint8_t c) {
  static constexpr auto kPlain = [] {
    std::array<bool, 256> plain{};
    for (unsigned c = 0x20; c < 0x7F; ++c)
      plain[c] = c != '"' && c != '\\';
    return plain;
  }();
  return kPlain[c];
}

void JSONWriter::string(llvm::StringRef value) {
  separate();
  // As json.dumps with ensure_ascii: ASCII out, everything else escaped.
  os << '"';
  const llvm::UTF8 *next = value.bytes_begin();
  const llvm::UTF8 *end = value.bytes_end();
  while (next < end) {
    // Printable ASCII but quote and backslash goes out as it is, in runs.
    const llvm::UTF8 *run = next;
    while (next < end && isPlainASCII(*next))
      ++next;
    if (next != run)
      os.write(reinterpret_cast<const char *>(run), next - run);
    if (next == end)
      break;
    llvm::UTF32 codePoint;
    if (*next < 0x80) {
      codePoint = *next++;
    } else if (*next == 0xED && end - next >= 3 && (next[1] & 0xE0) == 0xA0 &&
               (next[2] & 0xC0) == 0x80) {
      // A surrogate kept as WTF-8 by the parser: written back as its \u
      // escape, as Python writes it.
      codePoint = 0xD000 | ((next[1] & 0x3F) << 6) | (next[2] & 0x3F);
      next += 3;
    } else if (llvm::convertUTF8Sequence(&next, end, &codePoint,
                                         llvm::strictConversion) !=
               llvm::conversionOK) {
      codePoint = 0xFFFD;
      ++next;
    }
    switch (codePoint) {
    case '"':
      os.write("\\\"", 2);
      continue;
    case '\\':
      os.write("\\\\", 2);
      continue;
    case '\n':
      os.write("\\n", 2);
      continue;
    case '\r':
      os.write("\\r", 2);
      continue;
    case '\t':
      os.write("\\t", 2);
      continue;
    case '\b':
      os.write("\\b", 2);
      continue;
    case '\f':
      os.write("\\f", 2);
      continue;
    default:
      break;
    }
    if (codePoint >= 0x20 && codePoint < 0x7F) {
      os << static_cast<char>(codePoint);
    } else if (codePoint < 0x10000) {
      os << llvm::format("\\u%04x", codePoint);
    } else {
      codePoint -= 0x10000;
      os << llvm::format("\\u%04x\\u%04x", 0xD800 + (codePoint >> 10),
                         0xDC00 + (codePoint & 0x3FF));
    }
  }
  os << '"';
}

void JSONWriter::objectBegin() {
  separate();
  os << '{';
  hasElement.push_back(false);
}

void JSONWriter::key(llvm::StringRef name) {
  string(name);
  os << ": ";
  afterKey = true;
}

void JSONWriter::objectEnd() {
  hasElement.pop_back();
  os << '}';
}

void JSONWriter::arrayBegin() {
  separate();
  os << '[';
  hasElement.push_back(false);
}

void JSONWriter::arrayEnd() {
  hasElement.pop_back();
  os << ']';
}

LogicalResult JSONWriter::attribute(
    Attribute attr,
    llvm::function_ref<FailureOr<std::string>(Attribute)> resolve) {
  if (isa<UnitAttr>(attr)) {
    null();
  } else if (auto b = dyn_cast<BoolAttr>(attr)) {
    boolean(b.getValue());
  } else if (auto i = dyn_cast<IntegerAttr>(attr)) {
    integer(i.getInt());
  } else if (auto f = dyn_cast<FloatAttr>(attr)) {
    number(f.getValueAsDouble());
  } else if (auto s = dyn_cast<StringAttr>(attr)) {
    string(s.getValue());
  } else if (auto array = dyn_cast<ArrayAttr>(attr)) {
    arrayBegin();
    for (Attribute element : array)
      if (failed(attribute(element, resolve)))
        return failure();
    arrayEnd();
  } else if (auto dict = dyn_cast<DictionaryAttr>(attr)) {
    objectBegin();
    for (NamedAttribute entry : dict) {
      key(entry.getName().getValue());
      if (failed(attribute(entry.getValue(), resolve)))
        return failure();
    }
    objectEnd();
  } else {
    if (!resolve)
      return failure();
    FailureOr<std::string> text = resolve(attr);
    if (failed(text))
      return failure();
    string(*text);
  }
  return success();
}

void JSONWriter::value(const json::Value &value) {
  switch (value.kind()) {
  case json::Value::Null:
    return null();
  case json::Value::Boolean:
    return boolean(*value.getAsBoolean());
  case json::Value::Number:
    if (std::optional<int64_t> i = value.getAsInteger())
      return integer(*i);
    return number(*value.getAsNumber());
  case json::Value::String:
    return string(*value.getAsString());
  case json::Value::Array:
    arrayBegin();
    for (const json::Value &element : *value.getAsArray())
      this->value(element);
    return arrayEnd();
  case json::Value::Object:
    // In the order of the text: what was read is written back as it was.
    objectBegin();
    for (const auto &entry : *value.getAsObject()) {
      key(entry.first);
      this->value(entry.second);
    }
    return objectEnd();
  }
}

//===----------------------------------------------------------------------===//
// Positions
//===----------------------------------------------------------------------===//

namespace {

/// A minimal JSON scanner over the raw text: enough to walk to a path.
struct Scanner {
  llvm::StringRef text;
  size_t pos = 0;

  void skipSpace() {
    while (pos < text.size() && llvm::isSpace(text[pos]))
      ++pos;
  }

  /// Reads a string at `pos` (which is at its opening quote), unescaping
  /// the simple escapes; good enough to compare object keys.
  std::string readString() {
    std::string result;
    ++pos;
    while (pos < text.size() && text[pos] != '"') {
      if (text[pos] == '\\' && pos + 1 < text.size()) {
        ++pos;
        char c = text[pos];
        result += c == 'n' ? '\n' : c == 't' ? '\t' : c;
      } else {
        result += text[pos];
      }
      ++pos;
    }
    ++pos;
    return result;
  }

  /// Skips the string at `pos` (which is at its opening quote).
  void skipString() {
    ++pos;
    while (pos < text.size() && text[pos] != '"')
      pos += text[pos] == '\\' && pos + 1 < text.size() ? 2 : 1;
    ++pos;
  }

  /// Skips the value at `pos`.
  void skipValue() {
    skipSpace();
    if (pos >= text.size())
      return;
    char c = text[pos];
    if (c == '"') {
      skipString();
      return;
    }
    if (c != '{' && c != '[') {
      while (pos < text.size() && !llvm::is_contained(",]}", text[pos]) &&
             !llvm::isSpace(text[pos]))
        ++pos;
      return;
    }
    int depth = 0;
    while (pos < text.size()) {
      char d = text[pos];
      if (d == '"') {
        skipString();
        continue;
      }
      if (d == '{' || d == '[')
        ++depth;
      else if (d == '}' || d == ']')
        --depth;
      ++pos;
      if (depth == 0)
        return;
    }
  }

  /// Moves to the value of `key` in the object at `pos`.
  bool enterKey(llvm::StringRef key) {
    skipSpace();
    if (pos >= text.size() || text[pos] != '{')
      return false;
    ++pos;
    while (true) {
      skipSpace();
      if (pos >= text.size() || text[pos] != '"')
        return false;
      std::string name = readString();
      skipSpace();
      if (pos >= text.size() || text[pos] != ':')
        return false;
      ++pos;
      skipSpace();
      if (name == key)
        return true;
      skipValue();
      skipSpace();
      if (pos >= text.size() || text[pos] != ',')
        return false;
      ++pos;
    }
  }

  /// Moves to element `index` of the array at `pos`.
  bool enterIndex(size_t index) {
    skipSpace();
    if (pos >= text.size() || text[pos] != '[')
      return false;
    ++pos;
    for (size_t i = 0; i < index; ++i) {
      skipValue();
      skipSpace();
      if (pos >= text.size() || text[pos] != ',')
        return false;
      ++pos;
    }
    skipSpace();
    return true;
  }
};

} // namespace

/// Walks `scanner` to the value at `path`; returns false, at the deepest
/// place found, if the path does not exist.
static bool enterPath(Scanner &scanner, llvm::ArrayRef<JSONPathStep> path) {
  size_t found = 0;
  for (const JSONPathStep &step : path) {
    bool ok = std::holds_alternative<std::string>(step)
                  ? scanner.enterKey(std::get<std::string>(step))
                  : scanner.enterIndex(std::get<size_t>(step));
    if (!ok) {
      scanner.pos = found;
      return false;
    }
    found = scanner.pos;
  }
  scanner.pos = found;
  scanner.skipSpace();
  return true;
}

std::pair<unsigned, unsigned>
findJSONPosition(llvm::StringRef text, llvm::ArrayRef<JSONPathStep> path) {
  return json::getLineAndColumn(text, findJSONOffset(text, path));
}

size_t findJSONOffset(llvm::StringRef text,
                      llvm::ArrayRef<JSONPathStep> path) {
  Scanner scanner{text};
  (void)enterPath(scanner, path);
  return scanner.pos;
}

std::vector<size_t> findArrayElementOffsets(llvm::StringRef text,
                                            llvm::ArrayRef<JSONPathStep> path) {
  std::vector<size_t> offsets;
  Scanner scanner{text};
  if (!enterPath(scanner, path) || scanner.pos >= text.size() ||
      text[scanner.pos] != '[')
    return offsets;
  ++scanner.pos;
  while (true) {
    scanner.skipSpace();
    if (scanner.pos >= text.size() || text[scanner.pos] == ']')
      return offsets;
    offsets.push_back(scanner.pos);
    scanner.skipValue();
    scanner.skipSpace();
    if (scanner.pos >= text.size() || text[scanner.pos] != ',')
      return offsets;
    ++scanner.pos;
  }
}

} // namespace mode::pt2
