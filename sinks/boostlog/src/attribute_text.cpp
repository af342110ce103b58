#include "attribute_text.hpp"

#include <atomic>
#include <charconv>
#include <cstring>
#include <type_traits>

#include <boost/date_time/gregorian/formatters.hpp>
#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <boost/date_time/posix_time/posix_time_types.hpp>
#include <boost/date_time/posix_time/time_formatters.hpp>
#include <boost/log/attributes/value_extraction.hpp>
#include <boost/log/attributes/value_visitation.hpp>
#include <boost/log/utility/string_literal.hpp>
#include <boost/log/utility/type_dispatch/standard_types.hpp>
#include <boost/mpl/vector.hpp>

namespace sentry::boostlog::detail {

std::string_view text_arena::store(std::string_view text) {
  if (text.size() <= capacity - used_) {
    char* at = buffer_ + used_;
    if (!text.empty()) std::memcpy(at, text.data(), text.size());
    used_ += text.size();
    return std::string_view(at, text.size());
  }
  spill_.emplace_front(text);
  return spill_.front();
}

std::string_view text_arena::keep(std::string&& text) {
  if (text.size() <= capacity - used_) return store(text);
  spill_.push_front(std::move(text));
  return spill_.front();
}

namespace {

void append_code_point(std::string& out, char32_t c) {
  if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = 0xFFFD;
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// Dates and times a record commonly carries, and C strings; the rest of
// Boost.Log's default value types (numbers, characters, strings) come from
// standard_types.hpp.
using more_types = boost::mpl::vector<boost::posix_time::ptime, boost::posix_time::time_duration,
                                      boost::gregorian::date, const char*>;

struct text_visitor {
  text_arena& arena;
  std::string_view& out;

  void operator()(bool b) const { out = b ? "true" : "false"; }
  void operator()(char c) const { out = arena.store(std::string_view(&c, 1)); }
  void operator()(wchar_t c) const { character(static_cast<char32_t>(c)); }
  void operator()(char16_t c) const { character(c); }
  void operator()(char32_t c) const { character(c); }

  template <typename T>
  std::enable_if_t<std::is_arithmetic_v<T>> operator()(T v) const {
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof(buf), v);
    out = res.ec == std::errc() ? arena.store(std::string_view(buf, res.ptr - buf))
                                : std::string_view();
  }

  void operator()(const std::string& s) const { out = s; }
  void operator()(const boost::log::string_literal& s) const {
    out = std::string_view(s.c_str(), s.size());
  }
  void operator()(const char* s) const { out = s ? std::string_view(s) : std::string_view(); }
  void operator()(const std::wstring& s) const { wide(s); }
  void operator()(const boost::log::wstring_literal& s) const {
    wide(std::wstring_view(s.c_str(), s.size()));
  }

  void operator()(const boost::posix_time::ptime& t) const {
    out = arena.keep(boost::posix_time::to_iso_extended_string(t));
  }
  void operator()(const boost::posix_time::time_duration& d) const {
    out = arena.keep(boost::posix_time::to_simple_string(d));
  }
  void operator()(const boost::gregorian::date& d) const {
    out = arena.keep(boost::gregorian::to_iso_extended_string(d));
  }

  void character(char32_t c) const {
    std::string s;
    append_code_point(s, c);
    out = arena.keep(std::move(s));
  }
  void wide(std::wstring_view s) const {
    std::string utf8;
    append_utf8(utf8, s);
    out = arena.keep(std::move(utf8));
  }
};

}  // namespace

void append_utf8(std::string& out, std::wstring_view text) {
  out.reserve(out.size() + text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char32_t c = static_cast<char32_t>(text[i]);
    if constexpr (sizeof(wchar_t) == 2) {
      if (c >= 0xD800 && c <= 0xDBFF && i + 1 < text.size()) {
        const char32_t low = static_cast<char32_t>(text[i + 1]);
        if (low >= 0xDC00 && low <= 0xDFFF) {
          c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
          ++i;
        }
      }
    }
    append_code_point(out, c);
  }
}

std::string_view name_text(const boost::log::attribute_name& name) {
  // Ids are handed out from 0 up; names are stored in a deque that only grows,
  // so a name's address never changes.
  static constexpr std::size_t cached = 1024;
  static std::atomic<const std::string*> cache[cached] = {};
  const auto id = name.id();
  if (id >= cached) return name.string();
  const std::string* text = cache[id].load(std::memory_order_acquire);
  if (!text) {
    text = &name.string();
    cache[id].store(text, std::memory_order_release);
  }
  return *text;
}

const std::string* string_of(const boost::log::attribute_value& v) {
  return value_of<std::string>(v);
}

std::string_view other_to_text(const boost::log::attribute_value& v, const value_renderer& render,
                               text_arena& arena, bool& known) {
  known = false;
  if (!v) return {};
  if (render) {
    std::string custom;
    bool rendered = false;
    try {
      rendered = render(v, custom);
    } catch (...) {
      rendered = false;  // a renderer that throws knows nothing; the defaults still apply
    }
    if (rendered) {
      known = true;
      return arena.keep(std::move(custom));
    }
    if (const std::string* s = string_of(v)) {
      known = true;
      return *s;
    }
  }
  std::string_view out;
  text_visitor visitor{arena, out};
  known = boost::log::visit<boost::log::default_attribute_value_types>(v, visitor) ||
          boost::log::visit<more_types>(v, visitor);
  return out;
}

}  // namespace sentry::boostlog::detail
