# Helpers shared by the targets of the project.

# Warnings every target of ours compiles with.
function(sentry_cpp_warnings target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE -Wall -Wextra)
  endif()
endfunction()

# A library of ours: hidden visibility, warnings, an alias sentry_cpp::<name>.
function(sentry_cpp_library target alias)
  set_target_properties(${target} PROPERTIES
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    POSITION_INDEPENDENT_CODE ON
    EXPORT_NAME ${alias})
  sentry_cpp_warnings(${target})
  add_library(sentry_cpp::${alias} ALIAS ${target})
endfunction()

# Adds sinks/<name> when its option is ON, or AUTO and the library is found.
#
# The sink's own CMakeLists looks for its logging library; when it is missing
# it calls sentry_cpp_sink_skipped() (a clear message, or a fatal error when
# the option is ON), otherwise sentry_cpp_sink_target(). A sink that was built
# is recorded in the global property SENTRY_CPP_SINKS (install, tests).
function(sentry_cpp_add_sink name option)
  string(TOUPPER "${${option}}" mode)
  if(mode MATCHES "^(ON|YES|TRUE|Y|1)$")
    set(mode ON)
  elseif(mode MATCHES "^(OFF|NO|FALSE|N|0)$")
    set(mode OFF)
  elseif(NOT mode STREQUAL "AUTO")
    message(FATAL_ERROR "sentry_cpp: ${option} is '${${option}}'; use AUTO, ON or OFF")
  endif()
  if(mode STREQUAL "OFF")
    message(STATUS "sentry_cpp: ${name} sink: off (${option}=OFF)")
    return()
  endif()
  set(SENTRY_CPP_SINK_OPTION ${option})
  set(SENTRY_CPP_SINK_REQUIRED OFF)
  if(mode STREQUAL "ON")
    set(SENTRY_CPP_SINK_REQUIRED ON)
  endif()
  if(NOT EXISTS "${PROJECT_SOURCE_DIR}/sinks/${name}/CMakeLists.txt")
    sentry_cpp_sink_skipped(${name} "sinks/${name} has no CMakeLists.txt")
    return()
  endif()
  add_subdirectory("${PROJECT_SOURCE_DIR}/sinks/${name}" "${PROJECT_BINARY_DIR}/sinks/${name}")
  if(TARGET sentry_cpp_${name})
    set_property(GLOBAL APPEND PROPERTY SENTRY_CPP_SINKS ${name})
    message(STATUS "sentry_cpp: ${name} sink: built (target sentry_cpp::${name})")
  endif()
endfunction()

# Called by a sink's CMakeLists when it cannot be built: a status message under
# AUTO, a configure error when the user asked for the sink with ON.
function(sentry_cpp_sink_skipped name reason)
  if(SENTRY_CPP_SINK_REQUIRED)
    message(FATAL_ERROR "sentry_cpp: ${name} sink requested (${SENTRY_CPP_SINK_OPTION}=ON) "
                        "but ${reason}")
  endif()
  message(STATUS "sentry_cpp: ${name} sink: skipped, ${reason} "
                 "(${SENTRY_CPP_SINK_OPTION}=OFF silences this)")
endfunction()

# Called by sinks/<name>/CMakeLists.txt once its library is found: defines the
# target sentry_cpp_<name> (alias sentry_cpp::<name>, exported as
# sentry_cpp::<name>) from sinks/<name>/src/*.cpp, with the public include
# folder sinks/<name>/include, linking sentry_cpp::sdk and the given libraries
# publicly.
#
# While a sink has headers but no .cpp yet, the target is an INTERFACE library
# (headers + links), which is also the right shape for a header-only sink.
# With neither, no target is made and the sink is reported as skipped.
function(sentry_cpp_sink_target name)
  set(dir "${CMAKE_CURRENT_SOURCE_DIR}")
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS "${dir}/src/*.cpp")
  file(GLOB_RECURSE headers CONFIGURE_DEPENDS "${dir}/include/*.hpp" "${dir}/include/*.h")
  set(target sentry_cpp_${name})
  set(includes "$<BUILD_INTERFACE:${dir}/include>" "$<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>")
  if(sources)
    add_library(${target} ${sources})
    sentry_cpp_library(${target} ${name})
    target_include_directories(${target} PUBLIC ${includes} PRIVATE "${dir}/src")
    target_link_libraries(${target} PUBLIC sentry_cpp::sdk ${ARGN})
  elseif(headers)
    add_library(${target} INTERFACE)
    set_target_properties(${target} PROPERTIES EXPORT_NAME ${name})
    add_library(sentry_cpp::${name} ALIAS ${target})
    target_include_directories(${target} INTERFACE ${includes})
    target_link_libraries(${target} INTERFACE sentry_cpp::sdk ${ARGN})
  else()
    # Not an error even under ON: the sink's code has not landed yet.
    message(STATUS "sentry_cpp: ${name} sink: skipped, sinks/${name} has no sources yet")
  endif()
endfunction()
