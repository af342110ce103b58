// The Boost.Log sink's cost on the logging thread, against a Boost.Log sink
// backend that discards every record, measured in the same run.
//
// Three kinds of records, each logged through a core that holds one sink
// (either ours or the discarding reference) behind the same frontend:
//   below:  a debug record, under both thresholds        (target <= 1.1x)
//   crumb:  an info record, becomes a breadcrumb          (target <= 1.5x)
//   event:  an error record, becomes an event (queue push) (target <= 3 us)
// The SDK sends nowhere: its transport drops envelopes. Event runs let the
// SDK's worker drain its queue every 200 records, outside the timing, so the
// queue neither overflows (a cheaper, unrepresentative path) nor grows into
// fresh memory (page faults that a service in a steady state does not pay). Ratios use CPU time of the logging thread and are
// printed after the table.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <memory>
#include <string>

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

void start_sdk() {
  sentry::options o;
  o.transport = [](const sentry::transport_context&) { return std::make_unique<null_transport>(); };
  o.max_queue_size = event_iterations * 2;
  o.max_queue_bytes = std::size_t(1) << 30;
  o.context_tags = {"request_id", "tenant"};
  sentry::init(std::move(o));
}

enum class sink_kind { reference, sentry };

// One sink in the core for the duration of a benchmark run.
class core_with_sink {
 public:
  core_with_sink(sink_kind kind, bool async) {
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
      sink_ = sentry::boostlog::add_async_sink();
    } else {
      sink_ = sentry::boostlog::add_sink();
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

void log_records(benchmark::State& state, sink_kind kind, bool async, severity_level sev,
                 bool drain = false) {
  core_with_sink sink(kind, async);
  sentry::flush(std::chrono::seconds(30));
  logging::sources::severity_channel_logger_mt<severity_level, std::string> lg(
      logging::keywords::channel = "checkout");
  BOOST_LOG_SCOPED_THREAD_TAG("request_id", "r-42");
  BOOST_LOG_SCOPED_THREAD_TAG("tenant", "acme");
  int i = 0;
  for (auto _ : state) {
    BOOST_LOG_SEV(lg, sev) << "cart loaded with " << ++i << " items";
    if (drain && i % drain_every == 0) {
      // Let the SDK's worker catch up (untimed), as it does between bursts
      // in a service: the queue's memory is then reused, not grown.
      state.PauseTiming();
      sentry::flush(std::chrono::seconds(30));
      state.ResumeTiming();
    }
  }
  state.SetItemsProcessed(state.iterations());
}

// name -> CPU ns per record, for the ratios.
std::map<std::string, double> g_cpu_ns;

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
  std::set<std::string> medians_;

 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    // With --benchmark_repetitions, the median of the repetitions counts.
    for (const auto& r : runs) {
      const bool median = r.run_type == Run::RT_Aggregate && r.aggregate_name == "median";
      if ((r.run_type != Run::RT_Iteration && !median) || r.iterations == 0) continue;
      const std::string name = r.run_name.function_name;
      if (!median && medians_.count(name)) continue;
      if (median) medians_.insert(name);
      g_cpu_ns[name] = r.GetAdjustedCPUTime() * ns_per_unit(r.time_unit);
    }
  }
};

void print_ratio(const char* label, const std::string& ours, const std::string& ref,
                 const char* target) {
  auto o = g_cpu_ns.find(ours), r = g_cpu_ns.find(ref);
  if (o == g_cpu_ns.end() || r == g_cpu_ns.end() || r->second <= 0) return;
  std::printf("%-28s %9.0f ns vs %9.0f ns reference: %5.2fx  (target %s)\n", label, o->second,
              r->second, o->second / r->second, target);
}

void print_cost(const char* label, const std::string& name) {
  auto it = g_cpu_ns.find(name);
  if (it != g_cpu_ns.end()) std::printf("%-28s %9.0f ns\n", label, it->second);
}

}  // namespace

#define SINK_BENCH(name, kind, async, sev, ...)                                           \
  void name(benchmark::State& state) {                                                    \
    log_records(state, kind, async, sev, sev == severity_level::error);                   \
  }                                                                                       \
  BENCHMARK(name) __VA_ARGS__

SINK_BENCH(sync_below_reference, sink_kind::reference, false, severity_level::debug);
SINK_BENCH(sync_below_sentry, sink_kind::sentry, false, severity_level::debug);
SINK_BENCH(sync_crumb_reference, sink_kind::reference, false, severity_level::info);
SINK_BENCH(sync_crumb_sentry, sink_kind::sentry, false, severity_level::info);
SINK_BENCH(sync_event_reference, sink_kind::reference, false, severity_level::error,
           ->Iterations(event_iterations));
SINK_BENCH(sync_event_sentry, sink_kind::sentry, false, severity_level::error,
           ->Iterations(event_iterations));
SINK_BENCH(async_below_reference, sink_kind::reference, true, severity_level::debug);
SINK_BENCH(async_below_sentry, sink_kind::sentry, true, severity_level::debug);
SINK_BENCH(async_crumb_reference, sink_kind::reference, true, severity_level::info,
           ->Iterations(event_iterations * 5));
SINK_BENCH(async_crumb_sentry, sink_kind::sentry, true, severity_level::info,
           ->Iterations(event_iterations * 5));

// The log bridge alone, fed the record the sink builds: how much of the
// sink's cost is the bridge's (shared by every sink).
void bridge_alone(benchmark::State& state, sentry::level l) {
  sentry::log_bridge bridge(sentry::boostlog::default_bridge_options());
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
    if (l >= sentry::level::error && i % drain_every == 0) {
      state.PauseTiming();
      sentry::flush(std::chrono::seconds(30));
      state.ResumeTiming();
    }
  }
}
void bridge_alone_crumb(benchmark::State& state) { bridge_alone(state, sentry::level::info); }
void bridge_alone_event(benchmark::State& state) { bridge_alone(state, sentry::level::error); }
BENCHMARK(bridge_alone_crumb);
BENCHMARK(bridge_alone_event)->Iterations(event_iterations);

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  start_sdk();
  ratio_reporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  std::printf("\nCaller-side CPU time per record, Sentry sink vs discarding sink:\n");
  print_ratio("sync, below thresholds", "sync_below_sentry", "sync_below_reference", "<= 1.1x");
  print_ratio("sync, breadcrumb", "sync_crumb_sentry", "sync_crumb_reference", "<= 1.5x");
  print_cost("  of which the log bridge", "bridge_alone_crumb");
  print_ratio("sync, event", "sync_event_sentry", "sync_event_reference", "<= 3 us per event");
  print_cost("  of which the log bridge", "bridge_alone_event");
  print_ratio("async, below thresholds", "async_below_sentry", "async_below_reference", "<= 1.1x");
  print_ratio("async, breadcrumb (enqueue)", "async_crumb_sentry", "async_crumb_reference",
              "<= 1.5x");
  logging::core::get()->remove_all_sinks();
  sentry::close();
  benchmark::Shutdown();
  return 0;
}
