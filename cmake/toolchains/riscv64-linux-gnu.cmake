# Cross-compiling xact for 64-bit RISC-V (rv64gc, no vector extension) with Debian's
# g++-riscv64-linux-gnu: xsimd has no architecture there, so the kernels run the scalar fallback
# (detail::scalar_arch). The tests run under qemu-riscv64 (qemu-user). Use:
#   cmake -S . -B build/riscv64 -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/riscv64-linux-gnu.cmake
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR riscv64)
set(CMAKE_C_COMPILER riscv64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER riscv64-linux-gnu-g++)
set(CMAKE_CXX_FLAGS_INIT -march=rv64gc)
set(CMAKE_LIBRARY_ARCHITECTURE riscv64-linux-gnu)
find_program(XACT_QEMU_RISCV64 qemu-riscv64)
if(XACT_QEMU_RISCV64)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${XACT_QEMU_RISCV64} -L /usr/riscv64-linux-gnu)
endif()
# xsimd and Catch2 are header-only: Debian's host (amd64) packages serve the cross build too
foreach(_xact_pkg xsimd)
  if(NOT DEFINED ${_xact_pkg}_DIR AND EXISTS /usr/lib/x86_64-linux-gnu/cmake/${_xact_pkg})
    set(${_xact_pkg}_DIR /usr/lib/x86_64-linux-gnu/cmake/${_xact_pkg} CACHE PATH "")
  endif()
endforeach()
