// Private: what dropping an envelope item counts in the client report
// (PROTOCOL §4.4, §5): an event counts 1 error, a log item its item_count
// log_item plus its bytes as log_byte, an attachment its bytes plus one
// attachment_item, a transaction 1 plus its spans + 1 as span. Client
// reports themselves are never counted.
//
// Worker thread; never throws.
#pragma once

#include "sentry/client_report.hpp"
#include "sentry/envelope.hpp"

namespace sentry::detail {

void record_discard(discard_counter& discards, discard_reason reason,
                    const envelope_item& item) noexcept;
void record_discard(discard_counter& discards, discard_reason reason,
                    const envelope& env) noexcept;

}  // namespace sentry::detail
