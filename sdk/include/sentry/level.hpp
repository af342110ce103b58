// sentry/level.hpp: severity levels and their two spellings on the wire.
//
// One enum serves events, breadcrumbs and structured logs. Events and
// breadcrumbs say `warning` and know no `trace` (it becomes `debug`); logs say
// `warn` and keep `trace`. Pure functions, no allocation, thread-safe.
#pragma once

#include <optional>
#include <string_view>

#include "sentry/export.hpp"

namespace sentry {

enum class level : int { trace = 0, debug = 1, info = 2, warning = 3, error = 4, fatal = 5 };

// "debug" "info" "warning" "error" "fatal" (trace is reported as "debug").
SENTRY_API std::string_view event_level_name(level l) noexcept;
// "trace" "debug" "info" "warn" "error" "fatal".
SENTRY_API std::string_view log_level_name(level l) noexcept;
// OpenTelemetry severity number of a log level: 1, 5, 9, 13, 17, 21.
SENTRY_API int log_severity_number(level l) noexcept;
// Parses a level name from configuration, case-insensitively. Accepts both
// spellings and the common aliases (warn, warning, err, critical, fatal, off is
// not a level). Returns nullopt for anything else.
SENTRY_API std::optional<level> parse_level(std::string_view text) noexcept;

}  // namespace sentry
