#include "crash/crash_files.hpp"

#include <algorithm>
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
    std::vector<std::string> names;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
      std::string name = it->path().filename().string();
      if (name[0] != '.' && ends_with(name, crash_suffix)) names.push_back(std::move(name));
    }
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) {
      const fs::path path = fs::path(folder) / name;
      std::ifstream in(path, std::ios::binary);
      const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      in.close();
      fs::remove(path, ec);
      result.crashed = true;
      if (ends_with(name, std::string(startup_marker) + crash_suffix)) result.startup_crash = true;
      if (auto env = envelope::parse(bytes)) {
        result.envelopes.push_back(std::move(*env));
      } else {
        result.problems.push_back("unreadable crash report " + path.string() + " removed");
      }
    }
  } catch (const std::exception& e) {
    result.problems.push_back(std::string("reading crash reports failed: ") + e.what());
  } catch (...) {
    result.problems.push_back("reading crash reports failed");
  }
  return result;
}

}  // namespace sentry::detail::crash
