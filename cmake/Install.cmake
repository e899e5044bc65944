# Installation (docs/REFERENCE.md section 1, issues 6 and 15):
#
#   cmake --install build --prefix P
#
# installs
#   P/lib/cdefer/cdefer-gcc-MAJOR.so     the GCC plugin, built for GCC MAJOR,
#   P/lib/cdefer/cdefer-gcc.so             and links to it: this one and
#   P/lib/cdefer/gcc-MAJOR/cdefer.so       gcc/cdefer.so (see below)
#   P/lib/cdefer/cdefer-clang-MAJOR.so   the Clang plugin, built for Clang MAJOR,
#   P/lib/cdefer/cdefer-clang.so           and links to it, likewise
#   P/lib/cdefer/clang-MAJOR/cdefer.so     and clang/cdefer.so
#   P/lib/libcdefer.a, P/lib/libcdefer.so  the panic/recover runtime
#     (libcdefer.so -> libcdefer.so.X -> libcdefer.so.X.Y.Z, X the SONAME's)
#   P/include/cdefer/*.h                 <stddefer.h>, <cdefer.h>
#   P/lib/pkgconfig/cdefer.pc, cdefer-gcc.pc, cdefer-clang.pc
#   P/lib/cmake/cdefer/                  find_package(cdefer): cdefer::cdefer
#   P/share/man/man7/cdefer.7, P/share/doc/cdefer/ (README.md, LICENSE,
#     CHANGELOG.md, docs/, examples/: the source tree's layout)
#
# (lib is CMAKE_INSTALL_LIBDIR, lib/x86_64-linux-gnu for a /usr prefix on
# Debian.)  Each part is installed only when it was built: a tree without
# the Clang development files installs no Clang plugin, and so on.
#
# Plugins carry the compiler major in their name so that one prefix can hold
# plugins for several compilers (build and install cdefer once per compiler:
# -DCDEFER_GCC=gcc-11, -DCDEFER_CLANG_VERSION=19); the CMake package picks
# the one matching the compiler in use.  Headers go to include/cdefer/, not
# include/, so that a compiler's own <stddefer.h> is not shadowed for users
# who do not ask for cdefer.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(CDEFER_INSTALL_PLUGINDIR "${CMAKE_INSTALL_LIBDIR}/cdefer" CACHE STRING
    "Where the plugins are installed, relative to the prefix")
set(CDEFER_INSTALL_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}/cdefer" CACHE STRING
    "Where the headers are installed, relative to the prefix")
set(CDEFER_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/cdefer" CACHE STRING
    "Where the CMake package is installed, relative to the prefix")
set(CDEFER_INSTALL_PKGCONFIGDIR "${CMAKE_INSTALL_LIBDIR}/pkgconfig" CACHE STRING
    "Where the pkg-config files are installed, relative to the prefix")

# The major version of the compiler a plugin was built for.
function(_cdefer_compiler_major compiler out)
  execute_process(COMMAND ${compiler} -dumpfullversion -dumpversion
                  OUTPUT_VARIABLE v OUTPUT_STRIP_TRAILING_WHITESPACE
                  RESULT_VARIABLE rc ERROR_QUIET)
  if(NOT rc EQUAL 0 OR NOT v MATCHES "^([0-9]+)")
    message(FATAL_ERROR "cdefer: cannot tell the version of ${compiler} (${v})")
  endif()
  set(${out} ${CMAKE_MATCH_1} PARENT_SCOPE)
endfunction()

# --- plugins ------------------------------------------------------------
set(_cdefer_installed_plugins "")
if(TARGET cdefer-gcc)
  _cdefer_compiler_major(${CDEFER_GCC} CDEFER_GCC_PLUGIN_MAJOR)
  list(APPEND _cdefer_installed_plugins "gcc;${CDEFER_GCC_PLUGIN_MAJOR}")
endif()
if(TARGET cdefer-clang)
  _cdefer_compiler_major(${CDEFER_CLANG} CDEFER_CLANG_PLUGIN_MAJOR)
  list(APPEND _cdefer_installed_plugins "clang;${CDEFER_CLANG_PLUGIN_MAJOR}")
endif()
set(_cdefer_default_compiler "")
while(_cdefer_installed_plugins)
  list(POP_FRONT _cdefer_installed_plugins kind major)
  if(NOT _cdefer_default_compiler)
    set(_cdefer_default_compiler ${kind})   # cdefer.pc: GCC's when there is one
  endif()
  install(FILES $<TARGET_FILE:cdefer-${kind}>
          DESTINATION ${CDEFER_INSTALL_PLUGINDIR}
          RENAME cdefer-${kind}-${major}.so
          PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ
                      GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
  # Links, the last install wins for the unversioned ones:
  #   cdefer-KIND.so       -> cdefer-KIND-MAJOR.so   (the README's name)
  #   KIND-MAJOR/cdefer.so -> ../cdefer-KIND-MAJOR.so
  #   KIND/cdefer.so       -> ../cdefer-KIND.so
  # GCC names a plugin after its file (minus the extension) and takes the
  # text of -fplugin-arg-NAME-KEY=V up to the first '-' as NAME: only a file
  # called cdefer.so can receive -fplugin-arg-cdefer-gcc-unwind=off (as key
  # gcc-unwind).  The flags cdefer's pkg-config files and CMake package give
  # therefore load KIND[-MAJOR]/cdefer.so (for Clang too, for uniformity).
  install(CODE "
    set(_dir \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CDEFER_INSTALL_PLUGINDIR}\")
    foreach(_link \"cdefer-${kind}.so:cdefer-${kind}-${major}.so\"
                  \"${kind}-${major}/cdefer.so:../cdefer-${kind}-${major}.so\"
                  \"${kind}/cdefer.so:../cdefer-${kind}.so\")
      string(REPLACE \":\" \";\" _link \"\${_link}\")
      list(GET _link 0 _name)
      list(GET _link 1 _target)
      message(STATUS \"Installing: \${_dir}/\${_name} -> \${_target}\")
      get_filename_component(_sub \"\${_dir}/\${_name}\" DIRECTORY)
      file(MAKE_DIRECTORY \"\${_sub}\")
      file(REMOVE \"\${_dir}/\${_name}\")
      file(CREATE_LINK \"\${_target}\" \"\${_dir}/\${_name}\" SYMBOLIC)
      list(APPEND CMAKE_INSTALL_MANIFEST_FILES \"\${_dir}/\${_name}\")
    endforeach()
  ")
endwhile()

# --- runtime ------------------------------------------------------------
set(CDEFER_PC_LIBS "")
if(TARGET cdefer_static AND TARGET cdefer_shared)
  install(TARGETS cdefer_static cdefer_shared
          ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
          LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
  # As needed: only programs that call panic/recover depend on libcdefer.so
  # (GCC on Debian links --as-needed anyway; Clang does not).
  set(CDEFER_PC_LIBS "-Wl,--push-state,--as-needed -lcdefer -Wl,--pop-state")
endif()

# --- headers, man page, docs --------------------------------------------
file(GLOB _cdefer_headers ${CDEFER_INCLUDE_DIR}/*.h)
install(FILES ${_cdefer_headers} DESTINATION ${CDEFER_INSTALL_INCLUDEDIR})
if(EXISTS ${CMAKE_SOURCE_DIR}/docs/cdefer.7)
  install(FILES ${CMAKE_SOURCE_DIR}/docs/cdefer.7 DESTINATION ${CMAKE_INSTALL_MANDIR}/man7)
endif()
# The documentation keeps the source tree's layout (README.md, docs/,
# docs/img/, examples/), so that its relative links work installed as they
# do in the repository (test/install/doc-links.test).  Of the SQLite port
# only its description: the rest fetches and patches SQLite.
file(GLOB _cdefer_docs ${CMAKE_SOURCE_DIR}/docs/*.md)
install(FILES ${CMAKE_SOURCE_DIR}/README.md ${CMAKE_SOURCE_DIR}/LICENSE
              ${CMAKE_SOURCE_DIR}/CHANGELOG.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${_cdefer_docs} DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/docs/img DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/examples/
        DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples
        PATTERN "port" EXCLUDE)
install(FILES ${CMAKE_SOURCE_DIR}/examples/port/PORT.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples/port)

# --- pkg-config ---------------------------------------------------------
# Written at install time.  Relocatable: prefix=${pcfiledir}/.., so the
# files work wherever the prefix is (--prefix P, DESTDIR, a moved tree).  pkg-config
# cannot see $CC, so there is one file per compiler:
#   pkg-config --cflags --libs cdefer-gcc      for gcc
#   pkg-config --cflags --libs cdefer-clang    for clang
#   pkg-config --cflags --libs cdefer-gcc-12   for gcc 12 (likewise
#                                              cdefer-clang-MAJOR), when a
#                                              prefix holds several majors
#   pkg-config --cflags --libs cdefer          the first of those installed
#                                              (gcc's), or any of them with
#                                              --define-variable=compiler=clang
set(_cdefer_pc_in ${CMAKE_CURRENT_LIST_DIR}/cdefer.pc.in)
# prefix=${pcfiledir}/../.. (one .. per component of the pkg-config dir);
# absolute install directories given by hand leave it absolute.
file(RELATIVE_PATH _cdefer_pc_up "/-/${CDEFER_INSTALL_PKGCONFIGDIR}" "/-")
string(REGEX REPLACE "/$" "" _cdefer_pc_up "${_cdefer_pc_up}")
# (Escaped once more for the install(CODE) below.)
set(_cdefer_pc_prefix "\\\${pcfiledir}/${_cdefer_pc_up}")
foreach(_d CDEFER_INSTALL_PKGCONFIGDIR CMAKE_INSTALL_LIBDIR CDEFER_INSTALL_INCLUDEDIR CDEFER_INSTALL_PLUGINDIR)
  if(IS_ABSOLUTE "${${_d}}")
    set(_cdefer_pc_prefix "")
  endif()
endforeach()
set(_cdefer_pc_variants "")
foreach(kind gcc clang)
  if(TARGET cdefer-${kind})
    string(TOUPPER ${kind} _k)
    list(APPEND _cdefer_pc_variants "cdefer-${kind}:${kind}:="
         "cdefer-${kind}-${CDEFER_${_k}_PLUGIN_MAJOR}:${kind}:${kind}-${CDEFER_${_k}_PLUGIN_MAJOR}")
  endif()
endforeach()
if(_cdefer_default_compiler)
  list(APPEND _cdefer_pc_variants "cdefer:${_cdefer_default_compiler}:=")
endif()
foreach(v ${_cdefer_pc_variants})
  string(REPLACE ":" ";" v "${v}")
  list(GET v 0 name)
  list(GET v 1 kind)
  list(GET v 2 subdir)
  if(subdir STREQUAL "=")       # KIND/cdefer.so, KIND from ${compiler}
    set(subdir "\\\${compiler}")
  endif()
  # Straight into the destination: installs to several prefixes from one
  # build tree may run at once.
  install(CODE "
    set(CDEFER_PC_PREFIX \"${_cdefer_pc_prefix}\")
    if(NOT CDEFER_PC_PREFIX)
      get_filename_component(CDEFER_PC_PREFIX \"\${CMAKE_INSTALL_PREFIX}\" ABSOLUTE)
    endif()
    set(CDEFER_PC_NAME ${name})
    set(CDEFER_PC_COMPILER ${kind})
    set(CDEFER_PC_PLUGINSUBDIR \"${subdir}\")
    set(CDEFER_PC_LIBDIR \"${CMAKE_INSTALL_LIBDIR}\")
    set(CDEFER_PC_INCLUDEDIR \"${CDEFER_INSTALL_INCLUDEDIR}\")
    set(CDEFER_PC_PLUGINDIR \"${CDEFER_INSTALL_PLUGINDIR}\")
    set(CDEFER_PC_VERSION \"${PROJECT_VERSION}\")
    set(CDEFER_PC_LIBS \"${CDEFER_PC_LIBS}\")
    set(_pc \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CDEFER_INSTALL_PKGCONFIGDIR}/${name}.pc\")
    message(STATUS \"Installing: \${_pc}\")
    configure_file(\"${_cdefer_pc_in}\" \"\${_pc}\" @ONLY)
    list(APPEND CMAKE_INSTALL_MANIFEST_FILES \"\${_pc}\")
  ")
endforeach()

# --- CMake package ------------------------------------------------------
configure_package_config_file(
  ${CMAKE_CURRENT_LIST_DIR}/cdeferConfig.cmake.in
  ${CMAKE_BINARY_DIR}/cdefer-cmake/cdeferConfig.cmake
  INSTALL_DESTINATION ${CDEFER_INSTALL_CMAKEDIR}
  PATH_VARS CDEFER_INSTALL_PLUGINDIR CDEFER_INSTALL_INCLUDEDIR CMAKE_INSTALL_LIBDIR)
# 0.x: a minor version may break compatibility.
write_basic_package_version_file(
  ${CMAKE_BINARY_DIR}/cdefer-cmake/cdeferConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/cdefer-cmake/cdeferConfig.cmake
              ${CMAKE_BINARY_DIR}/cdefer-cmake/cdeferConfigVersion.cmake
        DESTINATION ${CDEFER_INSTALL_CMAKEDIR})
