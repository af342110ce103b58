// Private: the `client_report` envelope item (PROTOCOL §5).
//
// Worker thread (the transport attaches reports to outgoing envelopes). Pure
// functions; never throw except std::bad_alloc.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sentry/client_report.hpp"
#include "sentry/envelope.hpp"

namespace sentry::detail {

// {"timestamp":"<timestamp>","discarded_events":[{"reason":..,"category":..,"quantity":N},..]}
// Entries with a zero quantity are left out; the timestamp when non-empty.
std::string client_report_payload(const std::vector<discarded>& items, std::string_view timestamp);

// An item of type client_report stamped with the current time.
envelope_item make_client_report_item(const std::vector<discarded>& items);

}  // namespace sentry::detail
