// sentry/envelope.hpp: the unit a transport sends (PROTOCOL §2).
//
// A value type: headers and items with their payload bytes already
// serialized. Built on the SDK's worker thread; a transport owns the envelope
// it is given. serialize() writes exact framing (a `length` on every item);
// parse() reads any well-formed envelope back. Neither throws.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sentry/client_report.hpp"
#include "sentry/export.hpp"
#include "sentry/value.hpp"

namespace sentry {

struct envelope_item {
  std::string type;       // "event", "log", "client_report", ...
  value_object headers;   // further item headers (content_type, item_count, ...); not type/length
  std::string payload;    // the bytes of the item

  // The rate-limit / client-report category of this item (event -> error,
  // log -> log_item, ...); nullopt for items that are never limited.
  SENTRY_API std::optional<data_category> category() const noexcept;
};

class SENTRY_API envelope {
 public:
  value_object headers;  // event_id, dsn, sdk, trace; sent_at is added by serialize()
  std::vector<envelope_item> items;

  // The wire bytes. When `sent_at` is non-empty it is written as the
  // envelope's `sent_at` header (replacing any sent_at in `headers`).
  std::string serialize(std::string_view sent_at = {}) const;
  // Reads envelope bytes; nullopt when the framing is malformed.
  static std::optional<envelope> parse(std::string_view bytes);

  // The event id header as 32 hex digits, or "".
  std::string event_id() const;
};

// Current UTC time as RFC 3339 with milliseconds, for `sent_at`.
SENTRY_API std::string rfc3339_now();

}  // namespace sentry
