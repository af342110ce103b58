// Private: the breadcrumb made from a log record.
//
// Calling thread. fill_record_breadcrumb() writes into a reused ring slot from
// the record's views (its data as packed_fields, expanded on the worker), so
// it does not allocate once the ring has turned over; make_record_breadcrumb()
// builds a complete breadcrumb for before_breadcrumb to see.
#pragma once

#include "logging/record_parts.hpp"
#include "scope/packed_fields.hpp"
#include "sentry/breadcrumb.hpp"

namespace sentry::detail {

void fill_record_breadcrumb(const record_parts& parts, breadcrumb& slot, packed_fields& data);
breadcrumb make_record_breadcrumb(const record_parts& parts);

}  // namespace sentry::detail
