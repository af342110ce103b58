// The log bridge: thresholds, re-entry guard, and the order of the outputs.
#include "sentry/log_bridge.hpp"

#include <algorithm>
#include <utility>

#include "client/client.hpp"
#include "logging/record_breadcrumb.hpp"
#include "logging/record_event.hpp"
#include "logging/record_parts.hpp"
#include "logs/log_capture.hpp"
#include "scope/scope_impl.hpp"
#include "sentry/sentry.hpp"
#include "util/interned_lists.hpp"
#include "util/reentry.hpp"
#include "util/thread_info.hpp"

namespace sentry {
namespace {

detail::client* enabled_client() noexcept {
  detail::client* c = detail::current_client();
  return (c && c->enabled()) ? c : nullptr;
}

void add_breadcrumb_of(const detail::record_parts& parts, const options& client_opts,
                       const std::vector<std::string>* interned_tags) {
  if (client_opts.before_breadcrumb) {
    // The hook sees (and may change) the whole breadcrumb.
    breadcrumb b = detail::make_record_breadcrumb(parts);
    if (detail::prepare_breadcrumb(b)) detail::isolation_scope_ref().add_breadcrumb(std::move(b));
    return;
  }
  detail::isolation_scope_ref().emplace_breadcrumb(
      [&](detail::crumb_slot& slot) { detail::fill_record_breadcrumb(parts, interned_tags, slot); });
}

}  // namespace

log_bridge::log_bridge(log_bridge_options opts)
    : opts_(std::move(opts)),
      minimum_level_(std::min({opts_.minimum_event_level, opts_.minimum_breadcrumb_level,
                               opts_.minimum_log_level})),
      interned_tags_(opts_.context_tags ? detail::intern(*opts_.context_tags) : nullptr) {}

bool log_bridge::inside_sdk() noexcept { return detail::in_sdk(); }

std::string_view log_bridge::calling_thread_name() noexcept { return detail::cached_thread_name(); }

std::uint64_t log_bridge::calling_thread_id() noexcept { return detail::current_thread_id(); }

bool log_bridge::wants(level l) const noexcept {
  if (l < minimum_level() || detail::in_sdk()) return false;
  const detail::client* c = enabled_client();
  if (!c) return false;
  // The client just read stands for the SDK: no second look (logs_enabled()).
  return l >= opts_.minimum_event_level || l >= opts_.minimum_breadcrumb_level ||
         c->logs_enabled();
}

bool log_bridge::wants_params(level l) const noexcept {
  // The level compares first: a breadcrumb-only record (the usual one) needs
  // nothing else.
  if (l < opts_.minimum_event_level && (l < opts_.minimum_log_level || !detail::logs_enabled())) return false;
  return !detail::in_sdk() && enabled_client();
}

void log_bridge::handle(const log_record& record) noexcept {
  if (record.level < minimum_level() || detail::in_sdk()) return;
  detail::client* c = enabled_client();
  if (!c) return;
  try {
    const sentry::options& client_opts = c->opts();
    const std::vector<std::string>& tags =
        opts_.context_tags ? *opts_.context_tags : client_opts.context_tags;
    if (record.level >= opts_.minimum_log_level && c->logs_enabled()) {
      detail::capture_log_record(*c, record, opts_.origin, tags);
    }
    const bool event = record.level >= opts_.minimum_event_level;
    const bool crumb = record.level >= opts_.minimum_breadcrumb_level;
    // A record that is only a log (logs on, breadcrumbs from a higher level)
    // needs none of what events and breadcrumbs share.
    if (!event && !crumb) return;
    const detail::record_parts parts(record, tags);
    if (event) {
      detail::record_capture capture = detail::make_record_event(parts, opts_);
      // The stack starts at handle()'s caller (the sink); the sink's and the
      // logging library's frames are trimmed on the worker.
      detail::capture_event_at(std::move(capture.ev), std::move(capture.hint), true,
                               reinterpret_cast<std::uintptr_t>(__builtin_return_address(0)),
                               opts_.attach_stacktrace, std::move(capture.record));
    }
    if (crumb) {
      add_breadcrumb_of(parts, client_opts,
                        opts_.context_tags ? interned_tags_ : c->interned_context_tags());
    }
  } catch (...) {
    // Out of memory while copying the record: it is dropped, the caller's
    // thread goes on. Nothing here may throw into a logging library.
  }
}

}  // namespace sentry
