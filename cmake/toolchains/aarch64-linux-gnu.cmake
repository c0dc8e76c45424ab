# Cross-compiling xact for 64-bit ARM (NEON) with Debian's g++-aarch64-linux-gnu; the tests and
# the benchmark run under qemu-aarch64 (qemu-user). Use:
#   cmake -S . -B build/aarch64 -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/aarch64-linux-gnu.cmake
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)
find_program(XACT_QEMU_AARCH64 qemu-aarch64)
if(XACT_QEMU_AARCH64)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${XACT_QEMU_AARCH64} -L /usr/aarch64-linux-gnu)
endif()
# xsimd and Catch2 are header-only: Debian's host (amd64) packages serve the cross build too
foreach(_xact_pkg xsimd)
  if(NOT DEFINED ${_xact_pkg}_DIR AND EXISTS /usr/lib/x86_64-linux-gnu/cmake/${_xact_pkg})
    set(${_xact_pkg}_DIR /usr/lib/x86_64-linux-gnu/cmake/${_xact_pkg} CACHE PATH "")
  endif()
endforeach()
