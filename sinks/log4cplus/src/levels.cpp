#include "levels.hpp"

#include <cctype>
#include <charconv>
#include <string>

namespace sentry::log4cplus_detail {

namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(a[i])) != static_cast<unsigned char>(b[i]))
      return false;
  }
  return true;
}

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

struct named_level {
  std::string_view name;
  ::log4cplus::LogLevel value;
};

constexpr named_level kNames[] = {
    {"TRACE", ::log4cplus::TRACE_LOG_LEVEL}, {"DEBUG", ::log4cplus::DEBUG_LOG_LEVEL},
    {"INFO", ::log4cplus::INFO_LOG_LEVEL},   {"WARN", ::log4cplus::WARN_LOG_LEVEL},
    {"WARNING", ::log4cplus::WARN_LOG_LEVEL}, {"ERROR", ::log4cplus::ERROR_LOG_LEVEL},
    {"FATAL", ::log4cplus::FATAL_LOG_LEVEL}, {"OFF", ::log4cplus::OFF_LOG_LEVEL},
    {"ALL", ::log4cplus::ALL_LOG_LEVEL},
};

}  // namespace

std::optional<::log4cplus::LogLevel> parse_level(std::string_view text) noexcept {
  text = trim(text);
  for (const auto& n : kNames) {
    if (equals_ignoring_case(text, n.name)) return n.value;
  }
  int number = -1;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, number);
  if (!text.empty() && ec == std::errc() && ptr == end && number >= 0) return number;
  return std::nullopt;
}

std::string level_text(::log4cplus::LogLevel ll) {
  for (const auto& n : kNames) {
    if (n.value == ll && n.name != "WARNING" && n.name != "ALL") return std::string(n.name);
  }
  return std::to_string(ll);
}

}  // namespace sentry::log4cplus_detail
