// Private: the contexts every event carries (os, device, runtime), computed
// once at init on the calling thread; cheap to copy afterwards.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "sentry/value.hpp"

namespace sentry::detail {

// os: name, version, kernel_version, distribution_name/_version/_pretty_name
// (from /etc/os-release); device: arch, and name (hostname) only when
// send_default_pii; runtime: compiler and C++ library with versions.
// The OS and runtime parts are read once per process and cached; the
// hostname is looked up on each call (only when send_default_pii).
std::map<std::string, value_object> default_contexts(bool send_default_pii);

// distribution_name / _version / _pretty_name from the text of an
// os-release(5) file (ID, VERSION_ID, PRETTY_NAME; quotes and escapes
// removed); fields that are absent are left out.
value_object os_release_fields(std::string_view content);

}  // namespace sentry::detail
