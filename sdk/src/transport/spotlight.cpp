#include "transport/spotlight.hpp"

#include <algorithm>
#include <cctype>

#include "sentry/version.hpp"

namespace sentry::detail {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

std::optional<std::string> spotlight_url(const spotlight_option& option, const char* env) {
  if (option.is_set()) {
    if (!option.enabled()) return std::nullopt;
    return option.url().empty() ? std::string(default_spotlight_url) : option.url();
  }
  if (!env || !*env) return std::nullopt;
  const std::string value = lower(env);
  if (value == "1" || value == "true" || value == "on" || value == "yes") {
    return std::string(default_spotlight_url);
  }
  if (value == "0" || value == "false" || value == "off" || value == "no") return std::nullopt;
  return std::string(env);
}

spotlight_sender::spotlight_sender(std::string url, timing t, const std::atomic<bool>* cancel,
                                   std::function<void(level, std::string_view)> log)
    : url_(std::move(url)), timing_(t), client_(cancel), log_(std::move(log)) {
  headers_.add("Content-Type: application/x-sentry-envelope");
  headers_.add(std::string("User-Agent: ") + sdk_name + "/" + sdk_version);
  headers_.add("Expect:");
}

void spotlight_sender::post(std::string_view envelope_bytes) noexcept {
  const auto now = clock::now();
  if (now < paused_until_) return;
  http_request request;
  try {
    request.url = url_;
  } catch (...) {
    return;
  }
  request.headers = &headers_;
  request.body = envelope_bytes;
  request.connect_timeout = timing_.connect_timeout;
  request.timeout = timing_.timeout;
  request.proxy = std::string();  // Spotlight runs beside the application
  const http_response response = client_.post(request);
  const bool ok = response.result == http_response::outcome::response &&
                  response.status >= 200 && response.status < 300;
  if (ok) {
    if (failing_ && log_) log_(level::info, "Spotlight reachable again");
    failing_ = false;
    return;
  }
  if (response.result == http_response::outcome::cancelled) return;
  paused_until_ = clock::now() + timing_.pause_after_failure;
  if (!failing_ && log_) {
    try {
      const std::string why = response.result == http_response::outcome::response
                                  ? "HTTP " + std::to_string(response.status)
                                  : response.error;
      log_(level::warning, "Spotlight at " + url_ + " unavailable (" + why +
                               "); copies paused, Sentry delivery unaffected");
    } catch (...) {
    }
  }
  failing_ = true;
}

}  // namespace sentry::detail
