// Private: source lines around a frame's line (PROTOCOL §8.3).
//
// Worker thread; not thread-safe (stack_processor serializes its use). Reads
// regular text files of at most max_source_file_bytes once and keeps up to
// max_cached_files of them; binary files (a NUL byte) and unreadable ones are
// remembered as such and skipped.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sentry/event.hpp"

namespace sentry::detail {

inline constexpr std::size_t context_lines = 5;          // before and after
inline constexpr std::size_t max_context_line_bytes = 256;  // longer lines are cut
inline constexpr std::size_t max_source_file_bytes = 4u << 20;
inline constexpr std::size_t max_cached_files = 64;

class source_reader {
 public:
  // Sets pre_context, context_line and post_context of `f` from the file
  // `f.abs_path` around `f.lineno`. False (and `f` untouched) when there is
  // no such line in a readable text file.
  bool apply(frame& f);

 private:
  using lines = std::vector<std::string>;  // empty: unusable file
  const lines& load(const std::string& path);
  std::map<std::string, std::shared_ptr<const lines>> files_;
};

}  // namespace sentry::detail
