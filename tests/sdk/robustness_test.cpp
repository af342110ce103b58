// Bad input never throws, never crashes, and still gives valid output.
#include <gtest/gtest.h>

#include <string>

#include "sdk_fixture.hpp"

namespace {

using namespace sentry_test;

class robustness : public sdk_test {};

TEST_F(robustness, invalid_utf8_everywhere_gives_valid_json) {
  ASSERT_TRUE(start());
  const std::string bad = std::string("caf\xc3") + "\xff\xfe tail";
  sentry::set_tag(bad, bad);
  sentry::set_extra(bad, sentry::value(bad));
  sentry::breadcrumb b;
  b.message = bad;
  b.category = bad;
  sentry::add_breadcrumb(b);
  sentry::event e;
  e.logger = bad;
  e.message = sentry::logentry{bad, {bad}, bad};
  e.user.email = bad;
  sentry::capture_event(e);
  sentry::capture_exception(std::make_exception_ptr(std::runtime_error(bad)));

  auto events = flushed_events();  // parse_json succeeded for every payload
  ASSERT_EQ(events.size(), 2u);
  const std::string formatted = str(at(at(events[0], "logentry"), "formatted"));
  EXPECT_NE(formatted.find("\xEF\xBF\xBD"), std::string::npos);  // U+FFFD
  EXPECT_NE(formatted.find(" tail"), std::string::npos);
  const std::string what = str(at(at(at(at(events[1], "exception"), "values"), 0), "value"));
  EXPECT_NE(what.find("\xEF\xBF\xBD"), std::string::npos);
}

TEST_F(robustness, a_ten_megabyte_message_is_truncated_not_lost) {
  ASSERT_TRUE(start());
  std::string huge(10u << 20, 'x');
  huge.replace(0, 6, "start:");
  sentry::capture_message(huge, sentry::level::error);
  auto events = flushed_events();
  ASSERT_EQ(events.size(), 1u);
  const std::string formatted = str(at(at(events[0], "logentry"), "formatted"));
  EXPECT_EQ(formatted.rfind("start:", 0), 0u);
  EXPECT_LE(formatted.size(), 8192u);
  EXPECT_GT(formatted.size(), 1000u);
  for (const auto& env : recording.envelopes()) EXPECT_LE(env.items[0].payload.size(), 1u << 20);
  EXPECT_TRUE(diag.contains("truncated to 8192 characters"));
}

TEST_F(robustness, ten_thousand_tags_fit_under_the_event_limit) {
  ASSERT_TRUE(start());
  sentry::event e;
  for (int i = 0; i < 10000; ++i) e.tags["tag_" + std::to_string(i)] = "value " + std::to_string(i);
  e.tags[std::string(300, 'k')] = std::string(300, 'v');  // over both limits
  e.tags["bad key!\n"] = "line\nbreak";
  sentry::capture_event(e);
  auto events = flushed_events();
  ASSERT_EQ(events.size(), 1u);
  const auto* tags = at(events[0], "tags").as_object();
  ASSERT_NE(tags, nullptr);
  EXPECT_GE(tags->size(), 10000u);
  for (const auto& [k, v] : *tags) {
    EXPECT_LE(k.size(), 200u);
    ASSERT_NE(v.as_string(), nullptr);
    EXPECT_LE(v.as_string()->size(), 200u);
    EXPECT_EQ(v.as_string()->find('\n'), std::string::npos);
    for (char c : k) EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || std::string("_.:-").find(c) != std::string::npos) << k;
  }
  EXPECT_EQ(str(at(at(events[0], "tags"), "tag_9999")), "value 9999");
}

TEST_F(robustness, an_oversized_event_is_trimmed_breadcrumbs_first) {
  auto o = base_options();
  o.max_breadcrumbs = 1000;
  ASSERT_TRUE(start(o));
  for (int i = 0; i < 1000; ++i) {
    sentry::breadcrumb b;
    b.message = std::string(4000, 'b');
    sentry::add_breadcrumb(b);
  }
  sentry::capture_message("big", sentry::level::error);
  auto envs = (sentry::flush(std::chrono::seconds(10)), recording.envelopes());
  ASSERT_EQ(envs.size(), 1u);
  EXPECT_LE(envs[0].items[0].payload.size(), 1u << 20);
  auto events = recording.events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(str(at(at(events[0], "logentry"), "formatted")), "big");
  EXPECT_LT(len(at(at(events[0], "breadcrumbs"), "values")), 1000u);
  EXPECT_TRUE(diag.contains("bytes trimmed to"));
  EXPECT_TRUE(diag.contains("breadcrumbs kept"));
}

}  // namespace
