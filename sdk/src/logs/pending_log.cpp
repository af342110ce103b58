#include "logs/pending_log.hpp"

#include <limits>
#include <stdexcept>

namespace sentry::detail {

log_texts& log_texts::operator=(const log_texts& o) {
  if (this == &o) return *this;
  if (o.on_heap_) {
    heap_ = o.heap_;
  } else {
    heap_.clear();
    std::memcpy(inline_, o.inline_, o.size_);
  }
  size_ = o.size_;
  on_heap_ = o.on_heap_;
  return *this;
}

log_texts& log_texts::operator=(log_texts&& o) noexcept {
  if (this == &o) return *this;
  if (o.on_heap_) {
    heap_ = std::move(o.heap_);
  } else {
    heap_.clear();
    std::memcpy(inline_, o.inline_, o.size_);
  }
  size_ = o.size_;
  on_heap_ = o.on_heap_;
  o.size_ = 0;
  o.on_heap_ = false;
  o.heap_.clear();
  return *this;
}

void log_texts::reserve(std::size_t total) {
  if (total <= inline_capacity && !on_heap_) return;
  if (!on_heap_) {
    heap_.reserve(total);
    heap_.assign(inline_, size_);
    on_heap_ = true;
  } else {
    heap_.reserve(total);
  }
}

log_texts::appender log_texts::begin_append(std::size_t total) {
  constexpr std::size_t max = std::numeric_limits<std::uint32_t>::max();
  if (total > max - size_) throw std::length_error("log texts over 4 GiB");
  if (!on_heap_ && total <= inline_capacity - size_) return appender(inline_, size_);
  reserve(size_ + total);  // to the heap, if not there yet
  heap_.resize(size_ + total);
  return appender(heap_.data(), size_);
}

text_ref log_texts::add_slow(std::string_view s) {
  constexpr std::size_t max = std::numeric_limits<std::uint32_t>::max();
  if (s.size() > max - size_) throw std::length_error("log texts over 4 GiB");
  const text_ref r{size_, static_cast<std::uint32_t>(s.size())};
  if (!on_heap_ && size_ + s.size() > inline_capacity) reserve(size_ + s.size());
  if (on_heap_) {
    heap_.append(s.data(), s.size());
  } else if (!s.empty()) {
    std::memcpy(inline_ + size_, s.data(), s.size());
  }
  size_ += static_cast<std::uint32_t>(s.size());
  return r;
}

void log_params::add(const value& v, log_texts& texts) {
  if (count_ >= inline_count) {
    boxed_.push_back(v);
    ++count_;
    return;
  }
  slot& s = inline_[count_];
  switch (v.type()) {
    case value::kind::boolean:
      s.kind = slot_kind::boolean;
      s.b = *v.as_bool();
      break;
    case value::kind::integer:
      s.kind = slot_kind::integer;
      s.i = *v.as_int();
      break;
    case value::kind::unsigned_integer:
      s.kind = slot_kind::unsigned_integer;
      s.u = *v.as_uint();
      break;
    case value::kind::floating:
      s.kind = slot_kind::floating;
      s.d = *v.as_double();
      break;
    case value::kind::string:
      s.kind = slot_kind::text;
      s.text = texts.add(*v.as_string());
      break;
    default:  // null, arrays, objects: kept as they are
      boxed_.push_back(v);
      s.kind = slot_kind::boxed;
      break;
  }
  ++count_;
}

std::vector<value> log_params::take(const log_texts& texts) {
  std::vector<value> out;
  out.reserve(count_);
  std::size_t next_boxed = 0;
  for (std::size_t i = 0; i < count_; ++i) {
    if (i >= inline_count) {
      out.push_back(std::move(boxed_[next_boxed++]));
      continue;
    }
    const slot& s = inline_[i];
    switch (s.kind) {
      case slot_kind::boolean: out.emplace_back(s.b); break;
      case slot_kind::integer: out.emplace_back(s.i); break;
      case slot_kind::unsigned_integer: out.emplace_back(s.u); break;
      case slot_kind::floating: out.emplace_back(s.d); break;
      case slot_kind::text: out.emplace_back(texts.view(s.text)); break;
      case slot_kind::boxed: out.push_back(std::move(boxed_[next_boxed++])); break;
    }
  }
  count_ = 0;
  boxed_.clear();
  return out;
}

std::size_t pending_log::approximate_bytes() const noexcept {
  return 160 + texts.size() + 24 * params.size() + 32 * context.size();
}

}  // namespace sentry::detail
