// Caller-side cost of sentry::spdlog::sink_mt on a synchronous spdlog logger,
// against the same logger with spdlog's null_sink_mt, measured in the same
// run:
//
//   spdlog_below_threshold   a debug record (the logger lets it through, the
//                            Sentry sink's thresholds do not)  target <= 1.1x null
//   spdlog_breadcrumb        an info record, a breadcrumb         target <= 1.5x null
//   spdlog_event             an error record, an event            target <= 3 us
//   spdlog_log               an info record, a structured log only
//                            (enable_logs on)                     target <= 1 us
// and the same through the template-capturing call (sentry::spdlog::info,
// ...), whose own cost on a null-sink logger is reference_null_sink_template.
//
// Every record has one argument and three context fields on the thread (two
// of them context tags); the scope holds 5 tags. The SDK sends to a
// transport that drops everything; the event and log benchmarks let the
// SDK's queues drain (outside the timing) every 250 records so that nothing
// is dropped for a full queue, and report how many were dropped anyway. A
// summary with the ratios (CPU time: on a shared machine wall time mostly
// measures other processes) follows the Google Benchmark table.
#include <benchmark/benchmark.h>
#include <spdlog/logger.h>
#include <spdlog/sinks/null_sink.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include "collecting_reporter.hpp"
#include "draining.hpp"
#include "sentry/context_store.hpp"
#include "sentry/sentry.hpp"
#include "sentry/spdlog/log.hpp"
#include "sentry/spdlog/sink.hpp"

namespace {

class null_transport final : public sentry::transport {
 public:
  void send(sentry::envelope&&) noexcept override {}
};

// The SDK for one benchmark: started at construction, closed at the end.
struct sdk {
  explicit sdk(bool logs = false) {
    sentry::options o;
    o.dsn = "https://public@127.0.0.1:9/42";
    o.transport = [](const sentry::transport_context&) {
      return std::unique_ptr<sentry::transport>(new null_transport());
    };
    o.context_tags = {"request_id", "tenant"};
    o.enable_logs = logs;
    sentry::init(std::move(o));
    for (int i = 0; i < 5; ++i) sentry::set_tag("tag" + std::to_string(i), "value");
  }
  ~sdk() {
    sentry::close();
    sentry::global_scope().clear();
    sentry::isolation_scope().clear();
    sentry::current_scope().clear();
  }
  sdk(const sdk&) = delete;
  sdk& operator=(const sdk&) = delete;
};

std::shared_ptr<spdlog::logger> logger_with(spdlog::sink_ptr sink) {
  auto l = std::make_shared<spdlog::logger>("checkout", std::move(sink));
  l->set_level(spdlog::level::trace);
  return l;
}

std::shared_ptr<spdlog::logger> null_logger() {
  return logger_with(std::make_shared<spdlog::sinks::null_sink_mt>());
}

std::shared_ptr<spdlog::logger> sentry_logger(sentry::spdlog::sink_options o = {}) {
  return logger_with(std::make_shared<sentry::spdlog::sink_mt>(std::move(o)));
}

// The logging context of the example: two tags and one other field.
struct example_context {
  sentry::scoped_context a{"request_id", "r-42"};
  sentry::scoped_context b{"tenant", "acme"};
  sentry::scoped_context c{"session", "s-9"};
};

std::uint64_t discarded() { return sentry::discards() ? sentry::discards()->total_recorded() : 0; }

// sentry_bench::draining, counting what the SDK discarded meanwhile.
template <typename Log>
void draining(benchmark::State& state, Log log) {
  const std::uint64_t before = discarded();
  sentry_bench::draining(state, log);
  state.counters["dropped"] = static_cast<double>(discarded() - before);
}

void reference_null_sink_debug(benchmark::State& state) {
  auto logger = null_logger();
  example_context ctx;
  for (auto _ : state) logger->debug("cart loaded with {} items", 3);
}
BENCHMARK(reference_null_sink_debug);

void reference_null_sink_info(benchmark::State& state) {
  auto logger = null_logger();
  example_context ctx;
  for (auto _ : state) logger->info("cart loaded with {} items", 3);
}
BENCHMARK(reference_null_sink_info);

void reference_null_sink_template(benchmark::State& state) {
  auto logger = null_logger();
  example_context ctx;
  for (auto _ : state) sentry::spdlog::info(logger, "cart loaded with {} items", 3);
}
BENCHMARK(reference_null_sink_template);

void spdlog_below_threshold(benchmark::State& state) {
  sdk s;
  auto logger = sentry_logger();
  example_context ctx;
  for (auto _ : state) logger->debug("cart loaded with {} items", 3);
}
BENCHMARK(spdlog_below_threshold);

void spdlog_breadcrumb(benchmark::State& state) {
  sdk s;
  auto logger = sentry_logger();
  example_context ctx;
  for (auto _ : state) logger->info("cart loaded with {} items", 3);
}
BENCHMARK(spdlog_breadcrumb);

void spdlog_breadcrumb_template(benchmark::State& state) {
  sdk s;
  auto logger = sentry_logger();
  example_context ctx;
  for (auto _ : state) sentry::spdlog::info(logger, "cart loaded with {} items", 3);
}
BENCHMARK(spdlog_breadcrumb_template);

template <bool Template>
void event_bench(benchmark::State& state) {
  sdk s;
  auto logger = sentry_logger();
  example_context ctx;
  for (int i = 0; i < 100; ++i) logger->info("breadcrumb {}", i);  // a full ring
  draining(state, [&] {
    if constexpr (Template) {
      sentry::spdlog::error(logger, "payment failed for order {}", 1234);
    } else {
      logger->error("payment failed for order {}", 1234);
    }
  });
}

void spdlog_event(benchmark::State& state) { event_bench<false>(state); }
BENCHMARK(spdlog_event);

void spdlog_event_template(benchmark::State& state) { event_bench<true>(state); }
BENCHMARK(spdlog_event_template);

void spdlog_log(benchmark::State& state) {
  sdk s(true);
  sentry::spdlog::sink_options o;
  o.minimum_breadcrumb_level = sentry::level::error;  // info: a log, no breadcrumb
  auto logger = sentry_logger(o);
  example_context ctx;
  draining(state, [&] { sentry::spdlog::info(logger, "cart loaded with {} items", 3); });
}
BENCHMARK(spdlog_log);

void summary(const sentry_bench::collecting_reporter& r) {
  auto ratio = [&](const char* what, const char* base, double target) {
    const double b = r.cpu_ns(base);
    if (r.cpu_ns(what) <= 0 || b <= 0) return;
    const double x = r.cpu_ns(what) / b;
    std::printf("  %-26s %8.1f ns  %5.2fx %-28s (target <= %.2fx) %s\n", what, r.cpu_ns(what), x, base,
                target, x <= target ? "ok" : "OVER");
  };
  auto absolute = [&](const char* what, double target_ns) {
    if (r.cpu_ns(what) <= 0) return;
    std::printf("  %-26s %8.1f ns  (target <= %.0f ns) %s\n", what, r.cpu_ns(what), target_ns,
                r.cpu_ns(what) <= target_ns ? "ok" : "OVER");
  };
  std::printf("\nsentry::spdlog::sink_mt vs spdlog::sinks::null_sink_mt, caller side, CPU time, same run\n");
  ratio("spdlog_below_threshold", "reference_null_sink_debug", 1.1);
  ratio("spdlog_breadcrumb", "reference_null_sink_info", 1.5);
  ratio("spdlog_breadcrumb_template", "reference_null_sink_template", 1.5);
  absolute("spdlog_event", 3000);
  absolute("spdlog_event_template", 3000);
  absolute("spdlog_log", 1000);
  if (r.cpu_ns("reference_null_sink_template") > 0 && r.cpu_ns("reference_null_sink_info") > 0) {
    std::printf("  template call alone: %.2fx logger->info on the null-sink logger\n",
                r.cpu_ns("reference_null_sink_template") / r.cpu_ns("reference_null_sink_info"));
  }
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  sentry_bench::collecting_reporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  summary(reporter);
  benchmark::Shutdown();
  return 0;
}
