// sentry/export.hpp: symbol visibility for the sentry_cpp libraries.
//
// Every library of the project is compiled with hidden visibility; the types
// and functions of the public API are marked SENTRY_API so that they, and only
// they, are exported from a shared build. Header-only code needs no mark.
#pragma once

#if defined(_WIN32)
#  if defined(SENTRY_CPP_BUILDING)
#    define SENTRY_API __declspec(dllexport)
#  elif defined(SENTRY_CPP_SHARED)
#    define SENTRY_API __declspec(dllimport)
#  else
#    define SENTRY_API
#  endif
#elif defined(__GNUC__) || defined(__clang__)
#  define SENTRY_API __attribute__((visibility("default")))
#else
#  define SENTRY_API
#endif
