// libFuzzer target for the DSN parser: it must never crash, and what it
// accepts must be consistent (parts rebuilt into a DSN parse to the same parts).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sentry/dsn.hpp"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string error;
  const auto parsed = sentry::dsn::parse(text, &error);
  if (!parsed) {
    check(!error.empty());
    return 0;
  }
  const sentry::dsn& d = *parsed;
  check(error.empty());
  check(d.scheme == "http" || d.scheme == "https");
  check(!d.public_key.empty() && !d.host.empty() && !d.project_id.empty());
  check(d.port >= 1 && d.port <= 65535);
  check(d.path.empty() || d.path.front() == '/');
  check(d.project_id.find('/') == std::string::npos);
  check(d.envelope_url().rfind(d.scheme + "://" + d.host, 0) == 0);
  check(d.auth_header().find("sentry_key=" + d.public_key) != std::string::npos);

  std::string rebuilt = d.scheme + "://" + d.public_key;
  if (!d.secret_key.empty()) rebuilt += ":" + d.secret_key;
  rebuilt += "@" + d.host + ":" + std::to_string(d.port) + d.path + "/" + d.project_id;
  const auto again = sentry::dsn::parse(rebuilt);
  check(again.has_value());
  check(again->public_key == d.public_key && again->secret_key == d.secret_key &&
        again->host == d.host && again->port == d.port && again->path == d.path &&
        again->project_id == d.project_id && again->org_id == d.org_id &&
        again->envelope_url() == d.envelope_url());
  return 0;
}
