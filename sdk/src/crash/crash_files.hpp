// Private: the files a crash leaves in the cache folder, and reading them at
// the next start.
//
// File naming (in options::cache_path, beside the transport's disk cache):
//   <ns since epoch, 20 digits>-<pid>.crash           a crash's envelope
//   <ns since epoch, 20 digits>-<pid>-startup.crash   the same, for a crash
//                                                     within 2 s of init
//   .crash-<pid>.partial                              being written
// The ".crash" suffix keeps them out of the disk cache's listing (it reads
// "*.envelope" only): the next init hands them to the client's queue like
// any envelope, whatever the transport, and deletes them; the transport
// then caches and sends them as usual.
#pragma once

#include <string>
#include <vector>

#include "sentry/envelope.hpp"

namespace sentry::detail::crash {

inline constexpr const char* crash_suffix = ".crash";
inline constexpr const char* startup_marker = "-startup";

struct last_run {
  std::vector<envelope> envelopes;  // oldest first
  bool crashed = false;             // at least one crash file was found
  bool startup_crash = false;       // one of them happened within 2 s of init
  std::vector<std::string> problems;  // unreadable files (removed)
};

// Reads and removes the crash files of earlier runs in `folder`. Never throws.
last_run take_last_run(const std::string& folder);

}  // namespace sentry::detail::crash
