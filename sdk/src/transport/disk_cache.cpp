#include "transport/disk_cache.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace sentry::detail {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view suffix = ".envelope";
constexpr std::string_view temp_prefix = ".tmp-";
constexpr auto stale_temp_age = std::chrono::minutes(1);

bool ends_with(std::string_view s, std::string_view end) {
  return s.size() >= end.size() && s.substr(s.size() - end.size()) == end;
}

std::string errno_text(const char* what) {
  return std::string(what) + ": " + std::strerror(errno);
}

// <nanoseconds since the epoch, 20 digits>-<pid>-<sequence>.envelope: names
// sort by creation time and never collide between processes.
std::string new_name() {
  static std::atomic<unsigned> sequence{0};
  const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
  char name[96];
  std::snprintf(name, sizeof name, "%020lld-%d-%u", static_cast<long long>(ns),
                static_cast<int>(::getpid()), sequence.fetch_add(1));
  return std::string(name) + std::string(suffix);
}

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// Temporary files of writers that died; a live writer's are younger.
void remove_stale_temporaries(const std::string& folder) {
  std::error_code ec;
  const auto now = fs::file_time_type::clock::now();
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind(temp_prefix, 0) != 0) continue;
    std::error_code time_ec;
    const auto written = fs::last_write_time(it->path(), time_ec);
    if (!time_ec && now - written > stale_temp_age) fs::remove(it->path(), time_ec);
  }
}

}  // namespace

std::optional<disk_cache> disk_cache::open(const std::string& folder, std::string* error) {
  try {
    if (folder.empty()) {
      if (error) *error = "empty cache path";
      return std::nullopt;
    }
    std::error_code ec;
    const fs::path p(folder);
    if (p.has_parent_path()) fs::create_directories(p.parent_path(), ec);
    if (::mkdir(folder.c_str(), 0700) != 0 && errno != EEXIST) {
      if (error) *error = errno_text(("cannot create " + folder).c_str());
      return std::nullopt;
    }
    struct stat st{};
    if (::stat(folder.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
      if (error) *error = folder + " is not a folder";
      return std::nullopt;
    }
    if ((st.st_mode & 0777) != 0700 && ::chmod(folder.c_str(), 0700) != 0) {
      if (error) *error = errno_text(("cannot make " + folder + " private (0700)").c_str());
      return std::nullopt;
    }
    remove_stale_temporaries(folder);
    return disk_cache(folder);
  } catch (...) {
    if (error) *error = "out of memory opening the cache";
    return std::nullopt;
  }
}

std::optional<std::string> disk_cache::store(std::string_view bytes, std::string* error) const {
  try {
    const std::string name = new_name();
    const std::string temp = path(std::string(temp_prefix) + name);
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
      if (error) *error = errno_text(("cannot write " + temp).c_str());
      return std::nullopt;
    }
    const bool written = write_all(fd, bytes);
    const bool closed = ::close(fd) == 0;
    if (!written || !closed || std::rename(temp.c_str(), path(name).c_str()) != 0) {
      if (error) *error = errno_text(("cannot write " + path(name)).c_str());
      ::unlink(temp.c_str());
      return std::nullopt;
    }
    return name;
  } catch (...) {
    if (error) *error = "out of memory writing to the cache";
    return std::nullopt;
  }
}

void disk_cache::remove(const std::string& name) const noexcept {
  try {
    ::unlink(path(name).c_str());
  } catch (...) {
  }
}

std::optional<std::string> disk_cache::load(const std::string& name) const {
  try {
    const int fd = ::open(path(name).c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    std::string bytes;
    char buffer[64 * 1024];
    for (;;) {
      const ssize_t n = ::read(fd, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        ::close(fd);
        return std::nullopt;
      }
      if (n == 0) break;
      bytes.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return bytes;
  } catch (...) {
    return std::nullopt;
  }
}

std::vector<std::string> disk_cache::list() const {
  std::vector<std::string> names;
  try {
    std::error_code ec;
    for (fs::directory_iterator it(folder_, ec), end; !ec && it != end; it.increment(ec)) {
      std::string name = it->path().filename().string();
      if (name.rfind(temp_prefix, 0) == 0 || !ends_with(name, suffix)) continue;
      names.push_back(std::move(name));
    }
    std::sort(names.begin(), names.end());
  } catch (...) {
  }
  return names;
}

}  // namespace sentry::detail
