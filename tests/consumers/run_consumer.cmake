# Configures, builds and runs the consumer project in WORK_DIR, using xact by MODE:
#   find_package      `cmake -S xact -B build && cmake --install build --prefix WORK_DIR/prefix`,
#                     then find_package(xact) and xact::runtime
#   fetchcontent      FetchContent from a local clone of this repository at its HEAD commit
#   add_subdirectory  add_subdirectory of this source tree
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    string(REPLACE ";" " " cmd "${ARGN}")
    message(FATAL_ERROR "consumer ${MODE}: '${cmd}' failed (${rc}):\n${out}")
  endif()
  set(last_output "${out}" PARENT_SCOPE)
endfunction()

set(args -DXACT_MODE=${MODE} -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER})
if(MODE STREQUAL "find_package")
  # the README's install line as written: a configure with the defaults, then the install (which
  # builds the runtime component itself)
  run(${CMAKE_COMMAND} -S ${XACT_SOURCE_DIR} -B ${WORK_DIR}/xact-build -DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER})
  run(${CMAKE_COMMAND} --install ${WORK_DIR}/xact-build --prefix ${WORK_DIR}/prefix)
  list(APPEND args -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix)
elseif(MODE STREQUAL "fetchcontent")
  run(${GIT_EXECUTABLE} -C ${XACT_SOURCE_DIR} rev-parse HEAD)
  string(STRIP "${last_output}" commit)
  run(${GIT_EXECUTABLE} clone --quiet --no-local ${XACT_SOURCE_DIR} ${WORK_DIR}/xact-clone)
  list(APPEND args -DXACT_GIT_REPOSITORY=file://${WORK_DIR}/xact-clone -DXACT_GIT_TAG=${commit})
elseif(MODE STREQUAL "add_subdirectory")
  list(APPEND args -DXACT_SOURCE_DIR=${XACT_SOURCE_DIR})
else()
  message(FATAL_ERROR "unknown MODE ${MODE}")
endif()

run(${CMAKE_COMMAND} -S ${CONSUMER_DIR} -B ${WORK_DIR}/build ${args})
run(${CMAKE_COMMAND} --build ${WORK_DIR}/build)
run(${WORK_DIR}/build/consumer)
message(STATUS "consumer ${MODE}: ${last_output}")
if(NOT last_output MATCHES "consumer ok")
  message(FATAL_ERROR "consumer ${MODE}: unexpected output: ${last_output}")
endif()
