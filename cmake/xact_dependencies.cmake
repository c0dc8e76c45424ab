# Dependencies: the installed package first, then a FetchContent fallback from upstream for
# systems that do not ship it. The fallbacks pin released tags.
include(FetchContent)
include(${CMAKE_CURRENT_LIST_DIR}/xact_xsimd.cmake)

# No version in the call: xsimd's package version file accepts only its own major version, and
# xact supports 8 up to the newest (14); older is refused below.
find_package(xsimd QUIET)
if(xsimd_FOUND AND xsimd_VERSION VERSION_LESS 8)
  message(FATAL_ERROR "xact needs xsimd 8 or newer; found ${xsimd_VERSION} in ${xsimd_DIR}")
endif()
if(xsimd_FOUND)
  xact_fix_xsimd_xtl()
  message(STATUS "xact: xsimd ${xsimd_VERSION} from ${xsimd_DIR}")
else()
  message(STATUS "xact: xsimd not found, fetching it")
  FetchContent_Declare(xsimd GIT_REPOSITORY https://github.com/xtensor-stack/xsimd.git
                             GIT_TAG 13.2.0 GIT_SHALLOW TRUE)
  FetchContent_MakeAvailable(xsimd)
endif()

# Test and benchmark dependencies: only wanted when xact builds its own tests or benchmarks.
macro(xact_find_catch2)
  find_package(Catch2 3 QUIET)
  if(NOT Catch2_FOUND)
    find_package(Catch2 2 QUIET)
  endif()
  if(Catch2_FOUND)
    list(APPEND CMAKE_MODULE_PATH "${Catch2_DIR}")
    message(STATUS "xact: Catch2 ${Catch2_VERSION} from ${Catch2_DIR}")
  else()
    message(STATUS "xact: Catch2 not found, fetching it")
    FetchContent_Declare(Catch2 GIT_REPOSITORY https://github.com/catchorg/Catch2.git
                                GIT_TAG v3.7.1 GIT_SHALLOW TRUE)
    FetchContent_MakeAvailable(Catch2)
    set(Catch2_VERSION 3)
    list(APPEND CMAKE_MODULE_PATH "${catch2_SOURCE_DIR}/extras")
  endif()
endmacro()

macro(xact_find_benchmark)
  find_package(benchmark QUIET)
  if(benchmark_FOUND)
    message(STATUS "xact: Google Benchmark ${benchmark_VERSION} from ${benchmark_DIR}")
  else()
    message(STATUS "xact: Google Benchmark not found, fetching it")
    set(BENCHMARK_ENABLE_TESTING OFF CACHE BOOL "" FORCE)
    set(BENCHMARK_ENABLE_GTEST_TESTS OFF CACHE BOOL "" FORCE)
    FetchContent_Declare(benchmark GIT_REPOSITORY https://github.com/google/benchmark.git
                                   GIT_TAG v1.9.1 GIT_SHALLOW TRUE)
    FetchContent_MakeAvailable(benchmark)
  endif()
endmacro()
