// A small streaming JSON writer.
#include "model/json_writer.hpp"

#include <charconv>
#include <cmath>

namespace sentry::detail {
namespace {

// Deeper values are written as null: no recursion without bound.
constexpr int max_depth = 128;

bool needs_care(unsigned char c) noexcept { return c < 0x20 || c == '"' || c == '\\' || c >= 0x80; }

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
  out.push_back('"');
  std::size_t chars = 0;
  std::size_t i = 0;
  while (i < s.size() && chars < max_chars) {
    // Copy a run of plain ASCII in one go.
    std::size_t run = i;
    while (run < s.size() && chars < max_chars && !needs_care(static_cast<unsigned char>(s[run]))) {
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

void json_writer::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!has_element_.empty()) {
    if (has_element_.back()) out_.push_back(',');
    has_element_.back() = true;
  }
}

json_writer& json_writer::begin_object() {
  before_value();
  out_.push_back('{');
  has_element_.push_back(false);
  return *this;
}

json_writer& json_writer::end_object() {
  out_.push_back('}');
  if (!has_element_.empty()) has_element_.pop_back();
  return *this;
}

json_writer& json_writer::begin_array() {
  before_value();
  out_.push_back('[');
  has_element_.push_back(false);
  return *this;
}

json_writer& json_writer::end_array() {
  out_.push_back(']');
  if (!has_element_.empty()) has_element_.pop_back();
  return *this;
}

json_writer& json_writer::key(std::string_view k) {
  before_value();
  append_json_string(out_, k);
  out_.push_back(':');
  after_key_ = true;
  return *this;
}

json_writer& json_writer::string(std::string_view s, std::size_t max_chars) {
  before_value();
  append_json_string(out_, s, max_chars);
  return *this;
}

json_writer& json_writer::integer(std::int64_t v) {
  before_value();
  char buf[24];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  out_.append(buf, res.ptr);
  return *this;
}

json_writer& json_writer::uinteger(std::uint64_t v) {
  before_value();
  char buf[24];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  out_.append(buf, res.ptr);
  return *this;
}

json_writer& json_writer::floating(double v) {
  before_value();
  append_json_double(out_, v);
  return *this;
}

json_writer& json_writer::boolean(bool v) {
  before_value();
  out_ += v ? "true" : "false";
  return *this;
}

json_writer& json_writer::null() {
  before_value();
  out_ += "null";
  return *this;
}

json_writer& json_writer::raw(std::string_view json) {
  before_value();
  out_ += json;
  return *this;
}

json_writer& json_writer::value(const sentry::value& v) {
  write_value(v, 0);
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
