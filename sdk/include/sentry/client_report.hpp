// sentry/client_report.hpp: counting what the SDK discards (PROTOCOL §5).
//
// Every component that drops an event, log or breadcrumb records it here once.
// record() is lock-free (relaxed atomic adds into a fixed table) and safe from
// any thread, including the logging thread. take() atomically reads and resets
// the counters for a `client_report` item; restore() puts them back when that
// item could not be delivered.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string_view>
#include <vector>

#include "sentry/export.hpp"

namespace sentry {

enum class discard_reason : int {
  queue_overflow, cache_overflow, ratelimit_backoff, network_error, sample_rate,
  before_send, event_processor, send_error, internal_sdk_error, insufficient_data,
  backpressure, buffer_overflow, ignored, invalid,
  count_  // not a reason
};

enum class data_category : int {
  error, transaction, attachment, attachment_item, session, log_item, log_byte, span,
  feedback, monitor, trace_metric, internal,
  count_  // not a category
};

SENTRY_API std::string_view to_string(discard_reason r) noexcept;
SENTRY_API std::string_view to_string(data_category c) noexcept;

struct discarded {
  discard_reason reason;
  data_category category;
  std::uint64_t quantity;
};

class SENTRY_API discard_counter {
 public:
  void record(discard_reason reason, data_category category, std::uint64_t quantity = 1) noexcept;
  // Non-zero counters, reset to zero.
  std::vector<discarded> take();
  void restore(const std::vector<discarded>& items) noexcept;
  // Current count for one pair, without resetting (for tests and diagnostics).
  std::uint64_t peek(discard_reason reason, data_category category) const noexcept;
  // Sum of everything recorded since construction (never reset).
  std::uint64_t total_recorded() const noexcept { return total_.load(std::memory_order_relaxed); }

 private:
  static constexpr int reasons_ = static_cast<int>(discard_reason::count_);
  static constexpr int categories_ = static_cast<int>(data_category::count_);
  std::array<std::atomic<std::uint64_t>, reasons_ * categories_> counts_{};
  std::atomic<std::uint64_t> total_{0};
};

}  // namespace sentry
