// Private: a structured log between the caller's thread and the worker.
//
// Holds copies of what the caller gave, nothing formatted or serialized: the
// worker formats the body (when it came as a template), adds the attributes
// and serializes. Moved, never shared.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "scope/scope_impl.hpp"
#include "sentry/level.hpp"
#include "sentry/value.hpp"

namespace sentry::detail {

struct pending_log {
  std::chrono::system_clock::time_point timestamp;
  sentry::level level = sentry::level::info;
  std::string body;              // as logged; empty when format_body is set
  bool format_body = false;      // body = message_template with params filled
  std::string message_template;  // "" when unknown
  std::vector<value> params;
  std::string origin;            // sentry.origin, "" for direct API calls
  std::string logger;
  std::uint64_t thread_id = 0;
  std::string thread_name;
  std::string file;
  int line = 0;
  std::string function;
  std::vector<std::pair<std::string, std::string>> context;  // listed fields
  scope_data_ref scope;  // trace id and user

  // A rough size in bytes, for the queue bound and the log_byte count.
  std::size_t approximate_bytes() const noexcept;
};

}  // namespace sentry::detail
