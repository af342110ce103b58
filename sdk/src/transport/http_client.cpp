#include "transport/http_client.hpp"

#include "util/reentry.hpp"
#include "util/thread_info.hpp"

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
  enum class stage {
    idle,     // no exchange, or one that never reached the HTTP thread
    handed,   // start() handed it to the HTTP thread
    running,  // on the multi handle
    ended,    // rc is final; finish() takes the response
  };
  curl_easy easy;
  // The calling thread's: between start() and finish().
  bool busy = false;
  bool started = false;  // handed over (else `response` is final as it is)
  // Under mutex_.
  stage at = stage::idle;
  // The HTTP thread's.
  bool to_add = false;    // to go on the multi handle
  bool on_multi = false;  // on the multi handle
  bool finished = false;  // off it again, rc final
  // Written by the HTTP thread while handed/running, read after `ended`.
  CURLcode rc = CURLE_FAILED_INIT;
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
  if (!thread_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  work_.notify_one();
  curl_multi_wakeup(multi_.get());
  thread_.join();
}

std::size_t http_client::free_slots() const noexcept {
  return static_cast<std::size_t>(
      std::count_if(slots_.begin(), slots_.end(), [](const auto& x) { return !x->busy; }));
}

bool http_client::start_thread() noexcept {
  if (thread_.joinable()) return true;
  if (!multi_.get()) return false;
  try {
    thread_ = std::thread([this] { run(); });
    return true;
  } catch (...) {  // no thread now: this exchange fails, the next start() tries again
    return false;
  }
}

// One round of the transfers. The exchanges that end leave the multi handle
// (their connections go back to the cache for the next exchange), with
// `finished` set.
void http_client::perform() noexcept {
  CURLM* m = multi_.get();
  int running = 0;
  const bool performed = curl_multi_perform(m, &running) == CURLM_OK;
  int queued = 0;
  while (CURLMsg* msg = curl_multi_info_read(m, &queued)) {
    if (msg->msg != CURLMSG_DONE) continue;
    for (auto& x : slots_) {
      if (x->on_multi && x->easy.get() == msg->easy_handle) {
        x->rc = msg->data.result;
        x->finished = true;
      }
    }
  }
  const bool cancelled = cancel_ && cancel_->load(std::memory_order_relaxed);
  // Curl lost them (no response), or close() cancels them.
  const bool end_all = !performed || running == 0 || cancelled;
  for (auto& x : slots_) {
    if (!x->on_multi || !(x->finished || end_all)) continue;
    if (!x->finished && cancelled) x->rc = CURLE_ABORTED_BY_CALLBACK;
    x->finished = true;
    x->on_multi = false;
    curl_multi_remove_handle(m, x->easy.get());
  }
}

// The HTTP thread. Runs the transfers on the multi handle (its connection
// cache keeps the connections alive), looking at the cancel flag at least
// every cancel_poll_ms, so that close() is not held up by a slow server;
// sleeps on work_ when nothing is in flight.
void http_client::run() noexcept {
  sdk_section inside;  // nothing this thread does may loop back into a sink
  name_current_thread("sentry-http");
  CURLM* m = multi_.get();
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stop_) {
    bool active = false;
    for (auto& x : slots_) {
      if (x->at == exchange::stage::handed) {
        x->at = exchange::stage::running;
        x->to_add = true;
      }
      active = active || x->at == exchange::stage::running;
    }
    if (!active) {
      idle_ = true;
      work_.wait(lock);
      idle_ = false;
      continue;
    }
    lock.unlock();
    bool polling = false;
    for (auto& x : slots_) {
      if (x->to_add) {
        x->to_add = false;
        x->on_multi = curl_multi_add_handle(m, x->easy.get()) == CURLM_OK;
        x->finished = !x->on_multi;  // not added: no response (rc CURLE_FAILED_INIT)
      }
      polling = polling || x->on_multi;
    }
    if (polling) perform();
    lock.lock();
    bool ended = false, handed = false;
    polling = false;
    for (auto& x : slots_) {
      if (x->at == exchange::stage::running && x->finished) {
        x->at = exchange::stage::ended;
        ended = true;
      }
      handed = handed || x->at == exchange::stage::handed;
      polling = polling || x->on_multi;
    }
    if (ended) ended_.notify_all();
    if (polling && !handed) {  // (an exchange handed meanwhile goes on at once)
      polling_ = true;
      lock.unlock();
      curl_multi_poll(m, nullptr, 0, cancel_poll_ms, nullptr);
      lock.lock();
      polling_ = false;
    }
  }
  // Stopping: what is still in flight ends without a response.
  for (auto& x : slots_) {
    if (x->on_multi) curl_multi_remove_handle(m, x->easy.get());
    x->on_multi = false;
    if (x->at != exchange::stage::idle) x->at = exchange::stage::ended;
  }
  ended_.notify_all();
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
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &x.response);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &x.response);
  curl_easy_setopt(h, CURLOPT_NOPROGRESS, 1L);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, x.error);
  if (!start_thread()) {
    x.response.error = "cannot start the HTTP thread";
    return t;
  }
  x.started = true;
  bool idle = false, polling = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    x.at = exchange::stage::handed;
    idle = idle_;
    polling = polling_;
  }
  // Otherwise the HTTP thread is busy and sees the exchange before it
  // waits again.
  if (idle) work_.notify_one();
  if (polling) curl_multi_wakeup(multi_.get());  // out of (or before) its curl_multi_poll
  return t;
}

bool http_client::ended(ticket t) noexcept {
  if (t >= slots_.size() || !slots_[t]->started) return true;
  std::lock_guard<std::mutex> lock(mutex_);
  return slots_[t]->at == exchange::stage::ended;
}

http_response http_client::finish(ticket t) noexcept {
  if (t >= slots_.size() || !slots_[t]->busy) {
    http_response none;
    none.error = "no such exchange";
    return none;
  }
  exchange& x = *slots_[t];
  if (x.started) {
    std::unique_lock<std::mutex> lock(mutex_);
    ended_.wait(lock, [&] { return x.at == exchange::stage::ended; });
    x.at = exchange::stage::idle;
  }
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
