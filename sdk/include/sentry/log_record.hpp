// sentry/log_record.hpp: a log record in a form every sink can produce.
//
// A sink adapter fills one on the logging thread from its library's record and
// hands it to a log_bridge. Strings are views: they need only live until
// log_bridge::handle() returns (the bridge copies what it keeps), so an
// adapter can fill a record without allocating.
//
// Context fields: a key given twice counts once, with its first value; empty
// keys are ignored.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string_view>

#include "sentry/level.hpp"
#include "sentry/value.hpp"

namespace sentry {

struct context_field {
  std::string_view key;
  std::string_view value;
};

struct log_record {
  sentry::level level = sentry::level::info;
  std::string_view logger;            // logger name / channel
  std::string_view message;           // formatted text
  std::string_view message_template;  // "" when unknown
  const value* params = nullptr;      // the template's arguments, typed
  std::size_t param_count = 0;
  std::chrono::system_clock::time_point timestamp{};  // now() when left default
  std::uint64_t thread_id = 0;        // 0 = the calling thread's
  std::string_view thread_name;       // "" with thread_id 0: the calling thread's
  std::string_view file;
  int line = 0;
  std::string_view function;
  const context_field* context = nullptr;  // logging context (MDC, attributes)
  std::size_t context_size = 0;
  std::exception_ptr exception;  // when the library knows one
  // When `exception` is null, whether the bridge may attach the calling
  // thread's in-flight exception (std::current_exception(), i.e. a record
  // logged inside a catch). A sink that delivers records on another thread
  // than the one that logged them (an asynchronous frontend) sets it false, so
  // an unrelated exception of its worker thread is never attached.
  bool use_current_exception = true;
};

}  // namespace sentry
