// sentry/log4cplus/appender.hpp: a log4cplus (2.0 and newer) appender that
// reports to Sentry.
//
// Records at or above minimum_event_level become Sentry events, records at or
// above minimum_breadcrumb_level breadcrumbs attached to later events, and,
// when the SDK's enable_logs is on, records at or above minimum_log_level
// Sentry structured logs. MDC entries named in context_tags become tags; the
// other MDC entries and the NDC (key "ndc") go to the event's "log_context"
// context. A record logged inside a catch block, synchronously, carries the
// exception being handled. Records logged through the SENTRY_LOG4CPLUS_*_FMT
// macros (sentry/log4cplus/macros.hpp) also carry their printf template and
// arguments, so Sentry groups them by template.
//
// In code:
//   logger.addAppender(log4cplus::SharedAppenderPtr(new sentry::log4cplus_appender(opts)));
// From a properties file, after one call to sentry::register_log4cplus_appender():
//   log4cplus.appender.SENTRY=sentry::log4cplus_appender
//   log4cplus.appender.SENTRY.ContextTags=request_id,tenant
//   log4cplus.appender.SENTRY.MinimumEventLevel=ERROR
//   log4cplus.appender.SENTRY.MinimumBreadcrumbLevel=INFO
//   log4cplus.appender.SENTRY.MinimumLogLevel=INFO
//   log4cplus.appender.SENTRY.Dsn=https://key@o1.ingest.sentry.io/1   (optional)
//   log4cplus.appender.SENTRY.Release=shop@1.2.3                       (optional)
//   log4cplus.appender.SENTRY.Environment=staging                      (optional)
// A bad value is reported through log4cplus's LogLog, naming the property, and
// the default is used instead; unknown keys are reported as warnings.
//
// Threading: log4cplus serializes append() per appender. append() never throws
// and does on the calling thread only the log bridge's cheap work (level
// checks, string copies, a scope snapshot, a bounded queue push); a record
// below both thresholds costs one comparison. With AsyncAppend=true or behind
// an AsyncAppender, log4cplus copies the MDC and NDC on the calling thread, so
// tags are the same as with synchronous appends; the exception in flight and
// the printf template are then not available (formatted text only), and an
// exception the appending thread happens to be handling is never attached.
//
// Lifetime: close() waits for log4cplus's asynchronous appends, then flushes
// the SDK within flush_timeout; when this appender started the SDK (a
// properties file's Dsn), close() closes the SDK instead. The destructor
// follows log4cplus's rule and calls destructorImpl(). With AsyncAppend=true,
// shut log4cplus down before the SDK closes: appends still in its thread pool
// when the SDK has closed are lost.
#pragma once

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <log4cplus/appender.h>
#include <log4cplus/helpers/property.h>
#include <log4cplus/loglevel.h>
#include <log4cplus/spi/loggingevent.h>

#include "sentry/export.hpp"
#include "sentry/log_bridge.hpp"
#include "sentry/options.hpp"

namespace sentry {

struct log4cplus_appender_options {
  // Records at or above become events. Any log4cplus level but OFF; a custom
  // level between two standard ones acts as the lower standard level.
  ::log4cplus::LogLevel minimum_event_level = ::log4cplus::ERROR_LOG_LEVEL;
  // Records at or above become breadcrumbs (for the events that follow).
  // OFF_LOG_LEVEL: only the records that become events.
  ::log4cplus::LogLevel minimum_breadcrumb_level = ::log4cplus::INFO_LOG_LEVEL;
  // Records at or above become Sentry structured logs, when the SDK's
  // options::enable_logs is on. OFF_LOG_LEVEL: only the records that become
  // events.
  ::log4cplus::LogLevel minimum_log_level = ::log4cplus::INFO_LOG_LEVEL;
  // MDC keys that become tags; nullopt: the SDK's options::context_tags.
  std::optional<std::vector<std::string>> context_tags;
  // Whether events of records without an exception carry the call-site
  // stack; nullopt: the SDK's options::attach_stacktrace.
  std::optional<bool> attach_stacktrace;
  // How long close() may wait for the SDK to send what was captured.
  std::chrono::milliseconds flush_timeout{2000};
};

class SENTRY_API log4cplus_appender : public ::log4cplus::Appender {
 public:
  explicit log4cplus_appender(log4cplus_appender_options opts = {});
  // Used by log4cplus's factory for properties files (see the keys above).
  explicit log4cplus_appender(const ::log4cplus::helpers::Properties& properties);
  ~log4cplus_appender() override;

  log4cplus_appender(const log4cplus_appender&) = delete;
  log4cplus_appender& operator=(const log4cplus_appender&) = delete;

  // Flushes (or closes the SDK it started); safe to call more than once.
  void close() override;

  const log4cplus_appender_options& appender_options() const noexcept { return opts_; }

 protected:
  void append(const ::log4cplus::spi::InternalLoggingEvent& event) override;

 private:
  log4cplus_appender_options opts_;
  log_bridge bridge_;
  std::atomic<bool> owns_sdk_{false};
};

// Registers sentry::log4cplus_appender in log4cplus's appender factory
// registry under the name "sentry::log4cplus_appender", so that properties
// files can name it. Call it once, after log4cplus is initialized and before
// PropertyConfigurator reads the file; calling it again is harmless (it only
// replaces `defaults`). Thread-safe, never throws; false when log4cplus
// refused the registration.
//
// `defaults`: the options an appender starts the SDK with when its properties
// name a Dsn and code has not initialized the SDK (sentry::is_initialized();
// an init() that left the SDK disabled counts: code wins). Values set in
// `defaults` also win over the file's Dsn/Release/Environment; use them for
// before_send, a transport, ...
SENTRY_API bool register_log4cplus_appender(sentry::options defaults = {}) noexcept;

}  // namespace sentry
