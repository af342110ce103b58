// The whole SDK with its default HTTP transport against servers on
// 127.0.0.1 (issue 3), each figure beside a reference of the same run:
//
//   deliver_events           events per second from capture to a server's
//                            200, 10,000 events (5 tags, 10 breadcrumbs);
//                            also the CPU time per event of the SDK's own
//                            threads (worker and sender), in all and of the
//                            busiest one: figures that a busy machine
//                            disturbs less than the rate; and the CPU time
//                            per event of the capturing thread and of the
//                            loopback server, which share the machine's cores
//     vs reference_curl_post   the same number of bare libcurl POSTs of one
//                              ready gzipped envelope over one connection,
//                              with the CPU time per POST of the client and
//                              of the server
//   deliver_events_slow_server  the same for 1,000 events to a server that
//                            takes 1 ms per answer: what overlapping requests
//                            (more than one in flight) buy on a real network
//     vs reference_curl_post_slow_server  bare libcurl, one POST at a time
//   peak_rss_dead_server     peak RSS (MB) while 10,000 events are captured
//                            against a server that never answers; every
//                            event must be counted as dropped at the end
//     vs reference_unbounded_queue  the same 10,000 events held in a deque
//   deliver_log_burst        100,000 structured logs (sentry::logger::info with
//                            a template and a parameter) logged as fast as one
//                            thread can, default queue bounds, to a healthy
//                            server: the caller's ns per log, logs per second
//                            delivered, and the share dropped (every drop is
//                            counted: log_item discards)
//   close_idle               close() with nothing queued (live server)
//     vs reference_thread_join       joining an idle thread
//   close_unresponsive_queue close() with 1,000 events queued, a server that
//                            never answers, shutdown_timeout 200 ms
//   close_refused_queue      the same with connections refused
//     vs reference_shutdown_timeout  sleeping for the shutdown_timeout
//
// Anchors and targets: bench/anchors.json; tools/bench prints them.
#include <benchmark/benchmark.h>
#include <curl/curl.h>
#include <malloc.h>
#include <netinet/in.h>
#include <poll.h>
#include <sentry/logs.hpp>
#include <sentry/sentry.hpp>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "sample_envelope.hpp"
#include "transport/gzip.hpp"

namespace {

using namespace std::chrono_literals;
using namespace sentry_bench;

constexpr int events_per_run = 10000;

// A minimal HTTP/1.1 server on 127.0.0.1: one thread per connection, keeps
// connections alive, answers every POST with 200 (or never, when `answer` is
// false), after `delay`. Cheap, so that what is measured is the client side.
class loopback_server {
 public:
  explicit loopback_server(bool answer, std::chrono::microseconds delay = {})
      : answer_(answer), delay_(delay) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::listen(fd_, 64);
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    acceptor_ = std::thread([this] { accept_loop(); });
  }
  ~loopback_server() {
    stop_ = true;
    acceptor_.join();
    for (auto& t : connections_) t.join();
    ::close(fd_);
  }
  std::string dsn() const { return "http://public@127.0.0.1:" + std::to_string(port_) + "/1"; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/api/1/envelope/"; }
  long requests() const { return requests_.load(); }

 private:
  void accept_loop() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      const int c = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (c >= 0) {
        connections_.emplace_back([this, c] {
          pthread_setname_np(pthread_self(), "loopback-srv");  // its CPU is counted apart
          serve(c);
        });
      }
    }
  }
  // Reads requests (headers, then Content-Length bytes) and answers each.
  void serve(int c) {
    std::string data;
    char buf[65536];
    while (!stop_) {
      const auto end = data.find("\r\n\r\n");
      if (end != std::string::npos) {
        std::size_t length = 0;
        for (std::size_t at = 0; at < end;) {
          const auto eol = data.find("\r\n", at);
          if (strncasecmp(data.c_str() + at, "content-length:", 15) == 0)
            length = std::strtoul(data.c_str() + at + 15, nullptr, 10);
          at = eol + 2;
        }
        if (data.size() >= end + 4 + length) {
          data.erase(0, end + 4 + length);
          ++requests_;
          if (answer_) {
            if (delay_.count() > 0) std::this_thread::sleep_for(delay_);
            static const char ok[] = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}";
            if (::send(c, ok, sizeof ok - 1, MSG_NOSIGNAL) < 0) break;
          }
          continue;
        }
      }
      pollfd p{c, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      const ssize_t n = ::recv(c, buf, sizeof buf, 0);
      if (n <= 0) break;
      data.append(buf, static_cast<std::size_t>(n));
    }
    ::close(c);
  }

  bool answer_;
  std::chrono::microseconds delay_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<long> requests_{0};
  std::thread acceptor_;
  std::vector<std::thread> connections_;
};

// A port on which nothing listens.
int refused_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

// CPU time (ns) so far of each thread of this process whose name starts with
// `prefix` ("sentry-": the SDK's worker and sender; "loopback-srv": the
// server's), by thread id, from /proc/self/task/*/schedstat.
std::map<std::string, double> thread_cpu_ns(const std::string& prefix) {
  std::map<std::string, double> out;
  std::error_code ec;
  for (const auto& task : std::filesystem::directory_iterator("/proc/self/task", ec)) {
    std::ifstream comm(task.path() / "comm");
    std::string name;
    std::getline(comm, name);
    if (name.rfind(prefix, 0) != 0) continue;
    std::ifstream schedstat(task.path() / "schedstat");
    double ns = 0;
    if (schedstat >> ns) out[task.path().filename().string()] = ns;
  }
  return out;
}

// CPU time (ns) so far of the calling thread.
double this_thread_cpu_ns() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e9 + static_cast<double>(t.tv_nsec);
}

// What the threads spent between two thread_cpu_ns() readings.
struct sdk_cpu {
  double total_ns = 0;
  double busiest_ns = 0;  // the thread that spent most
};

sdk_cpu sdk_cpu_between(const std::map<std::string, double>& before,
                        const std::map<std::string, double>& after) {
  sdk_cpu spent;
  for (const auto& [tid, ns] : after) {
    const auto it = before.find(tid);
    const double delta = ns - (it == before.end() ? 0 : it->second);
    spent.total_ns += delta;
    spent.busiest_ns = std::max(spent.busiest_ns, delta);
  }
  return spent;
}

void deliver(benchmark::State& state, int events, std::chrono::microseconds answer_delay) {
  loopback_server server(true, answer_delay);
  long delivered = 0;
  double sdk_ns = 0, busiest_ns = 0, caller_ns = 0, server_ns = 0;
  for (auto _ : state) {
    state.PauseTiming();
    sentry::options o = options_for(server.dsn());
    o.max_queue_size = static_cast<std::size_t>(events);  // the whole burst waits; none is refused
    o.max_queue_bytes = 512u << 20;
    sentry::init(o);
    fill_scope();
    const long before = server.requests();
    const auto sdk_before = thread_cpu_ns("sentry-");
    const auto server_before = thread_cpu_ns("loopback-srv");
    const double caller_before = this_thread_cpu_ns();
    state.ResumeTiming();
    for (int i = 0; i < events; ++i) sentry::capture_message("payment failed for order 1234", sentry::level::error);
    sentry::flush(120s);
    state.PauseTiming();
    caller_ns += this_thread_cpu_ns() - caller_before;
    const sdk_cpu spent = sdk_cpu_between(sdk_before, thread_cpu_ns("sentry-"));
    sdk_ns += spent.total_ns;
    busiest_ns += spent.busiest_ns;
    server_ns += sdk_cpu_between(server_before, thread_cpu_ns("loopback-srv")).total_ns;
    delivered += server.requests() - before;
    const auto dropped = sentry::discards()->total_recorded();
    sentry::close();
    clear_scope();
    state.ResumeTiming();
    if (dropped) state.SkipWithError("events were dropped");
  }
  if (delivered != static_cast<long>(state.iterations()) * events)
    state.SkipWithError("the server did not receive every event");
  state.counters["events_per_second"] = benchmark::Counter(static_cast<double>(delivered), benchmark::Counter::kIsRate);
  const double all_events = static_cast<double>(state.iterations()) * events;
  state.counters["sdk_cpu_us_per_event"] = sdk_ns / 1e3 / all_events;
  state.counters["busiest_sdk_thread_us_per_event"] = busiest_ns / 1e3 / all_events;
  // The rest of the machine's work per event: the capturing thread's, and
  // the loopback server's (which a real deployment does not run).
  state.counters["caller_cpu_us_per_event"] = caller_ns / 1e3 / all_events;
  state.counters["server_cpu_us_per_event"] = server_ns / 1e3 / all_events;
}

constexpr int slow_server_events = 1000;
constexpr auto slow_server_delay = std::chrono::microseconds(1000);

void deliver_events(benchmark::State& state) { deliver(state, events_per_run, {}); }

void deliver_events_slow_server(benchmark::State& state) {
  deliver(state, slow_server_events, slow_server_delay);
}

constexpr int logs_per_burst = 100000;

// Logs discarded for any reason (client reports off, so nothing resets them).
std::uint64_t dropped_logs(const sentry::discard_counter* discards) {
  std::uint64_t n = 0;
  for (int r = 0; r < static_cast<int>(sentry::discard_reason::count_); ++r)
    n += discards->peek(static_cast<sentry::discard_reason>(r), sentry::data_category::log_item);
  return n;
}

void deliver_log_burst(benchmark::State& state) {
  loopback_server server(true);
  double caller_ns = 0, dropped = 0, seconds = 0;
  for (auto _ : state) {
    sentry::options o = options_for(server.dsn());
    o.enable_logs = true;
    o.send_client_reports = false;
    sentry::init(o);
    const long before = server.requests();
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < logs_per_burst; ++i) sentry::logger::info("cart loaded with {} items", i);
    const auto logged = std::chrono::steady_clock::now();
    sentry::flush(120s);
    const auto done = std::chrono::steady_clock::now();
    const std::uint64_t lost = dropped_logs(sentry::discards());
    const long requests = server.requests() - before;
    sentry::close();
    caller_ns += std::chrono::duration<double, std::nano>(logged - start).count() / logs_per_burst;
    seconds += std::chrono::duration<double>(done - start).count();
    dropped += static_cast<double>(lost);
    // Batches of at most 100: fewer requests than that means logs went missing uncounted.
    if (requests * 100 < static_cast<long>(logs_per_burst - lost))
      state.SkipWithError("the server received fewer logs than were kept");
  }
  const double runs = static_cast<double>(state.iterations());
  state.counters["caller_ns_per_log"] = caller_ns / runs;
  state.counters["logs_per_second"] = (logs_per_burst * runs - dropped) / seconds;
  state.counters["dropped_percent"] = 100.0 * dropped / (logs_per_burst * runs);
}

void curl_posts(benchmark::State& state, int posts, std::chrono::microseconds answer_delay) {
  loopback_server server(true, answer_delay);
  // The envelope deliver_events sends, gzipped once: the least any transport
  // must do per event is one such POST.
  const std::string body = sentry::detail::gzip(sample_envelope()).value_or(std::string());
  CURL* h = curl_easy_init();
  curl_slist* headers = nullptr;
  for (const char* line : {"Content-Type: application/x-sentry-envelope", "Content-Encoding: gzip", "Expect:"})
    headers = curl_slist_append(headers, line);
  const std::string url = server.url();
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, +[](char*, size_t s, size_t n, void*) { return s * n; });
  curl_easy_setopt(h, CURLOPT_PROXY, "");
  long delivered = 0;
  double client_ns = 0, server_ns = 0;
  for (auto _ : state) {
    const auto server_before = thread_cpu_ns("loopback-srv");
    const double client_before = this_thread_cpu_ns();
    for (int i = 0; i < posts; ++i) {
      if (curl_easy_perform(h) == CURLE_OK) ++delivered;
    }
    client_ns += this_thread_cpu_ns() - client_before;
    server_ns += sdk_cpu_between(server_before, thread_cpu_ns("loopback-srv")).total_ns;
  }
  curl_slist_free_all(headers);
  curl_easy_cleanup(h);
  if (delivered != static_cast<long>(state.iterations()) * posts)
    state.SkipWithError("a POST failed");
  state.counters["events_per_second"] = benchmark::Counter(static_cast<double>(delivered), benchmark::Counter::kIsRate);
  const double all_posts = static_cast<double>(state.iterations()) * posts;
  state.counters["client_cpu_us_per_post"] = client_ns / 1e3 / all_posts;
  state.counters["server_cpu_us_per_post"] = server_ns / 1e3 / all_posts;
}

void reference_curl_post(benchmark::State& state) { curl_posts(state, events_per_run, {}); }

void reference_curl_post_slow_server(benchmark::State& state) {
  curl_posts(state, slow_server_events, slow_server_delay);
}

// Resident memory, from /proc/self/status (kB); "VmHWM" is the peak.
long status_kb(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  const std::size_t n = std::strlen(field);
  while (std::getline(in, line)) {
    if (line.compare(0, n, field) == 0 && line.size() > n && line[n] == ':')
      return std::strtol(line.c_str() + n + 1, nullptr, 10);
  }
  return -1;
}

// Peak RSS from here on: gives freed memory back, resets the high-water mark
// (clear_refs 5) and, where that is refused, samples VmRSS every millisecond.
class peak_rss {
 public:
  peak_rss() {
    malloc_trim(0);
    std::ofstream("/proc/self/clear_refs") << "5";
    sampler_ = std::thread([this] {
      while (!stop_) {
        const long kb = status_kb("VmRSS");
        if (kb > max_kb_) max_kb_ = kb;
        std::this_thread::sleep_for(1ms);
      }
    });
  }
  double megabytes() {
    stop_ = true;
    sampler_.join();
    return static_cast<double>(std::max(max_kb_.load(), status_kb("VmHWM"))) / 1024.0;
  }

 private:
  std::atomic<bool> stop_{false};
  std::atomic<long> max_kb_{0};
  std::thread sampler_;
};

void peak_rss_dead_server(benchmark::State& state) {
  double peak = 0;
  for (auto _ : state) {
    loopback_server never_answers(false);
    peak_rss rss;
    sentry::init(options_for(never_answers.dsn()));  // default queue bounds and timeouts
    fill_scope();
    const sentry::discard_counter* discards = sentry::discards();
    for (int i = 0; i < events_per_run; ++i) sentry::capture_message("payment failed for order 1234", sentry::level::error);
    sentry::close(100ms);
    peak = std::max(peak, rss.megabytes());
    clear_scope();
    if (discards->total_recorded() != static_cast<std::uint64_t>(events_per_run))
      state.SkipWithError("not every undelivered event was counted");
  }
  state.counters["peak_rss_mb"] = peak;
}

// What an unbounded queue holds for the same burst: the events themselves,
// each with its tags and breadcrumbs.
void reference_unbounded_queue(benchmark::State& state) {
  double peak = 0;
  for (auto _ : state) {
    peak_rss rss;
    std::deque<sentry::event> queue;
    for (int i = 0; i < events_per_run; ++i) {
      sentry::event e;
      e.message = sentry::logentry{};
      e.message->formatted = "payment failed for order 1234";
      for (int t = 0; t < 5; ++t) e.tags["tag" + std::to_string(t)] = "value" + std::to_string(t);
      for (int b = 0; b < 10; ++b) e.breadcrumbs.push_back(make_crumb(b));
      queue.push_back(std::move(e));
    }
    peak = std::max(peak, rss.megabytes());
    benchmark::DoNotOptimize(queue.size());
  }
  state.counters["peak_rss_mb"] = peak;
}

void close_idle(benchmark::State& state) {
  loopback_server server(true);
  for (auto _ : state) {
    state.PauseTiming();
    sentry::init(options_for(server.dsn()));
    state.ResumeTiming();
    sentry::close();
  }
}

void reference_thread_join(benchmark::State& state) {
  for (auto _ : state) {
    state.PauseTiming();
    std::thread idle([] { benchmark::ClobberMemory(); });
    state.ResumeTiming();
    idle.join();
  }
}

constexpr auto bench_shutdown_timeout = 200ms;

void close_with_queue(benchmark::State& state, const std::string& dsn) {
  for (auto _ : state) {
    state.PauseTiming();
    sentry::options o = options_for(dsn);
    o.shutdown_timeout = bench_shutdown_timeout;
    sentry::init(o);
    for (int i = 0; i < 1000; ++i) sentry::capture_message("queued", sentry::level::error);
    state.ResumeTiming();
    sentry::close();
  }
}

void close_unresponsive_queue(benchmark::State& state) {
  loopback_server never_answers(false);
  close_with_queue(state, never_answers.dsn());
}

void close_refused_queue(benchmark::State& state) {
  close_with_queue(state, "http://public@127.0.0.1:" + std::to_string(refused_port()) + "/1");
}

void reference_shutdown_timeout(benchmark::State& state) {
  for (auto _ : state) std::this_thread::sleep_for(bench_shutdown_timeout);
}

}  // namespace

BENCHMARK(peak_rss_dead_server)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(reference_unbounded_queue)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(deliver_events)->Iterations(3)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(reference_curl_post)->Iterations(3)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(deliver_events_slow_server)->Iterations(3)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(reference_curl_post_slow_server)->Iterations(3)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(deliver_log_burst)->Iterations(3)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(close_idle)->Iterations(200)->UseRealTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(reference_thread_join)->Iterations(200)->UseRealTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(close_unresponsive_queue)->Iterations(3)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(close_refused_queue)->Iterations(3)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(reference_shutdown_timeout)->Iterations(3)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
