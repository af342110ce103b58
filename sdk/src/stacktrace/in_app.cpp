#include "stacktrace/in_app.hpp"

#include <cstring>

namespace sentry::detail {
namespace {

constexpr std::string_view anonymous_namespace = "(anonymous namespace)";
constexpr std::string_view operator_keyword = "operator";

bool starts_with(std::string_view s, std::string_view prefix) noexcept {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

bool any_scope_prefix(std::string_view name, std::initializer_list<std::string_view> prefixes) {
  for (auto p : prefixes) {
    if (matches_scope_prefix(name, p)) return true;
  }
  return false;
}

// The C++ runtime's own code, even when instantiated in the executable.
bool is_runtime_function(std::string_view qualified) noexcept {
  return any_scope_prefix(qualified, {"std", "__gnu_cxx", "__cxxabiv1"});
}

// Wrappers a logging library calls its sinks through (not in-app by name
// alone, but part of the logging call when they sit on top of the stack).
bool is_call_wrapper(std::string_view qualified) noexcept {
  return any_scope_prefix(qualified, {"boost::detail::function", "boost::function",
                                      "boost::detail::variant"});
}

// The C runtime's code that starts the process or a thread, wherever it is
// linked (crt1.o's _start lives in the executable): never the application's.
bool is_c_runtime_entry(std::string_view name) noexcept {
  const auto at = name.find('@');  // a versioned name: __libc_start_main@GLIBC_2.34
  if (at != std::string_view::npos) name = name.substr(0, at);
  for (std::string_view entry :
       {"_start", "_start_c", "__libc_start_main", "__libc_start_main_impl", "__libc_start_call_main",
        "__libc_csu_init", "__libc_init_first", "libc_start_main_stage2", "_dl_start",
        "_dl_start_user", "start_thread", "clone", "__clone", "clone3", "__clone3",
        "__clone_internal", "__GI___clone3"}) {
    if (name == entry) return true;
  }
  return false;
}

bool matches_entry(const frame& f, std::string_view qualified, const std::string& entry) {
  if (entry.empty()) return false;
  if (matches_scope_prefix(qualified, entry)) return true;
  return !f.package.empty() && starts_with(f.package, entry);
}

// Index just past the operator's name that starts at `i` ("operator<<",
// "operator()", "operator new", "operator bool", ...).
std::size_t skip_operator(std::string_view s, std::size_t i) noexcept {
  i += operator_keyword.size();
  if (i + 1 < s.size() && s[i] == '(' && s[i + 1] == ')') return i + 2;
  const std::size_t symbols = i;
  while (i < s.size() && std::strchr("<>=!+-*/%^&|~,[]", s[i]) != nullptr) ++i;
  if (i > symbols) return i;
  // A word operator (new, delete, a conversion): up to its parameter list.
  int depth = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c == '<' || c == '[') ++depth;
    if (c == '>' || c == ']') --depth;
    if (c == '(' && depth <= 0) break;
    ++i;
  }
  return i;
}

}  // namespace

std::string_view qualified_name(std::string_view s) noexcept {
  std::size_t start = 0;
  std::size_t end = s.size();
  int depth = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    if (s[i] == '(' && s.compare(i, anonymous_namespace.size(), anonymous_namespace) == 0) {
      i += anonymous_namespace.size();
      continue;
    }
    if (s[i] == 'o' && s.compare(i, operator_keyword.size(), operator_keyword) == 0 &&
        (i == 0 || s[i - 1] == ':' || s[i - 1] == ' ')) {
      i = skip_operator(s, i);
      continue;
    }
    const char c = s[i];
    if (c == '(' && depth == 0) {
      end = i;
      break;
    }
    if (c == '<' || c == '(' || c == '{' || c == '[') {
      ++depth;
    } else if (c == '>' || c == ')' || c == '}' || c == ']') {
      if (depth > 0) --depth;
    } else if (c == ' ' && depth == 0) {
      start = i + 1;
    }
    ++i;
  }
  if (start > end) start = end;
  return s.substr(start, end - start);
}

bool matches_scope_prefix(std::string_view name, std::string_view prefix) noexcept {
  if (prefix.empty() || !starts_with(name, prefix)) return false;
  if (name.size() == prefix.size()) return true;
  if (prefix.size() >= 2 && prefix.compare(prefix.size() - 2, 2, "::") == 0) return true;
  const std::string_view rest = name.substr(prefix.size());
  return starts_with(rest, "::") || rest[0] == '<' || rest[0] == '(';
}

bool is_sdk_or_logging_function(std::string_view demangled) noexcept {
  return any_scope_prefix(qualified_name(demangled),
                          {"sentry", "spdlog", "boost::log", "log4cplus", "fmt"});
}

bool is_system_image(std::string_view path) noexcept {
  for (std::string_view dir : {"/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/"}) {
    if (starts_with(path, dir)) return true;
  }
  const auto slash = path.rfind('/');
  const std::string_view file = slash == std::string_view::npos ? path : path.substr(slash + 1);
  for (std::string_view lib : {"libc.so", "libc-", "libstdc++", "libgcc_s", "libm.so", "libm-",
                               "libpthread", "libdl.so", "ld-linux", "linux-vdso", "linux-gate"}) {
    if (starts_with(file, lib)) return true;
  }
  return false;
}

void apply_in_app(frame& f, const in_app_rules& rules) {
  if (f.in_app.has_value()) return;
  if (is_c_runtime_entry(f.function)) {
    f.in_app = false;
    return;
  }
  const std::string_view qualified = qualified_name(f.function);
  for (const auto& entry : rules.include) {
    if (matches_entry(f, qualified, entry)) {
      f.in_app = true;
      return;
    }
  }
  for (const auto& entry : rules.exclude) {
    if (matches_entry(f, qualified, entry)) {
      f.in_app = false;
      return;
    }
  }
  const bool sdk_library = !rules.sdk_image.empty() && rules.sdk_image != rules.executable &&
                           f.package == rules.sdk_image;
  if (is_sdk_or_logging_function(f.function) || is_runtime_function(qualified) || sdk_library ||
      is_system_image(f.package)) {
    f.in_app = false;
    return;
  }
  if (!f.package.empty() && f.package == rules.executable) f.in_app = true;
}

void trim_sdk_frames(std::vector<frame>& frames, const in_app_rules& rules) {
  std::size_t keep = frames.size();
  while (keep > 0) {
    const frame& f = frames[keep - 1];
    const std::string_view qualified = qualified_name(f.function);
    const bool sdk_library = !rules.sdk_image.empty() && rules.sdk_image != rules.executable &&
                             f.package == rules.sdk_image;
    const bool ours = is_sdk_or_logging_function(f.function) || is_runtime_function(qualified) ||
                      is_call_wrapper(qualified) || sdk_library || is_system_image(f.package);
    if (!ours) break;
    --keep;
  }
  if (keep > 0) frames.resize(keep);
}

}  // namespace sentry::detail
