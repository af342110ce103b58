#include "logs/log_capture.hpp"

#include <algorithm>

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
    p.body.assign(r.message);
    p.message_template.assign(r.message_template);
    p.params.assign(r.params, r.params + r.param_count);
    p.origin.assign(origin);
    p.logger.assign(r.logger);
    p.thread_id = r.thread_id ? r.thread_id : current_thread_id();
    p.thread_name.assign(r.thread_name);
    p.file.assign(r.file);
    p.line = r.line;
    p.function.assign(r.function);
    for (std::size_t i = 0; i < r.context_size; ++i) {
      const context_field& f = r.context[i];
      if (listed(context_tags, f.key)) p.context.emplace_back(f.key, f.value);
    }
    p.scope = isolation_scope_impl()->data();
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
    p.message_template.assign(message_template);
    if (params) p.params.assign(params, params + param_count);
    p.thread_id = detail::current_thread_id();
    p.scope = detail::isolation_scope_impl()->data();
    c->capture_log(std::move(p));
  } catch (...) {
    c->discards().record(discard_reason::internal_sdk_error, data_category::log_item);
  }
}

}  // namespace sentry
