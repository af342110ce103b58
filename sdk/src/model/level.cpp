// The two wire spellings of a level, its OpenTelemetry severity number, and
// parsing a level name from configuration.
#include "sentry/level.hpp"

#include <array>
#include <cstddef>

namespace sentry {
namespace {

std::size_t index_of(level l) noexcept {
  const int i = static_cast<int>(l);
  if (i < static_cast<int>(level::trace)) return 0;
  if (i > static_cast<int>(level::fatal)) return static_cast<std::size_t>(level::fatal);
  return static_cast<std::size_t>(i);
}

bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != b[i]) return false;
  }
  return true;
}

bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

std::string_view event_level_name(level l) noexcept {
  static constexpr std::array<std::string_view, 6> names = {"debug", "debug",  "info",
                                                            "warning", "error", "fatal"};
  return names[index_of(l)];
}

std::string_view log_level_name(level l) noexcept {
  static constexpr std::array<std::string_view, 6> names = {"trace", "debug", "info",
                                                            "warn",  "error", "fatal"};
  return names[index_of(l)];
}

int log_severity_number(level l) noexcept { return static_cast<int>(index_of(l)) * 4 + 1; }

std::optional<level> parse_level(std::string_view text) noexcept {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  struct alias {
    std::string_view name;
    level value;
  };
  static constexpr std::array<alias, 9> aliases = {{
      {"trace", level::trace},
      {"debug", level::debug},
      {"info", level::info},
      {"warn", level::warning},
      {"warning", level::warning},
      {"err", level::error},
      {"error", level::error},
      {"critical", level::fatal},
      {"fatal", level::fatal},
  }};
  for (const alias& a : aliases) {
    if (iequals(text, a.name)) return a.value;
  }
  return std::nullopt;
}

}  // namespace sentry
