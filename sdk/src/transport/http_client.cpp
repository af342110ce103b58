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

// One slot: an easy handle and what its current exchange has gathered.
struct http_client::exchange {
  curl_easy easy;
  bool busy = false;     // started, not finished yet
  bool added = false;    // the transfer is on the multi handle
  bool started = false;  // curl took it (else `response` is final as it is)
  CURLcode rc = CURLE_FAILED_INIT;
  curl_off_t body_size = 0;
  http_response response;
  char error[CURL_ERROR_SIZE] = {};
};

http_client::http_client(const std::atomic<bool>* cancel, std::size_t slots) noexcept
    : cancel_(cancel) {
  try {
    for (std::size_t i = 0; i < std::max<std::size_t>(1, slots); ++i) {
      slots_.push_back(std::make_unique<exchange>());
    }
  } catch (...) {  // out of memory: fewer slots (none: every start() fails)
  }
}

http_client::~http_client() {
  for (auto& x : slots_) {
    if (x->added) curl_multi_remove_handle(multi_.get(), x->easy.get());
  }
}

std::size_t http_client::free_slots() const noexcept {
  return static_cast<std::size_t>(
      std::count_if(slots_.begin(), slots_.end(), [](const auto& x) { return !x->busy; }));
}

// Off the multi handle: its connection goes back to the cache for the next
// exchange.
void http_client::end_transfer(exchange& x, CURLcode rc) noexcept {
  if (x.added) curl_multi_remove_handle(multi_.get(), x.easy.get());
  x.added = false;
  x.rc = rc;
}

// Runs the transfers on the multi handle (its connection cache keeps the
// connections alive), looking at the cancel flag at least every
// cancel_poll_ms, so that close() is not held up by a slow server.
void http_client::drive(exchange* target, bool until_sent) noexcept {
  CURLM* m = multi_.get();
  for (;;) {
    int running = 0;
    const bool performed = curl_multi_perform(m, &running) == CURLM_OK;
    int queued = 0;
    while (CURLMsg* msg = curl_multi_info_read(m, &queued)) {
      if (msg->msg != CURLMSG_DONE) continue;
      CURL* done = msg->easy_handle;
      const CURLcode rc = msg->data.result;
      for (auto& x : slots_) {
        if (x->added && x->easy.get() == done) end_transfer(*x, rc);
      }
    }
    if (!target || !target->added) return;
    if (!performed || running == 0) {  // curl lost it: no response
      end_transfer(*target, target->rc);
      return;
    }
    if (until_sent) {
      curl_off_t sent = 0;
      if (curl_easy_getinfo(target->easy.get(), CURLINFO_SIZE_UPLOAD_T, &sent) == CURLE_OK &&
          sent >= target->body_size)
        return;
    }
    if (cancel_ && cancel_->load(std::memory_order_relaxed)) {
      end_transfer(*target, CURLE_ABORTED_BY_CALLBACK);
      return;
    }
    if (curl_multi_poll(m, nullptr, 0, cancel_poll_ms, nullptr) != CURLM_OK) {
      end_transfer(*target, target->rc);
      return;
    }
  }
}

http_response http_client::post(const http_request& request) noexcept {
  const ticket t = start(request);
  if (t == no_ticket) {
    http_response busy;
    busy.error = "no free connection slot";
    return busy;
  }
  return finish(t);
}

http_client::ticket http_client::start(const http_request& request) noexcept {
  const auto it =
      std::find_if(slots_.begin(), slots_.end(), [](const auto& x) { return !x->busy; });
  if (it == slots_.end()) return no_ticket;
  exchange& x = **it;
  const ticket t = static_cast<ticket>(it - slots_.begin());
  x.busy = true;
  x.started = false;
  x.response = http_response{};
  x.rc = CURLE_FAILED_INIT;
  CURL* h = x.easy.get();
  if (!h) {
    x.response.error = "libcurl could not be initialised";
    return t;
  }
  if (cancel_ && cancel_->load(std::memory_order_relaxed)) {
    x.response.result = http_response::outcome::cancelled;
    x.response.error = "cancelled";
    return t;
  }
  x.error[0] = '\0';
  x.body_size = static_cast<curl_off_t>(request.body.size());
  curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(h, CURLOPT_POST, 1L);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
  curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, x.body_size);
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
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &x.response);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &x.response);
  curl_easy_setopt(h, CURLOPT_NOPROGRESS, 1L);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, x.error);
  x.started = true;
  CURLM* m = multi_.get();
  if (!m || curl_multi_add_handle(m, h) != CURLM_OK) return t;  // finish() reports it
  x.added = true;
  drive(&x, true);
  return t;
}

bool http_client::ended(ticket t) noexcept {
  if (t >= slots_.size()) return true;
  if (slots_[t]->added) drive(nullptr, false);
  return !slots_[t]->added;
}

http_response http_client::finish(ticket t) noexcept {
  if (t >= slots_.size() || !slots_[t]->busy) {
    http_response none;
    none.error = "no such exchange";
    return none;
  }
  exchange& x = *slots_[t];
  if (x.added) drive(&x, false);
  x.busy = false;
  http_response response = std::move(x.response);
  x.response = http_response{};
  if (!x.started) return response;
  if (x.rc == CURLE_OK) {
    curl_easy_getinfo(x.easy.get(), CURLINFO_RESPONSE_CODE, &response.status);
    response.result = http_response::outcome::response;
    return response;
  }
  // No whole response (refused, DNS, timeout, reset, cut short): the server
  // may or may not have the envelope, so the caller keeps it.
  response.result = x.rc == CURLE_ABORTED_BY_CALLBACK ? http_response::outcome::cancelled
                                                      : http_response::outcome::network_error;
  try {
    response.error = x.error[0] ? x.error : curl_easy_strerror(x.rc);
  } catch (...) {
  }
  return response;
}

}  // namespace sentry::detail
