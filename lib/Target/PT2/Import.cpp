//===- Import.cpp - Reading a PyTorch archive's programs into MLIR --------===//
//
// One function per model JSON. Each step checks what it reads and reports
// the first problem at its place in the JSON (line and column in the
// archive entry), naming the node where there is one; the module is never
// left half built: the function is erased on failure.
//
//===----------------------------------------------------------------------===//

#include "mode/Target/PT2/PT2.h"

#include "JSON.h"
#include "PT2Program.h"

#include "mode/Dialect/Aten/IR/AtenOps.h"
#include "mode/Dialect/PT2/IR/PT2Arguments.h"
#include "mode/Dialect/PT2/IR/PT2Ops.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FormatVariadic.h"

#include <cmath>
#include <cstdlib>
#include <map>

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

/// The location a node's stack trace points at: its last frame.
Location getStackLocation(MLIRContext *context, llvm::StringRef stackTrace) {
  size_t frame = stackTrace.rfind("File \"");
  if (frame == llvm::StringRef::npos)
    return UnknownLoc::get(context);
  llvm::StringRef rest = stackTrace.drop_front(frame + 6);
  auto [file, tail] = rest.split('"');
  unsigned line = 0;
  if (tail.consume_front(", line "))
    tail.take_while(llvm::isDigit).getAsInteger(10, line);
  return FileLineColLoc::get(context, file, line, 0);
}

/// Fails, with the error `emitAt(key)` gives, on a key of mode's records
/// directly in `metadata`: mode writes its records in the entry `custom`
/// (PyTorch keeps no other key it does not know), and writing such a key
/// back would move it there.
LogicalResult checkNoRecordKeys(
    const json::Object &metadata,
    llvm::function_ref<InFlightDiagnostic(llvm::StringRef)> emitAt) {
  for (const auto &[key, value] : metadata) {
    if (key.starts_with(kRecordPrefix)) {
      emitAt(key) << "the metadata key '" << key
                  << "' is one of mode's, outside the entry '" << kCustomKey
                  << "' where mode writes them";
      return failure();
    }
  }
  return success();
}

class ProgramImporter {
public:
  ProgramImporter(ModuleOp module, llvm::StringRef modelName,
                  llvm::StringRef text, llvm::StringRef entryName,
                  TimingScope &timing)
      : context(module.getContext()), module(module), modelName(modelName),
        text(text), entryName(entryName), timing(timing), builder(context) {}

  LogicalResult run();

private:
  //===--------------------------------------------------------------------===//
  // Diagnostics
  //===--------------------------------------------------------------------===//

  Location getLocation(ArrayRef<JSONPathStep> path) {
    auto [line, column] = findJSONPosition(text, path);
    return FileLineColLoc::get(context, entryName, line, column);
  }

  /// An error at `path`; inside the node being imported, the message starts
  /// with the node.
  InFlightDiagnostic emitError(ArrayRef<JSONPathStep> path) {
    InFlightDiagnostic diag = mlir::emitError(getLocation(path));
    if (!nodeLabel.empty() && isInNode(path))
      diag << "node " << nodeLabel << ": ";
    return diag;
  }

  /// An error at node `index`, the message starting with the node.
  InFlightDiagnostic emitNodeError(size_t index,
                                   ArrayRef<JSONPathStep> within = {}) {
    Path path = nodePath(index);
    path.append(within.begin(), within.end());
    return emitError(path);
  }

  static Path nodePath(size_t index) {
    return {std::string("graph_module"), std::string("graph"),
            std::string("nodes"), index};
  }

  /// Whether `path` is in a node (`graph_module.graph.nodes[i]...`).
  static bool isInNode(ArrayRef<JSONPathStep> path) {
    Path nodes = nodePath(0);
    nodes.pop_back();
    return path.size() > nodes.size() &&
           path.take_front(nodes.size()) == ArrayRef<JSONPathStep>(nodes);
  }

  //===--------------------------------------------------------------------===//
  // Reading JSON
  //===--------------------------------------------------------------------===//

  /// The member `key` of `object`, which must be there with the given kind.
  const json::Value *getMember(const json::Object &object, llvm::StringRef key,
                               json::Value::Kind kind,
                               ArrayRef<JSONPathStep> path) {
    const json::Value *member = object.get(key);
    if (!member) {
      emitError(path) << "missing field '" << key << "'";
      return nullptr;
    }
    if (member->kind() != kind) {
      emitError(appendPath(path, {key.str()}))
          << "field '" << key << "' is not " << describe(kind);
      return nullptr;
    }
    return member;
  }

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

  /// The one member of a union (`{"as_tensor": ...}`), or failure if it has
  /// none or several.
  FailureOr<std::pair<llvm::StringRef, const json::Value *>>
  getUnion(const json::Value &value, llvm::StringRef what,
           ArrayRef<JSONPathStep> path) {
    const json::Object *object = value.getAsObject();
    if (!object || object->size() != 1) {
      InFlightDiagnostic diag = emitError(path);
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

  FailureOr<Attribute> toAttribute(const json::Value &value,
                                   ArrayRef<JSONPathStep> path) {
    std::string error;
    std::vector<JSONPathStep> where;
    Attribute attr = jsonToAttribute(value, context, error, &where);
    if (!attr) {
      Path at(path.begin(), path.end());
      at.append(where.begin(), where.end());
      emitError(at) << error;
      return failure();
    }
    return attr;
  }

  //===--------------------------------------------------------------------===//
  // Values
  //===--------------------------------------------------------------------===//

  /// The type of the value `name` defined as a `kind`.
  FailureOr<Type> getDefinedType(llvm::StringRef name, ValueKind kind,
                                 ArrayRef<JSONPathStep> path) {
    if (kind != ValueKind::Tensor)
      return getValueType(context, kind);
    const json::Value *meta =
        scope && scope->tensorValues ? scope->tensorValues->get(name) : nullptr;
    if (!meta && tensorValues)
      meta = tensorValues->get(name);
    if (!meta) {
      emitError(path) << "tensor '" << name
                      << "' has no entry in graph.tensor_values";
      return failure();
    }
    FailureOr<Attribute> attr =
        toAttribute(*meta, {std::string("graph_module"), std::string("graph"),
                            std::string("tensor_values"), name.str()});
    if (failed(attr))
      return failure();
    std::string error;
    auto dict = dyn_cast<DictionaryAttr>(*attr);
    // Most tensors of a program share a few metadata: read each once.
    RankedTensorType &known = tensorTypes[dict];
    FailureOr<RankedTensorType> type = failure();
    if (known)
      type = known;
    else if (dict && succeeded(type = getTensorType(dict, error)))
      known = *type;
    if (failed(type)) {
      emitError({std::string("graph_module"), std::string("graph"),
                 std::string("tensor_values"), name.str()})
          << "tensor '" << name
          << "': " << (dict ? error : std::string("metadata is not an object"));
      return failure();
    }
    if (!scope)
      usedTensorValues.insert(name);
    return Type(*type);
  }

  /// Defines `name` as `value`; a name is defined once.
  LogicalResult define(llvm::StringRef name, Value value,
                       ArrayRef<JSONPathStep> path) {
    llvm::StringMap<Value> &defined = scope ? scope->values : values;
    if (!defined.try_emplace(name, value).second) {
      emitError(path) << "'" << name << "' is defined twice";
      return failure();
    }
    return success();
  }

  /// The value `name` read as a `kind`.
  FailureOr<Value> lookup(llvm::StringRef name, ValueKind kind,
                          ArrayRef<JSONPathStep> path) {
    Value value = scope ? scope->values.lookup(name) : Value();
    if (!value)
      value = values.lookup(name);
    if (!value) {
      emitError(path) << "reads '" << name
                      << "', which no graph input or earlier node defines";
      return failure();
    }
    bool isTensor = isa<TensorType>(value.getType());
    if (isTensor != (kind == ValueKind::Tensor) ||
        (!isTensor && value.getType() != getValueType(context, kind))) {
      emitError(path) << "reads '" << name
                      << "' as a different kind of value than it "
                      << "is (" << value.getType() << ")";
      return failure();
    }
    return value;
  }

  /// The types of the values an output list defines, in order, and their
  /// names, as attributes (names kept).
  FailureOr<ArrayAttr> readOutputs(const json::Array &outputs,
                                   ArrayRef<JSONPathStep> path,
                                   SmallVectorImpl<Type> &types,
                                   SmallVectorImpl<StringAttr> &names) {
    SmallVector<Attribute> attrs;
    for (auto [index, output] : llvm::enumerate(outputs)) {
      Path outputPath = appendPath(path, {index});
      if (failed(getUnion(output, "an output", outputPath)))
        return failure();
      FailureOr<Attribute> attr = toAttribute(output, outputPath);
      if (failed(attr))
        return failure();
      bool ok = true;
      if (failed(walkValueReferences(*attr, [&](Attribute ref, ValueKind kind) {
            auto name = dyn_cast<StringAttr>(ref);
            if (!ok)
              return;
            if (!name) {
              emitError(outputPath) << "an output name is not a string";
              ok = false;
              return;
            }
            FailureOr<Type> type =
                getDefinedType(name.getValue(), kind, outputPath);
            if (failed(type)) {
              ok = false;
              return;
            }
            types.push_back(*type);
            names.push_back(name);
          }))) {
        emitError(outputPath) << "an output holds a subgraph";
        return failure();
      }
      if (!ok)
        return failure();
      attrs.push_back(*attr);
    }
    return builder.getArrayAttr(attrs);
  }

  /// A graph input or output read with its spec in the signature.
  struct SignatureEntry {
    /// Where the graph input or output is.
    Path path;
    /// The input or output and its spec, as attributes.
    Attribute attr, specAttr;
    /// The spec's one member: its kind (`buffer`, `user_output`, ...) and
    /// value.
    std::pair<llvm::StringRef, const json::Value *> spec;
    /// The value the input or output names; none for a literal.
    std::optional<std::pair<StringAttr, ValueKind>> ref;
  };

  /// Reads the graph's inputs (`side` "input") or outputs ("output") with
  /// the signature's specs of that side, which must be as many, and calls
  /// `each` on every one in order until it fails. Each names at most one
  /// value.
  LogicalResult
  readSignature(llvm::StringRef side,
                function_ref<LogicalResult(const SignatureEntry &)> each) {
    const json::Array &entries = *graph->getArray((side + "s").str());
    const json::Array &specs = side == "input" ? *inputSpecs : *outputSpecs;
    Path entriesPath = {std::string("graph_module"), std::string("graph"),
                        (side + "s").str()};
    Path specsPath = {std::string("graph_module"), std::string("signature"),
                      (side + "_specs").str()};
    if (entries.size() != specs.size()) {
      emitError(specsPath) << "the signature has " << specs.size() << " "
                           << side << " specs for " << entries.size()
                           << " graph " << side << "s";
      return failure();
    }
    std::string what = ("a graph " + side).str();
    std::string specWhat = ("an " + side + " spec").str();
    for (auto [index, entry] : llvm::enumerate(entries)) {
      SignatureEntry read;
      read.path = appendPath(entriesPath, {index});
      Path specPath = appendPath(specsPath, {index});
      if (failed(getUnion(entry, what, read.path)))
        return failure();
      FailureOr<std::pair<llvm::StringRef, const json::Value *>> spec =
          getUnion(specs[index], specWhat, specPath);
      if (failed(spec))
        return failure();
      read.spec = *spec;
      FailureOr<Attribute> attr = toAttribute(entry, read.path);
      FailureOr<Attribute> specAttr = succeeded(attr)
                                          ? toAttribute(specs[index], specPath)
                                          : FailureOr<Attribute>(failure());
      if (failed(specAttr))
        return failure();
      read.attr = *attr;
      read.specAttr = *specAttr;

      SmallVector<std::pair<StringAttr, ValueKind>> refs;
      if (failed(walkValueReferences(
              read.attr, [&](Attribute ref, ValueKind kind) {
                if (auto name = dyn_cast<StringAttr>(ref))
                  refs.push_back({name, kind});
              }))) {
        emitError(read.path) << what << " holds a subgraph";
        return failure();
      }
      if (refs.size() > 1) {
        emitError(read.path)
            << what << " names " << refs.size() << " values; mode reads "
            << side << "s that are one value";
        return failure();
      }
      if (!refs.empty())
        read.ref = refs[0];
      if (failed(each(read)))
        return failure();
    }
    return success();
  }

  LogicalResult defineResults(Operation *op, ArrayRef<StringAttr> names,
                              ArrayRef<JSONPathStep> path) {
    for (auto [name, result] : llvm::zip(names, op->getResults()))
      if (failed(define(name.getValue(), result, path)))
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

  LogicalResult readProgram();
  LogicalResult importInputs();
  LogicalResult importNodes();
  LogicalResult importNode(size_t index, const json::Object &given,
                           const json::Value *recordFor = nullptr);
  LogicalResult importOperator(size_t index, const json::Object &node,
                               Location loc, NamedAttrList envelope);
  LogicalResult importAtenOp(size_t index, const json::Object &node,
                             RegisteredOperationName name, Location loc,
                             NamedAttrList envelope);
  /// The counter this node is, or failure if it is not one (no error).
  FailureOr<llvm::StringRef> matchCounter(const json::Object &node);
  LogicalResult importCounter(size_t index, const json::Object &node,
                              Location loc, NamedAttrList envelope,
                              llvm::StringRef bufferName, bool training,
                              bool restored);
  LogicalResult restoreOrSynthesizeCounter(size_t index, Operation *bn,
                                           NamedAttrList &envelope);
  LogicalResult restoreTrainingDropout(size_t index, Operation *op,
                                       NamedAttrList &envelope);
  LogicalResult importDecomposedDropout(size_t index, const json::Object &node,
                                        Location loc, llvm::StringRef record);
  LogicalResult importOutputs();
  LogicalResult gatherDecomposedDropouts();
  LogicalResult keepTheRest();
  /// A copy of `holder` (a node, a graph module) whose metadata has mode's
  /// records lifted out of its `custom` entry (writeLiftedRecords), kept as
  /// long as the importer.
  FailureOr<json::Value *> liftRecords(const json::Object &holder,
                                       std::string &error);

  MLIRContext *context;
  ModuleOp module;
  llvm::StringRef modelName, text, entryName;
  TimingScope &timing;
  OpBuilder builder;

  json::Document root;
  /// JSON the importer wrote itself (liftRecords), with its text.
  std::vector<std::unique_ptr<std::pair<std::string, json::Document>>>
      liftedJSON;
  const json::Object *graphModule = nullptr;
  const json::Object *graph = nullptr;
  const json::Array *inputSpecs = nullptr;
  const json::Array *outputSpecs = nullptr;
  const json::Object *tensorValues = nullptr;

  func::FuncOp func;
  llvm::StringMap<Value> values;
  llvm::StringSet<> usedTensorValues;
  /// The type of each tensor metadata read so far.
  DenseMap<DictionaryAttr, RankedTensorType> tensorTypes;
  llvm::StringSet<> nodeNames;
  Value noneValue;
  /// How the node being imported is called in messages: 'name' (target).
  std::string nodeLabel;
  /// Where each node starts in the text.
  std::vector<size_t> nodeOffsets;
  size_t lastOffset = 0;
  std::pair<unsigned, unsigned> lastPosition = {1, 1};

  // What tells a batch norm's counter apart: the buffers, by graph input
  // name, by buffer name and by argument, and the buffers that graph outputs
  // update.
  llvm::StringMap<std::string> bufferOfInput;
  llvm::StringMap<Value> inputOfBuffer;
  DenseMap<Value, llvm::StringRef> bufferOfArgument;
  llvm::StringMap<std::string> bufferUpdatedBy;
  /// Per batch-norm module prefix: counters read since its last batch norm.
  llvm::StringMap<unsigned> pendingCounters;

  /// The nodes of a record (a decomposed dropout kept in its clone's
  /// metadata) are read in a scope of their own: their names and tensor
  /// metadata are the record's.
  struct RecordScope {
    llvm::StringMap<Value> values;
    const json::Object *tensorValues = nullptr;
  };
  RecordScope *scope = nullptr;
};

LogicalResult ProgramImporter::run() {
  TimingScope parseTiming = timing.nest("parse JSON");
  LogicalResult parsed = readProgram();
  parseTiming.stop();
  TimingScope buildTiming = timing.nest("build IR");
  if (failed(parsed) || failed(importInputs()) || failed(importNodes()) ||
      failed(importOutputs()) || failed(gatherDecomposedDropouts()) ||
      failed(keepTheRest())) {
    if (func)
      func.erase();
    return failure();
  }
  return success();
}

LogicalResult ProgramImporter::readProgram() {
  llvm::Expected<json::Document> parsed = json::parse(text);
  if (!parsed) {
    std::string message = llvm::toString(parsed.takeError());
    if (llvm::StringRef(message).starts_with("nests deeper")) {
      emitError({}) << "the JSON " << message << ": not a torch.export program";
      return failure();
    }
    // "[line:column, byte=offset]: message"
    unsigned line = 1, column = 1;
    llvm::StringRef rest(message);
    if (rest.consume_front("[")) {
      rest.consumeInteger(10, line);
      rest.consume_front(":");
      rest.consumeInteger(10, column);
      ++column; // llvm::json counts columns from 0
      rest = rest.split("]: ").second;
    }
    mlir::emitError(FileLineColLoc::get(context, entryName, line, column))
        << "invalid JSON: " << rest;
    return failure();
  }
  root = std::move(*parsed);
  const json::Object *program = root.getAsObject();
  if (!program) {
    emitError({}) << "the program is not a JSON object";
    return failure();
  }

  // Schema 8.x: the major version is what PyTorch itself checks.
  const json::Value *version =
      getMember(*program, "schema_version", json::Value::Object, {});
  if (!version)
    return failure();
  Path versionPath = {std::string("schema_version")};
  const json::Value *major = getMember(*version->getAsObject(), "major",
                                       json::Value::Number, versionPath);
  if (!major)
    return failure();
  if (major->getAsInteger() != 8) {
    emitError(appendPath(versionPath, {std::string("major")}))
        << "schema version "
        << (major->getAsInteger() ? std::to_string(*major->getAsInteger())
                                  : std::string("?"))
        << ".x: mode reads schema 8 (the archives of PyTorch 2.x)";
    return failure();
  }

  const json::Value *gm =
      getMember(*program, "graph_module", json::Value::Object, {});
  if (!gm)
    return failure();
  graphModule = gm->getAsObject();
  Path gmPath = {std::string("graph_module")};
  const json::Value *g =
      getMember(*graphModule, "graph", json::Value::Object, gmPath);
  const json::Value *signature =
      g ? getMember(*graphModule, "signature", json::Value::Object, gmPath)
        : nullptr;
  // PyTorch always writes it, and mode's records on the program live there:
  // without it, a program switched to evaluation could not say it came
  // from training.
  if (!signature ||
      !getMember(*graphModule, "metadata", json::Value::Object, gmPath))
    return failure();
  graph = g->getAsObject();
  Path graphPath = appendPath(gmPath, {std::string("graph")});
  Path signaturePath = appendPath(gmPath, {std::string("signature")});
  const json::Value *in = getMember(*signature->getAsObject(), "input_specs",
                                    json::Value::Array, signaturePath);
  const json::Value *out =
      in ? getMember(*signature->getAsObject(), "output_specs",
                     json::Value::Array, signaturePath)
         : nullptr;
  const json::Value *tv =
      out ? getMember(*graph, "tensor_values", json::Value::Object, graphPath)
          : nullptr;
  if (!tv)
    return failure();
  inputSpecs = in->getAsArray();
  outputSpecs = out->getAsArray();
  tensorValues = tv->getAsObject();
  for (llvm::StringRef key : {"inputs", "outputs", "nodes"})
    if (!getMember(*graph, key, json::Value::Array, graphPath))
      return failure();
  return success();
}

LogicalResult ProgramImporter::importInputs() {
  SmallVector<Type> types;
  SmallVector<DictionaryAttr> argAttrs;
  SmallVector<std::string> argNames;
  if (failed(readSignature("input", [&](const SignatureEntry &input) {
        Type type = LiteralType::get(context);
        if (input.ref) {
          FailureOr<Type> defined = getDefinedType(
              input.ref->first.getValue(), input.ref->second, input.path);
          if (failed(defined))
            return failure();
          type = *defined;
          argNames.push_back(input.ref->first.str());
        } else {
          argNames.push_back("");
        }
        types.push_back(type);
        argAttrs.push_back(builder.getDictionaryAttr(
            {builder.getNamedAttr(kInputAttr, input.attr),
             builder.getNamedAttr(kInputSpecAttr, input.specAttr)}));

        // A buffer: what tells a batch norm's counter apart.
        if (input.spec.first == "buffer" && input.ref)
          if (const json::Object *buffer = input.spec.second->getAsObject())
            if (std::optional<llvm::StringRef> bufferName =
                    buffer->getString("buffer_name"))
              bufferOfInput[input.ref->first.getValue()] = bufferName->str();
        return success();
      })))
    return failure();

  builder.setInsertionPointToEnd(module.getBody());
  func = func::FuncOp::create(builder, getLocation({}), modelName,
                              builder.getFunctionType(types, {}));
  func.setAllArgAttrs(argAttrs);
  Block *body = func.addEntryBlock();
  builder.setInsertionPointToEnd(body);
  for (auto [index, name] : llvm::enumerate(argNames)) {
    if (name.empty())
      continue;
    if (failed(define(name, body->getArgument(index),
                      {std::string("graph_module"), std::string("graph"),
                       std::string("inputs"), index})))
      return failure();
    auto buffer = bufferOfInput.find(name);
    if (buffer == bufferOfInput.end())
      continue;
    Value &input = inputOfBuffer[buffer->second];
    if (input)
      bufferOfArgument.erase(input);
    input = body->getArgument(index);
    bufferOfArgument[input] = buffer->second;
  }

  // The buffers that graph outputs update (functional counters feed them).
  Path outSpecsPath = {std::string("graph_module"), std::string("signature"),
                       std::string("output_specs")};
  for (auto [index, spec] : llvm::enumerate(*outputSpecs)) {
    FailureOr<std::pair<llvm::StringRef, const json::Value *>> member =
        getUnion(spec, "an output spec", appendPath(outSpecsPath, {index}));
    if (failed(member))
      return failure();
    const json::Object *mutation = member->second->getAsObject();
    if (member->first != "buffer_mutation" || !mutation)
      continue;
    const json::Object *arg = mutation->getObject("arg");
    std::optional<llvm::StringRef> tensor =
        arg ? arg->getString("name") : std::nullopt;
    std::optional<llvm::StringRef> buffer = mutation->getString("buffer_name");
    if (tensor && buffer)
      bufferUpdatedBy[*tensor] = buffer->str();
  }
  return success();
}

LogicalResult ProgramImporter::importNodes() {
  const json::Array &nodes = *graph->getArray("nodes");
  Path nodesPath = nodePath(0);
  nodesPath.pop_back();
  nodeOffsets = findArrayElementOffsets(text, nodesPath);
  for (auto [index, node] : llvm::enumerate(nodes)) {
    const json::Object *object = node.getAsObject();
    if (!object) {
      nodeLabel.clear();
      emitError(nodePath(index)) << "node #" << index << " is not an object";
      return failure();
    }
    if (failed(importNode(index, *object)))
      return failure();
  }
  nodeLabel.clear();
  return success();
}

LogicalResult ProgramImporter::importNode(size_t index,
                                          const json::Object &given,
                                          const json::Value *recordFor) {
  Path path = nodePath(index);
  if (recordFor)
    path.push_back(std::string("metadata"));
  std::optional<llvm::StringRef> name = given.getString("name");
  std::optional<llvm::StringRef> target = given.getString("target");
  std::string label =
      (name ? "'" + name->str() + "'" : "#" + std::to_string(index)) +
      (target ? " (" + target->str() + ")" : "");
  // A record is in the metadata of the batch norm being imported.
  nodeLabel = recordFor ? nodeLabel + ": in the record '" +
                              kRemovedCounterKey.str() + "', node " + label
                        : label;
  if (!getMember(given, "target", json::Value::String, path) ||
      !getMember(given, "inputs", json::Value::Array, path) ||
      !getMember(given, "outputs", json::Value::Array, path) ||
      !getMember(given, "metadata", json::Value::Object, path))
    return failure();
  if (failed(checkNoRecordKeys(
          *given.getObject("metadata"), [&](llvm::StringRef key) {
            return emitNodeError(index, {std::string("metadata"), key.str()});
          })))
    return failure();
  // mode's records, which ride in the metadata's `custom`, become metadata
  // keys of their own: the node is imported from a copy that has them so.
  const json::Object *lifted = &given;
  if (mayHoldRecords(*given.getObject("metadata"))) {
    std::string error;
    FailureOr<json::Value *> copy = liftRecords(given, error);
    if (failed(copy)) {
      emitNodeError(index, {std::string("metadata"), std::string(kCustomKey)})
          << error;
      return failure();
    }
    lifted = (*copy)->getAsObject();
  }
  const json::Object &node = *lifted;

  if (const json::Value *n = node.get("name");
      n && n->kind() != json::Value::String && n->kind() != json::Value::Null) {
    emitNodeError(index, {std::string("name")}) << "'name' is not a string";
    return failure();
  }
  if (name && !scope && !nodeNames.insert(*name).second) {
    emitNodeError(index, {std::string("name")})
        << "another node has the same name";
    return failure();
  }

  // What the op keeps of the node besides its target and arguments.
  NamedAttrList envelope;
  for (const auto &[key, value] : node) {
    if (key == "target" || key == "inputs")
      continue;
    FailureOr<Attribute> attr =
        toAttribute(value, appendPath(path, {key.str()}));
    if (failed(attr))
      return failure();
    envelope.append(key.str(), *attr);
  }

  // The op's location: the node, by name, at its place in the archive
  // entry (where errors point), then the last frame of its stack trace
  // (the model's source).
  Location nodeLoc = UnknownLoc::get(context);
  if (index < nodeOffsets.size()) {
    // Nodes come in order: count lines from the previous one only.
    size_t offset = nodeOffsets[index];
    if (offset >= lastOffset) {
      llvm::StringRef between = text.slice(lastOffset, offset);
      size_t newlines = between.count('\n');
      if (newlines)
        lastPosition = {lastPosition.first + newlines,
                        offset - text.rfind('\n', offset - 1)};
      else
        lastPosition.second += offset - lastOffset;
      lastOffset = offset;
    }
    nodeLoc = FileLineColLoc::get(context, entryName, lastPosition.first,
                                  lastPosition.second);
  }
  Location loc =
      NameLoc::get(builder.getStringAttr(name ? *name : *target), nodeLoc);
  Location stackLoc = getStackLocation(
      context,
      node.getObject("metadata")->getString("stack_trace").value_or(""));
  if (!isa<UnknownLoc>(stackLoc))
    loc = FusedLoc::get(context, {loc, stackLoc});

  if (target == "torch.ops.aten.clone.default")
    if (std::optional<llvm::StringRef> record =
            node.getObject("metadata")->getString(kDecomposedDropoutKey))
      return importDecomposedDropout(index, node, loc, *record);

  if (FailureOr<llvm::StringRef> buffer = matchCounter(node);
      succeeded(buffer)) {
    const json::Value &other = (*node.getArray("inputs"))[1];
    bool training =
        other.getAsObject()->getObject("arg")->getInteger("as_int") == 1 &&
        !recordFor;
    return importCounter(index, node, loc, std::move(envelope), *buffer,
                         training, /*restored=*/recordFor != nullptr);
  }
  if (recordFor) {
    emitNodeError(index) << "not the counter increment of a batch norm";
    return failure();
  }

  llvm::StringRef targetName = *target;
  if (targetName.consume_front("torch.ops.aten.")) {
    targetName.consume_back(".default");
    if (std::optional<RegisteredOperationName> opName =
            RegisteredOperationName::lookup(("aten." + targetName).str(),
                                            context))
      if (getAtenSchema(*opName))
        return importAtenOp(index, node, *opName, loc, std::move(envelope));
  }
  return importOperator(index, node, loc, std::move(envelope));
}

LogicalResult ProgramImporter::importOperator(size_t index,
                                              const json::Object &node,
                                              Location loc,
                                              NamedAttrList envelope) {
  Path path = nodePath(index);
  SmallVector<Value> operands;
  SmallVector<Attribute> inputs;
  for (auto [position, input] : llvm::enumerate(*node.getArray("inputs"))) {
    Path inputPath = appendPath(path, {std::string("inputs"), position});
    const json::Object *named = input.getAsObject();
    if (!named || !named->get("arg")) {
      emitNodeError(index, {std::string("inputs"), position})
          << "argument #" << position
          << " is not a named argument ({name, arg, kind})";
      return failure();
    }
    Path argPath = appendPath(inputPath, {std::string("arg")});
    if (failed(getUnion(*named->get("arg"), "an argument", argPath)))
      return failure();
    FailureOr<Attribute> attr = toAttribute(input, inputPath);
    if (failed(attr))
      return failure();
    auto dict = cast<DictionaryAttr>(*attr);
    if (failed(walkValueReferences(dict.get("arg"),
                                   [](Attribute, ValueKind) {}))) {
      emitNodeError(index, {std::string("inputs"), position})
          << "argument '" << named->getString("name").value_or("")
          << "' is a subgraph; mode does not read the subgraphs of "
             "higher-order ops (cond, while_loop, map)";
      return failure();
    }
    bool ok = true;
    // A lambda cannot capture a structured binding in C++17.
    size_t argumentPosition = position;
    Attribute arg = replaceValueReferences(
        dict.get("arg"), [&](Attribute ref, ValueKind kind) -> Attribute {
          auto name = dyn_cast<StringAttr>(ref);
          if (!name) {
            emitNodeError(index, {std::string("inputs"), argumentPosition})
                << "a value name that is not a string";
            ok = false;
            return {};
          }
          FailureOr<Value> value = lookup(name.getValue(), kind, argPath);
          if (failed(value)) {
            ok = false;
            return {};
          }
          operands.push_back(*value);
          return OperandAttr::get(context, operands.size() - 1);
        });
    if (!ok)
      return failure();
    NamedAttrList entries(dict);
    entries.set("arg", arg);
    inputs.push_back(entries.getDictionary(context));
  }

  SmallVector<Type> types;
  SmallVector<StringAttr> names;
  FailureOr<ArrayAttr> outputs =
      readOutputs(*node.getArray("outputs"),
                  appendPath(path, {std::string("outputs")}), types, names);
  if (failed(outputs))
    return failure();
  auto op = OperatorOp::create(builder, loc, types,
                               builder.getStringAttr(*node.getString("target")),
                               builder.getArrayAttr(inputs), operands);
  op->setAttr(PT2Dialect::getNodeAttrName(), envelope.getDictionary(context));
  return defineResults(op, names, path);
}

FailureOr<llvm::StringRef>
ProgramImporter::matchCounter(const json::Object &node) {
  // `add_.Tensor(num_batches_tracked, 1)` in the default graph;
  // `add.Tensor(num_batches_tracked, 1)` whose result updates the buffer
  // after run_decompositions() (0 once mode switched it to evaluation).
  std::optional<llvm::StringRef> target = node.getString("target");
  bool inPlace = target == "torch.ops.aten.add_.Tensor";
  if (!inPlace && target != "torch.ops.aten.add.Tensor")
    return failure();
  const json::Array *inputs = node.getArray("inputs");
  const json::Array *outputs = node.getArray("outputs");
  if (!inputs || inputs->size() != 2 || !outputs || outputs->size() != 1)
    return failure();
  // Exactly as PyTorch writes it: the counter op keeps nothing else.
  auto argOf = [&](size_t i, llvm::StringRef name) -> const json::Object * {
    const json::Object *named = (*inputs)[i].getAsObject();
    if (!named || named->size() != 3 || named->getString("name") != name ||
        named->getInteger("kind") != 1)
      return nullptr;
    return named->getObject("arg");
  };
  const json::Object *self = argOf(0, "self");
  const json::Object *other = argOf(1, "other");
  if (!self || !other || self->size() != 1 || other->size() != 1)
    return failure();
  const json::Object *tensor = self->getObject("as_tensor");
  std::optional<int64_t> increment = other->getInteger("as_int");
  std::optional<llvm::StringRef> input =
      tensor && tensor->size() == 1 ? tensor->getString("name") : std::nullopt;
  if (!input || !increment || (*increment != 1 && (inPlace || *increment != 0)))
    return failure();
  auto buffer = bufferOfInput.find(*input);
  if (buffer == bufferOfInput.end())
    return failure();
  std::optional<llvm::StringRef> prefix =
      getBufferPrefix(buffer->second, "num_batches_tracked");
  if (!prefix)
    return failure();
  std::string moduleDot = prefix->empty() ? "" : prefix->str() + ".";
  if (!inputOfBuffer.count(moduleDot + "running_mean") ||
      !inputOfBuffer.count(moduleDot + "running_var"))
    return failure();
  const json::Object *out = (*outputs)[0].getAsObject();
  const json::Object *outTensor =
      out && out->size() == 1 ? out->getObject("as_tensor") : nullptr;
  std::optional<llvm::StringRef> outName = outTensor && outTensor->size() == 1
                                               ? outTensor->getString("name")
                                               : std::nullopt;
  if (!outName ||
      (!inPlace && bufferUpdatedBy.lookup(*outName) != buffer->second))
    return failure();
  return llvm::StringRef(buffer->second);
}

LogicalResult ProgramImporter::importCounter(size_t index,
                                             const json::Object &node,
                                             Location loc,
                                             NamedAttrList envelope,
                                             llvm::StringRef bufferName,
                                             bool training, bool restored) {
  Path path = nodePath(index);
  SmallVector<Type> types;
  SmallVector<StringAttr> names;
  bool inPlace = node.getString("target") == "torch.ops.aten.add_.Tensor";
  Value buffer = inputOfBuffer.lookup(bufferName);
  if (restored) {
    // A removed counter's output was no tensor of the program: it is the
    // buffer, updated.
    const json::Object *output =
        (*node.getArray("outputs"))[0].getAsObject()->getObject("as_tensor");
    names.push_back(builder.getStringAttr(*output->getString("name")));
    types.push_back(buffer.getType());
  } else if (failed(readOutputs(*node.getArray("outputs"),
                                appendPath(path, {std::string("outputs")}),
                                types, names))) {
    return failure();
  } else if (types[0] != buffer.getType()) {
    // Not the buffer, updated: not an increment as PyTorch writes it (which
    // a record of it, above, could not be told from). An ordinary node.
    return importOperator(index, node, loc, std::move(envelope));
  }
  auto op = BatchNormCounterOp::create(builder, loc, types[0], buffer, training,
                                       inPlace);
  op->setAttr(PT2Dialect::getNodeAttrName(), envelope.getDictionary(context));
  ++pendingCounters[*getBufferPrefix(bufferName, "num_batches_tracked")];
  return defineResults(op, names, path);
}

LogicalResult ProgramImporter::importAtenOp(size_t index,
                                            const json::Object &node,
                                            RegisteredOperationName name,
                                            Location loc,
                                            NamedAttrList envelope) {
  const AtenSchema &schema = *getAtenSchema(name);
  Path path = nodePath(index);
  const json::Array &inputs = *node.getArray("inputs");

  // The node's arguments by name.
  llvm::StringMap<size_t> given;
  for (auto [position, input] : llvm::enumerate(inputs)) {
    const json::Object *named = input.getAsObject();
    std::optional<llvm::StringRef> argName =
        named ? named->getString("name") : std::nullopt;
    if (!argName || !named->get("arg")) {
      emitNodeError(index, {std::string("inputs"), position})
          << "argument #" << position
          << " is not a named argument ({name, arg, kind})";
      return failure();
    }
    if (!llvm::any_of(schema.arguments, [&](const SchemaArgument &arg) {
          return arg.name == *argName;
        })) {
      emitNodeError(index, {std::string("inputs"), position})
          << "argument '" << *argName
          << "' is not in the schema aten::" << schema.name;
      return failure();
    }
    if (!given.try_emplace(*argName, position).second) {
      emitNodeError(index, {std::string("inputs"), position})
          << "argument '" << *argName << "' is given twice";
      return failure();
    }
    // The op keeps a name, an argument and an ArgKind (an integer or null):
    // nothing else could be written back.
    for (const auto &field : *named) {
      if (field.first == "name" || field.first == "arg" ||
          (field.first == "kind" && (field.second.kind() == json::Value::Null ||
                                     field.second.getAsInteger())))
        continue;
      emitNodeError(index, {std::string("inputs"), position, field.first.str()})
          << "argument '" << *argName << "': "
          << (field.first == "kind" ? "'kind' is not an integer"
                                    : "field '" + field.first.str() +
                                          "' is not one of name, arg, kind");
      return failure();
    }
    if (!named->get("kind")) {
      emitNodeError(index, {std::string("inputs"), position})
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
      emitNodeError(index, {std::string("inputs"), it->second})
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
    Path argPath = path;
    const json::Value *value = nullptr;
    llvm::StringRef key;
    if (it != given.end()) {
      argPath = appendPath(
          path, {std::string("inputs"), it->second, std::string("arg")});
      const json::Object &named = *inputs[it->second].getAsObject();
      const json::Value *kind = named.get("kind");
      argKinds.append(arg.name, kind && kind->getAsInteger()
                                    ? Attribute(builder.getI64IntegerAttr(
                                          *kind->getAsInteger()))
                                    : Attribute(builder.getUnitAttr()));
      FailureOr<std::pair<llvm::StringRef, const json::Value *>> member =
          getUnion(*named.get("arg"), "an argument", argPath);
      if (failed(member))
        return failure();
      std::tie(key, value) = *member;
    } else if (!arg.defaultValue) {
      emitNodeError(index) << "argument '" << arg.name
                           << "' is missing and has no default in aten::"
                           << schema.name;
      return failure();
    }
    auto wrongKind = [&]() {
      emitNodeError(
          index, argPath.size() > path.size()
                     ? ArrayRef<JSONPathStep>(argPath).drop_front(path.size())
                     : ArrayRef<JSONPathStep>())
          << "argument '" << arg.name << "' of type " << arg.type
          << " cannot be '" << key << "'";
      return failure();
    };
    // A member holding more than the op keeps could not be written back.
    auto malformed = [&](llvm::StringRef expected) {
      emitNodeError(index,
                    ArrayRef<JSONPathStep>(argPath).drop_front(path.size()))
          << "argument '" << arg.name << "': '" << key << "' is not "
          << expected;
      return failure();
    };
    // A tensor is {"name": NAME}; None is {"as_none": true}.
    auto tensorName =
        [&](const json::Value &v) -> std::optional<llvm::StringRef> {
      const json::Object *t = v.getAsObject();
      return t && t->size() == 1 ? t->getString("name") : std::nullopt;
    };
    auto isNone = [](const json::Value &v) {
      return v.getAsBoolean() == std::optional<bool>(true);
    };

    switch (arg.kind) {
    case SchemaArgKind::Tensor:
    case SchemaArgKind::OptionalTensor: {
      std::optional<llvm::StringRef> tensor;
      bool none = !value;
      if (key == "as_tensor") {
        tensor = tensorName(*value);
        if (!tensor)
          return malformed("{\"name\": NAME}");
      } else if (key == "as_optional_tensor") {
        const json::Object *opt = value->getAsObject();
        if (opt && opt->size() == 1 && opt->get("as_tensor"))
          tensor = tensorName(*opt->get("as_tensor"));
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
        FailureOr<Value> v = lookup(*tensor, ValueKind::Tensor, argPath);
        if (failed(v))
          return failure();
        operands.push_back(*v);
      }
      segments.push_back(1);
      break;
    }
    case SchemaArgKind::TensorList: {
      const json::Array *list = value ? value->getAsArray() : nullptr;
      if (key != "as_tensors" || !list)
        return wrongKind();
      for (const json::Value &element : *list) {
        std::optional<llvm::StringRef> tensor = tensorName(element);
        if (!tensor)
          return malformed("a list of {\"name\": NAME}");
        FailureOr<Value> v = lookup(*tensor, ValueKind::Tensor, argPath);
        if (failed(v))
          return failure();
        operands.push_back(*v);
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
          emitNodeError(index)
              << "argument '" << arg.name << "' is None: the mode is not known";
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
        emitNodeError(index)
            << "argument '" << arg.name
            << "' is a random generator; mode keeps only the default one";
        return failure();
      }
      break;
    }
  }

  if (!argKeys.empty())
    envelope.set(kArgKeysKey, argKeys.getDictionary(context));

  SmallVector<Type> types;
  SmallVector<StringAttr> names;
  FailureOr<ArrayAttr> outputs =
      readOutputs(*node.getArray("outputs"),
                  appendPath(path, {std::string("outputs")}), types, names);
  if (failed(outputs))
    return failure();

  OperationState state(loc, name);
  state.addOperands(operands);
  state.addAttributes(attrs);
  if (name.hasTrait<OpTrait::AttrSizedOperandSegments>())
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
    envelope.set(kArgsKey, argKinds.getDictionary(context));

  // The training dropout probability of an attention op switched to
  // evaluation, kept in the node's metadata.
  if (failed(restoreTrainingDropout(index, op, envelope)))
    return failure();

  // Switching to evaluation may have removed the batch norm's counter (the
  // record says so), and an evaluation export never had one.
  if (failed(restoreOrSynthesizeCounter(index, op, envelope)))
    return failure();
  op->setAttr(PT2Dialect::getNodeAttrName(), envelope.getDictionary(context));

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
    emitNodeError(index) << message;
    return failure();
  }
  return defineResults(op, names, path);
}

LogicalResult ProgramImporter::restoreTrainingDropout(size_t index,
                                                      Operation *op,
                                                      NamedAttrList &envelope) {
  auto metadata = dyn_cast_or_null<DictionaryAttr>(envelope.get("metadata"));
  if (metadata && metadata.get(kGivenDropoutKey)) {
    if (!isa<aten::ScaledDotProductAttentionOp>(op)) {
      emitNodeError(index, {std::string("metadata")})
          << "the mark '" << kGivenDropoutKey << "' is not on an attention op";
      return failure();
    }
    op->setAttr(aten::AtenDialect::getGivenDropoutAttrName(),
                builder.getUnitAttr());
    NamedAttrList entries(metadata);
    entries.erase(kGivenDropoutKey);
    metadata = entries.getDictionary(context);
    envelope.set("metadata", metadata);
  }
  auto record =
      metadata ? dyn_cast_or_null<StringAttr>(metadata.get(kTrainingDropoutKey))
               : StringAttr();
  if (!record)
    return success();
  double p;
  if (!isa<aten::ScaledDotProductAttentionOp>(op) ||
      !llvm::to_float(record.getValue(), p)) {
    emitNodeError(index, {std::string("metadata")})
        << "the record '" << kTrainingDropoutKey
        << "' is not the dropout probability of an attention op";
    return failure();
  }
  op->setAttr(aten::AtenDialect::getTrainingDropoutAttrName(),
              builder.getF64FloatAttr(p));
  NamedAttrList entries(metadata);
  entries.erase(kTrainingDropoutKey);
  envelope.set("metadata", entries.getDictionary(context));
  return success();
}

LogicalResult
ProgramImporter::restoreOrSynthesizeCounter(size_t index, Operation *bn,
                                            NamedAttrList &envelope) {
  auto modeOp = dyn_cast<aten::ModeDependentOpInterface>(bn);
  if (!modeOp || modeOp.getModeFamily() != "batch_norm" ||
      modeOp.isModeIndependent() || bn->getNumOperands() != 5)
    return success();
  auto runningMean = dyn_cast<BlockArgument>(bn->getOperand(3));
  if (!runningMean)
    return success();
  auto buffer = bufferOfArgument.find(runningMean);
  if (buffer == bufferOfArgument.end())
    return success();
  std::optional<llvm::StringRef> prefix =
      getBufferPrefix(buffer->second, "running_mean");
  if (!prefix)
    return success();
  std::string moduleDot = prefix->empty() ? "" : prefix->str() + ".";
  Value counterBuffer = inputOfBuffer.lookup(moduleDot + "num_batches_tracked");
  // What matchCounter asks of a counter's module: both running statistics.
  if (!counterBuffer || !inputOfBuffer.count(moduleDot + "running_var"))
    return success();

  // A counter read before this batch norm is its own.
  unsigned &pending = pendingCounters[*prefix];
  if (pending > 0) {
    --pending;
    return success();
  }

  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPoint(bn);
  auto metadata = dyn_cast_or_null<DictionaryAttr>(envelope.get("metadata"));
  auto record =
      metadata ? dyn_cast_or_null<StringAttr>(metadata.get(kRemovedCounterKey))
               : StringAttr();
  if (record) {
    // The counter mode removed: restore it as it was, in evaluation form.
    llvm::Expected<json::Document> node = json::parse(record.getValue());
    if (!node || !node->getAsObject()) {
      llvm::consumeError(node.takeError());
      emitNodeError(index, {std::string("metadata")})
          << "the record '" << kRemovedCounterKey << "' is not a JSON node";
      return failure();
    }
    std::string label = nodeLabel;
    if (failed(importNode(index, *node->getAsObject(), &*node)))
      return failure();
    nodeLabel = label;
    --pendingCounters[*prefix];
    NamedAttrList entries(metadata);
    entries.erase(kRemovedCounterKey);
    envelope.set("metadata", entries.getDictionary(context));
    return success();
  }

  // PyTorch's own evaluation export of an nn.BatchNorm has no counter: give
  // it one in evaluation form, which only switching to training writes.
  if (modeOp.isTrainingMode() || !isa<aten::BatchNormOp>(bn))
    return success();
  auto stack =
      metadata ? dyn_cast_or_null<StringAttr>(metadata.get("nn_module_stack"))
               : StringAttr();
  if (!stack || !getInnermostModuleType(stack.getValue())
                     .starts_with("torch.nn.modules.batchnorm."))
    return success();
  auto type = dyn_cast<RankedTensorType>(counterBuffer.getType());
  if (!type)
    return success();
  // A node of the program's own already reads the counter (an increment not
  // written as PyTorch writes it, which is not read as a counter): none.
  if (llvm::any_of(counterBuffer.getUsers(), [](Operation *user) {
        return !isa<BatchNormCounterOp>(user);
      }))
    return success();
  BatchNormCounterOp::create(builder, bn->getLoc(), type, counterBuffer,
                             /*training=*/false, /*in_place=*/true);
  return success();
}

LogicalResult ProgramImporter::importOutputs() {
  SmallVector<Value> results;
  SmallVector<DictionaryAttr> resultAttrs;
  if (failed(readSignature("output", [&](const SignatureEntry &output) {
        if (output.ref) {
          FailureOr<Value> value = lookup(output.ref->first.getValue(),
                                          output.ref->second, output.path);
          if (failed(value))
            return failure();
          results.push_back(*value);
        } else {
          results.push_back(LiteralOp::create(builder, getLocation(output.path),
                                              LiteralType::get(context),
                                              output.attr));
        }
        resultAttrs.push_back(builder.getDictionaryAttr(
            {builder.getNamedAttr(kOutputAttr, output.attr),
             builder.getNamedAttr(kOutputSpecAttr, output.specAttr)}));
        return success();
      })))
    return failure();
  func::ReturnOp::create(builder, func.getLoc(), results);
  func.setType(builder.getFunctionType(func.getArgumentTypes(),
                                       ValueRange(results).getTypes()));
  func.setAllResultAttrs(resultAttrs);
  return success();
}

//===----------------------------------------------------------------------===//
// Decomposed dropouts
//===----------------------------------------------------------------------===//

/// `clone` for `torch.ops.aten.clone.default`.
static llvm::StringRef getOperatorName(llvm::StringRef target) {
  target.consume_front("torch.ops.aten.");
  target.consume_back(".default");
  return target;
}

LogicalResult ProgramImporter::importDecomposedDropout(size_t index,
                                                       const json::Object &node,
                                                       Location loc,
                                                       llvm::StringRef record) {
  auto fail = [&](llvm::StringRef why) {
    emitNodeError(index, {std::string("metadata")})
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
  const json::Array *nodes = object ? object->getArray("nodes") : nullptr;
  const json::Object *metas =
      object ? object->getObject("tensor_values") : nullptr;
  if (!nodes || nodes->empty() || !metas)
    return fail("is not {\"nodes\": [...], \"tensor_values\": {...}}");

  // The clone: what it reads is the dropout's input, what it defines its
  // result.
  const json::Array &inputs = *node.getArray("inputs");
  const json::Object *self =
      inputs.size() == 1 ? inputs[0].getAsObject() : nullptr;
  const json::Object *arg = self ? self->getObject("arg") : nullptr;
  const json::Object *tensor = arg ? arg->getObject("as_tensor") : nullptr;
  std::optional<llvm::StringRef> inputName =
      tensor ? tensor->getString("name") : std::nullopt;
  if (!inputName)
    return fail("is on a clone that reads no tensor");
  FailureOr<Value> input =
      lookup(*inputName, ValueKind::Tensor, nodePath(index));
  if (failed(input))
    return failure();
  SmallVector<Type> types;
  SmallVector<StringAttr> names;
  if (failed(readOutputs(*node.getArray("outputs"),
                         appendPath(nodePath(index), {std::string("outputs")}),
                         types, names)))
    return failure();
  if (types.size() != 1)
    return fail("is on a clone with several outputs");

  auto dropout = DecomposedDropoutOp::create(builder, loc, types[0], *input,
                                             /*training=*/false);
  Block *body = builder.createBlock(&dropout.getBody());
  {
    OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPointToEnd(body);
    RecordScope recordScope;
    recordScope.tensorValues = metas;
    RecordScope *outer = scope;
    scope = &recordScope;
    std::string label = nodeLabel;
    LogicalResult imported = success();
    for (const json::Value &inner : *nodes) {
      const json::Object *innerNode = inner.getAsObject();
      if (!innerNode || failed(importNode(index, *innerNode))) {
        imported = failure();
        break;
      }
    }
    scope = outer;
    nodeLabel = label;
    if (failed(imported))
      return failure();
    Value result = recordScope.values.lookup(names[0].getValue());
    if (!result || result.getType() != types[0])
      return fail("does not define the clone's output");
    YieldOp::create(builder, loc, result);
  }
  builder.setInsertionPointAfter(dropout);
  return defineResults(dropout, names, nodePath(index));
}

/// The node a decomposed node came from, by its `from_node` metadata: the
/// original node's name and target (`aten.dropout.default`), if it is one
/// whose mode a decomposition can drop (a dropout, attention).
static std::optional<std::pair<std::string, std::string>>
getModeDependentOrigin(Operation *op) {
  auto envelope =
      op->getAttrOfType<DictionaryAttr>(PT2Dialect::getNodeAttrName());
  auto metadata =
      envelope ? dyn_cast_or_null<DictionaryAttr>(envelope.get("metadata"))
               : DictionaryAttr();
  auto fromNode = metadata
                      ? dyn_cast_or_null<StringAttr>(metadata.get("from_node"))
                      : StringAttr();
  if (!fromNode || (!fromNode.getValue().contains("dropout") &&
                    !fromNode.getValue().contains("scaled_dot_product")))
    return std::nullopt;
  llvm::Expected<json::Document> chain = json::parse(fromNode.getValue());
  if (!chain) {
    llvm::consumeError(chain.takeError());
    return std::nullopt;
  }
  // Follow the first provenance to its root.
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
    return std::nullopt;
  llvm::StringRef kind =
      target->drop_front(target->starts_with("aten.") ? 5 : 0).split('.').first;
  bool dropout = kind == "dropout" || kind == "dropout_" ||
                 kind == "feature_dropout" || kind == "feature_dropout_" ||
                 kind == "alpha_dropout" || kind == "alpha_dropout_" ||
                 kind == "feature_alpha_dropout" ||
                 kind == "feature_alpha_dropout_";
  if (!dropout && kind != "scaled_dot_product_attention")
    return std::nullopt;
  return std::make_pair(name->str(), target->str());
}

LogicalResult ProgramImporter::gatherDecomposedDropouts() {
  // The nodes a decomposition made of one dropout or attention node, by
  // their provenance, in order.
  // In order of first appearance.
  std::vector<std::pair<std::string, std::string>> order;
  std::map<std::pair<std::string, std::string>, SmallVector<Operation *>>
      groups;
  for (Operation &op : func.getBody().front())
    if (auto origin = getModeDependentOrigin(&op)) {
      SmallVector<Operation *> &group = groups[*origin];
      if (group.empty())
        order.push_back(*origin);
      group.push_back(&op);
    }

  Builder b(context);
  auto markUnswitchable = [&](ArrayRef<Operation *> ops, llvm::StringRef family,
                              bool training, const std::string &reason) {
    auto info = b.getDictionaryAttr(
        {b.getNamedAttr("family", b.getStringAttr(family)),
         b.getNamedAttr("mode",
                        b.getStringAttr(training ? "training" : "evaluation")),
         b.getNamedAttr("reason", b.getStringAttr(reason))});
    // One op of the group says it: one error per lost op.
    ops.back()->setAttr(aten::AtenDialect::getUnswitchableAttrName(), info);
  };

  for (const std::pair<std::string, std::string> &origin : order) {
    ArrayRef<Operation *> ops = groups[origin];
    // A mode-dependent op left in the group (native_dropout) is switched.
    if (llvm::any_of(ops, [](Operation *op) {
          return isa<aten::ModeDependentOpInterface>(op);
        }))
      continue;
    llvm::StringRef originName = getOperatorName(
        llvm::StringRef(origin.second)
            .drop_front(
                llvm::StringRef(origin.second).starts_with("aten.") ? 5 : 0));
    std::string what = "'" + origin.first + "'";
    if (origin.first != originName)
      what += " (" + originName.str() + ")";
    bool attention = originName == "scaled_dot_product_attention";
    bool random = llvm::any_of(ops, [](Operation *op) {
      auto operatorOp = dyn_cast<OperatorOp>(op);
      return operatorOp &&
             operatorOp.getTarget().starts_with("torch.ops.aten.bernoulli");
    });
    llvm::StringRef family = attention ? "attention" : "dropout";
    if (!random) {
      markUnswitchable(
          ops, family, /*training=*/false,
          "run_decompositions() replaced " + what +
              (attention ? " in evaluation mode by nodes without dropout"
                         : " in evaluation mode by '" +
                               getOperatorName(
                                   cast<OperatorOp>(ops.front()).getTarget())
                                   .str() +
                               "'") +
              ", and its dropout probability is lost; export the model in "
              "training mode, or switch it before run_decompositions()");
      continue;
    }

    // A dropout in training form: one contiguous run of nodes that reads
    // one value and gives one to the rest of the program.
    llvm::SmallPtrSet<Operation *, 8> inGroup(ops.begin(), ops.end());
    bool contiguous = true;
    for (auto [first, second] : llvm::zip(ops, ArrayRef(ops).drop_front()))
      contiguous &= first->getNextNode() == second;
    llvm::SetVector<Value> inputs;
    SmallVector<Value> outputs;
    for (Operation *op : ops) {
      for (Value operand : op->getOperands())
        if (!inGroup.contains(operand.getDefiningOp()))
          inputs.insert(operand);
      for (Value result : op->getResults())
        if (llvm::any_of(result.getUsers(), [&](Operation *user) {
              return !inGroup.contains(user);
            }))
          outputs.push_back(result);
    }
    Value input = inputs.size() == 1 ? inputs[0] : Value();
    Value output = outputs.size() == 1 ? outputs[0] : Value();
    if (!contiguous || attention || !input || !output ||
        output.getDefiningOp() != ops.back() ||
        input.getType() != output.getType() ||
        !isa<RankedTensorType>(input.getType())) {
      markUnswitchable(ops, family, /*training=*/true,
                       "run_decompositions() replaced " + what +
                           " in training mode by nodes mode cannot take "
                           "apart; switch the program before "
                           "run_decompositions()");
      continue;
    }
    builder.setInsertionPoint(ops.front());
    auto dropout = DecomposedDropoutOp::create(builder, ops.back()->getLoc(),
                                               output.getType(), input,
                                               /*training=*/true);
    Block *body = builder.createBlock(&dropout.getBody());
    for (Operation *op : ops)
      op->moveBefore(body, body->end());
    builder.setInsertionPointToEnd(body);
    YieldOp::create(builder, ops.back()->getLoc(), output);
    output.replaceUsesWithIf(dropout.getResult(), [&](OpOperand &use) {
      return !dropout->isProperAncestor(use.getOwner());
    });
  }
  return success();
}

LogicalResult ProgramImporter::keepTheRest() {
  // The program without what the IR now holds: the graph's inputs, outputs
  // and nodes, the signature's specs, and the metadata of the tensors that
  // are values (their types).
  json::Object &program = *root.getAsObject();
  json::Object &gm = *program.getObject("graph_module");
  json::Object &g = *gm.getObject("graph");
  g.erase("inputs");
  g.erase("outputs");
  g.erase("nodes");
  json::Object &values = *g.getObject("tensor_values");
  for (const auto &used : usedTensorValues)
    values.erase(used.getKey());
  json::Object &signature = *gm.getObject("signature");
  signature.erase("input_specs");
  signature.erase("output_specs");

  // mode's records on the graph module, and what they say of a program
  // after run_decompositions(): whether it was decomposed in training mode.
  bool decomposedInTraining = false;
  if (json::Object *metadata = gm.getObject("metadata")) {
    if (failed(checkNoRecordKeys(*metadata, [&](llvm::StringRef key) {
          return emitError({std::string("graph_module"),
                            std::string("metadata"), key.str()});
        })))
      return failure();
    if (mayHoldRecords(*metadata)) {
      std::string error;
      FailureOr<json::Value *> lifted = liftRecords(gm, error);
      if (failed(lifted)) {
        emitError({std::string("graph_module"), std::string("metadata"),
                   std::string(kCustomKey)})
            << error;
        return failure();
      }
      *program.get("graph_module") = **lifted;
      metadata = (*lifted)->getAsObject()->getObject("metadata");
    }
    // The exporter writes the record anew from the IR.
    if (const json::Value *record = metadata->get(kDecomposedInTrainingKey)) {
      decomposedInTraining = record->getAsString() == "true";
      metadata->erase(kDecomposedInTrainingKey);
    }
  }
  const json::Array *verifiers = program.getArray("verifiers");
  bool decomposed =
      verifiers && llvm::any_of(*verifiers, [](const json::Value &verifier) {
        return verifier.getAsString() == kDecomposedVerifier;
      });
  if (decomposed && !decomposedInTraining && !hasTrainingFormOp(func)) {
    Builder b(context);
    func->setAttr(
        aten::AtenDialect::getUnswitchableAttrName(),
        b.getDictionaryAttr(
            {b.getNamedAttr("family", b.getStringAttr("dropout")),
             b.getNamedAttr("mode", b.getStringAttr("evaluation")),
             b.getNamedAttr(
                 "reason",
                 b.getStringAttr(
                     "the program went through run_decompositions() and "
                     "nothing in it shows it was in training mode then; in "
                     "evaluation mode the decomposition leaves no trace of "
                     "in-place, feature and alpha dropouts nor of "
                     "attention's dropout, so the program may have lost "
                     "some; export the model in training mode, or switch "
                     "it before run_decompositions()"))}));
  }
  FailureOr<Attribute> attr = toAttribute(root, {});
  if (failed(attr))
    return failure();
  func->setAttr(kProgramAttr, *attr);
  return success();
}

FailureOr<json::Value *>
ProgramImporter::liftRecords(const json::Object &holder, std::string &error) {
  auto lifted = std::make_unique<std::pair<std::string, json::Document>>();
  {
    llvm::raw_string_ostream os(lifted->first);
    JSONWriter writer(os);
    writer.objectBegin();
    for (const auto &[key, value] : holder) {
      writer.key(key);
      if (key == "metadata" && value.getAsObject()) {
        if (failed(writeLiftedRecords(*value.getAsObject(), writer, error)))
          return failure();
      } else {
        writer.value(value);
      }
    }
    writer.objectEnd();
  }
  llvm::Expected<json::Document> parsed = json::parse(lifted->first);
  if (!parsed) {
    error = "mode's records could not be lifted: " +
            llvm::toString(parsed.takeError());
    return failure();
  }
  lifted->second = std::move(*parsed);
  liftedJSON.push_back(std::move(lifted));
  return static_cast<json::Value *>(&liftedJSON.back()->second);
}

} // namespace

LogicalResult importProgram(ModuleOp module, llvm::StringRef modelName,
                            llvm::StringRef json, llvm::StringRef entryName,
                            TimingScope &timing) {
  return ProgramImporter(module, modelName, json, entryName, timing).run();
}

LogicalResult importProgram(ModuleOp module, llvm::StringRef modelName,
                            llvm::StringRef json, llvm::StringRef entryName) {
  TimingScope noTiming;
  return importProgram(module, modelName, json, entryName, noTiming);
}

} // namespace mode::pt2
