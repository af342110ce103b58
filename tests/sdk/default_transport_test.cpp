// The whole SDK with its default transport (no options::transport): what
// sentry::init/capture/flush/close put on the wire of servers on 127.0.0.1,
// a Sentry stand-in and a Spotlight stand-in, and what close() does with a
// server that does not answer (PROTOCOL §1, §5, §9.2, §9.3).
#include <gtest/gtest.h>

#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <stdexcept>

#include "clean_environment.hpp"
#include "loopback_servers.hpp"
#include "sdk_fixture.hpp"
#include "sentry/sentry.hpp"
#include "test_folder.hpp"
#include "transport_fixture.hpp"

using namespace sentry_test;
using sentry::data_category;
using sentry::discard_reason;
using strings = std::vector<std::string>;
namespace fs = std::filesystem;

namespace {

// Holds every request until released (or until the test ends).
class gate {
 public:
  http_test_server::responder responder() {
    return [this](const httplib::Request&, httplib::Response& res) {
      std::unique_lock<std::mutex> lock(mutex_);
      ++waiting_;
      cv_.notify_all();
      cv_.wait_for(lock, 20s, [&] { return open_; });
      res.status = 200;
    };
  }
  bool wait_until_held(std::chrono::milliseconds timeout) {
    std::unique_lock<std::mutex> lock(mutex_);
    return cv_.wait_for(lock, timeout, [&] { return waiting_ > 0; });
  }
  void open() {
    std::lock_guard<std::mutex> lock(mutex_);
    open_ = true;
    cv_.notify_all();
  }
  ~gate() { open(); }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  int waiting_ = 0;
  bool open_ = false;
};

class DefaultTransport : public ::testing::Test {
 protected:
  void SetUp() override {
    cache = test_folder("sentry_default_transport_");
    fs::remove_all(cache);
  }
  void TearDown() override {
    sentry::close(5s);
    fs::remove_all(cache);
  }

  sentry::options base(const std::string& dsn) {
    sentry::options o;
    o.dsn = dsn;
    o.release = "default-transport-test@1";
    o.include_source_context = false;
    o.debug = true;
    o.diagnostic_logger = [this](sentry::level, std::string_view m) { diag.add(sentry::level::debug, m); };
    return o;
  }

  std::size_t cached() const {
    std::size_t n = 0;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(cache, ec)) n += e.path().extension() == ".envelope";
    return n;
  }

  std::string cache;
  diagnostics_log diag;

 private:
  clean_environment environment_;  // no proxies, no Spotlight, no SENTRY_DSN
};

std::string stream_url(const http_test_server& s) {
  return "http://127.0.0.1:" + std::to_string(s.port()) + "/stream";
}

// The event payload of received envelope bytes (null when there is none).
sentry::value event_of(const std::string& body) {
  for (const auto& item : items_of(body)) {
    if (item.type == "event") {
      if (auto v = sentry::value::parse_json(item.payload)) return *v;
    }
  }
  return {};
}

std::string field(const sentry::value& v, const char* key) {
  const auto* o = v.as_object();
  if (!o) return {};
  const auto it = o->find(key);
  return it != o->end() && it->second.as_string() ? *it->second.as_string() : std::string();
}

std::string envelope_header(const std::string& body, const char* key) {
  const auto header = sentry::value::parse_json(body.substr(0, body.find('\n')));
  return header ? field(*header, key) : std::string();
}

// Every client report entry in every request, summed per reason/category.
strings reports_of(const std::vector<received_request>& requests) {
  std::map<std::string, long long> sums;
  for (const auto& r : requests) {
    for (const auto& entry : client_report_of(r.body)) {
      const auto eq = entry.find('=');
      sums[entry.substr(0, eq)] += std::stoll(entry.substr(eq + 1));
    }
  }
  strings out;
  for (const auto& [k, v] : sums) out.push_back(k + "=" + std::to_string(v));
  return out;
}

}  // namespace

TEST_F(DefaultTransport, InitWithADsnDeliversGzippedEnvelopesWithSentryHeaders) {
  http_test_server server;
  ASSERT_TRUE(sentry::init(base(server.dsn())));
  const sentry::uuid message_id = sentry::capture_message("checkout failed", sentry::level::error);
  sentry::uuid exception_id;
  try {
    throw std::runtime_error("payment declined");
  } catch (...) {
    exception_id = sentry::capture_exception(std::current_exception());
  }
  ASSERT_TRUE(sentry::flush(10s));
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  for (const auto& r : requests) {
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.path, "/api/42/envelope/");
    EXPECT_EQ(r.header("X-Sentry-Auth"),
              "Sentry sentry_key=public, sentry_version=7, sentry_client=sentry.cpp/0.1.0");
    EXPECT_EQ(r.header("User-Agent"), "sentry.cpp/0.1.0");
    EXPECT_EQ(r.header("Content-Type"), "application/x-sentry-envelope");
    EXPECT_EQ(r.header("Content-Encoding"), "gzip");
    EXPECT_EQ(r.header("Expect"), "");
    EXPECT_EQ(envelope_header(r.body, "dsn"), server.dsn());
    EXPECT_FALSE(sent_at_of(r.body).empty());
  }
  EXPECT_EQ(requests[0].remote_port, requests[1].remote_port);  // one kept-alive connection
  const auto first = event_of(requests[0].body);
  const auto second = event_of(requests[1].body);
  EXPECT_EQ(envelope_header(requests[0].body, "event_id"), message_id.to_string());
  EXPECT_EQ(field(first, "event_id"), message_id.to_string());
  EXPECT_EQ(field(first, "release"), "default-transport-test@1");
  EXPECT_NE(requests[0].body.find("checkout failed"), std::string::npos);
  EXPECT_EQ(field(second, "event_id"), exception_id.to_string());
  EXPECT_NE(requests[1].body.find("payment declined"), std::string::npos);
  EXPECT_EQ(sentry::discards()->total_recorded(), 0u);
}

TEST_F(DefaultTransport, SpotlightAloneWithoutADsnReceivesEveryEnvelopeUncompressed) {
  http_test_server spotlight;
  sentry::options o = base("");
  o.spotlight = stream_url(spotlight);
  ASSERT_TRUE(sentry::init(std::move(o)));
  const sentry::uuid id = sentry::capture_message("to spotlight only", sentry::level::warning);
  ASSERT_FALSE(id.is_nil());
  ASSERT_TRUE(sentry::flush(10s));
  const auto requests = spotlight.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].path, "/stream");
  EXPECT_EQ(requests[0].header("Content-Type"), "application/x-sentry-envelope");
  EXPECT_EQ(requests[0].header("Content-Encoding"), "");
  EXPECT_EQ(requests[0].header("X-Sentry-Auth"), "");
  EXPECT_EQ(field(event_of(requests[0].body), "event_id"), id.to_string());
  EXPECT_EQ(envelope_header(requests[0].body, "dsn"), "");
}

TEST_F(DefaultTransport, SpotlightFromTheEnvironmentGetsACopyBesideSentry) {
  http_test_server server;
  http_test_server spotlight;
  ::setenv("SENTRY_SPOTLIGHT", stream_url(spotlight).c_str(), 1);
  ASSERT_TRUE(sentry::init(base(server.dsn())));
  const sentry::uuid id = sentry::capture_message("to both");
  ASSERT_TRUE(sentry::flush(10s));
  ASSERT_EQ(server.count(), 1u);
  ASSERT_EQ(spotlight.count(), 1u);
  EXPECT_EQ(field(event_of(server.requests()[0].body), "event_id"), id.to_string());
  EXPECT_EQ(field(event_of(spotlight.requests()[0].body), "event_id"), id.to_string());
}

TEST_F(DefaultTransport, ClientReportCountsSamplingAndBeforeSendDrops) {
  http_test_server server;
  sentry::options o = base(server.dsn());
  o.sample_rate = 0.0;
  ASSERT_TRUE(sentry::init(o));
  for (int i = 0; i < 3; ++i) sentry::capture_message("sampled out");
  sentry::close(5s);  // nothing else to carry it: the report goes alone
  EXPECT_EQ(reports_of(server.requests()), (strings{"sample_rate/error=3"}));

  o.sample_rate = 1.0;
  o.before_send = [](sentry::event& e) { return e.message->formatted != "dropped"; };
  ASSERT_TRUE(sentry::init(o));
  sentry::capture_message("dropped");
  sentry::capture_message("dropped");
  ASSERT_TRUE(sentry::flush(10s));
  sentry::capture_message("kept");  // carries the report of the two before it
  ASSERT_TRUE(sentry::flush(10s));
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_NE(requests[1].body.find("kept"), std::string::npos);
  EXPECT_EQ(client_report_of(requests[1].body), (strings{"before_send/error=2"}));
}

TEST_F(DefaultTransport, ClientReportCountsQueueOverflow) {
  http_test_server server;
  std::mutex mutex;
  std::condition_variable cv;
  bool inside = false, release = false;
  sentry::options o = base(server.dsn());
  o.max_queue_size = 1;
  o.before_send = [&](sentry::event&) {  // holds the worker on the first event
    std::unique_lock<std::mutex> lock(mutex);
    inside = true;
    cv.notify_all();
    cv.wait_for(lock, 10s, [&] { return release; });
    return true;
  };
  ASSERT_TRUE(sentry::init(o));
  sentry::capture_message("taken by the worker");
  {
    std::unique_lock<std::mutex> lock(mutex);
    ASSERT_TRUE(cv.wait_for(lock, 10s, [&] { return inside; }));
  }
  sentry::capture_message("queued");
  sentry::capture_message("overflow 1");
  sentry::capture_message("overflow 2");
  {
    std::lock_guard<std::mutex> lock(mutex);
    release = true;
  }
  cv.notify_all();
  ASSERT_TRUE(sentry::flush(10s));
  sentry::close(5s);
  const auto requests = server.requests();
  ASSERT_GE(requests.size(), 2u);
  EXPECT_NE(requests[0].body.find("taken by the worker"), std::string::npos);
  EXPECT_NE(requests[1].body.find("queued"), std::string::npos);
  EXPECT_EQ(reports_of(requests), (strings{"queue_overflow/error=2"}));
}

// A server that holds the request: close() returns at shutdown_timeout (plus
// the abort), and what was not delivered is in the cache before it returns;
// the next init sends it, 100 ms apart.
TEST_F(DefaultTransport, CloseAbortsASlowServerAndCachesWhatIsLeftForTheNextInit) {
  gate held;
  http_test_server slow(held.responder());
  sentry::options o = base(slow.dsn());
  o.cache_path = cache;
  o.shutdown_timeout = 300ms;
  ASSERT_TRUE(sentry::init(o));
  const sentry::discard_counter* discards = sentry::discards();
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) ids.push_back(sentry::capture_message("pending " + std::to_string(i)).to_string());
  ASSERT_TRUE(held.wait_until_held(10s));
  sentry::close();
  // Nothing is left to the worker: every envelope is on disk, none dropped.
  EXPECT_EQ(cached(), 3u);
  EXPECT_EQ(discards->total_recorded(), 0u);
  held.open();

  std::mutex mutex;
  std::vector<clock_type::time_point> arrivals;
  http_test_server server([&](const httplib::Request&, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(mutex);
    arrivals.push_back(clock_type::now());
    res.status = 200;
  });
  o.dsn = server.dsn();
  ASSERT_TRUE(sentry::init(o));
  ASSERT_TRUE(server.wait_for(3, 10s));
  const auto requests = server.requests();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(envelope_header(requests[i].body, "event_id"), ids[i]) << i;
  {
    std::lock_guard<std::mutex> lock(mutex);
    for (std::size_t i = 1; i < arrivals.size(); ++i) EXPECT_GE(arrivals[i] - arrivals[i - 1], 90ms);
  }
  ASSERT_TRUE(sentry::flush(10s));
  EXPECT_EQ(cached(), 0u);
}

// Without a cache, close() still returns at the deadline and counts what it
// could not deliver.
TEST_F(DefaultTransport, CloseAbortsASlowServerAndCountsWhatIsLeftWithoutACache) {
  gate held;
  http_test_server slow(held.responder());
  sentry::options o = base(slow.dsn());
  o.shutdown_timeout = 300ms;
  o.send_client_reports = false;
  ASSERT_TRUE(sentry::init(o));
  const sentry::discard_counter* discards = sentry::discards();
  for (int i = 0; i < 3; ++i) sentry::capture_message("pending");
  ASSERT_TRUE(held.wait_until_held(10s));
  sentry::close();
  EXPECT_EQ(discards->peek(discard_reason::network_error, data_category::error) +
                discards->peek(discard_reason::queue_overflow, data_category::error),
            3u);
  EXPECT_TRUE(diag.contains("shutdown_timeout passed"));
  held.open();
}

