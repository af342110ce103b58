// Private: pending logs -> log entries -> a `log` envelope (PROTOCOL §12).
// A log that no before_send_log sees skips the log entry: it is written as
// JSON straight from the pending log (log_items::add_direct).
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

// Default attributes, also as JSON members (`"name":{"value":..,"type":..}`
// joined by ','), written once for the direct way below.
struct log_defaults {
  value_object attributes;
  std::string json;
};
log_defaults make_log_defaults(value_object attributes);

// The log before_send_log sees: body formatted, default and per-record
// attributes set (user attributes only with send_default_pii).
log_entry make_log_entry(pending_log&& p, const value_object& defaults, bool send_default_pii);

// One log as JSON (an element of the container's `items`).
std::string serialize_log(const log_entry& entry);

// The logs of one `log` item, serialized one after another into one text.
class log_items {
 public:
  log_items();
  std::size_t count() const noexcept { return count_; }
  bool empty() const noexcept { return count_ == 0; }
  void reserve(std::size_t bytes) { json_.reserve(bytes); }
  // Bytes of payload written so far.
  std::size_t size_bytes() const noexcept { return json_.size(); }
  // Appends `e` as serialize_log writes it.
  void add(const log_entry& e);
  // Appends `p` (its parameters taken) without building a log_entry: the
  // same log as add(make_log_entry(p, d.attributes, send_default_pii)), its
  // attributes in another order. The way for a log no before_send_log sees.
  // Returns false and appends nothing when a context field of `p` is named
  // like one of the SDK's attributes (sentry.*, thread.*, code.*, user.*,
  // logger.name) or a default (server.address, os.name, ...): such a log
  // goes through make_log_entry, where the field's value wins. When
  // appended and `body` is given, the log's body is copied there.
  bool add_direct(pending_log& p, const log_defaults& d, bool send_default_pii,
                  std::string* body = nullptr);
  // `{"items":[...]}`, the item's payload; leaves this object unusable.
  std::string take_payload();

 private:
  void begin_log();
  std::string json_;
  std::size_t count_ = 0;
};

// An envelope with one `log` item holding `items` (item_count exact).
envelope make_log_envelope(log_items&& items, std::string_view dsn);

}  // namespace sentry::detail
