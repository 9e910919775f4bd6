//===- mode-translate.cpp - PyTorch archives to MLIR and back -------------===//
//
// An mlir-translate with --import-pt2 and --export-pt2:
//
//   mode-translate --import-pt2 model.pt2 -o model.mlir
//   mode-opt --to-eval model.mlir | mode-translate --export-pt2 -o m.eval.pt2
//
// It takes mlir-translate's options, but is its own driver, as mode-opt is:
// mlirTranslateMain opens the input and the output itself, so it can neither
// check the input's nesting nor write -o through a temporary file. Here, as
// in mode-opt and mode-pt2 (mode/Support/ToolSupport.h), the MLIR text that
// --export-pt2 reads is refused past the nesting depth the tools support,
// the translation runs on a large stack, and -o FILE appears only when the
// run succeeds: a failed run leaves FILE as it was, even when it is the
// input.
//
//===----------------------------------------------------------------------===//

#include "mode/Support/ToolSupport.h"
#include "mode/Target/PT2/PT2.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Support/Timing.h"
#include "mlir/Support/ToolUtilities.h"
#include "mlir/Tools/mlir-translate/Translation.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <string>

using namespace mlir;

namespace {

using DiagnosticLevel = SourceMgrDiagnosticVerifierHandler::Level;
using TranslationList =
    llvm::cl::list<const Translation *, bool, TranslationParser>;

/// mlir-translate's options, under its names.
struct Options {
  llvm::cl::opt<std::string> inputFilename{llvm::cl::Positional,
                                           llvm::cl::desc("<input file>"),
                                           llvm::cl::init("-")};
  llvm::cl::opt<std::string> outputFilename{
      "o", llvm::cl::desc("Output filename"), llvm::cl::value_desc("filename"),
      llvm::cl::init("-")};
  llvm::cl::opt<bool> allowUnregisteredDialects{
      "allow-unregistered-dialect",
      llvm::cl::desc("Allow operation with no registered dialects "
                     "(discouraged: testing only!)"),
      llvm::cl::init(false)};
  llvm::cl::opt<std::string> inputSplitMarker{
      "split-input-file", llvm::cl::ValueOptional,
      llvm::cl::callback([this](const std::string &marker) {
        if (marker.empty())
          inputSplitMarker.setValue(kDefaultSplitMarker);
      }),
      llvm::cl::desc("Split the input file into chunks using the given or "
                     "default marker and process each chunk independently"),
      llvm::cl::init("")};
  llvm::cl::opt<DiagnosticLevel> verifyDiagnostics{
      "verify-diagnostics", llvm::cl::ValueOptional,
      llvm::cl::desc("Check that emitted diagnostics match expected-* lines "
                     "on the corresponding line"),
      llvm::cl::values(
          clEnumValN(DiagnosticLevel::All, "all",
                     "Check all diagnostics (expected, unexpected, "
                     "near-misses)"),
          clEnumValN(DiagnosticLevel::All, "",
                     "Check all diagnostics (expected, unexpected, "
                     "near-misses)"),
          clEnumValN(DiagnosticLevel::OnlyExpected, "only-expected",
                     "Check only expected diagnostics"))};
  llvm::cl::opt<bool> errorDiagnosticsOnly{
      "error-diagnostics-only",
      llvm::cl::desc("Filter all non-error diagnostics (discouraged: testing "
                     "only!)"),
      llvm::cl::init(false)};
  llvm::cl::opt<std::string> outputSplitMarker{
      "output-split-marker",
      llvm::cl::desc("Split marker to use for merging the output"),
      llvm::cl::init("")};
  /// The translations to run, one after the other.
  TranslationList translations{"", llvm::cl::desc("Translations to perform"),
                               llvm::cl::Required};
};

/// The translation registered as `name`, if the tool has one.
const Translation *findTranslation(TranslationList &translations,
                                   llvm::StringRef name) {
  TranslationParser &parser = translations.getParser();
  for (unsigned i = 0, e = parser.getNumOptions(); i < e; ++i)
    if (parser.getOption(i) == name)
      return static_cast<const llvm::cl::OptionValue<const Translation *> &>(
                 parser.getOptionValue(i))
          .getValue();
  return nullptr;
}

/// Runs the translations on one input (a chunk, with --split-input-file),
/// each on the output of the one before, the last into `os`.
LogicalResult translate(Options &options, TimingScope &timing,
                        std::unique_ptr<llvm::MemoryBuffer> buffer,
                        llvm::raw_ostream &os) {
  // The translations expect a null-terminated buffer; a chunk of a split
  // input is a slice of it, without one.
  if (!options.inputSplitMarker.empty())
    buffer = llvm::MemoryBuffer::getMemBufferCopy(
        buffer->getBuffer(), buffer->getBufferIdentifier());
  std::string intermediate;
  for (auto [index, translation] : llvm::enumerate(options.translations)) {
    bool last = index + 1 == options.translations.size();
    std::string out;
    llvm::raw_string_ostream outStream(out);
    llvm::raw_ostream &stream = last ? os : outStream;
    TimingScope translationTiming = timing.nest(translation->getDescription());

    MLIRContext context;
    context.allowUnregisteredDialects(options.allowUnregisteredDialects);
    bool verifying = options.verifyDiagnostics.getNumOccurrences() != 0;
    context.printOpOnDiagnostic(!verifying);
    auto sourceMgr = std::make_shared<llvm::SourceMgr>();
    sourceMgr->AddNewSourceBuffer(std::move(buffer), llvm::SMLoc());

    if (verifying) {
      // Whether the translation fails is what the expected-* lines say.
      SourceMgrDiagnosticVerifierHandler handler(*sourceMgr, &context,
                                                 options.verifyDiagnostics);
      (void)(*translation)(sourceMgr, stream, &context);
      if (failed(handler.verify()))
        return failure();
    } else {
      SourceMgrDiagnosticHandler handler(*sourceMgr, &context);
      std::optional<ScopedDiagnosticHandler> errorsOnly;
      if (options.errorDiagnosticsOnly)
        errorsOnly.emplace(&context, [](Diagnostic &diag) {
          // Handled (dropped) unless it is an error.
          return success(diag.getSeverity() != DiagnosticSeverity::Error);
        });
      if (failed((*translation)(sourceMgr, stream, &context)))
        return failure();
    }
    if (last)
      break;
    intermediate = std::move(out);
    buffer = llvm::MemoryBuffer::getMemBuffer(intermediate);
  }
  return success();
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  llvm::StringRef toolName = llvm::sys::path::filename(argv[0]);
  mode::pt2::registerImportPT2Translation();
  mode::pt2::registerExportPT2Translation();

  Options options;
  registerAsmPrinterCLOptions();
  registerMLIRContextCLOptions();
  registerTranslationCLOptions();
  registerDefaultTimingManagerCLOptions();
  llvm::cl::ParseCommandLineOptions(argc, argv, "mode translation driver\n");

  DefaultTimingManager timingManager;
  applyDefaultTimingManagerCLOptions(timingManager);
  TimingScope timing = timingManager.getRootScope();

  const Translation *first = options.translations.front();
  std::string errorMessage;
  std::unique_ptr<llvm::MemoryBuffer> input =
      first->getInputAlignment()
          ? openInputFile(options.inputFilename, *first->getInputAlignment(),
                          &errorMessage)
          : openInputFile(options.inputFilename, &errorMessage);
  if (!input) {
    llvm::WithColor::error(llvm::errs(), toolName) << errorMessage << "\n";
    return 1;
  }
  // --export-pt2 reads MLIR text, which the parser reads recursively.
  if (first == findTranslation(options.translations, "export-pt2") &&
      failed(mode::checkNestingDepth(input->getMemBufferRef(), llvm::errs())))
    return 1;

  auto output = mode::AtomicOutputFile::open(options.outputFilename);
  if (!output) {
    llvm::WithColor::error(llvm::errs(), toolName)
        << llvm::toString(output.takeError()) << "\n";
    return 1;
  }
  int status = mode::runWithLargeStack([&] {
    auto translateChunk = [&](std::unique_ptr<llvm::MemoryBuffer> chunk,
                              llvm::raw_ostream &os) {
      return translate(options, timing, std::move(chunk), os);
    };
    return failed(splitAndProcessBuffer(
               std::move(input), translateChunk, (*output)->os(),
               options.inputSplitMarker, options.outputSplitMarker))
               ? 1
               : 0;
  });
  if (status != 0)
    return status;
  if (llvm::Error error = (*output)->commit()) {
    llvm::WithColor::error(llvm::errs(), toolName)
        << llvm::toString(std::move(error)) << "\n";
    return 1;
  }
  return 0;
}
