// Private: fatal signals (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT).
//
// install() saves the previous actions, gives the calling thread an
// alternate signal stack (so a stack overflow on it can still be reported;
// other threads keep their own), and installs a handler that, once per
// process: walks the crashing thread's stack from the signal context, writes
// the current crash_snapshot plus the exception (mechanism "signalhandler",
// synthetic, unhandled, meta.signal), the crashing thread and its frames as
// an envelope file into the folder (see crash_files.hpp), and the structured
// logs still to be sent into a file beside it (crash_logs.hpp), then
// restores the previous actions and lets the signal take its course (the
// previous handler runs, or the default action ends the process with that
// signal). The handler only uses async-signal-safe calls and static
// buffers: no malloc, no blocking lock (the logs are taken under try-locks
// retried briefly). Frames carry addresses only; Sentry symbolicates them
// with the snapshot's debug images.
#pragma once

#include <csignal>
#include <string>

namespace sentry::detail::crash {

// Installs (or, when installed, updates the folder and the init time used
// for start-up crash detection). Creates the folder (0700) when missing.
// False when it is empty, too long or not a usable directory.
bool install_signal_handlers(const std::string& folder) noexcept;
// Restores the previous actions (when ours are still installed).
void uninstall_signal_handlers() noexcept;

// The uncaught-exception path reported the crash already: the SIGABRT that
// follows only leaves the marker file (no second report).
void mark_crash_reported() noexcept;
// Writes an empty crash file (a marker for on_crashed_last_run and start-up
// crash detection). Async-signal-safe.
void write_crash_marker() noexcept;

// What the handler writes, callable outside a handler for tests: the crash
// envelope for `sig` with the stack of `ucontext`. True when written.
bool write_crash_report(int sig, const siginfo_t* info, const void* ucontext) noexcept;

}  // namespace sentry::detail::crash
