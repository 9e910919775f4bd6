"""torchvision, timm and transformers for the PyTorch suite, offline.

Import `torchvision`, `timm` and `transformers` through this module
(`real_libraries.torchvision()`, ...), never directly: it makes them
import beside the CPU torch 2.13.0 and forbids downloads.

Why torchvision needs help. PyPI's `torchvision==0.28.0` (the release for
torch 2.13) is built against the CUDA torch: its compiled extension
`_C.so` links `libtorch_cuda.so`, so beside the CPU torch
`torchvision/extension.py` cannot load it and goes on without the
`torchvision::` operators (`extension._has_ops()` is False). Every fake
kernel in `torchvision/_meta_registrations.py` is registered only when
those operators exist, except two: `nms` and `qnms` are registered with
`torch.library.register_fake("torchvision::nms")` unconditionally, which
raises "operator torchvision::nms does not exist", and `import
torchvision` fails. (`timm` imports torchvision, so it fails too.)

The workaround: when, and only when, `import torchvision` fails with that
error, define the two operators' schemas (no kernel, the same schemas as
torchvision's `csrc/ops/nms.cpp`) so that the fake kernels can be
registered, and import again. Nothing else changes: the model definitions
use none of torchvision's compiled operators, and calling one still
raises torchvision's own "Couldn't load custom C++ ops" error
(`torchvision.ops.nms` checks `_assert_has_ops()` first). The schemas are
defined only after the import failed, so a torchvision whose extension
does load (a CPU build) is imported untouched.

Offline: `HF_HUB_OFFLINE=1` makes huggingface_hub refuse any download.
Models are built from configs written in code, with random weights.
"""

from __future__ import annotations

import importlib
import os
import sys

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")

import torch  # noqa: E402

# The pinned releases (scripts/pytorch-python installs them).
VERSIONS = {"torchvision": "0.28.0", "timm": "1.0.29", "transformers": "5.18.0"}

_MISSING_OP = "operator torchvision::nms does not exist"
_NMS_SCHEMAS = (
    "nms(Tensor dets, Tensor scores, float iou_threshold) -> Tensor",
    "qnms(Tensor dets, Tensor scores, float iou_threshold) -> Tensor",
)
_shim_library = None  # the torch.library.Library holding the schemas, kept alive


def shimmed() -> bool:
    """Whether the nms schemas had to be defined for torchvision to import."""
    return _shim_library is not None


def torchvision():
    """`import torchvision`, defining the nms schemas first if it needs them."""
    global _shim_library
    try:
        return importlib.import_module("torchvision")
    except RuntimeError as exc:
        if _MISSING_OP not in str(exc) or _shim_library is not None:
            raise
    # The failed import left its submodules (torchvision.extension, which
    # tried to load _C.so) in sys.modules: start again from scratch.
    for name in [n for n in sys.modules if n == "torchvision" or n.startswith("torchvision.")]:
        del sys.modules[name]
    _shim_library = torch.library.Library("torchvision", "DEF")
    for schema in _NMS_SCHEMAS:
        _shim_library.define(schema)
    return importlib.import_module("torchvision")


def timm():
    torchvision()
    return importlib.import_module("timm")


def transformers():
    # transformers imports torchvision itself where it is installed
    # (image_utils), so torchvision needs its help first here too.
    torchvision()
    module = importlib.import_module("transformers")
    module.logging.set_verbosity_error()
    return module


def versions() -> dict[str, str]:
    """The installed versions of the three (from their metadata)."""
    from importlib.metadata import version
    return {name: version(name) for name in VERSIONS}


class NoNetwork:
    """A context in which opening a network connection raises: building a
    real-library model must not download anything (weights, configs)."""

    def __enter__(self):
        import socket
        self._saved = (socket.socket.connect, socket.create_connection, socket.getaddrinfo)

        def refuse(*args, **kwargs):
            raise OSError("test/PyTorch/real_libraries.py: no network while building a model "
                          f"(tried {args[1:] if len(args) > 1 else args})")

        socket.socket.connect = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse
        return self

    def __exit__(self, *exc):
        import socket
        socket.socket.connect, socket.create_connection, socket.getaddrinfo = self._saved
        return False
