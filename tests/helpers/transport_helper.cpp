// A process the transport tests start, kill and start again: the offline
// cache must survive the end of the process that wrote it.
//
//   transport_helper send   <cache> <dsn> <id> <message>
//       sends one event envelope (the test may SIGKILL it meanwhile), closes.
//   transport_helper resend <cache> <dsn>
//       sends what the cache holds, closes; exit 0 when nothing is left.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>

#include "sentry/dsn.hpp"
#include "sentry/options.hpp"
#include "test_envelopes.hpp"
#include "transport/disk_cache.hpp"
#include "transport/http_transport.hpp"

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s send|resend <cache> <dsn> [<id> <message>]\n", argv[0]);
    return 2;
  }
  const std::string mode = argv[1];
  sentry::options opts;
  opts.cache_path = argv[2];
  opts.http_connect_timeout = std::chrono::seconds(2);
  opts.http_timeout = std::chrono::seconds(20);
  std::optional<sentry::dsn> dsn = sentry::dsn::parse(argv[3]);
  sentry::discard_counter discards;
  sentry::transport_context ctx{opts, dsn, discards, [](sentry::level, std::string_view m) {
                                  std::fprintf(stderr, "helper: %.*s\n", static_cast<int>(m.size()),
                                               m.data());
                                }};
  auto t = sentry::detail::make_http_transport(ctx);
  if (!t) return 3;
  const auto deadline = [] { return sentry::transport::clock::now() + std::chrono::seconds(5); };
  if (mode == "send" && argc == 6) {
    std::printf("sending\n");
    std::fflush(stdout);
    t->send(sentry_test::event_envelope_with_id(argv[4], argv[5]));
    t->close(deadline());
    return 0;
  }
  if (mode == "resend") {
    const bool drained = t->flush(deadline());
    t->close(deadline());
    auto cache = sentry::detail::disk_cache::open(argv[2], nullptr);
    return drained && cache && cache->list().empty() ? 0 : 1;
  }
  return 2;
}
