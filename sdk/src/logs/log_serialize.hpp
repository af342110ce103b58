// Private: pending logs -> log entries -> a `log` envelope (PROTOCOL §12).
//
// Worker thread only. Never throws except std::bad_alloc.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "logs/pending_log.hpp"
#include "sentry/envelope.hpp"
#include "sentry/logs.hpp"
#include "sentry/options.hpp"

namespace sentry::detail {

// Fills `{}` placeholders in order ("{{" and "}}" are literal braces);
// placeholders without a parameter stay as they are.
std::string format_template(std::string_view message_template, const std::vector<value>& params);

// The attributes every log of a client carries (environment, release, sdk,
// server.address, os), computed once.
value_object default_log_attributes(const options& opts,
                                    const std::map<std::string, value_object>& contexts);

// The log before_send_log sees: body formatted, default and per-record
// attributes set (user attributes only with send_default_pii).
log_entry make_log_entry(pending_log&& p, const value_object& defaults, bool send_default_pii);

// One log as JSON (an element of the container's `items`).
std::string serialize_log(const log_entry& entry);

// An envelope with one `log` item holding `serialized` (item_count exact).
envelope make_log_envelope(const std::vector<std::string>& serialized, std::string_view dsn);

}  // namespace sentry::detail
