//===- Export.cpp - Writing programs back as PyTorch model JSON -----------===//
//
// The model JSON of each function, written straight from the IR and the
// JSON the function was imported from (its source): the graph's inputs,
// outputs, nodes and tensor metadata, and the signature's specs, from the
// IR; each node's metadata, and every other field of the program, copied
// from the source as they were. One node per op, none for `aten.none`,
// `pt2.literal`, and the mode ops PyTorch's evaluation export has no node
// for (a counter, a drop path): those are recorded in the metadata of a
// node nearby, so that switching back restores them exactly.
//
//===----------------------------------------------------------------------===//

#include "mode/Target/PT2/PT2.h"

#include "CRC32.h"
#include "JSON.h"
#include "PT2Program.h"

#include "mode/Dialect/Aten/IR/AtenOps.h"
#include "mode/Dialect/PT2/IR/PT2Arguments.h"
#include "mode/Dialect/PT2/IR/PT2Ops.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

#include <cmath>
#include <deque>

using namespace mlir;

namespace mode::pt2 {
namespace {

struct Span {
  size_t begin = 0, end = 0;
};

/// The fields of a node PyTorch writes, in its order; the exporter writes
/// `target`, `inputs` and `outputs` from the IR, then the node's other
/// fields, then `name`.
constexpr llvm::StringLiteral kDefaultNodeFields =
    R"({"metadata": {}, "is_hop_single_tensor_return": null})";

llvm::StringRef getNodeName(Operation *op) {
  auto name = op->getAttrOfType<StringAttr>(PT2Dialect::getNodeAttrName());
  return name ? name.getValue() : llvm::StringRef();
}

class ProgramExporter {
public:
  ProgramExporter(func::FuncOp func, llvm::StringRef source,
                  llvm::raw_ostream &os)
      : func(func), context(func.getContext()), source(source), rootJSON(os) {}

  LogicalResult run();

private:
  InFlightDiagnostic emitError(Operation *op) {
    InFlightDiagnostic diag = op->emitError();
    diag << "cannot write '" << op->getName() << "' as a graph node: ";
    return diag;
  }

  LogicalResult checkSource();
  LogicalResult indexSource();
  LogicalResult checkStructure();
  LogicalResult collectNames();
  LogicalResult planCounters();
  LogicalResult planDropPaths();
  FailureOr<std::string> getName(Value value, Operation *user);
  std::string freshName(llvm::StringRef base);

  // The program, walking the source and writing what the IR holds.
  LogicalResult writeProgram();
  LogicalResult writeObjectOf(Span span,
                              llvm::function_ref<FailureOr<bool>(
                                  llvm::StringRef key, Span value)>
                                  write);
  LogicalResult writeGraphInputs();
  LogicalResult writeGraphOutputs();
  LogicalResult writeSpecs(bool inputs);
  LogicalResult writeGraphModuleMetadata(Span span);
  LogicalResult writeNodes();
  LogicalResult writeTensorValues();

  // Nodes.
  LogicalResult writeNodeOf(Operation &op);
  LogicalResult
  writeNode(Operation *op, llvm::StringRef target, llvm::StringRef name,
            llvm::function_ref<LogicalResult()> writeInputs,
            llvm::function_ref<LogicalResult()> writeOutputs,
            ArrayRef<std::pair<std::string, std::string>> records = {},
            llvm::StringRef fields = {});
  LogicalResult writeOutputs(Operation *op);
  LogicalResult writeOperator(OperatorOp op);
  LogicalResult writeAtenOp(Operation *op, const AtenSchema &schema);
  LogicalResult writeAtenArgument(Operation *op, const AtenSchema &schema,
                                  unsigned index, DictionaryAttr argKeys);
  LogicalResult writeCounter(BatchNormCounterOp op, bool asRecorded = false);
  void writeCounterInputs(BatchNormCounterOp op, int64_t increment);
  LogicalResult writeDecomposedDropout(DecomposedDropoutOp op);
  /// The body of a mode op, as a record: `{"nodes": [...],
  /// "tensor_values": {...}}` members, into `json`.
  LogicalResult writeBodyRecord(Block &body);
  /// The node fields (`metadata`, ...) of `op`: its `pt2.metadata`, or its
  /// node's in the source, or none; with mode's records adjusted.
  LogicalResult
  writeNodeFields(Operation *op, llvm::StringRef name,
                  ArrayRef<std::pair<std::string, std::string>> records,
                  llvm::StringRef fields);
  LogicalResult
  writeMetadata(Operation *op, llvm::StringRef metadata,
                ArrayRef<std::pair<std::string, std::string>> records);

  /// The text of `op`'s node in the source, if it has one.
  std::optional<llvm::StringRef> getSourceNode(llvm::StringRef name) {
    auto it = sourceNodes.find(name);
    if (it == sourceNodes.end())
      return std::nullopt;
    return source.slice(it->second.begin, it->second.end);
  }

  /// The TensorMeta JSON of `type`, written once per type.
  llvm::StringRef getTensorMetaText(RankedTensorType type);

  /// Writes with another writer while alive: records of nodes kept in
  /// metadata are JSON text of their own.
  /// Writes the JSON value `text` copied from a source: as it is into the
  /// program, but rewritten as mode writes JSON into a record, which is
  /// read back as values and written so next time: mode's output then
  /// exports as itself even from JSON spaced otherwise than PyTorch's.
  LogicalResult writeSourceValue(Operation *op, llvm::StringRef text) {
    if (json == &rootJSON) {
      json->raw(text);
      return success();
    }
    llvm::Expected<json::Document> parsed = json::parse(text);
    if (!parsed) {
      llvm::consumeError(parsed.takeError());
      return op->emitError() << "its node's fields are not JSON";
    }
    json->value(*parsed);
    return success();
  }

  struct Redirect {
    Redirect(ProgramExporter &exporter, JSONWriter &writer)
        : exporter(exporter), saved(exporter.json) {
      exporter.json = &writer;
    }
    ~Redirect() { exporter.json = saved; }
    ProgramExporter &exporter;
    JSONWriter *saved;
  };

  func::FuncOp func;
  MLIRContext *context;
  llvm::StringRef source;
  JSONWriter rootJSON;
  /// The writer every write goes to.
  JSONWriter *json = &rootJSON;

  // The source: its nodes by name, its tensor metadata by name (only what
  // the IR keeps of it: pt2.unused_tensor_values).
  llvm::DenseMap<llvm::StringRef, Span> sourceNodes;
  llvm::DenseMap<llvm::StringRef, Span> sourceTensorValues;
  /// The names the maps key, kept in place (a deque keeps them there).
  std::deque<std::string> decodedNames;

  DenseMap<Value, StringAttr> names;
  llvm::StringSet<> usedNames;
  /// Per base name, the next suffix freshName tries.
  llvm::StringMap<unsigned> nextSuffix;
  /// The tensors the graph defines, in order, for graph.tensor_values.
  SmallVector<std::pair<StringAttr, Value>> tensors;
  DenseMap<Type, std::string> tensorMetas;

  /// Counters this program writes under a name of mode's making.
  DenseMap<Operation *, std::string> synthesizedNames;
  /// Per batch norm: the counter the evaluation form removed.
  DenseMap<Operation *, BatchNormCounterOp> removedCounters;
  /// Per counter: its batch norm.
  DenseMap<Operation *, Operation *> batchNormOf;
  /// Per op (null: the graph module): the drop paths in evaluation form
  /// before it, recorded in its metadata.
  DenseMap<Operation *, SmallVector<DropPathOp>> dropPathsBefore;
};

//===----------------------------------------------------------------------===//
// The source
//===----------------------------------------------------------------------===//

LogicalResult ProgramExporter::checkSource() {
  auto attr = func->getAttrOfType<DictionaryAttr>(kSourceAttr);
  auto size = attr ? dyn_cast_or_null<IntegerAttr>(attr.get("size"))
                   : IntegerAttr();
  auto crc = attr ? dyn_cast_or_null<IntegerAttr>(attr.get("crc32"))
                  : IntegerAttr();
  if (!size || !crc)
    return func.emitError()
           << "@" << func.getSymName()
           << " is not a program read from an archive: it has no '"
           << kSourceAttr << "' (the size and CRC-32 of its model JSON)";
  if (size.getInt() != int64_t(source.size()) ||
      crc.getInt() !=
          int64_t(mode::pt2::crc32(0, llvm::arrayRefFromStringRef(source))))
    return func.emitError()
           << "@" << func.getSymName()
           << " was read from another model JSON than the archive's (its '"
           << kSourceAttr << "' says " << size.getInt() << " bytes, CRC-32 "
           << crc.getInt() << "); export it with the archive it was read "
           << "from, whose node metadata it keeps";
  return success();
}

LogicalResult ProgramExporter::indexSource() {
  // The source imported: its structure is sound. Its nodes by name, and its
  // tensor metadata by name if the function keeps some of it.
  json::Cursor cursor(source);
  std::string key;
  size_t begin, end;
  auto fail = [&]() {
    return func.emitError() << "@" << func.getSymName()
                            << ": its model JSON cannot be walked at byte "
                            << cursor.getErrorOffset() << ": "
                            << cursor.getErrorMessage();
  };
  /// Steps into the member `name` of the object at the cursor.
  auto enter = [&](llvm::StringRef name) {
    if (!cursor.begin('{'))
      return false;
    while (cursor.next(&key)) {
      if (key == name)
        return true;
      if (!cursor.skip(begin, end))
        return false;
    }
    return false;
  };
  if (!enter("graph_module") || !enter("graph") || !cursor.begin('{'))
    return fail();
  bool wantTensorValues = func->hasAttr(kUnusedTensorValuesAttr);
  while (cursor.next(&key)) {
    if (key == "nodes") {
      if (!cursor.begin('['))
        return fail();
      while (cursor.next()) {
        if (!cursor.skip(begin, end))
          return fail();
        // The node's name: its member "name".
        json::Cursor node(source.slice(begin, end));
        std::string field;
        size_t fieldBegin, fieldEnd;
        node.begin('{');
        while (node.next(&field) && node.skip(fieldBegin, fieldEnd)) {
          if (field != "name")
            continue;
          llvm::Expected<json::Document> decoded = json::parse(
              source.slice(begin + fieldBegin, begin + fieldEnd));
          if (!decoded) {
            llvm::consumeError(decoded.takeError());
            continue;
          }
          if (std::optional<llvm::StringRef> name = decoded->getAsString()) {
            decodedNames.push_back(name->str());
            sourceNodes[decodedNames.back()] = {begin, end};
          }
        }
      }
      continue;
    }
    if (key == "tensor_values" && wantTensorValues) {
      if (!cursor.begin('{'))
        return fail();
      while (cursor.next(&key)) {
        if (!cursor.skip(begin, end))
          return fail();
        decodedNames.push_back(key);
        sourceTensorValues[decodedNames.back()] = {begin, end};
      }
      continue;
    }
    if (!cursor.skip(begin, end))
      return fail();
  }
  return cursor.failed() ? fail() : success();
}

//===----------------------------------------------------------------------===//
// Names and plans
//===----------------------------------------------------------------------===//

LogicalResult ProgramExporter::checkStructure() {
  if (!llvm::hasSingleElement(func.getBody()))
    return func.emitError() << "@" << func.getSymName()
                            << " has several blocks: a graph has one";
  for (unsigned i = 0; i < func.getNumArguments(); ++i)
    if (!func.getArgAttr(i, kNameAttr) && !func.getArgAttr(i, kInputSpecAttr))
      return func.emitError()
             << "argument #" << i << " of @" << func.getSymName()
             << " lacks its input spec ('" << kNameAttr << "' and its kind, "
             << "or '" << kInputAttr << "' and '" << kInputSpecAttr << "')";
  for (unsigned i = 0; i < func.getNumResults(); ++i)
    if (!func.getResultAttr(i, kUserOutputAttr) &&
        !func.getResultAttr(i, kLossOutputAttr) &&
        !func.getResultAttr(i, kBufferMutationAttr) &&
        !func.getResultAttr(i, kUserInputMutationAttr) &&
        !func.getResultAttr(i, kOutputSpecAttr))
      return func.emitError() << "result #" << i << " of @" << func.getSymName()
                              << " lacks its output spec";
  // A program that has been through run_decompositions() (dialect ATEN)
  // holds functional ops only: PyTorch rejects the others.
  bool functionalOnly = func->hasAttr(kDecomposedAttr);
  for (Operation &op : func.getBody().front()) {
    if (op.getNumRegions() != 0 && !isa<DecomposedDropoutOp, DropPathOp>(op))
      return emitError(&op) << "it has regions";
    const AtenSchema *schema = getAtenSchema(&op);
    if (!functionalOnly || !schema)
      continue;
    for (const SchemaArgument &arg : schema->arguments) {
      if (!llvm::StringRef(arg.type).contains('!'))
        continue;
      return emitError(&op)
             << "it updates '" << arg.name
             << "' in place, and a program after run_decompositions() "
                "(dialect ATEN) holds functional ops only, whose updates "
                "are outputs of the program; this program has no output "
                "for that update: switch the program before "
                "run_decompositions(), or export the model in the other "
                "mode";
    }
  }
  return success();
}

LogicalResult ProgramExporter::collectNames() {
  llvm::StringSet<> valueNames;
  auto define = [&](Value value, StringAttr name, Operation *where,
                    bool listTensor) {
    names[value] = name;
    usedNames.insert(name.getValue());
    if (!valueNames.insert(name.getValue()).second && where) {
      where->emitError() << "'" << name.getValue()
                         << "' names two values of the graph";
      return failure();
    }
    if (listTensor && isa<TensorType>(value.getType()))
      tensors.push_back({name, value});
    return success();
  };
  for (auto [index, arg] : llvm::enumerate(func.getArguments())) {
    if (auto name = func.getArgAttrOfType<StringAttr>(index, kNameAttr)) {
      if (failed(define(arg, name, func, true)))
        return failure();
      continue;
    }
    SmallVector<StringAttr> refs;
    (void)walkValueReferences(func.getArgAttr(index, kInputAttr),
                              [&](Attribute ref, ValueKind) {
                                if (auto name = dyn_cast<StringAttr>(ref))
                                  refs.push_back(name);
                              });
    if (refs.size() == 1 && failed(define(arg, refs[0], func, true)))
      return failure();
  }
  // The values a node defines: its outputs (pt2.outputs, or its name).
  std::function<LogicalResult(Operation &, bool)> defineOutputs =
      [&](Operation &op, bool listTensors) -> LogicalResult {
    if (auto dropout = dyn_cast<DecomposedDropoutOp>(op)) {
      // Its body's nodes are the program's in training only; its result
      // bears the name of what the body yields.
      for (Operation &inner : dropout.getBody().front().without_terminator())
        if (failed(defineOutputs(inner, listTensors && dropout.getTraining())))
          return failure();
      StringAttr name = names.lookup(dropout.getTrainingResult());
      if (!name)
        return emitError(dropout)
               << "its body yields a value that no node of it defines";
      names[dropout.getResult()] = name;
      if (!dropout.getTraining() && listTensors)
        tensors.push_back({name, dropout.getResult()});
      return success();
    }
    if (auto dropPath = dyn_cast<DropPathOp>(op)) {
      for (Operation &inner : dropPath.getBody().front().without_terminator())
        if (failed(defineOutputs(inner, listTensors && dropPath.getTraining())))
          return failure();
      // In training its result is the body's; in evaluation, its input.
      Value named =
          dropPath.getTraining() ? dropPath.getTrainingResult() : dropPath.getInput();
      StringAttr name = names.lookup(named);
      if (!name)
        return emitError(dropPath) << "its result has no name in the graph";
      names[dropPath.getResult()] = name;
      return success();
    }
    if (isa<aten::NoneOp, LiteralOp, func::ReturnOp, YieldOp>(op))
      return success();
    llvm::StringRef nodeName = getNodeName(&op);
    if (!nodeName.empty())
      usedNames.insert(nodeName);
    auto outputs =
        op.getAttrOfType<ArrayAttr>(PT2Dialect::getOutputsAttrName());
    SmallVector<StringAttr> defined;
    if (outputs) {
      for (Attribute output : outputs) {
        if (auto name = dyn_cast<StringAttr>(output)) {
          defined.push_back(name);
          continue;
        }
        (void)walkValueReferences(output, [&](Attribute ref, ValueKind) {
          if (auto name = dyn_cast<StringAttr>(ref))
            defined.push_back(name);
        });
      }
    } else if (!nodeName.empty() && op.getNumResults() == 1) {
      defined.push_back(StringAttr::get(context, nodeName));
    } else if (op.getNumResults() == 0) {
    } else if (isa<BatchNormCounterOp>(op)) {
      return success(); // named when planned
    } else {
      return emitError(&op) << "it has no '" << PT2Dialect::getNodeAttrName()
                            << "' (the node's name)";
    }
    if (defined.size() != op.getNumResults())
      return emitError(&op)
             << "its outputs name " << defined.size() << " values for its "
             << op.getNumResults() << " results";
    // An in-place counter in evaluation form is no node: its result is no
    // tensor of the program.
    auto counter = dyn_cast<BatchNormCounterOp>(op);
    bool noNode = counter && counter.getInPlace() && !counter.getTraining();
    for (auto [name, result] : llvm::zip(defined, op.getResults()))
      if (failed(define(result, name, &op, listTensors && !noNode)))
        return failure();
    return success();
  };
  for (Operation &op : func.getBody().front())
    if (failed(defineOutputs(op, true)))
      return failure();
  return success();
}

std::string ProgramExporter::freshName(llvm::StringRef base) {
  // As torch.fx names a node whose name is taken: add_, add__1, add__2.
  // The next suffix to try is kept per base: linear in the names made.
  std::string name = base.str();
  unsigned &suffix = nextSuffix[base];
  if (suffix == 0 && !usedNames.contains(name)) {
    suffix = 1;
    usedNames.insert(name);
    return name;
  }
  if (suffix == 0)
    suffix = 1;
  do
    name = base.str() + "_" + std::to_string(suffix++);
  while (usedNames.contains(name));
  usedNames.insert(name);
  return name;
}

LogicalResult ProgramExporter::planCounters() {
  // Each counter belongs to the next batch norm that reads the running mean
  // of its module; a module called again counts again (a chain of counters
  // on one buffer, each before its own call).
  llvm::StringMap<Value> bufferArguments;
  SmallVector<std::pair<llvm::StringRef, Value>> buffers;
  for (unsigned i = 0; i < func.getNumArguments(); ++i) {
    StringAttr bufferName = func.getArgAttrOfType<StringAttr>(i, kBufferAttr);
    if (!bufferName) {
      auto spec = dyn_cast_or_null<DictionaryAttr>(
          func.getArgAttr(i, kInputSpecAttr));
      auto buffer = spec ? dyn_cast_or_null<DictionaryAttr>(spec.get("buffer"))
                         : nullptr;
      bufferName = buffer ? dyn_cast_or_null<StringAttr>(
                                buffer.get("buffer_name"))
                          : nullptr;
    }
    if (bufferName) {
      buffers.emplace_back(bufferName.getValue(), func.getArgument(i));
      bufferArguments[bufferName.getValue()] = func.getArgument(i);
    }
  }
  DenseMap<Value, Value> runningMeanOfCounter;
  for (auto [name, argument] : buffers) {
    std::optional<llvm::StringRef> prefix =
        getBufferPrefix(name, "num_batches_tracked");
    if (!prefix)
      continue;
    std::string runningMean =
        (prefix->empty() ? "" : prefix->str() + ".") + "running_mean";
    if (Value runningMeanArgument = bufferArguments.lookup(runningMean))
      runningMeanOfCounter[argument] = runningMeanArgument;
  }
  // The buffer each counter counts, found in program order: a counter
  // reads the buffer or the counter of its module's call before. Each
  // batch norm takes the first counter still open of its running mean.
  DenseMap<Value, Value> bufferOfCounter;
  DenseMap<Value, std::deque<BatchNormCounterOp>> open;
  SmallVector<BatchNormCounterOp> counters;
  for (Operation &op : func.getBody().front()) {
    if (auto counter = dyn_cast<BatchNormCounterOp>(&op)) {
      Value counted = counter.getNumBatchesTracked();
      Value buffer = bufferOfCounter.lookup(counted);
      if (!buffer)
        buffer = counted;
      bufferOfCounter[counter.getResult()] = buffer;
      if (Value runningMean = runningMeanOfCounter.lookup(buffer))
        open[runningMean].push_back(counter);
      counters.push_back(counter);
      continue;
    }
    auto modeOp = dyn_cast<aten::ModeDependentOpInterface>(&op);
    if (!modeOp || modeOp.getModeFamily() != "batch_norm" ||
        op.getNumOperands() != 5)
      continue;
    auto it = open.find(op.getOperand(3));
    if (it == open.end() || it->second.empty())
      continue;
    batchNormOf[it->second.front()] = &op;
    it->second.pop_front();
  }

  // In evaluation form, in place, a counter is no node: it is recorded on
  // its batch norm, but for one mode made, which goes without a trace.
  for (auto [counterOp, bn] : batchNormOf) {
    auto counter = cast<BatchNormCounterOp>(counterOp);
    if (counter.getInPlace() && !counter.getTraining() &&
        !counter->hasAttr(kSynthesizedAttr) && !getNodeName(counter).empty())
      removedCounters[bn] = counter;
  }
  for (BatchNormCounterOp counter : counters)
    if (!batchNormOf.count(counter) && counter.getInPlace() && !counter.getTraining() &&
        !getNodeName(counter).empty() && !counter->hasAttr(kSynthesizedAttr))
      return emitError(counter)
             << "no batch norm of its module follows it, to keep the record "
                "of the removed counter";
  // A counter mode made has a name once it is a node: the next free one,
  // in the order of the program, as torch.fx would name it.
  for (Operation &op : func.getBody().front()) {
    auto counter = dyn_cast<BatchNormCounterOp>(&op);
    if (!counter || names.count(counter.getResult()) ||
        (counter.getInPlace() && !counter.getTraining()))
      continue;
    std::string name = freshName(counter.getInPlace() ? "add_" : "add");
    synthesizedNames[counter] = name;
    names[counter.getResult()] = StringAttr::get(context, name);
    tensors.push_back({names[counter.getResult()], counter.getResult()});
  }
  return success();
}

LogicalResult ProgramExporter::planDropPaths() {
  // A drop path in evaluation form is no node: it is recorded on the next
  // op that is one (or the graph module, if none is).
  SmallVector<DropPathOp> pending;
  auto writesNode = [](Operation &op) {
    if (isa<aten::NoneOp, LiteralOp, func::ReturnOp>(op))
      return false;
    if (auto dropPath = dyn_cast<DropPathOp>(op))
      return dropPath.getTraining();
    if (auto counter = dyn_cast<BatchNormCounterOp>(op))
      return counter.getTraining() || !counter.getInPlace();
    return true;
  };
  for (Operation &op : func.getBody().front()) {
    if (auto dropPath = dyn_cast<DropPathOp>(op);
        dropPath && !dropPath.getTraining()) {
      for (OpOperand &use : dropPath.getResult().getUses()) {
        Operation *owner = use.getOwner();
        if (owner->getBlock() != dropPath->getBlock() ||
            (!isa<func::ReturnOp>(owner) && !writesNode(*owner)) ||
            (!isa<func::ReturnOp>(owner) && getNodeName(owner).empty()))
          return emitError(dropPath)
                 << "its result is read by an op that is not a node of the "
                    "graph ('"
                 << owner->getName()
                 << "'), so no record of it could restore the use";
      }
      pending.push_back(dropPath);
      continue;
    }
    if (!writesNode(op) || pending.empty())
      continue;
    dropPathsBefore[&op] = std::move(pending);
    pending.clear();
  }
  if (!pending.empty())
    dropPathsBefore[nullptr] = std::move(pending);
  return success();
}

FailureOr<std::string> ProgramExporter::getName(Value value, Operation *user) {
  StringAttr name = names.lookup(value);
  if (!name) {
    user->emitError() << "reads a value that has no name in the graph "
                         "(neither a graph input nor a node's output)";
    return failure();
  }
  return name.str();
}

//===----------------------------------------------------------------------===//
// The program
//===----------------------------------------------------------------------===//

LogicalResult ProgramExporter::run() {
  if (failed(checkSource()) || failed(indexSource()) ||
      failed(checkStructure()) || failed(collectNames()) ||
      failed(planCounters()) || failed(planDropPaths()))
    return failure();
  return writeProgram();
}

LogicalResult ProgramExporter::writeObjectOf(
    Span span,
    llvm::function_ref<FailureOr<bool>(llvm::StringRef, Span)> write) {
  llvm::StringRef text = source.slice(span.begin, span.end);
  json::Cursor cursor(text);
  std::string key;
  size_t begin, end;
  if (!cursor.begin('{'))
    return func.emitError() << "the model JSON is not what it was";
  json->objectBegin();
  while (cursor.next(&key)) {
    if (!cursor.skip(begin, end))
      break;
    json->key(key);
    Span value = {span.begin + begin, span.begin + end};
    FailureOr<bool> done = write(key, value);
    if (failed(done))
      return failure();
    if (!*done)
      json->raw(source.slice(value.begin, value.end));
  }
  if (cursor.failed())
    return func.emitError() << "the model JSON is not what it was";
  json->objectEnd();
  return success();
}

LogicalResult ProgramExporter::writeProgram() {
  // Every field as the source has it, but those the IR holds.
  return writeObjectOf({0, source.size()}, [&](llvm::StringRef key,
                                               Span gm) -> FailureOr<bool> {
    if (key != "graph_module")
      return false;
    if (failed(writeObjectOf(gm, [&](llvm::StringRef key,
                                     Span value) -> FailureOr<bool> {
          if (key == "graph") {
            if (failed(writeObjectOf(
                    value,
                    [&](llvm::StringRef key, Span) -> FailureOr<bool> {
                      if (key == "inputs")
                        return succeeded(writeGraphInputs()) ? true
                                                            : FailureOr<bool>();
                      if (key == "outputs")
                        return succeeded(writeGraphOutputs())
                                   ? true
                                   : FailureOr<bool>();
                      if (key == "nodes")
                        return succeeded(writeNodes()) ? true
                                                       : FailureOr<bool>();
                      if (key == "tensor_values")
                        return succeeded(writeTensorValues())
                                   ? true
                                   : FailureOr<bool>();
                      return false;
                    })))
              return failure();
            return true;
          }
          if (key == "signature") {
            if (failed(writeObjectOf(
                    value,
                    [&](llvm::StringRef key, Span) -> FailureOr<bool> {
                      if (key != "input_specs" && key != "output_specs")
                        return false;
                      return succeeded(writeSpecs(key == "input_specs"))
                                 ? true
                                 : FailureOr<bool>();
                    })))
              return failure();
            return true;
          }
          if (key == "metadata") {
            if (failed(writeGraphModuleMetadata(value)))
              return failure();
            return true;
          }
          return false;
        })))
      return failure();
    return true;
  });
}

LogicalResult ProgramExporter::writeGraphInputs() {
  json->arrayBegin();
  for (unsigned i = 0; i < func.getNumArguments(); ++i) {
    if (auto name = func.getArgAttrOfType<StringAttr>(i, kNameAttr)) {
      json->objectBegin();
      json->key("as_tensor");
      json->objectBegin();
      json->key("name");
      json->string(name.getValue());
      json->objectEnd();
      json->objectEnd();
      continue;
    }
    if (failed(json->attribute(func.getArgAttr(i, kInputAttr))))
      return failure();
  }
  json->arrayEnd();
  return success();
}

LogicalResult ProgramExporter::writeGraphOutputs() {
  json->arrayBegin();
  for (unsigned i = 0; i < func.getNumResults(); ++i) {
    if (Attribute output = func.getResultAttr(i, kOutputAttr)) {
      if (failed(json->attribute(output)))
        return failure();
      continue;
    }
    Operation *ret = func.getBody().front().getTerminator();
    FailureOr<std::string> name = getName(ret->getOperand(i), ret);
    if (failed(name))
      return failure();
    json->objectBegin();
    json->key("as_tensor");
    json->objectBegin();
    json->key("name");
    json->string(*name);
    json->objectEnd();
    json->objectEnd();
  }
  json->arrayEnd();
  return success();
}

LogicalResult ProgramExporter::writeSpecs(bool inputs) {
  json->arrayBegin();
  unsigned count = inputs ? func.getNumArguments() : func.getNumResults();
  Operation *ret = func.getBody().front().getTerminator();
  for (unsigned i = 0; i < count; ++i) {
    if (Attribute spec = inputs ? func.getArgAttr(i, kInputSpecAttr)
                                : func.getResultAttr(i, kOutputSpecAttr)) {
      if (failed(json->attribute(spec)))
        return failure();
      continue;
    }
    std::string name;
    if (inputs) {
      name = func.getArgAttrOfType<StringAttr>(i, kNameAttr).str();
    } else {
      FailureOr<std::string> returned = getName(ret->getOperand(i), ret);
      if (failed(returned))
        return failure();
      name = *returned;
    }
    auto tensorArgument = [&](llvm::StringRef key) {
      json->key(key);
      json->objectBegin();
      json->key("name");
      json->string(name);
      json->objectEnd();
    };
    auto asTensor = [&] {
      json->key("arg");
      json->objectBegin();
      tensorArgument("as_tensor");
      json->objectEnd();
    };
    json->objectBegin();
    if (inputs) {
      if (func.getArgAttr(i, kUserInputAttr)) {
        json->key("user_input");
        json->objectBegin();
        asTensor();
      } else if (auto p = func.getArgAttrOfType<StringAttr>(i, kParameterAttr)) {
        json->key("parameter");
        json->objectBegin();
        tensorArgument("arg");
        json->key("parameter_name");
        json->string(p.getValue());
      } else if (auto b = func.getArgAttrOfType<StringAttr>(i, kBufferAttr)) {
        json->key("buffer");
        json->objectBegin();
        tensorArgument("arg");
        json->key("buffer_name");
        json->string(b.getValue());
        json->key("persistent");
        auto persistent = func.getArgAttrOfType<BoolAttr>(i, kPersistentAttr);
        json->boolean(!persistent || persistent.getValue());
      } else if (auto c = func.getArgAttrOfType<StringAttr>(i, kConstantAttr)) {
        json->key("tensor_constant");
        json->objectBegin();
        tensorArgument("arg");
        json->key("tensor_constant_name");
        json->string(c.getValue());
      } else {
        return func.emitError() << "argument #" << i << " of @"
                                << func.getSymName()
                                << " has a name but no input spec kind";
      }
    } else {
      if (func.getResultAttr(i, kUserOutputAttr) ||
          func.getResultAttr(i, kLossOutputAttr)) {
        json->key(func.getResultAttr(i, kUserOutputAttr) ? "user_output"
                                                          : "loss_output");
        json->objectBegin();
        asTensor();
      } else if (auto b = func.getResultAttrOfType<StringAttr>(
                     i, kBufferMutationAttr)) {
        json->key("buffer_mutation");
        json->objectBegin();
        tensorArgument("arg");
        json->key("buffer_name");
        json->string(b.getValue());
      } else if (auto u = func.getResultAttrOfType<StringAttr>(
                     i, kUserInputMutationAttr)) {
        json->key("user_input_mutation");
        json->objectBegin();
        tensorArgument("arg");
        json->key("user_input_name");
        json->string(u.getValue());
      }
    }
    json->objectEnd();
    json->objectEnd();
  }
  json->arrayEnd();
  return success();
}

LogicalResult ProgramExporter::writeGraphModuleMetadata(Span span) {
  // mode's records: that a decomposed program in evaluation form was
  // decomposed in training mode (so it lost no dropout), and the drop paths
  // after the last node.
  SmallVector<std::pair<std::string, std::string>> records;
  if (func->hasAttr(kDecomposedInTrainingAttr) && !aten::AtenDialect::hasTrainingFormOp(func))
    records.push_back({kDecomposedInTrainingKey.str(), "true"});
  auto trailing = dropPathsBefore.find(nullptr);
  if (trailing != dropPathsBefore.end()) {
    std::string record;
    llvm::raw_string_ostream os(record);
    JSONWriter writer(os);
    Redirect redirect(*this, writer);
    json->arrayBegin();
    for (DropPathOp dropPath : trailing->second) {
      json->objectBegin();
      json->key("input");
      json->string(names.lookup(dropPath.getInput()).getValue());
      json->key("result");
      json->string(names.lookup(dropPath.getTrainingResult()).getValue());
      if (failed(writeBodyRecord(dropPath.getBody().front())))
        return failure();
      json->key("uses");
      json->arrayBegin();
      for (OpOperand &use : dropPath.getResult().getUses()) {
        json->objectBegin();
        json->key("output");
        json->integer(use.getOperandNumber());
        json->objectEnd();
      }
      json->arrayEnd();
      json->objectEnd();
    }
    json->arrayEnd();
    records.push_back({kDropPathKey.str(), record});
  }
  return writeMetadata(func, source.slice(span.begin, span.end), records);
}

//===----------------------------------------------------------------------===//
// Nodes
//===----------------------------------------------------------------------===//

LogicalResult ProgramExporter::writeNodes() {
  json->arrayBegin();
  for (Operation &op : func.getBody().front())
    if (failed(writeNodeOf(op)))
      return failure();
  json->arrayEnd();
  return success();
}

llvm::StringRef ProgramExporter::getTensorMetaText(RankedTensorType type) {
  std::string &text = tensorMetas[type];
  if (text.empty()) {
    llvm::raw_string_ostream os(text);
    JSONWriter writer(os);
    (void)writer.attribute(getTensorMeta(type));
  }
  return text;
}

LogicalResult ProgramExporter::writeTensorValues() {
  json->objectBegin();
  for (auto [name, value] : tensors) {
    auto type = dyn_cast<RankedTensorType>(value.getType());
    if (!type)
      return func.emitError() << "tensor '" << name.getValue()
                              << "' has no rank, which a graph tensor has";
    json->key(name.getValue());
    json->raw(getTensorMetaText(type));
  }
  if (auto unused = func->getAttrOfType<ArrayAttr>(kUnusedTensorValuesAttr))
    for (Attribute attr : unused) {
      auto name = dyn_cast<StringAttr>(attr);
      auto span = name ? sourceTensorValues.find(name.getValue())
                       : sourceTensorValues.end();
      if (span == sourceTensorValues.end())
        return func.emitError()
               << "'" << kUnusedTensorValuesAttr << "' names " << attr
               << ", which the model JSON has no tensor metadata for";
      json->key(name.getValue());
      json->raw(source.slice(span->second.begin, span->second.end));
    }
  json->objectEnd();
  return success();
}

LogicalResult ProgramExporter::writeNodeOf(Operation &op) {
  if (isa<aten::NoneOp, LiteralOp, func::ReturnOp, YieldOp>(op))
    return success();
  if (auto operatorOp = dyn_cast<OperatorOp>(op))
    return writeOperator(operatorOp);
  if (auto dropout = dyn_cast<DecomposedDropoutOp>(op))
    return writeDecomposedDropout(dropout);
  if (auto dropPath = dyn_cast<DropPathOp>(op)) {
    if (!dropPath.getTraining())
      return success(); // recorded on the node after it
    for (Operation &inner : dropPath.getBody().front())
      if (failed(writeNodeOf(inner)))
        return failure();
    return success();
  }
  if (auto counter = dyn_cast<BatchNormCounterOp>(op))
    return writeCounter(counter);
  if (const AtenSchema *schema = getAtenSchema(&op))
    return writeAtenOp(&op, *schema);
  return emitError(&op) << "torch.export graphs have no such node";
}

LogicalResult ProgramExporter::writeOutputs(Operation *op) {
  json->arrayBegin();
  auto outputs = op->getAttrOfType<ArrayAttr>(PT2Dialect::getOutputsAttrName());
  auto tensorOutput = [&](llvm::StringRef name) {
    json->objectBegin();
    json->key("as_tensor");
    json->objectBegin();
    json->key("name");
    json->string(name);
    json->objectEnd();
    json->objectEnd();
  };
  if (!outputs) {
    if (op->getNumResults() == 1)
      tensorOutput(names.lookup(op->getResult(0)).getValue());
  } else {
    for (Attribute output : outputs) {
      if (auto name = dyn_cast<StringAttr>(output))
        tensorOutput(name.getValue());
      else if (failed(json->attribute(output)))
        return failure();
    }
  }
  json->arrayEnd();
  return success();
}

LogicalResult ProgramExporter::writeNode(
    Operation *op, llvm::StringRef target, llvm::StringRef name,
    llvm::function_ref<LogicalResult()> writeInputs,
    llvm::function_ref<LogicalResult()> writeOutputs,
    ArrayRef<std::pair<std::string, std::string>> records,
    llvm::StringRef fields) {
  json->objectBegin();
  json->key("target");
  json->string(target);
  json->key("inputs");
  if (failed(writeInputs()))
    return failure();
  json->key("outputs");
  if (failed(writeOutputs()))
    return failure();
  // The drop paths recorded on this node.
  SmallVector<std::pair<std::string, std::string>> allRecords(records.begin(),
                                                              records.end());
  auto before = dropPathsBefore.find(op);
  if (before != dropPathsBefore.end()) {
    std::string record;
    {
      llvm::raw_string_ostream os(record);
      JSONWriter writer(os);
      Redirect redirect(*this, writer);
      json->arrayBegin();
      for (DropPathOp dropPath : before->second) {
        json->objectBegin();
        json->key("input");
        json->string(names.lookup(dropPath.getInput()).getValue());
        json->key("result");
        json->string(names.lookup(dropPath.getTrainingResult()).getValue());
        if (failed(writeBodyRecord(dropPath.getBody().front())))
          return failure();
        json->key("uses");
        json->arrayBegin();
        for (OpOperand &use : dropPath.getResult().getUses()) {
          json->objectBegin();
          if (isa<func::ReturnOp>(use.getOwner())) {
            json->key("output");
            json->integer(use.getOperandNumber());
          } else {
            json->key("node");
            json->string(getNodeName(use.getOwner()));
            json->key("operand");
            json->integer(use.getOperandNumber());
          }
          json->objectEnd();
        }
        json->arrayEnd();
        json->objectEnd();
      }
      json->arrayEnd();
    }
    allRecords.push_back({kDropPathKey.str(), record});
  }
  if (failed(writeNodeFields(op, name, allRecords, fields)))
    return failure();
  json->key("name");
  json->string(name);
  json->objectEnd();
  return success();
}

LogicalResult ProgramExporter::writeNodeFields(
    Operation *op, llvm::StringRef name,
    ArrayRef<std::pair<std::string, std::string>> records,
    llvm::StringRef fields) {
  // The node's fields but its target, inputs, outputs and name: given, or
  // the op's own (a node restored from a record), or its node's in the
  // archive, or none.
  if (fields.empty())
    if (auto attr =
            op->getAttrOfType<StringAttr>(PT2Dialect::getFieldsAttrName()))
      fields = attr.getValue();
  std::optional<llvm::StringRef> node;
  if (fields.empty())
    node = getSourceNode(name);
  llvm::StringRef text = node ? *node : fields;
  if (text.empty())
    text = kDefaultNodeFields;
  json::Cursor cursor(text);
  std::string key;
  size_t begin, end;
  if (!cursor.begin('{'))
    return emitError(op) << "its node's fields are not a JSON object";
  bool wroteMetadata = false;
  while (cursor.next(&key)) {
    if (!cursor.skip(begin, end))
      break;
    if (key == "target" || key == "inputs" || key == "outputs" ||
        key == "name")
      continue;
    json->key(key);
    if (key == "metadata") {
      wroteMetadata = true;
      if (failed(writeMetadata(op, text.slice(begin, end), records)))
        return failure();
      continue;
    }
    if (failed(writeSourceValue(op, text.slice(begin, end))))
      return failure();
  }
  if (cursor.failed())
    return emitError(op) << "its node's fields are not JSON: "
                         << cursor.getErrorMessage();
  if (!wroteMetadata && !records.empty()) {
    json->key("metadata");
    return writeMetadata(op, "{}", records);
  }
  return success();
}

LogicalResult ProgramExporter::writeMetadata(
    Operation *op, llvm::StringRef metadata,
    ArrayRef<std::pair<std::string, std::string>> records) {
  // As it is, unless mode's records change: those ride in `custom`.
  bool mayHoldRecords = metadata.contains(kRecordPrefix);
  if (!mayHoldRecords && records.empty())
    return writeSourceValue(op, metadata);
  llvm::Expected<json::Document> parsed = json::parse(metadata);
  if (!parsed || !parsed->getAsObject()) {
    llvm::consumeError(parsed.takeError());
    return op->emitError() << "its node's metadata is not a JSON object";
  }
  std::optional<llvm::StringRef> custom =
      parsed->getAsObject()->getString(kCustomKey);
  std::string user;
  if (custom) {
    std::string error;
    std::vector<std::pair<std::string, std::string>> old;
    if (failed(splitRecords(*custom, old, user, error)))
      return op->emitError() << error;
    if (!records.empty()) {
      llvm::Expected<json::Document> object = json::parse(user);
      bool isObject = object && object->getAsObject();
      if (!object)
        llvm::consumeError(object.takeError());
      if (!isObject && !user.empty())
        return emitError(op) << "the metadata entry '" << kCustomKey
                             << "' is not a JSON object, so it cannot carry "
                                "mode's records";
    }
  }
  std::string newCustom = appendRecords(user, records);
  json->objectBegin();
  for (const auto &[key, value] : *parsed->getAsObject()) {
    if (key == kCustomKey)
      continue;
    json->key(key);
    json->value(value);
  }
  if (!newCustom.empty()) {
    json->key(kCustomKey);
    json->string(newCustom);
  }
  json->objectEnd();
  return success();
}

LogicalResult ProgramExporter::writeBodyRecord(Block &body) {
  json->key("nodes");
  json->arrayBegin();
  for (Operation &inner : body)
    if (failed(writeNodeOf(inner)))
      return failure();
  json->arrayEnd();
  json->key("tensor_values");
  json->objectBegin();
  for (Operation &inner : body)
    for (Value result : inner.getResults())
      if (auto type = dyn_cast<RankedTensorType>(result.getType())) {
        StringAttr name = names.lookup(result);
        if (!name)
          continue;
        json->key(name.getValue());
        json->raw(getTensorMetaText(type));
      }
  json->objectEnd();
  return success();
}

LogicalResult ProgramExporter::writeDecomposedDropout(DecomposedDropoutOp op) {
  Block &body = op.getBody().front();
  if (op.getTraining()) {
    for (Operation &inner : body)
      if (failed(writeNodeOf(inner)))
        return failure();
    return success();
  }
  // In evaluation form: a clone of the input, named as the dropout's
  // result, its fields those of the body's last node, its metadata also
  // holding the body itself, nodes and tensor metadata, for switching back.
  Operation *last = op.getTrainingResult().getDefiningOp();
  if (!last || last->getBlock() != &body || getNodeName(last).empty())
    return emitError(op) << "its body's result is no node of its body";
  std::string record;
  {
    llvm::raw_string_ostream os(record);
    JSONWriter writer(os);
    Redirect redirect(*this, writer);
    json->objectBegin();
    if (failed(writeBodyRecord(body)))
      return failure();
    json->objectEnd();
  }
  StringAttr resultName = names.lookup(op.getResult());
  // The last node's fields, from where the last node keeps them.
  std::string fields;
  if (auto attr =
          last->getAttrOfType<StringAttr>(PT2Dialect::getFieldsAttrName()))
    fields = attr.str();
  else if (std::optional<llvm::StringRef> node =
               getSourceNode(getNodeName(last)))
    fields = node->str();
  return writeNode(
      op, "torch.ops.aten.clone.default", resultName.getValue(),
      [&]() -> LogicalResult {
        FailureOr<std::string> input = getName(op.getInput(), op);
        if (failed(input))
          return failure();
        json->arrayBegin();
        json->objectBegin();
        json->key("name");
        json->string("self");
        json->key("arg");
        json->objectBegin();
        json->key("as_tensor");
        json->objectBegin();
        json->key("name");
        json->string(*input);
        json->objectEnd();
        json->objectEnd();
        json->key("kind");
        json->integer(Positional);
        json->objectEnd();
        json->arrayEnd();
        return success();
      },
      [&]() -> LogicalResult {
        json->arrayBegin();
        json->objectBegin();
        json->key("as_tensor");
        json->objectBegin();
        json->key("name");
        json->string(resultName.getValue());
        json->objectEnd();
        json->objectEnd();
        json->arrayEnd();
        return success();
      },
      {{kDecomposedDropoutKey.str(), record}},
      fields.empty() ? llvm::StringRef(kDefaultNodeFields)
                     : llvm::StringRef(fields));
}

LogicalResult ProgramExporter::writeOperator(OperatorOp op) {
  auto resolve = [&](Attribute attr) -> FailureOr<std::string> {
    auto operand = dyn_cast<OperandAttr>(attr);
    if (!operand || operand.getIndex() >= op.getNumOperands())
      return failure();
    return getName(op.getOperand(operand.getIndex()), op);
  };
  auto tensorArgument = [&](Attribute operand) -> LogicalResult {
    FailureOr<std::string> name = resolve(operand);
    if (failed(name))
      return failure();
    json->objectBegin();
    json->key("name");
    json->string(*name);
    json->objectEnd();
    return success();
  };
  return writeNode(
      op, op.getTarget(), getNodeName(op),
      [&]() -> LogicalResult {
        json->arrayBegin();
        for (Attribute attr : op.getArgs()) {
          auto arg = cast<ArgAttr>(attr);
          json->objectBegin();
          json->key("name");
          json->string(arg.getName().getValue());
          json->key("arg");
          json->objectBegin();
          llvm::StringRef key = arg.getKey().getValue();
          json->key(key);
          Attribute value = arg.getValue();
          auto list = dyn_cast<ArrayAttr>(value);
          if (key == "as_tensor" && isa<OperandAttr>(value)) {
            if (failed(tensorArgument(value)))
              return failure();
          } else if (key == "as_tensors" && list &&
                     llvm::all_of(list, llvm::IsaPred<OperandAttr>)) {
            json->arrayBegin();
            for (Attribute element : list)
              if (failed(tensorArgument(element)))
                return failure();
            json->arrayEnd();
          } else if (failed(json->attribute(value, resolve))) {
            return op.emitError() << "cannot write argument '"
                                  << arg.getName().getValue() << "'";
          }
          json->objectEnd();
          if (arg.getKind() != ArgAttr::kNoKind) {
            json->key("kind");
            if (arg.getKind() == ArgAttr::kNullKind)
              json->null();
            else
              json->integer(arg.getKind());
          }
          json->objectEnd();
        }
        json->arrayEnd();
        return success();
      },
      [&] { return writeOutputs(op); });
}

LogicalResult ProgramExporter::writeAtenArgument(Operation *op,
                                                 const AtenSchema &schema,
                                                 unsigned index,
                                                 DictionaryAttr argKeys) {
  const SchemaArgument &arg = schema.arguments[index];
  llvm::StringRef key;
  if (argKeys)
    if (auto k = dyn_cast_or_null<StringAttr>(argKeys.get(arg.name)))
      key = k.getValue();
  auto tensor = [&](Value value) -> LogicalResult {
    FailureOr<std::string> name = getName(value, op);
    if (failed(name))
      return failure();
    json->objectBegin();
    json->key("name");
    json->string(*name);
    json->objectEnd();
    return success();
  };

  json->objectBegin();
  switch (arg.kind) {
  case SchemaArgKind::Tensor:
  case SchemaArgKind::OptionalTensor:
  case SchemaArgKind::TensorList: {
    unsigned group = 0;
    for (unsigned i = 0; i < index; ++i)
      group += schema.arguments[i].isTensor();
    ValueRange values = getTensorArguments(op, schema)[group];
    if (arg.kind == SchemaArgKind::TensorList) {
      json->key("as_tensors");
      json->arrayBegin();
      for (Value value : values)
        if (failed(tensor(value)))
          return failure();
      json->arrayEnd();
      break;
    }
    bool none = !isa<TensorType>(values[0].getType());
    if (key == "as_optional_tensor") {
      json->key(key);
      json->objectBegin();
    }
    if (none) {
      json->key("as_none");
      json->boolean(true);
    } else {
      json->key("as_tensor");
      if (failed(tensor(values[0])))
        return failure();
    }
    if (key == "as_optional_tensor")
      json->objectEnd();
    break;
  }
  case SchemaArgKind::Float:
  case SchemaArgKind::Scalar:
  case SchemaArgKind::OptionalFloat: {
    auto attr = op->getAttrOfType<FloatAttr>(arg.name);
    if (!attr) {
      json->key("as_none");
      json->boolean(true);
      break;
    }
    double value = attr.getValueAsDouble();
    if (key == "as_int" && value == std::trunc(value) &&
        std::abs(value) < 9.0e18) {
      json->key("as_int");
      json->integer(static_cast<int64_t>(value));
    } else {
      json->key("as_float");
      json->number(value);
    }
    break;
  }
  case SchemaArgKind::Bool:
  case SchemaArgKind::OptionalBool:
    json->key("as_bool");
    json->boolean(op->getAttrOfType<BoolAttr>(arg.name).getValue());
    break;
  case SchemaArgKind::Int:
    json->key("as_int");
    json->integer(op->getAttrOfType<IntegerAttr>(arg.name).getInt());
    break;
  case SchemaArgKind::Generator:
    json->key("as_none");
    json->boolean(true);
    break;
  }
  json->objectEnd();
  return success();
}

LogicalResult ProgramExporter::writeAtenOp(Operation *op,
                                           const AtenSchema &schema) {
  auto args = op->getAttrOfType<DictionaryAttr>(kArgsAttr);
  auto argKeys = op->getAttrOfType<DictionaryAttr>(kArgKeysAttr);
  llvm::StringRef name = getNodeName(op);
  if (name.empty())
    return emitError(op) << "it has no '" << PT2Dialect::getNodeAttrName()
                         << "' (the node's name)";

  // The arguments the node spells out: as the archive had them where it
  // said, plus any that no longer has its default; as PyTorch writes them
  // otherwise.
  SmallVector<std::pair<unsigned, Attribute>> spelled;
  if (args) {
    bool positional = true;
    for (auto [index, arg] : llvm::enumerate(schema.arguments)) {
      Attribute kind = args.get(arg.name);
      if (!kind && hasDefaultValue(op, schema, index)) {
        positional = false;
        continue;
      }
      if (!kind)
        kind = IntegerAttr::get(IntegerType::get(context, 64),
                                positional && !arg.kwargOnly ? Positional
                                                             : Keyword);
      auto kindInt = dyn_cast<IntegerAttr>(kind);
      positional &= kindInt && kindInt.getInt() == Positional;
      spelled.push_back({index, kind});
    }
  } else {
    for (auto [index, kind] : getSpelledArguments(op, schema))
      spelled.push_back(
          {index, IntegerAttr::get(IntegerType::get(context, 64), kind)});
  }

  // What the IR keeps for switching back goes into the node's metadata.
  SmallVector<std::pair<std::string, std::string>> records;
  auto removed = removedCounters.find(op);
  if (removed != removedCounters.end()) {
    std::string record;
    llvm::raw_string_ostream os(record);
    JSONWriter writer(os);
    Redirect redirect(*this, writer);
    if (failed(writeCounter(removed->second, /*asRecorded=*/true)))
      return failure();
    records.push_back({kRemovedCounterKey.str(), record});
  }
  if (auto p = op->getAttrOfType<FloatAttr>(
          aten::AtenDialect::getTrainingDropoutAttrName()))
    records.push_back(
        {kTrainingDropoutKey.str(), formatPythonFloat(p.getValueAsDouble())});
  if (op->hasAttr(aten::AtenDialect::getGivenDropoutAttrName()))
    records.push_back({kGivenDropoutKey.str(), "true"});

  return writeNode(
      op, schema.getTarget(), name,
      [&]() -> LogicalResult {
        json->arrayBegin();
        for (auto [index, kind] : spelled) {
          json->objectBegin();
          json->key("name");
          json->string(schema.arguments[index].name);
          json->key("arg");
          if (failed(writeAtenArgument(op, schema, index, argKeys)))
            return failure();
          json->key("kind");
          if (failed(json->attribute(kind)))
            return failure();
          json->objectEnd();
        }
        json->arrayEnd();
        return success();
      },
      [&] { return writeOutputs(op); }, records);
}

void ProgramExporter::writeCounterInputs(BatchNormCounterOp op,
                                         int64_t increment) {
  auto argument = [&](llvm::StringRef name, auto writeArg) {
    json->objectBegin();
    json->key("name");
    json->string(name);
    json->key("arg");
    json->objectBegin();
    writeArg();
    json->objectEnd();
    json->key("kind");
    json->integer(Positional);
    json->objectEnd();
  };
  json->arrayBegin();
  argument("self", [&] {
    json->key("as_tensor");
    json->objectBegin();
    json->key("name");
    json->string(names.lookup(op.getNumBatchesTracked()).getValue());
    json->objectEnd();
  });
  argument("other", [&] {
    json->key("as_int");
    json->integer(increment);
  });
  json->arrayEnd();
}

LogicalResult ProgramExporter::writeCounter(BatchNormCounterOp op,
                                            bool asRecorded) {
  if (op.getInPlace() && !op.getTraining() && !asRecorded) {
    // As in PyTorch's own evaluation export: no node.
    if (llvm::any_of(op.getResult().getUsers(), [](Operation *user) {
          return !isa<BatchNormCounterOp>(user);
        }))
      return emitError(op) << "its result is used, but an evaluation-form "
                              "counter is no node whose output could be read";
    return success();
  }
  if (!names.lookup(op.getNumBatchesTracked()))
    return emitError(op) << "its buffer has no name in the graph";
  llvm::StringRef name = getNodeName(op);
  std::string fields;
  SmallVector<std::pair<std::string, std::string>> records;
  auto synthesized = synthesizedNames.find(op);
  if (synthesized != synthesizedNames.end()) {
    // The counter PyTorch's training export would have, in the module of
    // its batch norm, marked as mode's.
    name = synthesized->second;
    std::string metadata;
    {
      llvm::raw_string_ostream os(metadata);
      JSONWriter writer(os);
      writer.objectBegin();
      if (Operation *bn = batchNormOf.lookup(op))
        if (std::optional<llvm::StringRef> node =
                getSourceNode(getNodeName(bn))) {
          // The batch norm's module stack.
          llvm::Expected<json::Document> parsed = json::parse(*node);
          if (parsed && parsed->getAsObject())
            if (const json::Object *meta =
                    parsed->getAsObject()->getObject("metadata"))
              if (std::optional<llvm::StringRef> stack =
                      meta->getString("nn_module_stack")) {
                writer.key("nn_module_stack");
                writer.string(*stack);
              }
          if (!parsed)
            llvm::consumeError(parsed.takeError());
        }
      writer.objectEnd();
    }
    fields = R"({"metadata": )" + metadata +
             R"(, "is_hop_single_tensor_return": null})";
  } else if (name.empty()) {
    return emitError(op) << "it has no '" << PT2Dialect::getNodeAttrName()
                         << "' (the node's name)";
  }
  if (synthesized != synthesizedNames.end() || op->hasAttr(kSynthesizedAttr))
    records.push_back({kSynthesizedKey.str(),
                       "the num_batches_tracked increment of a batch norm "
                       "switched to training"});
  int64_t increment = op.getTraining() || asRecorded ? 1 : 0;
  return writeNode(
      op,
      op.getInPlace() ? "torch.ops.aten.add_.Tensor"
                      : "torch.ops.aten.add.Tensor",
      name,
      [&] {
        writeCounterInputs(op, increment);
        return success();
      },
      [&]() -> LogicalResult {
        json->arrayBegin();
        json->objectBegin();
        json->key("as_tensor");
        json->objectBegin();
        json->key("name");
        json->string(names.lookup(op.getResult()).getValue());
        json->objectEnd();
        json->objectEnd();
        json->arrayEnd();
        return success();
      },
      records, fields);
}

} // namespace

LogicalResult exportProgram(func::FuncOp func, llvm::StringRef source,
                            llvm::raw_ostream &os) {
  return ProgramExporter(func, source, os).run();
}

} // namespace mode::pt2
