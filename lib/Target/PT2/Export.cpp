//===- Export.cpp - Writing programs back as a PyTorch archive ------------===//
//
// The model JSON of each function, rebuilt from the IR: graph inputs and
// outputs from the function's arguments and results, one node per op (none
// for `aten.none`, `pt2.literal`, and a counter in evaluation form), tensor
// metadata from the types, and the rest of the program from `pt2.program`.
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
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

using namespace mlir;

namespace mode::pt2 {
namespace {

/// The fields of the structures PyTorch writes, in its order: written in
/// this order, a program comes out as `torch.export.save` writes it.
constexpr llvm::StringLiteral kProgramFields[] = {
    "graph_module", "opset_version", "range_constraints", "schema_version",
    "verifiers",    "torch_version", "guards_code"};
constexpr llvm::StringLiteral kGraphModuleFields[] = {
    "graph", "signature", "module_call_graph", "metadata",
    "treespec_namedtuple_fields"};
constexpr llvm::StringLiteral kGraphFields[] = {"inputs",
                                                "outputs",
                                                "nodes",
                                                "tensor_values",
                                                "sym_int_values",
                                                "sym_bool_values",
                                                "is_single_tensor_return",
                                                "custom_obj_values",
                                                "sym_float_values"};
constexpr llvm::StringLiteral kNodeFields[] = {
    "target", "inputs", "outputs", "metadata", "is_hop_single_tensor_return",
    "name"};

class ProgramExporter {
public:
  ProgramExporter(func::FuncOp func, llvm::raw_ostream &os)
      : func(func), context(func.getContext()), rootJSON(os) {}

  LogicalResult run();

private:
  LogicalResult checkStructure();
  LogicalResult collectNames();
  LogicalResult planCounters();
  FailureOr<std::string> getName(Value value, Operation *user);

  /// Writes the members of `dict` in the order of `order`, then the others;
  /// `write` writes a member itself or returns false to leave it to the
  /// attribute writer.
  LogicalResult
  writeObject(DictionaryAttr dict, ArrayRef<llvm::StringLiteral> order,
              llvm::function_ref<FailureOr<bool>(llvm::StringRef)> write);

  LogicalResult writeGraphModule(DictionaryAttr gm);
  /// The graph module's metadata with mode's records; false if absent.
  FailureOr<bool> writeGraphModuleMetadata(DictionaryAttr metadata);
  /// Whether the program went through run_decompositions().
  bool isDecomposed();
  LogicalResult writeSignature(DictionaryAttr signature);
  LogicalResult writeGraph(DictionaryAttr graph);
  LogicalResult writeNodes();
  LogicalResult writeTensorValues(DictionaryAttr kept);
  LogicalResult writeNode(Operation *op, llvm::StringRef target,
                          llvm::function_ref<LogicalResult()> writeInputs,
                          DictionaryAttr envelope,
                          DictionaryAttr extraMetadata = {});
  LogicalResult writeOperator(OperatorOp op);
  LogicalResult writeAtenOp(Operation *op, const AtenSchema &schema);
  LogicalResult writeAtenArgument(Operation *op, const AtenSchema &schema,
                                  unsigned index, DictionaryAttr argKeys);
  LogicalResult writeCounter(BatchNormCounterOp op);
  LogicalResult writeDecomposedDropout(DecomposedDropoutOp op);
  LogicalResult writeNodeOf(Operation &op);
  void writeCounterInputs(JSONWriter &writer, BatchNormCounterOp op,
                          int64_t increment);
  std::string freshName(llvm::StringRef base);
  /// getTensorMeta(type), made once per type.
  DictionaryAttr getCachedTensorMeta(RankedTensorType type) {
    DictionaryAttr &meta = tensorMetas[type];
    if (!meta)
      meta = getTensorMeta(type);
    return meta;
  }

  InFlightDiagnostic emitError(Operation *op) {
    InFlightDiagnostic diag = op->emitError();
    diag << "cannot write '" << op->getName() << "' as a graph node: ";
    return diag;
  }

  /// Writes with another writer while alive: records of nodes kept in
  /// metadata are JSON text of their own.
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
  JSONWriter rootJSON;
  /// The writer every write goes to.
  JSONWriter *json = &rootJSON;
  DictionaryAttr program;

  DenseMap<Value, StringAttr> names;
  llvm::StringSet<> usedNames;
  /// The tensors the graph defines, in order, for graph.tensor_values.
  SmallVector<std::pair<StringAttr, Value>> tensors;

  /// Counters this program writes under a name of mode's making.
  DenseMap<Operation *, std::string> synthesizedNames;
  /// Per batch norm: the counter the evaluation form removed, as the node
  /// JSON to record in its metadata.
  DenseMap<Operation *, std::string> removedCounters;
  /// Per counter: its batch norm.
  DenseMap<Operation *, Operation *> batchNormOf;
  DenseMap<RankedTensorType, DictionaryAttr> tensorMetas;
};

DictionaryAttr getEnvelope(Operation *op) {
  return op->getAttrOfType<DictionaryAttr>(PT2Dialect::getNodeAttrName());
}

LogicalResult ProgramExporter::run() {
  program = func->getAttrOfType<DictionaryAttr>(kProgramAttr);
  if (!program)
    return func.emitError()
           << "@" << func.getSymName()
           << " is not a program read from an archive: it has no '"
           << kProgramAttr << "'";
  if (failed(checkStructure()) || failed(collectNames()) ||
      failed(planCounters()))
    return failure();
  return writeObject(program, kProgramFields,
                     [&](llvm::StringRef key) -> FailureOr<bool> {
                       if (key != "graph_module")
                         return false;
                       auto gm = dyn_cast<DictionaryAttr>(program.get(key));
                       if (!gm || failed(writeGraphModule(gm)))
                         return failure();
                       return true;
                     });
}

LogicalResult ProgramExporter::writeGraphModule(DictionaryAttr gm) {
  return writeObject(gm, kGraphModuleFields,
                     [&](llvm::StringRef key) -> FailureOr<bool> {
                       if (key == "graph") {
                         auto graph = dyn_cast<DictionaryAttr>(gm.get(key));
                         if (!graph || failed(writeGraph(graph)))
                           return failure();
                         return true;
                       }
                       if (key == "metadata")
                         return writeGraphModuleMetadata(
                             dyn_cast<DictionaryAttr>(gm.get(key)));
                       if (key != "signature")
                         return false;
                       auto signature = dyn_cast<DictionaryAttr>(gm.get(key));
                       if (!signature || failed(writeSignature(signature)))
                         return failure();
                       return true;
                     });
}

FailureOr<bool>
ProgramExporter::writeGraphModuleMetadata(DictionaryAttr metadata) {
  if (!metadata)
    return false;
  // A decomposed program in evaluation form that the importer did not find
  // incomplete was decomposed in training mode: say so, for the way back.
  if (isDecomposed() &&
      !func->hasAttr(aten::AtenDialect::getUnswitchableAttrName()) &&
      !hasTrainingFormOp(func)) {
    NamedAttrList entries(metadata);
    entries.set(kDecomposedInTrainingKey, StringAttr::get(context, "true"));
    metadata = entries.getDictionary(context);
  }
  std::string error;
  FailureOr<DictionaryAttr> folded = foldRecords(metadata, error);
  if (failed(folded))
    return func.emitError() << "@" << func.getSymName() << ": " << error;
  if (failed(json->attribute(*folded)))
    return failure();
  return true;
}

bool ProgramExporter::isDecomposed() {
  auto verifiers = dyn_cast_or_null<ArrayAttr>(program.get("verifiers"));
  return verifiers &&
         llvm::is_contained(verifiers,
                            StringAttr::get(context, kDecomposedVerifier));
}

LogicalResult ProgramExporter::writeSignature(DictionaryAttr signature) {
  static constexpr llvm::StringLiteral kSignatureFields[] = {"input_specs",
                                                             "output_specs"};
  return writeObject(
      signature, kSignatureFields, [&](llvm::StringRef key) -> FailureOr<bool> {
        bool inputs = key == "input_specs";
        if (!inputs && key != "output_specs")
          return false;
        json->arrayBegin();
        unsigned count = inputs ? func.getNumArguments() : func.getNumResults();
        for (unsigned i = 0; i < count; ++i)
          if (failed(json->attribute(
                  inputs ? func.getArgAttr(i, kInputSpecAttr)
                         : func.getResultAttr(i, kOutputSpecAttr))))
            return failure();
        json->arrayEnd();
        return true;
      });
}

LogicalResult ProgramExporter::checkStructure() {
  if (!llvm::hasSingleElement(func.getBody()))
    return func.emitError() << "@" << func.getSymName()
                            << " has several blocks: a graph has one";
  for (unsigned i = 0; i < func.getNumArguments(); ++i)
    if (!func.getArgAttr(i, kInputAttr) || !func.getArgAttr(i, kInputSpecAttr))
      return func.emitError()
             << "argument #" << i << " of @" << func.getSymName()
             << " lacks its '" << kInputAttr << "' or '" << kInputSpecAttr
             << "'";
  for (unsigned i = 0; i < func.getNumResults(); ++i)
    if (!func.getResultAttr(i, kOutputAttr) ||
        !func.getResultAttr(i, kOutputSpecAttr))
      return func.emitError() << "result #" << i << " of @" << func.getSymName()
                              << " lacks its '" << kOutputAttr << "' or '"
                              << kOutputSpecAttr << "'";
  // A program that has been through run_decompositions() (dialect ATEN)
  // holds functional ops only: PyTorch rejects the others.
  bool functionalOnly = isDecomposed();
  for (Operation &op : func.getBody().front()) {
    if (op.getNumRegions() != 0 && !isa<DecomposedDropoutOp>(op))
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
  auto define = [&](Value value, StringAttr name, Operation *where) {
    names[value] = name;
    usedNames.insert(name.getValue());
    if (!valueNames.insert(name.getValue()).second && where) {
      where->emitError() << "'" << name.getValue()
                         << "' names two values of the graph";
      return failure();
    }
    if (isa<TensorType>(value.getType()))
      tensors.push_back({name, value});
    return success();
  };
  for (auto [index, arg] : llvm::enumerate(func.getArguments())) {
    Attribute input = func.getArgAttr(index, kInputAttr);
    SmallVector<StringAttr> refs;
    (void)walkValueReferences(input, [&](Attribute ref, ValueKind) {
      if (auto name = dyn_cast<StringAttr>(ref))
        refs.push_back(name);
    });
    if (refs.size() == 1 && failed(define(arg, refs[0], func)))
      return failure();
  }
  // The values a node defines, from its `pt2.node` outputs.
  auto defineOutputs = [&](Operation &op, bool listTensors) -> LogicalResult {
    DictionaryAttr envelope = getEnvelope(&op);
    if (!envelope)
      return success();
    if (auto name = dyn_cast_or_null<StringAttr>(envelope.get("name")))
      usedNames.insert(name.getValue());
    auto outputs = dyn_cast_or_null<ArrayAttr>(envelope.get("outputs"));
    if (!outputs)
      return emitError(&op) << "its '" << PT2Dialect::getNodeAttrName()
                            << "' has no output list";
    SmallVector<StringAttr> defined;
    for (Attribute output : outputs)
      (void)walkValueReferences(output, [&](Attribute ref, ValueKind) {
        if (auto name = dyn_cast<StringAttr>(ref))
          defined.push_back(name);
      });
    if (defined.size() != op.getNumResults())
      return emitError(&op)
             << "its outputs name " << defined.size() << " values for its "
             << op.getNumResults() << " results";
    for (auto [name, result] : llvm::zip(defined, op.getResults())) {
      if (failed(define(result, name, &op)))
        return failure();
      if (!listTensors && isa<TensorType>(result.getType()))
        tensors.pop_back();
    }
    return success();
  };
  for (Operation &op : func.getBody().front()) {
    auto dropout = dyn_cast<DecomposedDropoutOp>(op);
    if (!dropout) {
      if (failed(defineOutputs(op, /*listTensors=*/true)))
        return failure();
      continue;
    }
    // The nodes of its body are the program's in training only; the
    // dropout's result bears the name of what the body yields.
    for (Operation &inner : dropout.getBody().front().without_terminator())
      if (failed(defineOutputs(inner, dropout.getTraining())))
        return failure();
    StringAttr name = names.lookup(dropout.getTrainingResult());
    if (!name)
      return emitError(dropout) << "its body yields a value that no node of "
                                   "it defines";
    names[dropout.getResult()] = name;
    if (!dropout.getTraining())
      tensors.push_back({name, dropout.getResult()});
  }
  return success();
}

std::string ProgramExporter::freshName(llvm::StringRef base) {
  // As torch.fx names a node whose name is taken: add_, add__1, add__2.
  std::string name = base.str();
  for (unsigned i = 1; usedNames.contains(name); ++i)
    name = base.str() + "_" + std::to_string(i);
  usedNames.insert(name);
  return name;
}

LogicalResult ProgramExporter::planCounters() {
  // Each counter belongs to the next batch norm that reads the running mean
  // of its module.
  // The arguments that are buffers, by buffer name (the last of a name).
  SmallVector<std::pair<llvm::StringRef, Value>> buffers;
  for (unsigned i = 0; i < func.getNumArguments(); ++i) {
    auto spec = dyn_cast<DictionaryAttr>(func.getArgAttr(i, kInputSpecAttr));
    auto buffer =
        spec ? dyn_cast_or_null<DictionaryAttr>(spec.get("buffer")) : nullptr;
    auto bufferName =
        buffer ? dyn_cast_or_null<StringAttr>(buffer.get("buffer_name"))
               : nullptr;
    if (bufferName)
      buffers.emplace_back(bufferName.getValue(), func.getArgument(i));
  }
  llvm::StringMap<Value> bufferArguments;
  for (auto [name, argument] : buffers)
    bufferArguments[name] = argument;
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

  SmallVector<BatchNormCounterOp> open;
  for (Operation &op : func.getBody().front()) {
    if (auto counter = dyn_cast<BatchNormCounterOp>(&op)) {
      open.push_back(counter);
      continue;
    }
    auto modeOp = dyn_cast<aten::ModeDependentOpInterface>(&op);
    if (!modeOp || modeOp.getModeFamily() != "batch_norm" ||
        op.getNumOperands() != 5)
      continue;
    for (auto *it = open.begin(); it != open.end(); ++it) {
      if (runningMeanOfCounter.lookup(it->getNumBatchesTracked()) !=
          op.getOperand(3))
        continue;
      batchNormOf[*it] = &op;
      open.erase(it);
      break;
    }
  }

  for (auto [counterOp, bn] : batchNormOf) {
    auto counter = cast<BatchNormCounterOp>(counterOp);
    DictionaryAttr envelope = getEnvelope(counter);
    if (!counter.getInPlace())
      continue;
    if (!envelope) {
      if (counter.getTraining())
        synthesizedNames[counter] = freshName("add_");
      continue;
    }
    if (counter.getTraining())
      continue;
    auto metadata = dyn_cast_or_null<DictionaryAttr>(envelope.get("metadata"));
    if (metadata && metadata.get(kSynthesizedKey))
      continue;
    // Recorded as the node it is in training form.
    std::string record;
    llvm::raw_string_ostream os(record);
    JSONWriter writer(os);
    LogicalResult written = success();
    writer.objectBegin();
    writer.key("target");
    writer.string("torch.ops.aten.add_.Tensor");
    writer.key("inputs");
    writeCounterInputs(writer, counter, 1);
    for (llvm::StringLiteral field :
         llvm::ArrayRef(kNodeFields).drop_front(2)) {
      Attribute value = envelope.get(field);
      if (!value)
        continue;
      writer.key(field);
      if (failed(writer.attribute(value)))
        written = failure();
    }
    writer.objectEnd();
    if (failed(written))
      return emitError(counter) << "its node cannot be recorded";
    removedCounters[bn] = record;
  }
  for (BatchNormCounterOp counter : open)
    if (counter.getInPlace() && !counter.getTraining() && getEnvelope(counter))
      return emitError(counter)
             << "no batch norm of its module follows it, to keep the record "
                "of the removed counter";
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

LogicalResult ProgramExporter::writeObject(
    DictionaryAttr dict, ArrayRef<llvm::StringLiteral> order,
    llvm::function_ref<FailureOr<bool>(llvm::StringRef)> write) {
  json->objectBegin();
  auto member = [&](llvm::StringRef key, Attribute value) -> LogicalResult {
    json->key(key);
    FailureOr<bool> done = write(key);
    if (failed(done))
      return failure();
    if (!*done && value)
      return json->attribute(value);
    return success();
  };
  for (llvm::StringRef key : order) {
    Attribute value = dict.get(key);
    // Members the IR holds are written though the program has none left.
    bool fromIR = key == "inputs" || key == "outputs" || key == "nodes" ||
                  key == "tensor_values" || key == "input_specs" ||
                  key == "output_specs";
    if (!value && !fromIR)
      continue;
    if (failed(member(key, value)))
      return failure();
  }
  for (NamedAttribute entry : dict)
    if (!llvm::is_contained(order, entry.getName().getValue()) &&
        failed(member(entry.getName().getValue(), entry.getValue())))
      return failure();
  json->objectEnd();
  return success();
}

LogicalResult ProgramExporter::writeGraph(DictionaryAttr graph) {
  return writeObject(
      graph, kGraphFields, [&](llvm::StringRef key) -> FailureOr<bool> {
        if (key == "inputs") {
          json->arrayBegin();
          for (unsigned i = 0; i < func.getNumArguments(); ++i)
            (void)json->attribute(func.getArgAttr(i, kInputAttr));
          json->arrayEnd();
          return true;
        }
        if (key == "outputs") {
          json->arrayBegin();
          for (unsigned i = 0; i < func.getNumResults(); ++i)
            (void)json->attribute(func.getResultAttr(i, kOutputAttr));
          json->arrayEnd();
          return true;
        }
        if (key == "nodes") {
          if (failed(writeNodes()))
            return failure();
          return true;
        }
        if (key == "tensor_values") {
          if (failed(writeTensorValues(dyn_cast_or_null<DictionaryAttr>(
                  graph.get("tensor_values")))))
            return failure();
          return true;
        }
        return false;
      });
}

LogicalResult ProgramExporter::writeTensorValues(DictionaryAttr kept) {
  json->objectBegin();
  for (auto [name, value] : tensors) {
    // A counter in evaluation form is no node: its output is no tensor.
    if (auto counter = value.getDefiningOp<BatchNormCounterOp>())
      if (counter.getInPlace() && !counter.getTraining())
        continue;
    auto type = dyn_cast<RankedTensorType>(value.getType());
    if (!type)
      return func.emitError() << "tensor '" << name.getValue()
                              << "' has no rank, which a graph tensor has";
    json->key(name.getValue());
    if (failed(json->attribute(getCachedTensorMeta(type))))
      return failure();
  }
  for (auto [counter, name] : synthesizedNames) {
    json->key(name);
    (void)json->attribute(getCachedTensorMeta(cast<RankedTensorType>(
        cast<BatchNormCounterOp>(counter).getResult().getType())));
  }
  if (kept)
    for (NamedAttribute entry : kept) {
      json->key(entry.getName().getValue());
      if (failed(json->attribute(entry.getValue())))
        return failure();
    }
  json->objectEnd();
  return success();
}

LogicalResult ProgramExporter::writeNodes() {
  json->arrayBegin();
  for (Operation &op : func.getBody().front())
    if (failed(writeNodeOf(op)))
      return failure();
  json->arrayEnd();
  return success();
}

LogicalResult ProgramExporter::writeNodeOf(Operation &op) {
  if (isa<aten::NoneOp, LiteralOp, func::ReturnOp, YieldOp>(op))
    return success();
  if (auto operatorOp = dyn_cast<OperatorOp>(op))
    return writeOperator(operatorOp);
  if (auto dropout = dyn_cast<DecomposedDropoutOp>(op))
    return writeDecomposedDropout(dropout);
  if (auto counter = dyn_cast<BatchNormCounterOp>(op))
    return writeCounter(counter);
  if (const AtenSchema *schema = getAtenSchema(&op))
    return writeAtenOp(&op, *schema);
  return emitError(&op) << "torch.export graphs have no such node";
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
  // result, its metadata that of the body's last node plus the body
  // itself, nodes and tensor metadata, for switching back.
  Operation *last = op.getTrainingResult().getDefiningOp();
  DictionaryAttr lastEnvelope = last ? getEnvelope(last) : DictionaryAttr();
  if (!lastEnvelope || last->getBlock() != &body)
    return emitError(op) << "its body's result is no node of its body";
  std::string record;
  {
    llvm::raw_string_ostream os(record);
    JSONWriter writer(os);
    Redirect redirect(*this, writer);
    json->objectBegin();
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
          json->key(names.lookup(result).getValue());
          if (failed(json->attribute(getCachedTensorMeta(type))))
            return failure();
        }
    json->objectEnd();
    json->objectEnd();
  }
  Builder b(context);
  StringAttr resultName = names.lookup(op.getResult());
  NamedAttrList envelope(lastEnvelope);
  envelope.set("outputs",
               b.getArrayAttr({b.getDictionaryAttr(b.getNamedAttr(
                   "as_tensor",
                   b.getDictionaryAttr(b.getNamedAttr("name", resultName))))}));
  return writeNode(
      op, "torch.ops.aten.clone.default",
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
      envelope.getDictionary(context),
      b.getDictionaryAttr(
          b.getNamedAttr(kDecomposedDropoutKey, b.getStringAttr(record))));
}

LogicalResult
ProgramExporter::writeNode(Operation *op, llvm::StringRef target,
                           llvm::function_ref<LogicalResult()> writeInputs,
                           DictionaryAttr envelope,
                           DictionaryAttr extraMetadata) {
  if (!envelope)
    return emitError(op) << "it has no '" << PT2Dialect::getNodeAttrName()
                         << "' attribute (the node's name, outputs and "
                            "metadata)";
  json->objectBegin();
  json->key("target");
  json->string(target);
  json->key("inputs");
  if (failed(writeInputs()))
    return failure();
  for (llvm::StringLiteral field : llvm::ArrayRef(kNodeFields).drop_front(2)) {
    Attribute value = envelope.get(field);
    if (field == "metadata") {
      auto metadata = dyn_cast_or_null<DictionaryAttr>(value);
      if (extraMetadata) {
        NamedAttrList merged(metadata);
        for (NamedAttribute entry : extraMetadata)
          merged.set(entry.getName(), entry.getValue());
        metadata = merged.getDictionary(context);
      }
      std::string error;
      FailureOr<DictionaryAttr> folded = foldRecords(metadata, error);
      if (failed(folded))
        return emitError(op) << error;
      if (metadata)
        value = *folded;
    }
    if (!value)
      continue;
    json->key(field);
    if (failed(json->attribute(value)))
      return failure();
  }
  for (NamedAttribute entry : envelope) {
    llvm::StringRef key = entry.getName().getValue();
    if (llvm::is_contained(kNodeFields, key) || key == kArgsKey ||
        key == kArgKeysKey)
      continue;
    json->key(key);
    if (failed(json->attribute(entry.getValue())))
      return failure();
  }
  json->objectEnd();
  return success();
}

LogicalResult ProgramExporter::writeOperator(OperatorOp op) {
  auto resolve = [&](Attribute attr) -> FailureOr<std::string> {
    auto operand = dyn_cast<OperandAttr>(attr);
    if (!operand || operand.getIndex() >= op.getNumOperands())
      return failure();
    return getName(op.getOperand(operand.getIndex()), op);
  };
  return writeNode(
      op, op.getTarget(),
      [&]() -> LogicalResult {
        json->arrayBegin();
        for (Attribute input : op.getInputs()) {
          auto named = cast<DictionaryAttr>(input);
          static constexpr llvm::StringLiteral kNamedArgumentFields[] = {
              "name", "arg", "kind"};
          json->objectBegin();
          for (llvm::StringRef key : kNamedArgumentFields)
            if (Attribute value = named.get(key)) {
              json->key(key);
              if (failed(json->attribute(value, resolve)))
                return failure();
            }
          for (NamedAttribute entry : named)
            if (!llvm::is_contained(kNamedArgumentFields,
                                    entry.getName().getValue())) {
              json->key(entry.getName().getValue());
              if (failed(json->attribute(entry.getValue(), resolve)))
                return failure();
            }
          json->objectEnd();
        }
        json->arrayEnd();
        return success();
      },
      getEnvelope(op));
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
  DictionaryAttr envelope = getEnvelope(op);
  auto args = envelope
                  ? dyn_cast_or_null<DictionaryAttr>(envelope.get(kArgsKey))
                  : nullptr;
  auto argKeys =
      envelope ? dyn_cast_or_null<DictionaryAttr>(envelope.get(kArgKeysKey))
               : nullptr;

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
  NamedAttrList records;
  auto removed = removedCounters.find(op);
  if (removed != removedCounters.end())
    records.set(kRemovedCounterKey, StringAttr::get(context, removed->second));
  if (auto p = op->getAttrOfType<FloatAttr>(
          aten::AtenDialect::getTrainingDropoutAttrName()))
    records.set(
        kTrainingDropoutKey,
        StringAttr::get(context, formatPythonFloat(p.getValueAsDouble())));
  if (op->hasAttr(aten::AtenDialect::getGivenDropoutAttrName()))
    records.set(kGivenDropoutKey, StringAttr::get(context, "true"));
  DictionaryAttr record =
      records.empty() ? DictionaryAttr() : records.getDictionary(context);

  return writeNode(
      op, schema.getTarget(),
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
      envelope, record);
}

void ProgramExporter::writeCounterInputs(JSONWriter &writer,
                                         BatchNormCounterOp op,
                                         int64_t increment) {
  auto argument = [&](llvm::StringRef name, auto writeArg) {
    writer.objectBegin();
    writer.key("name");
    writer.string(name);
    writer.key("arg");
    writer.objectBegin();
    writeArg();
    writer.objectEnd();
    writer.key("kind");
    writer.integer(Positional);
    writer.objectEnd();
  };
  writer.arrayBegin();
  argument("self", [&] {
    writer.key("as_tensor");
    writer.objectBegin();
    writer.key("name");
    writer.string(names.lookup(op.getNumBatchesTracked()).getValue());
    writer.objectEnd();
  });
  argument("other", [&] {
    writer.key("as_int");
    writer.integer(increment);
  });
  writer.arrayEnd();
}

LogicalResult ProgramExporter::writeCounter(BatchNormCounterOp op) {
  if (!names.lookup(op.getNumBatchesTracked()))
    return emitError(op) << "its buffer is not a graph input";
  DictionaryAttr envelope = getEnvelope(op);
  if (op.getInPlace() && !op.getTraining()) {
    // As in PyTorch's own evaluation export: no node.
    if (!op.getResult().use_empty())
      return emitError(op) << "its result is used, but an evaluation-form "
                              "counter is no node whose output could be read";
    return success();
  }
  auto synthesized = synthesizedNames.find(op);
  if (synthesized != synthesizedNames.end()) {
    // The counter PyTorch's training export would have, in the module of
    // its batch norm, marked as mode's.
    Builder b(context);
    NamedAttrList metadata;
    if (Operation *bn = batchNormOf.lookup(op))
      if (DictionaryAttr bnEnvelope = getEnvelope(bn))
        if (auto bnMetadata =
                dyn_cast_or_null<DictionaryAttr>(bnEnvelope.get("metadata")))
          if (Attribute stack = bnMetadata.get("nn_module_stack"))
            metadata.set("nn_module_stack", stack);
    metadata.set(kSynthesizedKey,
                 b.getStringAttr("the num_batches_tracked increment of a "
                                 "batch norm switched to training"));
    envelope = b.getDictionaryAttr(
        {b.getNamedAttr(
             "outputs",
             b.getArrayAttr({b.getDictionaryAttr(b.getNamedAttr(
                 "as_tensor",
                 b.getDictionaryAttr(b.getNamedAttr(
                     "name", b.getStringAttr(synthesized->second)))))})),
         b.getNamedAttr("metadata", metadata.getDictionary(context)),
         b.getNamedAttr("is_hop_single_tensor_return", b.getUnitAttr()),
         b.getNamedAttr("name", b.getStringAttr(synthesized->second))});
  }
  return writeNode(
      op,
      op.getInPlace() ? "torch.ops.aten.add_.Tensor"
                      : "torch.ops.aten.add.Tensor",
      [&]() {
        writeCounterInputs(*json, op, op.getTraining() ? 1 : 0);
        return success();
      },
      envelope);
}

} // namespace

LogicalResult exportProgram(func::FuncOp func, llvm::raw_ostream &os) {
  return ProgramExporter(func, os).run();
}

} // namespace mode::pt2
