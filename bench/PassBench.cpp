//===- PassBench.cpp - The to-eval pass alone, against a hand-written walk ===//
//
// Times the PDLL `to-eval` pass in process, with parsing, printing and
// verification left out, against the speed of light for the job: a
// hand-written C++ walk that flips the same attributes in place and
// replaces the same ops. The walk lives here only, never in the product.
//
// Usage: mode-bench-pass [benchmark flags] FILE...
//        mode-bench-pass --count=N FILE...   (for callgrind; no timing)
// Each FILE is a training-form module from bench/gen.py. Every iteration
// starts from a fresh clone of it; cloning and destroying the clone are
// excluded from the timing (PauseTiming), and `Clone` measures them alone.
// `threads` is the context's thread pool size (1: multithreading disabled);
// the passes run nested under func.func, so 2 threads help only a module
// with several functions.
//
//===----------------------------------------------------------------------===//

#include "mode/Dialect/Aten/IR/AtenOps.h"
#include "mode/Dialect/Aten/Transforms/Passes.h"
#include "mode/InitAllDialects.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/PDL/IR/PDL.h"
#include "mlir/Dialect/PDLInterp/IR/PDLInterp.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Threading.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/raw_ostream.h"

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

using namespace mlir;
namespace aten = mode::aten;

namespace {

/// The speed of light: `to-eval` written by hand for this dialect.
void handWrittenToEval(func::FuncOp func) {
  MLIRContext *ctx = func.getContext();
  BoolAttr falseAttr = BoolAttr::get(ctx, false);
  auto hasStats = [](Value runningMean) {
    return !isa<aten::NoneType>(runningMean.getType());
  };
  OpBuilder builder(ctx);
  // Replaces `op` by a `NewOp` with the same operands, momentum, eps,
  // result types, location and discardable attributes.
  auto replace = [&](auto op, auto newOpTag) {
    using NewOp = decltype(newOpTag);
    builder.setInsertionPoint(op);
    auto newOp = NewOp::create(
        builder, op.getLoc(), op->getResultTypes(), op->getOperands(),
        ArrayRef<NamedAttribute>{
            builder.getNamedAttr("momentum", op.getMomentumAttr()),
            builder.getNamedAttr("eps", op.getEpsAttr())});
    newOp->setDiscardableAttrs(op->getDiscardableAttrDictionary());
    op->replaceAllUsesWith(newOp);
    op->erase();
  };
  func.walk([&](Operation *op) {
    if (!isa<aten::ModeDependentOpInterface>(op))
      return;
    llvm::TypeSwitch<Operation *>(op)
        .Case<aten::DropoutOp, aten::FeatureDropoutOp, aten::AlphaDropoutOp,
              aten::FeatureAlphaDropoutOp, aten::NativeDropoutOp>([&](auto d) {
          if (d.getTrain())
            d.setTrainAttr(falseAttr);
        })
        .Case<aten::BatchNormOp, aten::NativeBatchNormOp,
              aten::CudnnBatchNormOp>([&](auto bn) {
          if (bn.getTraining() && hasStats(bn.getRunningMean()))
            bn.setTrainingAttr(falseAttr);
        })
        .Case<aten::RreluOp, aten::NativeBatchNormLegitFunctionalOp>(
            [&](auto op) {
              if (op.getTraining())
                op.setTrainingAttr(falseAttr);
            })
        .Case([&](aten::InstanceNormOp in) {
          if (in.getUseInputStats() && hasStats(in.getRunningMean()))
            in.setUseInputStatsAttr(falseAttr);
        })
        .Case([&](aten::NativeBatchNormLegitOp bn) {
          if (bn.getTraining())
            replace(bn, aten::NativeBatchNormLegitNoTrainingOp());
        })
        .Case([&](aten::BatchNormWithUpdateOp bn) {
          replace(bn, aten::BatchNormNoUpdateOp());
        });
  });
}

void handWrittenToEval(ModuleOp module) {
  SmallVector<func::FuncOp> funcs(module.getOps<func::FuncOp>());
  parallelForEach(module.getContext(), funcs,
                  [](func::FuncOp f) { handWrittenToEval(f); });
}

/// One input module and what is needed to run the benchmarks on it.
struct Input {
  std::string name;
  OwningOpRef<ModuleOp> module;
};

std::unique_ptr<MLIRContext> context;
llvm::DefaultThreadPool *threadPool;
std::vector<std::unique_ptr<Input>> inputs;

void setThreads(int threads) {
  if (context->isMultithreadingEnabled())
    context->disableMultithreading();
  if (threads > 1)
    context->setThreadPool(*threadPool);
}

/// Runs `body` on a fresh clone of the input per iteration; the clone and
/// its destruction are not timed.
template <typename BodyT>
void runOnClones(benchmark::State &state, Input &input, BodyT body) {
  for (auto _ : state) {
    state.PauseTiming();
    OwningOpRef<ModuleOp> clone = input.module->clone();
    state.ResumeTiming();
    body(*clone);
    state.PauseTiming();
    clone = nullptr;
    state.ResumeTiming();
  }
}

std::unique_ptr<PassManager> makeNestedToEval() {
  auto pm = std::make_unique<PassManager>(context.get());
  pm->enableVerifier(false);
  pm->addNestedPass<func::FuncOp>(aten::createToEvalPass());
  return pm;
}

std::unique_ptr<PassManager> makeModuleToEval() {
  auto pm = std::make_unique<PassManager>(context.get());
  pm->enableVerifier(false);
  pm->addPass(aten::createToEvalPass());
  return pm;
}

void runPass(PassManager &pm, ModuleOp module) {
  if (failed(pm.run(module))) {
    llvm::errs() << "error: the pass failed\n";
    std::exit(1);
  }
}

// What --count runs, kept out of line so that callgrind reports each one's
// inclusive instruction count (bench/run.py --callgrind reads them).
[[gnu::noinline]] void countedPDLLToEval(PassManager &pm, ModuleOp module) {
  runPass(pm, module);
}
[[gnu::noinline]] void countedWalkToEval(ModuleOp module) {
  handWrittenToEval(module);
}
[[gnu::noinline]] void countedVerify(ModuleOp module) {
  if (failed(verify(module)))
    std::exit(1);
}

/// Runs the pass and the walk `n` times each on fresh clones, one thread,
/// with no timing: for instruction counts under callgrind, which are exact
/// where wall time on a shared machine is not.
void countMode(Input &input, int n) {
  setThreads(1);
  // Nested under func.func: one PatternApplicator per function.
  std::unique_ptr<PassManager> pm = makeNestedToEval();
  runPass(*pm, *OwningOpRef<ModuleOp>(input.module->clone())); // initialize
  for (int i = 0; i < n; ++i)
    countedPDLLToEval(*pm, *OwningOpRef<ModuleOp>(input.module->clone()));
  for (int i = 0; i < n; ++i)
    countedWalkToEval(*OwningOpRef<ModuleOp>(input.module->clone()));
  for (int i = 0; i < n; ++i)
    countedVerify(*input.module);
  llvm::outs() << input.name << ": ran the pass, the walk and verify " << n
               << " times each\n";
}

std::string print(ModuleOp module) {
  std::string text;
  llvm::raw_string_ostream os(text);
  module->print(os);
  return text;
}

/// The hand-written walk must do exactly what the pass does, or the
/// comparison means nothing.
void checkSameResult(Input &input) {
  setThreads(1);
  OwningOpRef<ModuleOp> byPass = input.module->clone();
  runPass(*makeModuleToEval(), *byPass);
  OwningOpRef<ModuleOp> byWalk = input.module->clone();
  handWrittenToEval(*byWalk);
  if (failed(verify(*byWalk)) || print(*byPass) != print(*byWalk)) {
    llvm::errs() << "error: the hand-written walk and to-eval disagree on "
                 << input.name << "\n";
    std::exit(1);
  }
}

void registerBenchmarks(Input &input) {
  Input *in = &input;
  auto threaded = [](benchmark::internal::Benchmark *b) {
    b->ArgName("threads")
        ->Arg(1)
        ->Arg(2)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
  };
  benchmark::RegisterBenchmark(("Clone/" + in->name).c_str(),
                               [in](benchmark::State &state) {
                                 setThreads(1);
                                 for (auto _ : state) {
                                   OwningOpRef<ModuleOp> clone =
                                       in->module->clone();
                                   benchmark::DoNotOptimize(clone.get());
                                 }
                               })
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime();
  benchmark::RegisterBenchmark(("Verify/" + in->name).c_str(),
                               [in](benchmark::State &state) {
                                 setThreads(state.range(0));
                                 for (auto _ : state)
                                   benchmark::DoNotOptimize(
                                       succeeded(verify(*in->module)));
                               })
      ->Apply(threaded);
  benchmark::RegisterBenchmark(
      ("PDLLToEval/" + in->name).c_str(),
      [in](benchmark::State &state) {
        setThreads(state.range(0));
        std::unique_ptr<PassManager> pm = makeNestedToEval();
        runOnClones(state, *in, [&](ModuleOp m) { runPass(*pm, m); });
      })
      ->Apply(threaded);
  benchmark::RegisterBenchmark(
      ("WalkToEval/" + in->name).c_str(),
      [in](benchmark::State &state) {
        setThreads(state.range(0));
        runOnClones(state, *in, [](ModuleOp m) { handWrittenToEval(m); });
      })
      ->Apply(threaded);
  // As `mode-opt --to-eval` runs it: on the module, one walk.
  benchmark::RegisterBenchmark(
      ("PDLLToEvalOnModule/" + in->name).c_str(),
      [in](benchmark::State &state) {
        setThreads(1);
        std::unique_ptr<PassManager> pm = makeModuleToEval();
        runOnClones(state, *in, [&](ModuleOp m) { runPass(*pm, m); });
      })
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime();
}

} // namespace

int main(int argc, char **argv) {
  benchmark::Initialize(&argc, argv);
  int count = 0;
  if (argc > 1 && llvm::StringRef(argv[1]).starts_with("--count=")) {
    count = std::atoi(argv[1] + strlen("--count="));
    ++argv;
    --argc;
  }
  if (argc < 2) {
    llvm::errs() << "usage: " << argv[0]
                 << " [benchmark flags] TRAINING-FORM-FILE...\n";
    return 2;
  }

  DialectRegistry registry;
  registry.insert<func::FuncDialect, arith::ArithDialect, pdl::PDLDialect,
                  pdl_interp::PDLInterpDialect>();
  mode::registerAllDialects(registry);
  context =
      std::make_unique<MLIRContext>(registry, MLIRContext::Threading::DISABLED);
  context->loadAllAvailableDialects();
  llvm::DefaultThreadPool pool(llvm::hardware_concurrency(2));
  threadPool = &pool;

  for (int i = 1; i < argc; ++i) {
    auto input = std::make_unique<Input>();
    input->name = llvm::sys::path::stem(argv[i]).str();
    input->module = parseSourceFile<ModuleOp>(argv[i], context.get());
    if (!input->module)
      return 1;
    checkSameResult(*input);
    if (count > 0)
      countMode(*input, count);
    else
      registerBenchmarks(*input);
    inputs.push_back(std::move(input));
  }

  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  inputs.clear();
  setThreads(1);
  return 0;
}
