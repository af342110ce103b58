// Private: the contexts every event carries (os, device, runtime), computed
// once at init on the calling thread; cheap to copy afterwards.
#pragma once

#include <map>
#include <string>

#include "sentry/value.hpp"

namespace sentry::detail {

// os: name, version, kernel_version, distribution_name/_version/_pretty_name
// (from /etc/os-release); device: arch, and name (hostname) only when
// send_default_pii; runtime: compiler and C++ library with versions.
std::map<std::string, value_object> default_contexts(bool send_default_pii);

}  // namespace sentry::detail
