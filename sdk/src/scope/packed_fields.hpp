// Private: a few key/value fields stored flat in reused buffers, turned into a
// value_object only when someone reads them.
//
// The log bridge writes a breadcrumb's data (thread, source location, context
// fields) here on the logging thread instead of building a std::map: add()
// appends to one string and one vector, which keep their capacity across
// clear(), so a ring slot that is reused does not allocate. The worker expands
// the fields when it builds an event. Not thread-safe (a ring slot is written
// once, under the scope's mutex, and then only read).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sentry/value.hpp"

namespace sentry::detail {

class packed_fields {
 public:
  void clear() noexcept {
    text_.clear();
    entries_.clear();
  }
  bool empty() const noexcept { return entries_.empty(); }
  std::size_t size() const noexcept { return entries_.size(); }

  void add(std::string_view key, std::string_view text) {
    entries_.push_back(entry{append(key), key.size(), append(text), text.size(), 0, false});
  }
  void add(std::string_view key, std::int64_t number) {
    entries_.push_back(entry{append(key), key.size(), 0, 0, number, true});
  }

  // Calls fn(key, value) for every field, in the order added.
  template <typename F>
  void for_each(F&& fn) const {
    for (const entry& e : entries_) {
      const std::string_view key(text_.data() + e.key_at, e.key_size);
      if (e.is_number) {
        fn(key, value(e.number));
      } else {
        fn(key, value(std::string_view(text_.data() + e.text_at, e.text_size)));
      }
    }
  }

  // One field as stored: text unless is_number.
  struct field {
    std::string_view key;
    std::string_view text;
    std::int64_t number;
    bool is_number;
  };
  // Calls fn(const field&) for every field, in the order added; builds no
  // value (for writers that only read).
  template <typename F>
  void for_each_field(F&& fn) const {
    for (const entry& e : entries_) {
      fn(field{std::string_view(text_.data() + e.key_at, e.key_size),
               std::string_view(text_.data() + e.text_at, e.text_size), e.number, e.is_number});
    }
  }

  // Adds the fields to `out`; a key `out` already has keeps its value.
  void expand_into(value_object& out) const {
    for_each([&](std::string_view key, value v) {
      if (out.find(key) == out.end()) out.emplace(std::string(key), std::move(v));
    });
  }

 private:
  struct entry {
    std::size_t key_at;
    std::size_t key_size;
    std::size_t text_at;
    std::size_t text_size;
    std::int64_t number;
    bool is_number;
  };

  std::size_t append(std::string_view s) {
    const std::size_t at = text_.size();
    text_.append(s.data(), s.size());
    return at;
  }

  std::string text_;
  std::vector<entry> entries_;
};

}  // namespace sentry::detail
