// End to end over HTTP: the example scenario logged through a spdlog logger
// with the Sentry sink, sent by the SDK's own HTTP transport to a server on
// 127.0.0.1, read back from the request bodies the server received.
#include <gtest/gtest.h>

#include <stdexcept>

#include "clean_environment.hpp"
#include "loopback_servers.hpp"
#include "spdlog_test_support.hpp"

namespace {

using namespace sentry_test;
using sentry::value;

class http_test : public ::testing::Test {
 protected:
  void SetUp() override {
    sentry::context_store::clear();
  }
  void TearDown() override {
    sentry::close(std::chrono::seconds(5));
    sentry::isolation_scope().clear();
    sentry::context_store::clear();
  }

  // Every item of type `type` in what the server received, parsed.
  static std::vector<value> items(const http_test_server& server, const std::string& type) {
    std::vector<value> out;
    for (const auto& request : server.requests()) {
      auto env = sentry::envelope::parse(request.body);
      if (!env) continue;
      for (const auto& item : env->items) {
        if (item.type != type) continue;
        if (auto v = value::parse_json(item.payload)) out.push_back(std::move(*v));
      }
    }
    return out;
  }

 private:
  // Proxies would reroute loopback requests; Spotlight would get a copy.
  clean_environment environment_;
};

TEST_F(http_test, the_example_scenario_reaches_a_server) {
  http_test_server server;
  sentry::options o;
  o.dsn = server.dsn();
  o.release = "shop@1.2.3";
  o.environment = "staging";
  o.context_tags = {"request_id", "tenant"};
  o.enable_logs = true;
  o.send_client_reports = false;
  ASSERT_TRUE(sentry::init(o));

  auto logger = std::make_shared<spdlog::logger>("checkout", std::make_shared<sentry::spdlog::sink_mt>());
  play_scenario(*logger);
  logger->flush();  // the sink flushes the SDK: the event and the logs are sent

  const std::vector<value> events = items(server, "event");
  ASSERT_EQ(events.size(), 1u);
  const value& e = events[0];
  expect_scenario_event(e);
  EXPECT_EQ(str(at(e, "release")), "shop@1.2.3");
  EXPECT_EQ(str(at(e, "environment")), "staging");

  std::vector<value> logs;
  for (const value& batch : items(server, "log")) {
    for (std::size_t i = 0; i < len(at(batch, "items")); ++i) logs.push_back(at(at(batch, "items"), i));
  }
  ASSERT_EQ(logs.size(), 3u);
  const char* levels[] = {"info", "warn", "error"};
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(str(at(logs[i], "level")), levels[i]);
    EXPECT_EQ(str(at(at(at(logs[i], "attributes"), "sentry.origin"), "value")), "auto.log.spdlog");
  }
}

}  // namespace
