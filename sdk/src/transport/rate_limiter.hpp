// Private: the rate limits in force, per data category (PROTOCOL §4.2).
//
// Worker thread only (not synchronised). Deadlines are on the monotonic clock
// passed in by the caller, so tests can move time.
#pragma once

#include <array>
#include <chrono>
#include <string_view>

#include "sentry/client_report.hpp"
#include "sentry/envelope.hpp"

namespace sentry::detail {

class rate_limiter {
 public:
  using clock = std::chrono::steady_clock;

  // Applies what one HTTP response says: X-Sentry-Rate-Limits when present
  // (on any status), else on a 429 Retry-After, else 60 s, for every category.
  void update(long status, std::string_view rate_limits_header,
              std::string_view retry_after_header, clock::time_point now);

  // When `category` may be sent again (<= now: it may be sent now).
  clock::time_point limited_until(data_category category) const noexcept;
  bool is_limited(data_category category, clock::time_point now) const noexcept {
    return limited_until(category) > now;
  }
  // Every category is limited (the "all" bucket).
  bool all_limited(clock::time_point now) const noexcept { return all_until_ > now; }
  bool any_limited(clock::time_point now) const noexcept;

  // When this item may be sent (its categories and "all"); now or earlier for
  // items never limited (client reports).
  clock::time_point item_limited_until(const envelope_item& item) const noexcept;

  // Removes the items that may not be sent now, counting each as
  // `ratelimit_backoff`. An event or transaction that is limited takes its
  // whole envelope with it. Returns false when nothing is left to send.
  bool drop_limited_items(envelope& env, discard_counter& discards, clock::time_point now) const;

 private:
  void limit(data_category category, clock::time_point until) noexcept;
  void limit_all(clock::time_point until) noexcept;

  std::array<clock::time_point, static_cast<std::size_t>(data_category::count_)> until_{};
  clock::time_point all_until_{};
};

}  // namespace sentry::detail
