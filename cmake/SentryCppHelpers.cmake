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
# The sink's own CMakeLists sets SENTRY_CPP_SINK_FOUND in the parent scope
# and says why it was skipped.
function(sentry_cpp_add_sink name option)
  set(mode "${${option}}")
  if(mode STREQUAL "OFF")
    message(STATUS "sentry_cpp: ${name} sink disabled (${option}=OFF)")
    return()
  endif()
  set(SENTRY_CPP_SINK_REQUIRED OFF)
  if(mode STREQUAL "ON")
    set(SENTRY_CPP_SINK_REQUIRED ON)
  endif()
  if(EXISTS "${PROJECT_SOURCE_DIR}/sinks/${name}/CMakeLists.txt")
    add_subdirectory("${PROJECT_SOURCE_DIR}/sinks/${name}" "${PROJECT_BINARY_DIR}/sinks/${name}")
  endif()
endfunction()
