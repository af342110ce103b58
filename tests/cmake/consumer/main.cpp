// A user's program: includes the public headers, calls the core, and checks
// that a captured message reaches a transport (so the whole pipeline, with
// the core's private dependencies, is linked and works).
#include <sentry/dsn.hpp>
#include <sentry/recording_transport.hpp>
#include <sentry/sentry.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#ifdef SENTRY_CPP_CONSUMER_HAS_COMPONENT_CODE
int use_component();
#endif

namespace {

int fail(const char* what) {
  std::fprintf(stderr, "consumer: %s\n", what);
  return 1;
}

}  // namespace

int main() {
  ::unsetenv("SENTRY_DSN");

  std::string error;
  auto dsn = sentry::dsn::parse("https://public@o7.ingest.sentry.io:8443/sub/42", &error);
  if (!dsn || dsn->project_id != "42" || dsn->port != 8443 || dsn->path != "/sub") {
    return fail("dsn::parse gave an unexpected result");
  }
  if (sentry::dsn::parse("not a dsn", &error) || error.empty()) {
    return fail("dsn::parse accepted garbage or gave no reason");
  }

  // No DSN, no transport: disabled, and every call stays safe.
  if (sentry::init(sentry::options{})) return fail("init without a DSN reported enabled");
  if (!sentry::capture_message("dropped").is_nil()) return fail("a disabled SDK returned an id");
  sentry::close();

  sentry::recording_transport recording;
  sentry::options options;
  options.transport = recording.factory();
  if (!sentry::init(options)) return fail("init with a transport reported disabled");
  const sentry::uuid id = sentry::capture_message("hello from a consumer");
  sentry::close();
  const auto envelopes = recording.envelopes();
  if (id.is_nil() || envelopes.size() != 1 || envelopes[0].event_id() != id.to_string()) {
    return fail("the captured message did not reach the transport");
  }

#ifdef SENTRY_CPP_CONSUMER_HAS_COMPONENT_CODE
  if (int rc = use_component()) return rc;
#endif
  std::printf("consumer ok: %s, event %s\n", dsn->envelope_url().c_str(), id.to_string().c_str());
  return 0;
}
