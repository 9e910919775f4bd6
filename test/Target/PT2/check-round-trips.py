#!/usr/bin/env python3
"""Runs every archive of a folder through mode's tools and checks, with
compare-archives.py, what mode promises of them (the README says so too):

  lossless     mode-pt2 A -o B, and mode-translate --import-pt2 then
               --export-pt2, give A's model JSON as the same JSON value and
               every other entry byte for byte;
  reversible   for A exported in training (evaluation) mode, --to-eval
               (--to-train) then back gives A again, as separate runs on
               files; not for evaluation exports after run_decompositions()
               (`eval.decomposed`), which have lost what training needs,
               and refused for the training exports after it that nothing
               shows to be in training mode (UNPROVEN).

    check-round-trips.py BIN_DIR INPUTS OUT_DIR [lossless|reversible]

Prints `OK <name> <check>` or `FAIL <name> <check>: <why>` per archive, then
a count. Needs no torch.
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def run(args, **kwargs):
    return subprocess.run(args, capture_output=True, **kwargs)


def compare(a, b):
    result = run([sys.executable, os.path.join(HERE, "compare-archives.py"), a, b],
                 text=True)
    return None if result.returncode == 0 else result.stdout.strip().replace("\n", "; ")


def lossless(bin_dir, archive, out):
    pt2 = os.path.join(out, "pt2.pt2")
    result = run([os.path.join(bin_dir, "mode-pt2"), archive, "-o", pt2])
    if result.returncode:
        return "mode-pt2: " + result.stderr.decode()[:300]
    why = compare(archive, pt2)
    if why:
        return "mode-pt2: " + why
    mlir = os.path.join(out, "imported.mlir")
    translated = os.path.join(out, "translated.pt2")
    for args in ([ "--import-pt2", archive, "-o", mlir],
                 ["--export-pt2", mlir, "-o", translated]):
        result = run([os.path.join(bin_dir, "mode-translate")] + args)
        if result.returncode:
            return "mode-translate: " + result.stderr.decode()[:300]
    why = compare(archive, translated)
    return "mode-translate: " + why if why else None


# Training exports after run_decompositions() with no op in training form:
# nothing shows they were not decomposed in evaluation mode (which loses
# dropouts without a trace), so the way back is refused.
UNPROVEN = {
    "batchnorm2d_no_stats.train.decomposed.pt2":
        "a batch norm without running statistics is the same in both modes",
    "lstm.train.decomposed.pt2":
        "PyTorch's decomposition drops the LSTM's dropout in both modes",
    "reparameterize.train.decomposed.pt2":
        "a sampler, random in both modes, is all it holds",
}
REFUSAL = "nothing in it shows it was in training mode then"

# Models that draw random numbers by design (Inputs/libraries): --to-eval
# refuses them as they are, and switches them given keep-random= their
# module's class.
RANDOM_BY_DESIGN = {"reparameterize": "library_fixture_models.Reparameterize"}


def reversible(bin_dir, archive, out):
    name = os.path.basename(archive)
    if ".eval.decomposed." in name or (".train." not in name and ".eval." not in name):
        return "skip"
    # An evaluation export has lost the dropout probability of attention:
    # to-train takes one (the way back leaves no trace of it).
    to_train = "--to-train=attention-dropout=0.5"
    to_eval = "--to-eval"
    random_class = RANDOM_BY_DESIGN.get(name.split(".")[0])
    if random_class:
        result = run([os.path.join(bin_dir, "mode-pt2"), to_eval, archive, "-o",
                      os.path.join(out, "refused.pt2")])
        if result.returncode != 1 or b"draws random numbers" not in result.stderr:
            return f"mode-pt2 {to_eval} did not refuse what draws random numbers"
        to_eval = f"--to-eval=keep-random={random_class}"
    there, back = ((to_eval, to_train) if ".train." in name
                   else (to_train, to_eval))
    middle = os.path.join(out, "middle.pt2")
    final = os.path.join(out, "final.pt2")
    for flag, source, target in ((there, archive, middle), (back, middle, final)):
        result = run([os.path.join(bin_dir, "mode-pt2"), flag, source, "-o", target])
        if name in UNPROVEN and flag == back:
            refused = result.returncode == 1 and REFUSAL in result.stderr.decode()
            return None if refused else f"mode-pt2 {flag} did not refuse ({UNPROVEN[name]})"
        if result.returncode:
            return f"mode-pt2 {flag}: " + result.stderr.decode()[:300]
    why = compare(archive, final)
    return f"{there} then {back}: " + why if why else None


def main():
    bin_dir, inputs, out_dir = sys.argv[1:4]
    checks = sys.argv[4:] or ["lossless", "reversible"]
    failures = count = 0
    for name in sorted(os.listdir(inputs)):
        if not name.endswith(".pt2"):
            continue
        for check in checks:
            out = os.path.join(out_dir, name + "." + check)
            os.makedirs(out, exist_ok=True)
            why = globals()[check](bin_dir, os.path.join(inputs, name), out)
            if why == "skip":
                continue
            count += 1
            if why:
                failures += 1
                print(f"FAIL {name} {check}: {why}")
            else:
                print(f"OK {name} {check}")
    print(f"{count} checks, {failures} failures")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
