#include "logs/log_capture.hpp"

#include <algorithm>
#include <cstdint>

#include "client/client.hpp"
#include "sentry/logs.hpp"
#include "util/reentry.hpp"
#include "util/thread_info.hpp"

namespace sentry::detail {
namespace {

client* logging_client() noexcept {
  if (in_sdk()) return nullptr;
  client* c = current_client();
  return (c && c->enabled() && c->logs_enabled()) ? c : nullptr;
}

bool listed(const std::vector<std::string>& names, std::string_view key) {
  return std::find(names.begin(), names.end(), key) != names.end();
}

}  // namespace

bool logs_enabled() noexcept { return logging_client() != nullptr; }

void capture_log_record(const log_record& r, std::string_view origin,
                        const std::vector<std::string>& context_tags) noexcept {
  client* c = logging_client();
  if (!c) return;
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
    // Which fields are listed, found once (the first 64 remembered).
    std::size_t listed_fields = 0;
    std::uint64_t listed_mask = 0;
    for (std::size_t i = 0; i < r.context_size; ++i) {
      const context_field& f = r.context[i];
      if (listed(context_tags, f.key)) {
        size += f.key.size() + f.value.size();
        ++listed_fields;
        if (i < 64) listed_mask |= std::uint64_t(1) << i;
      }
    }
    const std::size_t param_count = r.params ? r.param_count : 0;
    for (std::size_t i = 0; i < param_count; ++i) {
      if (const std::string* s = r.params[i].as_string()) size += s->size();
    }
    p.texts.reserve(size);
    p.body = p.add_text(r.message);
    p.message_template = p.add_text(r.message_template);
    p.origin = p.add_text(origin);
    p.logger = p.add_text(r.logger);
    p.thread_name = p.add_text(thread_name);
    p.file = p.add_text(r.file);
    p.function = p.add_text(r.function);
    for (std::size_t i = 0; i < param_count; ++i) p.params.add(r.params[i], p.texts);
    if (listed_fields) {
      for (std::size_t i = 0; i < r.context_size; ++i) {
        const context_field& f = r.context[i];
        if (i < 64 ? !(listed_mask >> i & 1) : !listed(context_tags, f.key)) continue;
        const pending_log::text_ref key = p.add_text(f.key);
        p.context.add(key, p.add_text(f.value));
      }
    }
    p.scope = isolation_scope_ref().data();
    c->capture_log(std::move(p));
  } catch (...) {
    c->discards().record(discard_reason::internal_sdk_error, data_category::log_item);
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
