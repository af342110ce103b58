// Serialized events checked against Relay's event schema (../shared/schemas),
// and the checker itself checked against an event that must fail.
#include "schema_validation.hpp"

#include <gtest/gtest.h>

#include "client/default_contexts.hpp"
#include "model/serialize.hpp"
#include "rich_event.hpp"

namespace {

using sentry::detail::serialize_event;

TEST(schema_validation, a_rich_event_with_every_field_set_is_valid) {
  sentry::event e = sentry_test::rich_event();
  for (auto& [name, ctx] : sentry::detail::default_contexts(true)) e.contexts[name] = ctx;
  SENTRY_EXPECT_EVENTS_VALID(std::vector<std::string>{serialize_event(e)});
}

TEST(schema_validation, minimal_trimmed_and_repaired_events_are_valid) {
  sentry::event minimal;
  sentry::event trimmed = sentry_test::rich_event();
  trimmed.message->formatted = std::string(10u << 20, 'm');
  for (int i = 0; i < 300; ++i) {
    sentry::breadcrumb b;
    b.message = std::string(8000, 'b');
    trimmed.breadcrumbs.push_back(b);
  }
  sentry::event repaired = sentry_test::rich_event();
  repaired.tags = {{"bad key\xff/", "line\nbreak\xc3"}};
  repaired.message->message = "\xed\xa0\x80";
  SENTRY_EXPECT_EVENTS_VALID(
      (std::vector<std::string>{serialize_event(minimal), serialize_event(trimmed), serialize_event(repaired)}));
}

TEST(schema_validation, the_checker_rejects_an_invalid_event) {
  const auto result = sentry_test::validate_events(
      {"{\"event_id\":\"not-a-uuid\",\"level\":\"warn\",\"bogus\":1}"});
  if (result.skipped) GTEST_SKIP() << result.reason;
  EXPECT_FALSE(result.valid);
  EXPECT_NE(result.output.find("1 invalid"), std::string::npos) << result.output;
}

}  // namespace
