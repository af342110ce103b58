// Private: the breadcrumb of a log record, stored flat.
//
// The log bridge writes one per breadcrumb record on the logging thread: the
// texts (logger, message, thread name, source location, every context field
// as given) are copied into one buffer that a reused ring slot keeps, so
// writing is a few memcpy and allocates nothing once the ring has turned
// over. Everything else is left to whoever reads it (the worker): which
// context fields are tags (they stay out of the breadcrumb's data) is decided
// from `tag_keys`, an interned list (util/interned_lists.hpp) that outlives
// the record; a key given twice counts once, with its first value.
//
// Reading gives the breadcrumb the log bridge documents: type default,
// category = logger, message, level, data = thread.id, thread.name,
// code.file.path, code.line.number, code.function.name and the context
// fields that are not tags. Not thread-safe: written once, then only read.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "scope/packed_fields.hpp"
#include "sentry/breadcrumb.hpp"
#include "sentry/level.hpp"
#include "sentry/log_record.hpp"
#include "util/otel_keys.hpp"

namespace sentry::detail {

class record_crumb {
 public:
  // What the log bridge resolved for a record beyond the record itself.
  struct resolved {
    std::chrono::system_clock::time_point timestamp;
    sentry::level level = sentry::level::info;  // in the events' spelling
    std::uint64_t thread_id = 0;
    const std::vector<std::string>* tag_keys = nullptr;  // interned; may be null
  };

  record_crumb() = default;
  record_crumb(const record_crumb& other);
  record_crumb& operator=(const record_crumb& other);
  record_crumb(record_crumb&&) noexcept = default;
  record_crumb& operator=(record_crumb&&) noexcept = default;

  // Copies the record in: category = r.logger, r.message, r.file, r.line,
  // r.function, r.context; the thread's name (resolved by the bridge: the
  // record's or the calling thread's) and the rest from `d`. The views need
  // only live during the call. May allocate when the buffer is too small.
  // (Reads the record's views one by one, not through copies: a sink has
  // just written them, and copying a view whole waits on those writes.)
  void assign(const log_record& r, std::string_view thread_name, const resolved& d);

  std::chrono::system_clock::time_point timestamp() const noexcept { return m_.timestamp; }
  sentry::level level() const noexcept { return m_.level; }
  std::string_view category() const noexcept { return text(0); }
  std::string_view message() const noexcept { return text(1); }

  // Calls fn(const packed_fields::field&) for each field of the breadcrumb's
  // data, in order (a repeated context key is passed each time: readers keep
  // the first, as they do for packed_fields).
  template <typename F>
  void for_each_field(F&& fn) const {
    using field = packed_fields::field;
    fn(field{key_thread_id, {}, static_cast<std::int64_t>(m_.thread_id), true});
    if (!text(2).empty()) fn(field{key_thread_name, text(2), 0, false});
    if (!text(3).empty()) fn(field{key_file, text(3), 0, false});
    if (m_.line > 0) fn(field{key_line, {}, m_.line, true});
    if (!text(4).empty()) fn(field{key_function, text(4), 0, false});
    const char* p = buffer_.get() + fixed_bytes();
    for (std::size_t i = 0; i < m_.field_count; ++i) {
      const std::uint32_t key_size = field_sizes_[2 * i];
      const std::uint32_t value_size = field_sizes_[2 * i + 1];
      const std::string_view key(p, key_size);
      p += key_size;
      const std::string_view value(p, value_size);
      p += value_size;
      if (!key.empty() && !is_tag(key)) fn(field{key, value, 0, false});
    }
  }

  // The complete breadcrumb (allocates: for hooks, tests, fork copies).
  breadcrumb to_breadcrumb() const;

 private:
  std::string_view text(std::size_t i) const noexcept {
    return std::string_view(buffer_.get() + m_.text_at[i], m_.text_at[i + 1] - m_.text_at[i]);
  }
  std::size_t fixed_bytes() const noexcept { return m_.text_at[5]; }
  bool is_tag(std::string_view key) const noexcept;

  // Everything but the storage: copied as a whole.
  struct meta {
    std::chrono::system_clock::time_point timestamp{};
    std::uint64_t thread_id = 0;
    std::int64_t line = 0;
    const std::vector<std::string>* tag_keys = nullptr;
    sentry::level level = sentry::level::info;
    // Texts 0..4 (category, message, thread name, file, function) lie at
    // [text_at[i], text_at[i + 1]) of the buffer; the context fields
    // follow, key then value.
    std::uint32_t text_at[6] = {};
    std::size_t used = 0;  // bytes of the buffer in use
    std::size_t field_count = 0;
  };
  meta m_;
  // Key and value sizes of the context fields; kept, like the buffer, when
  // the slot is reused.
  std::vector<std::uint32_t> field_sizes_;
  std::unique_ptr<char[]> buffer_;
  std::size_t capacity_ = 0;
};

}  // namespace sentry::detail
