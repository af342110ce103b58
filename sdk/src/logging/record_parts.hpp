// Private: what the bridge derives from a log_record before turning it into
// an event or a breadcrumb (shared by both).
//
// Calling thread; no allocation. The views point into the record, the
// bridge's options or thread-local caches, and live as long as the record.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sentry/level.hpp"
#include "sentry/log_record.hpp"
#include "util/otel_keys.hpp"

namespace sentry::detail {

// Events and breadcrumbs know no `trace`.
constexpr level event_level(level l) noexcept { return l == level::trace ? level::debug : l; }

struct record_parts {
  const log_record& record;
  const std::vector<std::string>& tag_keys;  // context fields that become tags
  std::chrono::system_clock::time_point timestamp;
  std::uint64_t thread_id;
  std::string_view thread_name;
  bool on_calling_thread;

  record_parts(const log_record& r, const std::vector<std::string>& tags) noexcept;

  bool is_tag(std::string_view key) const noexcept;
  // Calls fn(key, value) for each usable context field (non-empty key, first
  // occurrence of a key), with whether it is a tag.
  template <typename F>
  void for_each_field(F&& fn) const {
    for (std::size_t i = 0; i < record.context_size; ++i) {
      const context_field& f = record.context[i];
      if (f.key.empty() || seen_before(i)) continue;
      fn(f.key, f.value, is_tag(f.key));
    }
  }

 private:
  bool seen_before(std::size_t i) const noexcept;
};

}  // namespace sentry::detail
