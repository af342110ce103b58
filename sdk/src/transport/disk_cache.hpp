// Private: the offline cache's files (PROTOCOL §9.3).
//
// One file per envelope in a folder of its own: the folder is created (or
// made) 0700, every file is written 0600 to a temporary name and renamed, so
// a reader (the next process) sees whole files only, even after SIGKILL.
// Names sort oldest first. Nothing here decides what to keep; the transport
// does. Worker thread only; never throws.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sentry::detail {

class disk_cache {
 public:
  // Creates the folder when missing. nullopt, with the reason in `error`,
  // when it cannot be used.
  static std::optional<disk_cache> open(const std::string& folder, std::string* error);

  // Writes `bytes` as a new file; returns its name, or nullopt with a reason.
  std::optional<std::string> store(std::string_view bytes, std::string* error) const;
  // Removes a file (no error when it is already gone).
  void remove(const std::string& name) const noexcept;
  std::optional<std::string> load(const std::string& name) const;
  // The names of the cached envelopes, oldest first.
  std::vector<std::string> list() const;

  const std::string& folder() const noexcept { return folder_; }

 private:
  explicit disk_cache(std::string folder) : folder_(std::move(folder)) {}
  std::string path(const std::string& name) const { return folder_ + "/" + name; }

  std::string folder_;
};

}  // namespace sentry::detail
