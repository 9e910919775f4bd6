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
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Allocator.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <memory>
#include <optional>
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
/// llvm::json::parse accepts and nests at most kMaxNestingDepth levels, and
/// fails with llvm::json's error otherwise.
llvm::Expected<Document> parse(llvm::StringRef text);

} // namespace mode::pt2::json

#endif // MODE_LIB_TARGET_PT2_JSONDOCUMENT_H
