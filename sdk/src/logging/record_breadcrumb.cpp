#include "logging/record_breadcrumb.hpp"

namespace sentry::detail {
namespace {

record_crumb::resolved resolved_of(const record_parts& parts, const std::vector<std::string>* tags) {
  record_crumb::resolved d;
  d.timestamp = parts.timestamp;
  d.level = event_level(parts.record.level);
  d.thread_id = parts.thread_id;
  d.tag_keys = tags;
  return d;
}

}  // namespace

void fill_record_breadcrumb(const record_parts& parts, const std::vector<std::string>* interned_tags,
                            crumb_slot& slot) {
  slot.record.assign(parts.record, parts.thread_name, resolved_of(parts, interned_tags));
  slot.is_record = true;
}

breadcrumb make_record_breadcrumb(const record_parts& parts) {
  record_crumb crumb;
  crumb.assign(parts.record, parts.thread_name, resolved_of(parts, &parts.tag_keys));
  return crumb.to_breadcrumb();
}

}  // namespace sentry::detail
