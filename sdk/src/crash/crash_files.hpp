// Private: the files a crash leaves in the cache folder, and reading them at
// the next start.
//
// File naming (in options::cache_path, beside the transport's disk cache):
//   <ns since epoch, 20 digits>-<pid>.crash           a crash's envelope
//   <ns since epoch, 20 digits>-<pid>-startup.crash   the same, for a crash
//                                                     within 2 s of init
//   <the same>.logs                                   the structured logs
//                                                     still to be sent then
//                                                     (logs/log_dump.hpp)
//   .crash-<pid>[.logs].partial                       being written
// The ".crash" suffix keeps them out of the disk cache's listing (it reads
// "*.envelope" only): the next init hands them to the client's queue like
// any envelope, whatever the transport, and deletes them; the transport
// then caches and sends them as usual. A crash's logs go with its report.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sentry/envelope.hpp"

namespace sentry::detail::crash {

inline constexpr const char* crash_suffix = ".crash";
inline constexpr const char* startup_marker = "-startup";
inline constexpr const char* logs_suffix = ".logs";

// What one crash left.
struct crash_files {
  std::optional<envelope> report;  // none for a marker or an unreadable file
  std::string log_dump;            // the .logs file's bytes; empty when none
};

struct last_run {
  std::vector<crash_files> crashes;  // oldest first
  bool crashed = false;             // at least one crash file was found
  bool startup_crash = false;       // one of them happened within 2 s of init
  std::vector<std::string> problems;  // unreadable files (removed)
};

// Reads and removes the crash files of earlier runs in `folder`. Never throws.
last_run take_last_run(const std::string& folder);

}  // namespace sentry::detail::crash
