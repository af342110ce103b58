// Test support: the environment variables that would reroute a test's
// requests to 127.0.0.1 (proxies) or change what the SDK does (SENTRY_DSN,
// SENTRY_SPOTLIGHT, SENTRY_ENABLE_LOGS), unset while a clean_environment
// lives and restored as they were when it ends, also those a test set
// itself. As a fixture member it spans SetUp() to TearDown().
#pragma once

#include <cstdlib>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sentry_test {

class clean_environment {
 public:
  clean_environment() {
    for (const char* name : {"http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy",
                             "ALL_PROXY", "no_proxy", "NO_PROXY", "SENTRY_DSN", "SENTRY_SPOTLIGHT",
                             "SENTRY_ENABLE_LOGS"}) {
      const char* v = std::getenv(name);
      saved_.emplace_back(name, v ? std::optional<std::string>(v) : std::nullopt);
      ::unsetenv(name);
    }
  }
  ~clean_environment() {
    for (const auto& [name, v] : saved_) {
      if (v) ::setenv(name, v->c_str(), 1);
      else ::unsetenv(name);
    }
  }
  clean_environment(const clean_environment&) = delete;
  clean_environment& operator=(const clean_environment&) = delete;

 private:
  std::vector<std::pair<const char*, std::optional<std::string>>> saved_;
};

}  // namespace sentry_test
