# Install and export of the CMake package `sentry_cpp`.
#
#   find_package(sentry_cpp 0.1 REQUIRED COMPONENTS spdlog)
#   target_link_libraries(app PRIVATE sentry_cpp::spdlog)
#
# One component per library: sdk (the core) and one per sink that was built.
# Each has its own targets file (sentry_cpp-<component>-targets.cmake) and its
# own list of dependencies, so that the config looks for Boost only when the
# boostlog component is asked for. The dependencies are read off the targets'
# link interfaces: an imported target <ns>::<name> is found again with
# find_dependency(<ns>) (Boost::<c> with COMPONENTS <c>), which holds for every
# dependency of ours (Threads, CURL, ZLIB, libdw, spdlog, Boost, log4cplus).
# A static core carries its private dependencies as $<LINK_ONLY:...>, so they
# are found too; a shared one needs only its public ones.

include(CMakePackageConfigHelpers)

set(SENTRY_CPP_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/sentry_cpp")

# Writes into <out> the find_dependency() arguments of <target>, one string per
# package ("CURL", "Boost COMPONENTS log log_setup").
function(sentry_cpp_dependencies target out)
  get_target_property(links ${target} INTERFACE_LINK_LIBRARIES)
  set(packages "")
  set(boost_components "")
  foreach(lib IN LISTS links)
    if(lib MATCHES "^\\$<LINK_ONLY:(.+)>$")
      set(lib "${CMAKE_MATCH_1}")
    endif()
    if(lib MATCHES "^\\$<" OR lib MATCHES "^sentry_cpp(::|_)" OR NOT lib MATCHES "::")
      continue()  # build-only, ours, or a plain library name (dl, dw, ...)
    endif()
    string(REGEX MATCH "^[^:]+" ns "${lib}")
    if(ns STREQUAL "Boost")
      string(REGEX REPLACE "^Boost::" "" component "${lib}")
      if(NOT component MATCHES "^(boost|headers|disable_autolinking|dynamic_linking)$")
        list(APPEND boost_components ${component})
      endif()
    elseif(ns STREQUAL "PkgConfig")
      message(FATAL_ERROR "sentry_cpp: ${target} links ${lib}; an installed package cannot "
                          "find it again: wrap it in an imported target with a Find module in cmake/")
    else()
      list(APPEND packages ${ns})
    endif()
  endforeach()
  list(REMOVE_DUPLICATES packages)
  if(boost_components)
    list(REMOVE_DUPLICATES boost_components)
    string(REPLACE ";" " " boost_components "${boost_components}")
    list(APPEND packages "Boost COMPONENTS ${boost_components}")
  endif()
  set(${out} "${packages}" PARENT_SCOPE)
endfunction()

# Installs one component: its target, its headers, its targets file, and
# appends its dependency block to the variable SENTRY_CPP_DEPENDENCY_BLOCK.
macro(sentry_cpp_install_component component target include_dir)
  install(TARGETS ${target} EXPORT sentry_cpp_${component}_targets
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT ${component}
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT ${component}
    RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT ${component})
  if(EXISTS "${include_dir}")
    install(DIRECTORY "${include_dir}/" DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
      COMPONENT ${component})
  endif()
  install(EXPORT sentry_cpp_${component}_targets
    NAMESPACE sentry_cpp::
    FILE sentry_cpp-${component}-targets.cmake
    DESTINATION ${SENTRY_CPP_CMAKE_DIR}
    COMPONENT ${component})
  sentry_cpp_dependencies(${target} _sentry_cpp_deps)
  string(APPEND SENTRY_CPP_DEPENDENCY_BLOCK "set(_sentry_cpp_${component}_dependencies")
  foreach(_sentry_cpp_dep IN LISTS _sentry_cpp_deps)
    string(APPEND SENTRY_CPP_DEPENDENCY_BLOCK " \"${_sentry_cpp_dep}\"")
  endforeach()
  string(APPEND SENTRY_CPP_DEPENDENCY_BLOCK ")\n")
  list(APPEND SENTRY_CPP_COMPONENTS ${component})
endmacro()

set(SENTRY_CPP_COMPONENTS "")
set(SENTRY_CPP_DEPENDENCY_BLOCK "")
sentry_cpp_install_component(sdk sentry_cpp_sdk "${PROJECT_SOURCE_DIR}/sdk/include")
get_property(_sentry_cpp_sinks GLOBAL PROPERTY SENTRY_CPP_SINKS)
foreach(_sentry_cpp_sink IN LISTS _sentry_cpp_sinks)
  sentry_cpp_install_component(${_sentry_cpp_sink} sentry_cpp_${_sentry_cpp_sink}
    "${PROJECT_SOURCE_DIR}/sinks/${_sentry_cpp_sink}/include")
endforeach()

configure_package_config_file(
  "${CMAKE_CURRENT_LIST_DIR}/sentry_cppConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/sentry_cppConfig.cmake"
  INSTALL_DESTINATION ${SENTRY_CPP_CMAKE_DIR})
# 0.x: a minor version may break the API.
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/sentry_cppConfigVersion.cmake"
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMinorVersion)
install(FILES
    "${PROJECT_BINARY_DIR}/sentry_cppConfig.cmake"
    "${PROJECT_BINARY_DIR}/sentry_cppConfigVersion.cmake"
    "${CMAKE_CURRENT_LIST_DIR}/Findlibdw.cmake"
    "${CMAKE_CURRENT_LIST_DIR}/Findlog4cplus.cmake"
  DESTINATION ${SENTRY_CPP_CMAKE_DIR}
  COMPONENT sdk)
