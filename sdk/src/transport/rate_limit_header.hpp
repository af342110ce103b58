// Private: parsing the rate-limit answers of Sentry (PROTOCOL §4.1, §4.2).
//
// Pure functions over untrusted header text: thread-safe, never throw, never
// read past the input (fuzzed: tests/fuzz/fuzz_rate_limit_header.cpp).
#pragma once

#include <chrono>
#include <optional>
#include <string_view>
#include <vector>

#include "sentry/client_report.hpp"

namespace sentry::detail {

// Longest limit honoured; Sentry's SDKs cap retry_after at a day too.
inline constexpr std::chrono::seconds max_retry_after{24 * 60 * 60};

struct rate_limit {
  std::chrono::seconds retry_after{0};
  std::vector<data_category> categories;  // empty: every category
};

// X-Sentry-Rate-Limits: "retry_after:categories:scope[:reason[:namespaces]]"
// limits separated by ",". retry_after may be a float (rounded up, clamped to
// [0, max_retry_after]); an empty category list means all; unknown categories
// are ignored and a limit naming only unknown ones is dropped; limits that do
// not parse are skipped; fields after the known ones are ignored.
std::vector<rate_limit> parse_rate_limits(std::string_view header);

// Retry-After: delta-seconds (a float is rounded up) or an HTTP-date.
// nullopt when it is neither.
std::optional<std::chrono::seconds> parse_retry_after(std::string_view header);

// The category named `name` exactly as Relay spells it, or nullopt.
std::optional<data_category> category_from_name(std::string_view name) noexcept;

}  // namespace sentry::detail
