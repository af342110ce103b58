#include "logging/record_breadcrumb.hpp"

namespace sentry::detail {
namespace {

record_crumb::source source_of(const record_parts& parts, const std::vector<std::string>* tags) {
  const log_record& r = parts.record;
  record_crumb::source s;
  s.timestamp = parts.timestamp;
  s.level = event_level(r.level);
  s.category = r.logger;
  s.message = r.message;
  s.thread_id = parts.thread_id;
  s.thread_name = parts.thread_name;
  s.file = r.file;
  s.line = r.line;
  s.function = r.function;
  s.context = r.context;
  s.context_size = r.context_size;
  s.tag_keys = tags;
  return s;
}

}  // namespace

void fill_record_breadcrumb(const record_parts& parts, const std::vector<std::string>* interned_tags,
                            crumb_slot& slot) {
  slot.record.assign(source_of(parts, interned_tags));
  slot.is_record = true;
}

breadcrumb make_record_breadcrumb(const record_parts& parts) {
  record_crumb crumb;
  crumb.assign(source_of(parts, &parts.tag_keys));
  return crumb.to_breadcrumb();
}

}  // namespace sentry::detail
