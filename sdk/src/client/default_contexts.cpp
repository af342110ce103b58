// The contexts every event carries: os, device, runtime (and the compiler
// that built the SDK as a second runtime context).
#include "client/default_contexts.hpp"

#include <sys/utsname.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

namespace sentry::detail {
namespace {

std::string read_file(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// An os-release value: unquoted, or in "..." / '...' with \-escapes in "...".
std::string unquote(std::string_view v) {
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\r')) v.remove_suffix(1);
  if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) {
    const char quote = v.front();
    v = v.substr(1, v.size() - 2);
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (quote == '"' && v[i] == '\\' && i + 1 < v.size()) ++i;
      out.push_back(v[i]);
    }
    return out;
  }
  return std::string(v);
}

// "6.1.0" from "6.1.0-18-amd64": the leading digits and dots.
std::string numeric_prefix(std::string_view release) {
  std::size_t n = 0;
  while (n < release.size() && ((release[n] >= '0' && release[n] <= '9') || release[n] == '.')) ++n;
  while (n > 0 && release[n - 1] == '.') --n;
  return std::string(release.substr(0, n));
}

value_object os_context() {
  value_object os{{"name", "Linux"}};
  utsname uts{};
  if (uname(&uts) == 0) {
    os["name"] = std::string(uts.sysname);
    const std::string version = numeric_prefix(uts.release);
    if (!version.empty()) os["version"] = version;
    os["kernel_version"] = std::string(uts.release);
    // Everything uname says but the hostname (personal data).
    os["raw_description"] = std::string(uts.sysname) + " " + uts.release + " " + uts.version + " " +
                            uts.machine;
  }
  std::string release = read_file("/etc/os-release");
  if (release.empty()) release = read_file("/usr/lib/os-release");
  for (auto& [k, v] : os_release_fields(release)) os[k] = std::move(v);
  return os;
}

std::string compiler_name() {
#if defined(__clang__)
  return "Clang";
#elif defined(__GNUC__)
  return "GCC";
#elif defined(_MSC_VER)
  return "MSVC";
#else
  return "unknown";
#endif
}

std::string compiler_version() {
#if defined(__clang__)
  return std::to_string(__clang_major__) + "." + std::to_string(__clang_minor__) + "." +
         std::to_string(__clang_patchlevel__);
#elif defined(__GNUC__)
  return std::to_string(__GNUC__) + "." + std::to_string(__GNUC_MINOR__) + "." +
         std::to_string(__GNUC_PATCHLEVEL__);
#elif defined(_MSC_VER)
  return std::to_string(_MSC_FULL_VER);
#else
  return "";
#endif
}

value_object runtime_context() {
  value_object rt;
#if defined(_GLIBCXX_RELEASE)
  rt["name"] = "libstdc++";
  rt["version"] = std::to_string(_GLIBCXX_RELEASE);
#  if defined(__GLIBCXX__)
  rt["build"] = std::to_string(__GLIBCXX__);
#  endif
#elif defined(_LIBCPP_VERSION)
  rt["name"] = "libc++";
  rt["version"] = std::to_string(_LIBCPP_VERSION);
#else
  rt["name"] = "C++";
  rt["version"] = std::to_string(__cplusplus);
#endif
  std::string raw = *rt["name"].as_string() + " " + *rt["version"].as_string();
  if (const auto it = rt.find("build"); it != rt.end()) raw += " (" + *it->second.as_string() + ")";
  rt["raw_description"] = raw + ", built with " + compiler_name() + " " + compiler_version();
  return rt;
}

value_object compiler_context() {
  return value_object{{"type", "runtime"}, {"name", compiler_name()}, {"version", compiler_version()}};
}

std::string machine_arch() {
  utsname uts{};
  return uname(&uts) == 0 ? std::string(uts.machine) : std::string();
}

std::string hostname() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0) return {};
  return name;
}

struct fixed_contexts {
  value_object os = os_context();
  value_object runtime = runtime_context();
  value_object compiler = compiler_context();
  std::string arch = machine_arch();
};

}  // namespace

value_object os_release_fields(std::string_view content) {
  value_object out;
  std::size_t pos = 0;
  while (pos < content.size()) {
    std::size_t end = content.find('\n', pos);
    if (end == std::string_view::npos) end = content.size();
    std::string_view line = content.substr(pos, end - pos);
    pos = end + 1;
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (line.empty() || line.front() == '#') continue;
    const std::size_t eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    const std::string_view key = line.substr(0, eq);
    const char* field = key == "ID"            ? "distribution_name"
                        : key == "VERSION_ID"  ? "distribution_version"
                        : key == "PRETTY_NAME" ? "distribution_pretty_name"
                                               : nullptr;
    if (!field) continue;
    std::string v = unquote(line.substr(eq + 1));
    if (!v.empty()) out[field] = std::move(v);
  }
  return out;
}

std::map<std::string, value_object> default_contexts(bool send_default_pii) {
  static const fixed_contexts fixed;
  std::map<std::string, value_object> contexts;
  contexts["os"] = fixed.os;
  contexts["runtime"] = fixed.runtime;
  contexts["compiler"] = fixed.compiler;
  value_object device;
  if (!fixed.arch.empty()) device["arch"] = fixed.arch;
  if (const unsigned cpus = std::thread::hardware_concurrency(); cpus > 0) {
    device["processor_count"] = cpus;
  }
  if (send_default_pii) {
    if (std::string host = hostname(); !host.empty()) device["name"] = std::move(host);
  }
  if (!device.empty()) contexts["device"] = std::move(device);
  return contexts;
}

}  // namespace sentry::detail
