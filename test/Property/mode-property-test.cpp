//===- mode-property-test.cpp - Property tests of to-eval and to-train ----===//
//
// Generates random valid modules from a seed and checks, in process, what
// to-eval and to-train promise on each one: exactness, nothing else changed,
// stats-free ops left alone, uses moved, idempotence and round trips.
//
// Each module mixes every op of the aten dialect and every mode-dependent op
// of the pt2 dialect in both modes, with
// `!aten.none` wherever the dialect allows it (and only there), in functions,
// nested modules, scf.if, scf.for, unregistered region ops and unreachable
// blocks, among unregistered ops, foldable and unused arith ops, explicit and
// implicit locations, and discardable attributes, in custom and generic form,
// with float attributes in decimal and bit-exact hexadecimal form.
//
// The generator writes each mode-dependent op three times: as it is, as
// to-eval must leave it and as to-train must leave it (the table of the
// passes' training and evaluation forms, written independently of the PDLL
// patterns). Every op starts at
// the same line and column in the three texts, so implicit locations agree
// too. For each module M it checks, comparing the generic form printed with
// locations:
//   exactness, nothing else changes, stats-free ops, uses moved:
//           to-eval(M) == expected-eval(M), to-train(M) == expected-train(M):
//           the switched ops carry every other attribute, operand, result
//           type, location and discardable attribute over exactly; nothing
//           else changes (no folding, no dead-code removal, no reordering);
//           stats-free ops stay as they are; and every use of a replaced op
//           now uses the new op (an op left behind with its uses, or a use
//           left pointing elsewhere, prints differently);
//   idempotence:
//           to-eval(to-eval(M)) == to-eval(M), likewise to-train;
//   round trip:
//           to-train(to-eval(M)) == M when M is in canonical training form,
//           to-eval(to-train(M)) == M when M is in canonical evaluation form
//           (a third of the modules each; the rest mix both modes).
// All passes must succeed and leave IR that verifies.
//
// Usage: mode-property-test [--seed=S] [--count=N] [--first=I] [--verbose]
// Module I of seed S is generated from (S, I) alone, so a failure is
// reproduced with --seed=S --first=I --count=1.
//
//===----------------------------------------------------------------------===//

#include "mode/Dialect/Aten/Transforms/Passes.h"
#include "mode/InitAllDialects.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlow.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

using namespace mlir;

namespace {

llvm::cl::opt<uint64_t> seedOpt("seed", llvm::cl::desc("Generator seed"),
                                llvm::cl::init(1));
llvm::cl::opt<uint64_t> countOpt("count",
                                 llvm::cl::desc("Number of modules to check"),
                                 llvm::cl::init(1000));
llvm::cl::opt<uint64_t> firstOpt("first",
                                 llvm::cl::desc("Index of the first module"),
                                 llvm::cl::init(0));
llvm::cl::opt<bool> verboseOpt("verbose",
                               llvm::cl::desc("Print every generated module"),
                               llvm::cl::init(false));

//===----------------------------------------------------------------------===//
// Three texts written in lockstep
//===----------------------------------------------------------------------===//

/// The module as generated, and as to-eval and to-train must leave it.
struct Texts {
  std::string in, eval, train;

  /// Appends `s` to the three texts.
  void all(llvm::StringRef s) {
    in += s;
    eval += s;
    train += s;
  }
};

/// Which forms the mode-dependent ops of a module take.
enum class Flavor { Training, Evaluation, Mixed };

/// Counts of what the generator produced, for the summary line.
struct Stats {
  std::map<std::string, uint64_t> ops;
  uint64_t modules = 0, regions = 0, unregistered = 0;
};

class Generator {
public:
  Generator(uint64_t seed, uint64_t index, Flavor flavor, Stats &stats)
      : rng(seed * 0x9E3779B97F4A7C15ull ^ (index + 0x632BE59BD9B4E5ull)),
        flavor(flavor), stats(stats) {}

  Texts generate() {
    ++stats.modules;
    int functions = 1 + pick(3);
    for (int i = 0; i < functions; ++i)
      genFunction(i);
    if (chance(0.3)) {
      t.all("module @nested {\n");
      genFunction(functions);
      t.all("}\n");
    }
    return std::move(t);
  }

private:
  // Every random choice is a statement of its own (or in a braced list):
  // the order in which operands of `+` are evaluated is unspecified, and a
  // seed must give the same module whatever the compiler.
  // --- randomness ----------------------------------------------------------
  uint64_t next() { return rng(); }
  int pick(int n) { return static_cast<int>(next() % n); }
  bool chance(double p) {
    return std::uniform_real_distribution<double>(0, 1)(rng) < p;
  }
  template <typename T> const T &oneOf(const std::vector<T> &v) {
    return v[pick(v.size())];
  }

  // --- types -----------------------------------------------------------------
  struct Shape {
    std::string input;   // the input (and result) tensor type
    std::string channel; // rank-1 per-channel tensor type
    std::string mask;    // i1 tensor of the input's shape
  };

  static std::string floatType(int i) {
    static const char *types[] = {"f16", "bf16", "f32", "f64"};
    return types[i];
  }

  std::string dim(int max) {
    return chance(0.2) ? "?" : std::to_string(1 + pick(max));
  }

  /// A shape for one function: an input type of rank >= 2 (or unranked), a
  /// channel type agreeing with dimension 1, and the matching mask type.
  Shape genShape() {
    std::string elt = floatType(pick(4));
    std::string channelElt = chance(0.7) ? elt : floatType(pick(4));
    if (chance(0.1))
      return {"tensor<*x" + elt + ">",
              "tensor<" + dim(32) + "x" + channelElt + ">", "tensor<*xi1>"};
    int rank = 2 + pick(3);
    std::string dims, c;
    for (int i = 0; i < rank; ++i) {
      std::string d = dim(i == 1 ? 32 : 8);
      if (i == 1)
        c = d == "?" ? dim(32) : (chance(0.15) ? "?" : d);
      dims += d + "x";
    }
    return {"tensor<" + dims + elt + ">",
            "tensor<" + c + "x" + channelElt + ">", "tensor<" + dims + "i1>"};
  }

  // --- attributes ------------------------------------------------------------
  /// `value` as an f64 attribute value, in decimal or bit-exact hex.
  std::string f64(double value) {
    char buf[64];
    if (chance(0.3)) {
      uint64_t bits;
      std::memcpy(&bits, &value, sizeof(bits));
      std::snprintf(buf, sizeof(buf), "0x%016" PRIX64, bits);
    } else {
      std::snprintf(buf, sizeof(buf), "%.17e", value);
    }
    return buf;
  }

  double edgeOr(std::vector<double> edges, double lo, double hi) {
    if (chance(0.3))
      return oneOf(edges);
    return std::uniform_real_distribution<double>(lo, hi)(rng);
  }
  double probability() {
    return edgeOr({0.0, -0.0, 1.0, 0.5, std::nextafter(1.0, 0.0),
                   std::numeric_limits<double>::denorm_min()},
                  0, 1);
  }
  double anyFinite() {
    return edgeOr({0.1, 0.03, 0.0, -0.0, -1.0,
                   std::numeric_limits<double>::max(),
                   std::numeric_limits<double>::lowest(),
                   std::numeric_limits<double>::denorm_min()},
                  -10, 10);
  }
  double nonNegative() {
    return edgeOr({1e-5, 1e-3, 0.0, -0.0, std::numeric_limits<double>::max(),
                   std::numeric_limits<double>::denorm_min()},
                  0, 1);
  }

  /// Discardable attributes, sometimes none.
  std::vector<std::string> discardable() {
    std::vector<std::string> attrs;
    if (chance(0.5))
      return attrs;
    attrs.push_back("torch.node = \"n" + std::to_string(pick(1000)) + "\"");
    if (chance(0.3))
      attrs.push_back("torch.seq = " + std::to_string(pick(100)) + " : i64");
    if (chance(0.2))
      attrs.push_back("mode.marker");
    if (chance(0.2))
      attrs.push_back("torch.meta = {stack = [\"a\", \"b\"], w = 2.5 : f32}");
    return attrs;
  }

  /// An explicit trailing location, or none (the parser's file:line:col).
  std::string location() {
    switch (pick(7)) {
    case 0: {
      int line = 1 + pick(500);
      int column = 1 + pick(80);
      return " loc(\"model.py\":" + std::to_string(line) + ":" +
             std::to_string(column) + ")";
    }
    case 1:
      return " loc(\"bn" + std::to_string(pick(50)) + "\")";
    case 2:
      return " loc(fused[\"a.py\":1:2, \"layer" + std::to_string(pick(9)) +
             "\"])";
    case 3:
      return " loc(callsite(\"f\" at \"g.py\":3:4))";
    case 4:
      return " loc(unknown)";
    default:
      return "";
    }
  }

  // --- values ----------------------------------------------------------------
  struct Scope {
    std::vector<std::string> xs, cs, nones, bools, counts;
  };

  std::string fresh() { return "%v" + std::to_string(counter++); }

  const std::string &input() { return oneOf(scope.xs); }
  const std::string &channel() { return oneOf(scope.cs); }

  /// A `!aten.none` value, defined here if the scope has none yet or by
  /// chance.
  std::string none(const std::string &indent) {
    if (scope.nones.empty() || chance(0.2)) {
      std::string v = fresh();
      if (chance(0.5))
        t.all(indent + v + " = aten.none" + location() + "\n");
      else
        t.all(indent + v + " = \"aten.none\"() : () -> !aten.none" +
              location() + "\n");
      scope.nones.push_back(v);
      ++stats.ops["none"];
    }
    return oneOf(scope.nones);
  }

  // --- ops -------------------------------------------------------------------
  /// An inherent attribute: its name, its value as the custom form spells
  /// it (empty for a unit attribute) and the type the generic form gives
  /// a number.
  struct Prop {
    std::string name, value;
    std::string genericType = "f64";
  };

  /// One form of an op: its name (without the dialect), its inherent
  /// attributes in the custom order, the discardable attributes it has in
  /// this form only, and its dialect.
  struct Form {
    std::string name;
    std::vector<Prop> props;
    std::vector<std::string> discardable = {};
    std::string dialect = "aten";
  };

  /// Writes one op in three forms: as generated (`in`) and as to-eval and
  /// to-train must leave it.

  void emitOp(const std::string &indent, const std::string &results,
              const std::vector<std::string> &operands,
              const std::vector<std::string> &operandTypes,
              const std::vector<std::string> &resultTypes, const Form &in,
              const Form &eval, const Form &train, const std::string &key,
              bool generic) {
    ++stats.ops[key];
    bool attrsInDict = generic && chance(0.3);
    std::vector<std::string> common = discardable();
    std::string loc = location();
    std::string operandList = llvm::join(operands, ", ");
    std::string fnType = "(" + llvm::join(operandTypes, ", ") + ") -> ";
    fnType += resultTypes.size() == 1
                  ? resultTypes[0]
                  : "(" + llvm::join(resultTypes, ", ") + ")";
    auto write = [&](const Form &form) {
      std::vector<std::string> discardable = common;
      llvm::append_range(discardable, form.discardable);
      std::string attrs =
          discardable.empty() ? "" : "{" + llvm::join(discardable, ", ") + "}";
      std::string s = indent + results + " = ";
      std::vector<std::string> props;
      for (const Prop &prop : form.props)
        props.push_back(prop.value.empty() ? prop.name
                                           : prop.name + " = " + prop.value);
      if (generic) {
        s += "\"" + form.dialect + "." + form.name + "\"(" + operandList + ") ";
        std::string dict = llvm::join(props, ", ");
        if (attrsInDict) {
          // Inherent and discardable attributes in one dictionary.
          std::string inner =
              attrs.empty() ? "" : attrs.substr(1, attrs.size() - 2);
          if (!inner.empty() && !dict.empty())
            dict += ", ";
          s += "{" + dict + inner + "} ";
        } else {
          if (!dict.empty())
            s += "<{" + dict + "}> ";
          if (!attrs.empty())
            s += attrs + " ";
        }
      } else {
        s += form.dialect + "." + form.name + "(" + operandList + ")";
        if (!props.empty())
          s += " " + llvm::join(props, ", ");
        if (!attrs.empty())
          s += " " + attrs;
        s += " ";
      }
      s += ": " + fnType + loc + "\n";
      return s;
    };
    t.in += write(in);
    t.eval += write(eval);
    t.train += write(train);
  }

  /// The mode flag of a new op: training or evaluation as the flavor says.
  bool flag() {
    switch (flavor) {
    case Flavor::Training:
      return true;
    case Flavor::Evaluation:
      return false;
    case Flavor::Mixed:
      return chance(0.5);
    }
    return true;
  }

  static std::string boolText(bool b) { return b ? "true" : "false"; }

  void genDropout(const std::string &indent, const Shape &shape) {
    static const std::vector<std::string> names = {"dropout",
                                                   "feature_dropout",
                                                   "alpha_dropout",
                                                   "feature_alpha_dropout",
                                                   "native_dropout",
                                                   "dropout_",
                                                   "feature_dropout_",
                                                   "alpha_dropout_",
                                                   "feature_alpha_dropout_"};
    const std::string &name = oneOf(names);
    bool native = name == "native_dropout";
    std::string p = f64(probability());
    std::string x = input();
    std::string r = fresh();
    auto form = [&](bool train) {
      return Form{name, {{"p", p}, {"train", boolText(train)}}};
    };
    bool f = flag();
    std::vector<std::string> resultTypes = {shape.input};
    if (native)
      resultTypes.push_back(shape.mask);
    emitTyped(indent, native ? r + ":2" : r, {x}, {shape.input}, resultTypes,
              form(f), form(false), form(true), name, chance(0.35));
    scope.xs.push_back(native ? r + "#0" : r);
  }

  void genRrelu(const std::string &indent, const Shape &shape) {
    static const std::vector<std::string> names = {
        "rrelu", "rrelu_", "rrelu_with_noise", "rrelu_with_noise_",
        "rrelu_with_noise_functional"};
    const std::string &name = oneOf(names);
    bool withNoise = name.find("with_noise") != std::string::npos;
    bool functional = name == "rrelu_with_noise_functional";
    double a = anyFinite(), b = anyFinite();
    if (a > b)
      std::swap(a, b);
    if (chance(0.1))
      b = a;
    std::string lower = f64(a), upper = f64(b);
    std::vector<std::string> operands = {input()};
    std::vector<std::string> types = {shape.input};
    if (withNoise) {
      operands.push_back(input());
      types.push_back(shape.input);
    }
    std::vector<std::string> resultTypes = {shape.input};
    if (functional)
      resultTypes.push_back(shape.input);
    std::string r = fresh();
    auto form = [&](bool training) {
      return Form{name,
                  {{"lower", lower},
                   {"upper", upper},
                   {"training", boolText(training)}}};
    };
    emitTyped(indent, functional ? r + ":2" : r, operands, types, resultTypes,
              form(flag()), form(false), form(true), name, chance(0.35));
    scope.xs.push_back(functional ? r + "#0" : r);
  }

  /// weight and bias: a channel tensor or, where allowed, `!aten.none`.
  std::pair<std::string, std::string> optionalOperand(const std::string &indent,
                                                      const Shape &shape,
                                                      bool allowNone) {
    if (allowNone && chance(0.3))
      return {none(indent), "!aten.none"};
    return {channel(), shape.channel};
  }

  /// The batch- and instance-norm family.
  void genNorm(const std::string &indent, const Shape &shape) {
    enum Kind {
      BatchNorm,
      NativeBatchNorm,
      Legit,
      LegitNoStats,
      LegitNoTraining,
      Functional,
      WithUpdate,
      NoUpdate,
      Cudnn,
      Miopen,
      InstanceNorm
    };
    Kind kind = static_cast<Kind>(pick(11));
    std::string momentum = f64(anyFinite());
    std::string eps = f64(nonNegative());

    // Operands: input, weight, bias, and the running statistics.
    std::vector<std::string> operands = {input()}, types = {shape.input};
    auto [w, wt] =
        optionalOperand(indent, shape, kind != Cudnn && kind != Miopen);
    auto [b, bt] = optionalOperand(indent, shape, true);
    operands.insert(operands.end(), {w, b});
    types.insert(types.end(), {wt, bt});
    bool statsRequired = kind == Legit || kind == LegitNoTraining ||
                         kind == Functional || kind == WithUpdate;
    bool hasStats = kind != LegitNoStats && (statsRequired || chance(0.7));
    if (kind != LegitNoStats) {
      if (hasStats) {
        operands.insert(operands.end(), {channel(), channel()});
        types.insert(types.end(), {shape.channel, shape.channel});
      } else {
        std::string n = none(indent);
        operands.insert(operands.end(), {n, n});
        types.insert(types.end(), {"!aten.none", "!aten.none"});
      }
    }

    // Results.
    std::vector<std::string> resultTypes = {shape.input};
    auto perChannel = [&](int n) {
      for (int i = 0; i < n; ++i)
        resultTypes.push_back(shape.channel);
    };
    std::string reserve = chance(0.5) ? "tensor<0xui8>" : "tensor<?xf32>";

    // Without statistics the op uses batch statistics: its flag must say
    // so, and neither pass touches it.
    bool f = hasStats ? flag() : true;
    std::string r = fresh();
    std::string key;
    Form in, eval, train;
    auto mte = [&](const std::string &name, bool training) {
      return Form{name,
                  {{"training", boolText(training)},
                   {"momentum", momentum},
                   {"eps", eps}}};
    };
    auto me = [&](const std::string &name) {
      return Form{name, {{"momentum", momentum}, {"eps", eps}}};
    };
    switch (kind) {
    case BatchNorm:
    case InstanceNorm: {
      std::string name = kind == BatchNorm ? "batch_norm" : "instance_norm";
      std::string flagName = kind == BatchNorm ? "training" : "use_input_stats";
      std::string cudnn = boolText(chance(0.5));
      auto form = [&](bool v) {
        return Form{name,
                    {{flagName, boolText(v)},
                     {"momentum", momentum},
                     {"eps", eps},
                     {"cudnn_enabled", cudnn}}};
      };
      in = form(f);
      eval = hasStats ? form(false) : in;
      train = hasStats ? form(true) : in;
      key = name + (hasStats ? "" : "(no stats)");
      break;
    }
    case NativeBatchNorm:
    case Functional:
    case Cudnn:
    case Miopen: {
      std::string name = kind == NativeBatchNorm ? "native_batch_norm"
                         : kind == Functional
                             ? "_native_batch_norm_legit_functional"
                         : kind == Cudnn ? "cudnn_batch_norm"
                                         : "miopen_batch_norm";
      perChannel(kind == Functional ? 4 : 2);
      if (kind == Cudnn)
        resultTypes.push_back(reserve);
      auto form = [&](bool v) {
        if (kind == Cudnn || kind == Miopen)
          return Form{name,
                      {{"training", boolText(v)},
                       {"exponential_average_factor", momentum},
                       {"epsilon", eps}}};
        return mte(name, v);
      };
      in = form(f);
      eval = hasStats ? form(false) : in;
      train = hasStats ? form(true) : in;
      key = name + (hasStats ? "" : "(no stats)");
      break;
    }
    case Legit:
    case LegitNoTraining:
      perChannel(2);
      // A legit op in evaluation form is written as `_no_training` in the
      // canonical flavors, and as either spelling when mixed.
      if (f && (kind == Legit || flavor == Flavor::Training)) {
        in = mte("_native_batch_norm_legit", true);
        key = "_native_batch_norm_legit";
      } else if (kind == Legit && flavor == Flavor::Mixed) {
        in = mte("_native_batch_norm_legit", false);
        key = "_native_batch_norm_legit(training = false)";
      } else {
        in = me("_native_batch_norm_legit_no_training");
        key = "_native_batch_norm_legit_no_training";
      }
      eval =
          in.name == "_native_batch_norm_legit" && in.props[0].value == "true"
              ? me("_native_batch_norm_legit_no_training")
              : in;
      train = mte("_native_batch_norm_legit", true);
      break;
    case LegitNoStats:
      perChannel(2);
      in = eval = train = mte("_native_batch_norm_legit.no_stats", true);
      key = "_native_batch_norm_legit.no_stats";
      break;
    case WithUpdate:
    case NoUpdate:
      perChannel(2);
      resultTypes.push_back(reserve);
      if (hasStats) {
        in = me(f ? "_batch_norm_with_update" : "_batch_norm_no_update");
        eval = me("_batch_norm_no_update");
        train = me("_batch_norm_with_update");
        key = in.name;
      } else {
        in = eval = train = me("_batch_norm_no_update");
        key = "_batch_norm_no_update(no stats)";
      }
      break;
    }
    int n = resultTypes.size();
    emitTyped(indent, n == 1 ? r : r + ":" + std::to_string(n), operands, types,
              resultTypes, in, eval, train, key, chance(0.35));
    scope.xs.push_back(n == 1 ? r : r + "#0");
    for (int i = 1; i < n; ++i)
      if (resultTypes[i] == shape.channel)
        scope.cs.push_back(r + "#" + std::to_string(i));
  }

  /// The recurrent layers: dropout between layers in training.
  void genRnn(const std::string &indent, const Shape &shape) {
    static const std::vector<std::string> names = {
        "lstm.input",     "lstm.data",     "gru.input",      "gru.data",
        "rnn_tanh.input", "rnn_tanh.data", "rnn_relu.input", "rnn_relu.data"};
    const std::string &name = oneOf(names);
    bool lstm = llvm::StringRef(name).starts_with("lstm");
    bool packed = llvm::StringRef(name).ends_with(".data");
    std::vector<std::string> operands = {input()}, types = {shape.input};
    if (packed) {
      operands.push_back("%sizes");
      types.push_back("tensor<?xi64>");
    }
    // hx: two states for an LSTM, one otherwise; then the parameters.
    std::vector<std::string> hx = {input()};
    if (lstm)
      hx.push_back(input());
    std::vector<std::string> params;
    int numParams = pick(5);
    for (int i = 0; i < numParams; ++i)
      params.push_back(input());
    std::string hxText = lstm ? "[" + llvm::join(hx, ", ") + "]" : hx[0];
    std::string paramsText = "[" + llvm::join(params, ", ") + "]";
    // The custom form lists hx and params in brackets; the generic form
    // passes them as plain operands (with segment sizes for the LSTM).
    std::vector<std::string> flat = operands;
    llvm::append_range(flat, hx);
    llvm::append_range(flat, params);
    types.resize(flat.size(), shape.input);
    operands.push_back(hxText);
    operands.push_back(paramsText);

    std::string hasBiases = boolText(chance(0.5));
    std::string numLayers = std::to_string(1 + pick(4));
    std::string dropout = f64(probability());
    std::string bidirectional = boolText(chance(0.5));
    std::string batchFirst = boolText(chance(0.5));
    auto form = [&](bool train) {
      Form f{name,
             {{"has_biases", hasBiases},
              {"num_layers", numLayers, "i64"},
              {"dropout", dropout},
              {"train", boolText(train)},
              {"bidirectional", bidirectional}}};
      if (!packed)
        f.props.push_back({"batch_first", batchFirst});
      return f;
    };
    int numResults = lstm ? 3 : 2;
    std::vector<std::string> resultTypes(numResults, shape.input);
    std::string r = fresh();
    bool generic = chance(0.35);
    Form in = form(flag()), eval = form(false), train = form(true);
    if (generic && lstm) {
      std::string segments = std::string("array<i32: 1, ") +
                             (packed ? "1, " : "") + std::to_string(hx.size()) +
                             ", " + std::to_string(params.size()) + ">";
      for (Form *f : {&in, &eval, &train})
        f->props.push_back({"operandSegmentSizes", segments, ""});
    }
    emitTyped(indent, r + ":" + std::to_string(numResults),
              generic ? flat : operands, types, resultTypes, in, eval, train,
              name, generic);
    scope.xs.push_back(r + "#0");
  }

  /// Attention: its mode is `dropout_p`; to-eval keeps the training
  /// probability in `aten.training_dropout_p`, to-train restores it, and a
  /// probability to-train was given (`aten.given_dropout_p`) is dropped.
  void genAttention(const std::string &indent, const Shape &shape) {
    std::vector<std::string> operands = {input(), input(), input()};
    std::vector<std::string> types(3, shape.input);
    if (chance(0.5)) {
      operands.push_back(none(indent));
      types.push_back("!aten.none");
    } else {
      // Any tensor masks: an i1 mask or an additive float one.
      bool boolean = chance(0.5);
      operands.push_back(boolean ? "%mask" : input());
      types.push_back(boolean ? shape.mask : shape.input);
    }
    double p = 0;
    while (p == 0)
      p = probability();
    std::string training = f64(p), zero = chance(0.5) ? "0.0" : f64(0.0);
    std::string record = "aten.training_dropout_p = " + training + " : f64";
    std::string isCausal = boolText(chance(0.5));
    std::string enableGqa = boolText(chance(0.5));
    std::string scale = chance(0.5) ? f64(anyFinite()) : "";
    auto form = [&](const std::string &dropoutP,
                    std::vector<std::string> discardable) {
      Form f{"scaled_dot_product_attention",
             {{"dropout_p", dropoutP},
              {"is_causal", isCausal},
              {"enable_gqa", enableGqa}},
             std::move(discardable)};
      if (!scale.empty())
        f.props.push_back({"scale", scale});
      return f;
    };
    Form training0 = form(training, {}), eval0 = form(zero, {record});
    Form in = training0, eval = eval0, train = training0;
    // In evaluation form, with the record to-eval wrote; in training form,
    // in a mixed module, perhaps with the probability to-train was given.
    if (!flag()) {
      in = eval0;
    } else if (flavor == Flavor::Mixed && chance(0.3)) {
      in = train = form(training, {"aten.given_dropout_p"});
      eval = form(zero, {});
    }
    std::string r = fresh();
    emitTyped(indent, r, operands, types, {shape.input}, in, eval, train,
              "scaled_dot_product_attention", chance(0.35));
    scope.xs.push_back(r);
  }

  /// The batch counter of a batch norm in an imported archive.
  void genCounter(const std::string &indent) {
    bool inPlace = chance(0.5);
    auto form = [&](bool training) {
      Form f{"batch_norm_counter", {{"training", boolText(training)}}};
      f.dialect = "pt2";
      if (inPlace)
        f.props.push_back({"in_place", ""});
      return f;
    };
    std::string r = fresh();
    emitTyped(indent, r, {oneOf(scope.counts)}, {"tensor<i64>"},
              {"tensor<i64>"}, form(flag()), form(false), form(true),
              "pt2.batch_norm_counter", chance(0.35));
    scope.counts.push_back(r);
  }

  /// A dropout of an imported archive that run_decompositions() turned into
  /// random ops: the ops are its body, which may hold anything.
  void genDecomposedDropout(const std::string &indent, const Shape &shape,
                            int depth) {
    ++stats.ops["pt2.decomposed_dropout"];
    std::string x = input(), r = fresh(), loc = location();
    bool generic = chance(0.35);
    std::vector<std::string> attrs = discardable();
    std::string attrText =
        attrs.empty() ? "" : " {" + llvm::join(attrs, ", ") + "}";
    auto header = [&](bool training) {
      if (generic)
        return indent + r + " = \"pt2.decomposed_dropout\"(" + x +
               ") <{training = " + boolText(training) + "}> ({\n";
      return indent + r + " = pt2.decomposed_dropout(" + x +
             ") training = " + boolText(training) + " {\n";
    };
    t.in += header(flag());
    t.eval += header(false);
    t.train += header(true);
    Scope saved = scope;
    std::string inner = indent + "  ";
    genOps(inner, shape, depth);
    std::string yielded = input();
    t.all(generic ? inner + "\"pt2.yield\"(" + yielded + ") : (" + shape.input +
                        ") -> ()\n" + indent + "})" + attrText
                  : inner + "pt2.yield " + yielded + " : " + shape.input +
                        "\n" + indent + "}" + attrText);
    t.all(" : (" + shape.input + ") -> " + shape.input + loc + "\n");
    scope = saved;
    scope.xs.push_back(r);
  }

  /// Writes one op in custom or generic form (the same in the three
  /// texts); the generic form spells `: f64` after each float attribute.
  void emitTyped(const std::string &indent, const std::string &results,
                 const std::vector<std::string> &operands,
                 const std::vector<std::string> &operandTypes,
                 const std::vector<std::string> &resultTypes, Form in,
                 Form eval, Form train, const std::string &key, bool generic) {
    auto typed = [&](Form form) {
      if (generic)
        for (Prop &prop : form.props)
          if (!prop.genericType.empty() && !prop.value.empty() &&
              prop.value != "true" && prop.value != "false")
            prop.value += " : " + prop.genericType;
      return form;
    };
    emitOp(indent, results, operands, operandTypes, resultTypes, typed(in),
           typed(eval), typed(train), key, generic);
  }

  // --- other ops -------------------------------------------------------------
  void genOther(const std::string &indent, const Shape &shape) {
    switch (pick(5)) {
    case 0: { // An unregistered op using and defining values.
      ++stats.unregistered;
      std::string r = fresh();
      std::string x = input(), c = channel();
      std::string k = std::to_string(pick(9)), loc = location();
      t.all(indent + r + " = \"torch.custom\"(" + x + ", " + c + ") {k = " + k +
            " : i64} : (" + shape.input + ", " + shape.channel + ") -> " +
            shape.input + loc + "\n");
      scope.xs.push_back(r);
      break;
    }
    case 1: { // A foldable, unused arith op.
      std::string a = fresh(), b = fresh();
      std::string value = std::to_string(pick(9)), loc = location();
      t.all(indent + a + " = arith.constant " + value + " : index" + loc +
            "\n");
      t.all(indent + b + " = arith.addi " + a + ", " + a + " : index\n");
      break;
    }
    case 2: { // An unregistered op without results.
      ++stats.unregistered;
      std::string x = input(), loc = location();
      t.all(indent + "\"torch.sink\"(" + x + ") : (" + shape.input + ") -> ()" +
            loc + "\n");
      break;
    }
    case 3: { // An unused pure aten op that is not mode-dependent.
      std::string v = fresh();
      t.all(indent + v + " = aten.none" + location() + "\n");
      ++stats.ops["none"];
      break;
    }
    default: { // A use of a !aten.none value by an unregistered op.
      ++stats.unregistered;
      std::string n = none(indent);
      t.all(indent + "\"torch.use_none\"(" + n + ") : (!aten.none) -> ()\n");
      break;
    }
    }
  }

  // --- blocks and regions ----------------------------------------------------
  void genOps(const std::string &indent, const Shape &shape, int depth) {
    int n = 1 + pick(8);
    for (int i = 0; i < n; ++i) {
      int what = pick(14);
      bool ranked = !llvm::StringRef(shape.input).starts_with("tensor<*");
      if (what < 3)
        genDropout(indent, shape);
      else if (what < 6)
        genNorm(indent, shape);
      else if (what < 7)
        genRrelu(indent, shape);
      else if (what < 8)
        genRnn(indent, shape);
      else if (what < 9)
        genAttention(indent, shape);
      else if (what < 10)
        genCounter(indent);
      else if (what < 11 && depth < 3 && ranked)
        genDecomposedDropout(indent, shape, depth + 1);
      else if (what < 12 && depth < 3)
        genRegion(indent, shape, depth + 1);
      else
        genOther(indent, shape);
    }
  }

  void genRegion(const std::string &indent, const Shape &shape, int depth) {
    ++stats.regions;
    Scope saved = scope;
    std::string inner = indent + "  ";
    std::string r = fresh();
    switch (pick(3)) {
    case 0: { // scf.if with a result.
      std::string cond = oneOf(scope.bools);
      t.all(indent + r + " = scf.if " + cond + " -> (" + shape.input + ") {\n");
      genOps(inner, shape, depth);
      t.all(inner + "scf.yield " + input() + " : " + shape.input + "\n");
      scope = saved;
      t.all(indent + "} else {\n");
      genOps(inner, shape, depth);
      t.all(inner + "scf.yield " + input() + " : " + shape.input + "\n");
      t.all(indent + "}" + location() + "\n");
      break;
    }
    case 1: { // scf.for carrying a tensor.
      std::string iv = fresh(), acc = fresh();
      t.all(indent + r + " = scf.for " + iv + " = %lb to %ub step %step" +
            " iter_args(" + acc + " = " + input() + ") -> (" + shape.input +
            ") {\n");
      scope.xs.push_back(acc);
      genOps(inner, shape, depth);
      t.all(inner + "scf.yield " + input() + " : " + shape.input + "\n");
      t.all(indent + "}\n");
      break;
    }
    default: { // An unregistered op with a region and a block argument.
      ++stats.unregistered;
      std::string arg = fresh();
      t.all(indent + r + " = \"torch.region\"(" + input() + ") ({\n");
      t.all(indent + "^bb0(" + arg + ": " + shape.input + "):\n");
      scope.xs.push_back(arg);
      genOps(inner, shape, depth);
      t.all(inner + "\"torch.yield\"(" + input() + ") : (" + shape.input +
            ") -> ()\n");
      t.all(indent + "}) {torch.kind = \"wrapper\"} : (" + shape.input +
            ") -> " + shape.input + location() + "\n");
      break;
    }
    }
    scope = saved;
    scope.xs.push_back(r);
  }

  void genFunction(int index) {
    Shape shape = genShape();
    scope = Scope();
    scope.xs = {"%x"};
    scope.cs = {"%c"};
    scope.bools = {"%cond"};
    scope.counts = {"%nbt"};
    t.all("func.func @f" + std::to_string(index) + "(%x: " + shape.input +
          ", %c: " + shape.channel +
          ", %cond: i1, %lb: index, %ub: index, %step: index, %mask: " +
          shape.mask + ", %sizes: tensor<?xi64>, %nbt: tensor<i64>) -> " +
          shape.input + " {\n");
    genOps("  ", shape, 0);
    std::string result = input(), loc = location();
    t.all("  return " + result + " : " + shape.input + loc + "\n");
    if (chance(0.2)) {
      // An unreachable block: the passes switch ops there too.
      scope.xs = {"%x"};
      scope.cs = {"%c"};
      scope.counts = {"%nbt"};
      scope.nones.clear();
      t.all("^unreachable:\n");
      genOps("  ", shape, 3);
      t.all("  return " + input() + " : " + shape.input + "\n");
    }
    t.all("}\n");
  }

  std::mt19937_64 rng;
  Flavor flavor;
  Stats &stats;
  Texts t;
  Scope scope;
  uint64_t counter = 0;
};

//===----------------------------------------------------------------------===//
// Checking
//===----------------------------------------------------------------------===//

std::string print(Operation *op) {
  std::string text;
  llvm::raw_string_ostream os(text);
  op->print(os, OpPrintingFlags().enableDebugInfo().printGenericOpForm());
  return text;
}

class Checker {
public:
  explicit Checker(MLIRContext &context)
      : context(context), evalPm(&context), trainPm(&context) {
    evalPm.addPass(mode::aten::createToEvalPass());
    trainPm.addPass(mode::aten::createToTrainPass());
  }

  /// Checks one module; returns an empty string or what went wrong.
  std::string check(const Texts &t, Flavor flavor) {
    std::string diagnostics;
    ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
      llvm::raw_string_ostream os(diagnostics);
      os << diag.getLocation() << ": " << diag << "\n";
      return success();
    });
    auto parse = [&](const std::string &text) {
      // One buffer name for the three texts: implicit locations agree.
      return parseSourceString<ModuleOp>(text, ParserConfig(&context),
                                         "generated.mlir");
    };
    OwningOpRef<ModuleOp> in = parse(t.in), eval = parse(t.eval),
                          train = parse(t.train);
    if (!in || !eval || !train || failed(verify(*in)) ||
        failed(verify(*eval)) || failed(verify(*train)))
      return "generated module does not parse or verify:\n" + diagnostics;
    std::string inText = print(*in);

    auto run = [&](PassManager &pm, ModuleOp module,
                   std::string &error) -> OwningOpRef<ModuleOp> {
      OwningOpRef<ModuleOp> clone = module.clone();
      if (failed(pm.run(*clone))) {
        error = "pass failed or left invalid IR:\n" + diagnostics;
        return nullptr;
      }
      return clone;
    };
    std::string error;
    OwningOpRef<ModuleOp> evaluated = run(evalPm, *in, error);
    if (!evaluated)
      return "to-eval: " + error;
    OwningOpRef<ModuleOp> trained = run(trainPm, *in, error);
    if (!trained)
      return "to-train: " + error;
    std::string evalText = print(*evaluated), trainText = print(*trained);

    // 1, 2, 3, 6: exactly the expected changes, nothing else.
    if (evalText != print(*eval))
      return diff("to-eval(M) differs from the expected", print(*eval),
                  evalText);
    if (trainText != print(*train))
      return diff("to-train(M) differs from the expected", print(*train),
                  trainText);

    // 4: idempotence.
    OwningOpRef<ModuleOp> evalTwice = run(evalPm, *evaluated, error);
    if (!evalTwice || print(*evalTwice) != evalText)
      return diff("to-eval is not idempotent", evalText,
                  evalTwice ? print(*evalTwice) : error);
    OwningOpRef<ModuleOp> trainTwice = run(trainPm, *trained, error);
    if (!trainTwice || print(*trainTwice) != trainText)
      return diff("to-train is not idempotent", trainText,
                  trainTwice ? print(*trainTwice) : error);

    // 5: round trips on canonical forms.
    if (flavor == Flavor::Training) {
      OwningOpRef<ModuleOp> back = run(trainPm, *evaluated, error);
      if (!back || print(*back) != inText)
        return diff("to-train(to-eval(M)) != M in training form", inText,
                    back ? print(*back) : error);
    }
    if (flavor == Flavor::Evaluation) {
      OwningOpRef<ModuleOp> back = run(evalPm, *trained, error);
      if (!back || print(*back) != inText)
        return diff("to-eval(to-train(M)) != M in evaluation form", inText,
                    back ? print(*back) : error);
    }
    return "";
  }

private:
  static std::string diff(llvm::StringRef what, llvm::StringRef expected,
                          llvm::StringRef actual) {
    // The first differing line is usually enough; both texts follow.
    llvm::SmallVector<llvm::StringRef> a, b;
    expected.split(a, '\n');
    actual.split(b, '\n');
    std::string out = what.str() + "\n";
    for (size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
      llvm::StringRef x = i < a.size() ? a[i] : "<end>";
      llvm::StringRef y = i < b.size() ? b[i] : "<end>";
      if (x != y) {
        out += "first difference at line " + std::to_string(i + 1) +
               ":\n  expected: " + x.str() + "\n  actual:   " + y.str() + "\n";
        break;
      }
    }
    return out;
  }

  MLIRContext &context;
  PassManager evalPm, trainPm;
};

} // namespace

int main(int argc, char **argv) {
  llvm::cl::ParseCommandLineOptions(
      argc, argv,
      "Property tests of to-eval and to-train on random valid modules\n");

  DialectRegistry registry;
  mode::registerAllDialects(registry);
  registry.insert<arith::ArithDialect, cf::ControlFlowDialect,
                  func::FuncDialect, scf::SCFDialect>();

  Stats stats;
  uint64_t failures = 0;
  std::unique_ptr<MLIRContext> context;
  std::unique_ptr<Checker> checker;
  for (uint64_t i = firstOpt; i < firstOpt + countOpt; ++i) {
    // A fresh context now and then bounds the memory of long runs (uniqued
    // attributes and locations accumulate in a context).
    if (!context || (i - firstOpt) % 2000 == 0) {
      checker.reset();
      context = std::make_unique<MLIRContext>(registry,
                                              MLIRContext::Threading::DISABLED);
      context->allowUnregisteredDialects();
      context->loadAllAvailableDialects();
      checker = std::make_unique<Checker>(*context);
    }
    Flavor flavor = static_cast<Flavor>(i % 3);
    Texts texts = Generator(seedOpt, i, flavor, stats).generate();
    if (verboseOpt)
      llvm::outs() << "// module " << i << "\n" << texts.in << "\n";
    std::string problem = checker->check(texts, flavor);
    if (problem.empty())
      continue;
    ++failures;
    llvm::errs() << "FAIL: seed " << seedOpt << " module " << i
                 << " (reproduce: --seed=" << seedOpt << " --first=" << i
                 << " --count=1 --verbose): " << problem << "\n"
                 << "--- module ---\n"
                 << texts.in << "--- expected to-eval ---\n"
                 << texts.eval << "--- expected to-train ---\n"
                 << texts.train << "\n";
    if (failures >= 5) {
      llvm::errs() << "stopping after 5 failures\n";
      break;
    }
  }

  uint64_t total = 0;
  for (auto &[name, n] : stats.ops)
    total += n;
  llvm::outs() << "ops generated:";
  for (auto &[name, n] : stats.ops)
    llvm::outs() << " " << name << "=" << n;
  llvm::outs() << "\nregions: " << stats.regions
               << ", unregistered ops: " << stats.unregistered << "\n";
  llvm::outs() << "checked " << stats.modules << " modules (" << total
               << " generated ops), seed " << seedOpt << ": "
               << stats.modules - failures << " passed, " << failures
               << " failed\n";
  return failures ? 1 : 0;
}
