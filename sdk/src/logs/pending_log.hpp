// Private: a structured log between the caller's thread and the worker.
//
// Holds copies of what the caller gave, nothing formatted or serialized: the
// worker formats the body (when it came as a template), adds the attributes
// and serializes. Moved, never shared.
//
// A usual log allocates nothing of its own on the caller's thread: its texts
// (string parameters included) sit in a buffer inside the object, its first
// parameters and context fields in fixed slots. Memory the caller allocates
// and the worker frees also slows the caller's next allocations, so this
// matters beyond the allocation itself. Longer texts, more parameters or
// fields go to the heap.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "scope/scope_impl.hpp"
#include "sentry/level.hpp"
#include "sentry/value.hpp"

namespace sentry::detail {

// Where one text lies in a log_texts.
struct text_ref {
  std::uint32_t at = 0;
  std::uint32_t size = 0;
};

// The texts of one log, one after another: inside the object up to
// inline_capacity bytes in all, else in one heap buffer. Copies and moves
// copy only the bytes in use.
class log_texts {
 public:
  static constexpr std::size_t inline_capacity = 320;

  log_texts() noexcept = default;
  log_texts(const log_texts& o) { *this = o; }
  log_texts(log_texts&& o) noexcept { *this = std::move(o); }
  log_texts& operator=(const log_texts& o);
  log_texts& operator=(log_texts&& o) noexcept;
  ~log_texts() = default;

  // Room for `total` bytes in all, so that the adds after it do not move
  // texts (one heap allocation when over inline_capacity).
  void reserve(std::size_t total);
  // Appends `s`; throws std::length_error beyond 4 GiB in all.
  text_ref add(std::string_view s) {
    if (on_heap_ || s.size() > inline_capacity - size_) return add_slow(s);
    const text_ref r{size_, static_cast<std::uint32_t>(s.size())};
    if (!s.empty()) std::memcpy(inline_ + size_, s.data(), s.size());
    size_ += r.size;
    return r;
  }
  std::string_view view(text_ref r) const noexcept {
    return std::string_view(data() + r.at, r.size);
  }
  std::size_t size() const noexcept { return size_; }

  // Appends several texts whose total size is known, without a check per
  // text: a log record's handful of short texts.
  //   log_texts::appender a = texts.begin_append(total);
  //   text_ref r = a.add(s);  ... (at most `total` bytes in all)
  //   texts.end_append(a);    // before any other use of texts
  class appender {
   public:
    text_ref add(std::string_view s) noexcept {
      const text_ref r{at_, static_cast<std::uint32_t>(s.size())};
      copy_bytes(out_ + at_, s.data(), s.size());
      at_ += r.size;
      return r;
    }

   private:
    friend class log_texts;
    appender(char* out, std::uint32_t at) noexcept : out_(out), at_(at) {}
    char* out_;
    std::uint32_t at_;
  };
  // Throws std::length_error beyond 4 GiB in all (and std::bad_alloc).
  appender begin_append(std::size_t total);
  void end_append(const appender& a) {
    size_ = a.at_;
    if (on_heap_) heap_.resize(size_);
  }

 private:
  const char* data() const noexcept { return on_heap_ ? heap_.data() : inline_; }
  text_ref add_slow(std::string_view s);
  // memcpy, with the short sizes of log texts copied inline (a call to
  // memcpy costs more than the copy itself for them).
  static void copy_bytes(char* d, const char* s, std::size_t n) noexcept {
    // Two overlapping copies of the largest power of two <= n.
    if (n <= 16) {
      if (n >= 8) {
        copy_ends<std::uint64_t>(d, s, n);
      } else if (n >= 4) {
        copy_ends<std::uint32_t>(d, s, n);
      } else if (n != 0) {
        d[0] = s[0];
        d[n / 2] = s[n / 2];
        d[n - 1] = s[n - 1];
      }
    } else if (n <= 32) {
      copy_ends<chunk16>(d, s, n);
    } else {
      std::memcpy(d, s, n);
    }
  }
  struct chunk16 {
    std::uint64_t a, b;
  };
  template <typename T>
  static void copy_ends(char* d, const char* s, std::size_t n) noexcept {
    T first, last;
    std::memcpy(&first, s, sizeof(T));
    std::memcpy(&last, s + n - sizeof(T), sizeof(T));
    std::memcpy(d, &first, sizeof(T));
    std::memcpy(d + n - sizeof(T), &last, sizeof(T));
  }

  std::uint32_t size_ = 0;
  bool on_heap_ = false;
  std::string heap_;
  char inline_[inline_capacity];
};

// The template's parameters, typed: numbers and booleans in fixed slots,
// strings as texts of the log; arrays, objects and the parameters past the
// slots as values on the heap.
class log_params {
 public:
  static constexpr std::size_t inline_count = 4;

  void add(const value& v, log_texts& texts);
  std::size_t size() const noexcept { return count_; }
  bool empty() const noexcept { return count_ == 0; }
  // The parameters as values, in order (worker thread; empties this).
  std::vector<value> take(const log_texts& texts);

  // One parameter as it is held, for reading without allocating (the crash
  // handler): `text` for a string slot, `boxed` for one kept as a value.
  struct param_view {
    value::kind kind = value::kind::null;
    bool b = false;
    std::int64_t i = 0;
    std::uint64_t u = 0;
    double d = 0;
    text_ref text;
    const value* boxed = nullptr;
  };
  // fn(const param_view&) for each parameter, in order. Allocates nothing.
  template <typename F>
  void for_each(F&& fn) const {
    std::size_t next_boxed = 0;
    for (std::size_t i = 0; i < count_; ++i) {
      param_view v;
      const slot* s = i < inline_count ? &inline_[i] : nullptr;
      if (s == nullptr || s->kind == slot_kind::boxed) {
        if (next_boxed >= boxed_.size()) return;
        v.boxed = &boxed_[next_boxed++];
        v.kind = v.boxed->type();
      } else {
        switch (s->kind) {
          case slot_kind::boolean: v.kind = value::kind::boolean; v.b = s->b; break;
          case slot_kind::integer: v.kind = value::kind::integer; v.i = s->i; break;
          case slot_kind::unsigned_integer: v.kind = value::kind::unsigned_integer; v.u = s->u; break;
          case slot_kind::floating: v.kind = value::kind::floating; v.d = s->d; break;
          case slot_kind::text: v.kind = value::kind::string; v.text = s->text; break;
          case slot_kind::boxed: break;
        }
      }
      fn(static_cast<const param_view&>(v));
    }
  }

 private:
  enum class slot_kind : std::uint8_t { boolean, integer, unsigned_integer, floating, text, boxed };
  struct slot {
    slot_kind kind = slot_kind::boxed;
    union {
      bool b;
      std::int64_t i;
      std::uint64_t u;
      double d;
      text_ref text;
    };
    slot() noexcept : i(0) {}
  };

  std::array<slot, inline_count> inline_;
  std::size_t count_ = 0;
  std::vector<value> boxed_;  // in order: boxed slots first, then the rest
};

struct pending_log {
  using text_ref = detail::text_ref;

  std::chrono::system_clock::time_point timestamp;
  sentry::level level = sentry::level::info;
  bool format_body = false;  // body = message_template with params filled
  int line = 0;
  std::uint64_t thread_id = 0;
  scope_data_ref scope;  // trace id and user

  text_ref body;              // as logged; empty when format_body is set
  text_ref message_template;  // empty when unknown
  text_ref origin;            // sentry.origin, empty for direct API calls
  text_ref logger;
  text_ref thread_name;
  text_ref file;
  text_ref function;
  log_params params;
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
  // Every text above, one after another (read them with text()). Last: the
  // part of the inline buffer not in use is never touched.
  log_texts texts;

  std::string_view text(text_ref r) const noexcept { return texts.view(r); }
  // Appends `s` to texts (reserve texts first to append without moving).
  text_ref add_text(std::string_view s) { return texts.add(s); }

  // A rough size in bytes, for the queue bound and the log_byte count.
  std::size_t approximate_bytes() const noexcept;
};

}  // namespace sentry::detail
