// sentry/version.hpp: the name and version this SDK reports to Sentry.
//
// Constants only; free to include anywhere.
#pragma once

namespace sentry {

inline constexpr const char* sdk_name = "sentry.cpp";
inline constexpr const char* sdk_version = "0.1.0";

}  // namespace sentry
