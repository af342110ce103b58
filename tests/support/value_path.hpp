// Test support: reading members of a sentry::value (a parsed event) by path.
//
//   at(event, {"exception", "values"})     the member, or nullptr
//   text_at(event, {"tags", "crash.mode"}) its text (to_text()), "" when absent
#pragma once

#include <initializer_list>
#include <string>

#include "sentry/value.hpp"

namespace sentry_test {

inline const sentry::value* at(const sentry::value& v, std::initializer_list<const char*> path) {
  const sentry::value* cur = &v;
  for (const char* key : path) {
    const auto* obj = cur->as_object();
    if (obj == nullptr) return nullptr;
    auto it = obj->find(key);
    if (it == obj->end()) return nullptr;
    cur = &it->second;
  }
  return cur;
}

inline std::string text_at(const sentry::value& v, std::initializer_list<const char*> path) {
  const sentry::value* x = at(v, path);
  return x ? x->to_text() : std::string();
}

}  // namespace sentry_test
