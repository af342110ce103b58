// core_example: the SDK's core without a logging library.
//
// Captures a message and an exception (with tags, a user and breadcrumbs on
// the scope) and sends them with the SDK's own HTTP transport. Configuration
// comes from the environment as in every Sentry SDK: SENTRY_DSN (a Sentry
// project), SENTRY_SPOTLIGHT (a local Spotlight; tools/demo sets it),
// SENTRY_RELEASE, SENTRY_ENVIRONMENT, SENTRY_DEBUG. With neither a DSN nor
// Spotlight it sends nothing. It prints each event as the SDK is about to
// send it, and exits 0 when both events were handed to the transport.
#include <sentry/sentry.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string>

namespace {

std::atomic<int> events_sent{0};

// before_send runs on the SDK's worker thread just before serialization.
bool print_event(sentry::event& event) {
  std::string what = event.message ? event.message->formatted : std::string();
  for (const auto& exception : event.exceptions) {
    what += (what.empty() ? "" : " | ") + exception.type + ": " + exception.value;
  }
  std::printf("  event %s  level=%s  %s\n", event.event_id.to_string().c_str(),
              std::string(sentry::event_level_name(event.level)).c_str(), what.c_str());
  std::string tags;
  for (const auto& [key, value] : event.tags) tags += (tags.empty() ? "" : ", ") + key + "=" + value;
  std::printf("    tags: {%s}  breadcrumbs: %zu  release=%s environment=%s\n", tags.c_str(),
              event.breadcrumbs.size(), event.release.c_str(), event.environment.c_str());
  ++events_sent;
  return true;
}

}  // namespace

int main() {
  {
    sentry::options options;  // SENTRY_DSN, SENTRY_SPOTLIGHT, ... fill what code leaves unset
    options.before_send = print_event;
    sentry::init_guard sentry_guard(options);  // flushes and closes at the end of the block
    if (!sentry::is_enabled()) {
      std::printf("core_example: set SENTRY_DSN or SENTRY_SPOTLIGHT to send the events\n");
      return 0;
    }

    sentry::set_tag("example", "core");
    sentry::user user;
    user.id = "u-1";
    user.username = "alice";
    sentry::set_user(user);
    sentry::breadcrumb crumb;
    crumb.category = "checkout";
    crumb.message = "cart loaded with 3 items";
    sentry::add_breadcrumb(crumb);

    std::printf("core_example: sending\n");
    sentry::capture_message("inventory low for sku-17", sentry::level::warning);
    try {
      throw std::runtime_error("payment declined");
    } catch (...) {
      sentry::capture_exception(std::current_exception());
    }
    if (!sentry::flush(std::chrono::seconds(5))) {
      std::printf("core_example: not everything was delivered within 5 s\n");
    }
  }
  std::printf("core_example: %d event(s) sent\n", events_sent.load());
  return events_sent == 2 ? 0 : 1;
}
