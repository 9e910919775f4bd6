//===- JSONDocument.cpp - A compact tree of a JSON text -------------------===//
//
// The parser follows llvm::json's (llvm/lib/Support/JSON.cpp) check for
// check, so that both accept the same texts and read the same values; on an
// error it lets llvm::json::parse say what the error is.
//
//===----------------------------------------------------------------------===//

#include "JSONDocument.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/JSON.h"

#include <algorithm>

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>

namespace mode::pt2::json {

//===----------------------------------------------------------------------===//
// Values
//===----------------------------------------------------------------------===//

Value::Kind Value::kind() const {
  switch (type) {
  case T_Null:
  case T_Erased:
    return Null;
  case T_Boolean:
    return Boolean;
  case T_Integer:
  case T_UINT64:
  case T_Double:
    return Number;
  case T_String:
    return String;
  case T_Array:
    return Array;
  case T_Object:
    return Object;
  }
  return Null;
}

std::optional<std::nullptr_t> Value::getAsNull() const {
  if (type == T_Null)
    return nullptr;
  return std::nullopt;
}

std::optional<bool> Value::getAsBoolean() const {
  if (type == T_Boolean)
    return boolean;
  return std::nullopt;
}

std::optional<double> Value::getAsNumber() const {
  if (type == T_Double)
    return number;
  if (type == T_Integer)
    return integer;
  if (type == T_UINT64)
    return uint64;
  return std::nullopt;
}

std::optional<int64_t> Value::getAsInteger() const {
  if (type == T_Integer)
    return integer;
  if (type == T_UINT64 &&
      uint64 <= uint64_t(std::numeric_limits<int64_t>::max()))
    return int64_t(uint64);
  if (type == T_Double) {
    double d = number;
    if (std::modf(d, &d) == 0.0 &&
        d >= double(std::numeric_limits<int64_t>::min()) &&
        d <= double(std::numeric_limits<int64_t>::max()))
      return int64_t(d);
  }
  return std::nullopt;
}

std::optional<uint64_t> Value::getAsUINT64() const {
  if (type == T_UINT64)
    return uint64;
  if (type == T_Integer && integer >= 0)
    return uint64_t(integer);
  return std::nullopt;
}

std::optional<llvm::StringRef> Value::getAsString() const {
  if (type == T_String)
    return llvm::StringRef(string.data, string.size);
  return std::nullopt;
}

const json::Object *Value::getAsObject() const {
  return type == T_Object ? object : nullptr;
}

json::Object *Value::getAsObject() {
  return type == T_Object ? object : nullptr;
}

const json::Array *Value::getAsArray() const {
  return type == T_Array ? array : nullptr;
}

//===----------------------------------------------------------------------===//
// Objects
//===----------------------------------------------------------------------===//

Member *Object::find(llvm::StringRef key) const {
  if (index) {
    auto it = index->find(key);
    return it == index->end() ? nullptr : &members[it->second];
  }
  for (Member *member = members, *end = members + count; member != end;
       ++member)
    if (member->second.type != Value::T_Erased && member->first == key)
      return member;
  return nullptr;
}

const Value *Object::get(llvm::StringRef key) const {
  Member *member = find(key);
  if (!member || member->second.type == Value::T_Erased)
    return nullptr;
  return &member->second;
}

Value *Object::get(llvm::StringRef key) {
  return const_cast<Value *>(std::as_const(*this).get(key));
}

std::optional<bool> Object::getBoolean(llvm::StringRef key) const {
  const Value *value = get(key);
  return value ? value->getAsBoolean() : std::nullopt;
}

std::optional<double> Object::getNumber(llvm::StringRef key) const {
  const Value *value = get(key);
  return value ? value->getAsNumber() : std::nullopt;
}

std::optional<int64_t> Object::getInteger(llvm::StringRef key) const {
  const Value *value = get(key);
  return value ? value->getAsInteger() : std::nullopt;
}

std::optional<llvm::StringRef> Object::getString(llvm::StringRef key) const {
  const Value *value = get(key);
  return value ? value->getAsString() : std::nullopt;
}

const json::Object *Object::getObject(llvm::StringRef key) const {
  const Value *value = get(key);
  return value ? value->getAsObject() : nullptr;
}

json::Object *Object::getObject(llvm::StringRef key) {
  Value *value = get(key);
  return value ? value->getAsObject() : nullptr;
}

const json::Array *Object::getArray(llvm::StringRef key) const {
  const Value *value = get(key);
  return value ? value->getAsArray() : nullptr;
}

bool Object::erase(llvm::StringRef key) {
  Value *value = get(key);
  if (!value)
    return false;
  value->type = Value::T_Erased;
  --live;
  return true;
}

//===----------------------------------------------------------------------===//
// Parsing
//===----------------------------------------------------------------------===//

/// Objects of more members than this get an index.
static constexpr size_t kIndexThreshold = 16;

/// llvm::json's parser, building into the document's arena. Every failure
/// returns false; parse() then asks llvm::json for the message.
class Parser {
public:
  Parser(llvm::StringRef text, Document &document, size_t depth = 0)
      : start(text.begin()), p(text.begin()), end(text.end()),
        document(document), depth(depth) {}

  bool parseValue(Value &out);
  bool atEnd() {
    eatWhitespace();
    return p == end;
  }

  /// The first error: llvm::json's message for it, and where.
  const char *errorMessage = nullptr;
  const char *errorAt = nullptr;
  bool parseError(const char *message) {
    if (!errorMessage) {
      errorMessage = message;
      errorAt = p;
    }
    return false;
  }

private:
  void eatWhitespace() {
    while (p != end && (*p == ' ' || *p == '\r' || *p == '\n' || *p == '\t'))
      ++p;
  }
  char next() { return p == end ? 0 : *p++; }
  char peek() { return p == end ? 0 : *p; }
  static bool isNumber(char c) {
    return (c >= '0' && c <= '9') || c == 'e' || c == 'E' || c == '+' ||
           c == '-' || c == '.';
  }
  bool parseNumber(char first, Value &out);
  bool parseString(Value &out);
  bool parseUnicode(std::string &out);
  bool parseArray(Value &out);
  bool parseObject(Value &out);
  template <typename T> T *copy(llvm::ArrayRef<T> items) {
    T *block = document.arena.Allocate<T>(items.size());
    std::uninitialized_copy(items.begin(), items.end(), block);
    return block;
  }

  const char *start, *p, *end;
  Document &document;

public:
  /// Open arrays and objects: parseValue recurses once per level.
  size_t depth = 0;
  bool tooDeep = false;
};

bool Parser::parseValue(Value &out) {
  eatWhitespace();
  if (p == end)
    return parseError("Unexpected EOF");
  switch (char c = next()) {
  case 'n':
    out.type = Value::T_Null;
    return (next() == 'u' && next() == 'l' && next() == 'l') ||
           parseError("Invalid JSON value (null?)");
  case 't':
    out.type = Value::T_Boolean;
    out.boolean = true;
    return (next() == 'r' && next() == 'u' && next() == 'e') ||
           parseError("Invalid JSON value (true?)");
  case 'f':
    out.type = Value::T_Boolean;
    out.boolean = false;
    return (next() == 'a' && next() == 'l' && next() == 's' &&
            next() == 'e') ||
           parseError("Invalid JSON value (false?)");
  case '"':
    return parseString(out);
  case '[':
  case '{': {
    if (depth == kMaxNestingDepth) {
      tooDeep = true;
      return false;
    }
    ++depth;
    bool parsed = c == '[' ? parseArray(out) : parseObject(out);
    --depth;
    return parsed;
  }
  default:
    if (isNumber(c))
      return parseNumber(c, out);
    return parseError("Invalid JSON value");
  }
}

bool Parser::parseArray(Value &out) {
  llvm::SmallVector<Value, 8> elements;
  eatWhitespace();
  if (peek() == ']') {
    ++p;
  } else {
    for (;;) {
      elements.emplace_back();
      if (!parseValue(elements.back()))
        return false;
      eatWhitespace();
      char c = next();
      if (c == ',') {
        eatWhitespace();
        continue;
      }
      if (c == ']')
        break;
      return parseError("Expected , or ] after array element");
    }
  }
  auto *array = new (document.arena.Allocate<json::Array>()) json::Array();
  array->elements = copy<Value>(elements);
  array->count = elements.size();
  out.type = Value::T_Array;
  out.array = array;
  return true;
}

bool Parser::parseObject(Value &out) {
  llvm::SmallVector<Member, 8> members;
  eatWhitespace();
  if (peek() == '}') {
    ++p;
  } else {
    for (;;) {
      if (next() != '"')
        return parseError("Expected object key");
      Value key;
      if (!parseString(key))
        return false;
      eatWhitespace();
      if (next() != ':')
        return parseError("Expected : after object key");
      eatWhitespace();
      members.emplace_back(*key.getAsString(), Value());
      if (!parseValue(members.back().second))
        return false;
      eatWhitespace();
      char c = next();
      if (c == ',') {
        eatWhitespace();
        continue;
      }
      if (c == '}')
        break;
      return parseError("Expected , or } after object property");
    }
  }
  auto *object = new (document.arena.Allocate<json::Object>()) json::Object();
  object->members = copy<Member>(members);
  object->count = object->live = members.size();
  // Of duplicate keys, the last one counts (llvm::json assigns in turn).
  if (members.size() > kIndexThreshold) {
    document.indexes.push_back(
        std::make_unique<llvm::DenseMap<llvm::StringRef, size_t>>());
    auto &index = *document.indexes.back();
    index.reserve(members.size());
    for (size_t i = 0; i < members.size(); ++i) {
      auto [it, inserted] = index.try_emplace(object->members[i].first, i);
      if (!inserted) {
        object->members[it->second].second.type = Value::T_Erased;
        --object->live;
        it->second = i;
      }
    }
    object->index = &index;
  } else {
    for (size_t i = 0; i < members.size(); ++i)
      for (size_t j = i + 1; j < members.size(); ++j)
        if (members[i].first == members[j].first) {
          object->members[i].second.type = Value::T_Erased;
          --object->live;
          break;
        }
  }
  out.type = Value::T_Object;
  out.object = object;
  return true;
}

bool Parser::parseNumber(char first, Value &out) {
  // As llvm::json: an int64_t if it reads as one, else a uint64_t, else a
  // double; strto* need the text NUL-terminated.
  llvm::SmallString<24> text;
  text.push_back(first);
  while (isNumber(peek()))
    text.push_back(next());
  const char *begin = text.c_str(), *last = begin + text.size();
  char *stop;
  errno = 0;
  int64_t i = std::strtoll(begin, &stop, 10);
  if (stop == last && errno != ERANGE) {
    out.type = Value::T_Integer;
    out.integer = i;
    return true;
  }
  if (first != '-') {
    errno = 0;
    uint64_t u = std::strtoull(begin, &stop, 10);
    if (stop == last && errno != ERANGE) {
      out.type = Value::T_UINT64;
      out.uint64 = u;
      return true;
    }
  }
  out.type = Value::T_Double;
  out.number = std::strtod(begin, &stop);
  return stop == last || parseError("Invalid JSON value (number?)");
}

static void encodeUTF8(uint32_t rune, std::string &out) {
  if (rune < 0x80) {
    out.push_back(rune & 0x7F);
  } else if (rune < 0x800) {
    out.push_back(0xC0 | ((rune & 0x7C0) >> 6));
    out.push_back(0x80 | (rune & 0x3F));
  } else if (rune < 0x10000) {
    out.push_back(0xE0 | ((rune & 0xF000) >> 12));
    out.push_back(0x80 | ((rune & 0xFC0) >> 6));
    out.push_back(0x80 | (rune & 0x3F));
  } else {
    out.push_back(0xF0 | ((rune & 0x1F0000) >> 18));
    out.push_back(0x80 | ((rune & 0x3F000) >> 12));
    out.push_back(0x80 | ((rune & 0xFC0) >> 6));
    out.push_back(0x80 | (rune & 0x3F));
  }
}

bool Parser::parseString(Value &out) {
  // The opening quote is consumed. Without escapes the string is the text.
  const char *begin = p;
  while (p != end && *p != '"' && *p != '\\' && (*p & 0x1f) != *p)
    ++p;
  if (p != end && *p == '"') {
    out.type = Value::T_String;
    out.string = {begin, size_t(p - begin)};
    ++p;
    return true;
  }
  std::string decoded(begin, p);
  for (char c = next(); c != '"'; c = next()) {
    if (p == end)
      return parseError("Unterminated string");
    if ((c & 0x1f) == c)
      return parseError("Control character in string");
    if (c != '\\') {
      decoded.push_back(c);
      continue;
    }
    switch (c = next()) {
    case '"':
    case '\\':
    case '/':
      decoded.push_back(c);
      break;
    case 'b':
      decoded.push_back('\b');
      break;
    case 'f':
      decoded.push_back('\f');
      break;
    case 'n':
      decoded.push_back('\n');
      break;
    case 'r':
      decoded.push_back('\r');
      break;
    case 't':
      decoded.push_back('\t');
      break;
    case 'u':
      if (!parseUnicode(decoded))
        return false;
      break;
    default:
      return parseError("Invalid escape sequence");
    }
  }
  char *copied = document.arena.Allocate<char>(decoded.size());
  std::copy(decoded.begin(), decoded.end(), copied);
  out.type = Value::T_String;
  out.string = {copied, decoded.size()};
  return true;
}

bool Parser::parseUnicode(std::string &out) {
  // Unlike llvm::json, an unpaired surrogate is kept, as the three bytes
  // UTF-8 would give it (WTF-8), not replaced by U+FFFD: Python writes the
  // bytes of a name that are not UTF-8 as such surrogates
  // (`surrogateescape`), and the JSON writer writes them back the same.
  auto parse4Hex = [this](uint16_t &value) {
    value = 0;
    char bytes[] = {next(), next(), next(), next()};
    for (unsigned char c : bytes) {
      if (!std::isxdigit(c))
        return parseError("Invalid \\u escape sequence");
      value <<= 4;
      value |= (c > '9') ? (c & ~0x20) - 'A' + 10 : (c - '0');
    }
    return true;
  };
  uint16_t first;
  if (!parse4Hex(first))
    return false;
  while (true) {
    if (first < 0xD800 || first >= 0xDC00) {
      encodeUTF8(first, out); // a code point, or an unpaired low surrogate
      return true;
    }
    if (p + 2 > end || *p != '\\' || *(p + 1) != 'u') {
      encodeUTF8(first, out);
      return true;
    }
    p += 2;
    uint16_t second;
    if (!parse4Hex(second))
      return false;
    if (second < 0xDC00 || second >= 0xE000) {
      encodeUTF8(first, out);
      first = second;
      continue;
    }
    encodeUTF8(0x10000 | ((first - 0xD800) << 10) | (second - 0xDC00), out);
    return true;
  }
}

/// llvm::json's form of a parse error: "[line:column, byte=offset]: message"
/// (the column counted from 0).
static llvm::Error makeParseError(llvm::StringRef text, size_t offset,
                                  const char *message) {
  auto [line, column] = getLineAndColumn(text, offset);
  return llvm::createStringError(
      "[" + llvm::Twine(line) + ":" + llvm::Twine(column - 1) +
      ", byte=" + llvm::Twine(offset) + "]: " + message);
}

std::pair<unsigned, unsigned> getLineAndColumn(llvm::StringRef text,
                                               size_t offset) {
  offset = std::min(offset, text.size());
  llvm::StringRef before = text.take_front(offset);
  unsigned line = 1 + before.count('\n');
  size_t lineStart = before.rfind('\n');
  unsigned column =
      offset - (lineStart == llvm::StringRef::npos ? 0 : lineStart + 1) + 1;
  return {line, column};
}

llvm::Expected<Document> parse(llvm::StringRef text, size_t depth) {
  Document document;
  size_t invalidAt;
  if (!llvm::json::isUTF8(text, &invalidAt))
    return makeParseError(text, invalidAt, "Invalid UTF-8 sequence");
  Parser parser(text, document, depth);
  if (parser.parseValue(document)) {
    if (parser.atEnd())
      return std::move(document);
    parser.parseError("Text after end of document");
  }
  // llvm::json would recurse as deep, with no bound.
  if (parser.tooDeep)
    return llvm::createStringError(
        "nests deeper than " + llvm::Twine(kMaxNestingDepth) + " levels");
  return makeParseError(text, parser.errorAt - text.begin(),
                        parser.errorMessage);
}

//===----------------------------------------------------------------------===//
// Cursor
//===----------------------------------------------------------------------===//

Cursor::Cursor(llvm::StringRef text) : text(text) {}

void Cursor::eatWhitespace() {
  while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\r' ||
                               text[pos] == '\n' || text[pos] == '\t'))
    ++pos;
}

bool Cursor::fail(size_t at, std::string message) {
  if (failed())
    return false;
  errorOffset = at;
  errorMessage = std::move(message);
  return false;
}

bool Cursor::checkUTF8() {
  size_t invalidAt;
  if (llvm::json::isUTF8(text, &invalidAt))
    return true;
  return fail(invalidAt, "Invalid UTF-8 sequence");
}

bool Cursor::begin(char open) {
  eatWhitespace();
  if (pos == text.size())
    return fail(pos, "Unexpected EOF");
  if (text[pos] != open)
    return fail(pos, open == '{' ? "expected an object" : "expected a list");
  if (containers.size() + 1 > kMaxNestingDepth)
    return tooDeep = true, fail(0, "nests too deep");
  ++pos;
  containers.push_back({open, false});
  return true;
}

bool Cursor::next(std::string *key) {
  if (failed() || containers.empty())
    return false;
  auto &[open, started] = containers.back();
  char close = open == '{' ? '}' : ']';
  eatWhitespace();
  if (!started) {
    started = true;
    if (pos < text.size() && text[pos] == close) {
      ++pos;
      containers.pop_back();
      return false;
    }
  } else {
    char c = pos < text.size() ? text[pos++] : 0;
    if (c == close) {
      containers.pop_back();
      return false;
    }
    if (c != ',')
      return fail(pos, open == '{' ? "Expected , or } after object property"
                                   : "Expected , or ] after array element");
    eatWhitespace();
  }
  if (open == '[')
    return true;
  // As the parser, past the character it found.
  if (pos == text.size() || text[pos] != '"')
    return fail(std::min(pos + 1, text.size()), "Expected object key");
  // The key, decoded as the parser decodes strings.
  size_t keyStart = pos;
  size_t keyEnd;
  if (!skipString(keyEnd))
    return false;
  llvm::StringRef raw = text.slice(keyStart + 1, keyEnd - 1);
  if (!raw.contains('\\')) {
    key->assign(raw.begin(), raw.end());
  } else {
    llvm::Expected<Document> decoded =
        parse(text.slice(keyStart, keyEnd), containers.size());
    if (!decoded) {
      llvm::consumeError(decoded.takeError());
      return fail(keyStart, "Invalid escape sequence");
    }
    *key = decoded->getAsString()->str();
  }
  eatWhitespace();
  if (pos == text.size() || text[pos] != ':')
    return fail(std::min(pos + 1, text.size()), "Expected : after object key");
  ++pos;
  eatWhitespace();
  return true;
}

bool Cursor::skipString(size_t &stringEnd) {
  // At the opening quote; control characters and escapes are the parser's
  // to judge, when the piece is parsed.
  // memchr, not find_first_of: stack traces make most of a program's text,
  // and find_first_of tests a character set byte by byte (a third of
  // mode-pt2's instructions on a large program went there). The quote found
  // stays the candidate end until an escape reaches it.
  const char *data = text.data();
  const size_t size = text.size();
  size_t i = pos + 1;
  size_t quote = llvm::StringRef::npos;
  for (;;) {
    if (quote == llvm::StringRef::npos || quote < i) {
      const void *found = i < size ? std::memchr(data + i, '"', size - i)
                                   : nullptr;
      if (!found) {
        pos = size;
        return fail(pos, "Unterminated string");
      }
      quote = static_cast<const char *>(found) - data;
    }
    const void *escape = std::memchr(data + i, '\\', quote - i);
    if (!escape) {
      pos = stringEnd = quote + 1;
      return true;
    }
    // A backslash and the character it escapes.
    i = static_cast<const char *>(escape) - data + 2;
    if (i > size) {
      pos = size;
      return fail(pos, "Unterminated string");
    }
  }
}

bool Cursor::skip(size_t &valueBegin, size_t &valueEnd) {
  eatWhitespace();
  valueBegin = pos;
  if (!failed())
    failedValue = pos;
  bool skipped = skipValue(valueEnd);
  if (skipped)
    failedValue.reset();
  return skipped;
}

bool Cursor::skipValue(size_t &valueEnd) {
  if (pos == text.size())
    return fail(pos, "Unexpected EOF");
  char c = text[pos];
  if (c == '"')
    return skipString(valueEnd);
  if (c != '[' && c != '{') {
    // A number or a literal: up to what may follow a value.
    size_t stop = text.find_first_of(",]} \t\r\n", pos);
    pos = valueEnd = stop == llvm::StringRef::npos ? text.size() : stop;
    return true;
  }
  size_t depth = 0;
  while (pos < text.size()) {
    char d = text[pos];
    if (d == '"') {
      size_t stringEnd;
      if (!skipString(stringEnd))
        return false;
      continue;
    }
    ++pos;
    if (d == '[' || d == '{') {
      if (containers.size() + ++depth > kMaxNestingDepth)
        return tooDeep = true, fail(0, "nests too deep");
    } else if ((d == ']' || d == '}') && --depth == 0) {
      valueEnd = pos;
      return true;
    }
  }
  return fail(pos, "Unexpected EOF");
}

bool Cursor::atEnd() {
  eatWhitespace();
  return pos == text.size() || fail(pos, "Text after end of document");
}

} // namespace mode::pt2::json
