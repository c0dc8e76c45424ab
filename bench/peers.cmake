# Peer libraries for the benchmark (oneDNN, XNNPACK, Eigen, SLEEF, PyTorch's ATen), detected at
# configure time.
#
# include() this file from a CMakeLists.txt; it needs no variables set beforehand (sources
# are found next to this file). It defines:
#   xact_bench_peers        STATIC library: peers.hpp API; always builds, a peer that is
#                           missing gets stubs (*_available() == false)
#   xact_peers_check        small executable that checks and times the adapters
#   XACT_BENCH_HAVE_ONEDNN, XACT_BENCH_HAVE_XNNPACK, XACT_BENCH_HAVE_EIGEN, XACT_BENCH_HAVE_SLEEF,
#   XACT_BENCH_HAVE_TORCH   ON/OFF, also compile definitions (1/0)
# Options XACT_BENCH_ONEDNN, XACT_BENCH_XNNPACK, XACT_BENCH_EIGEN, XACT_BENCH_SLEEF and
# XACT_BENCH_TORCH (default ON) turn a peer off.
# oneDNN from Debian runs on OpenMP: run benchmarks with OMP_NUM_THREADS=1.

option(XACT_BENCH_ONEDNN "Compare against oneDNN in the benchmark when it is found" ON)
option(XACT_BENCH_XNNPACK "Compare against XNNPACK in the benchmark when it is found" ON)
option(XACT_BENCH_EIGEN "Compare against Eigen's array functions in the benchmark when found" ON)
option(XACT_BENCH_SLEEF "Compare against SLEEF's vector functions in the benchmark when found" ON)
option(XACT_BENCH_TORCH "Compare against PyTorch's ATen (libtorch) in the benchmark when found" ON)

set(_xact_peers_dir ${CMAKE_CURRENT_LIST_DIR})
add_library(xact_bench_peers STATIC
  ${_xact_peers_dir}/peer_onednn.cpp
  ${_xact_peers_dir}/peer_xnnpack.cpp
  ${_xact_peers_dir}/peer_eigen.cpp
  ${_xact_peers_dir}/peer_sleef.cpp
  ${_xact_peers_dir}/peer_torch.cpp)
target_include_directories(xact_bench_peers PUBLIC ${_xact_peers_dir})
target_compile_features(xact_bench_peers PUBLIC cxx_std_17)

# -- oneDNN --
set(XACT_BENCH_HAVE_ONEDNN OFF)
if(XACT_BENCH_ONEDNN)
  # Debian's dnnl config (GPU runtime OCL) runs find_package(OpenCL REQUIRED), which would
  # stop the whole configuration when the OpenCL headers (opencl-c-headers,
  # ocl-icd-opencl-dev) are missing: check first and skip oneDNN instead.
  set(_xact_dnnl_blocked OFF)
  find_package(OpenCL QUIET)
  if(NOT OpenCL_FOUND)
    foreach(_p ${dnnl_DIR} ${CMAKE_PREFIX_PATH} ${CMAKE_SYSTEM_PREFIX_PATH})
      foreach(_f dnnl-config.cmake lib/${CMAKE_LIBRARY_ARCHITECTURE}/cmake/dnnl/dnnl-config.cmake
                 lib/cmake/dnnl/dnnl-config.cmake lib64/cmake/dnnl/dnnl-config.cmake)
        if(EXISTS ${_p}/${_f})
          file(STRINGS ${_p}/${_f} _l REGEX "DNNL_GPU_RUNTIME \"OCL\"")
          if(_l)
            set(_xact_dnnl_blocked ON)
          endif()
        endif()
      endforeach()
    endforeach()
    unset(_p)
    unset(_f)
    unset(_l)
  endif()
  if(NOT _xact_dnnl_blocked)
    find_package(dnnl CONFIG QUIET)
  endif()
  if(_xact_dnnl_blocked)
    message(STATUS "xact bench: oneDNN not found (its CMake config needs OpenCL headers), skipped")
  elseif(dnnl_FOUND AND TARGET DNNL::dnnl)
    set(XACT_BENCH_HAVE_ONEDNN ON)
    target_link_libraries(xact_bench_peers PRIVATE DNNL::dnnl)
    # An OpenMP build of oneDNN is kept to one thread through omp_set_num_threads.
    if(DNNL_CPU_THREADING_RUNTIME STREQUAL "OMP")
      find_package(OpenMP QUIET COMPONENTS CXX)
      if(OpenMP_CXX_FOUND)
        target_link_libraries(xact_bench_peers PRIVATE OpenMP::OpenMP_CXX)
        target_compile_definitions(xact_bench_peers PRIVATE XACT_BENCH_ONEDNN_OMP=1)
      else()
        message(STATUS "xact bench: oneDNN uses OpenMP; run with OMP_NUM_THREADS=1")
      endif()
    endif()
    message(STATUS "xact bench: oneDNN found (${dnnl_VERSION}, ${DNNL_CPU_THREADING_RUNTIME} threading)")
  else()
    message(STATUS "xact bench: oneDNN not found, skipped")
  endif()
else()
  message(STATUS "xact bench: oneDNN disabled, skipped")
endif()

# -- XNNPACK (no CMake config in Debian) --
set(XACT_BENCH_HAVE_XNNPACK OFF)
if(XACT_BENCH_XNNPACK)
  find_path(XACT_XNNPACK_INCLUDE_DIR xnnpack.h)
  find_library(XACT_XNNPACK_LIBRARY XNNPACK)
  mark_as_advanced(XACT_XNNPACK_INCLUDE_DIR XACT_XNNPACK_LIBRARY)
  if(XACT_XNNPACK_INCLUDE_DIR AND XACT_XNNPACK_LIBRARY)
    set(XACT_BENCH_HAVE_XNNPACK ON)
    # The shared library carries its own cpuinfo/pthreadpool dependencies; only the
    # pthreadpool.h header that xnnpack.h includes may be missing (Debian's libxnnpack-dev
    # does not pull in libpthreadpool-dev). xnnpack.h only needs the pthreadpool_t type.
    find_path(XACT_PTHREADPOOL_INCLUDE_DIR pthreadpool.h)
    mark_as_advanced(XACT_PTHREADPOOL_INCLUDE_DIR)
    if(NOT XACT_PTHREADPOOL_INCLUDE_DIR)
      set(_xact_shim ${CMAKE_CURRENT_BINARY_DIR}/xact_pthreadpool_shim)
      file(WRITE ${_xact_shim}/pthreadpool.h
        "/* Stand-in for the missing pthreadpool.h: the opaque handle type only. */\n"
        "#pragma once\ntypedef struct pthreadpool* pthreadpool_t;\n")
      target_include_directories(xact_bench_peers SYSTEM PRIVATE ${_xact_shim})
    endif()
    target_include_directories(xact_bench_peers SYSTEM PRIVATE ${XACT_XNNPACK_INCLUDE_DIR})
    target_link_libraries(xact_bench_peers PRIVATE ${XACT_XNNPACK_LIBRARY})
    message(STATUS "xact bench: XNNPACK found (${XACT_XNNPACK_LIBRARY})")
  else()
    message(STATUS "xact bench: XNNPACK not found, skipped")
  endif()
else()
  message(STATUS "xact bench: XNNPACK disabled, skipped")
endif()

# -- Eigen 3.4 (header only) --
set(XACT_BENCH_HAVE_EIGEN OFF)
if(XACT_BENCH_EIGEN)
  find_package(Eigen3 3.4 CONFIG QUIET)
  if(Eigen3_FOUND AND TARGET Eigen3::Eigen)
    set(XACT_BENCH_HAVE_EIGEN ON)
    target_link_libraries(xact_bench_peers PRIVATE Eigen3::Eigen)
    message(STATUS "xact bench: Eigen found (${Eigen3_VERSION})")
  else()
    message(STATUS "xact bench: Eigen 3.4 not found, skipped")
  endif()
else()
  message(STATUS "xact bench: Eigen disabled, skipped")
endif()

# -- SLEEF (no CMake config in Debian; x86 vector functions only) --
set(XACT_BENCH_HAVE_SLEEF OFF)
if(XACT_BENCH_SLEEF)
  find_path(XACT_SLEEF_INCLUDE_DIR sleef.h)
  find_library(XACT_SLEEF_LIBRARY sleef)
  mark_as_advanced(XACT_SLEEF_INCLUDE_DIR XACT_SLEEF_LIBRARY)
  if(XACT_SLEEF_INCLUDE_DIR AND XACT_SLEEF_LIBRARY AND CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64|amd64")
    set(XACT_BENCH_HAVE_SLEEF ON)
    target_include_directories(xact_bench_peers SYSTEM PRIVATE ${XACT_SLEEF_INCLUDE_DIR})
    target_link_libraries(xact_bench_peers PRIVATE ${XACT_SLEEF_LIBRARY})
    message(STATUS "xact bench: SLEEF found (${XACT_SLEEF_LIBRARY})")
  else()
    message(STATUS "xact bench: SLEEF not found (or not x86-64), skipped")
  endif()
else()
  message(STATUS "xact bench: SLEEF disabled, skipped")
endif()

# -- PyTorch ATen (libtorch) --
set(XACT_BENCH_HAVE_TORCH OFF)
if(XACT_BENCH_TORCH)
  find_package(Torch CONFIG QUIET)
  if(Torch_FOUND AND TARGET torch)
    set(XACT_BENCH_HAVE_TORCH ON)
    target_link_libraries(xact_bench_peers PRIVATE torch)
    message(STATUS "xact bench: PyTorch ATen found (${Torch_VERSION}${TORCH_VERSION})")
  else()
    message(STATUS "xact bench: PyTorch (libtorch) not found, skipped")
  endif()
else()
  message(STATUS "xact bench: PyTorch disabled, skipped")
endif()

foreach(_p ONEDNN XNNPACK EIGEN SLEEF TORCH)
  if(XACT_BENCH_HAVE_${_p})
    target_compile_definitions(xact_bench_peers PUBLIC XACT_BENCH_HAVE_${_p}=1)
  else()
    target_compile_definitions(xact_bench_peers PUBLIC XACT_BENCH_HAVE_${_p}=0)
  endif()
endforeach()
unset(_p)

add_executable(xact_peers_check ${_xact_peers_dir}/peers_check.cpp)
target_link_libraries(xact_peers_check PRIVATE xact_bench_peers)

# Warnings as for xact's other executables (xact_warnings.cmake), or the same flags directly.
foreach(_xact_t xact_bench_peers xact_peers_check)
  if(COMMAND xact_project_options)
    xact_project_options(${_xact_t})
  elseif(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${_xact_t} PRIVATE -Wall -Wextra -Wpedantic)
  endif()
endforeach()
unset(_xact_t)
unset(_xact_shim)
unset(_xact_peers_dir)
