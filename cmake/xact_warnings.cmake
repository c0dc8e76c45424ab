# Flags for xact's own executables (tests, benchmarks, examples, tools): never put on the
# `xact` target itself, so a consumer's flags stay the consumer's.
function(xact_project_options target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  elseif(MSVC)
    target_compile_options(${target} PRIVATE /W4)
  endif()
  if(XACT_NATIVE)
    target_compile_options(${target} PRIVATE -march=native)
  endif()
endfunction()
