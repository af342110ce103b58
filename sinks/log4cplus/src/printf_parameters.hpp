// Private: which printf arguments are the template's parameters.
//
// A printf call's arguments also hold the values of '*' widths and
// precisions; those are not parameters of the message. Pure function,
// thread-safe; allocates only the result.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "sentry/value.hpp"

namespace sentry::log4cplus_detail {

// True when `format` has a '*' width or precision (so some arguments are not
// parameters). Cheap scan, no allocation.
bool has_star_arguments(std::string_view format) noexcept;

// The arguments that conversions of `format` print, in order: '*' values and
// %n targets left out. Formats with positional arguments (%1$d) or that do not
// match the argument count keep every argument.
std::vector<value> printf_parameters(std::string_view format, const value* arguments,
                                     std::size_t count);

}  // namespace sentry::log4cplus_detail
