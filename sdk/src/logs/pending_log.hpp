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
#include <string_view>
#include <utility>
#include <vector>

#include "scope/scope_impl.hpp"
#include "sentry/level.hpp"
#include "sentry/value.hpp"

namespace sentry::detail {

struct pending_log {
  // Where one text lies in `texts`.
  struct text_ref {
    std::size_t at = 0;
    std::size_t size = 0;
  };

  std::chrono::system_clock::time_point timestamp;
  sentry::level level = sentry::level::info;
  bool format_body = false;  // body = message_template with params filled
  std::vector<value> params;
  std::uint64_t thread_id = 0;
  int line = 0;
  scope_data_ref scope;  // trace id and user

  // The texts, one after another in one buffer (one allocation on the
  // caller's thread instead of one per text): read them with text().
  std::string texts;
  text_ref body;              // as logged; empty when format_body is set
  text_ref message_template;  // empty when unknown
  text_ref origin;            // sentry.origin, empty for direct API calls
  text_ref logger;
  text_ref thread_name;
  text_ref file;
  text_ref function;
  std::vector<std::pair<text_ref, text_ref>> context;  // listed fields: key, value

  std::string_view text(text_ref r) const noexcept {
    return std::string_view(texts.data() + r.at, r.size);
  }
  // Appends `s` to texts (reserve texts first to append without reallocating).
  text_ref add_text(std::string_view s) {
    const text_ref r{texts.size(), s.size()};
    texts.append(s.data(), s.size());
    return r;
  }

  // A rough size in bytes, for the queue bound and the log_byte count.
  std::size_t approximate_bytes() const noexcept;
};

}  // namespace sentry::detail
