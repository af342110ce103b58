// Test support: what a transport is constructed with, owned by the test,
// and helpers to build envelopes and compare what a server received.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "clean_environment.hpp"
#include "sentry/dsn.hpp"
#include "sentry/envelope.hpp"
#include "sentry/options.hpp"
#include "sentry/transport.hpp"
#include "sentry/value.hpp"
#include "test_envelopes.hpp"
#include "transport/http_transport.hpp"

namespace sentry_test {

using clock_type = sentry::transport::clock;
using namespace std::chrono_literals;

struct transport_fixture {
  // First: no proxy or SENTRY_* variable of the machine reaches the transport,
  // and those a test sets end with it.
  clean_environment environment;
  sentry::options opts;
  std::optional<sentry::dsn> dsn;
  sentry::discard_counter discards;
  sentry::detail::http_transport_tuning tuning;

  transport_fixture() {
    opts.http_connect_timeout = 2000ms;
    opts.http_timeout = 3000ms;
    tuning.retry_backoff_min = 20ms;
    tuning.retry_backoff_max = 100ms;
    tuning.cached_send_interval = 1ms;
    tuning.client_report_interval = std::chrono::hours(1);
    tuning.spotlight_pause_after_failure = 0ms;
  }

  void set_dsn(const std::string& text) { dsn = sentry::dsn::parse(text); }

  std::unique_ptr<sentry::transport> make() {
    sentry::transport_context ctx{opts, dsn, discards,
                                  [this](sentry::level l, std::string_view m) {
                                    std::lock_guard<std::mutex> lock(log_mutex);
                                    log.emplace_back(l, std::string(m));
                                  }};
    return sentry::detail::make_http_transport(ctx, tuning);
  }

  bool logged(sentry::level l, const std::string& part) {
    std::lock_guard<std::mutex> lock(log_mutex);
    for (const auto& [level, text] : log) {
      if (level == l && text.find(part) != std::string::npos) return true;
    }
    return false;
  }

  std::mutex log_mutex;
  std::vector<std::pair<sentry::level, std::string>> log;
};

// The sent_at header of received envelope bytes ("" when absent).
inline std::string sent_at_of(const std::string& body) {
  const auto header = sentry::value::parse_json(body.substr(0, body.find('\n')));
  if (!header || !header->as_object()) return {};
  const auto& h = *header->as_object();
  const auto it = h.find("sent_at");
  return it != h.end() && it->second.as_string() ? *it->second.as_string() : std::string();
}

// The received bytes are exactly `sent` serialized with the sent_at it got
// (an RFC 3339 UTC timestamp with milliseconds).
inline void expect_envelope_bytes(const std::string& received, const sentry::envelope& sent) {
  const std::string sent_at = sent_at_of(received);
  EXPECT_TRUE(std::regex_match(sent_at, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")))
      << sent_at;
  EXPECT_EQ(received, sent.serialize(sent_at));
}

// The items of received envelope bytes.
inline std::vector<sentry::envelope_item> items_of(const std::string& received) {
  auto env = sentry::envelope::parse(received);
  return env ? env->items : std::vector<sentry::envelope_item>{};
}

// The discarded_events of the client_report item in `received`, as
// "reason/category=quantity" strings; empty when there is none.
inline std::vector<std::string> client_report_of(const std::string& received) {
  std::vector<std::string> out;
  for (const auto& item : items_of(received)) {
    if (item.type != "client_report") continue;
    const auto payload = sentry::value::parse_json(item.payload);
    if (!payload || !payload->as_object()) continue;
    const auto it = payload->as_object()->find("discarded_events");
    if (it == payload->as_object()->end() || !it->second.as_array()) continue;
    for (const auto& d : *it->second.as_array()) {
      const auto& o = *d.as_object();
      out.push_back(*o.at("reason").as_string() + "/" + *o.at("category").as_string() + "=" +
                    o.at("quantity").to_text());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Calls on_idle() as the worker would, until `done` or `timeout`.
template <typename Done>
bool drive_idle(sentry::transport& t, Done done, std::chrono::milliseconds timeout = 5000ms) {
  const auto deadline = clock_type::now() + timeout;
  while (!done()) {
    if (clock_type::now() >= deadline) return false;
    const auto next = t.on_idle();
    const auto wake = std::min({next, deadline, clock_type::now() + 20ms});
    std::this_thread::sleep_until(wake);
  }
  return true;
}

}  // namespace sentry_test
