# ctest fast_math_rejected: <xact/xact.hpp> compiles with IEEE semantics and stops with its #error
# under each fast-math option (which would otherwise give silent wrong answers), while
# <xact/runtime.hpp>, the compiled kernels, compiles under -ffast-math.
# Inputs: CXX, INCLUDE_DIR, XSIMD_INCLUDE (may be empty), SOURCE.
set(common -std=c++17 -fsyntax-only -I${INCLUDE_DIR})
if(XSIMD_INCLUDE)
  list(APPEND common -I${XSIMD_INCLUDE})
endif()
execute_process(COMMAND ${CXX} ${common} ${SOURCE} RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "xact does not compile without fast-math:\n${err}")
endif()
# GCC reports each option by a macro; Clang only -ffast-math and -ffinite-math-only
execute_process(COMMAND ${CXX} --version OUTPUT_VARIABLE version)
set(flags -ffast-math -ffinite-math-only)
if(NOT version MATCHES "clang")
  list(APPEND flags -fassociative-math -freciprocal-math -fno-signed-zeros)
endif()
foreach(flag ${flags})
  set(extra ${flag})
  if(flag STREQUAL "-fassociative-math")
    list(APPEND extra -fno-signed-zeros -fno-trapping-math)  # GCC ignores it otherwise
  endif()
  execute_process(COMMAND ${CXX} ${common} ${extra} ${SOURCE} RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(rc EQUAL 0)
    message(FATAL_ERROR "xact compiled under ${flag}: it must stop with its #error")
  endif()
  if(NOT err MATCHES "xact needs IEEE floating-point semantics")
    message(FATAL_ERROR "compiling with ${flag} failed without xact's message:\n${err}")
  endif()
  message(STATUS "${flag}: rejected with xact's message")
endforeach()
# <xact/runtime.hpp> is the way out the message points to: it compiles under -ffast-math
get_filename_component(dir ${SOURCE} DIRECTORY)
execute_process(COMMAND ${CXX} ${common} -ffast-math ${dir}/includes_runtime.cpp RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "<xact/runtime.hpp> does not compile under -ffast-math:\n${err}")
endif()
