#include "logging/record_parts.hpp"

#include "util/thread_info.hpp"

namespace sentry::detail {

record_parts::record_parts(const log_record& r, const std::vector<std::string>& tags) noexcept
    : record(r), tag_keys(tags) {
  timestamp = r.timestamp == std::chrono::system_clock::time_point{}
                  ? std::chrono::system_clock::now()
                  : r.timestamp;
  const std::uint64_t caller = current_thread_id();
  on_calling_thread = r.thread_id == 0 || r.thread_id == caller;
  thread_id = r.thread_id == 0 ? caller : r.thread_id;
  // The size first: reading the whole view would wait on the sink's
  // just-written halves of it.
  thread_name = r.thread_id == 0 && r.thread_name.size() == 0 ? cached_thread_name() : r.thread_name;
}

bool record_parts::is_tag(std::string_view key) const noexcept {
  for (const std::string& t : tag_keys) {
    if (t == key) return true;
  }
  return false;
}

bool record_parts::seen_before(std::size_t i) const noexcept {
  const std::string_view key = record.context[i].key;
  for (std::size_t j = 0; j < i; ++j) {
    if (record.context[j].key == key) return true;
  }
  return false;
}

}  // namespace sentry::detail
