// sentry/context_store.hpp: a logging context for libraries without one.
//
// Thread-local key/value fields (like an MDC) that every sink of ours reads
// with each record: the fields listed in context_tags become tags of events,
// the others go to the event's context and to breadcrumb data.
//
//   sentry::scoped_context request("request_id", "r-42");  // until end of block
//   sentry::context_store::put("tenant", "acme");          // until removed
//
// Threading: each thread has its own fields; every function acts on the
// calling thread's only, so none of them locks. Nothing is ever thrown (a put
// that cannot allocate is dropped). Cost: put/remove are a short linear search
// of the thread's few fields; fields() is a thread-local read.
//
// Lifetime: a scoped_context restores what the key held before it (or removes
// the key) when destroyed; destroy them on their thread in reverse order of
// creation, as any RAII guard. Views returned by fields() stay valid until the
// calling thread next changes its fields.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "sentry/export.hpp"
#include "sentry/log_record.hpp"

namespace sentry {

class SENTRY_API context_store {
 public:
  // Sets `key` to `value` on this thread (replacing what it held).
  static void put(std::string_view key, std::string_view value) noexcept;
  static void remove(std::string_view key) noexcept;
  static void clear() noexcept;
  static std::optional<std::string> get(std::string_view key);

  // This thread's fields, each key once, in the order they were first put.
  struct view {
    const context_field* data = nullptr;
    std::size_t size = 0;
    const context_field* begin() const noexcept { return data; }
    const context_field* end() const noexcept { return data + size; }
    bool empty() const noexcept { return size == 0; }
  };
  static view fields() noexcept;

  context_store() = delete;
};

// RAII: puts a field for the lifetime of a block.
class SENTRY_API scoped_context {
 public:
  scoped_context(std::string_view key, std::string_view value) noexcept;
  ~scoped_context();
  scoped_context(const scoped_context&) = delete;
  scoped_context& operator=(const scoped_context&) = delete;

 private:
  std::string key_;
  std::optional<std::string> previous_;
  bool active_ = false;
};

}  // namespace sentry
