// Test support: validating serialized events against Relay's event schema.
//
// Runs tools/validate/validate-events.mjs (node + ajv) over the events,
// written one per line to a temporary file. The schema is read from
// $SENTRY_CPP_EVENT_SCHEMA when set, else from ../shared/schemas/ beside the
// source tree; it is never copied into the project. When node, the script's
// node_modules (`npm ci` in tools/validate) or the schema is missing, the
// check is skipped with a message saying which.
//
//   SENTRY_EXPECT_EVENTS_VALID(std::vector<std::string>{serialize_event(e)});
#pragma once

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace sentry_test {

struct schema_check {
  bool skipped = false;
  std::string reason;  // why it was skipped
  bool valid = false;
  std::string output;  // what the validator printed
};

inline bool path_exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

inline std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out.push_back(c);
    }
  }
  return out + "'";
}

inline std::string event_schema_path() {
  if (const char* env = std::getenv("SENTRY_CPP_EVENT_SCHEMA"); env && *env) return env;
  return std::string(SENTRY_CPP_SOURCE_DIR) + "/../shared/schemas/event.schema.json";
}

inline schema_check validate_events(const std::vector<std::string>& events) {
  schema_check result;
  const std::string tool_dir = std::string(SENTRY_CPP_SOURCE_DIR) + "/tools/validate";
  const std::string schema = event_schema_path();
  if (std::system("command -v node >/dev/null 2>&1") != 0) {
    result.skipped = true;
    result.reason = "node is not installed: event schema validation skipped";
    return result;
  }
  if (!path_exists(tool_dir + "/node_modules/ajv")) {
    result.skipped = true;
    result.reason = "tools/validate/node_modules is missing (run `npm ci` in tools/validate): "
                    "event schema validation skipped";
    return result;
  }
  if (!path_exists(schema)) {
    result.skipped = true;
    result.reason = "event schema not found at " + schema +
                    " (set SENTRY_CPP_EVENT_SCHEMA): event schema validation skipped";
    return result;
  }

  char path[] = "/tmp/sentry_cpp_events_XXXXXX";
  const int fd = ::mkstemp(path);
  if (fd < 0) {
    result.output = "cannot create a temporary file";
    return result;
  }
  std::string text;
  for (const auto& e : events) text += e + "\n";
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n <= 0) break;
    written += static_cast<std::size_t>(n);
  }
  ::close(fd);

  const std::string command = "node " + shell_quote(tool_dir + "/validate-events.mjs") + " " +
                              shell_quote(path) + " " + shell_quote(schema) + " 2>&1";
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) result.output.append(buf, n);
    const int status = ::pclose(pipe);
    result.valid = written == text.size() && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  } else {
    result.output = "cannot run node";
  }
  ::unlink(path);
  return result;
}

}  // namespace sentry_test

// Skips the test when the validator cannot run; otherwise expects every
// event to be valid and shows the validator's findings when not.
#define SENTRY_EXPECT_EVENTS_VALID(events)                                  \
  do {                                                                      \
    const ::sentry_test::schema_check sentry_check_ =                       \
        ::sentry_test::validate_events(events);                             \
    if (sentry_check_.skipped) GTEST_SKIP() << sentry_check_.reason;        \
    EXPECT_TRUE(sentry_check_.valid) << sentry_check_.output;               \
  } while (false)
