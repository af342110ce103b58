// Test support: small envelopes as the client would build them. No gtest, so
// helper programs can build the same bytes as the tests that start them.
#pragma once

#include <cstdio>
#include <string>

#include "sentry/envelope.hpp"

namespace sentry_test {

// An error event envelope; `id` is 32 hex digits.
inline sentry::envelope event_envelope_with_id(const std::string& id, const std::string& message) {
  sentry::envelope env;
  env.headers["event_id"] = id;
  env.headers["sdk"] = sentry::value_object{{"name", "sentry.cpp"}, {"version", "0.1.0"}};
  sentry::envelope_item item;
  item.type = "event";
  item.payload =
      "{\"event_id\":\"" + id + "\",\"message\":\"" + message + "\",\"level\":\"error\"}";
  env.items.push_back(std::move(item));
  return env;
}

inline sentry::envelope event_envelope(const std::string& message) {
  static int counter = 0;
  char id[33];
  std::snprintf(id, sizeof id, "%032x", ++counter);
  return event_envelope_with_id(id, message);
}

inline sentry::envelope log_envelope(int count) {
  sentry::envelope env;
  sentry::envelope_item item;
  item.type = "log";
  item.headers["item_count"] = count;
  item.headers["content_type"] = "application/vnd.sentry.items.log+json";
  item.payload = "{\"items\":[";
  for (int i = 0; i < count; ++i) item.payload += std::string(i ? "," : "") + "{\"body\":\"l\"}";
  item.payload += "]}";
  env.items.push_back(std::move(item));
  return env;
}

}  // namespace sentry_test
