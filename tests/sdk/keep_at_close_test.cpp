// What close() had no time to send (PROTOCOL §5, §9.3): the transport keeps
// it in the offline cache, or it is counted, item by item, as the transport
// counts the items it drops. The SDK with its default transport and a server
// on 127.0.0.1; the counts read from the client's discard counters.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include <unistd.h>

#include "clean_environment.hpp"
#include "loopback_servers.hpp"
#include "sentry/sentry.hpp"
#include "test_folder.hpp"
#include "transport_fixture.hpp"

using namespace sentry_test;
using sentry::data_category;
using sentry::discard_reason;
namespace fs = std::filesystem;

namespace {

class KeepAtClose : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = test_folder("sentry_keep_at_close_");
    fs::remove_all(dir);
    fs::remove_all(dir + ".moved");
    fs::create_directories(dir);
  }
  void TearDown() override {
    sentry::close(5s);
    fs::remove_all(dir);
    fs::remove_all(dir + ".moved");
  }
  void write(const std::string& name, const sentry::envelope& env) const {
    std::ofstream(dir + "/" + name, std::ios::binary) << env.serialize();
  }

  std::string dir;

 private:
  clean_environment environment_;
};

}  // namespace

// The crash report of an earlier run (its event and the logs it carried)
// is still queued at shutdown_timeout and the cache cannot store it: its
// event and each of its logs are counted once (not as one item of category
// "internal").
TEST_F(KeepAtClose, ACrashReportTheCacheRefusesCountsItsEventAndEachLog) {
  // An envelope an earlier run cached: its resend, the worker's first job,
  // holds the worker (the server never answers) until close() cancels it.
  write("00000000000000000001-1-0.envelope", event_envelope("cached by an earlier run"));
  auto report = event_envelope("crashed");
  const sentry::envelope_item logs = log_envelope(2).items[0];
  report.items.push_back(logs);
  write("00000000000000000002-1.crash", report);

  std::atomic<bool> resend_arrived{false};
  raw_test_server never_answers([&](int fd, const std::atomic<bool>& stop) {
    read_http_request(fd, stop);
    resend_arrived = true;
    while (!stop) std::this_thread::sleep_for(5ms);
  });
  sentry::options o;
  o.dsn = never_answers.dsn();
  o.cache_path = dir;
  ASSERT_TRUE(sentry::init(std::move(o)));  // queues the crash report
  for (int i = 0; i < 1000 && !resend_arrived; ++i) std::this_thread::sleep_for(10ms);
  ASSERT_TRUE(resend_arrived);
  // The cache's folder becomes a file: nothing more can be stored.
  fs::rename(dir, dir + ".moved");
  std::ofstream(dir) << "a file, not a folder";

  const sentry::discard_counter* discards = sentry::discards();  // clients outlive close()
  ASSERT_NE(discards, nullptr);
  sentry::close(200ms);
  EXPECT_EQ(discards->peek(discard_reason::queue_overflow, data_category::error), 1u);
  EXPECT_EQ(discards->peek(discard_reason::queue_overflow, data_category::log_item), 2u);
  EXPECT_EQ(discards->peek(discard_reason::queue_overflow, data_category::log_byte),
            logs.payload.size());
  EXPECT_EQ(discards->peek(discard_reason::queue_overflow, data_category::internal), 0u);
  EXPECT_EQ(discards->total_recorded(), 1u + 2u + logs.payload.size());
}
