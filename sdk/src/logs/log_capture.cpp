#include "logs/log_capture.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "client/client.hpp"
#include "sentry/logs.hpp"
#include "util/reentry.hpp"
#include "util/thread_info.hpp"

namespace sentry::detail {
namespace {

template <typename T>
T load(const char* p) noexcept {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

client* logging_client() noexcept {
  if (in_sdk()) return nullptr;
  client* c = current_client();
  return (c && c->enabled() && c->logs_enabled()) ? c : nullptr;
}

// Whether the n bytes at a and b are equal. Keys of up to 16 bytes (most
// context keys) compare inline, in two overlapping words, without a call to
// memcmp (which costs more than the comparison for them).
bool same_bytes(const char* a, const char* b, std::size_t n) noexcept {
  if (n > 16) return std::memcmp(a, b, n) == 0;
  if (n >= 8) return load<std::uint64_t>(a) == load<std::uint64_t>(b) &&
                     load<std::uint64_t>(a + n - 8) == load<std::uint64_t>(b + n - 8);
  if (n >= 4) return load<std::uint32_t>(a) == load<std::uint32_t>(b) &&
                     load<std::uint32_t>(a + n - 4) == load<std::uint32_t>(b + n - 4);
  for (std::size_t i = 0; i < n; ++i)
    if (a[i] != b[i]) return false;
  return true;
}

bool listed(const std::vector<std::string>& names, std::string_view key) noexcept {
  for (const std::string& name : names) {
    if (name.size() == key.size() && same_bytes(name.data(), key.data(), key.size())) return true;
  }
  return false;
}

}  // namespace

bool logs_enabled() noexcept { return logging_client() != nullptr; }

namespace {

// Bit i set when context field i (i < 64) is listed in `tags`.
std::uint64_t listed_fields(const log_record& r, const std::vector<std::string>& tags) {
  std::uint64_t mask = 0;
  const std::size_t n = std::min<std::size_t>(r.context_size, 64);
  for (std::size_t i = 0; i < n; ++i) {
    if (listed(tags, r.context[i].key)) mask |= std::uint64_t(1) << i;
  }
  return mask;
}

}  // namespace

void capture_log_record(client& c, const log_record& r, std::string_view origin,
                        const std::vector<std::string>& context_tags) noexcept {
  try {
    pending_log p;
    p.timestamp = r.timestamp == std::chrono::system_clock::time_point{}
                      ? std::chrono::system_clock::now()
                      : r.timestamp;
    p.level = r.level;
    p.thread_id = r.thread_id ? r.thread_id : current_thread_id();
    p.line = r.line;
    // The calling thread's name when the record names no thread (as events).
    const std::string_view thread_name =
        r.thread_name.empty() && r.thread_id == 0 ? cached_thread_name() : r.thread_name;
    std::size_t size = r.message.size() + r.message_template.size() + origin.size() +
                       r.logger.size() + thread_name.size() + r.file.size() + r.function.size();
    // Which fields are listed, found once (the first 64; those after them,
    // rare, are looked up again below).
    const std::uint64_t listed_mask = listed_fields(r, context_tags);
    bool any_listed = listed_mask != 0;
    for (std::uint64_t m = listed_mask; m != 0; m &= m - 1) {
      const context_field& f = r.context[__builtin_ctzll(m)];
      size += f.key.size() + f.value.size();
    }
    for (std::size_t i = 64; i < r.context_size; ++i) {
      const context_field& f = r.context[i];
      if (listed(context_tags, f.key)) {
        size += f.key.size() + f.value.size();
        any_listed = true;
      }
    }
    const std::size_t param_count = r.params ? r.param_count : 0;
    for (std::size_t i = 0; i < param_count; ++i) {
      if (const std::string* s = r.params[i].as_string()) size += s->size();
    }
    // The record's texts first (one size check for all), then the params'.
    log_texts::appender texts = p.texts.begin_append(size);
    p.body = texts.add(r.message);
    p.message_template = texts.add(r.message_template);
    p.origin = texts.add(origin);
    p.logger = texts.add(r.logger);
    p.thread_name = texts.add(thread_name);
    p.file = texts.add(r.file);
    p.function = texts.add(r.function);
    if (any_listed) {
      for (std::uint64_t m = listed_mask; m != 0; m &= m - 1) {
        const context_field& f = r.context[__builtin_ctzll(m)];
        const pending_log::text_ref key = texts.add(f.key);
        p.context.add(key, texts.add(f.value));
      }
      for (std::size_t i = 64; i < r.context_size; ++i) {
        const context_field& f = r.context[i];
        if (!listed(context_tags, f.key)) continue;
        const pending_log::text_ref key = texts.add(f.key);
        p.context.add(key, texts.add(f.value));
      }
    }
    p.texts.end_append(texts);
    for (std::size_t i = 0; i < param_count; ++i) p.params.add(r.params[i], p.texts);
    p.scope = isolation_scope_ref().data();
    c.capture_log(std::move(p));
  } catch (...) {
    c.discards().record(discard_reason::internal_sdk_error, data_category::log_item);
  }
}

}  // namespace sentry::detail

namespace sentry {

void log(level l, std::string_view message_template, const value* params,
         std::size_t param_count) noexcept {
  detail::client* c = detail::logging_client();
  if (!c) return;
  try {
    detail::pending_log p;
    p.timestamp = std::chrono::system_clock::now();
    p.level = l;
    p.format_body = true;
    // The calling thread's name, as the logs of records have it.
    const std::string_view thread_name = detail::cached_thread_name();
    std::size_t size = message_template.size() + thread_name.size();
    if (params) {
      for (std::size_t i = 0; i < param_count; ++i) {
        if (const std::string* s = params[i].as_string()) size += s->size();
      }
    }
    p.texts.reserve(size);
    p.message_template = p.add_text(message_template);
    p.thread_name = p.add_text(thread_name);
    if (params) {
      for (std::size_t i = 0; i < param_count; ++i) p.params.add(params[i], p.texts);
    }
    p.thread_id = detail::current_thread_id();
    p.scope = detail::isolation_scope_ref().data();
    c->capture_log(std::move(p));
  } catch (...) {
    c->discards().record(discard_reason::internal_sdk_error, data_category::log_item);
  }
}

}  // namespace sentry
