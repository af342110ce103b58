#include "client/resolve_options.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <limits>

namespace {

using sentry::detail::resolve_options;

class env_var {
 public:
  env_var(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old, had_ = true;
    ::setenv(name, value, 1);
  }
  ~env_var() {
    if (had_) ::setenv(name_, old_.c_str(), 1);
    else ::unsetenv(name_);
  }

 private:
  const char* name_;
  std::string old_;
  bool had_ = false;
};

TEST(resolve_options, defaults) {
  auto r = resolve_options({});
  EXPECT_EQ(r.opts.environment, "production");
  EXPECT_EQ(*r.opts.sample_rate, 1.0);
  EXPECT_EQ(*r.opts.debug, false);
  EXPECT_EQ(r.opts.max_breadcrumbs, 100u);
  EXPECT_EQ(r.opts.shutdown_timeout.count(), 2000);
  EXPECT_FALSE(r.parsed_dsn);
  EXPECT_FALSE(r.dsn_invalid);
  EXPECT_TRUE(r.problems.empty());
}

TEST(resolve_options, environment_fills_what_code_left_unset) {
  env_var a("SENTRY_RELEASE", "shop@2.0.0");
  env_var b("SENTRY_ENVIRONMENT", "staging");
  env_var c("SENTRY_SAMPLE_RATE", "0.25");
  env_var d("SENTRY_DEBUG", "true");
  env_var e("SENTRY_DIST", "x86");
  auto r = resolve_options({});
  EXPECT_EQ(r.opts.release, "shop@2.0.0");
  EXPECT_EQ(r.opts.environment, "staging");
  EXPECT_EQ(r.opts.dist, "x86");
  EXPECT_DOUBLE_EQ(*r.opts.sample_rate, 0.25);
  EXPECT_TRUE(*r.opts.debug);
}

TEST(resolve_options, code_wins_over_environment) {
  env_var a("SENTRY_RELEASE", "from-env");
  env_var c("SENTRY_SAMPLE_RATE", "0.25");
  env_var d("SENTRY_DEBUG", "1");
  sentry::options o;
  o.release = "from-code";
  o.sample_rate = 0.5;
  o.debug = false;
  auto r = resolve_options(o);
  EXPECT_EQ(r.opts.release, "from-code");
  EXPECT_DOUBLE_EQ(*r.opts.sample_rate, 0.5);
  EXPECT_FALSE(*r.opts.debug);
}

TEST(resolve_options, odd_values_are_clamped_with_a_problem_each) {
  sentry::options o;
  o.sample_rate = std::numeric_limits<double>::quiet_NaN();
  o.max_queue_size = 0;
  o.shutdown_timeout = std::chrono::milliseconds(-5);
  o.max_breadcrumbs = 1000000;
  auto r = resolve_options(o);
  EXPECT_EQ(*r.opts.sample_rate, 1.0);
  EXPECT_EQ(r.opts.max_queue_size, 1000u);
  EXPECT_EQ(r.opts.shutdown_timeout.count(), 0);
  EXPECT_EQ(r.opts.max_breadcrumbs, 10000u);
  EXPECT_EQ(r.problems.size(), 4u);

  o = {};
  o.sample_rate = 7;
  EXPECT_EQ(*resolve_options(o).opts.sample_rate, 1.0);
  o.sample_rate = -1;
  EXPECT_EQ(*resolve_options(o).opts.sample_rate, 0.0);
}

TEST(resolve_options, unparsable_environment_values_are_reported) {
  env_var c("SENTRY_SAMPLE_RATE", "lots");
  env_var d("SENTRY_DEBUG", "maybe");
  auto r = resolve_options({});
  EXPECT_EQ(*r.opts.sample_rate, 1.0);
  EXPECT_FALSE(*r.opts.debug);
  ASSERT_EQ(r.problems.size(), 2u);
  EXPECT_NE(r.problems[0].find("SENTRY_SAMPLE_RATE"), std::string::npos);
  EXPECT_NE(r.problems[1].find("SENTRY_DEBUG"), std::string::npos);
}

}  // namespace
