//===- ModeReport.cpp - The mode-report pass ------------------------------===//
//
// Counts the mode-dependent aten ops by op name and mode, per section (an op
// with a symbol name: a function, a nested module, ...) and in total.
//
// Determinism: the pass may run nested in a pipeline (one run per function,
// on several threads). Every run adds its sections, tagged with their place
// in the IR, to a state that all copies of the pass instance share; the
// report is written once, sorted by that place, when the last copy is
// destroyed (when the pass manager is done). Thread scheduling thus never
// changes the report.
//
//===----------------------------------------------------------------------===//

#include "mode/Dialect/Aten/IR/AtenOps.h"
#include "mode/Dialect/Aten/Transforms/Passes.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Support/FileUtilities.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <memory>
#include <mutex>
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
  /// `@name` (qualified as `@outer::@name` inside nested symbol tables), or
  /// `<op.name>` for an op without a symbol name.
  std::string name;
  std::string opName;
  /// Where the op the run that found the section ran on is in the IR: its
  /// index in its block and those of its ancestors, outermost first. Sorting
  /// by it orders the runs as the IR does.
  SmallVector<uint64_t> place;
  /// The order in which its run found the section: the walk's, the IR's.
  uint64_t sequence = 0;
  Counts counts;
};

enum class Format { Table, Json };

/// What all copies of one pass instance share.
struct ReportState {
  ReportState(Format format, std::unique_ptr<llvm::ToolOutputFile> file)
      : format(format), file(std::move(file)) {}
  ReportState(const ReportState &) = delete;
  ReportState &operator=(const ReportState &) = delete;
  ~ReportState() { write(); }

  void addRun(std::vector<Section> runSections) {
    std::lock_guard<std::mutex> lock(mutex);
    ran = true;
    for (Section &section : runSections)
      sections.push_back(std::move(section));
  }

  void write();

  std::mutex mutex;
  Format format;
  std::unique_ptr<llvm::ToolOutputFile> file;
  std::vector<Section> sections;
  bool ran = false;
};

StringAttr getSymbolName(Operation *op) {
  return op->getAttrOfType<StringAttr>(SymbolTable::getSymbolAttrName());
}

/// `@a::@b` for an op `@b` nested in a symbol-bearing op `@a`. The outermost
/// op (usually the top-level module) does not qualify names: it is not in a
/// symbol table.
std::string getSectionName(Operation *op) {
  if (!getSymbolName(op))
    return ("<" + op->getName().getStringRef() + ">").str();
  SmallVector<StringRef> names;
  for (Operation *it = op; it; it = it->getParentOp()) {
    StringAttr name = getSymbolName(it);
    if (name && (it == op || it->getParentOp()))
      names.push_back(name.getValue());
  }
  std::string result;
  for (StringRef name : llvm::reverse(names)) {
    if (!result.empty())
      result += "::";
    result += ("@" + name).str();
  }
  return result;
}

/// Reads the index of `op` and its ancestors in their blocks. Read-only, so
/// safe while other threads work inside sibling ops.
SmallVector<uint64_t> getPlace(Operation *op) {
  SmallVector<uint64_t> place;
  for (Operation *it = op; it && it->getBlock(); it = it->getParentOp())
    place.push_back(
        std::distance(it->getBlock()->begin(), Block::iterator(it)));
  std::reverse(place.begin(), place.end());
  return place;
}

/// Counts the ops nested in `root`, by section.
std::vector<Section> countModes(Operation *root) {
  std::vector<Section> sections;
  DenseMap<Operation *, size_t> sectionIndex;
  SmallVector<uint64_t> rootPlace = getPlace(root);
  auto addSection = [&](Operation *op, SmallVector<uint64_t> place) {
    Section section;
    section.name = getSectionName(op);
    section.opName = op->getName().getStringRef().str();
    section.place = std::move(place);
    section.sequence = sections.size();
    sectionIndex[op] = sections.size();
    sections.push_back(std::move(section));
  };
  addSection(root, rootPlace);
  bool rootHasName = static_cast<bool>(getSymbolName(root));

  root->walk<WalkOrder::PreOrder>([&](Operation *op) {
    if (op == root)
      return;
    if (getSymbolName(op)) {
      // The sections of one run share its place; `sequence` orders them.
      addSection(op, rootPlace);
      return;
    }
    Operation *owner = op->getParentOp();
    while (!sectionIndex.count(owner))
      owner = owner->getParentOp();
    Counts &counts = sections[sectionIndex[owner]].counts;
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

  // The root is a section of its own only if it is named (a function run on
  // by a nested pipeline) or holds ops outside every named op.
  if (!rootHasName && sections.front().counts.modeOps.empty() &&
      sections.front().counts.otherOps == 0)
    sections.erase(sections.begin());
  return sections;
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

void writeJson(llvm::raw_ostream &os, ArrayRef<Section> sections,
               const Counts &total) {
  llvm::json::OStream json(os, /*IndentSize=*/2);
  json.object([&] {
    json.attributeArray("sections", [&] {
      for (const Section &section : sections) {
        json.object([&] {
          json.attribute("name", section.name);
          json.attribute("op", section.opName);
          writeJsonCounts(json, section.counts);
        });
      }
    });
    json.attributeObject("total", [&] { writeJsonCounts(json, total); });
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

void writeTable(llvm::raw_ostream &os, ArrayRef<Section> sections,
                const Counts &total) {
  size_t nameWidth = kAllModeOps.size();
  for (const auto &entry : total.modeOps)
    nameWidth = std::max(nameWidth, entry.first.size());
  os << "mode report\n";
  for (const Section &section : sections) {
    os << section.name << " (" << section.opName << ")\n";
    writeTableCounts(os, section.counts, nameWidth);
  }
  os << "total\n";
  writeTableCounts(os, total, nameWidth);
}

void ReportState::write() {
  if (!ran)
    return;
  std::stable_sort(sections.begin(), sections.end(),
                   [](const Section &lhs, const Section &rhs) {
                     if (lhs.place != rhs.place)
                       return lhs.place < rhs.place;
                     return lhs.sequence < rhs.sequence;
                   });
  Counts total;
  for (const Section &section : sections)
    total.add(section.counts);

  llvm::raw_ostream &os = file ? file->os() : llvm::errs();
  if (format == Format::Json)
    writeJson(os, sections, total);
  else
    writeTable(os, sections, total);
  os.flush();
  if (!file)
    return;
  if (file->os().has_error()) {
    llvm::errs() << "error: mode-report: cannot write the report: "
                 << file->os().error().message() << "\n";
    file->os().clear_error();
    return;
  }
  file->keep();
}

struct ModeReportPass : impl::ModeReportPassBase<ModeReportPass> {
  using ModeReportPassBase::ModeReportPassBase;

  LogicalResult initialize(MLIRContext *context) override {
    Format parsedFormat;
    if (format == "table") {
      parsedFormat = Format::Table;
    } else if (format == "json") {
      parsedFormat = Format::Json;
    } else {
      emitError(UnknownLoc::get(context))
          << "'mode-report': unknown format '" << format
          << "'; valid formats: table, json";
      return failure();
    }
    std::unique_ptr<llvm::ToolOutputFile> output;
    if (!file.empty()) {
      std::string message;
      output = openOutputFile(file, &message);
      if (!output) {
        emitError(UnknownLoc::get(context))
            << "'mode-report': cannot open the report file: " << message;
        return failure();
      }
    }
    // A new state for each initialization: copies of this pass made from
    // now on (the pass manager's per-thread clones) share it.
    state = std::make_shared<ReportState>(parsedFormat, std::move(output));
    return success();
  }

  void runOnOperation() override {
    state->addRun(countModes(getOperation()));
    markAllAnalysesPreserved();
  }

  std::shared_ptr<ReportState> state;
};

} // namespace
} // namespace mode::aten
