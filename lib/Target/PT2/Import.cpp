//===- Import.cpp - Reading a PyTorch archive's programs into MLIR --------===//
//
// One function per model JSON, translated one to one: each node becomes one
// op (an `aten` op for the mode-dependent ATen operators, a `pt2.operator`
// for every other), the graph inputs and outputs the function's arguments
// and results. What mode recognises in a program (a batch norm's counter,
// decomposed dropouts, stochastic depth) is the pass pt2-raise-mode-ops's,
// run on the result; mode's own records in node metadata become the ops
// they stand for.
//
// The JSON is read piece by piece: a cursor walks the program's structure
// and each node is parsed alone when it is imported, so that neither the
// whole tree nor the node metadata is ever held. What the IR does not hold
// (node metadata, the program's other fields) stays in the text, where the
// exporter copies it from.
//
// Each step checks what it reads and reports the first problem at its place
// in the JSON (line and column in the archive entry), naming the node where
// there is one; the module is never left half built: the function is
// erased on failure.
//
//===----------------------------------------------------------------------===//

#include "mode/Target/PT2/PT2.h"

#include "CRC32.h"
#include "JSON.h"
#include "PT2Program.h"

#include "mode/Dialect/Aten/IR/AtenOps.h"
#include "mode/Dialect/PT2/IR/PT2Arguments.h"
#include "mode/Dialect/PT2/IR/PT2Ops.h"
#include "mode/Dialect/PT2/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/PDL/IR/PDL.h"
#include "mlir/Dialect/PDLInterp/IR/PDLInterp.h"
#include "mlir/Rewrite/FrozenRewritePatternSet.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/StringSaver.h"

#include <cmath>
#include <cstdlib>

using namespace mlir;

namespace mode::pt2 {
namespace {

using Path = SmallVector<JSONPathStep>;

/// `path` followed by `more`.
Path appendPath(ArrayRef<JSONPathStep> path,
                std::initializer_list<JSONPathStep> more) {
  Path result(path.begin(), path.end());
  result.append(more.begin(), more.end());
  return result;
}

/// A piece of the program text: [begin, end).
struct Span {
  size_t begin = 0, end = 0;
  bool empty() const { return end == begin; }
};

/// The value of a float argument: a JSON number, or one of the strings
/// PyTorch writes for non-finite floats.
std::optional<double> getFloat(const json::Value &value) {
  if (std::optional<double> number = value.getAsNumber())
    return number;
  if (std::optional<llvm::StringRef> text = value.getAsString()) {
    if (*text == "Infinity")
      return INFINITY;
    if (*text == "-Infinity")
      return -INFINITY;
    if (*text == "NaN")
      return NAN;
  }
  return std::nullopt;
}

/// Whether the JSON number `value` is a finite double, or an integer that a
/// double holds exactly: what a float argument can be written back as.
bool isExactDouble(const json::Value &value) {
  if (std::optional<int64_t> i = value.getAsInteger()) {
    double d = static_cast<double>(*i);
    return d < 0x1p63 && static_cast<int64_t>(d) == *i;
  }
  std::optional<double> d = value.getAsNumber();
  return d && std::isfinite(*d) && !value.getAsUINT64();
}

/// The location a node's stack trace gives: its frames, innermost first,
/// each called from the next (`File "x.py", line 12, in forward` lines,
/// outermost first in the text).
Location getStackLocation(MLIRContext *context, llvm::StringRef stackTrace) {
  SmallVector<Location> frames;
  while (true) {
    size_t frame = stackTrace.find("File \"");
    if (frame == llvm::StringRef::npos)
      break;
    stackTrace = stackTrace.drop_front(frame + 6);
    auto [file, tail] = stackTrace.split('"');
    unsigned line = 0;
    if (tail.consume_front(", line "))
      tail.take_while(llvm::isDigit).getAsInteger(10, line);
    frames.push_back(FileLineColLoc::get(context, file, line, 0));
    stackTrace = tail;
  }
  if (frames.empty())
    return UnknownLoc::get(context);
  Location loc = frames.front();
  for (Location callee : llvm::drop_begin(frames))
    loc = CallSiteLoc::get(callee, loc);
  return loc;
}

/// The root of a node's `from_node` provenance (the node of the graph
/// before a decomposition), as [name, target], if it is a dropout or an
/// attention, whose mode a decomposition can drop.
ArrayAttr getDropoutOrigin(MLIRContext *context, llvm::StringRef fromNode) {
  if (!fromNode.contains("dropout") && !fromNode.contains("scaled_dot_product"))
    return {};
  llvm::Expected<json::Document> chain = json::parse(fromNode);
  if (!chain) {
    llvm::consumeError(chain.takeError());
    return {};
  }
  const json::Array *list = chain->getAsArray();
  const json::Object *root = nullptr;
  while (list && !list->empty() && (*list)[0].getAsObject()) {
    root = (*list)[0].getAsObject();
    list = root->getArray("from_node");
  }
  std::optional<llvm::StringRef> name =
      root ? root->getString("name") : std::nullopt;
  std::optional<llvm::StringRef> target =
      root ? root->getString("target") : std::nullopt;
  if (!name || !target)
    return {};
  llvm::StringRef kind =
      target->drop_front(target->starts_with("aten.") ? 5 : 0).split('.').first;
  bool dropout = kind == "dropout" || kind == "dropout_" ||
                 kind == "feature_dropout" || kind == "feature_dropout_" ||
                 kind == "alpha_dropout" || kind == "alpha_dropout_" ||
                 kind == "feature_alpha_dropout" ||
                 kind == "feature_alpha_dropout_";
  if (!dropout && kind != "scaled_dot_product_attention")
    return {};
  Builder b(context);
  return b.getStrArrayAttr({*name, *target});
}

class ProgramImporter {
public:
  ProgramImporter(ModuleOp module, llvm::StringRef modelName,
                  llvm::StringRef text, llvm::StringRef entryName,
                  TimingScope &timing, bool raise)
      : context(module.getContext()), module(module), modelName(modelName),
        text(text), entryName(entryName), timing(timing), raise(raise),
        builder(context), saver(allocator) {}

  LogicalResult run();

private:
  //===--------------------------------------------------------------------===//
  // Diagnostics
  //===--------------------------------------------------------------------===//

  /// The place of `offset` in the entry. Nodes come in order: lines are
  /// counted on from the place asked before, unless it is further on.
  Location getLocationAt(size_t offset) {
    offset = std::min(offset, text.size());
    if (offset >= lastOffset) {
      llvm::StringRef between = text.slice(lastOffset, offset);
      if (size_t newlines = between.count('\n'))
        lastPosition = {lastPosition.first + newlines,
                        offset - text.rfind('\n', offset)};
      else
        lastPosition.second += offset - lastOffset;
      lastOffset = offset;
      return FileLineColLoc::get(context, entryName, lastPosition.first,
                                 lastPosition.second);
    }
    auto [line, column] = json::getLineAndColumn(text, offset);
    return FileLineColLoc::get(context, entryName, line, column);
  }

  /// An error at `offset` in the text; inside the node being imported, the
  /// message starts with the node.
  InFlightDiagnostic emitErrorAt(size_t offset) {
    InFlightDiagnostic diag = mlir::emitError(getLocationAt(offset));
    if (!nodeLabel.empty() && offset >= currentNode.begin &&
        offset < currentNode.end)
      diag << "node " << nodeLabel << ": ";
    return diag;
  }

  /// A value name and what it names.
  using ValueReference = std::pair<StringAttr, ValueKind>;

  /// The one value a graph input or output (`what`) at `path` names, if
  /// any: mode reads entries that hold no subgraph and at most one value.
  FailureOr<std::optional<ValueReference>>
  readSignatureValue(Attribute entry, ArrayRef<JSONPathStep> path,
                     llvm::StringRef what) {
    SmallVector<ValueReference> refs;
    if (failed(walkValueReferences(entry, [&](Attribute ref, ValueKind kind) {
          if (auto refName = dyn_cast<StringAttr>(ref))
            refs.push_back({refName, kind});
        }))) {
      emitError(path) << "a graph " << what << " holds a subgraph";
      return failure();
    }
    if (refs.size() > 1) {
      emitError(path) << "a graph " << what << " names " << refs.size()
                      << " values; mode reads " << what
                      << "s that are one value";
      return failure();
    }
    if (refs.empty())
      return std::optional<ValueReference>();
    return std::optional<ValueReference>(refs.front());
  }

  /// An error at `path` from the start of the program.
  InFlightDiagnostic emitError(ArrayRef<JSONPathStep> path) {
    return emitErrorAt(findJSONOffset(text, path));
  }

  /// An error in the node being imported, at `within` in it (in a record,
  /// at the record's place in the node that holds it).
  InFlightDiagnostic emitNodeError(ArrayRef<JSONPathStep> within = {}) {
    if (recordDepth > 0)
      return emitErrorAt(recordOffset);
    llvm::StringRef nodeText = text.slice(currentNode.begin, currentNode.end);
    return emitErrorAt(currentNode.begin + findJSONOffset(nodeText, within));
  }

  /// An error about the JSON syntax of the piece of text at `base`, as
  /// json::parse reported it ("[line:column, byte=offset]: message").
  LogicalResult emitParseError(llvm::Error error, size_t base) {
    std::string message = llvm::toString(std::move(error));
    if (llvm::StringRef(message).starts_with("nests deeper")) {
      emitErrorAt(0) << "the JSON " << message
                     << ": not a torch.export program";
      return failure();
    }
    llvm::StringRef rest(message);
    size_t byte = 0;
    if (rest.consume_front("[")) {
      size_t at = rest.find("byte=");
      if (at != llvm::StringRef::npos)
        rest.drop_front(at + 5).consumeInteger(10, byte);
      rest = rest.split("]: ").second;
    }
    std::string label = nodeLabel;
    nodeLabel.clear();
    mlir::emitError(getLocationAt(base + byte)) << "invalid JSON: " << rest;
    nodeLabel = label;
    return failure();
  }

  /// Reports why `cursor` stopped: as the parser words it, parsing the
  /// value it failed to skip, where it failed in one.
  LogicalResult reportCursorError(const json::Cursor &cursor) {
    if (cursor.isTooDeep()) {
      emitErrorAt(0) << "the JSON nests deeper than " << json::kMaxNestingDepth
                     << " levels: not a torch.export program";
      return failure();
    }
    if (std::optional<size_t> begin = cursor.getFailedValueBegin()) {
      llvm::Expected<json::Document> parsed =
          json::parse(text.drop_front(*begin), cursor.getDepth());
      if (!parsed)
        return emitParseError(parsed.takeError(), *begin);
    }
    std::string label = nodeLabel;
    nodeLabel.clear();
    emitErrorAt(cursor.getErrorOffset())
        << "invalid JSON: " << cursor.getErrorMessage();
    nodeLabel = label;
    return failure();
  }

  /// Parses the piece `span` of the text, reporting its syntax errors.
  FailureOr<json::Document> parsePiece(Span span, size_t depth) {
    llvm::Expected<json::Document> parsed =
        json::parse(text.slice(span.begin, span.end), depth);
    if (!parsed) {
      (void)emitParseError(parsed.takeError(), span.begin);
      return failure();
    }
    return std::move(*parsed);
  }

  //===--------------------------------------------------------------------===//
  // Reading JSON
  //===--------------------------------------------------------------------===//

  static llvm::StringRef describe(json::Value::Kind kind) {
    switch (kind) {
    case json::Value::Null:
      return "null";
    case json::Value::Boolean:
      return "a boolean";
    case json::Value::Number:
      return "a number";
    case json::Value::String:
      return "a string";
    case json::Value::Array:
      return "a list";
    case json::Value::Object:
      return "an object";
    }
    return "";
  }

  /// The member `key` of `object` (in the node being imported, at `path`
  /// within it), which must be there with the given kind.
  const json::Value *getNodeMember(const json::Object &object,
                                   llvm::StringRef key, json::Value::Kind kind,
                                   ArrayRef<JSONPathStep> path) {
    const json::Value *member = object.get(key);
    if (!member) {
      emitNodeError(path) << "missing field '" << key << "'";
      return nullptr;
    }
    if (member->kind() != kind) {
      emitNodeError(appendPath(path, {key.str()}))
          << "field '" << key << "' is not " << describe(kind);
      return nullptr;
    }
    return member;
  }

  /// The one member of a union (`{"as_tensor": ...}`), or failure if it has
  /// none or several; `report` places the error.
  FailureOr<std::pair<llvm::StringRef, const json::Value *>>
  getUnion(const json::Value &value, llvm::StringRef what,
           llvm::function_ref<InFlightDiagnostic()> report) {
    const json::Object *object = value.getAsObject();
    if (!object || object->size() != 1) {
      InFlightDiagnostic diag = report();
      diag << what << " is a union and must have exactly one member, got ";
      if (!object)
        diag << "no object";
      else
        diag << object->size();
      return failure();
    }
    auto &entry = *object->begin();
    return std::make_pair(llvm::StringRef(entry.first), &entry.second);
  }

  FailureOr<Attribute>
  toAttribute(const json::Value &value,
              llvm::function_ref<InFlightDiagnostic(ArrayRef<JSONPathStep>)>
                  report) {
    std::string error;
    std::vector<JSONPathStep> where;
    Attribute attr = jsonToAttribute(value, context, error, &where);
    if (!attr) {
      report(where) << error;
      return failure();
    }
    return attr;
  }

  FailureOr<Attribute> toNodeAttribute(const json::Value &value,
                                       ArrayRef<JSONPathStep> path) {
    return toAttribute(value, [&](ArrayRef<JSONPathStep> where) {
      Path at(path.begin(), path.end());
      at.append(where.begin(), where.end());
      return emitNodeError(at);
    });
  }

  //===--------------------------------------------------------------------===//
  // Values
  //===--------------------------------------------------------------------===//

  /// The type of the value `name` defined as a `kind`.
  FailureOr<Type> getDefinedType(llvm::StringRef name, ValueKind kind,
                                 llvm::function_ref<InFlightDiagnostic()> at);

  /// Defines `name` as `value`; a name is defined once.
  LogicalResult define(llvm::StringRef name, Value value,
                       llvm::function_ref<InFlightDiagnostic()> at) {
    llvm::StringMap<Value> &defined = scope ? scope->values : values;
    if (!defined.try_emplace(name, value).second) {
      at() << "'" << name << "' is defined twice";
      return failure();
    }
    return success();
  }

  /// The value `name` read as a `kind`.
  FailureOr<Value> lookup(llvm::StringRef name, ValueKind kind,
                          llvm::function_ref<InFlightDiagnostic()> at) {
    Value value = scope ? scope->values.lookup(name) : Value();
    if (!value)
      value = values.lookup(name);
    if (!value) {
      at() << "reads '" << name
           << "', which no graph input or earlier node defines";
      return failure();
    }
    bool isTensor = isa<TensorType>(value.getType());
    if (isTensor != (kind == ValueKind::Tensor) ||
        (!isTensor && value.getType() != getValueType(context, kind))) {
      at() << "reads '" << name << "' as a different kind of value than it "
           << "is (" << value.getType() << ")";
      return failure();
    }
    return value;
  }

  /// The value an argument of the node being imported reads: a drop path's
  /// result where mode's record says so.
  FailureOr<Value> lookupOperand(llvm::StringRef name, ValueKind kind,
                                 unsigned operandIndex,
                                 llvm::function_ref<InFlightDiagnostic()> at) {
    FailureOr<Value> value = lookup(name, kind, at);
    if (failed(value) || scope || redirects.empty())
      return value;
    auto redirect = redirects.find(std::make_pair(nodeName.str(), operandIndex));
    if (redirect == redirects.end())
      return value;
    Value result = redirect->second.getResult();
    if (redirect->second.getInput() != *value) {
      at() << "the record '" << kDropPathKey
           << "' says this argument reads the result of a drop path, but it "
              "reads another value";
      return failure();
    }
    redirects.erase(redirect);
    return result;
  }

  /// The types of the values an output list defines, in order, and their
  /// names, and what `pt2.outputs` says of them (null if the node's name
  /// says it all).
  FailureOr<ArrayAttr> readOutputs(const json::Array &outputs,
                                   llvm::StringRef nodeName,
                                   SmallVectorImpl<Type> &types,
                                   SmallVectorImpl<StringAttr> &names);

  LogicalResult defineResults(Operation *op, ArrayRef<StringAttr> names) {
    for (auto [name, result] : llvm::zip(names, op->getResults()))
      if (failed(define(name.getValue(), result,
                        [&] { return emitNodeError({std::string("outputs")}); })))
        return failure();
    return success();
  }

  /// The `!aten.none` value of the function, made on first use.
  Value getNone() {
    if (!noneValue) {
      OpBuilder::InsertionGuard guard(builder);
      builder.setInsertionPointToStart(&func.getBody().front());
      noneValue = aten::NoneOp::create(builder, func.getLoc(),
                                       aten::NoneType::get(context))
                      .getResult();
    }
    return noneValue;
  }

  //===--------------------------------------------------------------------===//
  // Steps
  //===--------------------------------------------------------------------===//

  LogicalResult walkProgram();
  LogicalResult walkGraphModule(json::Cursor &cursor);
  LogicalResult walkGraph(json::Cursor &cursor);
  LogicalResult importInputs();
  LogicalResult importNodes();
  LogicalResult importNode(const json::Object &node, size_t index);
  LogicalResult importOperator(const json::Object &node, Location loc,
                               llvm::StringRef name,
                               NamedAttrList &discardable);
  LogicalResult importAtenOp(const json::Object &node,
                             RegisteredOperationName opName, Location loc,
                             llvm::StringRef name, NamedAttrList &discardable);
  LogicalResult importGraphModuleRecords();
  LogicalResult importOutputs();
  LogicalResult finishFunction();

  // mode's records, in the `custom` entry of a node's metadata.
  LogicalResult readRecords(const json::Object &metadata,
                            llvm::StringMap<std::string> &records);
  LogicalResult restoreCounter(llvm::StringRef record);
  LogicalResult restoreDropPaths(llvm::StringRef record);
  LogicalResult importDecomposedDropout(const json::Object &node,
                                        llvm::StringRef record, Location loc,
                                        llvm::StringRef name);
  /// Imports the nodes of a record (`{"nodes": [...], "tensor_values":
  /// {...}}`) into the body of `op`, in a scope of their own, and yields the
  /// value `result` names (or the last node's only result, if empty).
  FailureOr<Value> importRecordBody(Operation *op, const json::Object &record,
                                    llvm::StringRef recordKey,
                                    llvm::StringRef result);

  MLIRContext *context;
  ModuleOp module;
  llvm::StringRef modelName, text, entryName;
  TimingScope &timing;
  bool raise;
  OpBuilder builder;
  llvm::BumpPtrAllocator allocator;
  llvm::StringSaver saver;

  // Where the walk found the program's parts.
  json::Document schemaVersion, graphInputs, graphOutputs, signature,
      graphModuleMetadata, verifiers;
  bool haveSignature = false, haveMetadata = false;
  Span graphSpan, nodesSpan;
  std::vector<Span> nodeSpans;
  /// graph.tensor_values: name -> its metadata's place.
  llvm::DenseMap<llvm::StringRef, Span> tensorValueSpans;
  std::vector<llvm::StringRef> tensorValueOrder;
  size_t graphDepth = 0;

  func::FuncOp func;
  llvm::StringMap<Value> values;
  llvm::DenseSet<llvm::StringRef> usedTensorValues;
  /// The tensor type of each tensor metadata text read so far: most
  /// tensors of a program share a few.
  llvm::DenseMap<llvm::StringRef, Type> tensorTypes;
  llvm::StringSet<> nodeNames;
  Value noneValue;

  /// The node being imported: its place, its name, and how messages call
  /// it: 'name' (target).
  Span currentNode;
  llvm::StringRef nodeName;
  std::string nodeLabel;
  /// Inside a record (recordDepth > 0): where the node holding it is, which
  /// errors point at.
  unsigned recordDepth = 0;
  size_t recordOffset = 0;
  /// The record being read, and the label of the node that holds it.
  llvm::StringRef recordKey;
  std::string recordLabel;
  /// The line of the last node's place, counted incrementally.
  size_t lastOffset = 0;
  std::pair<unsigned, unsigned> lastPosition = {1, 1};

  /// Uses of restored drop paths, by the node and operand that read them.
  std::map<std::pair<std::string, unsigned>, DropPathOp> redirects;
  /// Graph outputs that read a restored drop path's result, by index.
  llvm::DenseMap<unsigned, DropPathOp> outputRedirects;
  /// The graph module's record that it was decomposed in training mode.
  bool decomposedInTraining = false;

  /// The nodes of a record are read in a scope of their own: their names
  /// and tensor metadata are the record's.
  struct RecordScope {
    llvm::StringMap<Value> values;
    const json::Object *tensorValues = nullptr;
  };
  RecordScope *scope = nullptr;
};

//===----------------------------------------------------------------------===//
// The walk
//===----------------------------------------------------------------------===//

LogicalResult ProgramImporter::run() {
  TimingScope parseTiming = timing.nest("parse JSON");
  LogicalResult walked = walkProgram();
  parseTiming.stop();
  TimingScope buildTiming = timing.nest("build IR");
  if (failed(walked) || failed(importInputs()) || failed(importNodes()) ||
      failed(importGraphModuleRecords()) || failed(importOutputs()) ||
      failed(finishFunction())) {
    if (func)
      func.erase();
    return failure();
  }
  buildTiming.stop();
  if (!raise)
    return success();
  TimingScope raiseTiming = timing.nest("recognise");
  context->loadDialect<pdl::PDLDialect, pdl_interp::PDLInterpDialect>();
  RewritePatternSet patterns(context);
  populateRaiseModeOpsPatterns(patterns);
  raiseModeOps(func, FrozenRewritePatternSet(std::move(patterns)));
  return success();
}

LogicalResult ProgramImporter::walkProgram() {
  json::Cursor cursor(text);
  auto cursorFailed = [&]() { return reportCursorError(cursor); };
  if (!cursor.checkUTF8())
    return cursorFailed();
  // The program is an object; anything else is not a program (but first
  // the syntax, as the parser would report it).
  {
    json::Cursor probe(text);
    size_t begin, end;
    if (!probe.skip(begin, end))
      cursor = probe;
    if (probe.failed())
      return cursorFailed();
    if (text[begin] != '{') {
      FailureOr<json::Document> whole = parsePiece({0, text.size()}, 0);
      if (failed(whole))
        return failure();
      emitErrorAt(0) << "the program is not a JSON object";
      return failure();
    }
  }
  if (!cursor.begin('{'))
    return cursorFailed();
  std::string key;
  bool haveGraphModule = false, sawGraphModule = false, haveSchema = false;
  while (cursor.next(&key)) {
    size_t begin, end;
    if (key == "graph_module") {
      sawGraphModule = true;
      json::Cursor copy = cursor;
      if (!cursor.skip(begin, end))
        return cursorFailed();
      if (text[begin] == '{') {
        haveGraphModule = true;
        if (failed(walkGraphModule(copy)))
          return failure();
        continue;
      }
      if (failed(parsePiece({begin, end}, 1)))
        return failure();
      continue;
    }
    haveSchema |= key == "schema_version";
    if (!cursor.skip(begin, end))
      return cursorFailed();
    FailureOr<json::Document> piece = parsePiece({begin, end}, 1);
    if (failed(piece))
      return failure();
    if (key == "schema_version")
      schemaVersion = std::move(*piece);
    else if (key == "verifiers")
      verifiers = std::move(*piece);
  }
  if (cursor.failed() || !cursor.atEnd())
    return cursorFailed();

  // Schema 8.x: the major version is what PyTorch itself checks.
  auto missing = [&](ArrayRef<JSONPathStep> path, llvm::StringRef key) {
    emitError(path) << "missing field '" << key << "'";
    return failure();
  };
  auto notA = [&](ArrayRef<JSONPathStep> path, llvm::StringRef key,
                  json::Value::Kind kind) {
    emitError(appendPath(path, {key.str()}))
        << "field '" << key << "' is not " << describe(kind);
    return failure();
  };
  if (!haveSchema)
    return missing({}, "schema_version");
  if (!schemaVersion.getAsObject())
    return notA({}, "schema_version", json::Value::Object);
  Path versionPath = {std::string("schema_version")};
  const json::Value *major = schemaVersion.getAsObject()->get("major");
  if (!major)
    return missing(versionPath, "major");
  if (major->kind() != json::Value::Number)
    return notA(versionPath, "major", json::Value::Number);
  if (major->getAsInteger() != 8) {
    emitError(appendPath(versionPath, {std::string("major")}))
        << "schema version "
        << (major->getAsInteger() ? std::to_string(*major->getAsInteger())
                                  : std::string("?"))
        << ".x: mode reads schema 8 (the archives of PyTorch 2.x)";
    return failure();
  }
  if (!haveGraphModule)
    return sawGraphModule ? notA({}, "graph_module", json::Value::Object)
                          : missing({}, "graph_module");
  return success();
}

LogicalResult ProgramImporter::walkGraphModule(json::Cursor &cursor) {
  Path gmPath = {std::string("graph_module")};
  if (!cursor.begin('{'))
    return failure();
  std::string key;
  bool haveGraph = false;
  size_t gmBegin = cursor.getOffset();
  while (cursor.next(&key)) {
    size_t begin, end;
    if (key == "graph") {
      json::Cursor copy = cursor;
      if (!cursor.skip(begin, end))
        break;
      if (text[begin] != '{') {
        emitError(appendPath(gmPath, {key}))
            << "field 'graph' is not an object";
        return failure();
      }
      haveGraph = true;
      graphSpan = {begin, end};
      if (failed(walkGraph(copy)))
        return failure();
      continue;
    }
    if (!cursor.skip(begin, end))
      break;
    FailureOr<json::Document> piece = parsePiece({begin, end}, 2);
    if (failed(piece))
      return failure();
    if (key == "signature") {
      signature = std::move(*piece);
      haveSignature = true;
    } else if (key == "metadata") {
      graphModuleMetadata = std::move(*piece);
      haveMetadata = true;
    }
  }
  if (cursor.failed())
    return reportCursorError(cursor);
  (void)gmBegin;
  auto missing = [&](llvm::StringRef field) {
    emitError(gmPath) << "missing field '" << field << "'";
    return failure();
  };
  if (!haveGraph)
    return missing("graph");
  if (!haveSignature)
    return missing("signature");
  if (!signature.getAsObject()) {
    emitError(appendPath(gmPath, {std::string("signature")}))
        << "field 'signature' is not an object";
    return failure();
  }
  // PyTorch always writes it, and mode's records on the program live there:
  // without it, a program switched to evaluation could not say it came
  // from training.
  if (!haveMetadata)
    return missing("metadata");
  if (!graphModuleMetadata.getAsObject()) {
    emitError(appendPath(gmPath, {std::string("metadata")}))
        << "field 'metadata' is not an object";
    return failure();
  }
  Path signaturePath = appendPath(gmPath, {std::string("signature")});
  for (llvm::StringRef field : {"input_specs", "output_specs"}) {
    const json::Value *specs = signature.getAsObject()->get(field);
    if (!specs) {
      emitError(signaturePath) << "missing field '" << field << "'";
      return failure();
    }
    if (!specs->getAsArray()) {
      emitError(appendPath(signaturePath, {field.str()}))
          << "field '" << field << "' is not a list";
      return failure();
    }
  }
  return success();
}

LogicalResult ProgramImporter::walkGraph(json::Cursor &cursor) {
  Path graphPath = {std::string("graph_module"), std::string("graph")};
  if (!cursor.begin('{'))
    return failure();
  graphDepth = cursor.getDepth();
  std::string key;
  bool haveInputs = false, haveOutputs = false, haveNodes = false,
       haveTensorValues = false;
  auto cursorFailed = [&] { return reportCursorError(cursor); };
  auto notA = [&](llvm::StringRef field, json::Value::Kind kind) {
    emitError(appendPath(graphPath, {field.str()}))
        << "field '" << field << "' is not " << describe(kind);
    return failure();
  };
  while (cursor.next(&key)) {
    size_t begin, end;
    if (key == "nodes" || key == "tensor_values") {
      bool nodes = key == "nodes";
      char open = nodes ? '[' : '{';
      size_t at = cursor.getOffset();
      if (at >= text.size() || text[at] != open) {
        if (!cursor.skip(begin, end))
          return cursorFailed();
        if (failed(parsePiece({begin, end}, 3)))
          return failure();
        return notA(key, nodes ? json::Value::Array : json::Value::Object);
      }
      if (!cursor.begin(open))
        return cursorFailed();
      std::string member;
      while (cursor.next(nodes ? nullptr : &member)) {
        if (!cursor.skip(begin, end))
          return cursorFailed();
        if (nodes) {
          nodeSpans.push_back({begin, end});
          continue;
        }
        llvm::StringRef name = saver.save(member);
        auto [it, inserted] = tensorValueSpans.try_emplace(name, Span{begin, end});
        // Of duplicate keys, the last one counts, as for any object.
        if (!inserted)
          it->second = {begin, end};
        else
          tensorValueOrder.push_back(name);
      }
      if (cursor.failed())
        return cursorFailed();
      (nodes ? haveNodes : haveTensorValues) = true;
      continue;
    }
    if (!cursor.skip(begin, end))
      return cursorFailed();
    FailureOr<json::Document> piece = parsePiece({begin, end}, 3);
    if (failed(piece))
      return failure();
    if (key == "inputs" || key == "outputs") {
      if (!piece->getAsArray())
        return notA(key, json::Value::Array);
      (key == "inputs" ? graphInputs : graphOutputs) = std::move(*piece);
      (key == "inputs" ? haveInputs : haveOutputs) = true;
    }
  }
  if (cursor.failed())
    return cursorFailed();
  for (auto [field, have] :
       {std::make_pair("inputs", haveInputs),
        std::make_pair("outputs", haveOutputs),
        std::make_pair("nodes", haveNodes),
        std::make_pair("tensor_values", haveTensorValues)})
    if (!have) {
      emitError(graphPath) << "missing field '" << field << "'";
      return failure();
    }
  return success();
}

//===----------------------------------------------------------------------===//
// Values
//===----------------------------------------------------------------------===//

FailureOr<Type>
ProgramImporter::getDefinedType(llvm::StringRef name, ValueKind kind,
                                llvm::function_ref<InFlightDiagnostic()> at) {
  if (kind != ValueKind::Tensor)
    return getValueType(context, kind);
  Path metaPath = {std::string("graph_module"), std::string("graph"),
                   std::string("tensor_values"), name.str()};
  llvm::StringRef metaText;
  const json::Value *recordMeta =
      scope && scope->tensorValues ? scope->tensorValues->get(name) : nullptr;
  std::optional<json::Document> parsed;
  const json::Value *meta = recordMeta;
  if (!meta) {
    auto span = tensorValueSpans.find(name);
    if (span == tensorValueSpans.end()) {
      at() << "tensor '" << name << "' has no entry in graph.tensor_values";
      return failure();
    }
    metaText = text.slice(span->second.begin, span->second.end);
    if (Type known = tensorTypes.lookup(metaText)) {
      if (!scope)
        usedTensorValues.insert(span->first);
      return known;
    }
    FailureOr<json::Document> piece =
        parsePiece(span->second, graphDepth + 1);
    if (failed(piece))
      return failure();
    parsed = std::move(*piece);
    meta = &*parsed;
    if (!scope)
      usedTensorValues.insert(span->first);
  }
  auto metaError = [&]() {
    return recordMeta ? emitNodeError() : emitError(metaPath);
  };
  FailureOr<Attribute> attr =
      toAttribute(*meta, [&](ArrayRef<JSONPathStep> where) {
        if (recordMeta || metaText.empty())
          return metaError();
        return emitErrorAt(tensorValueSpans.lookup(name).begin +
                           findJSONOffset(metaText, where));
      });
  if (failed(attr))
    return failure();
  std::string error;
  auto dict = dyn_cast<DictionaryAttr>(*attr);
  FailureOr<RankedTensorType> type = failure();
  if (dict)
    type = getTensorType(dict, error);
  if (failed(type)) {
    metaError() << "tensor '" << name << "': "
                << (dict ? error : std::string("metadata is not an object"));
    return failure();
  }
  if (!metaText.empty())
    tensorTypes[metaText] = *type;
  return Type(*type);
}

FailureOr<ArrayAttr>
ProgramImporter::readOutputs(const json::Array &outputs,
                             llvm::StringRef nodeName,
                             SmallVectorImpl<Type> &types,
                             SmallVectorImpl<StringAttr> &names) {
  SmallVector<Attribute> layout;
  bool onlyTensors = true;
  for (auto [index, output] : llvm::enumerate(outputs)) {
    Path outputPath = {std::string("outputs"), index};
    auto at = [&] { return emitNodeError(outputPath); };
    if (failed(getUnion(output, "an output", at)))
      return failure();
    // The common case, {"as_tensor": {"name": NAME}}, directly.
    const json::Object *tensor = output.getAsObject()->getObject("as_tensor");
    std::optional<llvm::StringRef> tensorName =
        tensor && tensor->size() == 1 ? tensor->getString("name")
                                      : std::nullopt;
    if (tensorName) {
      FailureOr<Type> type = getDefinedType(*tensorName, ValueKind::Tensor, at);
      if (failed(type))
        return failure();
      types.push_back(*type);
      names.push_back(builder.getStringAttr(*tensorName));
      layout.push_back(names.back());
      continue;
    }
    onlyTensors = false;
    FailureOr<Attribute> attr = toNodeAttribute(output, outputPath);
    if (failed(attr))
      return failure();
    bool ok = true;
    if (failed(walkValueReferences(*attr, [&](Attribute ref, ValueKind kind) {
          auto name = dyn_cast<StringAttr>(ref);
          if (!ok)
            return;
          if (!name) {
            at() << "an output name is not a string";
            ok = false;
            return;
          }
          FailureOr<Type> type = getDefinedType(name.getValue(), kind, at);
          if (failed(type)) {
            ok = false;
            return;
          }
          types.push_back(*type);
          names.push_back(name);
        }))) {
      at() << "an output holds a subgraph";
      return failure();
    }
    if (!ok)
      return failure();
    layout.push_back(*attr);
  }
  // One tensor named as the node: nothing to say.
  if (onlyTensors && names.size() == 1 && names[0].getValue() == nodeName)
    return ArrayAttr();
  return builder.getArrayAttr(layout);
}

//===----------------------------------------------------------------------===//
// Graph inputs and outputs
//===----------------------------------------------------------------------===//

/// `{"name": NAME}` exactly: NAME.
std::optional<llvm::StringRef> getTensorArgumentName(const json::Value *value) {
  const json::Object *object = value ? value->getAsObject() : nullptr;
  if (!object || object->size() != 1)
    return std::nullopt;
  return object->getString("name");
}

/// Whether `object`'s members are exactly `keys`, in order.
bool hasFields(const json::Object &object,
               std::initializer_list<llvm::StringRef> keys) {
  if (object.size() != keys.size())
    return false;
  const llvm::StringRef *key = keys.begin();
  for (const auto &member : object)
    if (member.first != *key++)
      return false;
  return true;
}

LogicalResult ProgramImporter::importInputs() {
  const json::Array &entries = *graphInputs.getAsArray();
  const json::Array &specs =
      *signature.getAsObject()->getArray("input_specs");
  Path entriesPath = {std::string("graph_module"), std::string("graph"),
                      std::string("inputs")};
  Path specsPath = {std::string("graph_module"), std::string("signature"),
                    std::string("input_specs")};
  if (entries.size() != specs.size()) {
    emitError(specsPath) << "the signature has " << specs.size()
                         << " input specs for " << entries.size()
                         << " graph inputs";
    return failure();
  }
  SmallVector<Type> types;
  SmallVector<DictionaryAttr> argAttrs;
  SmallVector<std::string> argNames;
  for (auto [index, entry] : llvm::enumerate(entries)) {
    Path entryPath = appendPath(entriesPath, {index});
    Path specPath = appendPath(specsPath, {index});
    auto atEntry = [&] { return emitError(entryPath); };
    auto atSpec = [&] { return emitError(specPath); };
    if (failed(getUnion(entry, "a graph input", atEntry)) ||
        failed(getUnion(specs[index], "an input spec", atSpec)))
      return failure();
    NamedAttrList attrs;
    Type type = LiteralType::get(context);
    std::string name;

    // The common kinds, in short.
    std::optional<llvm::StringRef> tensor = getTensorArgumentName(
        entry.getAsObject()->get("as_tensor"));
    const auto &[kind, spec] = *specs[index].getAsObject()->begin();
    const json::Object *specObject = spec.getAsObject();
    std::optional<llvm::StringRef> specTensor =
        specObject ? getTensorArgumentName(specObject->get("arg"))
                   : std::nullopt;
    bool compact = false;
    if (tensor && specObject) {
      if (kind == "user_input" && hasFields(*specObject, {"arg"}) &&
          getTensorArgumentName(
              specObject->getObject("arg")
                  ? specObject->getObject("arg")->get("as_tensor")
                  : nullptr) == tensor &&
          specObject->getObject("arg")->size() == 1) {
        attrs.set(kUserInputAttr, builder.getUnitAttr());
        compact = true;
      } else if (specTensor == tensor) {
        if (kind == "parameter" &&
            hasFields(*specObject, {"arg", "parameter_name"}) &&
            specObject->getString("parameter_name")) {
          attrs.set(kParameterAttr, builder.getStringAttr(
                                        *specObject->getString("parameter_name")));
          compact = true;
        } else if (kind == "buffer" &&
                   hasFields(*specObject, {"arg", "buffer_name", "persistent"}) &&
                   specObject->getString("buffer_name") &&
                   specObject->getBoolean("persistent")) {
          attrs.set(kBufferAttr, builder.getStringAttr(
                                     *specObject->getString("buffer_name")));
          if (!*specObject->getBoolean("persistent"))
            attrs.set(kPersistentAttr, builder.getBoolAttr(false));
          compact = true;
        } else if (kind == "tensor_constant" &&
                   hasFields(*specObject, {"arg", "tensor_constant_name"}) &&
                   specObject->getString("tensor_constant_name")) {
          attrs.set(kConstantAttr,
                    builder.getStringAttr(
                        *specObject->getString("tensor_constant_name")));
          compact = true;
        }
      }
    }
    if (compact) {
      attrs.set(kNameAttr, builder.getStringAttr(*tensor));
      FailureOr<Type> defined =
          getDefinedType(*tensor, ValueKind::Tensor, atEntry);
      if (failed(defined))
        return failure();
      type = *defined;
      name = tensor->str();
    } else {
      FailureOr<Attribute> input = toAttribute(
          entry, [&](ArrayRef<JSONPathStep>) { return emitError(entryPath); });
      FailureOr<Attribute> specAttr =
          succeeded(input)
              ? toAttribute(specs[index],
                            [&](ArrayRef<JSONPathStep>) {
                              return emitError(specPath);
                            })
              : FailureOr<Attribute>(failure());
      if (failed(specAttr))
        return failure();
      FailureOr<std::optional<ValueReference>> ref =
          readSignatureValue(*input, entryPath, "input");
      if (failed(ref))
        return failure();
      if (*ref) {
        FailureOr<Type> defined =
            getDefinedType((*ref)->first.getValue(), (*ref)->second, atEntry);
        if (failed(defined))
          return failure();
        type = *defined;
        name = (*ref)->first.str();
      }
      attrs.set(kInputAttr, *input);
      attrs.set(kInputSpecAttr, *specAttr);
    }
    types.push_back(type);
    argNames.push_back(name);
    argAttrs.push_back(attrs.getDictionary(context));
  }

  builder.setInsertionPointToEnd(module.getBody());
  func = func::FuncOp::create(builder, getLocationAt(0), modelName,
                              builder.getFunctionType(types, {}));
  func.setAllArgAttrs(argAttrs);
  Block *body = func.addEntryBlock();
  builder.setInsertionPointToEnd(body);
  for (auto [index, name] : llvm::enumerate(argNames)) {
    if (name.empty())
      continue;
    // The argument reads as its graph input's name (--mlir-use-nameloc-as-prefix).
    body->getArgument(index).setLoc(NameLoc::get(builder.getStringAttr(name)));
    if (failed(define(name, body->getArgument(index), [&] {
          return emitError(appendPath(entriesPath, {index}));
        })))
      return failure();
  }
  return success();
}

LogicalResult ProgramImporter::importOutputs() {
  const json::Array &entries = *graphOutputs.getAsArray();
  const json::Array &specs =
      *signature.getAsObject()->getArray("output_specs");
  Path entriesPath = {std::string("graph_module"), std::string("graph"),
                      std::string("outputs")};
  Path specsPath = {std::string("graph_module"), std::string("signature"),
                    std::string("output_specs")};
  if (entries.size() != specs.size()) {
    emitError(specsPath) << "the signature has " << specs.size()
                         << " output specs for " << entries.size()
                         << " graph outputs";
    return failure();
  }
  SmallVector<Value> results;
  SmallVector<DictionaryAttr> resultAttrs;
  for (auto [index, entry] : llvm::enumerate(entries)) {
    Path entryPath = appendPath(entriesPath, {index});
    Path specPath = appendPath(specsPath, {index});
    auto atEntry = [&] { return emitError(entryPath); };
    auto atSpec = [&] { return emitError(specPath); };
    if (failed(getUnion(entry, "a graph output", atEntry)) ||
        failed(getUnion(specs[index], "an output spec", atSpec)))
      return failure();
    NamedAttrList attrs;
    std::optional<llvm::StringRef> tensor = getTensorArgumentName(
        entry.getAsObject()->get("as_tensor"));
    const auto &[kind, spec] = *specs[index].getAsObject()->begin();
    const json::Object *specObject = spec.getAsObject();
    bool compact = false;
    if (tensor && specObject) {
      const json::Object *arg = specObject->getObject("arg");
      std::optional<llvm::StringRef> specTensor =
          getTensorArgumentName(specObject->get("arg"));
      if ((kind == "user_output" || kind == "loss_output") &&
          hasFields(*specObject, {"arg"}) && arg && arg->size() == 1 &&
          getTensorArgumentName(arg->get("as_tensor")) == tensor) {
        attrs.set(kind == "user_output" ? kUserOutputAttr : kLossOutputAttr,
                  builder.getUnitAttr());
        compact = true;
      } else if (specTensor == tensor && kind == "buffer_mutation" &&
                 hasFields(*specObject, {"arg", "buffer_name"}) &&
                 specObject->getString("buffer_name")) {
        attrs.set(kBufferMutationAttr,
                  builder.getStringAttr(*specObject->getString("buffer_name")));
        compact = true;
      } else if (specTensor == tensor && kind == "user_input_mutation" &&
                 hasFields(*specObject, {"arg", "user_input_name"}) &&
                 specObject->getString("user_input_name")) {
        attrs.set(kUserInputMutationAttr,
                  builder.getStringAttr(
                      *specObject->getString("user_input_name")));
        compact = true;
      }
    }
    std::optional<ValueReference> ref;
    Attribute input;
    if (compact) {
      ref = {builder.getStringAttr(*tensor), ValueKind::Tensor};
    } else {
      FailureOr<Attribute> output = toAttribute(
          entry, [&](ArrayRef<JSONPathStep>) { return emitError(entryPath); });
      FailureOr<Attribute> specAttr =
          succeeded(output)
              ? toAttribute(specs[index],
                            [&](ArrayRef<JSONPathStep>) {
                              return emitError(specPath);
                            })
              : FailureOr<Attribute>(failure());
      if (failed(specAttr))
        return failure();
      FailureOr<std::optional<ValueReference>> named =
          readSignatureValue(*output, entryPath, "output");
      if (failed(named))
        return failure();
      ref = *named;
      input = *output;
      attrs.set(kOutputAttr, *output);
      attrs.set(kOutputSpecAttr, *specAttr);
    }
    if (ref) {
      FailureOr<Value> value =
          lookup(ref->first.getValue(), ref->second, atEntry);
      if (failed(value))
        return failure();
      if (DropPathOp dropPath = outputRedirects.lookup(index)) {
        if (dropPath.getInput() != *value) {
          atEntry() << "the record '" << kDropPathKey
                    << "' says this output is the result of a drop path, "
                       "but it is another value";
          return failure();
        }
        outputRedirects.erase(index);
        value = dropPath.getResult();
      }
      results.push_back(*value);
    } else {
      results.push_back(LiteralOp::create(builder, getLocationAt(0),
                                          LiteralType::get(context), input));
    }
    resultAttrs.push_back(attrs.getDictionary(context));
  }
  func::ReturnOp::create(builder, func.getLoc(), results);
  func.setType(builder.getFunctionType(func.getArgumentTypes(),
                                       ValueRange(results).getTypes()));
  func.setAllResultAttrs(resultAttrs);
  return success();
}

//===----------------------------------------------------------------------===//
// Nodes
//===----------------------------------------------------------------------===//

LogicalResult ProgramImporter::importNodes() {
  for (auto [index, span] : llvm::enumerate(nodeSpans)) {
    currentNode = span;
    nodeLabel.clear();
    FailureOr<json::Document> node = parsePiece(span, graphDepth + 2);
    if (failed(node))
      return failure();
    const json::Object *object = node->getAsObject();
    if (!object) {
      emitErrorAt(span.begin) << "node #" << index << " is not an object";
      return failure();
    }
    if (failed(importNode(*object, index)))
      return failure();
  }
  nodeLabel.clear();
  currentNode = {};
  if (!redirects.empty()) {
    emitError({std::string("graph_module"), std::string("graph"),
               std::string("nodes")})
        << "the record '" << kDropPathKey << "' names an argument of node '"
        << redirects.begin()->first.first << "' that no node has";
    return failure();
  }
  return success();
}

LogicalResult ProgramImporter::importNode(const json::Object &node,
                                          size_t index) {
  std::optional<llvm::StringRef> name = node.getString("name");
  std::optional<llvm::StringRef> target = node.getString("target");
  std::string label =
      (name ? "'" + name->str() + "'" : "#" + std::to_string(index)) +
      (target ? " (" + target->str() + ")" : "");
  // A record is in the metadata of the node being imported.
  nodeLabel = recordDepth > 0 ? recordLabel + ": in the record '" +
                                    recordKey.str() + "', node " + label
                              : label;
  if (!getNodeMember(node, "target", json::Value::String, {}) ||
      !getNodeMember(node, "inputs", json::Value::Array, {}) ||
      !getNodeMember(node, "outputs", json::Value::Array, {}) ||
      !getNodeMember(node, "metadata", json::Value::Object, {}))
    return failure();
  if (const json::Value *n = node.get("name");
      n && n->kind() != json::Value::String && n->kind() != json::Value::Null) {
    emitNodeError({std::string("name")}) << "'name' is not a string";
    return failure();
  }
  if (name && !scope && !nodeNames.insert(*name).second) {
    emitNodeError({std::string("name")}) << "another node has the same name";
    return failure();
  }
  llvm::StringRef nodeKey = name ? *name : *target;
  std::string savedName = nodeName.str();
  nodeName = saver.save(nodeKey);

  // What the metadata says that mode reads: the stack trace (the location),
  // the module, a decomposed node's origin, and mode's records.
  const json::Object &metadata = *node.getObject("metadata");
  for (const auto &[key, value] : metadata)
    if (key.starts_with(kRecordPrefix)) {
      emitNodeError({std::string("metadata"), key.str()})
          << "the metadata key '" << key << "' is one of mode's, outside the "
          << "entry '" << kCustomKey << "' where mode writes them";
      return failure();
    }
  llvm::StringMap<std::string> records;
  if (failed(readRecords(metadata, records)))
    return failure();

  NamedAttrList discardable;
  discardable.set(PT2Dialect::getNodeAttrName(), builder.getStringAttr(nodeKey));
  if (std::optional<llvm::StringRef> stack =
          metadata.getString("nn_module_stack"))
    if (ModuleAttr call = ModuleAttr::parseStack(context, *stack))
      discardable.set(PT2Dialect::getModuleAttrName(), call);
  if (std::optional<llvm::StringRef> fromNode = metadata.getString("from_node"))
    if (ArrayAttr origin = getDropoutOrigin(context, *fromNode))
      discardable.set(kOriginAttr, origin);
  if (recordDepth > 0) {
    // Not in the archive's graph: the node keeps its fields but its target,
    // arguments, outputs and name.
    std::string fields;
    llvm::raw_string_ostream os(fields);
    JSONWriter writer(os);
    writer.objectBegin();
    for (const auto &[key, value] : node) {
      if (key == "target" || key == "inputs" || key == "outputs" ||
          key == "name")
        continue;
      writer.key(key);
      writer.value(value);
    }
    writer.objectEnd();
    discardable.set(PT2Dialect::getFieldsAttrName(),
                    builder.getStringAttr(fields));
  }

  // The op's location: the node, by name, at its place in the archive
  // entry (where errors point), then its stack trace (the model's source).
  Location nodeLoc =
      getLocationAt(recordDepth == 0 ? currentNode.begin : recordOffset);
  Location loc = NameLoc::get(builder.getStringAttr(nodeKey), nodeLoc);
  Location stackLoc = getStackLocation(
      context, metadata.getString("stack_trace").value_or(""));
  if (!isa<UnknownLoc>(stackLoc))
    loc = FusedLoc::get(context, {loc, stackLoc});

  // Records that stand for nodes before this one, which mode removed.
  auto record = records.find(kDropPathKey);
  if (record != records.end()) {
    if (failed(restoreDropPaths(record->second)))
      return failure();
    records.erase(record);
  }
  record = records.find(kRemovedCounterKey);
  if (record != records.end()) {
    if (failed(restoreCounter(record->second)))
      return failure();
    records.erase(record);
  }

  LogicalResult imported = failure();
  record = records.find(kDecomposedDropoutKey);
  if (record != records.end()) {
    if (target != "torch.ops.aten.clone.default") {
      emitNodeError({std::string("metadata")})
          << "the record '" << kDecomposedDropoutKey << "' is not on a clone";
      return failure();
    }
    imported = importDecomposedDropout(node, record->second, loc, nodeKey);
    records.erase(record);
  } else {
    llvm::StringRef targetName = *target;
    std::optional<RegisteredOperationName> opName;
    if (targetName.consume_front("torch.ops.aten.")) {
      targetName.consume_back(".default");
      opName = RegisteredOperationName::lookup(("aten." + targetName).str(),
                                               context);
    }
    // Records an aten op keeps as attributes.
    for (llvm::StringRef key : {kTrainingDropoutKey, kGivenDropoutKey}) {
      auto found = records.find(key);
      if (found == records.end())
        continue;
      if (!opName || opName->getStringRef() !=
                         aten::ScaledDotProductAttentionOp::getOperationName()) {
        emitNodeError({std::string("metadata")})
            << "the record '" << key << "' is not on an attention op";
        return failure();
      }
      if (key == kGivenDropoutKey) {
        discardable.set(aten::AtenDialect::getGivenDropoutAttrName(),
                        builder.getUnitAttr());
      } else {
        // Written by Python's repr: a plain decimal number.
        llvm::StringRef p = found->second;
        double value;
        if (p.empty() || p.front() == ' ' || p.back() == ' ' ||
            !llvm::to_float(p, value) || !(value >= 0.0 && value <= 1.0)) {
          emitNodeError({std::string("metadata")})
              << "the record '" << key << "' is \"" << p
              << "\", not a dropout probability in [0, 1]";
          return failure();
        }
        discardable.set(aten::AtenDialect::getTrainingDropoutAttrName(),
                        builder.getF64FloatAttr(value));
      }
      records.erase(found);
    }
    auto synthesized = records.find(kSynthesizedKey);
    if (synthesized != records.end()) {
      discardable.set(kSynthesizedAttr, builder.getUnitAttr());
      records.erase(synthesized);
    }
    if (!records.empty()) {
      emitNodeError({std::string("metadata"), std::string(kCustomKey)})
          << "the record '" << records.begin()->first()
          << "' is not one mode writes on such a node";
      return failure();
    }
    if (opName && getAtenSchema(*opName))
      imported = importAtenOp(node, *opName, loc, nodeKey, discardable);
    else
      imported = importOperator(node, loc, nodeKey, discardable);
  }
  nodeName = saver.save(savedName);
  return imported;
}

LogicalResult ProgramImporter::importOperator(const json::Object &node,
                                              Location loc,
                                              llvm::StringRef name,
                                              NamedAttrList &discardable) {
  SmallVector<Value> operands;
  SmallVector<Attribute> args;
  for (auto [position, input] : llvm::enumerate(*node.getArray("inputs"))) {
    Path inputPath = {std::string("inputs"), position};
    auto at = [&] { return emitNodeError(inputPath); };
    const json::Object *named = input.getAsObject();
    if (!named || !named->get("arg")) {
      at() << "argument #" << position
           << " is not a named argument ({name, arg, kind})";
      return failure();
    }
    std::optional<llvm::StringRef> argName = named->getString("name");
    for (const auto &field : *named) {
      if (field.first == "name" || field.first == "arg" ||
          field.first == "kind")
        continue;
      emitNodeError(appendPath(inputPath, {field.first.str()}))
          << "argument #" << position << ": field '" << field.first
          << "' is not one of name, arg, kind";
      return failure();
    }
    if (!argName) {
      at() << "argument #" << position << " has no string 'name'";
      return failure();
    }
    int64_t kind = ArgAttr::kNoKind;
    if (const json::Value *k = named->get("kind")) {
      if (k->kind() == json::Value::Null)
        kind = ArgAttr::kNullKind;
      else if (std::optional<int64_t> i = k->getAsInteger(); i && *i >= 0)
        kind = *i;
      else {
        emitNodeError(appendPath(inputPath, {std::string("kind")}))
            << "argument '" << *argName << "': 'kind' is not an integer";
        return failure();
      }
    }
    Path argPath = appendPath(inputPath, {std::string("arg")});
    FailureOr<std::pair<llvm::StringRef, const json::Value *>> member =
        getUnion(*named->get("arg"), "an argument",
                 [&] { return emitNodeError(argPath); });
    if (failed(member))
      return failure();
    auto [key, value] = *member;
    Attribute argValue;
    // The common case, a tensor, directly.
    if (std::optional<llvm::StringRef> tensor =
            key == "as_tensor" ? getTensorArgumentName(value) : std::nullopt) {
      FailureOr<Value> v = lookupOperand(*tensor, ValueKind::Tensor,
                                         operands.size(), [&] {
                                           return emitNodeError(argPath);
                                         });
      if (failed(v))
        return failure();
      argValue = OperandAttr::get(context, operands.size());
      operands.push_back(*v);
    } else if (key == "as_graph") {
      // A subgraph of a higher-order op (cond, wrap_with_set_grad_enabled,
      // ...), which reads only its own inputs: kept as it is. mode does not
      // switch what is in it, so it may hold nothing of a mode.
      FailureOr<Attribute> graph =
          toNodeAttribute(*value, appendPath(argPath, {key.str()}));
      if (failed(graph))
        return failure();
      std::optional<std::string> modeOp;
      graph->walk([&](DictionaryAttr inner) {
        auto innerTarget = dyn_cast_or_null<StringAttr>(inner.get("target"));
        if (!innerTarget || modeOp)
          return;
        llvm::StringRef innerName = innerTarget.getValue();
        if (!innerName.consume_front("torch.ops.aten."))
          return;
        innerName.consume_back(".default");
        std::optional<RegisteredOperationName> opName =
            RegisteredOperationName::lookup(("aten." + innerName).str(),
                                            context);
        if (opName && opName->hasInterface<aten::ModeDependentOpInterface>())
          modeOp = innerTarget.str();
      });
      if (modeOp) {
        at() << "argument '" << *argName << "' is a subgraph that holds '"
             << *modeOp << "', which depends on the mode; mode does not "
             << "switch what the subgraphs of higher-order ops (cond, "
             << "while_loop, map, ...) hold";
        return failure();
      }
      argValue = *graph;
    } else {
      FailureOr<Attribute> unionAttr =
          toNodeAttribute(*named->get("arg"), argPath);
      if (failed(unionAttr))
        return failure();
      if (failed(walkValueReferences(*unionAttr, [](Attribute, ValueKind) {}))) {
        at() << "argument '" << *argName
             << "' is a subgraph; mode does not read the subgraphs of "
                "higher-order ops (cond, while_loop, map)";
        return failure();
      }
      bool ok = true;
      Attribute replaced = replaceValueReferences(
          *unionAttr, [&](Attribute ref, ValueKind refKind) -> Attribute {
            auto refName = dyn_cast<StringAttr>(ref);
            if (!refName) {
              at() << "a value name that is not a string";
              ok = false;
              return {};
            }
            FailureOr<Value> v =
                lookupOperand(refName.getValue(), refKind, operands.size(),
                              [&] { return emitNodeError(argPath); });
            if (failed(v)) {
              ok = false;
              return {};
            }
            operands.push_back(*v);
            return OperandAttr::get(context, operands.size() - 1);
          });
      if (!ok)
        return failure();
      argValue = cast<DictionaryAttr>(replaced).begin()->getValue();
      // {"name": #pt2.operand} is the operand itself.
      if (key == "as_tensor")
        if (auto dict = dyn_cast<DictionaryAttr>(argValue);
            dict && dict.size() == 1 &&
            isa_and_nonnull<OperandAttr>(dict.get("name")))
          argValue = dict.get("name");
    }
    args.push_back(ArgAttr::get(context, builder.getStringAttr(*argName), kind,
                                builder.getStringAttr(key), argValue));
  }

  SmallVector<Type> types;
  SmallVector<StringAttr> names;
  FailureOr<ArrayAttr> outputs =
      readOutputs(*node.getArray("outputs"), name, types, names);
  if (failed(outputs))
    return failure();
  if (*outputs)
    discardable.set(PT2Dialect::getOutputsAttrName(), *outputs);
  auto op = OperatorOp::create(builder, loc, types,
                               builder.getStringAttr(*node.getString("target")),
                               builder.getArrayAttr(args), operands);
  for (NamedAttribute attr : discardable)
    op->setAttr(attr.getName(), attr.getValue());
  return defineResults(op, names);
}

LogicalResult ProgramImporter::importAtenOp(const json::Object &node,
                                            RegisteredOperationName opName,
                                            Location loc, llvm::StringRef name,
                                            NamedAttrList &discardable) {
  const AtenSchema &schema = *getAtenSchema(opName);
  const json::Array &inputs = *node.getArray("inputs");

  // The node's arguments by name.
  llvm::StringMap<size_t> given;
  for (auto [position, input] : llvm::enumerate(inputs)) {
    Path inputPath = {std::string("inputs"), position};
    const json::Object *named = input.getAsObject();
    std::optional<llvm::StringRef> argName =
        named ? named->getString("name") : std::nullopt;
    if (!argName || !named->get("arg")) {
      emitNodeError(inputPath)
          << "argument #" << position
          << " is not a named argument ({name, arg, kind})";
      return failure();
    }
    if (!llvm::any_of(schema.arguments, [&](const SchemaArgument &arg) {
          return arg.name == *argName;
        })) {
      emitNodeError(inputPath) << "argument '" << *argName
                               << "' is not in the schema aten::"
                               << schema.name;
      return failure();
    }
    if (!given.try_emplace(*argName, position).second) {
      emitNodeError(inputPath) << "argument '" << *argName
                               << "' is given twice";
      return failure();
    }
    // The op keeps a name, an argument and an ArgKind (an integer or null):
    // nothing else could be written back.
    for (const auto &field : *named) {
      if (field.first == "name" || field.first == "arg" ||
          (field.first == "kind" && (field.second.kind() == json::Value::Null ||
                                     field.second.getAsInteger())))
        continue;
      emitNodeError(appendPath(inputPath, {field.first.str()}))
          << "argument '" << *argName << "': "
          << (field.first == "kind" ? "'kind' is not an integer"
                                    : "field '" + field.first.str() +
                                          "' is not one of name, arg, kind");
      return failure();
    }
    if (!named->get("kind")) {
      emitNodeError(inputPath)
          << "argument '" << *argName << "' has no 'kind'";
      return failure();
    }
  }
  // In the schema's order, as PyTorch writes them: the op does not keep
  // another.
  const SchemaArgument *previous = nullptr;
  for (const SchemaArgument &arg : schema.arguments) {
    auto it = given.find(arg.name);
    if (it == given.end())
      continue;
    if (previous && it->second < given.lookup(previous->name)) {
      emitNodeError({std::string("inputs"), it->second})
          << "argument '" << arg.name << "' comes before '" << previous->name
          << "', not after it as in aten::" << schema.name;
      return failure();
    }
    previous = &arg;
  }

  SmallVector<Value> operands;
  SmallVector<int32_t> segments;
  NamedAttrList attrs;
  NamedAttrList argKinds, argKeys;
  for (const SchemaArgument &arg : schema.arguments) {
    auto it = given.find(arg.name);
    Path argPath;
    const json::Value *value = nullptr;
    llvm::StringRef key;
    if (it != given.end()) {
      argPath = {std::string("inputs"), it->second, std::string("arg")};
      const json::Object &named = *inputs[it->second].getAsObject();
      const json::Value *kind = named.get("kind");
      argKinds.append(arg.name, kind && kind->getAsInteger()
                                    ? Attribute(builder.getI64IntegerAttr(
                                          *kind->getAsInteger()))
                                    : Attribute(builder.getUnitAttr()));
      FailureOr<std::pair<llvm::StringRef, const json::Value *>> member =
          getUnion(*named.get("arg"), "an argument",
                   [&] { return emitNodeError(argPath); });
      if (failed(member))
        return failure();
      std::tie(key, value) = *member;
    } else if (!arg.defaultValue) {
      emitNodeError() << "argument '" << arg.name
                      << "' is missing and has no default in aten::"
                      << schema.name;
      return failure();
    }
    auto wrongKind = [&]() {
      emitNodeError(argPath) << "argument '" << arg.name << "' of type "
                             << arg.type << " cannot be '" << key << "'";
      return failure();
    };
    // A member holding more than the op keeps could not be written back.
    auto malformed = [&](llvm::StringRef expected) {
      emitNodeError(argPath) << "argument '" << arg.name << "': '" << key
                             << "' is not " << expected;
      return failure();
    };
    // A tensor is {"name": NAME}; None is {"as_none": true}.
    auto isNone = [](const json::Value &v) {
      return v.getAsBoolean() == std::optional<bool>(true);
    };
    auto readTensor = [&](llvm::StringRef tensorName) -> LogicalResult {
      FailureOr<Value> v =
          lookupOperand(tensorName, ValueKind::Tensor, operands.size(),
                        [&] { return emitNodeError(argPath); });
      if (failed(v))
        return failure();
      operands.push_back(*v);
      return success();
    };

    switch (arg.kind) {
    case SchemaArgKind::Tensor:
    case SchemaArgKind::OptionalTensor: {
      std::optional<llvm::StringRef> tensor;
      bool none = !value;
      if (key == "as_tensor") {
        tensor = getTensorArgumentName(value);
        if (!tensor)
          return malformed("{\"name\": NAME}");
      } else if (key == "as_optional_tensor") {
        const json::Object *opt = value->getAsObject();
        if (opt && opt->size() == 1 && opt->get("as_tensor"))
          tensor = getTensorArgumentName(opt->get("as_tensor"));
        else
          none = opt && opt->size() == 1 && opt->get("as_none") &&
                 isNone(*opt->get("as_none"));
        if (!tensor && !none)
          return malformed("{\"as_tensor\": {\"name\": NAME}} or "
                           "{\"as_none\": true}");
        argKeys.append(arg.name, builder.getStringAttr(key));
      } else if (key == "as_none") {
        if (!isNone(*value))
          return malformed("true");
        none = true;
      } else if (value) {
        return wrongKind();
      }
      if (none) {
        if (arg.kind != SchemaArgKind::OptionalTensor)
          return wrongKind();
        operands.push_back(getNone());
      } else {
        if (!tensor)
          return wrongKind();
        if (failed(readTensor(*tensor)))
          return failure();
      }
      segments.push_back(1);
      break;
    }
    case SchemaArgKind::TensorList: {
      const json::Array *list = value ? value->getAsArray() : nullptr;
      if (key != "as_tensors" || !list)
        return wrongKind();
      for (const json::Value &element : *list) {
        std::optional<llvm::StringRef> tensor = getTensorArgumentName(&element);
        if (!tensor)
          return malformed("a list of {\"name\": NAME}");
        if (failed(readTensor(*tensor)))
          return failure();
      }
      segments.push_back(list->size());
      break;
    }
    case SchemaArgKind::Float:
    case SchemaArgKind::Scalar:
    case SchemaArgKind::OptionalFloat: {
      std::optional<double> number;
      if (!value) {
        if (*arg.defaultValue == "None")
          break;
        number = std::strtod(arg.defaultValue->c_str(), nullptr);
      } else if (key == "as_float") {
        number = getFloat(*value);
        // Kept as a double and written back from it.
        if (number && value->kind() == json::Value::Number &&
            !isExactDouble(*value))
          return malformed("a number a double holds exactly");
      } else if (key == "as_int") {
        if (std::optional<int64_t> i = value->getAsInteger())
          number = static_cast<double>(*i);
        if (number && !isExactDouble(*value))
          return malformed("an integer a double holds exactly");
        argKeys.append(arg.name, builder.getStringAttr(key));
      } else if (key == "as_none" && arg.kind == SchemaArgKind::OptionalFloat) {
        if (!isNone(*value))
          return malformed("true");
        break;
      }
      if (!number)
        return wrongKind();
      attrs.append(arg.name, builder.getF64FloatAttr(*number));
      break;
    }
    case SchemaArgKind::Bool:
    case SchemaArgKind::OptionalBool: {
      std::optional<bool> flag;
      if (!value)
        flag = *arg.defaultValue == "True";
      else if (key == "as_bool")
        flag = value->getAsBoolean();
      if (!flag) {
        if (key == "as_none") {
          emitNodeError() << "argument '" << arg.name
                          << "' is None: the mode is not known";
          return failure();
        }
        return wrongKind();
      }
      attrs.append(arg.name, builder.getBoolAttr(*flag));
      break;
    }
    case SchemaArgKind::Int: {
      std::optional<int64_t> number;
      if (!value)
        number = std::strtoll(arg.defaultValue->c_str(), nullptr, 10);
      else if (key == "as_int")
        number = value->getAsInteger();
      if (!number)
        return wrongKind();
      attrs.append(arg.name, builder.getI64IntegerAttr(*number));
      break;
    }
    case SchemaArgKind::Generator:
      if (value && key == "as_none" && !isNone(*value))
        return malformed("true");
      if (value && key != "as_none") {
        emitNodeError() << "argument '" << arg.name
                        << "' is a random generator; mode keeps only the "
                           "default one";
        return failure();
      }
      break;
    }
  }

  if (!argKeys.empty())
    discardable.set(kArgKeysAttr, argKeys.getDictionary(context));

  SmallVector<Type> types;
  SmallVector<StringAttr> names;
  FailureOr<ArrayAttr> outputs =
      readOutputs(*node.getArray("outputs"), name, types, names);
  if (failed(outputs))
    return failure();
  if (*outputs)
    discardable.set(PT2Dialect::getOutputsAttrName(), *outputs);

  OperationState state(loc, opName);
  state.addOperands(operands);
  state.addAttributes(attrs);
  if (opName.hasTrait<OpTrait::AttrSizedOperandSegments>())
    state.addAttribute("operandSegmentSizes",
                       builder.getDenseI32ArrayAttr(segments));
  state.addTypes(types);
  Operation *op = builder.create(state);

  // Which arguments the node spells out, and how: kept only where it is not
  // what PyTorch writes for these values (which the exporter then writes).
  SmallVector<std::pair<unsigned, ArgumentKind>> spelled =
      getSpelledArguments(op, schema);
  bool canonical = spelled.size() == argKinds.getAttrs().size() &&
                   llvm::all_of(spelled, [&](auto entry) {
                     auto kind = dyn_cast_or_null<IntegerAttr>(
                         argKinds.get(schema.arguments[entry.first].name));
                     return kind && kind.getInt() == entry.second;
                   });
  if (!canonical)
    discardable.set(kArgsAttr, argKinds.getDictionary(context));
  for (NamedAttribute attr : discardable)
    op->setAttr(attr.getName(), attr.getValue());

  // What the node says must make a valid op: verify it here, to report any
  // problem at the node rather than somewhere in the module.
  std::string message;
  {
    ScopedDiagnosticHandler handler(context, [&](Diagnostic &diag) {
      if (message.empty())
        message = diag.str();
      return success();
    });
    if (succeeded(mlir::verify(op)))
      message.clear();
  }
  if (!message.empty()) {
    emitNodeError() << message;
    return failure();
  }
  return defineResults(op, names);
}

//===----------------------------------------------------------------------===//
// mode's records
//===----------------------------------------------------------------------===//

LogicalResult
ProgramImporter::readRecords(const json::Object &metadata,
                             llvm::StringMap<std::string> &records) {
  std::optional<llvm::StringRef> custom = metadata.getString(kCustomKey);
  if (!custom || !custom->contains(("\"" + kRecordPrefix).str()))
    return success();
  Path customPath = {std::string("metadata"), std::string(kCustomKey)};
  std::string error, user;
  std::vector<std::pair<std::string, std::string>> found;
  if (failed(splitRecords(*custom, found, user, error))) {
    emitNodeError(customPath) << error;
    return failure();
  }
  for (auto &[key, value] : found)
    records[key] = std::move(value);
  return success();
}

FailureOr<Value> ProgramImporter::importRecordBody(Operation *op,
                                                   const json::Object &record,
                                                   llvm::StringRef recordKey,
                                                   llvm::StringRef result) {
  auto fail = [&](llvm::StringRef why) {
    emitNodeError({std::string("metadata")})
        << "the record '" << recordKey << "' " << why;
    return failure();
  };
  const json::Array *nodes = record.getArray("nodes");
  const json::Object *metas = record.getObject("tensor_values");
  if (!nodes || nodes->empty() || !metas)
    return fail("is not {\"nodes\": [...], \"tensor_values\": {...}}");
  Block *body = builder.createBlock(&op->getRegion(0));
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToEnd(body);
  RecordScope recordScope;
  recordScope.tensorValues = metas;
  RecordScope *outer = scope;
  scope = &recordScope;
  std::string label = nodeLabel;
  std::string outerLabel = recordLabel;
  llvm::StringRef outerKey = this->recordKey;
  recordLabel = nodeLabel;
  this->recordKey = recordKey;
  if (recordDepth++ == 0 && currentNode.end > currentNode.begin)
    recordOffset = currentNode.begin;
  LogicalResult imported = success();
  for (auto [index, inner] : llvm::enumerate(*nodes)) {
    const json::Object *innerNode = inner.getAsObject();
    if (!innerNode || failed(importNode(*innerNode, index))) {
      if (!innerNode)
        emitNodeError() << "a node of the record '" << recordKey
                        << "' is not an object";
      imported = failure();
      break;
    }
  }
  --recordDepth;
  scope = outer;
  nodeLabel = label;
  recordLabel = outerLabel;
  this->recordKey = outerKey;
  if (failed(imported))
    return failure();
  Value value = recordScope.values.lookup(result);
  if (!value)
    return fail("does not define the value it stands for");
  YieldOp::create(builder, op->getLoc(), value);
  return value;
}

LogicalResult ProgramImporter::restoreCounter(llvm::StringRef record) {
  // The counter increment switching to evaluation removed from before this
  // batch norm: the node it was, in evaluation form.
  auto fail = [&]() {
    emitNodeError({std::string("metadata")})
        << "the record '" << kRemovedCounterKey
        << "' is not the counter increment of a batch norm";
    return failure();
  };
  llvm::Expected<json::Document> parsed = json::parse(record);
  if (!parsed) {
    std::string message = llvm::toString(parsed.takeError());
    emitNodeError({std::string("metadata")})
        << "the record '" << kRemovedCounterKey << "' "
        << (llvm::StringRef(message).starts_with("nests deeper")
                ? message
                : std::string("is not a JSON node"));
    return failure();
  }
  const json::Object *node = parsed->getAsObject();
  if (!node)
    return fail();
  // add_.Tensor(self, 1), as PyTorch writes it.
  const json::Array *inputs = node->getArray("inputs");
  const json::Array *outputs = node->getArray("outputs");
  const json::Object *self =
      inputs && inputs->size() == 2 ? (*inputs)[0].getAsObject() : nullptr;
  const json::Object *other = self ? (*inputs)[1].getAsObject() : nullptr;
  std::optional<llvm::StringRef> selfName =
      self && self->getString("name") == "self" && self->getObject("arg")
          ? getTensorArgumentName(self->getObject("arg")->get("as_tensor"))
          : std::nullopt;
  bool one = other && other->getString("name") == "other" &&
             other->getObject("arg") &&
             other->getObject("arg")->getInteger("as_int") == 1;
  const json::Object *out = outputs && outputs->size() == 1
                                ? (*outputs)[0].getAsObject()
                                : nullptr;
  std::optional<llvm::StringRef> outName =
      out ? getTensorArgumentName(out->get("as_tensor")) : std::nullopt;
  std::optional<llvm::StringRef> name = node->getString("name");
  if (node->getString("target") != "torch.ops.aten.add_.Tensor" ||
      !selfName || !one || !outName || !name || !node->getObject("metadata"))
    return fail();
  FailureOr<Value> buffer = lookup(*selfName, ValueKind::Tensor, [&] {
    return emitNodeError({std::string("metadata")});
  });
  if (failed(buffer) || !isa<RankedTensorType>(buffer->getType()))
    return failed(buffer) ? failure() : fail();
  std::string fields;
  {
    llvm::raw_string_ostream os(fields);
    JSONWriter writer(os);
    writer.objectBegin();
    for (const auto &[key, value] : *node) {
      if (key == "target" || key == "inputs" || key == "outputs" ||
          key == "name")
        continue;
      writer.key(key);
      writer.value(value);
    }
    writer.objectEnd();
  }
  std::optional<llvm::StringRef> stack =
      node->getObject("metadata")->getString("stack_trace");
  Location loc = NameLoc::get(builder.getStringAttr(*name),
                              getLocationAt(currentNode.begin));
  Location stackLoc = getStackLocation(context, stack.value_or(""));
  if (!isa<UnknownLoc>(stackLoc))
    loc = FusedLoc::get(context, {loc, stackLoc});
  auto counter = BatchNormCounterOp::create(builder, loc, buffer->getType(),
                                            *buffer, /*training=*/false,
                                            /*in_place=*/true);
  counter->setAttr(PT2Dialect::getNodeAttrName(), builder.getStringAttr(*name));
  if (*outName != *name)
    counter->setAttr(PT2Dialect::getOutputsAttrName(),
                     builder.getStrArrayAttr({*outName}));
  counter->setAttr(PT2Dialect::getFieldsAttrName(),
                   builder.getStringAttr(fields));
  if (std::optional<llvm::StringRef> stackText =
          node->getObject("metadata")->getString("nn_module_stack"))
    if (ModuleAttr call = ModuleAttr::parseStack(context, *stackText))
      counter->setAttr(PT2Dialect::getModuleAttrName(), call);
  return define(*outName, counter.getResult(),
                [&] { return emitNodeError({std::string("metadata")}); });
}

LogicalResult ProgramImporter::restoreDropPaths(llvm::StringRef record) {
  auto fail = [&](llvm::StringRef why) {
    emitNodeError({std::string("metadata")})
        << "the record '" << kDropPathKey << "' " << why;
    return failure();
  };
  llvm::Expected<json::Document> parsed = json::parse(record);
  if (!parsed) {
    std::string message = llvm::toString(parsed.takeError());
    return fail(llvm::StringRef(message).starts_with("nests deeper")
                    ? message
                    : "is not JSON");
  }
  const json::Array *list = parsed->getAsArray();
  if (!list || list->empty())
    return fail("is not a list of drop paths");
  for (const json::Value &entry : *list) {
    const json::Object *object = entry.getAsObject();
    const json::Array *uses = object ? object->getArray("uses") : nullptr;
    const json::Array *nodes = object ? object->getArray("nodes") : nullptr;
    std::optional<llvm::StringRef> input =
        object ? object->getString("input") : std::nullopt;
    std::optional<llvm::StringRef> result =
        object ? object->getString("result") : std::nullopt;
    if (!uses || !nodes || !input || !result)
      return fail("is not {\"input\", \"result\", \"nodes\", "
                  "\"tensor_values\", \"uses\"}");
    FailureOr<Value> x = lookup(*input, ValueKind::Tensor, [&] {
      return emitNodeError({std::string("metadata")});
    });
    if (failed(x))
      return failure();
    auto type = dyn_cast<RankedTensorType>(x->getType());
    if (!type)
      return fail("names an input that is no ranked tensor");
    Location loc = getLocationAt(currentNode.begin);
    auto dropPath = DropPathOp::create(builder, loc, type, *x,
                                       /*training=*/false);
    FailureOr<Value> yielded =
        importRecordBody(dropPath, *object, kDropPathKey, *result);
    if (failed(yielded))
      return failure();
    if (yielded->getType() != type)
      return fail("yields a value of another type than its input");
    builder.setInsertionPointAfter(dropPath);
    if (Operation *last = yielded->getDefiningOp())
      if (Attribute call = last->getAttr(PT2Dialect::getModuleAttrName()))
        dropPath->setAttr(PT2Dialect::getModuleAttrName(), call);
    for (const json::Value &use : *uses) {
      const json::Object *where = use.getAsObject();
      std::optional<llvm::StringRef> node =
          where ? where->getString("node") : std::nullopt;
      std::optional<int64_t> operand =
          where ? where->getInteger("operand") : std::nullopt;
      std::optional<int64_t> output =
          where ? where->getInteger("output") : std::nullopt;
      if (node && operand && *operand >= 0)
        redirects[{node->str(), unsigned(*operand)}] = dropPath;
      else if (output && *output >= 0)
        outputRedirects[unsigned(*output)] = dropPath;
      else
        return fail("has a use that is neither {\"node\", \"operand\"} nor "
                    "{\"output\"}");
    }
  }
  return success();
}

LogicalResult ProgramImporter::importDecomposedDropout(const json::Object &node,
                                                       llvm::StringRef record,
                                                       Location loc,
                                                       llvm::StringRef name) {
  auto fail = [&](llvm::StringRef why) {
    emitNodeError({std::string("metadata")})
        << "the record '" << kDecomposedDropoutKey << "' " << why;
    return failure();
  };
  llvm::Expected<json::Document> parsed = json::parse(record);
  if (!parsed) {
    std::string message = llvm::toString(parsed.takeError());
    return fail(llvm::StringRef(message).starts_with("nests deeper")
                    ? message
                    : "is not JSON");
  }
  const json::Object *object = parsed->getAsObject();
  if (!object || !object->getArray("nodes") || !object->getObject("tensor_values"))
    return fail("is not {\"nodes\": [...], \"tensor_values\": {...}}");

  // The clone: what it reads is the dropout's input, what it defines its
  // result.
  const json::Array &inputs = *node.getArray("inputs");
  const json::Object *self =
      inputs.size() == 1 ? inputs[0].getAsObject() : nullptr;
  const json::Object *arg = self ? self->getObject("arg") : nullptr;
  std::optional<llvm::StringRef> inputName =
      arg ? getTensorArgumentName(arg->get("as_tensor")) : std::nullopt;
  if (!inputName)
    return fail("is on a clone that reads no tensor");
  FailureOr<Value> input =
      lookup(*inputName, ValueKind::Tensor, [&] { return emitNodeError(); });
  if (failed(input))
    return failure();
  SmallVector<Type> types;
  SmallVector<StringAttr> names;
  if (failed(readOutputs(*node.getArray("outputs"), name, types, names)))
    return failure();
  if (types.size() != 1)
    return fail("is on a clone with several outputs");

  auto dropout = DecomposedDropoutOp::create(builder, loc, types[0], *input,
                                             /*training=*/false);
  FailureOr<Value> yielded =
      importRecordBody(dropout, *object, kDecomposedDropoutKey,
                       names[0].getValue());
  if (failed(yielded))
    return failure();
  if (yielded->getType() != types[0])
    return fail("does not define the clone's output");
  builder.setInsertionPointAfter(dropout);
  return defineResults(dropout, names);
}

//===----------------------------------------------------------------------===//
// The function
//===----------------------------------------------------------------------===//

LogicalResult ProgramImporter::importGraphModuleRecords() {
  // mode's records on the graph module.
  const json::Object &metadata = *graphModuleMetadata.getAsObject();
  Path metadataPath = {std::string("graph_module"), std::string("metadata")};
  for (const auto &[key, value] : metadata)
    if (key.starts_with(kRecordPrefix)) {
      emitError(appendPath(metadataPath, {key.str()}))
          << "the metadata key '" << key << "' is one of mode's, outside the "
          << "entry '" << kCustomKey << "' where mode writes them";
      return failure();
    }
  if (std::optional<llvm::StringRef> custom = metadata.getString(kCustomKey);
      custom && custom->contains(("\"" + kRecordPrefix).str())) {
    std::string error, user;
    std::vector<std::pair<std::string, std::string>> records;
    if (failed(splitRecords(*custom, records, user, error))) {
      emitError(appendPath(metadataPath, {std::string(kCustomKey)})) << error;
      return failure();
    }
    for (auto &[key, value] : records) {
      if (key == kDecomposedInTrainingKey && value == "true") {
        decomposedInTraining = true;
        continue;
      }
      if (key == kDropPathKey) {
        // Drop paths after the last node: restored before the return.
        currentNode = {};
        recordOffset = findJSONOffset(text, metadataPath);
        if (failed(restoreDropPaths(value)))
          return failure();
        continue;
      }
      emitError(appendPath(metadataPath, {std::string(kCustomKey)}))
          << "the record '" << key
          << "' is not one mode writes on the graph module";
      return failure();
    }
  }
  return success();
}

LogicalResult ProgramImporter::finishFunction() {
  if (!outputRedirects.empty()) {
    emitError({std::string("graph_module"), std::string("graph"),
               std::string("outputs")})
        << "the record '" << kDropPathKey << "' names graph output #"
        << outputRedirects.begin()->first << ", which the graph does not have";
    return failure();
  }
  NamedAttrList attrs(func->getAttrDictionary());
  attrs.set(kSourceAttr,
            builder.getDictionaryAttr(
                {builder.getNamedAttr(
                     "crc32", builder.getI64IntegerAttr(mode::pt2::crc32(
                                  0, llvm::arrayRefFromStringRef(text)))),
                 builder.getNamedAttr("size",
                                      builder.getI64IntegerAttr(text.size()))}));
  if (const json::Array *list = verifiers.getAsArray())
    if (llvm::any_of(*list, [](const json::Value &verifier) {
          return verifier.getAsString() == kDecomposedVerifier;
        }))
      attrs.set(kDecomposedAttr, builder.getUnitAttr());
  // The tensor metadata no value of the graph has, kept as it is.
  if (usedTensorValues.size() != tensorValueSpans.size()) {
    SmallVector<llvm::StringRef> unused;
    for (llvm::StringRef name : tensorValueOrder)
      if (!usedTensorValues.contains(name))
        unused.push_back(name);
    attrs.set(kUnusedTensorValuesAttr, builder.getStrArrayAttr(unused));
  }

  if (decomposedInTraining)
    attrs.set(kDecomposedInTrainingAttr, builder.getUnitAttr());
  func->setAttrs(attrs.getDictionary(context));
  return success();
}

} // namespace

LogicalResult importProgram(ModuleOp module, llvm::StringRef modelName,
                            llvm::StringRef json, llvm::StringRef entryName,
                            TimingScope &timing, bool raiseModeOps) {
  module.getContext()
      ->loadDialect<func::FuncDialect, PT2Dialect, aten::AtenDialect>();
  return ProgramImporter(module, modelName, json, entryName, timing,
                         raiseModeOps)
      .run();
}

LogicalResult importProgram(ModuleOp module, llvm::StringRef modelName,
                            llvm::StringRef json, llvm::StringRef entryName) {
  TimingScope noTiming;
  return importProgram(module, modelName, json, entryName, noTiming);
}

} // namespace mode::pt2
