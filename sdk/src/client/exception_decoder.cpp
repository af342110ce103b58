#include "client/exception_decoder.hpp"

#include <cxxabi.h>

#include <cstdlib>
#include <memory>
#include <typeinfo>

namespace sentry::detail {

std::string demangle(const char* mangled) {
  if (!mangled) return {};
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> out(
      abi::__cxa_demangle(mangled, nullptr, nullptr, &status), std::free);
  return (status == 0 && out) ? std::string(out.get()) : std::string(mangled);
}

namespace {

constexpr int max_chain = 64;

// std::throw_with_nested throws an internal type deriving from the user's
// exception; report the user's type.
std::string user_type(std::string type) {
  static const std::string_view wrapper = "std::_Nested_exception<";
  if (type.size() > wrapper.size() + 1 && type.compare(0, wrapper.size(), wrapper) == 0 &&
      type.back() == '>') {
    return type.substr(wrapper.size(), type.size() - wrapper.size() - 1);
  }
  return type;
}

// Fills `v` from the exception currently being handled; returns the nested
// exception it wraps, if any.
std::exception_ptr describe_current(exception_value& v) {
  try {
    throw;
  } catch (const std::exception& e) {
    v.type = user_type(demangle(typeid(e).name()));
    try {
      v.value = e.what() ? e.what() : "";
    } catch (...) {
    }
    if (const auto* nested = dynamic_cast<const std::nested_exception*>(&e)) {
      return nested->nested_ptr();
    }
  } catch (const std::nested_exception& n) {
    const std::type_info* t = abi::__cxa_current_exception_type();
    v.type = t ? demangle(t->name()) : "std::nested_exception";
    return n.nested_ptr();
  } catch (...) {
    const std::type_info* t = abi::__cxa_current_exception_type();
    v.type = t ? demangle(t->name()) : "unknown exception";
  }
  return nullptr;
}

}  // namespace

std::vector<exception_value> decode_exception(const std::exception_ptr& ex,
                                              const mechanism& outer) {
  std::vector<exception_value> outermost_first;
  try {
    std::exception_ptr current = ex;
    while (current && static_cast<int>(outermost_first.size()) < max_chain) {
      exception_value v;
      std::exception_ptr next;
      try {
        std::rethrow_exception(current);
      } catch (...) {
        next = describe_current(v);
      }
      if (v.type.empty() && v.value.empty()) v.type = "unknown exception";
      outermost_first.push_back(std::move(v));
      current = next;
    }
  } catch (...) {
    // Out of memory while describing: keep what was read.
  }

  const int n = static_cast<int>(outermost_first.size());
  std::vector<exception_value> result;
  result.reserve(outermost_first.size());
  for (int i = n - 1; i >= 0; --i) {
    exception_value v = std::move(outermost_first[static_cast<std::size_t>(i)]);
    if (i == 0) {
      v.mechanism = outer;
    } else {
      v.mechanism.type = "chained";
      v.mechanism.handled = outer.handled;
      v.mechanism.source = "std::nested_exception";
    }
    if (n > 1) {
      v.mechanism.exception_id = i;
      if (i > 0) v.mechanism.parent_id = i - 1;
    }
    result.push_back(std::move(v));
  }
  return result;
}

}  // namespace sentry::detail
