// core_example: the SDK's core without a logging library.
//
// Captures a message and an exception (with tags, a user and breadcrumbs on
// the scope) into a recording transport, then prints what the SDK handed to
// its transport. Configuration comes from the environment as in every Sentry
// SDK (SENTRY_RELEASE, SENTRY_ENVIRONMENT, SENTRY_DEBUG, ...).
//
//   core_example [--write-envelopes DIR]
//
// With --write-envelopes, every envelope is also written to DIR as
// <n>.envelope, the exact bytes a transport would send (tools/demo forwards
// them to the local Spotlight).
#include <sentry/recording_transport.hpp>
#include <sentry/sentry.hpp>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <string>

namespace {

// A string field of a JSON object, or "".
std::string field(const sentry::value& object, const char* key) {
  const auto* map = object.as_object();
  if (!map) return {};
  auto it = map->find(key);
  if (it == map->end()) return {};
  return it->second.is_string() ? *it->second.as_string() : it->second.to_json();
}

const sentry::value* member(const sentry::value& object, const char* key) {
  const auto* map = object.as_object();
  if (!map) return nullptr;
  auto it = map->find(key);
  return it == map->end() ? nullptr : &it->second;
}

void print_event(const sentry::value& event) {
  std::string what;
  if (const auto* logentry = member(event, "logentry")) what = field(*logentry, "formatted");
  if (what.empty()) {
    if (const auto* message = member(event, "message")) {
      what = message->is_string() ? *message->as_string() : field(*message, "formatted");
    }
  }
  if (const auto* exception = member(event, "exception")) {
    if (const auto* values = member(*exception, "values"); values && values->as_array()) {
      for (const auto& value : *values->as_array()) {
        what += (what.empty() ? "" : " | ") + field(value, "type") + ": " + field(value, "value");
      }
    }
  }
  std::printf("  event %s  level=%s  %s\n", field(event, "event_id").c_str(),
              field(event, "level").c_str(), what.c_str());
  if (const auto* tags = member(event, "tags")) std::printf("    tags: %s\n", tags->to_json().c_str());
  if (const auto* crumbs = member(event, "breadcrumbs")) {
    const auto* values = member(*crumbs, "values");
    const auto* list = values ? values->as_array() : crumbs->as_array();
    std::printf("    breadcrumbs: %zu\n", list ? list->size() : std::size_t{0});
  }
  std::printf("    release=%s environment=%s\n", field(event, "release").c_str(),
              field(event, "environment").c_str());
}

}  // namespace

int main(int argc, char** argv) {
  const char* envelope_dir = nullptr;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--write-envelopes") == 0 && i + 1 < argc) {
      envelope_dir = argv[++i];
    } else {
      std::fprintf(stderr, "usage: %s [--write-envelopes DIR]\n", argv[0]);
      return 2;
    }
  }

  sentry::recording_transport recording;
  {
    sentry::options options;
    options.transport = recording.factory();
    sentry::init_guard sentry_guard(options);  // flushes and closes at the end of the block

    sentry::set_tag("example", "core");
    sentry::user user;
    user.id = "u-1";
    user.username = "alice";
    sentry::set_user(user);
    sentry::breadcrumb crumb;
    crumb.category = "checkout";
    crumb.message = "cart loaded with 3 items";
    sentry::add_breadcrumb(crumb);

    sentry::capture_message("inventory low for sku-17", sentry::level::warning);
    try {
      throw std::runtime_error("payment declined");
    } catch (...) {
      sentry::capture_exception(std::current_exception());
    }
    sentry::flush(std::chrono::seconds(2));
  }

  const auto envelopes = recording.envelopes();
  const auto events = recording.events();
  std::printf("core_example: the SDK handed %zu envelope(s) to its transport, %zu event(s):\n",
              envelopes.size(), events.size());
  for (const auto& event : events) print_event(event);

  if (envelope_dir) {
    int n = 0;
    for (const auto& envelope : envelopes) {
      const std::string path = std::string(envelope_dir) + "/" + std::to_string(++n) + ".envelope";
      std::ofstream out(path, std::ios::binary);
      out << envelope.serialize(sentry::rfc3339_now());
      if (!out) {
        std::fprintf(stderr, "core_example: cannot write %s\n", path.c_str());
        return 1;
      }
    }
    std::printf("core_example: wrote %d envelope(s) to %s\n", n, envelope_dir);
  }
  return events.size() == 2 ? 0 : 1;
}
