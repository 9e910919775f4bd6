//===- Passes.td - The passes of the pt2 dialect -----------*- tablegen -*-===//

#ifndef MODE_DIALECT_PT2_TRANSFORMS_PASSES_TD
#define MODE_DIALECT_PT2_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def RaiseModeOpsPass : Pass<"pt2-raise-mode-ops"> {
  let summary = "Recognise the mode-dependent computations of a PyTorch graph";
  let description = [{
    An imported program (`mode-translate --import-pt2`) holds one op per
    node of the graph. Some of what changes with the mode is no single ATen
    operator but a few nodes of a known shape; this pass recognises them,
    by their structure and the module they come from, and replaces them by
    the `pt2` op that models them, so that `to-eval` and `to-train` switch
    them like any mode-dependent op:

    | nodes | op |
    |---|---|
    | `add_.Tensor(num_batches_tracked, 1)` of an `nn.BatchNorm` (a buffer `num_batches_tracked` beside `running_mean` and `running_var`), or of a counter before it (a module called again) | `pt2.batch_norm_counter` with `training = true, in_place` |
    | after `run_decompositions()`: `add.Tensor(num_batches_tracked, 1)` (`0` in evaluation form) whose result updates the buffer | `pt2.batch_norm_counter` with `training = true` (`false`) |
    | an `nn.BatchNorm`'s `batch_norm` in evaluation form, which PyTorch's evaluation export gives no counter | a `pt2.batch_norm_counter` before it with `training = false, in_place`, marked `pt2.synthesized` |
    | after `run_decompositions()`: the `bernoulli` and arithmetic nodes a training dropout became (the nodes of one dropout, by their `from_node`) | `pt2.decomposed_dropout` with `training = true` |
    | stochastic depth and drop path in training: the random mask of whole samples and its scaling, in the forms torchvision, timm and transformers write (see `pt2.drop_path`) | `pt2.drop_path` with `training = true` |

    What cannot be recognised is marked, so that the mode passes refuse it
    instead of switching half of it: the nodes a decomposition left of a
    dropout without its probability (`aten.unswitchable` on the last of
    them), and a program after `run_decompositions()` in which nothing shows
    it was decomposed in training mode (on the function).

    The importer runs these rewrites on every program it reads; the pass is
    for IR of one's own, or imported with `--pt2-raise-mode-ops=false`.
    Nothing else changes: no folding, no dead-code removal, no reordering
    but the gathering of a recognised computation's nodes into its op.
  }];
  let dependentDialects = ["::mlir::pdl::PDLDialect",
                           "::mlir::pdl_interp::PDLInterpDialect",
                           "::mode::pt2::PT2Dialect"];
}

#endif // MODE_DIALECT_PT2_TRANSFORMS_PASSES_TD
