// Private: which frames are the application's own (PROTOCOL §8), and trimming
// the SDK's and the logging library's frames off the top of a stack.
//
// Pure functions over frames; worker thread; no I/O.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sentry/event.hpp"

namespace sentry::detail {

// The qualified name inside a demangled function signature, without return
// type, template-free parameters or qualifiers:
// "void ns::f<int>(int) const" -> "ns::f<int>".
std::string_view qualified_name(std::string_view demangled) noexcept;

// True when `name` is `prefix` or continues it on a scope boundary:
// "app" matches "app", "app::f" and "app<int>::f", not "apple::f".
bool matches_scope_prefix(std::string_view name, std::string_view prefix) noexcept;

// Frames of the SDK itself or of a logging library it integrates with
// (sentry::, spdlog::, boost::log::, log4cplus::, fmt:: as spdlog's formatter).
bool is_sdk_or_logging_function(std::string_view demangled) noexcept;

// System images: libc, libstdc++, libgcc_s, libm, ld-linux, the vdso, and
// anything under /lib, /lib64, /usr/lib, /usr/lib64.
bool is_system_image(std::string_view path) noexcept;

struct in_app_rules {
  std::vector<std::string> include;  // options::in_app_include
  std::vector<std::string> exclude;  // options::in_app_exclude
  std::string executable;            // path of the main executable
  std::string sdk_image;             // path of the image holding the SDK (may be the executable)
};

// Decides frame.in_app unless it is already set:
//   0. the C runtime's process and thread entry (_start, __libc_start_main,
//      __libc_start_call_main, start_thread, clone3, ...) -> false, in
//      whatever image, before any rule;
//   1. an in_app_include entry matches the function (scope prefix) or the
//      package (path prefix) -> true (include wins);
//   2. an in_app_exclude entry matches -> false;
//   3. the SDK's or a logging library's function, or the SDK's own shared
//      library, or a system image -> false;
//   4. the main executable -> true;
//   5. otherwise left unset (the server decides).
void apply_in_app(frame& f, const in_app_rules& rules);

// Drops the newest frames (at the end: frames are oldest first) that belong to
// the SDK, a logging library or the C++ runtime, so that a stack promoted
// from a log record ends at the user's log call. Keeps the stack as it was
// when every frame would go.
void trim_sdk_frames(std::vector<frame>& frames, const in_app_rules& rules);

}  // namespace sentry::detail
