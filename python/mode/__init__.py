"""mode from Python: switch a `torch.export` program between training and
evaluation mode.

    import mode

    ep = torch.export.export(model.train(), args)   # a training program
    ep_eval = mode.to_eval(ep)                      # ExportedProgram in, ExportedProgram out
    ep_train = mode.to_train(ep_eval)               # and back
    frozen = mode.to_eval(ep, ops=["batch_norm"])   # batch norms only (QAT, fine-tuning)
    ep_train = mode.to_train(torch.export.export(attention_model.eval(), args),
                             attention_dropout=0.1)  # the p an evaluation export lost

This is a drop-in for torchao's `move_exported_model_to_eval` /
`move_exported_model_to_train` for users of `ExportedProgram`. torchao's
functions rewrite `ep.module()` in place by pattern matching (dropout and
batch norm only, resetting p, momentum and eps to the pattern's
defaults); these return a new `ExportedProgram`, switch every
mode-dependent op, keep every argument, and leave the input untouched.
What they do on each model of the test zoo, side by side with torchao:
docs/pytorch-comparison.md.

How: the program is saved to memory (`torch.export.save` into a
BytesIO), the `mode-pt2` tool runs on it through standard input and
output, and its output is loaded back with `torch.export.load`. When
mode-pt2 fails (a program it cannot switch, for instance an evaluation
program after `run_decompositions()` whose dropouts PyTorch already
removed), the call raises `ModeError` with mode-pt2's message.

Which mode-pt2 runs (`find_mode_pt2`): the environment variable
`MODE_PT2` if set, else the one of the build tree this package comes
from, else `mode-pt2` on `PATH`.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path
from typing import Iterable, Optional, Sequence

__all__ = ["ModeError", "FAMILIES", "to_eval", "to_train", "run_mode_pt2", "find_mode_pt2"]

# The op families `ops=` can name: mode's registered ones (mode-pt2
# --to-eval=ops=NAME lists them when NAME is not one).
FAMILIES = ("attention", "batch_norm", "dropout", "instance_norm", "rnn", "rrelu")


class ModeError(RuntimeError):
    """mode-pt2 failed, or could not be found or run.

    `str(error)` is mode-pt2's own message (standard error); `returncode`
    and `command` say what ran (None when it could not run at all).
    """

    def __init__(self, message: str, returncode: Optional[int] = None,
                 command: Optional[Sequence[str]] = None) -> None:
        super().__init__(message)
        self.returncode = returncode
        self.command = list(command) if command is not None else None


def _build_tree_mode_pt2() -> Optional[Path]:
    """mode-pt2 of the build tree this package was imported from.

    In the build tree (`build/python/mode`), CMake writes `_build_config.py`
    with the path of the mode-pt2 it built. Imported from the source tree
    (`python/mode`), the default build folder `build/` next to it is tried.
    """
    try:
        from . import _build_config  # type: ignore[attr-defined]
        return Path(_build_config.MODE_PT2)
    except ImportError:
        return Path(__file__).resolve().parents[2] / "build" / "bin" / "mode-pt2"


def find_mode_pt2() -> str:
    """The mode-pt2 to run: $MODE_PT2, else the build tree's, else PATH's.

    Raises ModeError when $MODE_PT2 names no executable file, or when
    there is none at all.
    """
    env = os.environ.get("MODE_PT2")
    if env:
        if os.path.isfile(env) and os.access(env, os.X_OK):
            return env
        raise ModeError(f"MODE_PT2={env!r} is not an executable file")
    built = _build_tree_mode_pt2()
    if built is not None and built.is_file() and os.access(built, os.X_OK):
        return str(built)
    on_path = shutil.which("mode-pt2")
    if on_path:
        return on_path
    raise ModeError("mode-pt2 not found: set MODE_PT2, build mode (scripts/build), "
                    "or put mode-pt2 on PATH")


def _check_program(program) -> None:
    import torch

    if not isinstance(program, torch.export.ExportedProgram):
        hint = (" (a GraphModule such as ep.module() is what torchao's functions take; "
                "pass the ExportedProgram itself)"
                if isinstance(program, torch.fx.GraphModule) else "")
        raise TypeError(f"expected a torch.export.ExportedProgram, got "
                        f"{type(program).__name__}{hint}")


def run_mode_pt2(program, *options: str, mode_pt2: Optional[str] = None):
    """Runs `mode-pt2 <options>` on `program` and returns what it writes,
    loaded: the general form of `to_eval`/`to_train`. `options` are
    mode-pt2's (`--to-eval`, `--assert-eval`, `--pass-pipeline=...`).

    The input program is not changed. Raises ModeError with mode-pt2's
    message if it fails.
    """
    import torch

    _check_program(program)
    binary = mode_pt2 or find_mode_pt2()
    buffer = io.BytesIO()
    torch.export.save(program, buffer)
    command = [binary, *options, "-"]
    try:
        proc = subprocess.run(command, input=buffer.getvalue(), capture_output=True)
    except OSError as exc:
        raise ModeError(f"cannot run {binary}: {exc}", None, command) from exc
    if proc.returncode != 0:
        message = proc.stderr.decode(errors="replace").strip()
        raise ModeError(message or f"mode-pt2 exited {proc.returncode}", proc.returncode, command)
    return torch.export.load(io.BytesIO(proc.stdout))


def _switch(name: str, ops: Optional[Iterable[str]], **options: str) -> str:
    """`--to-eval`, `--to-train=ops=dropout,rnn attention-dropout=0.1`, ..."""
    given = []
    if ops is not None:
        ops = [ops] if isinstance(ops, str) else list(ops)
        if not ops:
            raise ValueError(f"ops= names no op family ({', '.join(FAMILIES)})")
        given.append(f"ops={','.join(ops)}")
    given += [f"{key}={value}" for key, value in options.items()]
    return f"--{name}=" + " ".join(given) if given else f"--{name}"


def to_eval(program, *, ops: Optional[Iterable[str]] = None, mode_pt2: Optional[str] = None):
    """`program` (a torch.export.ExportedProgram) in evaluation mode: a new
    ExportedProgram that computes what `model.eval()` computes.

    `ops` limits the switch to some op families (`FAMILIES`: `"attention"`,
    `"batch_norm"`, `"dropout"`, `"instance_norm"`, `"rnn"`, `"rrelu"`);
    by default all. An unknown name raises ModeError listing them.
    """
    return run_mode_pt2(program, _switch("to-eval", ops), mode_pt2=mode_pt2)


def to_train(program, *, ops: Optional[Iterable[str]] = None,
             attention_dropout: Optional[float] = None, mode_pt2: Optional[str] = None):
    """`program` in training mode: a new ExportedProgram that computes what
    `model.train()` computes (same random seed, same outputs) and updates
    the buffers as it does. Raises ModeError where the program no longer
    holds what training needs (see mode-pt2's message).

    `ops` limits the switch to some op families, as for `to_eval`.

    `attention_dropout` is the dropout probability (in [0, 1]) to give the
    attentions (`scaled_dot_product_attention`, which `nn.MultiheadAttention`
    and the Transformer layers call) whose training probability the program
    does not hold: an evaluation export writes them with `dropout_p` 0 and
    keeps no trace of `p`, so without it such a program raises ModeError.
    It is mode-pt2's `--to-train=attention-dropout=P`. An attention whose
    probability mode recorded (in a program that `to_eval` wrote) keeps it.
    """
    options = {}
    if attention_dropout is not None:
        if isinstance(attention_dropout, bool) or not isinstance(attention_dropout, (int, float)):
            raise TypeError(f"attention_dropout must be a number, not "
                            f"{type(attention_dropout).__name__}")
        options["attention-dropout"] = repr(float(attention_dropout))
    return run_mode_pt2(program, _switch("to-train", ops, **options), mode_pt2=mode_pt2)
