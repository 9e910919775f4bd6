//===- ModeReport.cpp - The mode-report pass ------------------------------===//
//
// Counts the mode-dependent aten ops by op name and mode, per section (a
// symbol: a function, a named nested module, ...) and in total.
//
// Like upstream's print-op-stats, every run counts the op it runs on and
// writes its report before it returns: clones of the pass share nothing, and
// nothing is written later (no destructor does I/O). A run on a top-level op
// writes to standard error, standard output or a file. A run nested in a
// pipeline may run on several threads at once, beside runs on sibling ops,
// so it reports through the diagnostic engine instead: the pass manager
// emits the diagnostics of parallel runs in the order of the ops, which
// makes the output the same with or without threads.
//
//===----------------------------------------------------------------------===//

#include "ModeRewriteUtils.h"

#include "mode/Dialect/Aten/IR/AtenOps.h"
#include "mode/Dialect/Aten/Transforms/Passes.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/SymbolTable.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <string>
#include <vector>

namespace mode::aten {
#define GEN_PASS_DEF_MODEREPORTPASS
#include "mode/Dialect/Aten/Transforms/Passes.h.inc"
} // namespace mode::aten

using namespace mlir;

namespace mode::aten {
namespace {

/// How many ops of one kind are in each mode.
struct ModeCounts {
  uint64_t training = 0;
  uint64_t evaluation = 0;
  uint64_t independent = 0;

  void add(const ModeCounts &other) {
    training += other.training;
    evaluation += other.evaluation;
    independent += other.independent;
  }
};

/// The counts of a section, or of the whole report.
struct Counts {
  /// Mode-dependent ops by op name; std::map keeps the names sorted.
  std::map<std::string, ModeCounts> modeOps;
  /// Ops that are not mode-dependent aten ops.
  uint64_t otherOps = 0;

  ModeCounts modeTotal() const {
    ModeCounts total;
    for (const auto &entry : modeOps)
      total.add(entry.second);
    return total;
  }

  void add(const Counts &other) {
    for (const auto &entry : other.modeOps)
      modeOps[entry.first].add(entry.second);
    otherOps += other.otherOps;
  }
};

struct Section {
  /// `@name` (`@outer::@name` inside a named symbol table), or `<op.name>`
  /// for the unnamed op the pass runs on.
  std::string name;
  std::string opName;
  Counts counts;
};

/// The report of one run: its sections in the order of the IR.
struct Report {
  std::vector<Section> sections;
  Counts total;
};

/// The symbol name of `op`, if it is a symbol with a name. Symbols are asked
/// through their interface: a `sym_name` attribute on an op that is not a
/// symbol (an aten op, say) does not make a section.
StringAttr getSectionSymbol(Operation *op) {
  auto symbol = dyn_cast<SymbolOpInterface>(op);
  if (!symbol)
    return {};
  // An optional symbol (builtin.module) may have no name, which
  // getNameAttr() does not expect.
  if (symbol.isOptionalSymbol() &&
      !op->getAttrOfType<StringAttr>(SymbolTable::getSymbolAttrName()))
    return {};
  return symbol.getNameAttr();
}

/// `@a::@b` for an op `@b` nested in a named symbol `@a`: the names of `op`
/// and its ancestors that are in a symbol table, outermost first. The
/// outermost op (usually the top-level module) is in none, so its name does
/// not qualify others. Reads only ancestors, which runs on sibling ops do not
/// change.
std::string getQualifiedName(Operation *op) {
  SmallVector<StringRef> names;
  for (; op && op->getParentOp(); op = op->getParentOp())
    if (StringAttr name = getSectionSymbol(op))
      names.push_back(name.getValue());
  std::string result;
  for (StringRef name : llvm::reverse(names))
    result += (result.empty() ? "@" : "::@") + name.str();
  return result;
}

/// The section of the op the pass runs on: its qualified name, `@name` if
/// it is a named top-level op, `<op.name>` if it has no name.
std::string getRootSectionName(Operation *root) {
  StringAttr symbol = getSectionSymbol(root);
  if (!symbol)
    return ("<" + root->getName().getStringRef() + ">").str();
  if (!root->getParentOp())
    return ("@" + symbol.getValue()).str();
  return getQualifiedName(root);
}

/// Counts the ops nested in `root`, by section, in one walk. Fails, with an
/// error at each, on ops that claim the aten namespace without being aten
/// ops: they are aten ops parsed without the dialect, and counting them as
/// other ops would report a model in training form as having none.
FailureOr<Report> countModes(Operation *root) {
  Report report;
  report.sections.push_back(
      {getRootSectionName(root), root->getName().getStringRef().str(), {}});
  bool rootIsSymbol = static_cast<bool>(getSectionSymbol(root));
  // The sections enclosing the op being visited, innermost last, with their
  // qualified names: the walk is linear however deep the IR nests.
  SmallVector<size_t> owners = {0};
  SmallVector<std::string> prefixes = {getQualifiedName(root)};
  bool failedUnregistered = false;

  root->walk([&](Operation *op, const WalkStage &stage) {
    if (op == root)
      return;
    StringAttr symbol = getSectionSymbol(op);
    if (!stage.isBeforeAllRegions()) {
      // Leaving a section that has regions.
      if (symbol && stage.isAfterAllRegions()) {
        owners.pop_back();
        prefixes.pop_back();
      }
      return;
    }
    if (symbol) {
      std::string name = prefixes.back().empty()
                             ? ("@" + symbol.getValue()).str()
                             : prefixes.back() + "::@" + symbol.str();
      report.sections.push_back({name, op->getName().getStringRef().str(), {}});
      if (op->getNumRegions() != 0) {
        owners.push_back(report.sections.size() - 1);
        prefixes.push_back(std::move(name));
      }
      return;
    }
    Counts &counts = report.sections[owners.back()].counts;
    if (isUnregisteredAtenOp(op)) {
      failedUnregistered = true;
      emitUnregisteredAtenOpError(op);
      return;
    }
    auto modeOp = dyn_cast<ModeDependentOpInterface>(op);
    if (!modeOp) {
      ++counts.otherOps;
      return;
    }
    ModeCounts &modeCounts = counts.modeOps[op->getName().getStringRef().str()];
    if (modeOp.isModeIndependent())
      ++modeCounts.independent;
    else if (modeOp.isTrainingMode())
      ++modeCounts.training;
    else
      ++modeCounts.evaluation;
  });
  if (failedUnregistered)
    return failure();

  // The root is a section of its own only if it is named (a function run on
  // by a nested pipeline) or holds ops outside every named op.
  const Counts &rootCounts = report.sections.front().counts;
  if (!rootIsSymbol && rootCounts.modeOps.empty() && rootCounts.otherOps == 0)
    report.sections.erase(report.sections.begin());
  for (const Section &section : report.sections)
    report.total.add(section.counts);
  return report;
}

constexpr llvm::StringLiteral kAllModeOps = "all mode-dependent ops";

void writeJsonCounts(llvm::json::OStream &json, const Counts &counts) {
  json.attributeArray("mode_ops", [&] {
    for (const auto &entry : counts.modeOps) {
      json.object([&] {
        json.attribute("op", entry.first);
        json.attribute("training", entry.second.training);
        json.attribute("evaluation", entry.second.evaluation);
        json.attribute("mode_independent", entry.second.independent);
      });
    }
  });
  ModeCounts total = counts.modeTotal();
  json.attribute("training", total.training);
  json.attribute("evaluation", total.evaluation);
  json.attribute("mode_independent", total.independent);
  json.attribute("other_ops", counts.otherOps);
}

/// One JSON document on one line, so that reports appended to one file make
/// a JSON Lines file.
void writeJson(llvm::raw_ostream &os, const Report &report) {
  llvm::json::OStream json(os);
  json.object([&] {
    json.attributeArray("sections", [&] {
      for (const Section &section : report.sections) {
        json.object([&] {
          json.attribute("name", section.name);
          json.attribute("op", section.opName);
          writeJsonCounts(json, section.counts);
        });
      }
    });
    json.attributeObject("total", [&] { writeJsonCounts(json, report.total); });
  });
  os << "\n";
}

void writeTableRow(llvm::raw_ostream &os, StringRef name, StringRef training,
                   StringRef evaluation, StringRef independent,
                   size_t nameWidth) {
  os << "  " << llvm::left_justify(name, nameWidth) << "  "
     << llvm::right_justify(training, 8) << "  "
     << llvm::right_justify(evaluation, 10) << "  "
     << llvm::right_justify(independent, 16) << "\n";
}

void writeTableCounts(llvm::raw_ostream &os, const Counts &counts,
                      size_t nameWidth) {
  auto row = [&](StringRef name, const ModeCounts &modeCounts) {
    writeTableRow(os, name, std::to_string(modeCounts.training),
                  std::to_string(modeCounts.evaluation),
                  std::to_string(modeCounts.independent), nameWidth);
  };
  writeTableRow(os, "op", "training", "evaluation", "mode-independent",
                nameWidth);
  for (const auto &entry : counts.modeOps)
    row(entry.first, entry.second);
  row(kAllModeOps, counts.modeTotal());
  os << "  other ops: " << counts.otherOps << "\n";
}

void writeTable(llvm::raw_ostream &os, const Report &report) {
  size_t nameWidth = kAllModeOps.size();
  for (const auto &entry : report.total.modeOps)
    nameWidth = std::max(nameWidth, entry.first.size());
  os << "mode report\n";
  for (const Section &section : report.sections) {
    os << section.name << " (" << section.opName << ")\n";
    writeTableCounts(os, section.counts, nameWidth);
  }
  os << "total\n";
  writeTableCounts(os, report.total, nameWidth);
}

struct ModeReportPass : impl::ModeReportPassBase<ModeReportPass> {
  using ModeReportPassBase::ModeReportPassBase;

  void runOnOperation() override {
    markAllAnalysesPreserved();
    Operation *root = getOperation();
    bool nested = root->getParentOp() != nullptr;
    if (nested && !file.empty()) {
      // Runs in parallel would append their reports in thread order.
      emitError(root->getLoc())
          << "'mode-report' with file= runs on the top-level operation; "
             "nested (here on '"
          << root->getName() << "'), it reports as remarks";
      return signalPassFailure();
    }

    FailureOr<Report> report = countModes(root);
    if (failed(report))
      return signalPassFailure();
    std::string text;
    {
      llvm::raw_string_ostream os(text);
      if (format == ReportFormat::Json)
        writeJson(os, *report);
      else
        writeTable(os, *report);
    }

    if (nested) {
      // Ordered by the pass manager, whichever thread runs first. At the
      // op's location, without the op itself, which a diagnostic emitted on
      // an op would print in full.
      emitRemark(root->getLoc()) << StringRef(text).rtrim('\n');
      return;
    }
    if (failed(write(root, text)))
      signalPassFailure();
  }

  /// Writes the report of a top-level run to its destination.
  LogicalResult write(Operation *root, StringRef text) {
    if (file.empty()) {
      llvm::errs() << text;
      return success();
    }
    if (file == "-") {
      // Standard output is the stream the tool prints its IR to: a write
      // error stays on it (not cleared) for the tool to see too.
      llvm::raw_fd_ostream &os = llvm::outs();
      os << text;
      os.flush();
      if (!os.has_error())
        return success();
      return emitError(root->getLoc())
             << "'mode-report': cannot write the report to standard output: "
             << os.error().message();
    }
    // Appended: every run adds one whole report, so that the runs of several
    // pass instances, split-input chunks or pass-manager runs give a file of
    // whole reports (JSON Lines with format=json) rather than overwriting
    // one another.
    std::error_code error;
    llvm::raw_fd_ostream os(file, error, llvm::sys::fs::OF_Append);
    if (error)
      return emitError(root->getLoc())
             << "'mode-report': cannot open the report file '" << file
             << "': " << error.message();
    os << text;
    os.close();
    if (!os.has_error())
      return success();
    InFlightDiagnostic diag = emitError(root->getLoc())
                              << "'mode-report': cannot write the report to '"
                              << file << "': " << os.error().message();
    os.clear_error();
    return diag;
  }
};

} // namespace
} // namespace mode::aten
