// sentry/breadcrumb.hpp: a trail entry recorded before an event.
//
// A plain value type. Breadcrumbs are kept in a bounded ring per scope
// (options::max_breadcrumbs) and attached, oldest first, to later events.
#pragma once

#include <chrono>
#include <string>

#include "sentry/level.hpp"
#include "sentry/value.hpp"

namespace sentry {

struct breadcrumb {
  std::chrono::system_clock::time_point timestamp = std::chrono::system_clock::now();
  std::string type = "default";
  std::string category;
  std::string message;
  sentry::level level = sentry::level::info;
  value_object data;
};

}  // namespace sentry
