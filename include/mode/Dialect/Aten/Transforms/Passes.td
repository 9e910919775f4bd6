//===- Passes.td - The mode passes -------------------------*- tablegen -*-===//

#ifndef MODE_DIALECT_ATEN_TRANSFORMS_PASSES_TD
#define MODE_DIALECT_ATEN_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

// to-eval and to-train share their C++ base class, ModeSwitchPass
// (lib/Dialect/Aten/Transforms/ModeSwitch.cpp): the option parsing, the
// walk and the errors are one piece of code.
def ToEvalPass : PassBase<"to-eval", "::mode::aten::ModeSwitchPass"> {
  let summary = "Switch mode-dependent ops to their evaluation form";
  let description = [{
    Rewrites every mode-dependent op in training form nested in the
    operation the pass runs on (a module, a function, any op with regions,
    whatever the surrounding dialects) into its evaluation form. The
    mode-dependent ops are the `aten` ops that mirror PyTorch's, and the
    `pt2` ops with which an imported program models what a graph spells
    with several nodes (the batch counter of a batch norm, a dropout that
    `run_decompositions()` turned into random ops, stochastic depth; see
    `pt2-raise-mode-ops`):

    | training form | evaluation form |
    |---|---|
    | `dropout`, `feature_dropout`, `alpha_dropout`, `feature_alpha_dropout`, `native_dropout`, and the in-place `dropout_`, `feature_dropout_`, `alpha_dropout_`, `feature_alpha_dropout_` with `train = true` | the same op with `train = false` |
    | `batch_norm`, `native_batch_norm`, `_native_batch_norm_legit_functional`, `cudnn_batch_norm`, `miopen_batch_norm` with `training = true` and running statistics | the same op with `training = false` |
    | `_native_batch_norm_legit` with `training = true` | `_native_batch_norm_legit_no_training` |
    | `_batch_norm_with_update` | `_batch_norm_no_update` |
    | `instance_norm` with `use_input_stats = true` and running statistics | the same op with `use_input_stats = false` |
    | `rrelu`, `rrelu_`, `rrelu_with_noise`, `rrelu_with_noise_`, `rrelu_with_noise_functional` with `training = true` | the same op with `training = false` |
    | `lstm`, `gru`, `rnn_tanh`, `rnn_relu` (the `.input` and `.data` overloads) with `train = true` | the same op with `train = false` |
    | `scaled_dot_product_attention` with `dropout_p` ≠ 0 | the same op with `dropout_p = 0`, the training probability kept in `aten.training_dropout_p` |
    | `pt2.batch_norm_counter` with `training = true` | the same op with `training = false` (it stops counting batches) |
    | `pt2.decomposed_dropout` with `training = true` | the same op with `training = false` (its result is its input) |
    | `pt2.drop_path` with `training = true` | the same op with `training = false` (its result is its input) |

    What makes an op mode-dependent, its family and its flag are what the op
    answers through `ModeDependentOpInterface`; an op whose mode is a flag
    has it flipped in place, an op whose kind is its mode is replaced by its
    counterpart.

    Everything else is carried over bit for bit: the other attributes (`p`,
    `momentum`, `eps`, ...), operands, result types, the location and the
    discardable attributes; all uses of a replaced op move to the new op.
    The one exception: a discardable attribute named like an inherent
    attribute of the op that replaces the op it is on would shadow that
    attribute, and the IR would have no faithful textual form. Such an op
    is refused, with an error at it that says to rename the attribute (a
    dialect prefix, as in `my.training`, is the MLIR convention); it is
    never half switched.
    Nothing else changes: no folding, no dead-code removal, no reordering.
    Ops without running statistics (`_native_batch_norm_legit.no_stats`, or
    running statistics that are `!aten.none`) always use batch statistics
    and are left as they are.

    The rewrites are PDLL patterns (`lib/Dialect/Aten/Transforms/ToEval.pdll`)
    applied in a single walk. An op the pass cannot switch is an error at the
    op, and the pass fails: it never leaves a selected op silently in
    training mode. So is an `aten` op the context does not know (an
    unregistered op in the `aten` namespace, as stock `mlir-opt
    --allow-unregistered-dialect` parses them without the dialect plugin).

    With `ops=` the pass switches only the named op families (a
    comma-separated list; spaces after the commas are allowed), for example
    `dropout` (every dropout), `batch_norm` (every batch-norm form, with
    its batch counter), `instance_norm`, `rrelu`, `rnn` (the recurrent
    layers' dropout between layers) and `attention`; ops of the other
    families are left exactly as they are. The default is every family. For example
    `mode-opt --to-eval="ops=batch_norm"` freezes the batch-norm statistics
    while dropout keeps training, as fine-tuning and quantization-aware
    training often do. The families are those of the registered ops; an
    unknown name is an error that lists them.

    No silent half-switch: after switching, an op that would still draw
    random numbers (it reads and advances the random generator, as a
    `pt2.operator` of one of the ATen operators PyTorch tags
    `nondeterministic_seeded` does) and that is no mode-dependent op is an
    error at the op, which names the module it was called in (an imported
    program knows it from the node's `nn_module_stack`) and the two ways
    out: `identity-in-eval=CLASS` declares that the modules of that class
    are the identity in evaluation (a custom stochastic depth, a noise
    layer): the pass gathers each of their calls that draws random numbers
    into a `pt2.drop_path` and switches it, as for stochastic depth (the
    call must read one tensor and give one of the same type); and
    `keep-random=CLASS` declares that they draw random numbers by design
    (a sampler: a VAE, diffusion noise, Gumbel sampling), and leaves them
    as they are. Both take comma-separated lists of class names as
    `nn_module_stack` writes them (`mymodels.blocks.Noise`).
    A mode-dependent op that `ops=` leaves in training form is no such
    error: mode knows it.

    Attention that trains without dropout (`dropout_p = 0` in both modes,
    as in timm's ViTs and most language models) is recorded with training
    probability 0 where the program shows it is in training form (another
    op in training form), so that `to-train` gives it back exactly.

    Example:

    ```mlir
    %0 = aten.dropout(%x) p = 1.000000e-01, train = true
        : (tensor<8x16xf32>) -> tensor<8x16xf32>
    // becomes
    %0 = aten.dropout(%x) p = 1.000000e-01, train = false
        : (tensor<8x16xf32>) -> tensor<8x16xf32>
    ```
  }];
  let options = [
    ListOption<"families", "ops", "std::string",
               "Op families to switch, comma-separated (default: all); an "
               "unknown name is an error that lists the registered ones">,
    ListOption<"identityInEval", "identity-in-eval", "std::string",
               "Module classes (PyTorch's, as nn_module_stack names them) "
               "that are the identity in evaluation: their calls that draw "
               "random numbers are removed, and recorded for to-train">,
    ListOption<"keepRandom", "keep-random", "std::string",
               "Module classes that draw random numbers by design, in "
               "evaluation too (samplers, noise): their random nodes stay">
  ];
  let dependentDialects = ["::mlir::pdl::PDLDialect",
                           "::mlir::pdl_interp::PDLInterpDialect"];
}

def ToTrainPass : PassBase<"to-train", "::mode::aten::ModeSwitchPass"> {
  let summary = "Switch mode-dependent ops to their training form (what an "
                "evaluation export lost, it cannot bring back: see the "
                "description)";
  let description = [{
    The inverse of `to-eval`: rewrites every mode-dependent op in evaluation
    form into its training form, with the same table read right to left. It also
    turns `_native_batch_norm_legit` with `training = false` into
    `training = true`, and `_batch_norm_no_update` becomes
    `_batch_norm_with_update` only when its running statistics are present.

    The same guarantees hold: every other attribute, operand, result type,
    location and discardable attribute is kept, nothing else changes, and
    ops without running statistics are left as they are. As for `to-eval`,
    an op with a discardable attribute named like an inherent attribute of
    the op that replaces it is refused with an error at the op: for example
    `_native_batch_norm_legit_no_training` with a discardable
    `{training = false}`, since `_native_batch_norm_legit` has an inherent
    `training`. On IR in canonical evaluation form, `to-eval` after
    `to-train` gives back the input exactly.

    An attention op has no mode flag: its mode is its dropout probability
    `dropout_p`. `to-eval` keeps it in the attribute
    `aten.training_dropout_p` and sets it to 0; `to-train` restores it from
    there. An evaluation export has lost it: with `attention-dropout=P` the
    pass gives P to every attention op in evaluation form without a record,
    and without it such an op is an error. P is in [0, 1]: 0 says the
    attention trains without dropout (the op stays as it is, marked so that
    `to-eval` gives back the evaluation form). In a program that shows it
    is in training form (another op in training form), attention with
    `dropout_p = 0` and no record is taken to train without dropout, and
    left as it is.

    What an evaluation export cannot show, `to-train` cannot bring back. A
    Python branch on `self.training` leaves no node in the program: in
    PyTorch's evaluation export there is no trace of stochastic depth or
    drop path, of the auxiliary heads of GoogLeNet and Inception, or of the
    raw maps a detection head returns in training. For an exact result,
    export the model in training mode and let `to-eval` switch it: what it
    removes (stochastic depth, the batch counters), it records, and
    `to-train` restores.

    The rewrites are PDLL patterns (`lib/Dialect/Aten/Transforms/ToTrain.pdll`)
    applied in a single walk. An op the pass cannot switch, or an `aten` op
    the context does not know, is an error at the op.

    `ops=` restricts the pass to the named op families, as for `to-eval`:
    `mode-opt --to-train="ops=dropout"` turns dropout back on and leaves
    the normalizations in evaluation form.
  }];
  let options = [
    ListOption<"families", "ops", "std::string",
               "Op families to switch, comma-separated (default: all); an "
               "unknown name is an error that lists the registered ones">,
    Option<"attentionDropout", "attention-dropout", "std::string",
           /*default=*/"\"\"",
           "Dropout probability, in [0, 1], for attention ops whose training "
           "probability is not recorded (an evaluation export does not keep "
           "it); 0 if they train without dropout">
  ];
  let dependentDialects = ["::mlir::pdl::PDLDialect",
                           "::mlir::pdl_interp::PDLInterpDialect"];
}

def AssertEvalPass : Pass<"assert-eval"> {
  let options = [
    ListOption<"keepRandom", "keep-random", "std::string",
               "Module classes that draw random numbers by design, in "
               "evaluation too: their random nodes pass">
  ];
  let summary = "Fail if any mode-dependent op is in training mode";
  let description = [{
    A deployment guard: changes nothing, and fails (exit status 1 in
    `mode-opt`) with an error at every mode-dependent op nested in the
    operation it runs on that is in training form: a dropout, rrelu or
    recurrent layer with `train`/`training = true`, a batch norm that uses
    batch statistics and updates its running statistics (or its batch
    counter that counts), an instance norm with `use_input_stats = true` and
    running statistics, an attention with `dropout_p` ≠ 0. Every such op is
    reported, not just the first:

    ```
    model.mlir:12:8: error: 'aten.dropout' is in training mode (train = true); run --to-eval to switch it
    ```

    Ops that compute the same thing in both modes (normalizations without
    running statistics) pass. A guard never passes over what it cannot see:
    an `aten` op the context does not know (the dialect was not loaded) is
    an error too, and so is an op that draws random numbers and is no
    mode-dependent op (a random node of a module mode does not know, as
    `to-eval` reports it), unless its module's class is declared random by
    design with `keep-random=CLASS`. The usual deployment pipeline is
    `mode-opt --to-eval --assert-eval model.mlir`.
  }];
}

def AssertTrainPass : Pass<"assert-train"> {
  let summary = "Fail if any mode-dependent op is in evaluation mode";
  let description = [{
    The counterpart of `assert-eval` for training pipelines (fine-tuning,
    quantization-aware training): changes nothing, and fails with an error
    at every mode-dependent op in evaluation form, for example

    ```
    model.mlir:7:8: error: 'aten._native_batch_norm_legit_no_training' is in evaluation mode; run --to-train to switch it
    ```

    Ops that are the same in both modes pass; unknown `aten` ops are
    errors, as for `assert-eval`.
  }];
}

def ModeReportPass : Pass<"mode-report"> {
  let summary = "Count the mode-dependent ops by op name and mode";
  let description = [{
    Changes nothing; reports, for the operation it runs on, how many
    mode-dependent ops there are, by op name and by mode (`training`,
    `evaluation`, and `mode-independent` for normalizations without running
    statistics, which compute the same thing in both modes), and how many
    other ops there are (every op that is not mode-dependent,
    including ops nested in other ops' regions).

    The counts are given per section and in total. A section is a symbol
    with a name (a function, a named nested module, ...: an op that
    implements `SymbolOpInterface`), named `@name` (`@outer::@name` inside a
    named symbol table); it holds the ops whose closest named symbol
    ancestor it is, and is not counted itself. Ops with no such ancestor
    inside the operation the pass runs on (for example ops at the top level
    of the module) are counted in a section for that operation, named
    `<op-name>` and listed first. Sections come in the order of the IR, op
    names in alphabetical order.

    An op in the `aten` namespace that is not a registered op (generic-form
    `aten` IR read by a tool without the dialect, such as `mlir-opt
    --allow-unregistered-dialect` without `--load-dialect-plugin`) is an
    error, not an "other op": the counts would miss it.

    With `format=table` (the default) the report is a readable table:

    ```
    mode report
    @forward (func.func)
      op                             training  evaluation  mode-independent
      aten._native_batch_norm_legit         2           0                 0
      aten.batch_norm                       1           0                 0
      aten.dropout                          1           0                 0
      all mode-dependent ops                4           0                 0
      other ops: 38
    total
      ...
    ```

    With `format=json` it is one JSON document on one line: `sections`, a
    list of objects with `name`, `op` (the section op's name), `mode_ops` (a
    list of `{op, training, evaluation, mode_independent}` sorted by `op`),
    the section's `training`, `evaluation` and `mode_independent` sums and
    `other_ops`; and `total`, the same counts (without `name` and `op`) over
    all sections.

    Every run of the pass writes one report, about the operation it ran on,
    when it is done: each `--split-input-file` chunk, each run of a reused
    pass manager and each instance of the pass in a pipeline (a report
    before and one after `to-eval`, say) gives a report of its own. A run on
    the top-level operation writes it to standard error, to standard output
    with `file=-` (before the IR, which is printed after the passes), or to
    the file `file=PATH`. The file is appended to, never truncated: each
    report is whole, so a file written by several runs holds one table per
    run, or with `format=json` one JSON document per line (JSON Lines).
    Remove the file first for a fresh report. A file that cannot be opened
    or written is an error (exit status 1).

    Nested in a pipeline (for example
    `builtin.module(func.func(to-eval,mode-report))`), the pass runs once per
    function, possibly on several threads at once. Each run then reports its
    own operation as a remark at that operation's location, in the same
    format; the pass manager emits the diagnostics of parallel runs in the
    order of the IR, so the output is the same with or without threads
    (`--mlir-disable-threading`). Like any nested pass, it does not run at
    all where there is no op to run on (a module without functions): it then
    reports nothing and, with `file=`, neither fails nor touches the file
    (an existing one is left as it was), since a pass that never runs can
    write no empty report. Run it on the module for a report that is always
    written, empty or not. `file=` is for a run on the top-level operation;
    a nested run with `file=`, where it runs, is an error.
  }];
  let options = [
    Option<"format", "format", "::mode::aten::ReportFormat",
           /*default=*/"::mode::aten::ReportFormat::Table",
           "Report format: table or json",
           [{::llvm::cl::values(
             clEnumValN(::mode::aten::ReportFormat::Table, "table",
                        "a readable table (the default)"),
             clEnumValN(::mode::aten::ReportFormat::Json, "json",
                        "one JSON document per line"))}]>,
    Option<"file", "file", "std::string", /*default=*/"\"\"",
           "Append the report to this file (`-`: standard output) instead "
           "of writing it to standard error">
  ];
}

#endif // MODE_DIALECT_ATEN_TRANSFORMS_PASSES_TD
