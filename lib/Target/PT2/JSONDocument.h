//===- JSONDocument.h - A compact tree of a JSON text -----------*- C++ -*-===//
//
// The JSON of a program, parsed once and read in place: the values of
// llvm::json (same kinds, same numbers, same strings, the same texts
// accepted and the same error messages), in a fraction of the memory. An
// llvm::json::Object is a hash table of at least 64 buckets, about 4 KB for
// an object of one member, and a program of PyTorch's is mostly such
// objects (`{"as_int": 3}`, `{"as_tensor": {"name": "x"}}`): a 200 MB
// program took 16 GB. Here every object and array is one block of its
// members in the document's arena, and strings without escapes point into
// the text, which must outlive the document.
//
//===----------------------------------------------------------------------===//

#ifndef MODE_LIB_TARGET_PT2_JSONDOCUMENT_H
#define MODE_LIB_TARGET_PT2_JSONDOCUMENT_H

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Allocator.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mode::pt2::json {

class Array;
class Object;

/// A JSON value: a view into its document.
class Value {
public:
  enum Kind { Null, Boolean, Number, String, Array, Object };

  Value() = default;
  Value(std::nullptr_t) {}

  Kind kind() const;

  std::optional<std::nullptr_t> getAsNull() const;
  std::optional<bool> getAsBoolean() const;
  /// As llvm::json: any number, as a double.
  std::optional<double> getAsNumber() const;
  /// As llvm::json: a number exactly representable as int64_t.
  std::optional<int64_t> getAsInteger() const;
  /// As llvm::json: a non-negative integer.
  std::optional<uint64_t> getAsUINT64() const;
  std::optional<llvm::StringRef> getAsString() const;
  const json::Object *getAsObject() const;
  json::Object *getAsObject();
  const json::Array *getAsArray() const;

private:
  friend class Parser;
  friend class json::Object;
  enum Type : uint8_t {
    T_Null,
    T_Boolean,
    T_Integer,
    T_UINT64,
    T_Double,
    T_String,
    T_Array,
    T_Object,
    /// A member erase()d from its object.
    T_Erased
  };

  Type type = T_Null;
  union {
    bool boolean;
    int64_t integer;
    uint64_t uint64;
    double number;
    struct {
      const char *data;
      size_t size;
    } string;
    json::Array *array;
    json::Object *object;
  };
};

/// A member of an object: its key and its value.
using Member = std::pair<llvm::StringRef, Value>;

class Array {
public:
  size_t size() const { return count; }
  bool empty() const { return count == 0; }
  const Value &operator[](size_t index) const { return elements[index]; }
  const Value *begin() const { return elements; }
  const Value *end() const { return elements + count; }

private:
  friend class Parser;
  Value *elements = nullptr;
  size_t count = 0;
};

/// An object. Members iterate in the order of the text; of duplicate keys
/// only the last is kept, as llvm::json does.
class Object {
public:
  class iterator {
  public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = Member;
    using difference_type = std::ptrdiff_t;
    using pointer = const Member *;
    using reference = const Member &;

    iterator(const Member *at, const Member *end) : at(at), end(end) { skip(); }
    reference operator*() const { return *at; }
    pointer operator->() const { return at; }
    iterator &operator++() {
      ++at;
      skip();
      return *this;
    }
    bool operator==(const iterator &other) const { return at == other.at; }
    bool operator!=(const iterator &other) const { return at != other.at; }

  private:
    void skip() {
      while (at != end && at->second.type == Value::T_Erased)
        ++at;
    }
    const Member *at, *end;
  };

  size_t size() const { return live; }
  bool empty() const { return live == 0; }
  iterator begin() const { return {members, members + count}; }
  iterator end() const { return {members + count, members + count}; }

  const Value *get(llvm::StringRef key) const;
  Value *get(llvm::StringRef key);
  std::optional<bool> getBoolean(llvm::StringRef key) const;
  std::optional<double> getNumber(llvm::StringRef key) const;
  std::optional<int64_t> getInteger(llvm::StringRef key) const;
  std::optional<llvm::StringRef> getString(llvm::StringRef key) const;
  const json::Object *getObject(llvm::StringRef key) const;
  json::Object *getObject(llvm::StringRef key);
  const json::Array *getArray(llvm::StringRef key) const;

  /// Removes the member `key`; returns whether there was one.
  bool erase(llvm::StringRef key);

private:
  friend class Parser;
  Member *find(llvm::StringRef key) const;

  Member *members = nullptr;
  size_t count = 0;
  /// Members not erased.
  size_t live = 0;
  /// Key -> member, for objects too large to search (tensor_values).
  llvm::DenseMap<llvm::StringRef, size_t> *index = nullptr;
};

/// A parsed text: its root value, and the memory of all its values.
class Document : public Value {
public:
  Document() = default;
  Document(Document &&) = default;
  Document &operator=(Document &&) = default;

private:
  friend class Parser;
  llvm::BumpPtrAllocator arena;
  std::vector<std::unique_ptr<llvm::DenseMap<llvm::StringRef, size_t>>> indexes;
};

/// PyTorch programs nest about 15 levels; far more is not a program, and
/// parsing recurses once per level.
inline constexpr size_t kMaxNestingDepth = 512;

/// Parses `text`, which must outlive the document. Accepts what
/// llvm::json::parse accepts and nests at most kMaxNestingDepth levels (less
/// `depth`, the levels the text is nested in), and fails with llvm::json's
/// error otherwise ("[line:column, byte=offset]: message", the column from
/// 0). One difference: a `\u` escape of an unpaired surrogate is kept as
/// the three bytes UTF-8 would give that code point (WTF-8), where
/// llvm::json writes U+FFFD, so that writing the string back gives the
/// same text.
llvm::Expected<Document> parse(llvm::StringRef text, size_t depth = 0);

/// The 1-based line and column of `offset` in `text`.
std::pair<unsigned, unsigned> getLineAndColumn(llvm::StringRef text,
                                               size_t offset);

/// Walks the arrays and objects of a JSON text without building them, for
/// texts too large to hold as a tree: it enters containers, steps through
/// their members, and skips values, giving their place in the text, to be
/// parsed piece by piece. It checks the structure it walks as the parser
/// does, with the parser's messages; what it skips is checked only when
/// parsed.
///
///   json::Cursor cursor(text);
///   std::string key;
///   if (cursor.begin('{'))
///     while (cursor.next(&key))
///       if (key == "nodes") ... else cursor.skip(begin, end);
///   if (cursor.failed()) ... cursor.getErrorOffset(), getErrorMessage()
class Cursor {
public:
  explicit Cursor(llvm::StringRef text);

  /// Checks that the whole text is UTF-8, as the parser does first.
  bool checkUTF8();
  /// Enters the object ('{') or array ('[') at the cursor.
  bool begin(char open);
  /// Steps to the next member of the innermost open object (its key in
  /// `key`, the cursor at its value) or element of the innermost open
  /// array; false, leaving the container, after the last one (or on an
  /// error: see failed()).
  bool next(std::string *key = nullptr);
  /// Skips the value at the cursor: [valueBegin, valueEnd) in the text.
  bool skip(size_t &valueBegin, size_t &valueEnd);
  /// Checks that only whitespace follows.
  bool atEnd();

  size_t getOffset() const { return pos; }
  size_t getDepth() const { return containers.size(); }
  bool failed() const { return !errorMessage.empty(); }
  bool isTooDeep() const { return tooDeep; }
  size_t getErrorOffset() const { return errorOffset; }
  /// Where the value skip() failed on begins, if it failed in one: parsing
  /// the text from there says why, as the parser words it.
  std::optional<size_t> getFailedValueBegin() const { return failedValue; }
  llvm::StringRef getErrorMessage() const { return errorMessage; }

private:
  void eatWhitespace();
  bool skipValue(size_t &valueEnd);
  bool skipString(size_t &stringEnd);
  bool fail(size_t at, std::string message);

  llvm::StringRef text;
  size_t pos = 0;
  /// The open containers: their opening character, and whether an element
  /// was read.
  llvm::SmallVector<std::pair<char, bool>, 16> containers;
  size_t errorOffset = 0;
  std::optional<size_t> failedValue;
  std::string errorMessage;
  bool tooDeep = false;
};

} // namespace mode::pt2::json

#endif // MODE_LIB_TARGET_PT2_JSONDOCUMENT_H
