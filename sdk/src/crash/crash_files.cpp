#include "crash/crash_files.hpp"

#include <cstring>
#include <map>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

namespace sentry::detail::crash {

namespace fs = std::filesystem;

namespace {

bool ends_with(const std::string& s, const std::string& end) {
  return s.size() >= end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0;
}

}  // namespace

last_run take_last_run(const std::string& folder) {
  last_run result;
  if (folder.empty()) return result;
  try {
    // The files of one crash share their name but the suffix (its stem).
    std::map<std::string, std::pair<bool, bool>> stems;  // stem -> (.crash, .logs)
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (name[0] == '.') continue;
      if (ends_with(name, crash_suffix)) {
        stems[name.substr(0, name.size() - std::strlen(crash_suffix))].first = true;
      } else if (ends_with(name, logs_suffix)) {
        stems[name.substr(0, name.size() - std::strlen(logs_suffix))].second = true;
      }
    }
    const auto take = [&](const std::string& name) {
      const fs::path path = fs::path(folder) / name;
      std::ifstream in(path, std::ios::binary);
      std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      in.close();
      fs::remove(path, ec);
      return bytes;
    };
    for (const auto& [stem, found] : stems) {
      crash_files crash;
      result.crashed = true;
      if (ends_with(stem, startup_marker)) result.startup_crash = true;
      if (found.first) {
        const std::string bytes = take(stem + crash_suffix);
        if (auto env = envelope::parse(bytes)) {
          crash.report = std::move(*env);
        } else if (!bytes.empty()) {  // empty: a marker
          result.problems.push_back("unreadable crash report " + stem + crash_suffix + " removed");
        }
      }
      if (found.second) crash.log_dump = take(stem + logs_suffix);
      result.crashes.push_back(std::move(crash));
    }
  } catch (const std::exception& e) {
    result.problems.push_back(std::string("reading crash reports failed: ") + e.what());
  } catch (...) {
    result.problems.push_back("reading crash reports failed");
  }
  return result;
}

}  // namespace sentry::detail::crash
