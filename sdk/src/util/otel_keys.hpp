// Private: keys of a record's thread and source location, shared by
// breadcrumb data and structured-log attributes (OpenTelemetry's names).
#pragma once

#include <string_view>

namespace sentry::detail {

inline constexpr std::string_view key_thread_id = "thread.id";
inline constexpr std::string_view key_thread_name = "thread.name";
inline constexpr std::string_view key_file = "code.file.path";
inline constexpr std::string_view key_line = "code.line.number";
inline constexpr std::string_view key_function = "code.function.name";

}  // namespace sentry::detail
