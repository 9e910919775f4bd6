# -*- Python -*-
# The lit configuration of the mode test suite.

import os

import lit.formats
import lit.util
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "MODE"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.mode_obj_root, "test")
config.excludes = ["CMakeLists.txt", "README.md", "lit.cfg.py", "lit.site.cfg.py",
                   "Inputs"]

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%shlibext", config.llvm_shlib_ext))
config.substitutions.append(("%mode_src_root", config.mode_src_root))
config.substitutions.append(("%mode_obj_root", config.mode_obj_root))
config.substitutions.append(("%mode_lib_dir", config.mode_lib_dir))
config.substitutions.append(("%python", config.python_executable))
# ModePlugin.so, for the stock mlir-opt's --load-dialect-plugin and
# --load-pass-plugin (test/Plugin/).
config.substitutions.append(("%mode_plugin", config.mode_plugin))
# What test/Install/ needs to install mode and build a project against it.
config.substitutions.append(("%cmake_generator", '"%s"' % config.cmake_generator))
config.substitutions.append(("%cmake", config.cmake_executable))
config.substitutions.append(("%cxx_compiler", config.cxx_compiler))

llvm_config.with_system_environment(["HOME", "INCLUDE", "LIB", "TMP", "TEMP"])
llvm_config.use_default_substitutions()
# FileCheck, not, count: Debian keeps them with lit, off the default PATH.
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)

tool_dirs = [config.mode_tools_dir, config.llvm_tools_dir]
tools = [
    "mode-opt",
    "mode-translate",
    "mode-pt2",
    "mode-archive-test",
    "mode-json-test",
    ToolSubst("mlir-opt", os.path.join(config.llvm_tools_dir, "mlir-opt"),
              unresolved="ignore"),
]
# Sanitizer builds: the stock mlir-opt is not instrumented; it loads the
# instrumented ModePlugin.so only with the ASan runtime preloaded, which its
# wrapper (fuzz/ModeRobustness.cmake) does.
if config.mode_mlir_opt_wrapper:
    tools = [t for t in tools if getattr(t, "key", t) != "mlir-opt"]
    tools.append(ToolSubst("mlir-opt", command=config.mode_mlir_opt_wrapper))
    # LLVM's BumpPtrAllocator, inlined into mode's instrumented code, poisons
    # the slabs it starts; the uninstrumented libMLIR.so allocates from the
    # same slabs without unpoisoning, and ASan then reports its own writes
    # (use-after-poison in StringAttr::get). Only the instrumented side can
    # be trusted with manual poisoning: turn it off (fuzz targets do too).
    config.environment["ASAN_OPTIONS"] = ":".join(
        filter(None, [os.environ.get("ASAN_OPTIONS"),
                      "allow_user_poisoning=0"]))
llvm_config.add_tool_substitutions(tools, tool_dirs)

# A bound on a run whose time must be linear in its input
# (test/Target/PT2/linear-time.test): many times what it takes, far less
# than a quadratic loop would; five times more in sanitizer builds, which
# are about that much slower.
config.substitutions.append(
    ("%linear_timeout",
     "timeout %d" % (300 if config.llvm_use_sanitizer else 60)))

# A Python with torch and torchao (test/CMakeLists.txt): the tests that run
# PyTorch itself.
if config.torch_python:
    config.available_features.add("torch")
    config.substitutions.append(("%torch_python", config.torch_python))
    # The extension mode._core is built for that Python (python/CMakeLists.txt):
    # the tests of the Python package.
    if config.mode_python_extension_for and os.path.realpath(
            config.mode_python_extension_for) == os.path.realpath(config.torch_python):
        config.available_features.add("mode-python")

# mode-fuzz linked with libFuzzer (LLVM_USE_SANITIZE_COVERAGE): the fuzz
# smoke run (test/Fuzz/smoke.test).
if lit.util.pythonize_bool(config.mode_fuzzer_linked):
    config.available_features.add("mode-fuzzer")
