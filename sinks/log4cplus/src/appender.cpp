// The appender: a log4cplus event in, the log bridge's log_record out.
#include "sentry/log4cplus/appender.hpp"

#include <charconv>
#include <cstdint>
#include <cstring>
#include <new>
#include <string_view>
#include <vector>

#include <log4cplus/mdc.h>
#include <log4cplus/ndc.h>
#include <log4cplus/thread/threads.h>

#include "levels.hpp"
#include "printf_parameters.hpp"
#include "properties.hpp"
#include "registration.hpp"
#include "sentry/log4cplus/macros.hpp"
#include "sentry/sentry.hpp"

namespace sentry {
namespace {

using ::log4cplus::spi::InternalLoggingEvent;

log_bridge_options bridge_options(const log4cplus_appender_options& opts) {
  log_bridge_options b;
  b.minimum_event_level = log4cplus_detail::to_sentry_level(opts.minimum_event_level);
  // OFF (above FATAL): no record below the event level.
  auto or_event_level = [&](::log4cplus::LogLevel ll) {
    return ll > ::log4cplus::FATAL_LOG_LEVEL ? b.minimum_event_level
                                             : log4cplus_detail::to_sentry_level(ll);
  };
  b.minimum_breadcrumb_level = or_event_level(opts.minimum_breadcrumb_level);
  b.minimum_log_level = or_event_level(opts.minimum_log_level);
  b.context_tags = opts.context_tags;
  b.attach_stacktrace = opts.attach_stacktrace;
  b.origin = "auto.log.log4cplus";
  return b;
}

std::uint64_t parse_id(std::string_view text) noexcept {
  std::uint64_t id = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  return (ec == std::errc() && ptr == text.data() + text.size()) ? id : 0;
}

// log4cplus names a thread by its number unless the program named it.
// Eight characters at a time: a byte is a digit when it is 0x30..0x39.
bool all_digits(std::string_view text) noexcept {
  const char* p = text.data();
  std::size_t n = text.size();
  constexpr std::uint64_t ones = 0x0101010101010101u;
  constexpr std::uint64_t highs = 0x8080808080808080u;
  for (; n >= 8; p += 8, n -= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    // Each byte minus '0' must stay below 10 without borrowing: no high bit
    // in (w - '0') nor in ((w - '0') + (128 - 10)).
    const std::uint64_t d = w - ones * '0';
    if (((w | d | (d + ones * (128 - 10))) & highs) != 0) return false;
  }
  for (; n > 0; ++p, --n) {
    if (*p < '0' || *p > '9') return false;
  }
  return true;
}

// Context fields of one record: the MDC, then the NDC. Kept on the stack for
// the usual handful of entries.
class context_fields {
 public:
  void add(std::string_view key, std::string_view value) {
    if (size_ < kInline) {
      new (&inline_.fields[size_++]) context_field{key, value};
      return;
    }
    if (overflow_.empty()) overflow_.assign(inline_.fields, inline_.fields + kInline);
    overflow_.push_back({key, value});
    ++size_;
  }
  const context_field* data() const noexcept {
    return overflow_.empty() ? inline_.fields : overflow_.data();
  }
  std::size_t size() const noexcept { return size_; }

 private:
  static constexpr std::size_t kInline = 16;
  // Left uninitialized (zeroing 512 bytes per record cost more than the
  // rest of this class): only the first size_ are constructed, by add().
  union inline_fields {
    inline_fields() noexcept {}
    context_field fields[kInline];
  } inline_;
  std::vector<context_field> overflow_;
  std::size_t size_ = 0;
};

}  // namespace

log4cplus_appender::log4cplus_appender(log4cplus_appender_options opts)
    : opts_(log4cplus_detail::checked(std::move(opts))), bridge_(bridge_options(opts_)) {}

log4cplus_appender::log4cplus_appender(const ::log4cplus::helpers::Properties& properties)
    : ::log4cplus::Appender(properties) {
  log4cplus_detail::appender_properties p = log4cplus_detail::read_properties(properties);
  opts_ = std::move(p.options);
  bridge_ = log_bridge(bridge_options(opts_));
  if (!p.dsn.empty()) {
    owns_sdk_.store(log4cplus_detail::start_sdk(p.dsn, p.release, p.environment) ==
                        log4cplus_detail::start_result::started,
                    std::memory_order_release);
  } else if (!p.release.empty() || !p.environment.empty()) {
    log4cplus_detail::report_debug(
        "Release and Environment only apply when the properties' Dsn starts the SDK");
  }
}

log4cplus_appender::~log4cplus_appender() { destructorImpl(); }

void log4cplus_appender::close() {
  // Appends still in flight on log4cplus's thread pool reach the bridge first.
  waitToFinishAsyncLogging();
  // No lock is held while the SDK flushes: its worker may log diagnostics
  // through log4cplus, into this appender (which ignores them).
  if (owns_sdk_.exchange(false, std::memory_order_acq_rel)) {
    sentry::close(opts_.flush_timeout);
  } else {
    sentry::flush(opts_.flush_timeout);
  }
  ::log4cplus::thread::MutexGuard guard(access_mutex);
  closed = true;
}

void log4cplus_appender::append(const InternalLoggingEvent& event) {
  const level lvl = log4cplus_detail::to_sentry_level(event.getLogLevel());
  // The bridge checks the rest (SDK enabled, not the SDK's own record) once,
  // in handle().
  if (lvl < bridge_.minimum_level()) return;
  try {
    log_record record;
    record.level = lvl;
    record.logger = event.getLoggerName();
    record.message = event.getMessage();
    record.timestamp = std::chrono::time_point_cast<std::chrono::system_clock::duration>(
        event.getTimestamp());
    record.file = event.getFile();
    record.line = event.getLine();
    record.function = event.getFunction();

    // The type id is that class's alone (log4cplus's own events are type 1).
    const auto* templated = event.getType() == log4cplus_template_event::type_id()
                                ? static_cast<const log4cplus_template_event*>(&event)
                                : nullptr;
    // Whether this append runs on the thread that logged (synchronous): a
    // template event knows its thread; log4cplus names the logging thread in
    // other events, on the calling thread for asynchronous appends, lazily
    // (now, here) for synchronous ones. Its name is a number unless the
    // program set one (setCurrentThreadName).
    const ::log4cplus::tstring& current_thread = ::log4cplus::thread::getCurrentThreadName();
    bool on_calling_thread;
    const ::log4cplus::tstring* thread;
    if (templated) {
      on_calling_thread = templated->logging_thread_id() == log_bridge::calling_thread_id();
      thread = on_calling_thread ? &current_thread : &event.getThread();
    } else {
      thread = &event.getThread();
      on_calling_thread = *thread == current_thread;
    }
    if (!all_digits(*thread)) record.thread_name = *thread;
    if (!on_calling_thread) {
      record.thread_id = parse_id(event.getThread2());  // the kernel's id, as the SDK's
      // Only a synchronous append runs inside the caller's catch block; the
      // exception this thread may be handling has nothing to do with the record.
      record.use_current_exception = false;
    }

    // An asynchronous append reads the copies log4cplus made on the calling
    // thread; a synchronous one reads that thread's MDC in place (the copy
    // getMDCCopy() would make is the same map), and its NDC only when there
    // is one (the event's copy of an empty NDC is still a copy).
    const ::log4cplus::MappedDiagnosticContextMap& mdc =
        on_calling_thread ? ::log4cplus::getMDC().getContext() : event.getMDCCopy();
    context_fields context;
    for (const auto& entry : mdc) context.add(entry.first, entry.second);
    if (!on_calling_thread || ::log4cplus::getNDC().getDepth() != 0) {
      const ::log4cplus::tstring& ndc = event.getNDC();
      if (!ndc.empty()) context.add("ndc", ndc);
    }
    record.context = context.data();
    record.context_size = context.size();

    std::vector<value> parameters;
    if (templated && bridge_.wants_params(lvl)) {
      record.message_template = templated->message_template();
      if (log4cplus_detail::has_star_arguments(templated->message_template())) {
        parameters = log4cplus_detail::printf_parameters(
            templated->message_template(), templated->arguments(), templated->argument_count());
        record.params = parameters.data();
        record.param_count = parameters.size();
      } else {
        record.params = templated->arguments();
        record.param_count = templated->argument_count();
      }
    }
    bridge_.handle(record);
  } catch (...) {
    // Out of memory while copying the record: the record is lost, the
    // caller's logging is not.
  }
}

}  // namespace sentry
