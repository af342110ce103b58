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

http_client::~http_client() {
  if (added_) curl_multi_remove_handle(multi_.get(), easy_.get());
}

void http_client::end_transfer() noexcept {
  if (added_) curl_multi_remove_handle(multi_.get(), easy_.get());
  added_ = false;
}

// Runs the transfer on the multi handle (its connection cache keeps the
// connection alive), looking at the cancel flag at least every
// cancel_poll_ms, so that close() is not held up by a slow server.
bool http_client::drive(bool until_sent) noexcept {
  CURLM* m = multi_.get();
  CURL* h = easy_.get();
  for (;;) {
    int running = 0;
    if (curl_multi_perform(m, &running) != CURLM_OK) break;
    int queued = 0;
    bool finished = false;
    while (CURLMsg* msg = curl_multi_info_read(m, &queued)) {
      if (msg->msg == CURLMSG_DONE && msg->easy_handle == h) {
        rc_ = msg->data.result;
        finished = true;
      }
    }
    if (finished || running == 0) break;
    if (until_sent) {
      curl_off_t sent = 0;
      if (curl_easy_getinfo(h, CURLINFO_SIZE_UPLOAD_T, &sent) == CURLE_OK && sent >= body_size_)
        return false;
    }
    if (cancel_ && cancel_->load(std::memory_order_relaxed)) {
      rc_ = CURLE_ABORTED_BY_CALLBACK;
      break;
    }
    if (curl_multi_poll(m, nullptr, 0, cancel_poll_ms, nullptr) != CURLM_OK) break;
  }
  end_transfer();
  return true;
}

http_response http_client::post(const http_request& request) noexcept {
  start(request);
  return finish();
}

bool http_client::start(const http_request& request) noexcept {
  if (added_) finish();  // one exchange at a time
  response_ = http_response{};
  ready_ = false;
  rc_ = CURLE_FAILED_INIT;
  CURL* h = easy_.get();
  if (!h) {
    response_.error = "libcurl could not be initialised";
    ready_ = true;
    return false;
  }
  if (cancel_ && cancel_->load(std::memory_order_relaxed)) {
    response_.result = http_response::outcome::cancelled;
    response_.error = "cancelled";
    ready_ = true;
    return false;
  }
  error_[0] = '\0';
  body_size_ = static_cast<curl_off_t>(request.body.size());
  curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(h, CURLOPT_POST, 1L);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
  curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, body_size_);
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
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &response_);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &response_);
  curl_easy_setopt(h, CURLOPT_NOPROGRESS, 1L);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_);
  CURLM* m = multi_.get();
  if (!m || curl_multi_add_handle(m, h) != CURLM_OK) return true;  // finish() reports it
  added_ = true;
  drive(true);
  return true;
}

http_response http_client::finish() noexcept {
  if (added_) drive(false);
  http_response response = std::move(response_);
  response_ = http_response{};
  if (ready_) {
    ready_ = false;
    return response;
  }
  CURL* h = easy_.get();
  if (rc_ == CURLE_OK) {
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &response.status);
    response.result = http_response::outcome::response;
    return response;
  }
  // No whole response (refused, DNS, timeout, reset, cut short): the server
  // may or may not have the envelope, so the caller keeps it.
  response.result = rc_ == CURLE_ABORTED_BY_CALLBACK ? http_response::outcome::cancelled
                                                     : http_response::outcome::network_error;
  try {
    response.error = error_[0] ? error_ : curl_easy_strerror(rc_);
  } catch (...) {
  }
  return response;
}

}  // namespace sentry::detail
