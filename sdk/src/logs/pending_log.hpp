// Private: a structured log between the caller's thread and the worker.
//
// Holds copies of what the caller gave, nothing formatted or serialized: the
// worker formats the body (when it came as a template), adds the attributes
// and serializes. Moved, never shared.
#pragma once

#include <array>
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
  // The listed context fields (key, value), the first few held inline so
  // that a usual record allocates nothing for them.
  class field_refs {
   public:
    void add(text_ref key, text_ref value) {
      if (count_ < inline_.size()) {
        inline_[count_] = {key, value};
      } else {
        more_.emplace_back(key, value);
      }
      ++count_;
    }
    std::size_t size() const noexcept { return count_; }
    // fn(text_ref key, text_ref value) in the order added.
    template <typename F>
    void for_each(F&& fn) const {
      for (std::size_t i = 0; i < count_ && i < inline_.size(); ++i) fn(inline_[i].first, inline_[i].second);
      for (const auto& [key, value] : more_) fn(key, value);
    }

   private:
    std::array<std::pair<text_ref, text_ref>, 4> inline_{};
    std::size_t count_ = 0;
    std::vector<std::pair<text_ref, text_ref>> more_;
  };
  field_refs context;

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
