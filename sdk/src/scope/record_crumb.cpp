#include "scope/record_crumb.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace sentry::detail {
namespace {

// memcpy for the short texts of a record (logger names, context values):
// fixed-size copies the compiler turns into plain moves, instead of a call
// per text; longer texts go to memcpy.
inline void copy_text(char* out, std::string_view text) noexcept {
  const char* in = text.data();
  const std::size_t n = text.size();
  if (n >= 8 && n <= 16) {
    std::memcpy(out, in, 8);
    std::memcpy(out + n - 8, in + n - 8, 8);
  } else if (n >= 4 && n < 8) {
    std::memcpy(out, in, 4);
    std::memcpy(out + n - 4, in + n - 4, 4);
  } else if (n > 16) {
    std::memcpy(out, in, n);
  } else if (n >= 2) {
    std::memcpy(out, in, 2);
    std::memcpy(out + n - 2, in + n - 2, 2);
  } else if (n == 1) {
    out[0] = in[0];
  }
}

}  // namespace

record_crumb::record_crumb(const record_crumb& other) { *this = other; }

record_crumb& record_crumb::operator=(const record_crumb& other) {
  if (this == &other) return *this;
  if (capacity_ < other.used_) {
    buffer_.reset(new char[other.used_]);
    capacity_ = other.used_;
  }
  if (other.used_) std::memcpy(buffer_.get(), other.buffer_.get(), other.used_);
  used_ = other.used_;
  timestamp_ = other.timestamp_;
  level_ = other.level_;
  thread_id_ = other.thread_id_;
  line_ = other.line_;
  tag_keys_ = other.tag_keys_;
  std::copy(std::begin(other.text_at_), std::end(other.text_at_), std::begin(text_at_));
  field_count_ = other.field_count_;
  std::copy(std::begin(other.sizes_), std::end(other.sizes_), std::begin(sizes_));
  more_sizes_ = other.more_sizes_;
  return *this;
}

void record_crumb::assign(const source& s) {
  const std::string_view texts[5] = {s.category, s.message, s.thread_name, s.file, s.function};
  std::size_t size = 0;
  for (const auto& t : texts) size += t.size();
  for (std::size_t i = 0; i < s.context_size; ++i) {
    size += s.context[i].key.size() + s.context[i].value.size();
  }
  // Sizes are kept as 32 bits: a record of 4 GiB or more keeps no breadcrumb.
  if (size > UINT32_MAX) throw std::length_error("record too large for a breadcrumb");
  if (size > capacity_ || (capacity_ > (std::size_t{1} << 16) && size <= (std::size_t{1} << 12))) {
    // Grown when too small; a slot that once held a huge record gives the
    // memory back when reused for an ordinary one.
    const std::size_t fresh = std::max<std::size_t>(size, 256);
    buffer_.reset(new char[fresh]);
    capacity_ = fresh;
  }
  if (s.context_size > max_inline_fields) more_sizes_.resize(2 * (s.context_size - max_inline_fields));

  char* out = buffer_.get();
  std::size_t at = 0;
  for (std::size_t i = 0; i < 5; ++i) {
    text_at_[i] = static_cast<std::uint32_t>(at);
    copy_text(out + at, texts[i]);
    at += texts[i].size();
  }
  text_at_[5] = static_cast<std::uint32_t>(at);
  for (std::size_t i = 0; i < s.context_size; ++i) {
    const context_field& f = s.context[i];
    copy_text(out + at, f.key);
    at += f.key.size();
    copy_text(out + at, f.value);
    at += f.value.size();
    const auto key_size = static_cast<std::uint32_t>(f.key.size());
    const auto value_size = static_cast<std::uint32_t>(f.value.size());
    if (i < max_inline_fields) {
      sizes_[2 * i] = key_size;
      sizes_[2 * i + 1] = value_size;
    } else {
      more_sizes_[2 * (i - max_inline_fields)] = key_size;
      more_sizes_[2 * (i - max_inline_fields) + 1] = value_size;
    }
  }
  used_ = at;
  field_count_ = s.context_size;
  timestamp_ = s.timestamp;
  level_ = s.level;
  thread_id_ = s.thread_id;
  line_ = s.line;
  tag_keys_ = s.tag_keys;
}

std::uint32_t record_crumb::field_size(std::size_t i) const noexcept {
  return i < 2 * max_inline_fields ? sizes_[i] : more_sizes_[i - 2 * max_inline_fields];
}

bool record_crumb::is_tag(std::string_view key) const noexcept {
  if (!tag_keys_) return false;
  for (const std::string& t : *tag_keys_) {
    if (t == key) return true;
  }
  return false;
}

breadcrumb record_crumb::to_breadcrumb() const {
  breadcrumb b;
  b.timestamp = timestamp_;
  b.type = "default";
  b.category = std::string(category());
  b.message = std::string(message());
  b.level = level_;
  for_each_field([&](const packed_fields::field& f) {
    if (b.data.find(f.key) != b.data.end()) return;  // a repeated key: the first counts
    b.data.emplace(std::string(f.key), f.is_number ? value(f.number) : value(f.text));
  });
  return b;
}

}  // namespace sentry::detail
