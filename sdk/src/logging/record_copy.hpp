// Private: the part of an event that comes from a log record, copied flat on
// the logging thread and turned into event fields on the worker.
//
// Building the event's strings, maps and thread entry on the logging thread
// costs some twenty allocations, each freed later by the worker (memory that
// crosses threads that way also slows the logging thread's next
// allocations). A record_copy is two allocations: every text of the record
// appended to one buffer, and an index of the pieces. The worker calls
// expand_into() before anything else reads the event.
//
// Not thread-safe: made on the logging thread, moved with the capture job,
// read on the worker.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "logging/record_parts.hpp"
#include "sentry/event.hpp"

namespace sentry::detail {

class record_copy {
 public:
  record_copy() = default;
  // Copies the record's logger, message (template and parameters), context
  // fields (tags apart), source location and thread; `context_name` names
  // the context that holds the fields that are not tags.
  record_copy(const record_parts& parts, std::string_view context_name);

  bool empty() const noexcept { return !present_; }
  // Roughly the memory it holds (for the queue's byte budget).
  std::size_t bytes() const noexcept;
  // Sets the event's logger, logentry, tags, contexts (fields and `code`) and
  // the record's thread entry. Tags the event already has keep their value.
  void expand_into(event& e) const;

 private:
  enum class kind : std::uint8_t {
    logger,
    formatted,
    message_template,
    param,
    tag,
    field,
    file,
    function,
    thread_name,
    context_name,
  };
  struct piece {
    kind what;
    std::size_t key_at, key_size;  // tags and fields
    std::size_t at, size;
  };
  void add(kind what, std::string_view text, std::string_view key = {});
  std::string_view key_of(const piece& p) const noexcept {
    return std::string_view(text_.data() + p.key_at, p.key_size);
  }
  std::string_view text_of(const piece& p) const noexcept {
    return std::string_view(text_.data() + p.at, p.size);
  }

  std::string text_;
  std::vector<piece> pieces_;
  std::int64_t line_ = 0;
  std::uint64_t thread_id_ = 0;
  bool main_thread_ = false;
  bool present_ = false;
};

}  // namespace sentry::detail
