#include "scope/record_crumb.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace sentry::detail {
namespace {

// memcpy for the texts of a record (logger names, context values, messages,
// source paths): fixed-size, possibly overlapping copies the compiler turns
// into plain moves, instead of a call per text; texts over 64 bytes go to
// memcpy.
inline void copy_text(char* out, std::string_view text) noexcept {
  const char* in = text.data();
  const std::size_t n = text.size();
  if (n > 16) {
    if (n > 64) {
      std::memcpy(out, in, n);
    } else if (n > 32) {
      std::memcpy(out, in, 16);
      std::memcpy(out + 16, in + 16, 16);
      std::memcpy(out + n - 32, in + n - 32, 16);
      std::memcpy(out + n - 16, in + n - 16, 16);
    } else {
      std::memcpy(out, in, 16);
      std::memcpy(out + n - 16, in + n - 16, 16);
    }
  } else if (n >= 8) {
    std::memcpy(out, in, 8);
    std::memcpy(out + n - 8, in + n - 8, 8);
  } else if (n >= 4) {
    std::memcpy(out, in, 4);
    std::memcpy(out + n - 4, in + n - 4, 4);
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

void record_crumb::assign(const log_record& r, std::string_view thread_name, const resolved& d) {
  const context_field* const context = r.context;
  const std::size_t context_size = r.context_size;
  std::size_t size = r.logger.size() + r.message.size() + thread_name.size() + r.file.size() +
                     r.function.size();
  for (std::size_t i = 0; i < context_size; ++i) size += context[i].key.size() + context[i].value.size();
  // Sizes are kept as 32 bits: a record of 4 GiB or more keeps no breadcrumb.
  if (size > UINT32_MAX) throw std::length_error("record too large for a breadcrumb");
  if (size > capacity_ || (capacity_ > (std::size_t{1} << 16) && size <= (std::size_t{1} << 12))) {
    // Grown when too small; a slot that once held a huge record gives the
    // memory back when reused for an ordinary one.
    const std::size_t fresh = std::max<std::size_t>(size, 256);
    buffer_.reset(new char[fresh]);
    capacity_ = fresh;
  }
  if (field_sizes_.size() < 2 * context_size) field_sizes_.resize(2 * context_size);

  char* const out = buffer_.get();
  std::size_t at = 0;
  const auto put_text = [&](std::size_t i, std::string_view text) {
    m_.text_at[i] = static_cast<std::uint32_t>(at);
    copy_text(out + at, text);
    at += text.size();
  };
  put_text(0, r.logger);
  put_text(1, r.message);
  put_text(2, thread_name);
  put_text(3, r.file);
  put_text(4, r.function);
  m_.text_at[5] = static_cast<std::uint32_t>(at);
  std::uint32_t* sizes = field_sizes_.data();
  for (std::size_t i = 0; i < context_size; ++i) {
    const std::string_view key = context[i].key;
    const std::string_view value = context[i].value;
    copy_text(out + at, key);
    at += key.size();
    copy_text(out + at, value);
    at += value.size();
    sizes[2 * i] = static_cast<std::uint32_t>(key.size());
    sizes[2 * i + 1] = static_cast<std::uint32_t>(value.size());
  }
  m_.used = at;
  m_.field_count = context_size;
  m_.timestamp = d.timestamp;
  m_.level = d.level;
  m_.thread_id = d.thread_id;
  m_.line = r.line;
  m_.tag_keys = d.tag_keys;
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
