# Findlog4cplus: log4cplus as the imported target log4cplus::log4cplus.
#
# Tries log4cplus's own CMake package first (Debian ships one), then
# pkg-config. Used in-tree by sinks/log4cplus and, installed beside
# sentry_cppConfig.cmake, by consumers of the log4cplus component.

find_package(log4cplus ${log4cplus_FIND_VERSION} CONFIG QUIET)
if(log4cplus_FOUND AND TARGET log4cplus::log4cplus)
  include(FindPackageHandleStandardArgs)
  find_package_handle_standard_args(log4cplus CONFIG_MODE)
  return()
endif()

find_package(PkgConfig QUIET)
if(PKG_CONFIG_FOUND)
  pkg_check_modules(SENTRY_CPP_LOG4CPLUS QUIET IMPORTED_TARGET log4cplus)
endif()
if(SENTRY_CPP_LOG4CPLUS_FOUND AND NOT TARGET log4cplus::log4cplus)
  add_library(log4cplus::log4cplus INTERFACE IMPORTED)
  set_property(TARGET log4cplus::log4cplus PROPERTY
    INTERFACE_LINK_LIBRARIES PkgConfig::SENTRY_CPP_LOG4CPLUS)
endif()

set(log4cplus_VERSION "${SENTRY_CPP_LOG4CPLUS_VERSION}")
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(log4cplus
  REQUIRED_VARS SENTRY_CPP_LOG4CPLUS_LINK_LIBRARIES
  VERSION_VAR SENTRY_CPP_LOG4CPLUS_VERSION)
