//===- mode-pt2-fuzz.cpp - libFuzzer target for the .pt2 importer ---------===//
//
// Treats its input as a .pt2 archive and checks what mode-pt2 promises for
// any archive, good or bad:
//
// - opening or importing it either succeeds without an error, or fails with
//   at least one error, every error placed in the archive (located at the
//   archive or at an entry of it, "input:...");
// - an imported module verifies;
// - export(import(A)) succeeds whenever every entry that is not a model
//   reads back (a weight with a bad CRC is the one reason to fail); it has
//   A's entries in A's order (and those PyTorch needs, should A lack them),
//   each model JSON the same JSON value and every other entry the same
//   bytes (lossless); it imports again as the same program (printed in
//   generic form, locations aside: they are places in the JSON); and
//   exporting that again gives the same bytes;
// - to-eval and to-train succeed or fail with an error (what
//   run_decompositions() lost cannot be switched); each leaves IR that
//   verifies and is idempotent; its result is written, or refused
//   with an error (a decomposed evaluation export switched to training has
//   ops with no node form in its dialect), and imports back as itself (but
//   for what the switch leaves the exporter to settle: the node of a
//   counter mode made up, the kind of an argument the node must now
//   spell), and exporting that again gives the same JSON;
// - round trips: on canonical training form (to-train changes nothing),
//   to-train(to-eval(M)) is M; on canonical evaluation form (to-eval changes
//   nothing, no `_native_batch_norm_legit` with `training = false`),
//   to-eval(to-train(M)) is M.
//
// A violated property aborts, which libFuzzer records as a crash.
//
// Mutations: a byte flip of a zip rarely leaves an archive whose model JSON
// can be read, so the custom mutator opens the archive, changes one thing
// and writes it back with ArchiveWriter (PyTorch's layout, valid CRCs):
// mostly a model JSON, as a JSON tree (a value replaced by another of the
// tree or an interesting one, a key removed, renamed or added, list elements
// removed, repeated or swapped) or as bytes (libFuzzer's own mutations and
// the dictionary, fuzz/pt2.dict); sometimes the entries (one removed, a
// second model added); sometimes the archive's bytes.
//
// At exit it prints what it checked, for test/Fuzz/pt2-smoke.test:
//   mode-pt2-fuzz: N inputs, A archives, I imported, E exported and
//   imported back, V to-eval, T to-train (R refused)
//
//===----------------------------------------------------------------------===//

#include "SwitchInvariants.h"

#include "mode/InitAllDialects.h"
#include "mode/Dialect/Aten/IR/AtenDialect.h"
#include "mode/Dialect/Aten/IR/AtenOps.h"
#include "mode/Dialect/Aten/Transforms/Passes.h"
#include "mode/Dialect/PT2/IR/PT2Dialect.h"
#include "mode/Dialect/PT2/IR/PT2AttrNames.h"
#include "mode/Dialect/PT2/IR/PT2Ops.h"
#include "mode/Target/PT2/Archive.h"
#include "mode/Target/PT2/PT2.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Pass/PassManager.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <random>
#include <string>
#include <vector>

using namespace mlir;
namespace json = llvm::json;
using mode::pt2::ArchiveEntry;
using mode::pt2::ArchiveReader;
using mode::pt2::ArchiveWriter;

// libFuzzer's; weak, for the build without libFuzzer (DummyModeFuzzer.cpp),
// which never mutates.
extern "C" size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t maxSize)
    __attribute__((weak));

namespace {

/// The name the archive has in messages, and in `pt2.archive`.
constexpr llvm::StringLiteral kName = "input";

struct Stats {
  uint64_t inputs = 0, archives = 0, imported = 0, exported = 0, toEval = 0,
           toTrain = 0, refused = 0;
} stats;

/// At exit, with stdio (llvm::errs() may be gone by then).
void printStats() {
  std::fprintf(
      stderr,
      "mode-pt2-fuzz: %llu inputs, %llu archives, %llu imported, "
      "%llu exported and imported back, %llu to-eval, %llu to-train "
      "(%llu refused)\n",
      (unsigned long long)stats.inputs, (unsigned long long)stats.archives,
      (unsigned long long)stats.imported, (unsigned long long)stats.exported,
      (unsigned long long)stats.toEval, (unsigned long long)stats.toTrain,
      (unsigned long long)stats.refused);
}
/// Registered when the program starts, with libFuzzer or without it.
[[maybe_unused]] const int registered = (std::atexit(printStats), 0);

[[noreturn]] void fail(llvm::StringRef what, llvm::StringRef expected = {},
                       llvm::StringRef actual = {}) {
  llvm::errs() << "mode-pt2-fuzz: property violated: " << what << "\n";
  if (!expected.empty())
    llvm::errs() << "--- expected ---\n" << expected << "\n";
  if (!actual.empty())
    llvm::errs() << "--- actual ---\n" << actual << "\n";
  llvm::errs().flush();
  std::abort();
}

void check(bool condition, llvm::StringRef what) {
  if (!condition)
    fail(what);
}

DialectRegistry &getRegistry() {
  static DialectRegistry *registry = [] {
    auto *r = new DialectRegistry();
    r->insert<func::FuncDialect>();
    mode::registerAllDialects(*r);
    return r;
  }();
  return *registry;
}

/// The model a relative entry name holds, as ArchiveIO.cpp reads it.
bool isModel(llvm::StringRef relative) {
  return relative.consume_front("models/") && relative.consume_back(".json") &&
         !relative.empty() && !relative.contains('/');
}

std::unique_ptr<ArchiveReader> open(llvm::StringRef bytes) {
  auto reader = ArchiveReader::openBuffer(llvm::MemoryBuffer::getMemBuffer(
      bytes, kName, /*RequiresNullTerminator=*/false));
  if (!reader) {
    std::string message = llvm::toString(reader.takeError());
    check(llvm::StringRef(message).starts_with((kName + ": ").str()),
          "an archive error names the archive");
    return nullptr;
  }
  return std::move(*reader);
}

/// Counts the errors reported while it lives, and checks that each is placed
/// in the archive: at the archive (`input:0:0`) or an entry (`input:...`).
class ErrorCounter {
public:
  explicit ErrorCounter(MLIRContext *context)
      : handler(context, [this](Diagnostic &diag) {
          if (diag.getSeverity() != DiagnosticSeverity::Error)
            return success();
          ++errors;
          auto place = diag.getLocation()->findInstanceOf<FileLineColLoc>();
          if (!place || !place.getFilename().getValue().starts_with(kName))
            fail("an error not placed in the archive", diag.str());
          return success();
        }) {}
  unsigned errors = 0;

private:
  ScopedDiagnosticHandler handler;
};

std::string printAsIs(Operation *op, bool withLocations) {
  std::string text;
  llvm::raw_string_ostream os(text);
  op->print(
      os,
      OpPrintingFlags().enableDebugInfo(withLocations).printGenericOpForm());
  return text;
}

/// The program `op` holds, in generic form: without the size and CRC-32 of
/// the JSON each function was read from (a text that writing the same
/// program may spell otherwise, as the same JSON value).
std::string print(Operation *op, bool withLocations) {
  Operation *clone = op->clone();
  clone->walk([](func::FuncOp func) {
    func->removeAttr(mode::pt2::kSourceAttr);
  });
  std::string text = printAsIs(clone, withLocations);
  clone->erase();
  return text;
}

/// Writes `module` as an archive with the entries of `source`; fails (with
/// an error reported) or succeeds.
std::optional<std::string> exportArchive(ModuleOp module,
                                         const ArchiveReader &source) {
  std::string out;
  llvm::raw_string_ostream os(out);
  if (failed(mode::pt2::exportArchive(module, source, os)))
    return std::nullopt;
  return out;
}

/// The model JSONs of the archive `bytes`, for messages.
std::string getModels(llvm::StringRef bytes) {
  std::string text;
  if (std::unique_ptr<ArchiveReader> reader = open(bytes))
    for (const ArchiveEntry &entry : reader->getEntries())
      if (isModel(reader->getRelativeName(entry))) {
        llvm::Expected<std::string> data = reader->read(entry);
        text += entry.name + ":\n" +
                (data ? *data : llvm::toString(data.takeError())) + "\n";
      }
  return text;
}

/// Whether every entry that is not a model reads back (its CRC holds):
/// exporting copies them all.
bool otherEntriesRead(const ArchiveReader &reader) {
  for (const ArchiveEntry &entry : reader.getEntries()) {
    if (isModel(reader.getRelativeName(entry)))
      continue;
    llvm::Expected<std::string> data = reader.read(entry);
    if (!data) {
      llvm::consumeError(data.takeError());
      return false;
    }
  }
  return true;
}

/// Whether the archive `exported` has the entries of `original`, in its
/// order, each model JSON the same JSON value and every other entry the same
/// bytes; with `what`, fails saying what differs.
bool sameModels(const ArchiveReader &original, const ArchiveReader &exported,
                llvm::StringRef what = {}) {
  auto differ = [&](llvm::StringRef how, llvm::StringRef a = {},
                    llvm::StringRef b = {}) {
    if (!what.empty())
      fail((what + ": " + how).str(), a, b);
    return false;
  };
  llvm::ArrayRef<ArchiveEntry> before = original.getEntries(),
                               after = exported.getEntries();
  if (before.size() > after.size())
    return differ("entries missing");
  // After the copies, the exporter adds what PyTorch needs in every archive
  // if the source lacks it.
  for (const ArchiveEntry &added : after.drop_front(before.size())) {
    llvm::StringRef relative = exported.getRelativeName(added);
    if (!llvm::is_contained(
            {"archive_format", "archive_version", ".data/version", "byteorder"},
            relative) ||
        original.lookup(relative))
      return differ("an entry added", relative);
  }
  after = after.take_front(before.size());
  for (auto [x, y] : llvm::zip(before, after)) {
    llvm::StringRef relative = original.getRelativeName(x);
    if (relative != exported.getRelativeName(y))
      return differ("another entry", relative, exported.getRelativeName(y));
    llvm::Expected<std::string> a = original.read(x);
    llvm::Expected<std::string> b = exported.read(y);
    check(a && b, "entries read");
    if (!isModel(relative)) {
      if (*a != *b)
        return differ("an entry that is not a model changes", relative);
      continue;
    }
    llvm::Expected<json::Value> u = json::parse(*a);
    llvm::Expected<json::Value> v = json::parse(*b);
    check(u && v, "model entries parse");
    if (*u != *v)
      return differ("a model JSON changes", *a, *b);
  }
  return true;
}

bool sameModels(llvm::StringRef original, llvm::StringRef exported) {
  std::unique_ptr<ArchiveReader> a = open(original), b = open(exported);
  check(a && b, "exported archives open");
  return sameModels(*a, *b);
}

/// `module` printed without what a switch may leave for the exporter to
/// settle: the node of a counter mode made up (switching PyTorch's
/// evaluation export, which has none, to training) is written when it is,
/// and comes back with it (`mode.synthesized`); one in evaluation form is
/// no node at all; an argument a switch makes the node
/// spell (rrelu's `training`) is written with a kind of the exporter's
/// choosing, which the node's `args` then records.
std::string printSwitched(ModuleOp module) {
  OwningOpRef<ModuleOp> clone = module.clone();
  llvm::StringRef nodeAttr = mode::pt2::PT2Dialect::getNodeAttrName();
  clone->walk([&](Operation *op) {
    // Where a node's fields come from (a record, or the JSON) and how its
    // arguments are spelled are the exporter's to settle.
    op->removeAttr(mode::pt2::PT2Dialect::getFieldsAttrName());
    op->removeAttr(mode::pt2::kArgsAttr);
    op->removeAttr(mode::pt2::kArgKeysAttr);
    if (auto counter = dyn_cast<mode::pt2::BatchNormCounterOp>(op)) {
      // A counter in evaluation form that mode made up (it has no node) is
      // never written: the importer makes one up again, or not, from what
      // the JSON says.
      if (!op->hasAttr(nodeAttr) && !counter.getTraining() &&
          counter.getInPlace() && counter->use_empty()) {
        counter->erase();
        return;
      }
      op->removeAttr(nodeAttr);
      op->removeAttr(mode::pt2::PT2Dialect::getOutputsAttrName());
    }
  });
  return print(*clone, false);
}

/// Exports `module`, checks that the archive imports back as the same
/// program (a switched one: as printSwitched prints it), and
/// that exporting that again gives the same bytes. Returns the archive, or
/// nothing if a switched program cannot be written (with an error).
std::optional<std::string> checkExport(ModuleOp module,
                                       const ArchiveReader &source,
                                       llvm::StringRef what, bool switched) {
  MLIRContext *context = module.getContext();
  std::optional<std::string> archive;
  {
    ErrorCounter errors(context);
    archive = exportArchive(module, source);
    if (!archive) {
      check(errors.errors > 0, "a failed export reports an error");
      // The one refusal: a switched op with no node form in the program's
      // dialect (a decomposed evaluation export switched to training).
      if (switched)
        return std::nullopt;
      fail(("exporting " + what + " fails").str(), print(module, false));
    }
  }
  std::unique_ptr<ArchiveReader> reader = open(*archive);
  check(reader != nullptr, "an exported archive opens");
  OwningOpRef<ModuleOp> again =
      mode::pt2::importArchive(*reader, kName, context);
  if (!again)
    fail(("the export of " + what + " does not import").str(),
         print(module, false));
  std::string expected =
      switched ? printSwitched(module) : print(module, false);
  std::string actual = switched ? printSwitched(*again) : print(*again, false);
  if (expected != actual)
    fail(("the export of " + what + " imports as another program").str(),
         expected, actual);
  std::optional<std::string> twice = exportArchive(*again, *reader);
  check(bool(twice), "exporting an exported archive succeeds");
  // A switched program's first export may list a made-up counter's tensor
  // out of node order in graph.tensor_values: the same JSON value.
  if (switched ? !sameModels(*archive, *twice) : *twice != *archive)
    fail(("exporting the export of " + what + " changes it").str(),
         getModels(*archive), getModels(*twice));
  return *archive;
}

/// Runs to-eval (or to-train) on a clone of `module`; null if the pass
/// failed (with an error reported).
OwningOpRef<ModuleOp> runPass(ModuleOp module, bool toEval) {
  OwningOpRef<ModuleOp> clone = module.clone();
  PassManager pm(module.getContext());
  pm.enableVerifier(true);
  pm.addPass(toEval ? mode::aten::createToEvalPass()
                    : mode::aten::createToTrainPass());
  ErrorCounter errors(module.getContext());
  if (failed(pm.run(*clone))) {
    check(errors.errors > 0, "a failed pass reports an error");
    return nullptr;
  }
  check(errors.errors == 0, "a pass that succeeds reports no error");
  return clone;
}

} // namespace

/// LLVM's BumpPtrAllocator, inlined into mode's instrumented code, poisons
/// the slabs it starts; the uninstrumented libMLIR.so allocates from the same
/// slabs without unpoisoning them, and ASan then reports libMLIR's own writes
/// (use-after-poison in StringAttr::get, on programs with many operands).
/// Manual poisoning cannot be trusted in this mix: turn it off.
extern "C" const char *__asan_default_options() {
  return "allow_user_poisoning=0";
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  ++stats.inputs;
  std::unique_ptr<ArchiveReader> reader =
      open(llvm::StringRef(reinterpret_cast<const char *>(data), size));
  if (!reader)
    return 0;
  ++stats.archives;

  MLIRContext context(getRegistry(), MLIRContext::Threading::DISABLED);
  OwningOpRef<ModuleOp> module;
  {
    ErrorCounter errors(&context);
    module = mode::pt2::importArchive(*reader, kName, &context);
    if (!module) {
      check(errors.errors > 0, "a failed import reports an error");
      return 0;
    }
    check(errors.errors == 0, "a successful import reports no error");
  }
  check(succeeded(verify(*module)), "an imported module verifies");
  ++stats.imported;

  // export(import(A)): lossless, and imports back as the same program.
  if (!otherEntriesRead(*reader)) {
    ErrorCounter errors(&context);
    check(!exportArchive(*module, *reader) && errors.errors > 0,
          "exporting with an unreadable entry fails with an error");
    return 0;
  }
  std::string exported =
      *checkExport(*module, *reader, "the import", /*switched=*/false);
  sameModels(*reader, *open(exported), "export(import(A))");
  ++stats.exported;

  // The passes. A refusal (to-train, or writing its result) is counted.
  std::string original = print(*module, true);
  OwningOpRef<ModuleOp> evaluated = runPass(*module, /*toEval=*/true);
  if (!evaluated) {
    // A dropout run_decompositions() made into nodes mode cannot take apart
    // cannot be switched: refused, naming the node.
    ++stats.refused;
    return 0;
  }
  std::string evalText = print(*evaluated, true);
  check(print(*runPass(*evaluated, true), true) == evalText,
        "to-eval is idempotent");
  if (checkExport(*evaluated, *reader, "to-eval", /*switched=*/true))
    ++stats.toEval;
  else
    ++stats.refused;

  OwningOpRef<ModuleOp> trained = runPass(*module, /*toEval=*/false);
  if (!trained) {
    ++stats.refused;
    return 0;
  }
  std::string trainText = print(*trained, true);
  OwningOpRef<ModuleOp> twice = runPass(*trained, false);
  check(twice && print(*twice, true) == trainText, "to-train is idempotent");
  if (checkExport(*trained, *reader, "to-train", /*switched=*/true))
    ++stats.toTrain;
  else
    ++stats.refused;
  // Canonical evaluation form: to-eval(to-train(M)) == M.
  if (evalText == original && !mode::fuzz::hasNonCanonicalEvalForm(*module)) {
    std::string back = print(*runPass(*trained, true), true);
    if (back != original)
      fail("to-eval(to-train(M)) != M on canonical evaluation form", original,
           back);
  }
  // Canonical training form: to-train(to-eval(M)) == M.
  if (trainText == original) {
    OwningOpRef<ModuleOp> back = runPass(*evaluated, false);
    check(bool(back), "to-train after to-eval succeeds");
    if (print(*back, true) != original)
      fail("to-train(to-eval(M)) != M on canonical training form", original,
           print(*back, true));
  }
  return 0;
}

//===----------------------------------------------------------------------===//
// The mutator
//===----------------------------------------------------------------------===//

namespace {

using Random = std::minstd_rand;

size_t pick(Random &random, size_t n) { return n ? random() % n : 0; }

/// The deepest nesting of `text` (brackets outside strings): llvm::json
/// recurses once per level, as the importer knows.
size_t nestingDepth(llvm::StringRef text) {
  size_t depth = 0, deepest = 0;
  bool inString = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (inString) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        inString = false;
    } else if (c == '"') {
      inString = true;
    } else if (c == '{' || c == '[') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

void collect(json::Value &value, std::vector<json::Value *> &values,
             std::vector<std::string> &keys) {
  values.push_back(&value);
  if (json::Object *object = value.getAsObject()) {
    for (auto &[key, member] : *object) {
      keys.push_back(key.str());
      collect(member, values, keys);
    }
  } else if (json::Array *array = value.getAsArray()) {
    for (json::Value &element : *array)
      collect(element, values, keys);
  }
}

/// Keys of the schema that a program may lack or hold in the wrong place.
const char *const kKeys[] = {"as_none",
                             "as_tensor",
                             "as_tensors",
                             "as_int",
                             "as_ints",
                             "as_float",
                             "as_floats",
                             "as_string",
                             "as_bool",
                             "as_bools",
                             "as_sym_int",
                             "as_graph",
                             "as_optional_tensor",
                             "as_optional_tensors",
                             "as_scalar_type",
                             "as_layout",
                             "as_device",
                             "as_custom_obj",
                             "as_operator",
                             "as_expr",
                             "user_input",
                             "parameter",
                             "buffer",
                             "tensor_constant",
                             "user_output",
                             "buffer_mutation",
                             "name",
                             "arg",
                             "kind",
                             "target",
                             "inputs",
                             "outputs",
                             "metadata",
                             "nodes",
                             "tensor_values",
                             "dtype",
                             "sizes",
                             "strides",
                             "layout",
                             "storage_offset",
                             "device",
                             "requires_grad",
                             "buffer_name",
                             "schema_version",
                             "major",
                             "minor",
                             "graph",
                             "signature",
                             "input_specs",
                             "output_specs",
                             "stack_trace",
                             "nn_module_stack",
                             "mode.num_batches_tracked",
                             "mode.synthesized"};

/// Values worth trying anywhere.
json::Value interesting(Random &random, const std::vector<std::string> &keys) {
  switch (pick(random, 16)) {
  case 0:
    return nullptr;
  case 1:
    return bool(pick(random, 2));
  case 2:
    return int64_t(pick(random, 40)) - 3;
  case 3:
    return INT64_MAX;
  case 4:
    return INT64_MIN;
  case 5:
    return 0.5;
  case 6:
    return 1e300;
  case 7:
    return -0.0;
  case 8:
    return "";
  case 9:
    return "NaN";
  case 10:
    return "Infinity";
  case 11:
    return json::Object{};
  case 12:
    return json::Array{};
  case 13:
    return json::Object{{"as_none", true}};
  case 14:
    return keys.empty() ? json::Value("x")
                        : json::Value(keys[pick(random, keys.size())]);
  default:
    return json::Object{{kKeys[pick(random, std::size(kKeys))], true}};
  }
}

/// Changes one thing in the JSON tree `root`.
void mutateTree(json::Value &root, Random &random) {
  std::vector<json::Value *> values;
  std::vector<std::string> keys;
  collect(root, values, keys);
  json::Value &target = *values[pick(random, values.size())];
  json::Value &other = *values[pick(random, values.size())];
  switch (pick(random, 8)) {
  case 0: { // Another value of the tree (a copy: it may hold the target).
    json::Value copy = other;
    target = std::move(copy);
    return;
  }
  case 1:
    target = interesting(random, keys);
    return;
  case 2: // A key removed.
    if (json::Object *object = target.getAsObject();
        object && !object->empty()) {
      auto it = object->begin();
      std::advance(it, pick(random, object->size()));
      object->erase(it);
      return;
    }
    break;
  case 3: // A key renamed (a union member for another).
    if (json::Object *object = target.getAsObject();
        object && !object->empty()) {
      auto it = object->begin();
      std::advance(it, pick(random, object->size()));
      json::Value member = std::move(it->second);
      object->erase(it);
      (*object)[kKeys[pick(random, std::size(kKeys))]] = std::move(member);
      return;
    }
    break;
  case 4: // A key added.
    if (json::Object *object = target.getAsObject()) {
      json::Value copy = other;
      (*object)[pick(random, 2) || keys.empty()
                    ? std::string(kKeys[pick(random, std::size(kKeys))])
                    : keys[pick(random, keys.size())]] = std::move(copy);
      return;
    }
    break;
  case 5: // A list element removed, repeated or swapped.
    if (json::Array *array = target.getAsArray(); array && !array->empty()) {
      size_t i = pick(random, array->size()), j = pick(random, array->size());
      switch (pick(random, 3)) {
      case 0:
        array->erase(array->begin() + i);
        return;
      case 1: {
        json::Value copy = (*array)[i];
        array->insert(array->begin() + j, std::move(copy));
        return;
      }
      default:
        std::swap((*array)[i], (*array)[j]);
        return;
      }
    }
    break;
  case 6: // A number nudged.
    if (std::optional<int64_t> i = target.getAsInteger()) {
      // Wrapping around: INT64_MAX + 1 is as good an input as any.
      target = static_cast<int64_t>(static_cast<uint64_t>(*i) +
                                    static_cast<uint64_t>(pick(random, 5)) - 2);
      return;
    }
    break;
  default: // Wrapped in a union member.
    if (&target != &root) {
      json::Value copy = target;
      target = json::Object{
          {kKeys[pick(random, std::size(kKeys))], std::move(copy)}};
      return;
    }
    break;
  }
  target = interesting(random, keys);
}

/// The entries of `reader` that read, by relative name, in order.
std::vector<std::pair<std::string, std::string>>
readEntries(const ArchiveReader &reader) {
  std::vector<std::pair<std::string, std::string>> entries;
  for (const ArchiveEntry &entry : reader.getEntries()) {
    llvm::Expected<std::string> data = reader.read(entry);
    if (!data) {
      llvm::consumeError(data.takeError());
      continue;
    }
    entries.emplace_back(reader.getRelativeName(entry).str(), std::move(*data));
  }
  return entries;
}

std::string
writeArchive(llvm::StringRef topFolder,
             const std::vector<std::pair<std::string, std::string>> &entries) {
  std::string out;
  llvm::raw_string_ostream os(out);
  ArchiveWriter writer(os, topFolder);
  for (const auto &[name, data] : entries)
    llvm::consumeError(writer.add(name, data));
  llvm::consumeError(writer.finish());
  return out;
}

/// Mutates the model JSON `text`, at most `maxSize` bytes.
void mutateJSON(std::string &text, size_t maxSize, Random &random) {
  if (pick(random, 2) && nestingDepth(text) < 256) {
    if (llvm::Expected<json::Value> tree = json::parse(text)) {
      for (size_t n = 1 + pick(random, 3); n > 0; --n)
        mutateTree(*tree, random);
      std::string out;
      llvm::raw_string_ostream os(out);
      os << *tree;
      if (out.size() <= maxSize) {
        text = std::move(out);
        return;
      }
    } else {
      llvm::consumeError(tree.takeError());
    }
  }
  std::vector<uint8_t> bytes(text.begin(), text.end());
  bytes.resize(std::max(maxSize, text.size()));
  size_t size = LLVMFuzzerMutate(bytes.data(), text.size(), maxSize);
  text.assign(bytes.begin(), bytes.begin() + size);
}

} // namespace

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size,
                                          size_t maxSize, unsigned seed) {
  Random random(seed);
  std::unique_ptr<ArchiveReader> reader;
  if (pick(random, 10) != 0) {
    auto opened = ArchiveReader::openBuffer(llvm::MemoryBuffer::getMemBuffer(
        llvm::StringRef(reinterpret_cast<const char *>(data), size), kName,
        /*RequiresNullTerminator=*/false));
    if (opened)
      reader = std::move(*opened);
    else
      llvm::consumeError(opened.takeError());
  }
  if (!reader)
    return LLVMFuzzerMutate(data, size, maxSize);

  std::vector<std::pair<std::string, std::string>> entries =
      readEntries(*reader);
  std::vector<size_t> models;
  for (size_t i = 0; i < entries.size(); ++i)
    if (isModel(entries[i].first))
      models.push_back(i);

  if (pick(random, 8) == 0 && !entries.empty()) {
    // The entries: one removed, or the first model added again as another.
    if (pick(random, 2) || models.empty()) {
      entries.erase(entries.begin() + pick(random, entries.size()));
    } else {
      static const char *const names[] = {"model2", "m", "a.b", "_", "1"};
      std::string name = names[pick(random, std::size(names))];
      std::string model = entries[models[0]].first;
      llvm::StringRef base = llvm::StringRef(model)
                                 .drop_front(strlen("models/"))
                                 .drop_back(strlen(".json"));
      std::vector<std::pair<std::string, std::string>> added;
      for (const auto &[entryName, entryData] : entries) {
        std::string renamed = entryName;
        for (llvm::StringRef pattern :
             {"models/%s.json", "data/weights/%s_weights_config.json",
              "data/constants/%s_constants_config.json",
              "data/sample_inputs/%s.pt"}) {
          auto [prefix, suffix] = pattern.split("%s");
          if (entryName == (prefix + base + suffix).str())
            renamed = (prefix + name + suffix).str();
        }
        if (renamed != entryName)
          added.emplace_back(renamed, entryData);
      }
      entries.insert(entries.end(), added.begin(), added.end());
    }
  } else if (!models.empty()) {
    std::string &text = entries[models[pick(random, models.size())]].second;
    size_t others = size > text.size() ? size - text.size() : 0;
    // Room for the JSON: the rest of the archive and a margin for the
    // headers and padding of the new entry.
    if (others + 256 >= maxSize)
      return LLVMFuzzerMutate(data, size, maxSize);
    mutateJSON(text, maxSize - others - 256, random);
  } else {
    return LLVMFuzzerMutate(data, size, maxSize);
  }

  std::string out = writeArchive(reader->getTopFolder(), entries);
  if (out.size() > maxSize)
    return LLVMFuzzerMutate(data, size, maxSize);
  std::memcpy(data, out.data(), out.size());
  return out.size();
}
