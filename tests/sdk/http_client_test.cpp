// The HTTP client's own thread (transport/http_client.hpp) against real
// sockets on 127.0.0.1: start() hands the request over and returns before
// the server has read a byte of it; cancelling ends every exchange in
// flight; destroying the client with an exchange in flight does not wait
// for the request's timeout.
#include "transport/http_client.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <string>

#include "loopback_servers.hpp"

using namespace sentry_test;
using namespace std::chrono_literals;
using sentry::detail::http_client;
using sentry::detail::http_request;
using sentry::detail::http_response;

namespace {

http_request post_to(const raw_test_server& server, std::string_view body,
                     std::chrono::milliseconds timeout) {
  http_request request;
  request.url = "http://127.0.0.1:" + std::to_string(server.port()) + "/api/42/envelope/";
  request.body = body;
  request.connect_timeout = timeout;
  request.timeout = timeout;
  request.proxy = std::string();  // no proxy from the environment
  return request;
}

const char ok_answer[] = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}";

}  // namespace

// A body far larger than the sockets' buffers: writing it takes as long as
// the server takes to read it. start() must not wait for that.
TEST(HttpClient, StartReturnsBeforeTheServerHasReadTheRequest) {
  std::promise<void> go;
  std::shared_future<void> read_now = go.get_future().share();
  std::atomic<std::size_t> read{0};
  raw_test_server server([&](int fd, const std::atomic<bool>& stop) {
    read_now.wait_for(10s);
    const std::string request = read_http_request(fd, stop);
    read = request.size();
    write_all(fd, ok_answer);
    read_http_request(fd, stop, 2s);  // until the client goes
  });
  const std::string body(64u << 20, 'x');
  http_client client;
  const auto ticket = client.start(post_to(server, body, 5000ms));
  ASSERT_NE(ticket, http_client::no_ticket);
  EXPECT_FALSE(client.ended(ticket));
  EXPECT_EQ(read.load(), 0u);
  go.set_value();
  const http_response response = client.finish(ticket);
  EXPECT_EQ(response.result, http_response::outcome::response) << response.error;
  EXPECT_EQ(response.status, 200);
  EXPECT_GT(read.load(), body.size());
}

TEST(HttpClient, CancelEndsEveryExchangeInFlight) {
  raw_test_server server([](int fd, const std::atomic<bool>& stop) {
    read_http_request(fd, stop);
    while (!stop) std::this_thread::sleep_for(10ms);  // never answers
  });
  std::atomic<bool> cancel{false};
  http_client client(&cancel, 2);
  const std::string body = "{}";
  const auto first = client.start(post_to(server, body, 20000ms));
  const auto second = client.start(post_to(server, body, 20000ms));
  ASSERT_NE(first, http_client::no_ticket);
  ASSERT_NE(second, http_client::no_ticket);
  EXPECT_EQ(client.free_slots(), 0u);
  cancel = true;
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(client.finish(second).result, http_response::outcome::cancelled);
  EXPECT_EQ(client.finish(first).result, http_response::outcome::cancelled);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 10s);  // not the 20 s timeout
  EXPECT_EQ(client.free_slots(), 2u);
  // Cancelled for good: a new exchange ends at once, without a request.
  const auto third = client.start(post_to(server, body, 20000ms));
  EXPECT_EQ(client.finish(third).result, http_response::outcome::cancelled);
}

TEST(HttpClient, DestroyingTheClientEndsAnExchangeInFlight) {
  std::atomic<int> requests{0};
  raw_test_server server([&](int fd, const std::atomic<bool>& stop) {
    if (!read_http_request(fd, stop).empty()) ++requests;
    while (!stop) std::this_thread::sleep_for(10ms);  // never answers
  });
  const std::string body = "{}";
  const auto started = std::chrono::steady_clock::now();
  {
    http_client client;
    client.start(post_to(server, body, 60000ms));
    for (int i = 0; i < 500 && requests == 0; ++i) std::this_thread::sleep_for(10ms);
  }
  EXPECT_EQ(requests.load(), 1);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 20s);  // not the 60 s timeout
}
