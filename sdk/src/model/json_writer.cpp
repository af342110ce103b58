// A small streaming JSON writer.
#include "model/json_writer.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

namespace sentry::detail {
namespace {

// Deeper values are written as null: no recursion without bound.
constexpr int max_depth = 128;

constexpr bool needs_care(unsigned char c) noexcept {
  return c < 0x20 || c == '"' || c == '\\' || c >= 0x80;
}

// needs_care as a table, for the byte-wise loops.
struct care_table {
  bool needs[256];
  constexpr care_table() : needs() {
    for (int c = 0; c < 256; ++c) needs[c] = needs_care(static_cast<unsigned char>(c));
  }
};
constexpr care_table care;

// Whether any of the 8 bytes in `x` needs care: a control character, '"',
// '\\' or a byte of a multi-byte sequence (high bit set). Word-at-a-time
// tests from "Bit Twiddling Hacks"; a false positive only sends the word to
// the byte-wise loop.
bool word_needs_care(std::uint64_t x) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101ull;
  constexpr std::uint64_t highs = 0x8080808080808080ull;
  const std::uint64_t below_space = (x - ones * 0x20) & ~x;
  const std::uint64_t quote = x ^ (ones * '"');
  const std::uint64_t backslash = x ^ (ones * '\\');
  const std::uint64_t is_quote = (quote - ones) & ~quote;
  const std::uint64_t is_backslash = (backslash - ones) & ~backslash;
  return ((x | below_space | is_quote | is_backslash) & highs) != 0;
}

// The length of the longest prefix of `s` that is copied as it is.
std::size_t plain_prefix(std::string_view s) noexcept {
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, s.data() + i, sizeof word);
    if (word_needs_care(word)) break;
  }
  while (i < s.size() && !care.needs[static_cast<unsigned char>(s[i])]) ++i;
  return i;
}

std::uint64_t load8(const char* p) noexcept {
  std::uint64_t word;
  std::memcpy(&word, p, sizeof word);
  return word;
}

std::uint32_t load4(const char* p) noexcept {
  std::uint32_t word;
  std::memcpy(&word, p, sizeof word);
  return word;
}

// plain_prefix(s) == s.size(), for short strings in a few word tests (the
// first and last words overlap rather than looping over the tail).
bool all_plain(std::string_view s) noexcept {
  const char* p = s.data();
  const std::size_t n = s.size();
  if (n >= 8) {
    for (std::size_t i = 0; i + 8 <= n; i += 8) {
      if (word_needs_care(load8(p + i))) return false;
    }
    return !word_needs_care(load8(p + n - 8));
  }
  if (n >= 4) {
    return !word_needs_care(load4(p) | (std::uint64_t{load4(p + n - 4)} << 32));
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (care.needs[static_cast<unsigned char>(p[i])]) return false;
  }
  return true;
}

// Names and strings up to this size go through the writer's stage.
constexpr std::size_t short_piece = 120;

// Copies s (at most short_piece bytes) to p; returns the end. Short copies
// are done with overlapping word moves instead of a call to memcpy.
char* put(char* p, std::string_view s) noexcept {
  const char* from = s.data();
  const std::size_t n = s.size();
  if (n >= 16) {
    std::memcpy(p, from, n);
  } else if (n >= 8) {
    const std::uint64_t head = load8(from), tail = load8(from + n - 8);
    std::memcpy(p, &head, 8);
    std::memcpy(p + n - 8, &tail, 8);
  } else if (n >= 4) {
    const std::uint32_t head = load4(from), tail = load4(from + n - 4);
    std::memcpy(p, &head, 4);
    std::memcpy(p + n - 4, &tail, 4);
  } else {
    for (std::size_t i = 0; i < n; ++i) p[i] = from[i];
  }
  return p + n;
}

// `"s"` at p, for a plain s.
char* put_quoted(char* p, std::string_view s) noexcept {
  *p++ = '"';
  p = put(p, s);
  *p++ = '"';
  return p;
}

// Whether `s` can be written between quotes as it is, within a short piece.
bool short_and_plain(std::string_view s) noexcept { return s.size() <= short_piece && all_plain(s); }

void append_escape(std::string& out, unsigned char c) {
  switch (c) {
    case '"': out += "\\\""; return;
    case '\\': out += "\\\\"; return;
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    case '\t': out += "\\t"; return;
    case '\b': out += "\\b"; return;
    case '\f': out += "\\f"; return;
    default: {
      static constexpr char hex[] = "0123456789abcdef";
      const char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
      out.append(esc, sizeof esc);
    }
  }
}

}  // namespace

void append_json_string(std::string& out, std::string_view s, std::size_t max_chars) {
  // Plain ASCII is one byte per character: the prefix needs no decoding.
  std::size_t i = plain_prefix(s.substr(0, std::min(s.size(), max_chars)));
  out.push_back('"');
  out.append(s.data(), i);
  if (i == s.size()) {  // the common case: nothing to escape, nothing cut
    out.push_back('"');
    return;
  }
  std::size_t chars = i;
  while (i < s.size() && chars < max_chars) {
    // Copy a run of plain ASCII in one go.
    std::size_t run = i;
    while (run < s.size() && chars < max_chars && !care.needs[static_cast<unsigned char>(s[run])]) {
      ++run;
      ++chars;
    }
    out.append(s.data() + i, run - i);
    i = run;
    if (i >= s.size() || chars >= max_chars) break;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      append_escape(out, c);
      ++i;
    } else {
      char32_t cp;
      const std::size_t n = decode_utf8(s, i, cp);
      if (n == 1) {
        append_utf8(out, replacement_character);
      } else {
        out.append(s.data() + i, n);
      }
      i += n;
    }
    ++chars;
  }
  out.push_back('"');
}

void append_json_double(std::string& out, double d) {
  if (!std::isfinite(d)) {
    out += "null";
    return;
  }
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, d);
  std::string_view text(buf, static_cast<std::size_t>(res.ptr - buf));
  out += text;
  if (text.find_first_of(".e") == std::string_view::npos) out += ".0";
}

char* json_writer::deep_separator(char* p, std::size_t deep_level) {
  if (deep_[deep_level]) *p++ = ',';
  deep_[deep_level] = true;
  return p;
}

void json_writer::before_direct_value() {
  staged(separator(room(1)));
  flush();
}

void json_writer::open(char bracket) {
  char* p = separator(room(2));
  *p++ = bracket;
  staged(p);
  if (depth_ < inline_levels) {
    has_element_[depth_ / 64] &= ~(std::uint64_t{1} << (depth_ % 64));
  } else {
    deep_.push_back(false);
  }
  ++depth_;
}

void json_writer::close(char bracket) {
  char* p = room(1);
  *p++ = bracket;
  staged(p);
  if (depth_ == 0) return;
  --depth_;
  if (depth_ >= inline_levels) deep_.pop_back();
}

json_writer& json_writer::begin_object() {
  open('{');
  return *this;
}

json_writer& json_writer::end_object() {
  close('}');
  return *this;
}

json_writer& json_writer::begin_array() {
  open('[');
  return *this;
}

json_writer& json_writer::end_array() {
  close(']');
  return *this;
}

json_writer& json_writer::key(std::string_view k) {
  if (short_and_plain(k)) {
    char* p = put_quoted(separator(room(k.size() + 4)), k);
    *p++ = ':';
    staged(p);
  } else {
    before_direct_value();
    append_json_string(out_, k);
    out_.push_back(':');
  }
  after_key_ = true;
  return *this;
}

json_writer& json_writer::key(name k) {
  char* p = put_quoted(separator(room(k.text.size() + 4)), k.text);
  *p++ = ':';
  staged(p);
  after_key_ = true;
  return *this;
}

json_writer& json_writer::member(name k, std::string_view s, std::size_t max_chars) {
  if (s.size() <= max_chars && short_and_plain(s)) {
    char* p = put_quoted(separator(room(k.text.size() + s.size() + 6)), k.text);
    *p++ = ':';
    staged(put_quoted(p, s));
    return *this;
  }
  return key(k).string(s, max_chars);
}

json_writer& json_writer::member(name k, name text) {
  char* p = put_quoted(separator(room(k.text.size() + text.text.size() + 6)), k.text);
  *p++ = ':';
  staged(put_quoted(p, text.text));
  return *this;
}

json_writer& json_writer::string(std::string_view s, std::size_t max_chars) {
  if (s.size() <= max_chars && short_and_plain(s)) return raw_string(s);
  before_direct_value();
  append_json_string(out_, s, max_chars);
  return *this;
}

json_writer& json_writer::member(std::string_view k, std::string_view s, std::size_t max_chars) {
  if (s.size() <= max_chars && short_and_plain(k) && short_and_plain(s)) {
    char* p = put_quoted(separator(room(k.size() + s.size() + 6)), k);
    *p++ = ':';
    staged(put_quoted(p, s));
    return *this;
  }
  return key(k).string(s, max_chars);
}

json_writer& json_writer::integer(std::int64_t v) {
  constexpr std::size_t most = 21;  // a comma and "-9223372036854775808"
  char* p = separator(room(most));
  staged(std::to_chars(p, p + most, v).ptr);
  return *this;
}

json_writer& json_writer::uinteger(std::uint64_t v) {
  constexpr std::size_t most = 21;  // a comma and "18446744073709551615"
  char* p = separator(room(most));
  staged(std::to_chars(p, p + most, v).ptr);
  return *this;
}

json_writer& json_writer::floating(double v) {
  before_direct_value();
  append_json_double(out_, v);
  return *this;
}

json_writer& json_writer::boolean(bool v) {
  const std::string_view text = v ? "true" : "false";
  staged(put(separator(room(text.size() + 1)), text));
  return *this;
}

json_writer& json_writer::null() {
  staged(put(separator(room(5)), "null"));
  return *this;
}

json_writer& json_writer::raw(std::string_view json) {
  before_direct_value();
  out_.append(json.data(), json.size());
  return *this;
}

json_writer& json_writer::raw_members(std::string_view members) {
  if (members.empty()) return *this;
  before_direct_value();
  out_.append(members.data(), members.size());
  return *this;
}

json_writer& json_writer::raw_string(std::string_view text) {
  if (text.size() <= short_piece) {
    staged(put_quoted(separator(room(text.size() + 3)), text));
  } else {
    before_direct_value();
    out_.push_back('"');
    out_.append(text.data(), text.size());
    out_.push_back('"');
  }
  return *this;
}

json_writer& json_writer::value(const sentry::value& v, int depth) {
  write_value(v, depth);
  return *this;
}

json_writer& json_writer::value(const value_object& o) {
  write_object(o, 0);
  return *this;
}

void json_writer::write_object(const value_object& o, int depth) {
  begin_object();
  for (const auto& [k, item] : o) {
    key(k);
    write_value(item, depth + 1);
  }
  end_object();
}

void json_writer::write_value(const sentry::value& v, int depth) {
  if (depth > max_depth) {
    null();
    return;
  }
  switch (v.type()) {
    case sentry::value::kind::null: null(); break;
    case sentry::value::kind::boolean: boolean(*v.as_bool()); break;
    case sentry::value::kind::integer: integer(*v.as_int()); break;
    case sentry::value::kind::unsigned_integer: uinteger(*v.as_uint()); break;
    case sentry::value::kind::floating: floating(*v.as_double()); break;
    case sentry::value::kind::string: string(*v.as_string()); break;
    case sentry::value::kind::array:
      begin_array();
      for (const auto& item : *v.as_array()) write_value(item, depth + 1);
      end_array();
      break;
    case sentry::value::kind::object: write_object(*v.as_object(), depth); break;
  }
}

}  // namespace sentry::detail
