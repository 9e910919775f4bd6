"""pytest configuration of the PyTorch suite: one `Suite` per session.

The suite needs torch 2.13.0 and torchao 0.18.0 (scripts/check installs
them) and a built mode-pt2: $MODE_PT2, else build/bin/mode-pt2. CTest
runs it (test/CMakeLists.txt, test `mode-pytorch`); by hand:

    python3 -m pytest test/PyTorch -q

$MODE_PYTORCH_WORKDIR keeps the archives the suite writes (PyTorch's
exports and mode-pt2's outputs) in a folder of your choice; failures name
them, so that a command can be rerun by hand.
"""

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness  # noqa: E402


@pytest.fixture(scope="session")
def suite(tmp_path_factory) -> harness.Suite:
    workdir = os.environ.get("MODE_PYTORCH_WORKDIR")
    if workdir:
        path = Path(workdir)
        path.mkdir(parents=True, exist_ok=True)
    else:
        path = tmp_path_factory.mktemp("archives")
    return harness.Suite(path)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Where the time went: exporting, loading and running, mode-pt2."""
    suite = getattr(config, "_mode_suite", None)
    if suite is not None and suite.seconds:
        parts = ", ".join(f"{k} {v:.0f} s" for k, v in sorted(suite.seconds.items()))
        terminalreporter.write_line(f"mode PyTorch suite time: {parts}")


@pytest.fixture(scope="session", autouse=True)
def _remember_suite(request, suite):
    request.config._mode_suite = suite
