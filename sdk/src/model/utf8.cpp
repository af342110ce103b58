// Decoding, repairing and truncating UTF-8 text.
#include "model/utf8.hpp"

namespace sentry::detail {
namespace {

bool in(unsigned char c, unsigned char lo, unsigned char hi) noexcept { return c >= lo && c <= hi; }

}  // namespace

std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& cp) noexcept {
  const auto byte = [&](std::size_t k) -> unsigned char {
    return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0;
  };
  const unsigned char b0 = byte(0);
  cp = replacement_character;
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  // Allowed range of the second byte, by lead byte (Table 3-7).
  unsigned char lo = 0x80, hi = 0xBF;
  std::size_t len = 0;
  char32_t value = 0;
  if (in(b0, 0xC2, 0xDF)) {
    len = 2;
    value = b0 & 0x1Fu;
  } else if (in(b0, 0xE0, 0xEF)) {
    len = 3;
    value = b0 & 0x0Fu;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (in(b0, 0xF0, 0xF4)) {
    len = 4;
    value = b0 & 0x07u;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return 1;
  }
  if (!in(byte(1), lo, hi)) return 1;
  for (std::size_t k = 1; k < len; ++k) {
    const unsigned char b = byte(k);
    if (k > 1 && !in(b, 0x80, 0xBF)) return 1;
    value = (value << 6) | (b & 0x3Fu);
  }
  cp = value;
  return len;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string valid_utf8(std::string_view s, std::size_t max_chars) {
  std::string out;
  out.reserve(s.size() < 4096 ? s.size() : 4096);
  std::size_t chars = 0;
  for (std::size_t i = 0; i < s.size() && chars < max_chars; ++chars) {
    char32_t cp;
    const std::size_t n = decode_utf8(s, i, cp);
    if (cp == replacement_character && n == 1) {
      append_utf8(out, cp);
    } else {
      out.append(s.data() + i, n);
    }
    i += n;
  }
  return out;
}

bool is_valid_utf8(std::string_view s) noexcept {
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp;
    const std::size_t n = decode_utf8(s, i, cp);
    if (cp == replacement_character && n == 1) return false;
    i += n;
  }
  return true;
}

}  // namespace sentry::detail
