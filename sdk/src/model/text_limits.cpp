// The string limits Relay applies to event fields.
#include "model/text_limits.hpp"

#include "model/utf8.hpp"

namespace sentry::detail {
namespace {

bool allowed_in_tag_key(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == ':' || c == '-';
}

}  // namespace

std::string sanitize_tag_key(std::string_view key) {
  std::string out;
  for (std::size_t i = 0; i < key.size() && out.size() < max_tag_chars;) {
    char32_t cp;
    i += decode_utf8(key, i, cp);
    if (cp == ' ') {
      out.push_back('-');
    } else if (allowed_in_tag_key(cp)) {
      out.push_back(static_cast<char>(cp));
    }
  }
  return out;
}

bool is_sanitized_tag_key(std::string_view key) noexcept {
  if (key.empty() || key.size() > max_tag_chars) return false;
  for (const char c : key) {
    if (!allowed_in_tag_key(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

bool is_short_ascii_line(std::string_view text, std::size_t max_chars) noexcept {
  if (text.size() > max_chars) return false;
  for (const char c : text) {
    if (c == '\n' || c == '\r' || static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

std::string single_line(std::string_view text, std::size_t max_chars) {
  std::string out = valid_utf8(text, max_chars);
  for (char& c : out) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

}  // namespace sentry::detail
