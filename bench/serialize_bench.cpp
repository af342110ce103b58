// Worker-side cost of an event (issue 3 asks for >= 20,000 events/s delivered
// by one worker), each beside a reference measured in the same run:
//   serialize_event/<breadcrumbs>        the event item's JSON, as the worker
//                                        has the event once scopes are applied
//                                        (5 tags, default contexts, 0 or 100
//                                        breadcrumbs)
//   reference_dom_then_dump/<breadcrumbs> the same JSON the way many SDKs make
//                                        it: a generic document built from the
//                                        event, then written out
//   worker_pipeline/tags/breadcrumbs     capture_message with 0 tags and 0
//                                        breadcrumbs, or 5 and 100, on the scope, through the
//                                        worker (scopes, serialization,
//                                        envelope, written out as the HTTP
//                                        transport does) to a transport that
//                                        counts bytes; items/s = events/s
//   gzip_envelope                        the worker's gzip of the envelope
//                                        deliver_events sends (5 tags, 10
//                                        breadcrumbs: about 3.3 KB of JSON)
//     vs reference_zlib_level1           the same with zlib at level 1 (what
//                                        the worker used before), one stream
//                                        reset per body; both print the
//                                        compressed size (`bytes`) and the
//                                        envelope's (`input_bytes`)
//
// Instruction counts are steadier than time on a busy machine; for the
// worker's instructions per event:
//   valgrind --tool=callgrind --collect-atstart=no
//     --toggle-collect='sentry::detail::client::process_event*'
//     sentry_cpp_bench_serialize --benchmark_filter='worker_pipeline/tags:5'
// (one command line)
// and divide the total by the events processed (the `events` counter, 2000).
#include <benchmark/benchmark.h>
#include <zlib.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

#include "client/default_contexts.hpp"
#include "model/serialize.hpp"
#include "sample_envelope.hpp"
#include "sentry/sentry.hpp"
#include "sentry/transport.hpp"
#include "sentry/version.hpp"
#include "transport/gzip.hpp"

namespace {

sentry::event worker_event(int breadcrumbs) {
  sentry::event e;
  e.event_id = sentry::uuid::generate();
  e.level = sentry::level::error;
  e.message = sentry::logentry{};
  e.message->formatted = "message 1234";
  e.release = "bench@1.0.0";
  for (int i = 0; i < 5; ++i) e.tags["tag" + std::to_string(i)] = "value";
  e.contexts = sentry::detail::default_contexts(false);
  e.contexts["trace"] = sentry::value_object{{"trace_id", "0123456789abcdef0123456789abcdef"},
                                             {"span_id", "0123456789abcdef"}};
  for (int i = 0; i < breadcrumbs; ++i) {
    sentry::breadcrumb b;
    b.category = "volume";
    b.message = "breadcrumb " + std::to_string(i);
    b.data["index"] = i;
    e.breadcrumbs.push_back(std::move(b));
  }
  return e;
}

void serialize_event(benchmark::State& state) {
  const sentry::event e = worker_event(static_cast<int>(state.range(0)));
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::string json = sentry::detail::serialize_event(e);
    bytes = json.size();
    benchmark::DoNotOptimize(json.data());
  }
  state.counters["bytes"] = static_cast<double>(bytes);
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes) * state.iterations());
}
BENCHMARK(serialize_event)->Arg(0)->Arg(100);

// The generic way: copy the event into a document, then write the document.
sentry::value_object as_document(const sentry::event& e) {
  sentry::value_object doc;
  doc["event_id"] = e.event_id.to_string();
  doc["timestamp"] = sentry::rfc3339_now();
  doc["platform"] = e.platform;
  doc["level"] = std::string(sentry::event_level_name(e.level));
  doc["release"] = e.release;
  doc["sdk"] = sentry::value_object{{"name", sentry::sdk_name}, {"version", sentry::sdk_version}};
  doc["logentry"] = sentry::value_object{{"formatted", e.message->formatted}};
  sentry::value_object tags;
  for (const auto& [k, v] : e.tags) tags[k] = v;
  doc["tags"] = std::move(tags);
  sentry::value_object contexts;
  for (const auto& [k, v] : e.contexts) contexts[k] = v;
  doc["contexts"] = std::move(contexts);
  if (!e.breadcrumbs.empty()) {
    sentry::value_array values;
    for (const auto& b : e.breadcrumbs) {
      // Built in place: GCC 12 warns (falsely) when a temporary value is moved here.
      sentry::value_object crumb;
      crumb["timestamp"] = sentry::rfc3339_now();
      crumb["type"] = b.type;
      crumb["category"] = b.category;
      crumb["message"] = b.message;
      crumb["level"] = std::string(sentry::event_level_name(b.level));
      crumb["data"] = b.data;
      values.emplace_back(std::move(crumb));
    }
    doc["breadcrumbs"] = sentry::value_object{{"values", std::move(values)}};
  }
  return doc;
}

void reference_dom_then_dump(benchmark::State& state) {
  const sentry::event e = worker_event(static_cast<int>(state.range(0)));
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::string json = sentry::value(as_document(e)).to_json();
    bytes = json.size();
    benchmark::DoNotOptimize(json.data());
  }
  state.counters["bytes"] = static_cast<double>(bytes);
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes) * state.iterations());
}
BENCHMARK(reference_dom_then_dump)->Arg(0)->Arg(100);

struct byte_count {
  std::atomic<std::uint64_t> envelopes{0};
  std::atomic<std::uint64_t> bytes{0};
};

// Writes each envelope out as the HTTP transport does, then drops it.
class counting_transport final : public sentry::transport {
 public:
  explicit counting_transport(byte_count& c) : count_(c) {}
  void send(sentry::envelope&& env) noexcept override {
    const std::string bytes = env.serialize(sentry::rfc3339_now());
    count_.bytes += bytes.size();
    ++count_.envelopes;
  }

 private:
  byte_count& count_;
};

void worker_pipeline(benchmark::State& state) {
  constexpr int batch = 100;
  static byte_count count;
  count.envelopes = 0;
  count.bytes = 0;
  sentry::options o;
  o.dsn = "https://key@o1.ingest.example.com/42";
  o.release = "bench@1.0.0";
  o.max_queue_size = 2 * batch;
  o.transport = [](const sentry::transport_context&) {
    return std::make_unique<counting_transport>(count);
  };
  sentry::init(o);
  for (int i = 0; i < state.range(0); ++i) sentry::set_tag("tag" + std::to_string(i), "value");
  for (int i = 0; i < state.range(1); ++i) {
    sentry::breadcrumb b;
    b.category = "volume";
    b.message = "breadcrumb " + std::to_string(i);
    b.data["index"] = i;
    sentry::add_breadcrumb(std::move(b));
  }
  int n = 0;
  for (auto _ : state) {
    for (int i = 0; i < batch; ++i) sentry::capture_message("message " + std::to_string(n++));
    sentry::flush(std::chrono::seconds(60));
  }
  sentry::close();
  state.counters["events"] = static_cast<double>(count.envelopes.load());
  state.counters["bytes_per_event"] =
      count.envelopes ? static_cast<double>(count.bytes.load()) / static_cast<double>(count.envelopes.load()) : 0;
  state.SetItemsProcessed(static_cast<std::int64_t>(count.envelopes.load()));
  sentry::isolation_scope().clear();
}
// Arguments: tags and breadcrumbs on the scope. 20 x 100 events: a fixed
// workload, so that instruction counts divide.
BENCHMARK(worker_pipeline)
    ->ArgNames({"tags", "breadcrumbs"})
    ->Args({0, 0})
    ->Args({5, 100})
    ->Iterations(20)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void gzip_counters(benchmark::State& state, const std::string& input, std::size_t bytes) {
  state.counters["bytes"] = static_cast<double>(bytes);
  state.counters["input_bytes"] = static_cast<double>(input.size());
  state.SetBytesProcessed(static_cast<std::int64_t>(input.size()) * state.iterations());
}

void gzip_envelope(benchmark::State& state) {
  const std::string envelope = sentry_bench::sample_envelope();
  sentry::detail::gzip_compressor compressor;
  std::size_t bytes = 0;
  for (auto _ : state) {
    const auto packed = compressor.compress(envelope);
    bytes = packed ? packed->size() : 0;
    benchmark::DoNotOptimize(packed);
  }
  if (bytes == 0) state.SkipWithError("gzip failed");
  gzip_counters(state, envelope, bytes);
}
BENCHMARK(gzip_envelope);

// What the worker did before: zlib's deflate at level 1 (memLevel 8, gzip
// wrapper), one stream kept and reset per body, output sized by deflateBound.
void reference_zlib_level1(benchmark::State& state) {
  const std::string envelope = sentry_bench::sample_envelope();
  z_stream zs{};
  if (deflateInit2(&zs, Z_BEST_SPEED, Z_DEFLATED, MAX_WBITS + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    state.SkipWithError("deflateInit2 failed");
    return;
  }
  std::size_t bytes = 0;
  for (auto _ : state) {
    deflateReset(&zs);
    std::string out(deflateBound(&zs, static_cast<uLong>(envelope.size())), '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(envelope.data()));
    zs.avail_in = static_cast<uInt>(envelope.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    if (deflate(&zs, Z_FINISH) != Z_STREAM_END) state.SkipWithError("deflate failed");
    out.resize(zs.total_out);
    bytes = out.size();
    benchmark::DoNotOptimize(out.data());
  }
  deflateEnd(&zs);
  gzip_counters(state, envelope, bytes);
}
BENCHMARK(reference_zlib_level1);

}  // namespace

BENCHMARK_MAIN();
