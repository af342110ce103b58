// The HTTP transport against real servers on 127.0.0.1 (PROTOCOL §1.3-§1.5,
// §4): what each server saw, byte for byte after gunzip, and what was counted.
#include "transport/http_transport.hpp"

#include <gtest/gtest.h>
#include <sys/socket.h>

#include <cstdlib>
#include <filesystem>

#include "loopback_servers.hpp"
#include "transport_fixture.hpp"

using namespace sentry_test;
using sentry::data_category;
using sentry::discard_reason;

namespace {

class HttpTransport : public ::testing::Test {
 protected:
  void SetUp() override {
    fx.opts.send_client_reports = false;  // client_report_transport_test.cpp covers them
  }
  transport_fixture fx;
};

auto soon() { return clock_type::now() + 3s; }

}  // namespace

TEST_F(HttpTransport, DeliversGzippedEnvelopeWithSentryHeadersOverOneConnection) {
  http_test_server server;
  fx.set_dsn(server.dsn());
  auto t = fx.make();
  ASSERT_TRUE(t);
  const auto first = event_envelope("first");
  const auto second = event_envelope("second");
  t->send(sentry::envelope(first));
  t->send(sentry::envelope(second));
  ASSERT_TRUE(server.wait_for(2, 5s));
  const auto requests = server.requests();
  for (const auto& r : requests) {
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.path, "/api/42/envelope/");
    EXPECT_EQ(r.header("X-Sentry-Auth"),
              "Sentry sentry_key=public, sentry_version=7, sentry_client=sentry.cpp/0.1.0");
    EXPECT_EQ(r.header("User-Agent"), "sentry.cpp/0.1.0");
    EXPECT_EQ(r.header("Content-Type"), "application/x-sentry-envelope");
    EXPECT_EQ(r.header("Content-Encoding"), "gzip");
    EXPECT_EQ(r.header("Expect"), "");
  }
  expect_envelope_bytes(requests[0].body, first);
  expect_envelope_bytes(requests[1].body, second);
  EXPECT_EQ(requests[0].remote_port, requests[1].remote_port);  // kept alive
  EXPECT_EQ(fx.discards.total_recorded(), 0u);
  EXPECT_TRUE(t->flush(soon()));
}

// send() returns once the request is written; the answer is read while the
// next envelope is prepared, and an envelope's request is written before the
// previous answer is applied (each still arrives once, in order).
TEST_F(HttpTransport, SendReturnsBeforeTheAnswerWhichIsReadByTheNextCall) {
  std::atomic<bool> release{false};
  std::atomic<int> answered{0};
  http_test_server server([&](const httplib::Request&, httplib::Response& res) {
    const auto until = clock_type::now() + 5s;
    while (!release && clock_type::now() < until) std::this_thread::sleep_for(1ms);
    res.status = 200;
    ++answered;
  });
  fx.set_dsn(server.dsn());
  auto t = fx.make();
  const auto first = event_envelope("first");
  const auto second = event_envelope("second");
  t->send(sentry::envelope(first));
  ASSERT_TRUE(server.wait_for(1, 5s));  // the request is on the server already
  EXPECT_EQ(answered.load(), 0);        // and send() did not wait for its answer
  release = true;
  t->send(sentry::envelope(second));
  t->on_drained();  // as the worker does when its queue runs empty
  EXPECT_EQ(answered.load(), 2);
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  expect_envelope_bytes(requests[0].body, first);
  expect_envelope_bytes(requests[1].body, second);
  EXPECT_EQ(requests[0].remote_port, requests[1].remote_port);
  EXPECT_EQ(fx.discards.total_recorded(), 0u);
  EXPECT_TRUE(t->flush(soon()));
}

namespace {

// Holds every request whose body contains `marker` until open() (bounded).
struct held_requests {
  std::string marker;
  std::atomic<bool> released{false};
  std::atomic<int> answered{0};       // every request
  std::atomic<int> answered_held{0};  // the held ones

  bool hold(const httplib::Request& req) {
    if (req.body.find(marker) == std::string::npos) return false;
    const auto until = clock_type::now() + 5s;
    while (!released && clock_type::now() < until) std::this_thread::sleep_for(1ms);
    return true;
  }
  // Answers `req` (after holding it when it is marked) with `status`.
  void answer(const httplib::Request& req, httplib::Response& res, int status) {
    const bool was_held = hold(req);
    res.status = status;
    if (was_held) ++answered_held;
    ++answered;
  }
};

}  // namespace

// After a clean 200, a second request goes out on a second connection while
// the server still holds the first one; each answer is applied, nothing lost.
TEST_F(HttpTransport, TwoRequestsAreInFlightAtOnceWhileTheServerAnswersOk) {
  held_requests held{"held"};
  std::atomic<int> held_answered_when_second_came{-1};
  http_test_server server([&](const httplib::Request& req, httplib::Response& res) {
    if (req.body.find("meanwhile") != std::string::npos)
      held_answered_when_second_came = held.answered_held.load();
    held.answer(req, res, 200);
  });
  fx.set_dsn(server.dsn());
  auto t = fx.make();
  t->send(event_envelope("warm up"));
  t->on_drained();  // a 200 without limits: requests may overlap from now on
  ASSERT_EQ(held.answered.load(), 1);
  const auto first = event_envelope("held by the server");
  const auto second = event_envelope("sent meanwhile");
  t->send(sentry::envelope(first));
  ASSERT_TRUE(server.wait_for(2, 5s));
  t->send(sentry::envelope(second));  // returns once written, the first still unanswered
  const auto until = clock_type::now() + 10s;  // past the hold: a serial client fails
  while (held_answered_when_second_came < 0 && clock_type::now() < until)
    std::this_thread::sleep_for(1ms);
  EXPECT_EQ(held_answered_when_second_came.load(), 0);  // both were on the server at once
  held.released = true;
  t->on_drained();
  EXPECT_EQ(held.answered.load(), 3);
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 3u);
  expect_envelope_bytes(requests[1].body, first);
  expect_envelope_bytes(requests[2].body, second);
  EXPECT_NE(requests[1].remote_port, requests[2].remote_port);  // two connections
  EXPECT_EQ(fx.discards.total_recorded(), 0u);
  EXPECT_TRUE(t->flush(soon()));
}

// With a single request allowed in flight, the second waits for the first
// answer and reuses its connection.
TEST_F(HttpTransport, OneRequestInFlightWhenSoTuned) {
  fx.tuning.max_requests_in_flight = 1;
  held_requests held{"held"};
  std::atomic<int> held_answered_when_third_came{-1};
  http_test_server server([&](const httplib::Request& req, httplib::Response& res) {
    if (req.body.find("after the answer") != std::string::npos)
      held_answered_when_third_came = held.answered_held.load();
    held.answer(req, res, 200);
  });
  fx.set_dsn(server.dsn());
  auto t = fx.make();
  t->send(event_envelope("warm up"));
  t->on_drained();
  t->send(event_envelope("held by the server"));
  ASSERT_TRUE(server.wait_for(2, 5s));
  held.released = true;
  t->send(event_envelope("after the answer"));  // once the held one is answered
  t->on_drained();
  EXPECT_EQ(held_answered_when_third_came.load(), 1);
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[1].remote_port, requests[2].remote_port);
  EXPECT_EQ(fx.discards.total_recorded(), 0u);
}

// Two requests in flight (at most two allowed); the first is answered 429
// with an error limit. The one already in flight is handled by its own answer
// (a 200: delivered); the envelope queued after them waits for the 429 and is
// dropped, counted.
TEST_F(HttpTransport, A429OnAnInFlightRequestStopsTheEnvelopesQueuedAfterIt) {
  fx.tuning.max_requests_in_flight = 2;
  held_requests held{"limited"};
  http_test_server server([&](const httplib::Request& req, httplib::Response& res) {
    const bool limited = req.body.find(held.marker) != std::string::npos;
    if (limited) res.set_header("X-Sentry-Rate-Limits", "60:error:key");
    held.answer(req, res, limited ? 429 : 200);
  });
  fx.set_dsn(server.dsn());
  auto t = fx.make();
  t->send(event_envelope("warm up"));
  t->on_drained();
  t->send(event_envelope("limited"));
  ASSERT_TRUE(server.wait_for(2, 5s));
  const auto in_flight = event_envelope("in flight when the 429 comes");
  t->send(sentry::envelope(in_flight));
  ASSERT_TRUE(server.wait_for(3, 5s));
  EXPECT_EQ(held.answered_held.load(), 0);
  held.released = true;
  t->send(event_envelope("queued after"));  // waits for the 429 first: dropped
  const auto logs = log_envelope(2);
  t->send(sentry::envelope(logs));  // another category: sent
  t->on_drained();
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 4u);
  expect_envelope_bytes(requests[2].body, in_flight);
  expect_envelope_bytes(requests[3].body, logs);
  for (const auto& r : requests) EXPECT_EQ(r.body.find("queued after"), std::string::npos);
  EXPECT_EQ(fx.discards.peek(discard_reason::ratelimit_backoff, data_category::error), 1u);
  EXPECT_EQ(fx.discards.total_recorded(), 1u);  // the 429'd one: Relay counted it
  EXPECT_TRUE(fx.logged(sentry::level::warning, "429"));
}

TEST_F(HttpTransport, RateLimitHeaderOn429DropsThatCategoryOnly) {
  http_test_server server(http_test_server::status(429, {{"X-Sentry-Rate-Limits", "60:error:key"}}));
  fx.set_dsn(server.dsn());
  auto t = fx.make();
  t->send(event_envelope("limited now"));
  ASSERT_TRUE(server.wait_for(1, 5s));
  server.set_responder(http_test_server::ok());
  t->send(event_envelope("dropped before sending"));
  const auto logs = log_envelope(2);
  t->send(sentry::envelope(logs));
  ASSERT_TRUE(server.wait_for(2, 5s));
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  expect_envelope_bytes(requests[1].body, logs);
  EXPECT_EQ(fx.discards.peek(discard_reason::ratelimit_backoff, data_category::error), 1u);
  // Relay counted the 429'd envelope itself: no send_error for it.
  EXPECT_EQ(fx.discards.peek(discard_reason::send_error, data_category::error), 0u);
}

TEST_F(HttpTransport, RateLimitHeaderOnSuccessAppliesToo) {
  http_test_server server(http_test_server::status(200, {{"X-Sentry-Rate-Limits", "60:log_item:key"}}));
  fx.set_dsn(server.dsn());
  auto t = fx.make();
  t->send(event_envelope("ok"));
  ASSERT_TRUE(server.wait_for(1, 5s));
  t->send(log_envelope(5));
  t->send(event_envelope("still ok"));
  ASSERT_TRUE(server.wait_for(2, 5s));
  EXPECT_EQ(server.count(), 2u);
  EXPECT_EQ(items_of(server.requests()[1].body).at(0).type, "event");
  EXPECT_EQ(fx.discards.peek(discard_reason::ratelimit_backoff, data_category::log_item), 5u);
  EXPECT_GT(fx.discards.peek(discard_reason::ratelimit_backoff, data_category::log_byte), 0u);
}

TEST_F(HttpTransport, RetryAfterOn429LimitsEveryCategory) {
  http_test_server server(http_test_server::status(429, {{"Retry-After", "120"}}));
  fx.set_dsn(server.dsn());
  auto t = fx.make();
  t->send(event_envelope("429"));
  ASSERT_TRUE(server.wait_for(1, 5s));
  t->send(log_envelope(1));
  t->send(event_envelope("also limited"));
  EXPECT_TRUE(t->flush(soon()));
  EXPECT_EQ(server.count(), 1u);
  EXPECT_EQ(fx.discards.peek(discard_reason::ratelimit_backoff, data_category::log_item), 1u);
  EXPECT_EQ(fx.discards.peek(discard_reason::ratelimit_backoff, data_category::error), 1u);
}

TEST_F(HttpTransport, Bare429LimitsEverythingForAMinute) {
  http_test_server server(http_test_server::status(429));
  fx.set_dsn(server.dsn());
  auto t = fx.make();
  t->send(event_envelope("429"));
  ASSERT_TRUE(server.wait_for(1, 5s));
  t->send(log_envelope(3));
  EXPECT_EQ(server.count(), 1u);
  EXPECT_EQ(fx.discards.peek(discard_reason::ratelimit_backoff, data_category::log_item), 3u);
  EXPECT_EQ(fx.discards.peek(discard_reason::send_error, data_category::error), 0u);
  EXPECT_TRUE(fx.logged(sentry::level::warning, "429"));
}

TEST_F(HttpTransport, TooLargeIsASendErrorNeverRetried) {
  http_test_server server(http_test_server::status(413));
  fx.set_dsn(server.dsn());
  auto t = fx.make();
  t->send(event_envelope("big"));
  ASSERT_TRUE(server.wait_for(1, 5s));
  EXPECT_TRUE(t->flush(soon()));
  t->on_idle();
  EXPECT_EQ(server.count(), 1u);
  EXPECT_EQ(fx.discards.peek(discard_reason::send_error, data_category::error), 1u);
  EXPECT_TRUE(fx.logged(sentry::level::error, "413"));
}

TEST_F(HttpTransport, ServerErrorIsASendErrorNeverRetried) {
  http_test_server server(http_test_server::status(500));
  fx.set_dsn(server.dsn());
  auto t = fx.make();
  t->send(log_envelope(4));
  ASSERT_TRUE(server.wait_for(1, 5s));
  EXPECT_TRUE(t->flush(soon()));
  t->on_idle();
  EXPECT_EQ(server.count(), 1u);
  EXPECT_EQ(fx.discards.peek(discard_reason::send_error, data_category::log_item), 4u);
  EXPECT_FALSE(fx.discards.peek(discard_reason::network_error, data_category::log_item));
}

TEST_F(HttpTransport, SlowAnswerPastTheTimeoutIsKeptAndResent) {
  std::atomic<int> calls{0};
  http_test_server server([&](const httplib::Request&, httplib::Response& res) {
    if (calls++ == 0) std::this_thread::sleep_for(1500ms);  // past http_timeout
    res.status = 200;
  });
  fx.opts.http_timeout = 300ms;
  fx.set_dsn(server.dsn());
  auto t = fx.make();
  const auto env = event_envelope("slow");
  t->send(sentry::envelope(env));
  t->on_drained();  // as the worker does when its queue runs empty
  EXPECT_EQ(fx.discards.total_recorded(), 0u);  // not given up: kept for a retry
  EXPECT_TRUE(fx.logged(sentry::level::warning, "kept"));
  ASSERT_TRUE(drive_idle(*t, [&] { return server.count() >= 2; }));
  const auto requests = server.requests();
  expect_envelope_bytes(requests[1].body, env);
  EXPECT_TRUE(t->flush(soon()));
}

TEST_F(HttpTransport, ConnectionRefusedIsCountedAsNetworkErrorWhenGivenUp) {
  fx.set_dsn("http://public@127.0.0.1:" + std::to_string(refused_port()) + "/42");
  auto t = fx.make();
  t->send(event_envelope("nobody listens"));
  t->send(log_envelope(2));  // while backing off: held, not attempted
  EXPECT_EQ(fx.discards.total_recorded(), 0u);
  EXPECT_FALSE(t->flush(soon()));
  t->close(soon());
  EXPECT_EQ(fx.discards.peek(discard_reason::network_error, data_category::error), 1u);
  EXPECT_EQ(fx.discards.peek(discard_reason::network_error, data_category::log_item), 2u);
}

TEST_F(HttpTransport, ResetInTheMiddleOfTheResponseIsANetworkFailure) {
  raw_test_server server([](int fd, const std::atomic<bool>& stop) {
    read_http_request(fd, stop);
    write_all(fd, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"id\":");
    linger reset{1, 0};  // close with RST
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
  });
  fx.set_dsn(server.dsn());
  auto t = fx.make();
  t->send(event_envelope("cut short"));
  t->on_drained();  // as the worker does when its queue runs empty
  EXPECT_EQ(server.accepted(), 1);
  EXPECT_EQ(fx.discards.total_recorded(), 0u);
  // Kept and retried (at least once delivery), then given up at close.
  ASSERT_TRUE(drive_idle(*t, [&] { return server.accepted() >= 2; }));
  t->close(clock_type::now());
  EXPECT_EQ(fx.discards.peek(discard_reason::network_error, data_category::error), 1u);
  EXPECT_EQ(fx.discards.peek(discard_reason::send_error, data_category::error), 0u);
}

TEST_F(HttpTransport, RecoversAfterAnOutageInOrder) {
  const int port = refused_port();  // nothing there yet
  fx.set_dsn("http://public@127.0.0.1:" + std::to_string(port) + "/42");
  auto t = fx.make();
  std::vector<sentry::envelope> sent;
  for (int i = 0; i < 3; ++i) {
    sent.push_back(event_envelope("during outage " + std::to_string(i)));
    t->send(sentry::envelope(sent.back()));
  }
  http_test_server server(http_test_server::ok(), port);  // back
  ASSERT_EQ(server.port(), port);
  ASSERT_TRUE(drive_idle(*t, [&] { return server.count() >= 3; }));
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 3u);
  for (int i = 0; i < 3; ++i) expect_envelope_bytes(requests[i].body, sent[i]);
  t->send(event_envelope("after"));
  t->on_drained();  // as the worker does when its queue runs empty
  EXPECT_EQ(server.count(), 4u);  // sent at once: no backoff left
  EXPECT_EQ(fx.discards.total_recorded(), 0u);
}

TEST_F(HttpTransport, GoesThroughTheConfiguredProxy) {
  http_test_server server;
  forwarding_proxy proxy;
  fx.opts.http_proxy = proxy.url();
  fx.set_dsn(server.dsn());
  auto t = fx.make();
  const auto env = event_envelope("via proxy");
  t->send(sentry::envelope(env));
  ASSERT_TRUE(server.wait_for(1, 5s));
  expect_envelope_bytes(server.requests()[0].body, env);
  ASSERT_EQ(proxy.request_lines().size(), 1u);
  EXPECT_EQ(proxy.request_lines()[0],
            "POST http://127.0.0.1:" + std::to_string(server.port()) + "/api/42/envelope/ HTTP/1.1");
  EXPECT_EQ(fx.discards.total_recorded(), 0u);
}

TEST_F(HttpTransport, StandardProxyVariableAppliesWhenTheOptionIsUnset) {
  http_test_server server;
  forwarding_proxy proxy;
  ::setenv("http_proxy", proxy.url().c_str(), 1);
  fx.set_dsn(server.dsn());
  auto t = fx.make();
  const auto env = event_envelope("via env proxy");
  t->send(sentry::envelope(env));
  ASSERT_TRUE(server.wait_for(1, 5s));
  expect_envelope_bytes(server.requests()[0].body, env);
  EXPECT_EQ(proxy.request_lines().size(), 1u);
}

TEST_F(HttpTransport, NoDsnAndNoSpotlightMeansNoTransport) {
  EXPECT_EQ(fx.make(), nullptr);
}

namespace {

// An HTTPS server on 127.0.0.1 with a self-signed certificate made for the
// test (openssl's command line); records the bodies it receives.
class tls_server {
 public:
  tls_server(const std::string& cert, const std::string& key) : server_(cert.c_str(), key.c_str()) {
    server_.Post(".*", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard<std::mutex> lock(mutex_);
      bodies_.push_back(req.body);
      res.status = 200;
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    for (int i = 0; i < 500 && !server_.is_running(); ++i) std::this_thread::sleep_for(2ms);
  }
  ~tls_server() {
    server_.stop();
    thread_.join();
  }
  bool valid() { return server_.is_valid() && port_ > 0; }
  std::string dsn() const { return "https://public@127.0.0.1:" + std::to_string(port_) + "/42"; }
  std::vector<std::string> bodies() {
    std::lock_guard<std::mutex> lock(mutex_);
    return bodies_;
  }

 private:
  httplib::SSLServer server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mutex_;
  std::vector<std::string> bodies_;
};

class HttpTransportTls : public HttpTransport {
 protected:
  void SetUp() override {
    HttpTransport::SetUp();
    dir = ::testing::TempDir() + "sentry_tls_" + std::to_string(::getpid());
    std::filesystem::create_directories(dir);
    const std::string command =
        "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 "
        "-addext subjectAltName=IP:127.0.0.1 -keyout " + dir + "/key.pem -out " + dir +
        "/cert.pem > " + dir + "/openssl.log 2>&1";
    if (std::system(command.c_str()) != 0) GTEST_SKIP() << "openssl could not make a certificate";
  }
  void TearDown() override {
    std::filesystem::remove_all(dir);
    HttpTransport::TearDown();
  }
  std::string dir;
};

}  // namespace

TEST_F(HttpTransportTls, AnUntrustedCertificateIsRefusedAndTheEnvelopeKept) {
  tls_server server(dir + "/cert.pem", dir + "/key.pem");
  ASSERT_TRUE(server.valid());
  fx.set_dsn(server.dsn());
  auto t = fx.make();
  t->send(event_envelope("to an impostor"));
  t->on_drained();  // as the worker does when its queue runs empty
  EXPECT_TRUE(server.bodies().empty());
  EXPECT_TRUE(fx.logged(sentry::level::warning, "certificate"));
  EXPECT_TRUE(fx.logged(sentry::level::warning, "kept"));
  t->close(clock_type::now());
  EXPECT_EQ(fx.discards.peek(discard_reason::network_error, data_category::error), 1u);
}

TEST_F(HttpTransportTls, CaCertsOptionTrustsTheGivenBundle) {
  tls_server server(dir + "/cert.pem", dir + "/key.pem");
  ASSERT_TRUE(server.valid());
  fx.opts.ca_certs = dir + "/cert.pem";
  fx.set_dsn(server.dsn());
  auto t = fx.make();
  const auto env = event_envelope("over TLS");
  t->send(sentry::envelope(env));
  t->on_drained();  // as the worker does when its queue runs empty
  const auto bodies = server.bodies();
  ASSERT_EQ(bodies.size(), 1u);
  expect_envelope_bytes(bodies[0], env);
  EXPECT_EQ(fx.discards.total_recorded(), 0u);
}
