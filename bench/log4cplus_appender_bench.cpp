// Caller-side cost of sentry::log4cplus_appender, against a logger whose only
// appender is log4cplus's NullAppender, measured in the same run.
//
//   log4cplus_below_threshold  a DEBUG record (the logger lets it through, the
//                              Sentry appender's thresholds do not)
//                              target <= 1.1x reference_null_appender_debug
//   log4cplus_breadcrumb       an INFO record, recorded as a breadcrumb
//                              target <= 1.5x reference_null_appender_info
//   log4cplus_event            an ERROR record captured as an event
//                              target <= 3 us
//   log4cplus_log              an INFO record that becomes a structured log
//                              only (enable_logs on, breadcrumbs from ERROR
//                              up)                         target <= 1 us
//   *_template_macro           the same through SENTRY_LOG4CPLUS_*_FMT
//   log4cplus_bridge_*_alone   the log bridge fed the same record directly:
//                              the share of the cost that is not the appender's
//
// Every record is a LOG4CPLUS_*_FMT call with one argument and three MDC
// entries on the thread (two of them context tags). The SDK sends to a
// transport that drops everything (and a before_send that drops events before
// they are serialized); the event benchmarks start from a scope of 100
// breadcrumbs; the event and log benchmarks let the SDK's queues drain
// (outside the timing) every 250 records so that no capture is dropped for a
// full queue, and count such drops anyway ("dropped"). After the table, a summary
// gives the ratios on CPU time (on a shared machine, wall time mostly
// measures the other processes) of the fastest of 9 repetitions run in random
// order (the least disturbed one); tools/bench runs it with its own arguments.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include <log4cplus/initializer.h>
#include <log4cplus/logger.h>
#include <log4cplus/loggingmacros.h>
#include <log4cplus/mdc.h>
#include <log4cplus/nullappender.h>

#include "draining.hpp"
#include "sentry/log4cplus/appender.hpp"
#include "sentry/log4cplus/macros.hpp"
#include "sentry/sentry.hpp"

namespace {

class null_transport final : public sentry::transport {
 public:
  void send(sentry::envelope&&) noexcept override {}
};

// The SDK, its logs on or off (the log benchmarks restart it with them on).
void start_sdk(bool logs) {
  sentry::options opts;
  opts.dsn = "https://public@127.0.0.1:9/42";
  opts.max_queue_size = 1000;
  opts.transport = [](const sentry::transport_context&) {
    return std::unique_ptr<sentry::transport>(new null_transport());
  };
  // The worker drops every event before serializing it: the caller's side
  // is the same, and the worker keeps up with a benchmark loop sooner.
  opts.before_send = [](sentry::event&) { return false; };
  opts.enable_logs = logs;
  sentry::init(std::move(opts));
}

struct setup {
  setup() {
    start_sdk(false);
    null_logger = make_logger("bench.null", log4cplus::SharedAppenderPtr(new log4cplus::NullAppender()));
    sentry::log4cplus_appender_options o;
    o.context_tags = std::vector<std::string>{"request_id", "tenant"};
    sentry_logger =
        make_logger("bench.sentry", log4cplus::SharedAppenderPtr(new sentry::log4cplus_appender(o)));
    o.minimum_breadcrumb_level = log4cplus::ERROR_LOG_LEVEL;  // INFO: a log, no breadcrumb
    log_logger =
        make_logger("bench.log", log4cplus::SharedAppenderPtr(new sentry::log4cplus_appender(o)));
  }
  ~setup() { sentry::close(); }

  static log4cplus::Logger make_logger(const std::string& name, log4cplus::SharedAppenderPtr app) {
    log4cplus::Logger l = log4cplus::Logger::getInstance(name);
    l.setLogLevel(log4cplus::TRACE_LOG_LEVEL);
    l.setAdditivity(false);
    l.addAppender(app);
    return l;
  }

  log4cplus::Initializer initializer;
  log4cplus::Logger null_logger;
  log4cplus::Logger sentry_logger;
  log4cplus::Logger log_logger;  // the appender that turns INFO into a log only
};

setup& the_setup() {
  static setup s;
  return s;
}

// The fastest repetition: on a busy machine the least disturbed one.
double fastest(const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); }

void with_mdc() {
  log4cplus::getMDC().put("request_id", "r-42");
  log4cplus::getMDC().put("tenant", "acme");
  log4cplus::getMDC().put("session", "s-9");
}

// Captures that found the queue full (their cost would be the drop path's).
std::uint64_t queue_overflows(sentry::data_category c) {
  const sentry::discard_counter* d = sentry::discards();
  return d ? d->peek(sentry::discard_reason::queue_overflow, c) : 0;
}

// sentry_bench::draining, counting as "dropped" the records of category `c`
// that found the queue full anyway.
template <typename Log>
void draining(benchmark::State& state, sentry::data_category c, Log log) {
  const std::uint64_t before = queue_overflows(c);
  sentry_bench::draining(state, log);
  state.counters["dropped"] = static_cast<double>(queue_overflows(c) - before);
}

// Events are captured with a full scope: 100 breadcrumbs, as the anchor's.
void fill_breadcrumbs() {
  log4cplus::Logger l = the_setup().sentry_logger;
  for (int i = 0; i < 100; ++i) LOG4CPLUS_INFO_FMT(l, "cart loaded with %d items", i);
}

void reference_null_appender_debug(benchmark::State& state) {
  log4cplus::Logger l = the_setup().null_logger;
  with_mdc();
  for (auto _ : state) LOG4CPLUS_DEBUG_FMT(l, "cart loaded with %d items", 3);
}
BENCHMARK(reference_null_appender_debug)->ComputeStatistics("min", fastest);

void log4cplus_below_threshold(benchmark::State& state) {
  log4cplus::Logger l = the_setup().sentry_logger;
  with_mdc();
  for (auto _ : state) LOG4CPLUS_DEBUG_FMT(l, "cart loaded with %d items", 3);
}
BENCHMARK(log4cplus_below_threshold)->ComputeStatistics("min", fastest);

void reference_null_appender_info(benchmark::State& state) {
  log4cplus::Logger l = the_setup().null_logger;
  with_mdc();
  for (auto _ : state) LOG4CPLUS_INFO_FMT(l, "cart loaded with %d items", 3);
}
BENCHMARK(reference_null_appender_info)->ComputeStatistics("min", fastest);

void log4cplus_breadcrumb(benchmark::State& state) {
  log4cplus::Logger l = the_setup().sentry_logger;
  with_mdc();
  for (auto _ : state) LOG4CPLUS_INFO_FMT(l, "cart loaded with %d items", 3);
}
BENCHMARK(log4cplus_breadcrumb)->ComputeStatistics("min", fastest);

void log4cplus_breadcrumb_template_macro(benchmark::State& state) {
  log4cplus::Logger l = the_setup().sentry_logger;
  with_mdc();
  for (auto _ : state) SENTRY_LOG4CPLUS_INFO_FMT(l, "cart loaded with %d items", 3);
}
BENCHMARK(log4cplus_breadcrumb_template_macro)->ComputeStatistics("min", fastest);

void reference_null_appender_template_macro(benchmark::State& state) {
  log4cplus::Logger l = the_setup().null_logger;
  with_mdc();
  for (auto _ : state) SENTRY_LOG4CPLUS_INFO_FMT(l, "cart loaded with %d items", 3);
}
BENCHMARK(reference_null_appender_template_macro)->ComputeStatistics("min", fastest);

// The log bridge alone, fed the record the appender builds for the INFO
// record above: the share of log4cplus_breadcrumb that is not log4cplus's or
// the appender's.
template <sentry::level Level>
void bridge_alone(benchmark::State& state) {
  the_setup();
  sentry::log_bridge_options o;
  o.context_tags = std::vector<std::string>{"request_id", "tenant"};
  o.origin = "auto.log.log4cplus";
  sentry::log_bridge bridge(o);
  const sentry::context_field fields[] = {
      {"request_id", "r-42"}, {"session", "s-9"}, {"tenant", "acme"}};
  sentry::log_record r;
  r.level = Level;
  r.logger = "bench.sentry";
  r.message = "cart loaded with 3 items";
  r.file = __FILE__;
  r.line = __LINE__;
  r.function = "void log4cplus_breadcrumb(benchmark::State&)";
  r.context = fields;
  r.context_size = 3;
  if (Level >= sentry::level::error) fill_breadcrumbs();
  std::size_t n = 0;
  for (auto _ : state) {
    r.timestamp = std::chrono::system_clock::now();
    bridge.handle(r);
    if (Level >= sentry::level::error && ++n % 250 == 0) {
      state.PauseTiming();
      sentry::flush(std::chrono::seconds(10));
      state.ResumeTiming();
    }
  }
  sentry::flush(std::chrono::seconds(10));
}

void log4cplus_bridge_breadcrumb_alone(benchmark::State& state) { bridge_alone<sentry::level::info>(state); }
BENCHMARK(log4cplus_bridge_breadcrumb_alone)->ComputeStatistics("min", fastest);

void log4cplus_bridge_event_alone(benchmark::State& state) { bridge_alone<sentry::level::error>(state); }
BENCHMARK(log4cplus_bridge_event_alone)->ComputeStatistics("min", fastest);

template <bool Template>
void event_bench(benchmark::State& state) {
  log4cplus::Logger l = the_setup().sentry_logger;
  with_mdc();
  fill_breadcrumbs();
  draining(state, sentry::data_category::error, [&] {
    if constexpr (Template) {
      SENTRY_LOG4CPLUS_ERROR_FMT(l, "payment failed for order %d", 1234);
    } else {
      LOG4CPLUS_ERROR_FMT(l, "payment failed for order %d", 1234);
    }
  });
}

void log4cplus_event(benchmark::State& state) { event_bench<false>(state); }
BENCHMARK(log4cplus_event)->ComputeStatistics("min", fastest);

void log4cplus_event_template_macro(benchmark::State& state) { event_bench<true>(state); }
BENCHMARK(log4cplus_event_template_macro)->ComputeStatistics("min", fastest);

// The SDK restarted with enable_logs on for one benchmark run, then without.
struct logs_enabled {
  logs_enabled() { start_sdk(true); }
  ~logs_enabled() { start_sdk(false); }
  logs_enabled(const logs_enabled&) = delete;
  logs_enabled& operator=(const logs_enabled&) = delete;
};

template <bool Template>
void log_bench(benchmark::State& state) {
  log4cplus::Logger l = the_setup().log_logger;
  logs_enabled logs;
  with_mdc();
  draining(state, sentry::data_category::log_item, [&] {
    if constexpr (Template) {
      SENTRY_LOG4CPLUS_INFO_FMT(l, "cart loaded with %d items", 3);
    } else {
      LOG4CPLUS_INFO_FMT(l, "cart loaded with %d items", 3);
    }
  });
}

void log4cplus_log(benchmark::State& state) { log_bench<false>(state); }
BENCHMARK(log4cplus_log)->ComputeStatistics("min", fastest);

void log4cplus_log_template_macro(benchmark::State& state) { log_bench<true>(state); }
BENCHMARK(log4cplus_log_template_macro)->ComputeStatistics("min", fastest);

// Prints the table as usual and keeps each benchmark's CPU time per
// iteration: the fastest repetition when there are some. CPU time, because
// on a shared machine wall time mostly measures the other processes.
class collecting_reporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& r : runs) {
      if (r.run_type == Run::RT_Iteration && !r.report_big_o) {
        ns_.emplace(r.run_name.function_name, r.GetAdjustedCPUTime());
      } else if (r.run_type == Run::RT_Aggregate && r.aggregate_name == "min") {
        ns_[r.run_name.function_name] = r.GetAdjustedCPUTime();
      }
    }
    ConsoleReporter::ReportRuns(runs);
  }
  double ns(const std::string& name) const {
    auto it = ns_.find(name);
    return it == ns_.end() ? 0 : it->second;
  }

 private:
  std::map<std::string, double> ns_;
};

void summary(const collecting_reporter& r) {
  auto ratio = [&](const char* a, const char* b) {
    const double d = r.ns(b);
    return d > 0 ? r.ns(a) / d : 0.0;
  };
  if (r.ns("reference_null_appender_debug") <= 0 || r.ns("reference_null_appender_info") <= 0 || r.ns("log4cplus_event") <= 0) {
    return;  // a filtered run: no summary
  }
  const double below = ratio("log4cplus_below_threshold", "reference_null_appender_debug");
  const double crumb = ratio("log4cplus_breadcrumb", "reference_null_appender_info");
  const double event_us = r.ns("log4cplus_event") / 1000.0;
  std::printf("\nsentry::log4cplus_appender vs log4cplus::NullAppender (same run, CPU time)\n");
  std::printf("  below thresholds : %5.2fx  (target <= 1.10x)  %s\n", below,
              below <= 1.10 ? "ok" : "OVER");
  std::printf("  breadcrumb       : %5.2fx  (target <= 1.50x)  %s\n", crumb,
              crumb <= 1.50 ? "ok" : "OVER");
  std::printf("  event, caller    : %5.2f us (target <= 3 us)   %s\n", event_us,
              event_us <= 3.0 ? "ok" : "OVER");
  if (r.ns("log4cplus_log") > 0) {
    const double log_us = r.ns("log4cplus_log") / 1000.0;
    std::printf("  structured log   : %5.2f us (target <= 1 us)   %s; template macro %.2f us\n", log_us,
                log_us <= 1.0 ? "ok" : "OVER", r.ns("log4cplus_log_template_macro") / 1000.0);
  }
  std::printf("  template macro   : breadcrumb %.2fx null, event %.2f us, macro alone %.2fx "
              "LOG4CPLUS_INFO_FMT\n",
              ratio("log4cplus_breadcrumb_template_macro", "reference_null_appender_info"),
              r.ns("log4cplus_event_template_macro") / 1000.0,
              ratio("reference_null_appender_template_macro", "reference_null_appender_info"));
  // What the appender itself adds: the Sentry path minus log4cplus's own
  // (the null-appender path) minus the log bridge's.
  std::printf("  breakdown        : breadcrumb %.0f ns = log4cplus %.0f + bridge %.0f + "
              "appender %.0f; event %.2f us = bridge %.2f + the rest %.2f\n",
              r.ns("log4cplus_breadcrumb"), r.ns("reference_null_appender_info"), r.ns("log4cplus_bridge_breadcrumb_alone"),
              r.ns("log4cplus_breadcrumb") - r.ns("reference_null_appender_info") - r.ns("log4cplus_bridge_breadcrumb_alone"),
              event_us, r.ns("log4cplus_bridge_event_alone") / 1000.0,
              event_us - r.ns("log4cplus_bridge_event_alone") / 1000.0);
}

}  // namespace

int main(int argc, char** argv) {
  // Unless told otherwise: 9 repetitions in random order, aggregates only.
  std::vector<char*> args(argv, argv + argc);
  char repetitions[] = "--benchmark_repetitions=9";
  char interleave[] = "--benchmark_enable_random_interleaving=true";
  char aggregates[] = "--benchmark_report_aggregates_only=true";
  if (argc == 1) args.insert(args.end(), {repetitions, interleave, aggregates});
  argc = static_cast<int>(args.size());
  argv = args.data();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  the_setup();
  collecting_reporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  summary(reporter);
  benchmark::Shutdown();
  return 0;
}
