// A user's program: includes the public headers and calls the core.
#include <sentry/dsn.hpp>

#include <cstdio>
#include <string>

#ifdef SENTRY_CPP_CONSUMER_HAS_COMPONENT_CODE
int use_component();
#endif

int main() {
  std::string error;
  auto dsn = sentry::dsn::parse("https://public@o7.ingest.sentry.io:8443/sub/42", &error);
  if (!dsn || dsn->project_id != "42" || dsn->port != 8443 || dsn->path != "/sub") {
    std::fprintf(stderr, "dsn::parse gave an unexpected result: %s\n", error.c_str());
    return 1;
  }
  if (sentry::dsn::parse("not a dsn", &error) || error.empty()) {
    std::fprintf(stderr, "dsn::parse accepted garbage or gave no reason\n");
    return 1;
  }
#ifdef SENTRY_CPP_CONSUMER_HAS_COMPONENT_CODE
  if (int rc = use_component()) return rc;
#endif
  std::printf("consumer ok: %s\n", dsn->envelope_url().c_str());
  return 0;
}
