# Driver of one consumption test (cmake -P). See CMakeLists.txt beside it.
#
# MODE=install: installs SENTRY_CPP_BUILD_DIR into WORK_DIR/prefix and builds
# the consumer with find_package(sentry_cpp COMPONENTS <COMPONENT>), with the
# libraries of every other component made unfindable
# (CMAKE_DISABLE_FIND_PACKAGE_<pkg>), which proves they are not needed.
# MODE=subdirectory: the consumer add_subdirectory()s SENTRY_CPP_SOURCE_DIR.
# Then the consumer is run and must exit 0.

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    string(REPLACE ";" " " cmd "${ARGN}")
    message(FATAL_ERROR "failed (${rc}): ${cmd}\n${out}")
  endif()
  message(STATUS "ok: ${ARGV0} ${ARGV1} ${ARGV2}")
endfunction()

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

# Libraries that belong to one component only.
set(own_packages_sdk "")
set(own_packages_spdlog spdlog fmt)
set(own_packages_boostlog Boost)
set(own_packages_log4cplus log4cplus)

# The subdirectory test compiles the core again; it checks the CMake wiring,
# so it builds the fastest way: no build type (no optimisation, no debug info).
set(build_type "${BUILD_TYPE}")
if(MODE STREQUAL "subdirectory")
  set(build_type "")
endif()

set(configure_args
  -S "${CONSUMER_SOURCE_DIR}" -B "${WORK_DIR}/build" -G "${GENERATOR}"
  "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}"
  "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}"
  "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}"
  "-DCMAKE_EXE_LINKER_FLAGS=${LINKER_FLAGS}"
  "-DCMAKE_BUILD_TYPE=${build_type}"
  "-DSENTRY_CPP_CONSUMER_COMPONENT=${COMPONENT}")

if(MODE STREQUAL "install")
  run(${CMAKE_COMMAND} --install "${SENTRY_CPP_BUILD_DIR}" --prefix "${WORK_DIR}/prefix")
  list(APPEND configure_args "-DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix"
    # The header-only private dependency of the core is never needed.
    "-DCMAKE_DISABLE_FIND_PACKAGE_nlohmann_json=ON")
  foreach(other spdlog boostlog log4cplus)
    if(NOT other STREQUAL COMPONENT)
      foreach(package IN LISTS own_packages_${other})
        list(APPEND configure_args "-DCMAKE_DISABLE_FIND_PACKAGE_${package}=ON")
      endforeach()
    endif()
  endforeach()
elseif(MODE STREQUAL "subdirectory")
  list(APPEND configure_args "-DSENTRY_CPP_CONSUMER_SUBDIRECTORY=${SENTRY_CPP_SOURCE_DIR}"
    "-DBUILD_SHARED_LIBS=${SHARED}")
else()
  message(FATAL_ERROR "MODE must be install or subdirectory")
endif()

run(${CMAKE_COMMAND} ${configure_args})
run(${CMAKE_COMMAND} --build "${WORK_DIR}/build" --target consumer -j2)
execute_process(COMMAND "${WORK_DIR}/build/consumer" RESULT_VARIABLE rc
  OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the consumer of '${COMPONENT}' (${MODE}) failed (${rc}):\n${out}")
endif()
message(STATUS "the consumer of '${COMPONENT}' (${MODE}) built and ran: ${out}")
