// Counting discarded items for client reports (PROTOCOL §5), and the wire
// names of discard reasons and data categories (PROTOCOL §5, §4.3).
#include "sentry/client_report.hpp"

#include <array>

namespace sentry {
namespace {

constexpr std::array<std::string_view, static_cast<std::size_t>(discard_reason::count_)>
    reason_names = {"queue_overflow",     "cache_overflow",  "ratelimit_backoff",
                    "network_error",      "sample_rate",     "before_send",
                    "event_processor",    "send_error",      "internal_sdk_error",
                    "insufficient_data",  "backpressure",    "buffer_overflow",
                    "ignored",            "invalid"};

constexpr std::array<std::string_view, static_cast<std::size_t>(data_category::count_)>
    category_names = {"error",   "transaction", "attachment", "attachment_item",
                      "session", "log_item",    "log_byte",   "span",
                      "feedback", "monitor",    "trace_metric", "internal"};

constexpr int reason_count = static_cast<int>(discard_reason::count_);
constexpr int category_count = static_cast<int>(data_category::count_);

// The table slot of a pair, or -1 when either enum value is out of range.
int slot(discard_reason r, data_category c) noexcept {
  const int ri = static_cast<int>(r);
  const int ci = static_cast<int>(c);
  if (ri < 0 || ri >= reason_count || ci < 0 || ci >= category_count) return -1;
  return ri * category_count + ci;
}

}  // namespace

std::string_view to_string(discard_reason r) noexcept {
  const auto i = static_cast<std::size_t>(r);
  return i < reason_names.size() ? reason_names[i] : std::string_view("unknown");
}

std::string_view to_string(data_category c) noexcept {
  const auto i = static_cast<std::size_t>(c);
  return i < category_names.size() ? category_names[i] : std::string_view("unknown");
}

void discard_counter::record(discard_reason reason, data_category category,
                             std::uint64_t quantity) noexcept {
  const int i = slot(reason, category);
  if (i < 0 || quantity == 0) return;
  counts_[static_cast<std::size_t>(i)].fetch_add(quantity, std::memory_order_relaxed);
  total_.fetch_add(quantity, std::memory_order_relaxed);
}

std::vector<discarded> discard_counter::take() {
  std::vector<discarded> out;
  for (int r = 0; r < reason_count; ++r) {
    for (int c = 0; c < category_count; ++c) {
      auto& counter = counts_[static_cast<std::size_t>(r * category_count + c)];
      if (counter.load(std::memory_order_relaxed) == 0) continue;
      const std::uint64_t n = counter.exchange(0, std::memory_order_relaxed);
      if (n != 0) {
        out.push_back({static_cast<discard_reason>(r), static_cast<data_category>(c), n});
      }
    }
  }
  return out;
}

void discard_counter::restore(const std::vector<discarded>& items) noexcept {
  for (const discarded& d : items) {
    const int i = slot(d.reason, d.category);
    if (i < 0) continue;
    counts_[static_cast<std::size_t>(i)].fetch_add(d.quantity, std::memory_order_relaxed);
  }
}

std::uint64_t discard_counter::peek(discard_reason reason, data_category category) const noexcept {
  const int i = slot(reason, category);
  return i < 0 ? 0 : counts_[static_cast<std::size_t>(i)].load(std::memory_order_relaxed);
}

}  // namespace sentry
