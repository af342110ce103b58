// Private: the breadcrumb made from a log record.
//
// Calling thread. fill_record_breadcrumb() copies the record's views flat
// into a reused ring slot (record_crumb: no allocation once the ring has
// turned over; tags are told apart when the breadcrumb is read, from
// `interned_tags`, which must outlive the slot: util/interned_lists.hpp).
// make_record_breadcrumb() builds the complete breadcrumb for
// before_breadcrumb to see.
#pragma once

#include <string>
#include <vector>

#include "logging/record_parts.hpp"
#include "scope/breadcrumb_ring.hpp"
#include "sentry/breadcrumb.hpp"

namespace sentry::detail {

void fill_record_breadcrumb(const record_parts& parts, const std::vector<std::string>* interned_tags,
                            crumb_slot& slot);
breadcrumb make_record_breadcrumb(const record_parts& parts);

}  // namespace sentry::detail
