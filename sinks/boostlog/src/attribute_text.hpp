// Private: Boost.Log attribute values as text, for one log_record.
//
// The views returned point either into the attribute value itself (strings and
// string literals: no copy) or into a text_arena that lives on the stack of
// the consume() call, so they stay valid until the bridge has copied them.
// Single-threaded objects; nothing here throws except std::bad_alloc.
#pragma once

#include <cstddef>
#include <forward_list>
#include <string>
#include <string_view>

#include <boost/log/attributes/attribute_name.hpp>
#include <boost/log/attributes/attribute_value.hpp>

#include "sentry/boostlog/sink.hpp"

namespace sentry::boostlog::detail {

// Storage for the text of one record: a fixed buffer, then heap strings.
class text_arena {
 public:
  text_arena() = default;
  text_arena(const text_arena&) = delete;
  text_arena& operator=(const text_arena&) = delete;

  // Copies `text` and returns a view of the copy.
  std::string_view store(std::string_view text);
  // Keeps `text` (moved) and returns a view of it.
  std::string_view keep(std::string&& text);

 private:
  static constexpr std::size_t capacity = 512;
  char buffer_[capacity];
  std::size_t used_ = 0;
  std::forward_list<std::string> spill_;  // allocates nothing while empty
};

// Appends the UTF-8 form of a wide string (UTF-32, or UTF-16 where wchar_t is
// 16 bits); invalid code units become U+FFFD.
void append_utf8(std::string& out, std::wstring_view text);

// The text of an attribute name. Boost.Log keeps names for the life of the
// process and hands them out under a lock; this caches them per id.
std::string_view name_text(const boost::log::attribute_name& name);

// A type dispatcher that takes a T only: what single_type_dispatcher does
// for extract<T>(), without the value_ref that extract() builds around it.
template <typename T>
class one_type_dispatcher final : public boost::log::type_dispatcher {
 public:
  one_type_dispatcher() noexcept : type_dispatcher(&callback_for) {}
  const T* found = nullptr;

 private:
  static callback_base callback_for(type_dispatcher* self, boost::typeindex::type_index type) {
    if (type != boost::typeindex::type_id<T>()) return callback_base();
    return callback_base(static_cast<void*>(self), &take);
  }
  static void take(void* self, const T& v) {
    static_cast<one_type_dispatcher*>(static_cast<type_dispatcher*>(self))->found = &v;
  }
};

// The value when it is a T, else null: one virtual call. The pointer is the
// value's own (valid while `v` is), except for values Boost.Log computes
// on dispatch (a severity logger's level): copy it at once.
template <typename T>
const T* value_of(const boost::log::attribute_value& v) {
  one_type_dispatcher<T> d;
  v.dispatch(d);
  return d.found;
}

// value_of<std::string>, one copy for all (most values are strings).
const std::string* string_of(const boost::log::attribute_value& v);

// The value as text, for a value that is not a std::string, or with `render`
// tried first (see to_text).
std::string_view other_to_text(const boost::log::attribute_value& v,
                               const value_renderer& render, text_arena& arena, bool& known);

// The value as text; `known` false (and an empty view) when its type is not
// one we can render and `render` does not know it either. The view comes back
// by value, in registers: a caller that copies it whole does not wait on the
// two halves it would otherwise store and reload.
inline std::string_view to_text(const boost::log::attribute_value& v,
                                const value_renderer& render, text_arena& arena, bool& known) {
  if (!render) {
    if (const std::string* s = string_of(v)) {
      known = true;
      return *s;
    }
  }
  return other_to_text(v, render, arena, known);
}

}  // namespace sentry::boostlog::detail
