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
  if (capacity_ < other.m_.used) {
    buffer_.reset(new char[other.m_.used]);
    capacity_ = other.m_.used;
  }
  if (other.m_.used) std::memcpy(buffer_.get(), other.buffer_.get(), other.m_.used);
  field_sizes_ = other.field_sizes_;
  m_ = other.m_;
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
  if (field_sizes_.size() < 2 * s.context_size) field_sizes_.resize(2 * s.context_size);

  char* out = buffer_.get();
  std::size_t at = 0;
  for (std::size_t i = 0; i < 5; ++i) {
    m_.text_at[i] = static_cast<std::uint32_t>(at);
    copy_text(out + at, texts[i]);
    at += texts[i].size();
  }
  m_.text_at[5] = static_cast<std::uint32_t>(at);
  for (std::size_t i = 0; i < s.context_size; ++i) {
    const context_field& f = s.context[i];
    copy_text(out + at, f.key);
    at += f.key.size();
    copy_text(out + at, f.value);
    at += f.value.size();
    field_sizes_[2 * i] = static_cast<std::uint32_t>(f.key.size());
    field_sizes_[2 * i + 1] = static_cast<std::uint32_t>(f.value.size());
  }
  m_.used = at;
  m_.field_count = s.context_size;
  m_.timestamp = s.timestamp;
  m_.level = s.level;
  m_.thread_id = s.thread_id;
  m_.line = s.line;
  m_.tag_keys = s.tag_keys;
}

bool record_crumb::is_tag(std::string_view key) const noexcept {
  if (!m_.tag_keys) return false;
  for (const std::string& t : *m_.tag_keys) {
    if (t == key) return true;
  }
  return false;
}

breadcrumb record_crumb::to_breadcrumb() const {
  breadcrumb b;
  b.timestamp = m_.timestamp;
  b.type = "default";
  b.category = std::string(category());
  b.message = std::string(message());
  b.level = m_.level;
  for_each_field([&](const packed_fields::field& f) {
    if (b.data.find(f.key) != b.data.end()) return;  // a repeated key: the first counts
    b.data.emplace(std::string(f.key), f.is_number ? value(f.number) : value(f.text));
  });
  return b;
}

}  // namespace sentry::detail
