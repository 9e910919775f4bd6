"""The real model libraries the suite builds models from (torchvision,
timm, transformers) are the pinned releases and import beside the CPU
torch through real_libraries.py, whose workaround for torchvision is
applied exactly when torchvision needs it."""

import pytest
import torch

import real_libraries as R


def test_pinned_versions_are_installed():
    assert R.versions() == R.VERSIONS, \
        "scripts/pytorch-python --install installs the pinned releases"


def test_torchvision_needs_the_nms_schemas_exactly_when_its_ops_do_not_load():
    tv = R.torchvision()
    assert tv.extension._has_ops() != R.shimmed(), (
        f"torchvision's compiled ops load: {tv.extension._has_ops()}; nms schemas "
        f"defined by real_libraries: {R.shimmed()}")


def test_torchvision_ops_without_their_kernels_still_fail_loudly():
    """The schemas carry no kernel: a model that needs torchvision's compiled
    ops (nms in a detection model's evaluation) fails, it is not served by a
    stand-in."""
    tv = R.torchvision()
    if tv.extension._has_ops():
        pytest.skip("torchvision's compiled ops load here")  # a CPU build: nothing shimmed
    with pytest.raises(RuntimeError, match="Couldn't load custom C\\+\\+ ops"):
        tv.ops.nms(torch.rand(3, 4), torch.rand(3), 0.5)


def test_building_a_model_needs_no_network():
    """Configs written in code, random weights: nothing to download. Under
    NoNetwork a download would raise."""
    timm, transformers = R.timm(), R.transformers()
    with R.NoNetwork():
        timm.create_model("vit_tiny_patch16_224", pretrained=False, img_size=32, patch_size=8,
                          embed_dim=16, depth=1, num_heads=2)
        transformers.ConvNextModel(transformers.ConvNextConfig(
            num_channels=3, hidden_sizes=[8, 16], depths=[1, 1], num_stages=2))
        import socket
        with pytest.raises(OSError, match="no network"):
            socket.create_connection(("127.0.0.1", 9))
