"""What a user of `pip install .` does first, in the environment pip
installed into (scripts/check-package): import mode (the installed package,
not a build tree's), switch a model in both forms, and run the commands pip
put on PATH. Exits 1 with the reason when something is off.
"""

import shutil
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

import torch

import mode


def check(ok: bool, what: str) -> None:
    if not ok:
        sys.exit(f"package: FAIL: {what}")


def main() -> None:
    warnings.simplefilter("ignore")
    prefix = Path(sys.prefix).resolve()
    check(prefix in Path(mode.__file__).resolve().parents,
          f"mode is imported from {mode.__file__}, not from this environment ({prefix})")
    check(mode._core is not None, f"mode._core does not load: {mode._CORE_ERROR}")
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(6, 8), torch.nn.BatchNorm1d(8, momentum=0.3),
                                torch.nn.ReLU(), torch.nn.Dropout(0.4), torch.nn.Linear(8, 2))
    x = torch.randn(4, 6)
    ep = torch.export.export(model.train(), (x,))
    with torch.no_grad():
        expected = model.eval()(x)

    program = mode.to_eval(ep)
    check(torch.equal(program.module()(x), expected), "mode.to_eval(ep) does not compute m.eval()")
    module = ep.module()
    check(mode.to_eval(module) is module and torch.equal(module(x), expected),
          "mode.to_eval(ep.module()) is not m.eval(), in place")
    check(mode.find_mode_pt2() == shutil.which("mode-pt2"), "mode-pt2 is not the one on PATH")

    with tempfile.TemporaryDirectory() as folder:
        source, switched = Path(folder, "model.pt2"), Path(folder, "model.eval.pt2")
        torch.export.save(ep, source)
        for tool in ("mode-pt2", "mode-opt", "mode-translate"):
            found = shutil.which(tool)
            check(found is not None and Path(found).parent == Path(sys.executable).parent,
                  f"{tool} is not on PATH beside this Python ({found})")
            subprocess.run([tool, "--version"], check=True, capture_output=True)
        subprocess.run(["mode-pt2", "--to-eval", str(source), "-o", str(switched)], check=True)
        loaded = torch.export.load(switched)
        check(torch.equal(loaded.module()(x), expected),
              "mode-pt2 --to-eval does not give m.eval()")
    print(f"package: ok (mode from {Path(mode.__file__).parent}, torch {torch.__version__})")


if __name__ == "__main__":
    main()
