#include "printf_parameters.hpp"

#include <cctype>
#include <cstring>

namespace sentry::log4cplus_detail {

bool has_star_arguments(std::string_view format) noexcept {
  return format.find('*') != std::string_view::npos;
}

namespace {

// Walks one conversion after its '%'. Returns false for a positional
// conversion, which this scanner does not follow.
bool scan_conversion(std::string_view format, std::size_t& i, std::vector<bool>& prints) {
  auto digits = [&] {
    while (i < format.size() && std::isdigit(static_cast<unsigned char>(format[i]))) ++i;
  };
  digits();
  if (i < format.size() && format[i] == '$') return false;
  while (i < format.size() && std::strchr("-+ #0'", format[i])) ++i;
  if (i < format.size() && format[i] == '*') {
    prints.push_back(false);
    ++i;
  } else {
    digits();
  }
  if (i < format.size() && format[i] == '.') {
    ++i;
    if (i < format.size() && format[i] == '*') {
      prints.push_back(false);
      ++i;
    } else {
      digits();
    }
  }
  while (i < format.size() && std::strchr("hlLqjzt", format[i])) ++i;
  if (i < format.size()) {
    prints.push_back(format[i] != 'n');
    ++i;
  }
  return true;
}

}  // namespace

std::vector<value> printf_parameters(std::string_view format, const value* arguments,
                                     std::size_t count) {
  std::vector<bool> prints;  // one per argument consumed
  for (std::size_t i = 0; i < format.size();) {
    if (format[i] != '%') {
      ++i;
      continue;
    }
    ++i;
    if (i < format.size() && format[i] == '%') {
      ++i;
      continue;
    }
    if (!scan_conversion(format, i, prints)) {
      prints.clear();
      break;
    }
  }
  std::vector<value> out;
  if (prints.size() != count) {
    out.assign(arguments, arguments + count);
    return out;
  }
  for (std::size_t k = 0; k < count; ++k) {
    if (prints[k]) out.push_back(arguments[k]);
  }
  return out;
}

}  // namespace sentry::log4cplus_detail
