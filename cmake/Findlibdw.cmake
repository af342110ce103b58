# Findlibdw: elfutils' libdw (and libelf) as the imported target libdw::libdw
# (Debian: libdw-dev).
#
# pkg-config first, then a plain library search. Installed beside
# sentry_cppConfig.cmake so that consumers of a static core that links it
# find it the same way.

find_package(PkgConfig QUIET)
if(PKG_CONFIG_FOUND)
  pkg_check_modules(SENTRY_CPP_LIBDW QUIET libdw)
endif()
find_path(libdw_INCLUDE_DIR elfutils/libdwfl.h HINTS ${SENTRY_CPP_LIBDW_INCLUDE_DIRS})
find_library(libdw_LIBRARY dw HINTS ${SENTRY_CPP_LIBDW_LIBRARY_DIRS})
find_library(libdw_ELF_LIBRARY elf HINTS ${SENTRY_CPP_LIBDW_LIBRARY_DIRS})

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(libdw
  REQUIRED_VARS libdw_LIBRARY libdw_ELF_LIBRARY libdw_INCLUDE_DIR
  VERSION_VAR SENTRY_CPP_LIBDW_VERSION)

if(libdw_FOUND AND NOT TARGET libdw::libdw)
  add_library(libdw::libdw UNKNOWN IMPORTED)
  set_target_properties(libdw::libdw PROPERTIES
    IMPORTED_LOCATION "${libdw_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${libdw_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "${libdw_ELF_LIBRARY}")
endif()
mark_as_advanced(libdw_INCLUDE_DIR libdw_LIBRARY libdw_ELF_LIBRARY)
