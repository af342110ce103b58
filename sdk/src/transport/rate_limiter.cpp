#include "transport/rate_limiter.hpp"

#include <algorithm>

#include "transport/item_discards.hpp"
#include "transport/rate_limit_header.hpp"

namespace sentry::detail {

namespace {

constexpr std::chrono::seconds default_retry_after{60};

bool takes_whole_envelope(const envelope_item& item) {
  return item.type == "event" || item.type == "transaction";
}

}  // namespace

void rate_limiter::limit(data_category category, clock::time_point until) noexcept {
  auto& slot = until_[static_cast<std::size_t>(category)];
  slot = std::max(slot, until);
}

void rate_limiter::limit_all(clock::time_point until) noexcept {
  all_until_ = std::max(all_until_, until);
}

void rate_limiter::update(long status, std::string_view rate_limits_header,
                          std::string_view retry_after_header, clock::time_point now) {
  if (!rate_limits_header.empty()) {
    for (const auto& l : parse_rate_limits(rate_limits_header)) {
      const auto until = now + l.retry_after;
      if (l.categories.empty()) limit_all(until);
      for (const auto category : l.categories) limit(category, until);
    }
    return;
  }
  if (status != 429) return;
  const auto retry_after = parse_retry_after(retry_after_header);
  limit_all(now + (retry_after ? *retry_after : default_retry_after));
}

rate_limiter::clock::time_point rate_limiter::limited_until(data_category category) const noexcept {
  return std::max(all_until_, until_[static_cast<std::size_t>(category)]);
}

bool rate_limiter::any_limited(clock::time_point now) const noexcept {
  if (all_until_ > now) return true;
  return std::any_of(until_.begin(), until_.end(), [now](auto t) { return t > now; });
}

rate_limiter::clock::time_point rate_limiter::item_limited_until(
    const envelope_item& item) const noexcept {
  const auto category = item.category();
  if (!category) return clock::time_point{};
  auto until = limited_until(*category);
  if (item.type == "log") until = std::max(until, limited_until(data_category::log_byte));
  if (item.type == "attachment") {
    until = std::max(until, limited_until(data_category::attachment_item));
  }
  if (item.type == "transaction") until = std::max(until, limited_until(data_category::span));
  return until;
}

bool rate_limiter::drop_limited_items(envelope& env, discard_counter& discards,
                                      clock::time_point now) const {
  const auto limited = [&](const envelope_item& item) { return item_limited_until(item) > now; };
  const bool whole = std::any_of(env.items.begin(), env.items.end(), [&](const auto& item) {
    return takes_whole_envelope(item) && limited(item);
  });
  if (whole) {
    record_discard(discards, discard_reason::ratelimit_backoff, env);
    env.items.clear();
    return false;
  }
  const auto kept = std::stable_partition(env.items.begin(), env.items.end(),
                                          [&](const auto& item) { return !limited(item); });
  for (auto it = kept; it != env.items.end(); ++it) {
    record_discard(discards, discard_reason::ratelimit_backoff, *it);
  }
  env.items.erase(kept, env.items.end());
  return !env.items.empty();
}

}  // namespace sentry::detail
