// The offline cache (PROTOCOL §9.3): files written before the first attempt,
// removed after any HTTP response, kept after network failures, capped, and
// sent again by the next transport.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "loopback_servers.hpp"
#include "test_folder.hpp"
#include "transport/disk_cache.hpp"
#include "transport_fixture.hpp"

using namespace sentry_test;
using sentry::data_category;
using sentry::discard_reason;
namespace fs = std::filesystem;

namespace {

class OfflineCache : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = test_folder("sentry_cache_") + "/envelopes";
    fs::remove_all(fs::path(dir).parent_path());
    fx.opts.cache_path = dir;
  }
  void TearDown() override { fs::remove_all(fs::path(dir).parent_path()); }

  std::vector<std::string> files() const {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) out.push_back(e.path().string());
    std::sort(out.begin(), out.end());
    return out;
  }
  static std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  static unsigned mode(const std::string& path) {
    struct stat st{};
    ::stat(path.c_str(), &st);
    return st.st_mode & 0777;
  }
  void point_at_refused_port() {
    fx.set_dsn("http://public@127.0.0.1:" + std::to_string(refused_port()) + "/42");
  }

  transport_fixture fx;
  std::string dir;
};

}  // namespace

TEST_F(OfflineCache, WrittenPrivateBeforeTheFirstAttemptWithoutSentAt) {
  std::atomic<bool> in_flight{false};
  std::atomic<bool> release{false};
  raw_test_server server([&](int fd, const std::atomic<bool>& stop) {
    read_http_request(fd, stop);
    in_flight = true;
    while (!stop && !release) std::this_thread::sleep_for(5ms);
    write_all(fd, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
  });
  fx.set_dsn(server.dsn());
  auto t = fx.make();
  const auto env = event_envelope("on disk first");
  std::thread worker([&] {
    t->send(sentry::envelope(env));
    t->on_drained();  // as the worker does when its queue runs empty
  });
  const auto deadline = clock_type::now() + 5s;
  while (!in_flight && clock_type::now() < deadline) std::this_thread::sleep_for(5ms);
  ASSERT_TRUE(in_flight);
  const auto on_disk = files();
  ASSERT_EQ(on_disk.size(), 1u);
  EXPECT_EQ(mode(dir), 0700u);
  EXPECT_EQ(mode(on_disk[0]), 0600u);
  EXPECT_EQ(read(on_disk[0]), env.serialize());  // no sent_at
  EXPECT_EQ(read(on_disk[0]).find("sent_at"), std::string::npos);
  release = true;
  worker.join();
  EXPECT_TRUE(files().empty());  // answered: removed
}

TEST_F(OfflineCache, RemovedAfterAnyHttpResponse) {
  http_test_server server(http_test_server::status(500));
  fx.set_dsn(server.dsn());
  auto t = fx.make();
  t->send(event_envelope("500"));
  t->on_drained();  // as the worker does when its queue runs empty
  EXPECT_TRUE(files().empty());
  server.set_responder(http_test_server::status(429));
  t->send(event_envelope("429"));
  t->on_drained();  // as the worker does when its queue runs empty
  EXPECT_TRUE(files().empty());
  EXPECT_EQ(server.count(), 2u);
}

TEST_F(OfflineCache, KeptAfterANetworkFailureAndRemovedOnceDelivered) {
  const int port = refused_port();  // nothing there yet
  fx.set_dsn("http://public@127.0.0.1:" + std::to_string(port) + "/42");
  auto t = fx.make();
  const auto env = event_envelope("outage");
  t->send(sentry::envelope(env));
  t->on_drained();  // the refused answer arrives (before the server below starts)
  const auto kept = files();
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(read(kept[0]), env.serialize());
  http_test_server server(http_test_server::ok(), port);
  ASSERT_TRUE(drive_idle(*t, [&] { return server.count() >= 1; }));
  expect_envelope_bytes(server.requests()[0].body, env);
  EXPECT_TRUE(files().empty());
  EXPECT_EQ(fx.discards.total_recorded(), 0u);
}

TEST_F(OfflineCache, CappedOldestEvictedAndCounted) {
  point_at_refused_port();
  fx.opts.cache_max_items = 3;
  auto t = fx.make();
  std::vector<sentry::envelope> sent;
  for (int i = 0; i < 5; ++i) {
    sent.push_back(event_envelope("n" + std::to_string(i)));
    t->send(sentry::envelope(sent.back()));
  }
  const auto kept = files();
  ASSERT_EQ(kept.size(), 3u);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(read(kept[i]), sent[i + 2].serialize());
  EXPECT_EQ(fx.discards.peek(discard_reason::cache_overflow, data_category::error), 2u);
  t->close(clock_type::now());
  EXPECT_EQ(files().size(), 3u);  // close keeps what is on disk, uncounted
  EXPECT_EQ(fx.discards.peek(discard_reason::network_error, data_category::error), 0u);
}

TEST_F(OfflineCache, KeepPersistsWhatCloseHadNoTimeFor) {
  point_at_refused_port();
  auto t = fx.make();
  const auto env = log_envelope(2);
  EXPECT_TRUE(t->keep(sentry::envelope(env)).items.empty());  // nothing left to count
  const auto kept = files();
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(read(kept[0]), env.serialize());
  fx.opts.cache_path.clear();
  auto without_cache = fx.make();
  const auto refused = log_envelope(1);
  EXPECT_EQ(without_cache->keep(sentry::envelope(refused)).serialize(), refused.serialize());
  EXPECT_EQ(fx.discards.total_recorded(), 0u);  // the caller counts what is handed back
}

// The cache cannot store (its folder became a file): keep() hands back the
// envelope without the items a rate limit holds back, which it counted
// itself (ratelimit_backoff), so that the caller counts each item once.
TEST_F(OfflineCache, KeepHandsBackWhatTheCacheRefusedWithoutRateLimitedItems) {
  http_test_server server(http_test_server::status(200, {{"X-Sentry-Rate-Limits", "60:log_item:key"}}));
  fx.set_dsn(server.dsn());
  auto t = fx.make();
  t->send(event_envelope("learns the limit"));
  t->on_drained();
  ASSERT_EQ(server.count(), 1u);
  fs::remove_all(dir);
  std::ofstream(dir) << "a file, not a folder";

  auto env = event_envelope("no time left");
  const auto logs = log_envelope(3);
  env.items.push_back(logs.items[0]);
  const auto left = t->keep(sentry::envelope(env));
  ASSERT_EQ(left.items.size(), 1u);
  EXPECT_EQ(left.items[0].type, "event");
  EXPECT_EQ(left.items[0].payload, env.items[0].payload);
  EXPECT_TRUE(fx.logged(sentry::level::warning, "offline cache:"));
  EXPECT_EQ(fx.discards.peek(discard_reason::ratelimit_backoff, data_category::log_item), 3u);
  EXPECT_EQ(fx.discards.peek(discard_reason::ratelimit_backoff, data_category::log_byte),
            logs.items[0].payload.size());
  EXPECT_EQ(fx.discards.total_recorded(), 3u + logs.items[0].payload.size());
}

TEST_F(OfflineCache, NextTransportResendsOldestFirstAndEmptiesTheCache) {
  point_at_refused_port();
  std::vector<sentry::envelope> sent;
  {
    auto t = fx.make();
    for (int i = 0; i < 3; ++i) {
      sent.push_back(event_envelope("earlier run " + std::to_string(i)));
      t->send(sentry::envelope(sent.back()));
    }
    t->close(clock_type::now());
  }
  ASSERT_EQ(files().size(), 3u);
  http_test_server server;
  fx.set_dsn(server.dsn());
  auto t = fx.make();
  ASSERT_TRUE(drive_idle(*t, [&] { return server.count() >= 3; }));
  const auto requests = server.requests();
  for (int i = 0; i < 3; ++i) expect_envelope_bytes(requests[i].body, sent[i]);
  EXPECT_TRUE(files().empty());
}

TEST_F(OfflineCache, BacklogWaitsWhileRateLimited) {
  point_at_refused_port();
  {
    auto t = fx.make();
    t->send(event_envelope("a"));
    t->send(event_envelope("b"));
    t->close(clock_type::now());
  }
  ASSERT_EQ(files().size(), 2u);
  http_test_server server(http_test_server::status(429, {{"X-Sentry-Rate-Limits", "60:error:key"}}));
  fx.set_dsn(server.dsn());
  fx.opts.enable_backpressure_handling = false;  // no 10 s health check wake-ups
  auto t = fx.make();
  ASSERT_TRUE(drive_idle(*t, [&] { return server.count() >= 1; }));
  const auto next = t->on_idle();
  EXPECT_GT(next, clock_type::now() + 50s);  // not before the limit ends
  EXPECT_EQ(server.count(), 1u);
  EXPECT_EQ(files().size(), 1u);  // the 429'd one is gone, the other waits
  EXPECT_EQ(fx.discards.total_recorded(), 0u);
}

TEST_F(OfflineCache, UnreadableFilesAreRemovedNotSent) {
  fs::create_directories(dir);
  std::ofstream(dir + "/00000000000000000001-1-0.envelope") << "not an envelope\n{";
  http_test_server server;
  fx.set_dsn(server.dsn());
  auto t = fx.make();
  t->on_idle();
  EXPECT_TRUE(t->flush(clock_type::now() + 2s));
  EXPECT_EQ(server.count(), 0u);
  EXPECT_TRUE(files().empty());
}

TEST_F(OfflineCache, UnusableFolderDisablesTheCacheWithADiagnostic) {
  fs::create_directories(fs::path(dir).parent_path());
  std::ofstream(dir) << "a file, not a folder";
  http_test_server server;
  fx.set_dsn(server.dsn());
  auto t = fx.make();
  EXPECT_TRUE(fx.logged(sentry::level::error, "offline cache disabled"));
  t->send(event_envelope("still sent"));
  t->on_drained();  // as the worker does when its queue runs empty
  EXPECT_EQ(server.count(), 1u);
}
