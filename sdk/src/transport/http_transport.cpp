#include "transport/http_transport.hpp"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "model/client_report_item.hpp"
#include "sentry/options.hpp"
#include "sentry/version.hpp"
#include "transport/backpressure.hpp"
#include "transport/curl_handle.hpp"
#include "transport/disk_cache.hpp"
#include "transport/gzip.hpp"
#include "transport/http_client.hpp"
#include "transport/item_discards.hpp"
#include "transport/rate_limiter.hpp"
#include "transport/spotlight.hpp"

namespace sentry::detail {

namespace {

using clock = transport::clock;
using std::chrono::milliseconds;

// An envelope that is waiting for a (next) attempt, and its file in the cache.
struct pending {
  envelope env;
  std::string file;  // "" when not on disk
};

enum class attempt_result { delivered, network_failure, cancelled };

class http_transport final : public transport {
 public:
  http_transport(const transport_context& context, const http_transport_tuning& tuning);

  void send(envelope&& env) noexcept override;
  clock::time_point on_idle() noexcept override;
  bool flush(clock::time_point deadline) noexcept override;
  envelope keep(envelope&& env) noexcept override;
  void close(clock::time_point deadline) noexcept override;
  void on_drained() noexcept override { settle(); }
  void cancel() noexcept override { cancel_.store(true, std::memory_order_relaxed); }
  int downsample_factor() const noexcept override { return backpressure_.factor(); }

 private:
  void log(level l, std::string_view message) const noexcept;
  void load_backlog() noexcept;
  void hold(pending&& p) noexcept;
  void discard(const pending& p, discard_reason reason) noexcept;
  attempt_result attempt(pending& p, std::optional<clock::time_point> deadline) noexcept;
  attempt_result post(envelope& env, std::optional<clock::time_point> deadline,
                      std::vector<discarded>* report) noexcept;
  // `env` with `report` as a client report item (when not empty) and
  // sent_at, gzipped; nullopt (logged) when that fails.
  std::optional<std::string> compress_envelope(envelope& env,
                                               const std::vector<discarded>& report) noexcept;
  // The POST of `body`; nullopt when `deadline` has passed.
  std::optional<http_request> request_for(std::string_view body,
                                          std::optional<clock::time_point> deadline) const;
  // Applies what the server (or the network) said about `env`.
  attempt_result apply(const http_response& response, const envelope& env,
                       std::vector<discarded>* report) noexcept;
  // Waits for the answers to the envelopes send() left in flight and
  // applies them in the order they were sent, as synchronous attempts would
  // have.
  void settle() noexcept;
  // The oldest envelope in flight: waits for its answer and applies it.
  void settle_oldest() noexcept;
  // Applies the answers that have arrived (oldest first, without waiting),
  // then makes room for one more request: up to max_requests_in_flight
  // while the server answers 2xx without limits, else none left in flight.
  void make_room() noexcept;
  std::vector<discarded> take_report_or_none() noexcept;
  bool send_client_report_alone(std::optional<clock::time_point> deadline) noexcept;
  // The first waiting envelope that no rate limit holds back, or end().
  std::deque<pending>::iterator next_sendable(clock::time_point now) noexcept;
  std::vector<discarded> take_report();
  void restore_report(std::vector<discarded>& report) noexcept;
  void health_check(clock::time_point now) noexcept;
  std::uint64_t queue_overflows() const noexcept;

  const options& options_;
  const std::optional<dsn>& dsn_;
  discard_counter& discards_;
  std::function<void(level, std::string_view)> log_;
  http_transport_tuning tuning_;

  std::atomic<bool> cancel_{false};
  std::string url_;
  curl_headers headers_;
  http_client client_{&cancel_, std::max<std::size_t>(1, tuning_.max_requests_in_flight)};
  gzip_compressor compressor_;
  std::optional<spotlight_sender> spotlight_;
  rate_limiter limits_;
  std::optional<disk_cache> cache_;
  std::size_t max_kept_;

  std::deque<pending> pending_;  // oldest first
  // The envelopes whose requests send() wrote and whose answers are on their
  // way, oldest first: the next send() prepares its own body meanwhile.
  struct in_flight {
    pending p;
    std::string body;
    std::vector<discarded> report;  // the client report attached to it
    http_client::ticket ticket = http_client::no_ticket;
  };
  std::deque<in_flight> in_flight_;
  // The last answer was a 2xx without rate limits: more than one request
  // may be in flight. Until then (and after anything else) one at a time,
  // so that what an answer says applies to the very next envelope.
  bool pipelining_ = false;
  bool backlog_loaded_ = false;
  clock::time_point retry_at_{};  // no attempt before (backoff after a network failure)
  milliseconds backoff_{0};
  clock::time_point next_cached_send_{};
  clock::time_point next_client_report_{};

  backpressure_monitor backpressure_;
  std::uint64_t overflows_taken_ = 0;  // queue_overflow quantities sent in client reports
  std::uint64_t overflows_at_last_check_ = 0;
};

http_transport::http_transport(const transport_context& context,
                               const http_transport_tuning& tuning)
    : options_(context.options),
      dsn_(context.dsn),
      discards_(context.discards),
      log_(context.log),
      tuning_(tuning),
      max_kept_(std::max<std::size_t>(1, context.options.cache_max_items)),
      backpressure_(tuning.health_check_interval) {
  if (dsn_) {
    url_ = dsn_->envelope_url();
    headers_.add("X-Sentry-Auth: " + dsn_->auth_header());
    headers_.add(std::string("User-Agent: ") + sdk_name + "/" + sdk_version);
    headers_.add("Content-Type: application/x-sentry-envelope");
    headers_.add("Content-Encoding: gzip");
    headers_.add("Expect:");  // no 100-continue round trip
  }
  if (auto url = spotlight_url(options_.spotlight, std::getenv("SENTRY_SPOTLIGHT"))) {
    spotlight_.emplace(std::move(*url),
                       spotlight_sender::timing{tuning.spotlight_connect_timeout,
                                                tuning.spotlight_timeout,
                                                tuning.spotlight_pause_after_failure},
                       &cancel_, log_);
  }
  if (dsn_ && !options_.cache_path.empty()) {
    std::string error;
    cache_ = disk_cache::open(options_.cache_path, &error);
    if (!cache_) log(level::error, "offline cache disabled: " + error);
  }
  const auto now = clock::now();
  next_client_report_ = now + tuning_.client_report_interval;
}

void http_transport::log(level l, std::string_view message) const noexcept {
  if (!log_) return;
  try {
    log_(l, message);
  } catch (...) {
  }
}

// Envelopes an earlier process left in the cache, oldest first; beyond the
// cap the oldest are evicted as they would have been.
void http_transport::load_backlog() noexcept {
  backlog_loaded_ = true;
  if (!cache_) return;
  try {
    for (const std::string& name : cache_->list()) {
      auto bytes = cache_->load(name);
      auto env = bytes ? envelope::parse(*bytes) : std::nullopt;
      if (!env) {
        log(level::warning, "offline cache: unreadable envelope " + name + " removed");
        cache_->remove(name);
        continue;
      }
      hold(pending{std::move(*env), name});
    }
    if (!pending_.empty()) {
      log(level::info,
          "offline cache: " + std::to_string(pending_.size()) + " envelope(s) to resend");
    }
  } catch (...) {
    log(level::error, "offline cache: out of memory reading the backlog");
  }
}

void http_transport::discard(const pending& p, discard_reason reason) noexcept {
  record_discard(discards_, reason, p.env);
  if (cache_ && !p.file.empty()) cache_->remove(p.file);
}

// Keeps an envelope for a later attempt; the oldest one goes when the cap is
// reached (cache_overflow when the cache evicts it, network_error when only
// memory held it).
void http_transport::hold(pending&& p) noexcept {
  try {
    while (pending_.size() >= max_kept_) {
      const pending& oldest = pending_.front();
      discard(oldest, oldest.file.empty() ? discard_reason::network_error
                                          : discard_reason::cache_overflow);
      pending_.pop_front();
    }
    pending_.push_back(std::move(p));
  } catch (...) {
    discard(p, discard_reason::network_error);
  }
}

void http_transport::send(envelope&& env) noexcept {
  const auto now = clock::now();
  health_check(now);
  try {
    if (spotlight_ && !cancel_.load(std::memory_order_relaxed)) {
      spotlight_->post(env.serialize(rfc3339_now()));
    }
    if (!dsn_) return;
    if (!limits_.drop_limited_items(env, discards_, now)) return;
    pending p{std::move(env), {}};
    if (!backlog_loaded_) load_backlog();
    if (cache_) {
      std::string error;
      if (auto name = cache_->store(p.env.serialize(), &error)) {
        p.file = std::move(*name);
        // The cap counts the file just written too.
        while (pending_.size() + 1 > max_kept_) {
          discard(pending_.front(), discard_reason::cache_overflow);
          pending_.pop_front();
        }
      } else {
        log(level::warning, "offline cache: " + error);
      }
    }
    if (cancel_.load(std::memory_order_relaxed)) {  // closing: keep on disk or count
      if (p.file.empty()) discard(p, discard_reason::network_error);
      return;
    }
    if (now < retry_at_) {  // backing off after a network failure
      hold(std::move(p));
      return;
    }
    // Serialized and compressed while the previous envelope's answer is on
    // its way; done again below when that answer changes what to send.
    std::optional<std::string> body = compress_envelope(p.env, {});
    make_room();
    const auto after = clock::now();
    if (!body) {
      discard(p, discard_reason::internal_sdk_error);
      return;
    }
    if (cancel_.load(std::memory_order_relaxed)) {
      if (p.file.empty()) discard(p, discard_reason::network_error);
      return;
    }
    if (after < retry_at_) {  // the previous attempt failed: back off
      hold(std::move(p));
      return;
    }
    // A rate limit that came with an answer read so far applies already.
    const std::size_t items = p.env.items.size();
    if (!limits_.drop_limited_items(p.env, discards_, after)) {
      if (cache_ && !p.file.empty()) cache_->remove(p.file);
      return;
    }
    const bool fewer_items = p.env.items.size() != items;
    if (fewer_items && cache_ && !p.file.empty()) {
      cache_->remove(p.file);
      std::string error;
      auto name = cache_->store(p.env.serialize(), &error);
      p.file = name ? std::move(*name) : std::string();
    }
    std::vector<discarded> report =
        options_.send_client_reports ? take_report_or_none() : std::vector<discarded>{};
    if (fewer_items || !report.empty()) body = compress_envelope(p.env, report);
    if (!body) {
      restore_report(report);
      discard(p, discard_reason::internal_sdk_error);
      return;
    }
    auto request = request_for({}, std::nullopt);  // no deadline: always a request
    if (!request) return;
    in_flight_.push_back(in_flight{std::move(p), std::move(*body), std::move(report)});
    request->body = in_flight_.back().body;
    in_flight_.back().ticket = client_.start(*request);  // returns once handed to the HTTP thread
  } catch (...) {
    log(level::error, "transport: out of memory; envelope dropped");
    record_discard(discards_, discard_reason::internal_sdk_error, env);
  }
}

void http_transport::settle() noexcept {
  while (!in_flight_.empty()) settle_oldest();
}

void http_transport::make_room() noexcept {
  while (!in_flight_.empty() && client_.ended(in_flight_.front().ticket)) settle_oldest();
  while (!in_flight_.empty() && !(pipelining_ && client_.free_slots() > 0)) settle_oldest();
}

void http_transport::settle_oldest() noexcept {
  const http_response response = client_.finish(in_flight_.front().ticket);
  in_flight f = std::move(in_flight_.front());  // its body is no longer needed
  in_flight_.pop_front();
  if (apply(response, f.p.env, &f.report) == attempt_result::delivered) {
    if (cache_ && !f.p.file.empty()) cache_->remove(f.p.file);
    return;
  }
  restore_report(f.report);  // the report did not arrive: keep counting it
  hold(std::move(f.p));
}

std::vector<discarded> http_transport::take_report_or_none() noexcept {
  try {
    return take_report();
  } catch (...) {
    return {};
  }
}

// One attempt for an envelope: delivered (any HTTP response: the file goes)
// or not (it stays and the backoff grows).
attempt_result http_transport::attempt(pending& p, std::optional<clock::time_point> deadline) noexcept {
  std::vector<discarded> report;
  const attempt_result result = post(p.env, deadline, &report);
  if (result == attempt_result::delivered) {
    if (cache_ && !p.file.empty()) cache_->remove(p.file);
    return result;
  }
  restore_report(report);  // the report did not arrive: keep counting it
  return result;
}

std::optional<std::string> http_transport::compress_envelope(
    envelope& env, const std::vector<discarded>& report) noexcept {
  std::optional<std::string> body;
  try {
    if (!report.empty()) env.items.push_back(make_client_report_item(report));
    const std::string bytes = env.serialize(rfc3339_now());
    if (!report.empty()) env.items.pop_back();
    body = compressor_.compress(bytes);
  } catch (...) {
  }
  if (!body) log(level::error, "transport: cannot serialize or compress an envelope; dropped");
  return body;
}

std::optional<http_request> http_transport::request_for(
    std::string_view body, std::optional<clock::time_point> deadline) const {
  http_request request;
  request.url = url_;
  request.headers = &headers_;
  request.body = body;
  request.connect_timeout = options_.http_connect_timeout;
  request.timeout = options_.http_timeout;
  if (deadline) {
    const auto left = std::chrono::duration_cast<milliseconds>(*deadline - clock::now());
    if (left <= milliseconds(0)) return std::nullopt;
    request.connect_timeout = std::min(request.connect_timeout, left);
    request.timeout = std::min(request.timeout, left);
  }
  request.ca_certs = options_.ca_certs;
  if (!options_.http_proxy.empty()) request.proxy = options_.http_proxy;
  return request;
}

// Serializes (with the pending client report when `report` is given, and
// sent_at), compresses and posts. Applies what the response says.
attempt_result http_transport::post(envelope& env, std::optional<clock::time_point> deadline,
                                    std::vector<discarded>* report) noexcept {
  settle();
  std::optional<std::string> body;
  if (report && options_.send_client_reports) *report = take_report_or_none();
  body = compress_envelope(env, report ? *report : std::vector<discarded>{});
  if (!body) {
    if (report) restore_report(*report);
    record_discard(discards_, discard_reason::internal_sdk_error, env);
    return attempt_result::delivered;  // nothing to retry
  }
  std::optional<http_request> request;
  try {
    request = request_for(*body, deadline);
  } catch (...) {
  }
  if (!request) return attempt_result::network_failure;
  return apply(client_.post(*request), env, report);
}

attempt_result http_transport::apply(const http_response& response, const envelope& env,
                                     std::vector<discarded>* report) noexcept {
  const auto after = clock::now();
  if (response.result != http_response::outcome::response) {
    pipelining_ = false;
    if (response.result == http_response::outcome::cancelled) return attempt_result::cancelled;
    backoff_ = backoff_.count() == 0 ? tuning_.retry_backoff_min
                                     : std::min(backoff_ * 2, tuning_.retry_backoff_max);
    retry_at_ = after + backoff_;
    log(level::warning, "transport: " + response.error + "; kept, next attempt in " +
                            std::to_string(backoff_.count()) + " ms");
    return attempt_result::network_failure;
  }

  backoff_ = milliseconds(0);
  retry_at_ = clock::time_point{};
  limits_.update(response.status, response.rate_limits, response.retry_after, after);
  const long status = response.status;
  const bool success = status >= 200 && status < 300;
  pipelining_ = success && response.rate_limits.empty();
  if (success) return attempt_result::delivered;
  if (status == 429) {
    // Relay counted the envelope already; the report inside it did not arrive.
    if (report) restore_report(*report);
    log(level::warning, "transport: rate limited (HTTP 429); envelope dropped");
    return attempt_result::delivered;
  }
  record_discard(discards_, discard_reason::send_error, env);
  log(status == 413 ? level::error : level::warning,
      "transport: HTTP " + std::to_string(status) +
          (status == 413 ? " (envelope too large)" : "") + "; envelope dropped: " + response.body);
  return attempt_result::delivered;
}

bool http_transport::send_client_report_alone(std::optional<clock::time_point> deadline) noexcept {
  try {
    std::vector<discarded> report = take_report();
    if (report.empty()) return true;
    envelope env;
    env.items.push_back(make_client_report_item(report));
    if (spotlight_) spotlight_->post(env.serialize(rfc3339_now()));
    if (post(env, deadline, nullptr) == attempt_result::delivered) return true;
    restore_report(report);
    return false;
  } catch (...) {
    return false;
  }
}

std::deque<pending>::iterator http_transport::next_sendable(clock::time_point now) noexcept {
  return std::find_if(pending_.begin(), pending_.end(), [&](const pending& p) {
    return std::all_of(p.env.items.begin(), p.env.items.end(), [&](const envelope_item& item) {
      return limits_.item_limited_until(item) <= now;
    });
  });
}

clock::time_point http_transport::on_idle() noexcept {
  settle();
  auto now = clock::now();
  health_check(now);
  auto next = clock::time_point::max();
  if (options_.enable_backpressure_handling) next = backpressure_.next_check();
  if (!dsn_ || cancel_.load(std::memory_order_relaxed)) return next;
  if (!backlog_loaded_) load_backlog();

  // One waiting envelope per call, 100 ms apart, none while backing off.
  if (!pending_.empty() && now >= retry_at_ && now >= next_cached_send_) {
    const auto it = next_sendable(now);
    if (it != pending_.end()) {
      if (attempt(*it, std::nullopt) == attempt_result::delivered) pending_.erase(it);
      now = clock::now();
      next_cached_send_ = now + tuning_.cached_send_interval;
    }
  }
  if (!pending_.empty()) {
    auto when = std::max(retry_at_, next_cached_send_);
    // Held back by rate limits: try again when the first limit ends.
    if (next_sendable(when) == pending_.end()) {
      auto earliest = clock::time_point::max();
      for (const auto& p : pending_) {
        auto until = clock::time_point{};
        for (const auto& item : p.env.items) until = std::max(until, limits_.item_limited_until(item));
        earliest = std::min(earliest, until);
      }
      when = std::max(when, earliest);
    }
    next = std::min(next, when);
  }

  if (options_.send_client_reports) {
    if (now >= next_client_report_ && now >= retry_at_ && !limits_.all_limited(now)) {
      send_client_report_alone(std::nullopt);
      now = clock::now();
      next_client_report_ = now + tuning_.client_report_interval;
    }
    next = std::min(next, next_client_report_);
  }
  return next;
}

bool http_transport::flush(clock::time_point deadline) noexcept {
  settle();
  if (!dsn_) return true;
  if (!backlog_loaded_) load_backlog();
  // Everything waiting gets one attempt now (no pacing, no backoff), until the
  // deadline or the first network failure.
  while (!pending_.empty() && !cancel_.load(std::memory_order_relaxed)) {
    const auto now = clock::now();
    if (now >= deadline) break;
    const auto it = next_sendable(now);
    if (it == pending_.end()) break;
    if (attempt(*it, deadline) != attempt_result::delivered) break;
    pending_.erase(it);
  }
  return pending_.empty();
}

// No time left to send: the cache keeps it for the next start. Left for
// the client to count: without a cache, `env` as given; when the cache
// cannot store it, `env` without the items a rate limit holds back (those
// are counted here as ratelimit_backoff, as send() would).
envelope http_transport::keep(envelope&& env) noexcept {
  if (!cache_) return std::move(env);
  settle();
  try {
    if (!limits_.drop_limited_items(env, discards_, clock::now())) return {};
    if (!backlog_loaded_) load_backlog();
    std::string error;
    if (auto name = cache_->store(env.serialize(), &error)) {
      hold(pending{std::move(env), std::move(*name)});  // within the cap
      return {};
    }
    log(level::warning, "offline cache: " + error);
  } catch (...) {
  }
  return std::move(env);
}

void http_transport::close(clock::time_point deadline) noexcept {
  flush(deadline);
  // What is left: on disk it waits for the next start; in memory it is lost.
  for (const auto& p : pending_) {
    if (p.file.empty()) record_discard(discards_, discard_reason::network_error, p.env);
  }
  pending_.clear();
  const auto now = clock::now();
  if (dsn_ && options_.send_client_reports && !cancel_.load(std::memory_order_relaxed) &&
      now < deadline && now >= retry_at_ && !limits_.all_limited(now)) {
    send_client_report_alone(deadline);
  }
}

// Read-and-reset of the discard counters for a client report. The
// queue_overflow part is remembered for the health check.
std::vector<discarded> http_transport::take_report() {
  std::vector<discarded> report = discards_.take();
  for (const auto& d : report) {
    if (d.reason == discard_reason::queue_overflow) overflows_taken_ += d.quantity;
  }
  return report;
}

void http_transport::restore_report(std::vector<discarded>& report) noexcept {
  discards_.restore(report);
  for (const auto& d : report) {
    if (d.reason == discard_reason::queue_overflow) overflows_taken_ -= d.quantity;
  }
  report.clear();
}

std::uint64_t http_transport::queue_overflows() const noexcept {
  std::uint64_t total = overflows_taken_;
  for (int c = 0; c < static_cast<int>(data_category::count_); ++c) {
    total += discards_.peek(discard_reason::queue_overflow, static_cast<data_category>(c));
  }
  return total;
}

// Unhealthy: the client's queue overflowed since the last check, or a rate
// limit is in force.
void http_transport::health_check(clock::time_point now) noexcept {
  if (!options_.enable_backpressure_handling || !backpressure_.due(now)) return;
  const std::uint64_t overflows = queue_overflows();
  const bool overflowed = overflows > overflows_at_last_check_;
  overflows_at_last_check_ = overflows;
  backpressure_.check(!overflowed && !limits_.any_limited(now));
}

}  // namespace

std::unique_ptr<transport> make_http_transport(const transport_context& context) {
  return make_http_transport(context, http_transport_tuning{});
}

std::unique_ptr<transport> make_http_transport(const transport_context& context,
                                               const http_transport_tuning& tuning) {
  const bool spotlight =
      spotlight_url(context.options.spotlight, std::getenv("SENTRY_SPOTLIGHT")).has_value();
  if (!context.dsn && !spotlight) return nullptr;
  return std::make_unique<http_transport>(context, tuning);
}

}  // namespace sentry::detail
