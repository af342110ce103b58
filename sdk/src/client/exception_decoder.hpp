// Private: std::exception_ptr -> the exception values of an event.
//
// Rethrows the exception to read its dynamic type (demangled) and what(), and
// follows std::nested_exception links. Works on any thread; never throws.
#pragma once

#include <exception>
#include <string>
#include <vector>

#include "sentry/event.hpp"

namespace sentry::detail {

// Demangles a type name as given by std::type_info::name(); returns it
// unchanged when it is not a mangled name.
std::string demangle(const char* mangled);

// The chain innermost first; the outermost (last) value carries `outer`, the
// others a `chained` mechanism linked by exception_id/parent_id. At most 64
// links are followed.
std::vector<exception_value> decode_exception(const std::exception_ptr& ex,
                                              const mechanism& outer);

}  // namespace sentry::detail
