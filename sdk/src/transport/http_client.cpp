#include "transport/http_client.hpp"

#include <algorithm>
#include <cctype>

namespace sentry::detail {

namespace {

constexpr std::size_t max_body_kept = 1024;

bool iequals_prefix(std::string_view line, std::string_view name) {
  if (line.size() < name.size()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(line[i])) !=
        std::tolower(static_cast<unsigned char>(name[i]))) {
      return false;
    }
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

extern "C" size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* response = static_cast<http_response*>(user);
  const std::string_view line(data, size * count);
  try {
    if (iequals_prefix(line, "HTTP/")) {  // a new block of headers (after 100 Continue)
      response->retry_after.clear();
      response->rate_limits.clear();
    } else if (iequals_prefix(line, "retry-after:")) {
      response->retry_after = std::string(trim(line.substr(12)));
    } else if (iequals_prefix(line, "x-sentry-rate-limits:")) {
      response->rate_limits = std::string(trim(line.substr(21)));
    }
  } catch (...) {
    return 0;  // out of memory: abort the transfer
  }
  return size * count;
}

extern "C" size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* response = static_cast<http_response*>(user);
  const std::size_t n = size * count;
  const std::size_t room = max_body_kept - std::min(max_body_kept, response->body.size());
  try {
    response->body.append(data, std::min(n, room));
  } catch (...) {
    return 0;
  }
  return n;
}

// How often a request in progress looks at the cancel flag.
constexpr int cancel_poll_ms = 20;

long to_ms(std::chrono::milliseconds d) {
  return static_cast<long>(std::max<std::chrono::milliseconds::rep>(1, d.count()));
}

}  // namespace

// Runs one transfer on the multi handle (its connection cache keeps the
// connection alive), looking at the cancel flag at least every
// cancel_poll_ms, so that close() is not held up by a slow server.
CURLcode http_client::perform(CURL* h) noexcept {
  CURLM* m = multi_.get();
  if (!m || curl_multi_add_handle(m, h) != CURLM_OK) return CURLE_FAILED_INIT;
  CURLcode rc = CURLE_FAILED_INIT;
  bool finished = false;
  for (;;) {
    int running = 0;
    if (curl_multi_perform(m, &running) != CURLM_OK) break;
    int queued = 0;
    while (CURLMsg* msg = curl_multi_info_read(m, &queued)) {
      if (msg->msg == CURLMSG_DONE && msg->easy_handle == h) {
        rc = msg->data.result;
        finished = true;
      }
    }
    if (finished || running == 0) break;
    if (cancel_ && cancel_->load(std::memory_order_relaxed)) {
      rc = CURLE_ABORTED_BY_CALLBACK;
      break;
    }
    if (curl_multi_poll(m, nullptr, 0, cancel_poll_ms, nullptr) != CURLM_OK) break;
  }
  curl_multi_remove_handle(m, h);
  return rc;
}

http_response http_client::post(const http_request& request) noexcept {
  http_response response;
  CURL* h = easy_.get();
  if (!h) {
    response.error = "libcurl could not be initialised";
    return response;
  }
  if (cancel_ && cancel_->load(std::memory_order_relaxed)) {
    response.result = http_response::outcome::cancelled;
    response.error = "cancelled";
    return response;
  }
  char error[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(h, CURLOPT_POST, 1L);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
  curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, request.headers ? request.headers->get() : nullptr);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, to_ms(request.connect_timeout));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, to_ms(request.timeout));
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(h, CURLOPT_CAINFO, request.ca_certs.empty() ? nullptr : request.ca_certs.c_str());
  curl_easy_setopt(h, CURLOPT_PROXY, request.proxy ? request.proxy->c_str() : nullptr);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &response);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &response);
  curl_easy_setopt(h, CURLOPT_NOPROGRESS, 1L);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);

  const CURLcode rc = perform(h);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, nullptr);
  if (rc == CURLE_OK) {
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &response.status);
    response.result = http_response::outcome::response;
    return response;
  }
  // No whole response (refused, DNS, timeout, reset, cut short): the server
  // may or may not have the envelope, so the caller keeps it.
  response.result = rc == CURLE_ABORTED_BY_CALLBACK ? http_response::outcome::cancelled
                                                    : http_response::outcome::network_error;
  try {
    response.error = error[0] ? error : curl_easy_strerror(rc);
  } catch (...) {
  }
  return response;
}

}  // namespace sentry::detail
