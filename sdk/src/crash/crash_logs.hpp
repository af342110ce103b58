// Private: the structured logs a fatal signal would lose, written by the
// signal handler beside the crash report ("<stem>.logs", see crash_files.hpp)
// in the raw form of logs/log_dump.hpp, and sent at the next start.
//
// The client registers where its logs wait (set_log_source, at init). In the
// handler, take_crash_logs asks that source to hand the logs over: moved
// out of the client (vectors swapped into holders prepared here), never
// copied, so that nobody sends them a second time, and taken only under a
// try-lock retried briefly (take_briefly: at most ~50 ms per lock, then the
// logs of that place are left). Everything the handler does here is
// async-signal-safe: static buffers, try-locks, nanosleep (the file itself is
// written by signal_handler.cpp).
#pragma once

#include <cstddef>
#include <string_view>

#include "logs/log_batcher.hpp"
#include "logs/log_dump.hpp"

namespace sentry::detail::crash {

// Holders the source may fill (each an empty log_batch to swap with).
inline constexpr std::size_t crash_log_holders = 64;

// Called in the signal handler: moves the logs still to be sent into
// holders[0..count) (oldest first) and returns how many it filled; sets
// `*unavailable` when some place stayed locked. Must not allocate or block.
using take_logs_fn = std::size_t (*)(void* context, log_batch* holders, std::size_t count,
                                     bool* unavailable) noexcept;

// Registers the source, and records the run's default log attributes (their
// JSON) and whether logs carry the user (send_default_pii) for the dump.
// Replaces an earlier source. Not async-signal-safe (init).
void set_log_source(take_logs_fn fn, void* context, std::string_view default_attributes_json,
                    bool send_default_pii);
// No logs are written from now on (close).
void clear_log_source() noexcept;

// Retries attempt() (a try-lock) with 1 ms sleeps between tries, at most
// ~50 ms; true as soon as it succeeds. Async-signal-safe.
template <typename F>
bool take_briefly(F&& attempt) noexcept;

// In the handler: takes the logs from the source. True when there is
// something to write (logs, or the note that they could not be taken).
bool take_crash_logs() noexcept;
// In the handler, after take_crash_logs: the dump of what it took.
void write_taken_logs(dump_sink& out) noexcept;

// ---- implementation ----
void sleep_a_millisecond() noexcept;

template <typename F>
bool take_briefly(F&& attempt) noexcept {
  for (int i = 0; i < 50; ++i) {
    if (attempt()) return true;
    sleep_a_millisecond();
  }
  return attempt();
}

}  // namespace sentry::detail::crash
