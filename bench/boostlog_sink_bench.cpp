// The Boost.Log sink's cost on the logging thread, against a Boost.Log sink
// backend that discards every record, measured in the same run.
//
// Each record is logged through a core that holds one sink: ours, as
// add_sink() or add_async_sink() make it, or the discarding reference in a
// synchronous_sink or asynchronous_sink (boostlog_async_*). (add_sink()'s
// frontend is an unlocked_sink: it spares the lock per record a
// synchronous_sink takes, about 30 ns of the reference's time.)
//   boostlog_below_threshold  a debug record, under every threshold
//                             target <= 1.1x reference_discard_sink_debug
//   boostlog_breadcrumb       an info record, becomes a breadcrumb
//                             target <= 1.5x reference_discard_sink_info
//   boostlog_event            an error record, becomes an event (queue push)
//                             target <= 3 us
//   boostlog_log              an info record, becomes a structured log only
//                             (enable_logs on, breadcrumbs from error up)
//                             target <= 1 us (issue 8)
//   boostlog_log_two_threads  boostlog_log from two threads at once (CPU
//                             time of both, per iteration of one): what
//                             they cost each other, against
//                             reference_discard_sink_two_threads
//   boostlog_bridge_*_alone   the log bridge fed the record the sink builds
//                             (breadcrumb, event, structured log only): the
//                             share of the cost that is the bridge's
// The SDK sends nowhere: its transport drops envelopes. Event and log runs let
// the SDK's worker drain its queues every 200 records, outside the timing, so
// the queue neither overflows (a cheaper, unrepresentative path) nor grows
// into fresh memory (page faults that a service in a steady state does not
// pay), and count what was dropped anyway ("dropped"). Ratios use CPU time of
// the logging thread and are printed after the table; with
// --benchmark_repetitions, of the fastest repetition (the "min" row: on a
// shared machine, the least disturbed one), as the log4cplus bench does.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <boost/log/attributes/constant.hpp>
#include <boost/log/attributes/scoped_attribute.hpp>
#include <boost/log/core/core.hpp>
#include <boost/log/sinks/async_frontend.hpp>
#include <boost/log/sinks/basic_sink_backend.hpp>
#include <boost/log/sinks/sync_frontend.hpp>
#include <boost/log/sources/record_ostream.hpp>
#include <boost/log/sources/severity_channel_logger.hpp>
#include <boost/log/trivial.hpp>
#include <boost/make_shared.hpp>

#include "sentry/boostlog/sink.hpp"
#include "sentry/sentry.hpp"
#include "sentry/transport.hpp"

namespace {

namespace logging = boost::log;
using logging::trivial::severity_level;

class discarding_backend
    : public logging::sinks::basic_sink_backend<logging::sinks::concurrent_feeding> {
 public:
  void consume(const logging::record_view& rec) { benchmark::DoNotOptimize(&rec); }
};

class null_transport final : public sentry::transport {
 public:
  void send(sentry::envelope&&) noexcept override {}
};

constexpr int event_iterations = 20000;

void start_sdk(bool logs = false) {
  sentry::options o;
  o.transport = [](const sentry::transport_context&) { return std::make_unique<null_transport>(); };
  o.max_queue_size = event_iterations * 2;
  o.max_queue_bytes = std::size_t(1) << 30;
  o.context_tags = {"request_id", "tenant"};
  o.enable_logs = logs;
  sentry::init(std::move(o));
}

// The SDK restarted with enable_logs on for one benchmark run, then without.
struct logs_enabled {
  logs_enabled() { start_sdk(true); }
  ~logs_enabled() { start_sdk(false); }
  logs_enabled(const logs_enabled&) = delete;
  logs_enabled& operator=(const logs_enabled&) = delete;
};

std::uint64_t discarded() { return sentry::discards() ? sentry::discards()->total_recorded() : 0; }

enum class sink_kind { reference, sentry };

// One sink in the core for the duration of a benchmark run.
class core_with_sink {
 public:
  core_with_sink(sink_kind kind, bool async, sentry::boostlog::sink_options opts) {
    auto core = logging::core::get();
    core->remove_all_sinks();
    if (kind == sink_kind::reference) {
      auto backend = boost::make_shared<discarding_backend>();
      if (async) {
        sink_ = boost::make_shared<logging::sinks::asynchronous_sink<discarding_backend>>(backend);
      } else {
        sink_ = boost::make_shared<logging::sinks::synchronous_sink<discarding_backend>>(backend);
      }
      core->add_sink(sink_);
    } else if (async) {
      sink_ = sentry::boostlog::add_async_sink(std::move(opts));
    } else {
      sink_ = sentry::boostlog::add_sink(std::move(opts));
    }
  }
  ~core_with_sink() {
    auto core = logging::core::get();
    core->flush();
    core->remove_all_sinks();
    sentry::flush(std::chrono::seconds(30));
  }

 private:
  boost::shared_ptr<logging::sinks::sink> sink_;
};

constexpr int drain_every = 200;

// Records of severity `sev` through one sink; `drain`: every drain_every
// records, untimed, the frontend's queue (asynchronous) and the SDK's drain.
void log_records(benchmark::State& state, sink_kind kind, bool async, severity_level sev,
                 bool drain, sentry::boostlog::sink_options opts = {}) {
  core_with_sink sink(kind, async, std::move(opts));
  sentry::flush(std::chrono::seconds(30));
  const std::uint64_t before = discarded();
  logging::sources::severity_channel_logger_mt<severity_level, std::string> lg(
      logging::keywords::channel = "checkout");
  BOOST_LOG_SCOPED_THREAD_TAG("request_id", "r-42");
  BOOST_LOG_SCOPED_THREAD_TAG("tenant", "acme");
  if (sev == severity_level::error) {  // events start from a full ring, as the anchor's
    for (int b = 0; b < 100; ++b) BOOST_LOG_SEV(lg, severity_level::info) << "breadcrumb " << b;
    logging::core::get()->flush();
  }
  int i = 0;
  for (auto _ : state) {
    BOOST_LOG_SEV(lg, sev) << "cart loaded with " << ++i << " items";
    if (drain && i % drain_every == 0) {
      // Let the SDK's worker catch up (untimed), as it does between bursts
      // in a service: the queue's memory is then reused, not grown.
      state.PauseTiming();
      logging::core::get()->flush();
      sentry::flush(std::chrono::seconds(30));
      state.ResumeTiming();
    }
  }
  state.SetItemsProcessed(state.iterations());
  if (drain) {
    logging::core::get()->flush();  // the loop is over: off the clock
    sentry::flush(std::chrono::seconds(30));
    state.counters["dropped"] = static_cast<double>(discarded() - before);
  }
}

// An info record that becomes a structured log only: logs on, breadcrumbs
// from error up (as spdlog_log and log4cplus_log).
void log_only(benchmark::State& state, bool async) {
  logs_enabled logs;
  sentry::boostlog::sink_options o;
  o.bridge.minimum_breadcrumb_level = sentry::level::error;
  log_records(state, sink_kind::sentry, async, severity_level::info, true, std::move(o));
}

// log_only() from two threads at once through one sink (Boost.Log's own
// threads: the core is shared). The first thread sets the sink up before the
// loop starts and removes it after the loop (Google Benchmark starts and
// ends the threads' loops together).
std::unique_ptr<core_with_sink> g_two_threads_sink;
void log_from_two_threads(benchmark::State& state, sink_kind kind) {
  std::unique_ptr<logs_enabled> logs;
  if (state.thread_index() == 0) {
    if (kind == sink_kind::sentry) logs = std::make_unique<logs_enabled>();
    sentry::boostlog::sink_options o;
    o.bridge.minimum_breadcrumb_level = sentry::level::error;
    g_two_threads_sink = std::make_unique<core_with_sink>(kind, false, std::move(o));
    sentry::flush(std::chrono::seconds(30));
  }
  logging::sources::severity_channel_logger_mt<severity_level, std::string> lg(
      logging::keywords::channel = "checkout");
  BOOST_LOG_SCOPED_THREAD_TAG("request_id", "r-42");
  BOOST_LOG_SCOPED_THREAD_TAG("tenant", "acme");
  int i = 0;
  for (auto _ : state) {
    BOOST_LOG_SEV(lg, severity_level::info) << "cart loaded with " << ++i << " items";
    if (i % drain_every == 0) {
      state.PauseTiming();
      sentry::flush(std::chrono::seconds(30));
      state.ResumeTiming();
    }
  }
  state.SetItemsProcessed(state.iterations());
  if (state.thread_index() == 0) {
    g_two_threads_sink.reset();
    logs.reset();
  }
}
void reference_discard_sink_two_threads(benchmark::State& state) {
  log_from_two_threads(state, sink_kind::reference);
}
void boostlog_log_two_threads(benchmark::State& state) {
  log_from_two_threads(state, sink_kind::sentry);
}

// name -> CPU ns per record, for the ratios.
std::map<std::string, double> g_cpu_ns;

// The fastest repetition: on a busy machine the least disturbed one.
double fastest(const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); }

double ns_per_unit(benchmark::TimeUnit u) {
  switch (u) {
    case benchmark::kNanosecond: return 1.0;
    case benchmark::kMicrosecond: return 1e3;
    case benchmark::kMillisecond: return 1e6;
    case benchmark::kSecond: return 1e9;
  }
  return 1.0;
}

class ratio_reporter : public benchmark::ConsoleReporter {
 private:
  std::set<std::string> fastest_;

 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    // With --benchmark_repetitions, the fastest repetition counts.
    for (const auto& r : runs) {
      const bool min = r.run_type == Run::RT_Aggregate && r.aggregate_name == "min";
      if ((r.run_type != Run::RT_Iteration && !min) || r.iterations == 0) continue;
      const std::string name = r.run_name.function_name;
      if (!min && fastest_.count(name)) continue;
      if (min) fastest_.insert(name);
      g_cpu_ns[name] = r.GetAdjustedCPUTime() * ns_per_unit(r.time_unit);
    }
  }
};

void print_ratio(const char* label, const std::string& ours, const std::string& ref,
                 const char* target) {
  auto o = g_cpu_ns.find(ours), r = g_cpu_ns.find(ref);
  if (o == g_cpu_ns.end() || r == g_cpu_ns.end() || r->second <= 0) return;
  std::printf("%-32s %9.0f ns vs %9.0f ns reference: %5.2fx  (target %s)\n", label, o->second,
              r->second, o->second / r->second, target);
}

void print_cost(const char* label, const std::string& name) {
  auto it = g_cpu_ns.find(name);
  if (it != g_cpu_ns.end()) std::printf("%-32s %9.0f ns\n", label, it->second);
}

}  // namespace

#define SINK_BENCH(name, kind, async, sev, ...)                                           \
  void name(benchmark::State& state) {                                                    \
    log_records(state, kind, async, sev, sev == severity_level::error);                   \
  }                                                                                       \
  BENCHMARK(name)->ComputeStatistics("min", fastest) __VA_ARGS__

SINK_BENCH(reference_discard_sink_debug, sink_kind::reference, false, severity_level::debug);
SINK_BENCH(boostlog_below_threshold, sink_kind::sentry, false, severity_level::debug);
SINK_BENCH(reference_discard_sink_info, sink_kind::reference, false, severity_level::info);
SINK_BENCH(boostlog_breadcrumb, sink_kind::sentry, false, severity_level::info);
SINK_BENCH(reference_discard_sink_error, sink_kind::reference, false, severity_level::error,
           ->Iterations(event_iterations));
SINK_BENCH(boostlog_event, sink_kind::sentry, false, severity_level::error,
           ->Iterations(event_iterations));
SINK_BENCH(reference_async_discard_sink_debug, sink_kind::reference, true, severity_level::debug);
SINK_BENCH(boostlog_async_below_threshold, sink_kind::sentry, true, severity_level::debug);
SINK_BENCH(reference_async_discard_sink_info, sink_kind::reference, true, severity_level::info,
           ->Iterations(event_iterations * 5));
SINK_BENCH(boostlog_async_breadcrumb, sink_kind::sentry, true, severity_level::info,
           ->Iterations(event_iterations * 5));

void boostlog_log(benchmark::State& state) { log_only(state, false); }
BENCHMARK(boostlog_log)->ComputeStatistics("min", fastest);
BENCHMARK(reference_discard_sink_two_threads)->Threads(2)->ComputeStatistics("min", fastest);
BENCHMARK(boostlog_log_two_threads)->Threads(2)->ComputeStatistics("min", fastest);

// Enqueue only: the frontend's thread hands the record to the SDK.
void boostlog_async_log(benchmark::State& state) { log_only(state, true); }
BENCHMARK(boostlog_async_log)->ComputeStatistics("min", fastest);

// The log bridge alone, fed the record the sink builds: how much of the
// sink's cost is the bridge's (shared by every sink).
void bridge_alone(benchmark::State& state, sentry::level l, bool log_only = false) {
  sentry::log_bridge_options o = sentry::boostlog::default_bridge_options();
  if (log_only) o.minimum_breadcrumb_level = sentry::level::error;
  sentry::log_bridge bridge(o);
  const sentry::context_field fields[2] = {{"request_id", "r-42"}, {"tenant", "acme"}};
  int i = 0;
  for (auto _ : state) {
    const std::string message = "cart loaded with " + std::to_string(++i) + " items";
    sentry::log_record r;
    r.level = l;
    r.logger = "checkout";
    r.message = message;
    r.context = fields;
    r.context_size = 2;
    bridge.handle(r);
    if ((log_only || l >= sentry::level::error) && i % drain_every == 0) {
      state.PauseTiming();
      sentry::flush(std::chrono::seconds(30));
      state.ResumeTiming();
    }
  }
}
void boostlog_bridge_breadcrumb_alone(benchmark::State& state) {
  bridge_alone(state, sentry::level::info);
}
void boostlog_bridge_event_alone(benchmark::State& state) {
  bridge_alone(state, sentry::level::error);
}
void boostlog_bridge_log_alone(benchmark::State& state) {
  logs_enabled logs;
  sentry::flush(std::chrono::seconds(30));
  bridge_alone(state, sentry::level::info, true);
  sentry::flush(std::chrono::seconds(30));  // the loop is over: off the clock
}
BENCHMARK(boostlog_bridge_breadcrumb_alone)->ComputeStatistics("min", fastest);
BENCHMARK(boostlog_bridge_event_alone)->Iterations(event_iterations)->ComputeStatistics("min", fastest);
BENCHMARK(boostlog_bridge_log_alone)->ComputeStatistics("min", fastest);

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  start_sdk();
  ratio_reporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  std::printf("\nCaller-side CPU time per record, Sentry sink vs discarding sink:\n");
  print_ratio("sync, below thresholds", "boostlog_below_threshold", "reference_discard_sink_debug",
              "<= 1.1x");
  print_ratio("sync, breadcrumb", "boostlog_breadcrumb", "reference_discard_sink_info", "<= 1.5x");
  print_cost("  of which the log bridge", "boostlog_bridge_breadcrumb_alone");
  print_ratio("sync, event", "boostlog_event", "reference_discard_sink_error", "<= 3 us per event");
  print_cost("  of which the log bridge", "boostlog_bridge_event_alone");
  print_ratio("sync, structured log", "boostlog_log", "reference_discard_sink_info",
              "<= 1 us per log");
  print_cost("  of which the log bridge", "boostlog_bridge_log_alone");
  print_ratio("sync, structured log, two threads", "boostlog_log_two_threads",
              "reference_discard_sink_two_threads", "none: what threads cost each other");
  print_ratio("async, below thresholds", "boostlog_async_below_threshold",
              "reference_async_discard_sink_debug", "<= 1.1x");
  print_ratio("async, breadcrumb (enqueue)", "boostlog_async_breadcrumb",
              "reference_async_discard_sink_info", "<= 1.5x");
  print_ratio("async, structured log (enqueue)", "boostlog_async_log",
              "reference_async_discard_sink_info", "<= 1 us per log");
  logging::core::get()->remove_all_sinks();
  sentry::close();
  benchmark::Shutdown();
  return 0;
}
