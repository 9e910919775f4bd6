# Install rules and the CMake package of mode, included last by the
# top-level CMakeLists.txt once every target exists.
#
# `cmake --install <build> --prefix P` gives
#   P/bin/mode-opt, P/bin/mode-translate, P/bin/mode-pt2
#   P/lib/libModeAtenDialect.a, P/lib/libModePT2Dialect.a,
#   P/lib/libModeAtenTransforms.a, P/lib/libModePT2Transforms.a,
#   P/lib/libModePT2Archive.a,
#   P/lib/libModeTargetPT2.a, P/lib/libModeSupport.a, P/lib/ModePlugin.so
#   P/include/mode/...            (headers, ODS, generated .h.inc)
#   P/lib/cmake/mode/             (ModeConfig.cmake, ModeTargets.cmake, version)
#   P/share/doc/mode/             (the generated dialect and pass reference)
# and another project uses it with `find_package(Mode CONFIG)` and the
# imported targets Mode::ModeAtenDialect, Mode::ModePT2Dialect,
# Mode::ModeAtenTransforms, Mode::ModePT2Transforms, Mode::ModePT2Archive, Mode::ModeTargetPT2 and
# Mode::ModeSupport.

include(CMakePackageConfigHelpers)

set(MODE_INSTALL_BINDIR bin)
set(MODE_INSTALL_LIBDIR lib${LLVM_LIBDIR_SUFFIX})
set(MODE_INSTALL_INCLUDEDIR include)
set(MODE_INSTALL_DOCDIR share/doc/mode)
set(MODE_INSTALL_CMAKEDIR ${MODE_INSTALL_LIBDIR}/cmake/mode)

# Installed binaries find libMLIR.so and libLLVM.so where the build found them:
# Debian keeps libMLIR.so out of the dynamic loader's search path, and LLVM's
# default install RPATH ($ORIGIN/../lib) only covers the install prefix.
set_target_properties(mode-opt mode-translate mode-pt2 ModePlugin PROPERTIES
  INSTALL_RPATH "\$ORIGIN/../${MODE_INSTALL_LIBDIR};${LLVM_LIBRARY_DIR}")

# add_mlir_library puts the libraries into MLIR's own export set, which is
# never installed; mode has its own, ModeTargets, under the Mode:: namespace.
install(TARGETS ModeAtenDialect ModePT2Dialect ModeAtenTransforms
  ModePT2Transforms ModePT2Archive ModeTargetPT2 ModeSupport
  EXPORT ModeTargets
  ARCHIVE DESTINATION ${MODE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${MODE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${MODE_INSTALL_INCLUDEDIR})
install(TARGETS ModePlugin mode-opt mode-translate mode-pt2
  EXPORT ModeTargets
  LIBRARY DESTINATION ${MODE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${MODE_INSTALL_BINDIR})

# Headers: the hand-written ones and the ODS from the source tree, the
# TableGen-generated declarations from the build tree.
install(DIRECTORY ${MODE_SOURCE_DIR}/include/mode
  DESTINATION ${MODE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.h" PATTERN "*.td")
install(DIRECTORY ${MODE_BINARY_DIR}/include/mode
  DESTINATION ${MODE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.h.inc"
  PATTERN "CMakeFiles" EXCLUDE)

# The reference docs generated from ODS and Passes.td: the committed copies,
# which the test suite keeps identical to what this build generates.
install(DIRECTORY ${MODE_SOURCE_DIR}/docs/reference/
  DESTINATION ${MODE_INSTALL_DOCDIR}
  FILES_MATCHING PATTERN "*.md")

install(EXPORT ModeTargets
  NAMESPACE Mode::
  FILE ModeTargets.cmake
  DESTINATION ${MODE_INSTALL_CMAKEDIR})

configure_package_config_file(
  ${MODE_SOURCE_DIR}/cmake/ModeConfig.cmake.in
  ${MODE_BINARY_DIR}/cmake/ModeConfig.cmake
  INSTALL_DESTINATION ${MODE_INSTALL_CMAKEDIR}
  PATH_VARS MODE_INSTALL_INCLUDEDIR MODE_INSTALL_DOCDIR)
# The libraries are built against one LLVM/MLIR release; a different minor
# version is a different ABI.
write_basic_package_version_file(
  ${MODE_BINARY_DIR}/cmake/ModeConfigVersion.cmake
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMinorVersion)
install(FILES
  ${MODE_BINARY_DIR}/cmake/ModeConfig.cmake
  ${MODE_BINARY_DIR}/cmake/ModeConfigVersion.cmake
  DESTINATION ${MODE_INSTALL_CMAKEDIR})
