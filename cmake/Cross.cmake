# Cross builds: included by the top CMakeLists.txt before project().
#
#   cmake -B build-aarch64 -DCDEFER_GCC=aarch64-linux-gnu-gcc-12
#
# When CDEFER_GCC names a compiler for another machine than the host's gcc
# (its -dumpmachine differs), that compiler also builds libcdefer, for its
# target: CMAKE_C_COMPILER is set to it.  cdefer-gcc.so stays host code (the
# cross cc1 that loads it runs on the host), built by the host's C++
# compiler against the cross compiler's plugin headers
# (gcc-12-plugin-dev-ARCH).  cdefer-clang.so needs no cross build: the host
# Clang loads it with --target=.  CDEFER_TARGET (the triple, empty for a
# native build) tells the tests (test/lit/cross.py) to compile for the
# target and run the programs under qemu-user.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
set(CDEFER_TARGET "")
if(CDEFER_GCC AND NOT CMAKE_TOOLCHAIN_FILE)
  execute_process(COMMAND ${CDEFER_GCC} -dumpmachine OUTPUT_VARIABLE _cdefer_target
                  OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE _rc ERROR_QUIET)
  execute_process(COMMAND gcc -dumpmachine OUTPUT_VARIABLE _cdefer_host
                  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(_rc EQUAL 0 AND _cdefer_target AND NOT _cdefer_target STREQUAL _cdefer_host)
    set(CDEFER_TARGET ${_cdefer_target})
    if(NOT CMAKE_C_COMPILER)
      set(CMAKE_C_COMPILER ${CDEFER_GCC} CACHE FILEPATH "C compiler (libcdefer): the cross GCC")
    endif()
    message(STATUS "cdefer: cross build for ${_cdefer_target} with ${CDEFER_GCC}")
  endif()
endif()
