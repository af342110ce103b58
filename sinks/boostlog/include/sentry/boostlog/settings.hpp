// sentry/boostlog/settings.hpp: the "Sentry" destination of Boost.Log settings
// files.
//
//   sentry::boostlog::register_sink_factory();
//   boost::log::init_from_stream(file);
//
//   [Sinks.Sentry]
//   Destination=Sentry
//   Filter="%Severity% >= info"
//   Asynchronous=false
//   ContextTags="request_id,tenant"      # Boost's parser needs the quotes
//   ContextAttributes="session,user"     # optional; default: every attribute
//   MinimumEventLevel=error
//   MinimumBreadcrumbLevel=info
//   MinimumLogLevel=info                 # structured logs, when the SDK enables them
//   SeverityAttribute=Severity
//   ChannelAttribute=Channel
//   Dsn="https://key@o1.ingest.sentry.io/1"
//   Release="my-app@1.2.3"
//   Environment=staging
//
// Boost's parser reads an unquoted value as one word (letters, digits, _ . -
// and the like): quote lists, DSNs, releases with '@' and filters.
// Every key is optional. Filter and Asynchronous mean what they mean for
// Boost's own sinks (the factory applies them itself); the Sentry filter of
// make_filter() is always AND-ed in. Levels accept trace, debug, info,
// warning (warn), error, fatal (critical), in any case.
//
// SDK initialization: when code has not initialized the SDK
// (sentry::is_initialized() is false), the first Sentry section does, with
// the `sdk` options given at registration, its Dsn, Release and Environment
// filling what those leave empty, and the environment (SENTRY_DSN, ...) what
// is still empty; so a section without Dsn still initializes the SDK from
// SENTRY_DSN. When code has initialized the SDK, those keys are checked but
// not used: code wins. When a section initialized the SDK, Boost.Log's core is
// flushed and the SDK closed at exit (std::atexit); calling sentry::close()
// earlier is fine.
//
// Errors: a bad value or an unknown key makes init_from_settings() /
// init_from_stream() throw boost::log::invalid_value, whose what() names the
// key and says what is expected; this happens at configuration time only.
//
// Threading: register before parsing settings; registration is thread-safe
// (Boost's registry locks) and may be repeated (the last one counts).
#pragma once

#include "sentry/boostlog/sink.hpp"
#include "sentry/export.hpp"
#include "sentry/options.hpp"

namespace sentry::boostlog {

// Registers the factory under the name "Sentry". `defaults` is what the keys
// of a section start from: use it for what a file cannot say (a severity
// mapping for your own enum, a value renderer). `sdk` is what the SDK is
// initialized with when a section initializes it (before_send, a transport,
// ...). Throws only what Boost.Log's registry throws (std::bad_alloc).
SENTRY_API void register_sink_factory(sink_options defaults = {}, sentry::options sdk = {});

}  // namespace sentry::boostlog
