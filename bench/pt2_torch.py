#!/usr/bin/env python3
"""The PyTorch side of the .pt2 benchmark (bench/run_pt2.py); needs torch
2.13 and, for `jobs`, torchao 0.18.

    pt2_torch.py export (MODEL MODE OUT)...
                                          torch.export.save of models of
                                          pt2_models.py in train()/eval()
    pt2_torch.py jobs JOBS.json           runs the jobs, one JSON line each
    pt2_torch.py check-generator DIR      bench/gen_pt2.py against
                                          torch.export.save of WideResNet

A job is {"kind": "switch", "to": "eval"|"train", "in": ..., "out": ...}:
what a torchao user does today, timed step by step in this process
(`torch.export.load`, `ep.module()`, torchao's
`move_exported_model_to_eval/_train`, then `torch.export.export` of the
result on the archive's example inputs and `torch.export.save`, where that
export succeeds), or {"kind": "roundtrip", "in": ..., "out": ...}:
`torch.export.load` then `torch.export.save`. Before the jobs, one switch of
a small model warms torch.export and torchao up, so that the first job does
not pay their one-time costs.
"""

import json
import os
import sys
import tempfile
import time
import warnings
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import torch  # noqa: E402

import gen_pt2  # noqa: E402
import pt2_models  # noqa: E402


def switch_function(to):
    from torchao.quantization.pt2e import (move_exported_model_to_eval,
                                           move_exported_model_to_train)
    return move_exported_model_to_eval if to == "eval" else \
        move_exported_model_to_train


def run_switch(job):
    times = {}
    start = time.perf_counter()
    ep = torch.export.load(job["in"])
    times["load"] = time.perf_counter() - start
    start = time.perf_counter()
    module = ep.module()
    times["module"] = time.perf_counter() - start
    switch = switch_function(job["to"])
    start = time.perf_counter()
    switch(module)
    times["switch"] = time.perf_counter() - start
    result = {"job": job, "times": times}
    try:
        args, kwargs = ep.example_inputs
        start = time.perf_counter()
        exported = torch.export.export(module, args, kwargs)
        times["export"] = time.perf_counter() - start
        start = time.perf_counter()
        torch.export.save(exported, job["out"])
        times["save"] = time.perf_counter() - start
        result["exported"] = True
    except Exception as e:  # what torch.export says is the finding
        result["exported"] = False
        result["error"] = f"{type(e).__name__}: {str(e).splitlines()[0][:200]}"
    return result


def run_roundtrip(job):
    times = {}
    start = time.perf_counter()
    ep = torch.export.load(job["in"])
    times["load"] = time.perf_counter() - start
    start = time.perf_counter()
    torch.export.save(ep, job["out"])
    times["save"] = time.perf_counter() - start
    return {"job": job, "times": times}


def warm_up():
    """One switch of a small model, with every step of run_switch."""
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "warm.pt2")
        pt2_models.export("resnet50_small", "train", path)
        run_switch({"kind": "switch", "to": "eval", "in": path,
                    "out": os.path.join(d, "out.pt2")})


def jobs(path):
    with open(path) as f:
        todo = json.load(f)
    warm_up()
    for job in todo:
        run = run_switch if job["kind"] == "switch" else run_roundtrip
        print(json.dumps(run(job)), flush=True)


def check_generator(directory):
    """gen_pt2.py writes what torch.export.save writes for WideResNet, but
    for the container, the sample inputs, the serialization id and the
    convolution weights (gen_pt2.py's docstring); torch.export.load loads it
    and the module runs."""
    site = os.path.dirname(os.path.dirname(torch.__file__)) + os.sep
    blocks, channels = 3, 4
    same_as_torch = {"models/model.json", "data/weights/model_weights_config.json",
                     "data/constants/model_constants_config.json",
                     "archive_format", "archive_version", ".data/version",
                     "byteorder"}
    for form in ("train", "eval"):
        torch.manual_seed(0)
        model = pt2_models.WideResNet(blocks, channels)
        getattr(model, form)()
        x = torch.randn(1, channels, gen_pt2.HEIGHT, gen_pt2.WIDTH)
        real = os.path.join(directory, f"torch.{form}.pt2")
        ours = os.path.join(directory, f"gen.{form}.pt2")
        torch.export.save(torch.export.export(model, (x,)), real)
        gen_pt2.write(ours, blocks, channels, form)
        with zipfile.ZipFile(real) as a, zipfile.ZipFile(ours) as b:
            names_a = [n.split("/", 1)[1] for n in a.namelist()]
            names_b = [n.split("/", 1)[1] for n in b.namelist()]
            if names_a != names_b:
                sys.exit(f"error: {form}: entries differ:\n{names_a}\n{names_b}")
            for name, full_a, full_b in zip(names_a, a.namelist(), b.namelist()):
                data_a, data_b = a.read(full_a), b.read(full_b)
                if name == "models/model.json":
                    # Stack traces: the site-packages prefix and the checkout.
                    data_a = data_a.decode().replace(site, "").replace(
                        ROOT + os.sep, "").encode()
                if name.startswith("data/weights/weight_"):
                    if len(data_a) != len(data_b):
                        sys.exit(f"error: {form}: {name} has {len(data_b)} "
                                 f"bytes, torch writes {len(data_a)}")
                elif name in same_as_torch and data_a != data_b:
                    sys.exit(f"error: {form}: {name} differs from torch's")
        ep = torch.export.load(ours)
        out = ep.module()(x)
        if tuple(out.shape) != tuple(x.shape):
            sys.exit(f"error: {form}: the loaded module gives {out.shape}")
    print(f"generator: WideResNet({blocks}, {channels}) as torch.export.save "
          "writes it (train, eval); torch.export.load loads and runs it")


def main(argv):
    warnings.simplefilter("ignore")
    command = argv[0] if argv else ""
    if command == "export" and len(argv) > 1 and len(argv) % 3 == 1:
        for i in range(1, len(argv), 3):
            pt2_models.export(argv[i], argv[i + 1], argv[i + 2])
    elif command == "jobs" and len(argv) == 2:
        jobs(argv[1])
    elif command == "check-generator" and len(argv) == 2:
        check_generator(argv[1])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
