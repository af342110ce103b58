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
  // What one record contributes; the views need only live during assign().
  struct source {
    std::chrono::system_clock::time_point timestamp;
    sentry::level level = sentry::level::info;
    std::string_view category;
    std::string_view message;
    std::uint64_t thread_id = 0;
    std::string_view thread_name;
    std::string_view file;
    int line = 0;
    std::string_view function;
    const context_field* context = nullptr;
    std::size_t context_size = 0;
    const std::vector<std::string>* tag_keys = nullptr;  // interned; may be null
  };

  record_crumb() = default;
  record_crumb(const record_crumb& other);
  record_crumb& operator=(const record_crumb& other);
  record_crumb(record_crumb&&) noexcept = default;
  record_crumb& operator=(record_crumb&&) noexcept = default;

  // Copies the record in (may allocate when the buffer is too small).
  void assign(const source& s);

  std::chrono::system_clock::time_point timestamp() const noexcept { return timestamp_; }
  sentry::level level() const noexcept { return level_; }
  std::string_view category() const noexcept { return text(0); }
  std::string_view message() const noexcept { return text(1); }

  // Calls fn(const packed_fields::field&) for each field of the breadcrumb's
  // data, in order (a repeated context key is passed each time: readers keep
  // the first, as they do for packed_fields).
  template <typename F>
  void for_each_field(F&& fn) const {
    using field = packed_fields::field;
    fn(field{key_thread_id, {}, static_cast<std::int64_t>(thread_id_), true});
    if (!text(2).empty()) fn(field{key_thread_name, text(2), 0, false});
    if (!text(3).empty()) fn(field{key_file, text(3), 0, false});
    if (line_ > 0) fn(field{key_line, {}, line_, true});
    if (!text(4).empty()) fn(field{key_function, text(4), 0, false});
    const char* p = buffer_.get() + fixed_bytes();
    for (std::size_t i = 0; i < field_count_; ++i) {
      const std::uint32_t key_size = field_size(2 * i);
      const std::uint32_t value_size = field_size(2 * i + 1);
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
  static constexpr std::size_t max_inline_fields = 8;
  std::string_view text(std::size_t i) const noexcept {
    return std::string_view(buffer_.get() + text_at_[i], text_at_[i + 1] - text_at_[i]);
  }
  std::size_t fixed_bytes() const noexcept { return text_at_[5]; }
  std::uint32_t field_size(std::size_t i) const noexcept;
  bool is_tag(std::string_view key) const noexcept;

  // Written together on each record: the buffer and its layout first.
  std::unique_ptr<char[]> buffer_;
  std::size_t capacity_ = 0;
  std::size_t used_ = 0;
  // Texts 0..4 (category, message, thread name, file, function) lie at
  // [text_at_[i], text_at_[i + 1]); the context fields follow, key then value.
  std::uint32_t text_at_[6] = {};
  std::size_t field_count_ = 0;
  // Key and value sizes of the first max_inline_fields fields; the rest in
  // more_sizes_ (kept, like the buffer, when the slot is reused).
  std::uint32_t sizes_[2 * max_inline_fields] = {};
  std::chrono::system_clock::time_point timestamp_{};
  std::uint64_t thread_id_ = 0;
  std::int64_t line_ = 0;
  const std::vector<std::string>* tag_keys_ = nullptr;
  sentry::level level_ = sentry::level::info;
  std::vector<std::uint32_t> more_sizes_;
};

}  // namespace sentry::detail
