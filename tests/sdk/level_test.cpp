#include "sentry/level.hpp"

#include <gtest/gtest.h>

namespace {

using sentry::level;

TEST(level, event_names_use_warning_and_know_no_trace) {
  EXPECT_EQ(sentry::event_level_name(level::trace), "debug");
  EXPECT_EQ(sentry::event_level_name(level::debug), "debug");
  EXPECT_EQ(sentry::event_level_name(level::info), "info");
  EXPECT_EQ(sentry::event_level_name(level::warning), "warning");
  EXPECT_EQ(sentry::event_level_name(level::error), "error");
  EXPECT_EQ(sentry::event_level_name(level::fatal), "fatal");
}

TEST(level, log_names_use_warn_and_keep_trace) {
  EXPECT_EQ(sentry::log_level_name(level::trace), "trace");
  EXPECT_EQ(sentry::log_level_name(level::debug), "debug");
  EXPECT_EQ(sentry::log_level_name(level::info), "info");
  EXPECT_EQ(sentry::log_level_name(level::warning), "warn");
  EXPECT_EQ(sentry::log_level_name(level::error), "error");
  EXPECT_EQ(sentry::log_level_name(level::fatal), "fatal");
}

TEST(level, severity_numbers_are_the_lowest_of_each_otel_range) {
  EXPECT_EQ(sentry::log_severity_number(level::trace), 1);
  EXPECT_EQ(sentry::log_severity_number(level::debug), 5);
  EXPECT_EQ(sentry::log_severity_number(level::info), 9);
  EXPECT_EQ(sentry::log_severity_number(level::warning), 13);
  EXPECT_EQ(sentry::log_severity_number(level::error), 17);
  EXPECT_EQ(sentry::log_severity_number(level::fatal), 21);
}

TEST(level, out_of_range_values_are_clamped_not_read_out_of_bounds) {
  EXPECT_EQ(sentry::event_level_name(static_cast<level>(42)), "fatal");
  EXPECT_EQ(sentry::log_level_name(static_cast<level>(-3)), "trace");
  EXPECT_EQ(sentry::log_severity_number(static_cast<level>(99)), 21);
}

TEST(level, parse_accepts_both_spellings_and_aliases_case_insensitively) {
  EXPECT_EQ(sentry::parse_level("trace"), level::trace);
  EXPECT_EQ(sentry::parse_level("DEBUG"), level::debug);
  EXPECT_EQ(sentry::parse_level("Info"), level::info);
  EXPECT_EQ(sentry::parse_level("warn"), level::warning);
  EXPECT_EQ(sentry::parse_level("WARNING"), level::warning);
  EXPECT_EQ(sentry::parse_level("err"), level::error);
  EXPECT_EQ(sentry::parse_level("error"), level::error);
  EXPECT_EQ(sentry::parse_level("critical"), level::fatal);
  EXPECT_EQ(sentry::parse_level("Fatal"), level::fatal);
  EXPECT_EQ(sentry::parse_level("  error\n"), level::error);
}

TEST(level, parse_rejects_everything_else) {
  EXPECT_EQ(sentry::parse_level(""), std::nullopt);
  EXPECT_EQ(sentry::parse_level("off"), std::nullopt);
  EXPECT_EQ(sentry::parse_level("verbose"), std::nullopt);
  EXPECT_EQ(sentry::parse_level("errors"), std::nullopt);
  EXPECT_EQ(sentry::parse_level("warn ing"), std::nullopt);
  EXPECT_EQ(sentry::parse_level(std::string_view("info\0", 5)), std::nullopt);
}

}  // namespace
