// End to end: each sink's example program, run as a user would run it (its
// own process, configured from the environment, from a foreign working
// folder), sends to a loopback HTTP server through the default transport.
// What arrives must be exactly the scenario of EXAMPLES.md: one error event
// with its tags, context, exception, breadcrumbs, stack and debug images,
// and, with SENTRY_ENABLE_LOGS=1, the three records as structured logs.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "loopback_servers.hpp"
#include "schema_validation.hpp"

extern char** environ;

namespace {

using json = nlohmann::json;

struct example_case {
  const char* name;     // binary name, also the test's name
  const char* path;     // built binary
  const char* library;  // sentry.origin suffix
  const char* error_template;  // the error record's template, nullptr when unknown
};

std::vector<example_case> built_examples() {
  std::vector<example_case> out;
#ifdef SENTRY_CPP_SPDLOG_EXAMPLE
  out.push_back({"spdlog_example", SENTRY_CPP_SPDLOG_EXAMPLE, "spdlog", "payment failed for order {}"});
#endif
#ifdef SENTRY_CPP_BOOSTLOG_EXAMPLE
  out.push_back({"boostlog_example", SENTRY_CPP_BOOSTLOG_EXAMPLE, "boostlog", nullptr});
#endif
#ifdef SENTRY_CPP_LOG4CPLUS_EXAMPLE
  out.push_back({"log4cplus_example", SENTRY_CPP_LOG4CPLUS_EXAMPLE, "log4cplus", "payment failed for order %d"});
#endif
  return out;
}

struct item {
  json headers;
  std::string payload;
};

// Envelope framing per PROTOCOL §2: a header line, then items, each a header
// line and a payload of `length` bytes (or up to the next newline).
std::vector<item> parse_envelope(const std::string& body) {
  std::vector<item> items;
  std::size_t pos = body.find('\n');
  if (pos == std::string::npos) return items;
  ++pos;
  while (pos < body.size()) {
    const std::size_t eol = body.find('\n', pos);
    const std::string header_line = body.substr(pos, eol == std::string::npos ? eol : eol - pos);
    if (header_line.empty()) break;
    item it;
    it.headers = json::parse(header_line);
    pos = eol == std::string::npos ? body.size() : eol + 1;
    if (it.headers.contains("length")) {
      const auto length = it.headers["length"].get<std::size_t>();
      it.payload = body.substr(pos, length);
      pos += length;
      if (pos < body.size() && body[pos] == '\n') ++pos;
    } else {
      const std::size_t end = body.find('\n', pos);
      it.payload = body.substr(pos, end == std::string::npos ? end : end - pos);
      pos = end == std::string::npos ? body.size() : end + 1;
    }
    items.push_back(std::move(it));
  }
  return items;
}

// Runs `path` with `env` added to this process's environment, in `cwd`.
// Returns the exit status, or -1 when it did not end within the bound (it is
// then killed by its pid).
int run_program(const std::string& path, const std::vector<std::string>& env,
                const std::string& cwd) {
  std::vector<std::string> all;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry = *e;
    if (entry.rfind("SENTRY_", 0) == 0) continue;  // only what the test sets
    all.push_back(entry);
  }
  all.insert(all.end(), env.begin(), env.end());
  std::vector<char*> envp;
  for (auto& s : all) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::string program = path;
  char* argv[] = {program.data(), nullptr};

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, path.c_str(), &actions, nullptr, argv, envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return -1;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string attribute_string(const json& log, const std::string& key) {
  if (!log.contains("attributes") || !log["attributes"].contains(key)) return {};
  const json& a = log["attributes"][key];
  return a.contains("value") && a["value"].is_string() ? a["value"].get<std::string>() : a.dump();
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The user's log call: an in-app frame of the example's own main() (named
// without a clone suffix such as main.cold, the frames of inlined SDK calls
// above it) in the example's main.cpp; and no in-app C runtime entry frame.
bool has_named_in_app_frame(const json& stacktrace) {
  if (!stacktrace.is_object() || !stacktrace.contains("frames")) return false;
  bool found = false;
  for (const auto& f : stacktrace["frames"]) {
    if (!f.value("in_app", false)) continue;
    const std::string function = f.value("function", "");
    if (function == "_start" || function.rfind("__libc_start", 0) == 0) return false;
    if (function == "main" && ends_with(f.value("abs_path", ""), "/main.cpp") &&
        f.value("lineno", 0) > 0) {
      found = true;
    }
  }
  return found;
}

class example_scenario : public ::testing::TestWithParam<example_case> {};

TEST_P(example_scenario, delivers_exactly_the_documented_scenario) {
  const example_case& ex = GetParam();
  sentry_test::http_test_server server;
  ASSERT_GT(server.port(), 0);

  char folder_template[] = "/tmp/sentry-cpp-example-XXXXXX";
  const char* folder = ::mkdtemp(folder_template);
  ASSERT_NE(folder, nullptr);
  const int status = run_program(ex.path,
                                 {"SENTRY_DSN=" + server.dsn(), "SENTRY_RELEASE=e2e@1.2.3",
                                  "SENTRY_ENVIRONMENT=e2e", "SENTRY_ENABLE_LOGS=1"},
                                 folder);
  ::rmdir(folder);
  ASSERT_EQ(status, 0) << ex.name << " did not exit 0";

  std::vector<json> events;
  std::vector<json> logs;
  for (const auto& request : server.requests()) {
    EXPECT_EQ(request.path, "/api/42/envelope/");
    EXPECT_EQ(request.header("Content-Encoding"), "gzip");
    for (const auto& it : parse_envelope(request.body)) {
      const std::string type = it.headers.value("type", "");
      if (type == "event") {
        events.push_back(json::parse(it.payload));
      } else if (type == "log") {
        const json batch = json::parse(it.payload);
        EXPECT_EQ(it.headers.value("item_count", -1), static_cast<int>(batch["items"].size()));
        for (const auto& l : batch["items"]) logs.push_back(l);
      }
    }
  }

  // Exactly one error event.
  ASSERT_EQ(events.size(), 1u) << ex.name;
  const json& e = events[0];
  EXPECT_EQ(e.value("level", ""), "error");
  EXPECT_EQ(e.value("logger", ""), "checkout");
  EXPECT_EQ(e.value("platform", ""), "native");
  EXPECT_EQ(e.value("release", ""), "e2e@1.2.3");
  EXPECT_EQ(e.value("environment", ""), "e2e");
  ASSERT_TRUE(e.contains("logentry"));
  EXPECT_EQ(e["logentry"].value("formatted", ""), "payment failed for order 1234");
  if (ex.error_template != nullptr) {
    EXPECT_EQ(e["logentry"].value("message", ""), ex.error_template);
    EXPECT_EQ(e["logentry"].value("params", json()), json::array({"1234"}));
  } else {
    EXPECT_FALSE(e["logentry"].contains("params")) << e["logentry"].dump();
  }

  // Tags: the listed context fields only; the other one kept in a context.
  ASSERT_TRUE(e.contains("tags"));
  EXPECT_EQ(e["tags"].value("request_id", ""), "r-42");
  EXPECT_EQ(e["tags"].value("tenant", ""), "acme");
  EXPECT_FALSE(e["tags"].contains("session"));
  ASSERT_TRUE(e.contains("contexts"));
  EXPECT_NE(e["contexts"].dump().find("\"s-9\""), std::string::npos) << e["contexts"].dump();

  // The in-flight exception, with the capture site's stack.
  ASSERT_TRUE(e.contains("exception"));
  const json& values = e["exception"]["values"];
  ASSERT_GE(values.size(), 1u);
  const json& ex_value = values[values.size() - 1];
  EXPECT_EQ(ex_value.value("type", ""), "std::runtime_error");
  EXPECT_EQ(ex_value.value("value", ""), "payment declined");
  EXPECT_EQ(ex_value["mechanism"].value("type", ""), std::string("auto.log.") + ex.library);
  bool stack_found = has_named_in_app_frame(ex_value.value("stacktrace", json()));
  if (e.contains("threads")) {
    for (const auto& t : e["threads"]["values"]) {
      stack_found = stack_found || has_named_in_app_frame(t.value("stacktrace", json()));
    }
  }
  EXPECT_TRUE(stack_found) << "no in-app frame named main in " << e.dump();
  ASSERT_TRUE(e.contains("debug_meta"));
  EXPECT_FALSE(e["debug_meta"]["images"].empty());

  // Breadcrumbs: the info and the warning, not the error itself.
  ASSERT_TRUE(e.contains("breadcrumbs"));
  const json& crumbs = e["breadcrumbs"].is_object() ? e["breadcrumbs"]["values"] : e["breadcrumbs"];
  ASSERT_EQ(crumbs.size(), 2u) << crumbs.dump();
  EXPECT_EQ(crumbs[0].value("message", ""), "cart loaded with 3 items");
  EXPECT_EQ(crumbs[0].value("level", ""), "info");
  EXPECT_EQ(crumbs[0].value("category", ""), "checkout");
  EXPECT_EQ(crumbs[1].value("message", ""), "inventory low for sku-17");
  EXPECT_EQ(crumbs[1].value("level", ""), "warning");
  EXPECT_EQ(crumbs[1].value("category", ""), "checkout");

  // Structured logs: the three records, with the sink's origin.
  ASSERT_EQ(logs.size(), 3u) << ex.name;
  const char* levels[] = {"info", "warn", "error"};
  const char* bodies[] = {"cart loaded with 3 items", "inventory low for sku-17",
                          "payment failed for order 1234"};
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(logs[i].value("level", ""), levels[i]);
    EXPECT_EQ(logs[i].value("body", ""), bodies[i]);
    EXPECT_EQ(attribute_string(logs[i], "sentry.origin"), std::string("auto.log.") + ex.library);
    EXPECT_EQ(attribute_string(logs[i], "sentry.release"), "e2e@1.2.3");
    EXPECT_EQ(attribute_string(logs[i], "sentry.environment"), "e2e");
    EXPECT_EQ(logs[i].value("trace_id", "").size(), 32u);
    // The attributes issue 8 lists: the SDK, the logger, the thread, and the
    // listed context fields (not the others).
    EXPECT_EQ(attribute_string(logs[i], "sentry.sdk.name"), "sentry.cpp");
    EXPECT_FALSE(attribute_string(logs[i], "sentry.sdk.version").empty());
    EXPECT_EQ(attribute_string(logs[i], "logger.name"), "checkout") << logs[i].dump();
    EXPECT_EQ(attribute_string(logs[i], "request_id"), "r-42") << logs[i].dump();
    EXPECT_EQ(attribute_string(logs[i], "tenant"), "acme") << logs[i].dump();
    EXPECT_FALSE(logs[i]["attributes"].contains("session")) << logs[i].dump();
    ASSERT_TRUE(logs[i]["attributes"].contains("thread.id")) << logs[i].dump();
    EXPECT_EQ(logs[i]["attributes"]["thread.id"].value("type", ""), "integer");
    EXPECT_EQ(logs[i].value("severity_number", 0), (i == 0 ? 9 : i == 1 ? 13 : 17));
  }
  // The error record's template and its typed parameter, when the sink knows them.
  if (ex.error_template != nullptr) {
    EXPECT_EQ(attribute_string(logs[2], "sentry.message.template"), ex.error_template);
    ASSERT_TRUE(logs[2]["attributes"].contains("sentry.message.parameter.0")) << logs[2].dump();
    EXPECT_EQ(logs[2]["attributes"]["sentry.message.parameter.0"], json({{"value", 1234}, {"type", "integer"}}));
  } else {
    EXPECT_FALSE(logs[2]["attributes"].contains("sentry.message.template")) << logs[2].dump();
  }

  SENTRY_EXPECT_EVENTS_VALID(std::vector<std::string>{e.dump()});
}

INSTANTIATE_TEST_SUITE_P(examples, example_scenario, ::testing::ValuesIn(built_examples()),
                         [](const ::testing::TestParamInfo<example_case>& info) {
                           return std::string(info.param.name);
                         });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(example_scenario);

}  // namespace
