// Crashes of a real child process (tests/stacktrace_helpers/crash_helper):
// the report on disk, and its delivery at the next start.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "value_path.hpp"
#include "sentry/envelope.hpp"
#include "sentry/value.hpp"

namespace crash_test {

namespace fs = std::filesystem;

#if defined(__SANITIZE_ADDRESS__)
constexpr bool asan = true;
#else
constexpr bool asan = false;
#endif
#if defined(__SANITIZE_THREAD__)
constexpr bool tsan = true;
#else
constexpr bool tsan = false;
#endif

// The signal that ended the child. Under AddressSanitizer a fault reaches
// ASan's handler after ours (the previous one, chained) and ASan aborts;
// under ThreadSanitizer the fault, happening again once our handler returns,
// reaches TSan's handler, which reports it and exits with its exit code, 66.
bool died_by(int status, int sig) {
  if (tsan && sig == SIGSEGV && WIFEXITED(status)) return WEXITSTATUS(status) == 66;
  if (!WIFSIGNALED(status)) return false;
  return WTERMSIG(status) == sig || (asan && sig == SIGSEGV && WTERMSIG(status) == SIGABRT);
}

struct child_result {
  int status = 0;
  std::string out;
};

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Runs the helper and waits (at most 60 s, then kills it by its pid).
child_result run_helper(const std::string& mode, const fs::path& cache, const fs::path& out) {
  const fs::path stdout_file = out.parent_path() / ("stdout-" + mode);
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int fd = ::open(stdout_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd >= 0) ::dup2(fd, 1);
    ::execl(SENTRY_CPP_CRASH_HELPER, SENTRY_CPP_CRASH_HELPER, mode.c_str(), cache.c_str(),
            out.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  child_result r;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (::waitpid(pid, &r.status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &r.status, 0);
      ADD_FAILURE() << "crash_helper " << mode << " did not finish";
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  r.out = read_file(stdout_file);
  return r;
}

std::vector<fs::path> files(const fs::path& dir, const std::string& suffix) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
      out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The event of an envelope file, parsed.
std::optional<sentry::value> event_of(const std::string& bytes) {
  auto env = sentry::envelope::parse(bytes);
  if (!env) return std::nullopt;
  for (const auto& item : env->items) {
    if (item.type == "event") return sentry::value::parse_json(item.payload);
  }
  return std::nullopt;
}

using sentry_test::at;
using sentry_test::text_at;

const sentry::value& first_exception(const sentry::value& event) {
  static const sentry::value none;
  const sentry::value* values = at(event, {"exception", "values"});
  if (values == nullptr || values->as_array() == nullptr || values->as_array()->empty()) return none;
  return values->as_array()->back();
}

std::string run_command(const std::string& command) {
  std::string out;
  if (FILE* p = ::popen(command.c_str(), "r")) {
    char buffer[4096];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, p)) > 0) out.append(buffer, n);
    ::pclose(p);
  }
  return out;
}

std::uint64_t hex_value(const std::string& s) { return std::stoull(s, nullptr, 16); }

// The functions of the helper's frames, resolved offline with addr2line
// (the crash handler writes addresses only; Sentry symbolicates them with
// debug_meta.images the same way).
std::vector<std::string> helper_functions(const sentry::value& event) {
  std::vector<std::string> names;
  const sentry::value* frames = at(first_exception(event), {"stacktrace", "frames"});
  const sentry::value* images = at(event, {"debug_meta", "images"});
  if (frames == nullptr || images == nullptr || !frames->as_array() || !images->as_array()) return names;
  const std::string helper = fs::canonical(SENTRY_CPP_CRASH_HELPER).string();
  const std::size_t n = frames->as_array()->size();
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t addr = hex_value(text_at((*frames->as_array())[i], {"instruction_addr"}));
    for (const auto& image : *images->as_array()) {
      const std::uint64_t base = hex_value(text_at(image, {"image_addr"}));
      const auto* size = at(image, {"image_size"});
      if (addr < base || size == nullptr || size->as_int() == nullptr ||
          addr - base >= static_cast<std::uint64_t>(*size->as_int()) ||
          text_at(image, {"code_file"}) != helper) {
        continue;
      }
      // all_but_first: every address but the crashing (last) frame's is a return address.
      const std::uint64_t offset = addr - base - (i + 1 == n ? 0 : 1);
      char hex[32];
      std::snprintf(hex, sizeof hex, "0x%llx", static_cast<unsigned long long>(offset));
      const std::string line = run_command("addr2line -f -C -e '" + helper + "' " + hex);
      names.push_back(line.substr(0, line.find('\n')));
    }
  }
  return names;
}

bool contains(const std::vector<std::string>& names, const std::string& needle) {
  for (const auto& n : names) {
    if (n.find(needle) != std::string::npos) return true;
  }
  return false;
}

// The log of the crash helper's segv-now/abort-now modes, as sent.
void expect_crash_log(const sentry::value& log) {
  EXPECT_EQ(text_at(log, {"body"}), "order 1234 pending at crash");
  EXPECT_EQ(text_at(log, {"level"}), "warn");
  EXPECT_EQ(text_at(log, {"attributes", "sentry.message.template", "value"}), "order {} pending at crash");
  EXPECT_EQ(text_at(log, {"attributes", "sentry.message.parameter.0", "value"}), "1234");
  EXPECT_EQ(text_at(log, {"attributes", "sentry.message.parameter.0", "type"}), "integer");
  // The crashed run's release, not the next start's (crash-helper@2.0).
  EXPECT_EQ(text_at(log, {"attributes", "sentry.release", "value"}), "crash-helper@1.0");
  EXPECT_EQ(text_at(log, {"attributes", "sentry.sdk.name", "value"}), "sentry.cpp");
  EXPECT_FALSE(text_at(log, {"attributes", "thread.id", "value"}).empty());
  EXPECT_EQ(text_at(log, {"trace_id"}).size(), 32u);
}

class crash : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/sentry_crash_test_XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    root_ = pattern;
    cache_ = root_ / "cache";
    out_ = root_ / "out";
    fs::create_directories(out_);
    fs::create_directories(out_ / "next");
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }

  // Whether `bytes` is an envelope with a log item holding the helper's
  // structured log, logged just before the crash.
  static bool has_pending_log(const std::string& bytes) {
    const auto env = sentry::envelope::parse(bytes);
    if (!env) return false;
    for (const auto& item : env->items) {
      if (item.type == "log" && item.payload.find("\"order 1234 pending at crash\"") != std::string::npos &&
          item.payload.find("\"sentry.message.template\"") != std::string::npos) {
        return true;
      }
    }
    return false;
  }

  // The crash report the crashed run left, checked for what every crash has.
  sentry::value crash_report(const std::string& expected_suffix) {
    const auto reports = files(cache_, ".crash");
    EXPECT_EQ(reports.size(), 1u);
    if (reports.empty()) return {};
    const std::string name = reports[0].filename().string();
    EXPECT_NE(name.find(expected_suffix), std::string::npos) << name;
    const std::string bytes = read_file(reports[0]);
    // One event timestamp: the crash's, not the template's as well.
    const std::string head = bytes.substr(0, bytes.find("\"breadcrumbs\""));
    EXPECT_EQ(head.find("\"timestamp\":"), head.rfind("\"timestamp\":")) << head;
    auto event = event_of(bytes);
    EXPECT_TRUE(event.has_value()) << read_file(reports[0]);
    if (!event) return {};
    EXPECT_EQ(text_at(*event, {"level"}), "fatal");
    EXPECT_EQ(text_at(*event, {"platform"}), "native");
    EXPECT_EQ(text_at(*event, {"release"}), "crash-helper@1.0");
    EXPECT_EQ(text_at(*event, {"user", "id"}), "user-42");
    EXPECT_NE(text_at(*event, {"breadcrumbs"}).find("about to crash"), std::string::npos);
    EXPECT_FALSE(text_at(*event, {"timestamp"}).empty());
    // The waiting log, raw, beside the report (sent with it at the next start).
    EXPECT_EQ(files(cache_, ".logs").size(), 1u) << "the waiting log was not written";
    const sentry::value& ex = first_exception(*event);
    EXPECT_EQ(text_at(ex, {"mechanism", "type"}), "signalhandler");
    EXPECT_EQ(text_at(ex, {"mechanism", "handled"}), "false");
    EXPECT_EQ(text_at(ex, {"mechanism", "synthetic"}), "true");
    EXPECT_EQ(text_at(ex, {"stacktrace", "instruction_addr_adjustment"}), "all_but_first");
    const sentry::value* threads = at(*event, {"threads", "values"});
    EXPECT_TRUE(threads != nullptr && threads->as_array() && threads->as_array()->size() == 1);
    if (threads != nullptr && threads->as_array() && !threads->as_array()->empty()) {
      const sentry::value& t = threads->as_array()->front();
      EXPECT_EQ(text_at(t, {"id"}), text_at(ex, {"thread_id"}));
      EXPECT_EQ(text_at(t, {"crashed"}), "true");
    }
    return *event;
  }

  // The next start: the report reaches the transport, on_crashed_last_run runs once.
  void expect_delivered_at_next_start(const std::string& event_id, bool startup, bool with_log = true) {
    const child_result next = run_helper("deliver", cache_, out_ / "next");
    ASSERT_TRUE(WIFEXITED(next.status)) << next.status;
    EXPECT_EQ(WEXITSTATUS(next.status), 0);
    EXPECT_NE(next.out.find("on_crashed_last_run"), std::string::npos) << next.out;
    if (startup) {
      EXPECT_NE(next.out.find("files after init: 1"), std::string::npos) << next.out;
    }
    EXPECT_TRUE(files(cache_, ".crash").empty());
    EXPECT_TRUE(files(cache_, ".logs").empty());
    bool found = false;
    for (const auto& f : files(out_ / "next", ".envelope")) {
      auto env = sentry::envelope::parse(read_file(f));
      if (env && env->event_id() == event_id) {
        found = true;
        if (with_log) {
          EXPECT_TRUE(has_pending_log(read_file(f))) << "the crash's log was not sent";
        }
      }
    }
    EXPECT_TRUE(found) << "the crash report was not sent at the next start";
    // Once: a third start finds nothing.
    const child_result third = run_helper("deliver", cache_, out_ / "next");
    EXPECT_EQ(third.out.find("on_crashed_last_run"), std::string::npos);
  }

  // Every structured log (an element of a log item's "items") in the
  // envelope files of `dir`.
  static std::vector<sentry::value> logs_in(const fs::path& dir) {
    std::vector<sentry::value> logs;
    for (const auto& f : files(dir, ".envelope")) {
      const auto env = sentry::envelope::parse(read_file(f));
      if (!env) continue;
      for (const auto& item : env->items) {
        if (item.type != "log") continue;
        const auto payload = sentry::value::parse_json(item.payload);
        const sentry::value* items = payload ? at(*payload, {"items"}) : nullptr;
        if (items == nullptr || items->as_array() == nullptr) continue;
        for (const auto& log : *items->as_array()) logs.push_back(log);
      }
    }
    return logs;
  }
  // How many times the crashed run and the next start sent each log body.
  std::map<std::string, std::size_t> bodies_sent() const {
    std::map<std::string, std::size_t> n;
    for (const fs::path& dir : {out_, out_ / "next"}) {
      for (const auto& log : logs_in(dir)) ++n[text_at(log, {"body"})];
    }
    return n;
  }
  std::size_t times_sent(const std::string& body) const { return bodies_sent()[body]; }
  // The crash's report as delivered at the next start (by the report on
  // disk's event id), or nothing; the next start's stdout in `next_out`.
  std::optional<sentry::envelope> deliver_report(const std::string& mode, std::string* next_out = nullptr) {
    const auto reports = files(cache_, ".crash");
    EXPECT_EQ(reports.size(), 1u);
    if (reports.empty()) return std::nullopt;
    const auto on_disk = sentry::envelope::parse(read_file(reports[0]));
    EXPECT_TRUE(on_disk.has_value());
    if (!on_disk) return std::nullopt;
    const child_result next = run_helper(mode, cache_, out_ / "next");
    EXPECT_TRUE(WIFEXITED(next.status) && WEXITSTATUS(next.status) == 0) << next.status << next.out;
    EXPECT_NE(next.out.find("on_crashed_last_run"), std::string::npos) << next.out;
    if (next_out) *next_out = next.out;
    EXPECT_TRUE(files(cache_, ".crash").empty());
    EXPECT_TRUE(files(cache_, ".logs").empty());
    for (const auto& f : files(out_ / "next", ".envelope")) {
      auto env = sentry::envelope::parse(read_file(f));
      if (env && env->event_id() == on_disk->event_id()) return env;
    }
    ADD_FAILURE() << "the crash report was not sent at the next start";
    return std::nullopt;
  }

  // A crash right after the log (segv-now, abort-now): the log arrives at
  // the next start with the report, as logged, once.
  void expect_log_sent_once_with_the_report(const std::string& mode, int sig) {
    const child_result r = run_helper(mode, cache_, out_);
    ASSERT_TRUE(died_by(r.status, sig)) << "exit status " << r.status;
    EXPECT_EQ(files(cache_, ".logs").size(), 1u);
    const auto report = deliver_report("deliver");
    ASSERT_TRUE(report.has_value());
    std::size_t log_items = 0;
    for (const auto& item : report->items) {
      if (item.type != "log") continue;
      ++log_items;
      EXPECT_EQ(text_at(sentry::value(item.headers), {"item_count"}), "1");
    }
    EXPECT_EQ(log_items, 1u);
    const auto logs = logs_in(out_ / "next");
    ASSERT_EQ(logs.size(), 1u);
    expect_crash_log(logs[0]);
    EXPECT_EQ(times_sent("order 1234 pending at crash"), 1u);
    // The log's trace is the crashed run's, as the report's.
    const auto event = event_of(report->serialize());
    ASSERT_TRUE(event.has_value());
    EXPECT_EQ(text_at(logs[0], {"trace_id"}), text_at(*event, {"contexts", "trace", "trace_id"}));
  }

  fs::path root_, cache_, out_;
};


TEST_F(crash, segfault_is_reported_and_sent_at_the_next_start) {
  const child_result r = run_helper("segv", cache_, out_);
  // The previous action (the default, or ASan's) still ends the process.
  ASSERT_TRUE(died_by(r.status, SIGSEGV)) << "exit status " << r.status;

  const sentry::value event = crash_report("-startup.crash");
  const sentry::value& ex = first_exception(event);
  EXPECT_EQ(text_at(ex, {"type"}), "SIGSEGV");
  EXPECT_EQ(text_at(ex, {"mechanism", "meta", "signal", "number"}), "11");
  EXPECT_EQ(text_at(ex, {"mechanism", "meta", "signal", "name"}), "SIGSEGV");
  EXPECT_NE(text_at(ex, {"value"}).find("at 0x10"), std::string::npos) << text_at(ex, {"value"});
  EXPECT_EQ(text_at(event, {"tags", "crash.mode"}), "segv");
  const auto names = helper_functions(event);
  ASSERT_FALSE(names.empty());
  EXPECT_NE(names.back().find("crash_helper_segfault"), std::string::npos) << names.back();
  EXPECT_TRUE(contains(names, "main"));

  auto env = sentry::envelope::parse(read_file(files(cache_, ".crash")[0]));
  ASSERT_TRUE(env.has_value());
  expect_delivered_at_next_start(env->event_id(), true);
}

TEST_F(crash, abort_is_reported_with_sigabrt) {
  const child_result r = run_helper("abort", cache_, out_);
  ASSERT_TRUE(died_by(r.status, SIGABRT)) << "exit status " << r.status;
  const sentry::value event = crash_report(".crash");
  const sentry::value& ex = first_exception(event);
  EXPECT_EQ(text_at(ex, {"type"}), "SIGABRT");
  EXPECT_EQ(text_at(ex, {"mechanism", "meta", "signal", "number"}), "6");
  EXPECT_TRUE(contains(helper_functions(event), "crash_helper_abort"));
  auto env = sentry::envelope::parse(read_file(files(cache_, ".crash")[0]));
  ASSERT_TRUE(env.has_value());
  expect_delivered_at_next_start(env->event_id(), true);
}

TEST_F(crash, late_crash_is_not_a_startup_crash) {
  const child_result r = run_helper("late-segv", cache_, out_);
  ASSERT_TRUE(died_by(r.status, SIGSEGV)) << "exit status " << r.status;
  const auto reports = files(cache_, ".crash");
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].filename().string().find("-startup"), std::string::npos);
  auto env = sentry::envelope::parse(read_file(reports[0]));
  ASSERT_TRUE(env.has_value());
  expect_delivered_at_next_start(env->event_id(), false, false);
}

TEST_F(crash, uncaught_exception_is_captured_as_fatal_before_abort) {
  const child_result r = run_helper("throw", cache_, out_);
  // The previous terminate handler still aborts.
  ASSERT_TRUE(died_by(r.status, SIGABRT)) << "exit status " << r.status;

  // Sent (flushed) before the abort, once: the SIGABRT that follows is not a second report.
  std::vector<sentry::value> events;
  for (const auto& f : files(out_, ".envelope")) {
    if (auto e = event_of(read_file(f))) events.push_back(*e);
  }
  ASSERT_EQ(events.size(), 1u);
  const sentry::value& event = events[0];
  EXPECT_EQ(text_at(event, {"level"}), "fatal");
  const sentry::value& ex = first_exception(event);
  EXPECT_EQ(text_at(ex, {"type"}), "std::runtime_error");
  EXPECT_EQ(text_at(ex, {"value"}), "crash_helper: nobody catches this");
  EXPECT_EQ(text_at(ex, {"mechanism", "type"}), "auto.cpp.terminate");
  EXPECT_EQ(text_at(ex, {"mechanism", "handled"}), "false");
  EXPECT_EQ(text_at(event, {"tags", "crash.mode"}), "throw");
  // Symbolized by the SDK on its worker: the throwing function is the newest frame.
  const sentry::value* frames = at(ex, {"stacktrace", "frames"});
  ASSERT_NE(frames, nullptr);
  ASSERT_FALSE(frames->as_array()->empty());
  EXPECT_NE(text_at(frames->as_array()->back(), {"function"}).find("crash_helper_throw"), std::string::npos)
      << frames->to_json();
  EXPECT_EQ(text_at(frames->as_array()->back(), {"in_app"}), "true");

  // The structured log still waiting at the throw was flushed with the event.
  bool log_sent = false;
  for (const auto& f : files(out_, ".envelope")) log_sent = log_sent || has_pending_log(read_file(f));
  EXPECT_TRUE(log_sent) << "the waiting log was not sent before the abort";

  // No second report on disk, but the next start knows the process crashed.
  for (const auto& f : files(cache_, ".crash")) EXPECT_TRUE(read_file(f).empty()) << f;
  const child_result next = run_helper("deliver", cache_, out_ / "next");
  EXPECT_NE(next.out.find("on_crashed_last_run"), std::string::npos) << next.out;
}

TEST_F(crash, log_written_just_before_a_segfault_arrives_once_at_the_next_start) {
  expect_log_sent_once_with_the_report("segv-now", SIGSEGV);
}

TEST_F(crash, log_written_just_before_an_abort_arrives_once_at_the_next_start) {
  expect_log_sent_once_with_the_report("abort-now", SIGABRT);
}

TEST_F(crash, logs_of_a_burst_before_a_crash_are_sent_at_most_once_and_none_waiting_is_lost) {
  const child_result r = run_helper("burst-segv", cache_, out_);
  ASSERT_TRUE(died_by(r.status, SIGSEGV)) << "exit status " << r.status;
  ASSERT_TRUE(deliver_report("deliver").has_value());
  std::size_t arrived = 0;
  auto sent = bodies_sent();
  for (int i = 0; i < 250; ++i) {
    const std::size_t n = sent["burst " + std::to_string(i)];
    EXPECT_LE(n, 1u) << "burst " << i << " sent twice";
    // The second full batch was still in the worker's queue (the worker was
    // sending the first one, slowly) and the last 50 were waiting for their
    // batch: the handler wrote them.
    if (i >= 100) {
      EXPECT_EQ(n, 1u) << "burst " << i << " lost";
    }
    arrived += n;
  }
  // The first batch: sent, or still in the queue and written by the handler,
  // or (rarely) taken by the worker and lost with the process mid-send.
  std::printf("burst logs arrived: %zu of 250\n", arrived);
}

TEST_F(crash, before_send_log_of_the_next_start_drops_the_crashed_runs_logs) {
  const child_result r = run_helper("segv-now", cache_, out_);
  ASSERT_TRUE(died_by(r.status, SIGSEGV)) << "exit status " << r.status;
  EXPECT_EQ(files(cache_, ".logs").size(), 1u);
  std::string next_out;
  const auto report = deliver_report("deliver-drop-logs", &next_out);
  ASSERT_TRUE(report.has_value());
  // The hook saw the log, dropped it, and nothing sent it otherwise.
  EXPECT_NE(next_out.find("before_send_log dropped: order 1234 pending at crash"), std::string::npos)
      << next_out;
  for (const auto& item : report->items) EXPECT_NE(item.type, "log");
  EXPECT_EQ(times_sent("order 1234 pending at crash"), 0u);
  EXPECT_TRUE(logs_in(out_).empty());
  EXPECT_TRUE(logs_in(out_ / "next").empty());
}

TEST_F(crash, before_send_log_of_the_next_start_edits_the_crashed_runs_logs) {
  const child_result r = run_helper("segv-now", cache_, out_);
  ASSERT_TRUE(died_by(r.status, SIGSEGV)) << "exit status " << r.status;
  ASSERT_TRUE(deliver_report("deliver-edit-logs").has_value());
  const auto logs = logs_in(out_ / "next");
  ASSERT_EQ(logs.size(), 1u);
  EXPECT_EQ(text_at(logs[0], {"body"}), "edited: order 1234 pending at crash");
  EXPECT_EQ(text_at(logs[0], {"attributes", "edited.by", "value"}), "next start");
  EXPECT_EQ(text_at(logs[0], {"attributes", "sentry.release", "value"}), "crash-helper@1.0");
  EXPECT_EQ(times_sent("order 1234 pending at crash"), 0u);
}

TEST_F(crash, damaged_log_dump_gives_a_diagnostic_and_the_report_is_still_sent) {
  const child_result r = run_helper("segv-now", cache_, out_);
  ASSERT_TRUE(died_by(r.status, SIGSEGV)) << "exit status " << r.status;
  const auto dumps = files(cache_, ".logs");
  ASSERT_EQ(dumps.size(), 1u);
  const std::string bytes = read_file(dumps[0]);
  ASSERT_GT(bytes.size(), 40u);
  std::ofstream(dumps[0], std::ios::binary | std::ios::trunc) << bytes.substr(0, bytes.size() - 20);
  std::string next_out;
  const auto report = deliver_report("deliver", &next_out);
  ASSERT_TRUE(report.has_value());
  EXPECT_NE(next_out.find("diag: crashed run's logs: log dump"), std::string::npos) << next_out;
  for (const auto& item : report->items) EXPECT_NE(item.type, "log");
}

TEST_F(crash, unreadable_log_dump_gives_a_diagnostic_and_the_report_is_still_sent) {
  const child_result r = run_helper("segv-now", cache_, out_);
  ASSERT_TRUE(died_by(r.status, SIGSEGV)) << "exit status " << r.status;
  const auto dumps = files(cache_, ".logs");
  ASSERT_EQ(dumps.size(), 1u);
  std::ofstream(dumps[0], std::ios::binary | std::ios::trunc) << "{\"not\":\"a dump\"}";
  std::string next_out;
  ASSERT_TRUE(deliver_report("deliver", &next_out).has_value());
  EXPECT_NE(next_out.find("diag: crashed run's logs: not a log dump"), std::string::npos) << next_out;
}

}  // namespace crash_test
