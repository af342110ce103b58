// A program that crashes on purpose, for tests/sdk/crash_test.cpp.
//
//   crash_helper <mode> <cache folder> <out folder>
// modes: segv, abort, throw (an uncaught exception), late-segv (a crash more
// than 2 s after init), segv-now and abort-now (the log, then at once the
// crash: no sleep, no flush), burst-segv (250 logs "burst <i>", then at once
// the crash, with a transport that takes 300 ms per envelope), deliver (a normal start that sends what earlier runs left, as
// release crash-helper@2.0, diagnostics on stdout as "diag: ..."),
// deliver-drop-logs and deliver-edit-logs (the same with a before_send_log
// that drops every log, saying so on stdout, or edits its body and adds
// "edited.by"). Before
// crashing it logs a structured log that is still waiting for its batch.
// Every envelope the SDK sends is written to <out folder> by a transport that
// writes files, so the test sees what would reach Sentry.
#include <sentry/logs.hpp>
#include <sentry/sentry.hpp>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>

namespace {

class file_transport : public sentry::transport {
 public:
  // `pause`: how long each send takes after writing its file (a slow server).
  file_transport(std::string folder, std::chrono::milliseconds pause) : folder_(std::move(folder)), pause_(pause) {}
  void send(sentry::envelope&& env) noexcept override {
    std::ofstream(folder_ + "/sent-" + std::to_string(count_++) + ".envelope", std::ios::binary)
        << env.serialize();
    std::this_thread::sleep_for(pause_);
  }

 private:
  std::string folder_;
  std::chrono::milliseconds pause_;
  int count_ = 0;
};

std::size_t files_in(const std::string& folder) {
  std::size_t n = 0;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    (void)entry;
    ++n;
  }
  return n;
}

}  // namespace

// Not null, so that UBSan's null check does not stop the program first.
volatile std::uintptr_t crash_helper_bad_address = 0x10;

__attribute__((noinline)) void crash_helper_segfault() {
  *reinterpret_cast<volatile int*>(crash_helper_bad_address) = 42;
  asm volatile("" ::: "memory");
}

__attribute__((noinline)) void crash_helper_abort() {
  std::abort();
}

__attribute__((noinline)) void crash_helper_throw() {
  throw std::runtime_error("crash_helper: nobody catches this");
}

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: crash_helper <mode> <cache folder> <out folder>\n");
    return 2;
  }
  const std::string mode = argv[1];
  const std::string out = argv[3];

  sentry::options opts;
  const bool deliver = mode.rfind("deliver", 0) == 0;
  opts.dsn = "http://publickey@127.0.0.1:9/42";
  opts.release = deliver ? "crash-helper@2.0" : "crash-helper@1.0";
  if (deliver) {
    opts.debug = true;
    opts.diagnostic_logger = [](sentry::level, std::string_view m) {
      std::printf("diag: %.*s\n", static_cast<int>(m.size()), m.data());
    };
  }
  if (mode == "deliver-drop-logs") {
    opts.before_send_log = [](sentry::log_entry& e) {
      std::printf("before_send_log dropped: %s\n", e.body.c_str());
      return false;
    };
  }
  if (mode == "deliver-edit-logs") {
    opts.before_send_log = [](sentry::log_entry& e) {
      e.body = "edited: " + e.body;
      e.attributes["edited.by"] = "next start";
      return true;
    };
  }
  opts.cache_path = argv[2];
  // burst-segv: the worker is still sending the first full batch of logs
  // when the process crashes, so the second one is still in its queue.
  const auto pause = std::chrono::milliseconds(mode == "burst-segv" ? 300 : 0);
  opts.transport = [out, pause](const sentry::transport_context&) {
    return std::make_unique<file_transport>(out, pause);
  };
  opts.on_crashed_last_run = [] { std::printf("on_crashed_last_run\n"); };
  opts.enable_logs = true;
  sentry::init(std::move(opts));
  std::printf("files after init: %zu\n", files_in(out));
  std::fflush(stdout);

  if (deliver) {
    sentry::flush(std::chrono::seconds(5));
    sentry::close();
    return 0;
  }
  sentry::set_tag("crash.mode", mode);
  sentry::user u;
  u.id = "user-42";
  sentry::set_user(u);
  sentry::breadcrumb crumb;
  crumb.message = "about to crash";
  sentry::add_breadcrumb(crumb);
  sentry::flush(std::chrono::seconds(2));  // the crash snapshot now holds the scope
  if (mode == "burst-segv") {
    // Two full batches handed to the worker's queue, 50 logs waiting.
    for (int i = 0; i < 250; ++i) sentry::logger::info("burst {}", i);
    crash_helper_segfault();
  }
  // A structured log still waiting for its batch (5 s) when the process dies:
  // the signal handler writes it beside the crash report.
  sentry::logger::warn("order {} pending at crash", 1234);
  if (mode == "segv-now") crash_helper_segfault();
  if (mode == "abort-now") crash_helper_abort();
  if (mode != "late-segv") std::this_thread::sleep_for(std::chrono::milliseconds(800));

  if (mode == "late-segv") {
    std::this_thread::sleep_for(std::chrono::milliseconds(2300));
    sentry::flush(std::chrono::seconds(2));
  }
  if (mode == "segv" || mode == "late-segv") crash_helper_segfault();
  if (mode == "abort") crash_helper_abort();
  if (mode == "throw") crash_helper_throw();
  std::fprintf(stderr, "unknown mode %s\n", mode.c_str());
  return 2;
}
