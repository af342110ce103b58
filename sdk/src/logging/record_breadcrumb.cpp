#include "logging/record_breadcrumb.hpp"

namespace sentry::detail {

void fill_record_breadcrumb(const record_parts& parts, breadcrumb& slot, packed_fields& data) {
  const log_record& r = parts.record;
  slot.timestamp = parts.timestamp;
  slot.type.assign("default");
  slot.category.assign(r.logger.data(), r.logger.size());
  slot.message.assign(r.message.data(), r.message.size());
  slot.level = event_level(r.level);
  slot.data.clear();

  data.add(key_thread_id, static_cast<std::int64_t>(parts.thread_id));
  if (!parts.thread_name.empty()) data.add(key_thread_name, parts.thread_name);
  if (!r.file.empty()) data.add(key_file, r.file);
  if (r.line > 0) data.add(key_line, static_cast<std::int64_t>(r.line));
  if (!r.function.empty()) data.add(key_function, r.function);
  parts.for_each_field([&](std::string_view key, std::string_view val, bool is_tag) {
    if (!is_tag) data.add(key, val);
  });
}

breadcrumb make_record_breadcrumb(const record_parts& parts) {
  breadcrumb b;
  packed_fields data;
  fill_record_breadcrumb(parts, b, data);
  data.expand_into(b.data);
  return b;
}

}  // namespace sentry::detail
