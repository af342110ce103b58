#include "transport/rate_limit_header.hpp"

#include <curl/curl.h>

#include <charconv>
#include <cmath>
#include <ctime>
#include <string>

namespace sentry::detail {

namespace {

std::string_view trim(std::string_view s) {
  constexpr std::string_view space = " \t\r\n";
  const auto first = s.find_first_not_of(space);
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(space);
  return s.substr(first, last - first + 1);
}

// The next field of `rest` up to `sep` (consumed), or the whole rest.
std::string_view next_field(std::string_view& rest, char sep) {
  const auto pos = rest.find(sep);
  std::string_view field = rest.substr(0, pos);
  rest = pos == std::string_view::npos ? std::string_view{} : rest.substr(pos + 1);
  return field;
}

std::optional<std::chrono::seconds> parse_seconds(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  double seconds = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, seconds, std::chars_format::fixed);
  if (ec != std::errc() || ptr != end || !std::isfinite(seconds)) return std::nullopt;
  if (seconds <= 0) return std::chrono::seconds(0);
  if (seconds >= static_cast<double>(max_retry_after.count())) return max_retry_after;
  return std::chrono::seconds(static_cast<std::chrono::seconds::rep>(std::ceil(seconds)));
}

std::optional<rate_limit> parse_one(std::string_view text) {
  std::string_view rest = text;
  const auto retry_after = parse_seconds(next_field(rest, ':'));
  if (!retry_after) return std::nullopt;
  rate_limit limit;
  limit.retry_after = *retry_after;
  std::string_view categories = trim(next_field(rest, ':'));
  // scope, reason code, namespaces and anything after them do not matter here.
  if (categories.empty()) return limit;
  while (!categories.empty()) {
    const std::string_view name = trim(next_field(categories, ';'));
    if (const auto category = category_from_name(name)) limit.categories.push_back(*category);
  }
  if (limit.categories.empty()) return std::nullopt;  // only unknown categories
  return limit;
}

}  // namespace

std::optional<data_category> category_from_name(std::string_view name) noexcept {
  if (name.empty()) return std::nullopt;
  for (int i = 0; i < static_cast<int>(data_category::count_); ++i) {
    const auto category = static_cast<data_category>(i);
    if (to_string(category) == name) return category;
  }
  return std::nullopt;
}

std::vector<rate_limit> parse_rate_limits(std::string_view header) {
  std::vector<rate_limit> limits;
  try {
    std::string_view rest = header;
    while (!rest.empty()) {
      const std::string_view text = trim(next_field(rest, ','));
      if (text.empty()) continue;
      if (auto limit = parse_one(text)) limits.push_back(std::move(*limit));
    }
  } catch (...) {  // out of memory: what was parsed so far
  }
  return limits;
}

std::optional<std::chrono::seconds> parse_retry_after(std::string_view header) {
  header = trim(header);
  if (auto seconds = parse_seconds(header)) return seconds;
  if (header.empty() || header.size() > 64) return std::nullopt;
  try {
    const std::string date(header);
    const std::time_t when = curl_getdate(date.c_str(), nullptr);
    if (when == -1) return std::nullopt;
    const std::time_t now = std::time(nullptr);
    if (when <= now) return std::chrono::seconds(0);
    return std::min<std::chrono::seconds>(std::chrono::seconds(when - now), max_retry_after);
  } catch (...) {
    return std::nullopt;
  }
}

}  // namespace sentry::detail
