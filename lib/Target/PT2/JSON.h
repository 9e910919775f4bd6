//===- JSON.h - The archive's JSON as attributes, and back ------*- C++ -*-===//
//
// The JSON of a PyTorch archive kept as MLIR attributes (objects as
// dictionaries, arrays as arrays, strings, 64-bit integers and floats,
// booleans, null as the unit attribute), written back the way Python's
// `json.dumps` writes it, and positions in the JSON text for diagnostics.
//
//===----------------------------------------------------------------------===//

#ifndef MODE_LIB_TARGET_PT2_JSON_H
#define MODE_LIB_TARGET_PT2_JSON_H

#include "JSONDocument.h"

#include "mode/Dialect/PT2/IR/PT2Arguments.h"

#include "mlir/IR/Attributes.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <variant>
#include <vector>

namespace mode::pt2 {

/// One step of a path into a JSON document: an object key or an array index.
using JSONPathStep = std::variant<std::string, size_t>;

/// Converts a JSON value to attributes. Fails, saying why in `error` and
/// where in `errorPath` (from `value`), on what an attribute cannot hold or
/// write back as it was: an empty object key, an integer beyond int64, a
/// number beyond the doubles.
mlir::Attribute jsonToAttribute(const json::Value &value,
                                mlir::MLIRContext *context, std::string &error,
                                std::vector<JSONPathStep> *errorPath = nullptr);

/// Writes JSON the way Python's `json.dumps` does with its default
/// separators (`", "`, `": "`): what `torch.export.save` writes. Floats are
/// written with the fewest digits that read back as the same double, as
/// Python's `repr`; non-finite floats as the strings PyTorch uses.
class JSONWriter {
public:
  explicit JSONWriter(llvm::raw_ostream &os) : os(os) {}

  void null() { separate(), os << "null"; }
  void boolean(bool value) { separate(), os << (value ? "true" : "false"); }
  void integer(int64_t value) { separate(), os << value; }
  void number(double value);
  void string(llvm::StringRef value);
  void objectBegin();
  void key(llvm::StringRef name);
  void objectEnd();
  void arrayBegin();
  void arrayEnd();

  /// Writes `attr`, an attribute tree from jsonToAttribute, with `resolve`
  /// turning attributes that are not JSON (as `#pt2.operand`) into a string.
  mlir::LogicalResult
  attribute(mlir::Attribute attr,
            llvm::function_ref<mlir::FailureOr<std::string>(mlir::Attribute)>
                resolve = nullptr);

  /// Writes a parsed JSON value.
  void value(const json::Value &value);

  /// Writes `text`, a JSON value as json.dumps writes it, as it is: a piece
  /// of the program copied from the archive.
  void raw(llvm::StringRef text) {
    separate();
    os << text;
  }

private:
  void separate();

  llvm::raw_ostream &os;
  /// One entry per open object or array: whether it has an element yet.
  llvm::SmallVector<bool> hasElement;
  bool afterKey = false;
};

/// Finds the 1-based line and column in `text` where the value at `path`
/// starts, or where the path stops existing. Only called to report errors.
std::pair<unsigned, unsigned>
findJSONPosition(llvm::StringRef text, llvm::ArrayRef<JSONPathStep> path);

/// The offset in `text` of findJSONPosition's place.
size_t findJSONOffset(llvm::StringRef text, llvm::ArrayRef<JSONPathStep> path);

/// The offsets in `text` where the elements of the array at `path` start, in
/// one pass over the text.
std::vector<size_t> findArrayElementOffsets(llvm::StringRef text,
                                            llvm::ArrayRef<JSONPathStep> path);

} // namespace mode::pt2

#endif // MODE_LIB_TARGET_PT2_JSON_H
