#include "crash/signal_handler.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <limits.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "crash/crash_files.hpp"
#include "crash/crash_logs.hpp"
#include "crash/crash_snapshot.hpp"
#include "stacktrace/capture.hpp"

namespace sentry::detail::crash {
namespace {

constexpr int handled_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};
constexpr std::int64_t startup_window_ns = 2'000'000'000;
constexpr std::size_t alt_stack_size = 64 * 1024;

struct previous_actions {
  struct sigaction action[NSIG];
};

// Static storage only: the handler may not allocate.
char g_folder[PATH_MAX];
previous_actions g_previous;
std::atomic<bool> g_installed{false};
std::atomic<bool> g_handling{false};
std::atomic<bool> g_reported{false};
std::atomic<std::int64_t> g_init_ns{0};
char g_json[128 * 1024];
void* g_alt_stack = nullptr;

std::int64_t now_ns(clockid_t clock) noexcept {
  struct timespec ts {};
  ::clock_gettime(clock, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

// Appends to a fixed buffer; stops (and remembers it) when full.
class writer {
 public:
  writer(char* buffer, std::size_t size) noexcept : begin_(buffer), pos_(buffer), end_(buffer + size) {}
  writer& put(const char* s, std::size_t n) noexcept {
    if (static_cast<std::size_t>(end_ - pos_) < n) {
      full_ = true;
      return *this;
    }
    std::memcpy(pos_, s, n);
    pos_ += n;
    return *this;
  }
  writer& put(const char* s) noexcept { return put(s, std::strlen(s)); }
  writer& dec(std::uint64_t v, int min_digits = 1) noexcept {
    char digits[24];
    int n = 0;
    do {
      digits[n++] = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v != 0 || n < min_digits);
    char out[24];
    for (int i = 0; i < n; ++i) out[i] = digits[n - 1 - i];
    return put(out, static_cast<std::size_t>(n));
  }
  writer& hex(std::uint64_t v) noexcept {
    static const char digits[] = "0123456789abcdef";
    char out[20] = {'0', 'x'};
    int n = 0;
    char rev[16];
    do {
      rev[n++] = digits[v & 0xf];
      v >>= 4;
    } while (v != 0);
    for (int i = 0; i < n; ++i) out[2 + i] = rev[n - 1 - i];
    return put(out, static_cast<std::size_t>(2 + n));
  }
  // A JSON string of plain text: quotes, backslashes and control characters dropped.
  writer& text(const char* s) noexcept {
    put("\"", 1);
    for (; *s != '\0'; ++s) {
      const auto c = static_cast<unsigned char>(*s);
      if (c >= 0x20 && c != '"' && c != '\\') put(s, 1);
    }
    return put("\"", 1);
  }
  std::size_t size() const noexcept { return static_cast<std::size_t>(pos_ - begin_); }
  const char* data() const noexcept { return begin_; }
  bool full() const noexcept { return full_; }

 private:
  char* begin_;
  char* pos_;
  char* end_;
  bool full_ = false;
};

const char* signal_name(int sig) noexcept {
  switch (sig) {
    case SIGSEGV: return "SIGSEGV";
    case SIGBUS: return "SIGBUS";
    case SIGILL: return "SIGILL";
    case SIGFPE: return "SIGFPE";
    case SIGABRT: return "SIGABRT";
    default: return "SIGNAL";
  }
}

const char* signal_description(int sig) noexcept {
  switch (sig) {
    case SIGSEGV: return "Segmentation fault";
    case SIGBUS: return "Bus error";
    case SIGILL: return "Illegal instruction";
    case SIGFPE: return "Floating-point exception";
    case SIGABRT: return "Aborted";
    default: return "Fatal signal";
  }
}

bool write_all(int fd, const char* data, std::size_t size) noexcept {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

// "<folder>/<ns 20 digits>-<pid>[-startup]": the name of this crash's files
// without their suffix (crash_suffix, logs_suffix).
void crash_stem(char* stem, std::size_t size) noexcept {
  writer f(stem, size - 1);
  f.put(g_folder).put("/").dec(static_cast<std::uint64_t>(now_ns(CLOCK_REALTIME)), 20).put("-");
  f.dec(static_cast<std::uint64_t>(::getpid()));
  const std::int64_t since_init = now_ns(CLOCK_MONOTONIC) - g_init_ns.load(std::memory_order_relaxed);
  if (since_init < startup_window_ns) f.put(startup_marker);
  stem[f.size()] = '\0';
}

// A file written as "<folder>/.crash-<pid><suffix>.partial" and renamed to
// "<stem><suffix>" once complete (the next start never sees half a file).
class crash_file {
 public:
  crash_file(const char* stem, const char* suffix) noexcept {
    writer p(partial_, sizeof partial_ - 1);
    p.put(g_folder).put("/.crash-").dec(static_cast<std::uint64_t>(::getpid())).put(suffix).put(".partial");
    partial_[p.size()] = '\0';
    writer f(final_, sizeof final_ - 1);
    f.put(stem).put(suffix);
    final_[f.size()] = '\0';
    ok_ = !p.full() && !f.full();
    fd_ = ok_ ? ::open(partial_, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600) : -1;
    ok_ = fd_ >= 0;
  }
  crash_file(const crash_file&) = delete;
  crash_file& operator=(const crash_file&) = delete;
  bool write(const char* data, std::size_t size) noexcept {
    ok_ = ok_ && write_all(fd_, data, size);
    return ok_;
  }
  // Syncs, closes and renames; false (and no file) when anything failed.
  bool finish() noexcept {
    if (fd_ < 0) return false;
    ok_ = ::fsync(fd_) == 0 && ok_;
    ::close(fd_);
    fd_ = -1;
    if (!ok_ || ::rename(partial_, final_) != 0) {
      ::unlink(partial_);
      return false;
    }
    return true;
  }
  ~crash_file() {
    if (fd_ >= 0) {
      ::close(fd_);
      ::unlink(partial_);
    }
  }

 private:
  char partial_[PATH_MAX + 64];
  char final_[PATH_MAX + 64];
  int fd_ = -1;
  bool ok_ = false;
};

bool write_file(const char* stem, const char* const* parts, const std::size_t* sizes,
                std::size_t count) noexcept {
  crash_file file(stem, crash_suffix);
  for (std::size_t i = 0; i < count; ++i) file.write(parts[i], sizes[i]);
  return file.finish();
}

// The log dump's bytes through a static buffer into a crash_file.
char g_dump_buffer[64 * 1024];

class file_dump_sink final : public dump_sink {
 public:
  explicit file_dump_sink(crash_file& file) noexcept : file_(file) {}
  bool put(const void* data, std::size_t size) noexcept override {
    const char* p = static_cast<const char*>(data);
    if (size > sizeof g_dump_buffer - used_) {
      if (!flush()) return false;
      if (size > sizeof g_dump_buffer) return file_.write(p, size);
    }
    std::memcpy(g_dump_buffer + used_, p, size);
    used_ += size;
    return true;
  }
  bool flush() noexcept {
    const bool ok = file_.write(g_dump_buffer, used_);
    used_ = 0;
    return ok;
  }

 private:
  crash_file& file_;
  std::size_t used_ = 0;
};

// The structured logs still to be sent, in "<stem>.logs" (crash_logs.hpp).
void write_logs_file(const char* stem) noexcept {
  if (!take_crash_logs()) return;
  crash_file file(stem, logs_suffix);
  file_dump_sink sink(file);
  write_taken_logs(sink);
  sink.flush();
  file.finish();
}

// The event's own members: timestamp, the exception with the stack, the thread.
void write_crash_members(writer& w, int sig, const siginfo_t* info, const void* ucontext) noexcept {
  std::uintptr_t frames[max_stack_frames];
  const std::size_t count = capture_addresses_from_context(ucontext, frames, max_stack_frames);
  const auto tid = static_cast<std::uint64_t>(::syscall(SYS_gettid));
  char thread_name[17] = {};
  ::prctl(PR_GET_NAME, thread_name, 0, 0, 0);

  const std::int64_t ns = now_ns(CLOCK_REALTIME);
  w.put("\"timestamp\":").dec(static_cast<std::uint64_t>(ns / 1'000'000'000)).put(".");
  w.dec(static_cast<std::uint64_t>(ns % 1'000'000'000 / 1'000'000), 3);

  w.put(",\"exception\":{\"values\":[{\"type\":").text(signal_name(sig));
  w.put(",\"value\":\"").put(signal_description(sig));
  if (info != nullptr && (sig == SIGSEGV || sig == SIGBUS)) {
    w.put(" at ").hex(reinterpret_cast<std::uintptr_t>(info->si_addr));
  }
  w.put("\",\"thread_id\":").dec(tid);
  w.put(",\"mechanism\":{\"type\":\"signalhandler\",\"synthetic\":true,\"handled\":false,");
  w.put("\"meta\":{\"signal\":{\"number\":").dec(static_cast<std::uint64_t>(sig));
  if (info != nullptr && info->si_code >= 0) w.put(",\"code\":").dec(static_cast<std::uint64_t>(info->si_code));
  w.put(",\"name\":").text(signal_name(sig)).put("}}}");
  w.put(",\"stacktrace\":{\"frames\":[");
  for (std::size_t i = count; i-- > 0;) {  // oldest first
    w.put("{\"instruction_addr\":\"").hex(frames[i]).put("\"}");
    if (i > 0) w.put(",");
  }
  w.put("],\"instruction_addr_adjustment\":\"all_but_first\"}}]}");

  w.put(",\"threads\":{\"values\":[{\"id\":").dec(tid).put(",\"name\":").text(thread_name);
  w.put(",\"crashed\":true,\"current\":true,\"main\":");
  w.put(tid == static_cast<std::uint64_t>(::getpid()) ? "true" : "false").put("}]}");
}

bool write_crash_report_as(const char* stem, int sig, const siginfo_t* info, const void* ucontext) noexcept {
  const crash_snapshot* snapshot = current_snapshot();
  if (snapshot == nullptr || g_folder[0] == '\0') return false;
  writer members(g_json, sizeof g_json);
  write_crash_members(members, sig, info, ucontext);
  if (members.full()) return false;
  const std::size_t tail = snapshot->event_tail.empty() ? 1 : snapshot->event_tail.size();
  const std::size_t length = 1 + members.size() + tail;
  char item_header[96];
  writer h(item_header, sizeof item_header);
  h.put("{\"type\":\"event\",\"length\":").dec(length).put("}\n");
  const char* parts[] = {snapshot->envelope_header.data(), h.data(), "{", members.data(),
                         snapshot->event_tail.empty() ? "}" : snapshot->event_tail.data(), "\n"};
  const std::size_t sizes[] = {snapshot->envelope_header.size(), h.size(), 1, members.size(), tail, 1};
  return write_file(stem, parts, sizes, 6);
}

void write_crash_marker_as(const char* stem) noexcept {
  if (g_folder[0] == '\0') return;
  const char* parts[] = {""};
  const std::size_t sizes[] = {0};
  write_file(stem, parts, sizes, 1);
}

void restore_previous() noexcept {
  for (int sig : handled_signals) ::sigaction(sig, &g_previous.action[sig], nullptr);
}

void on_fatal_signal(int sig, siginfo_t* info, void* ucontext) {
  const int saved_errno = errno;
  if (!g_handling.exchange(true) && g_folder[0] != '\0') {
    char stem[PATH_MAX + 64];
    crash_stem(stem, sizeof stem);
    if (g_reported.load()) {
      write_crash_marker_as(stem);  // the terminate handler sent the report and the logs
    } else {
      // The report first: should reading the logs fault, the report is kept.
      if (!write_crash_report_as(stem, sig, info, ucontext)) {
        write_crash_marker_as(stem);  // at least on_crashed_last_run and start-up detection
      }
      write_logs_file(stem);
    }
  }
  restore_previous();
  g_installed.store(false);
  errno = saved_errno;
  // A fault raised by the CPU happens again when we return, now reaching the
  // previous handler or the default action; a signal sent by a process
  // (abort, kill) is sent again for them.
  const bool sent = info == nullptr || info->si_code <= 0 || sig == SIGABRT;
  const struct sigaction& previous = g_previous.action[sig];
  if (!(previous.sa_flags & SA_SIGINFO) && previous.sa_handler == SIG_IGN) {
    ::signal(sig, SIG_DFL);  // an ignored fault would loop forever
  }
  if (sent) ::raise(sig);  // delivered once this handler returns
}

}  // namespace

bool write_crash_report(int sig, const siginfo_t* info, const void* ucontext) noexcept {
  char stem[PATH_MAX + 64];
  crash_stem(stem, sizeof stem);
  return write_crash_report_as(stem, sig, info, ucontext);
}


void write_crash_marker() noexcept {
  char stem[PATH_MAX + 64];
  crash_stem(stem, sizeof stem);
  write_crash_marker_as(stem);
}

void mark_crash_reported() noexcept { g_reported.store(true); }

bool install_signal_handlers(const std::string& folder) noexcept {
  if (folder.empty() || folder.size() >= sizeof g_folder) return false;
  std::error_code ec;
  if (!std::filesystem::exists(folder, ec)) {
    std::filesystem::create_directories(folder, ec);
    ::chmod(folder.c_str(), 0700);
  }
  if (!std::filesystem::is_directory(folder, ec)) return false;
  std::memcpy(g_folder, folder.c_str(), folder.size() + 1);
  g_init_ns.store(now_ns(CLOCK_MONOTONIC));
  if (g_installed.load()) return true;
  warm_up_unwinder();
  if (g_alt_stack == nullptr) g_alt_stack = std::malloc(alt_stack_size);  // kept for the process
  if (g_alt_stack != nullptr) {
    stack_t ss{};
    ss.ss_sp = g_alt_stack;
    ss.ss_size = alt_stack_size;
    ::sigaltstack(&ss, nullptr);
  }
  struct sigaction action {};
  action.sa_sigaction = on_fatal_signal;
  action.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigemptyset(&action.sa_mask);
  for (int sig : handled_signals) ::sigaction(sig, &action, &g_previous.action[sig]);
  g_handling.store(false);
  g_reported.store(false);
  g_installed.store(true);
  return true;
}

void uninstall_signal_handlers() noexcept {
  if (!g_installed.exchange(false)) return;
  for (int sig : handled_signals) {
    struct sigaction current {};
    ::sigaction(sig, nullptr, &current);
    if ((current.sa_flags & SA_SIGINFO) && current.sa_sigaction == on_fatal_signal) {
      ::sigaction(sig, &g_previous.action[sig], nullptr);
    }
  }
}

}  // namespace sentry::detail::crash
