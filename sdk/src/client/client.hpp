// Private: the client: options, one worker thread, one transport.
//
// Threading: capture(), enqueue_envelope(), flush() and close() may be called
// from any thread. capture does the cheap part on the caller (event id, scope
// snapshots, a bounded queue push) and the worker does the rest (exception
// decoding, scopes, ignore_errors, before_send, sampling, serialization,
// transport). The worker is the only thread that touches the transport.
//
// Lifetime: a client is never destroyed once created (see sentry.cpp); close()
// stops its worker and releases the transport, so a thread that still holds a
// pointer to a closed client only finds captures refused.
#pragma once

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <variant>

#include "client/capture_queue.hpp"
#include "client/diagnostics.hpp"
#include "client/resolve_options.hpp"
#include "logs/log_batcher.hpp"
#include "logs/log_serialize.hpp"
#include "scope/scope_impl.hpp"
#include "sentry/client_report.hpp"
#include "sentry/envelope.hpp"
#include "sentry/event.hpp"
#include "sentry/options.hpp"
#include "sentry/sentry.hpp"
#include "sentry/transport.hpp"
#include "logging/record_copy.hpp"
#include "stacktrace/capture.hpp"
#include "stacktrace/stack_processor.hpp"

namespace sentry::detail {

// One capture waiting for the worker.
struct capture_job {
  capture_job(event&& e, event_hint&& h, scope_snapshots&& s, raw_stack&& st, record_copy&& r)
      : ev(std::move(e)), hint(std::move(h)), scopes(std::move(s)), stack(std::move(st)),
        record(std::move(r)) {}
  event ev;
  event_hint hint;
  scope_snapshots scopes;
  raw_stack stack;  // call-site stack, symbolized on the worker (may be empty)
  record_copy record;  // a log record's texts, expanded into ev on the worker
};

// What the worker's queue holds: captures, batches of structured logs, and
// ready envelopes (e.g. envelopes persisted by an earlier run).
using work_item = std::variant<capture_job, envelope, log_batch>;

class client {
 public:
  // Resolves the options, creates the transport and starts the worker.
  static std::shared_ptr<client> create(options opts);
  ~client();

  bool enabled() const noexcept { return enabled_; }
  const options& opts() const noexcept { return opts_; }
  // opts().context_tags, interned: lives until the process ends.
  const std::vector<std::string>* interned_context_tags() const noexcept { return interned_context_tags_; }
  const diagnostics& diag() const noexcept { return diag_; }
  discard_counter& discards() noexcept { return discards_; }

  // Caller's thread. Returns the event id (assigned here when nil), or a nil
  // id when the client is disabled or closed.
  // `record`: a log record's part of the event, expanded on the worker.
  uuid capture(event&& ev, event_hint&& hint, raw_stack&& stack = {},
               record_copy&& record = record_copy{}) noexcept;
  // Any thread: queue a finished envelope for the transport. False when full
  // or closed (the caller counts it).
  bool enqueue_envelope(envelope&& env, std::size_t bytes) noexcept;

  bool logs_enabled() const noexcept { return logs_enabled_; }
  // Caller's thread: adds a structured log to the current batch; full
  // batches go to the worker's queue. Drops are counted here.
  void capture_log(pending_log&& log) noexcept;

  bool flush(std::chrono::milliseconds timeout) noexcept;
  void close(std::chrono::milliseconds timeout) noexcept;

  // How many times a capturing thread found the worker asleep and woke it
  // (a system call on that thread each). Any thread; takes the queue's lock.
  std::uint64_t worker_wake_ups() const { return queue_ ? queue_->wake_ups() : 0; }

 private:
  client() = default;
  using clock = std::chrono::steady_clock;

  void run() noexcept;
  void process(work_item& item) noexcept;
  void process_event(capture_job& job);
  void keep_or_count(work_item& item) noexcept;
  // The envelope keep_or_count() hands the transport (no items when
  // before_send_log dropped every log of a batch).
  envelope envelope_to_keep(work_item& item);
  void service_flush_requests() noexcept;
  void process_logs(log_batch& batch);
  // The logs of `batch` (emptied) through before_send_log, serialized.
  // Drops are counted when `count_drops`. `defaults`: another run's default
  // attributes (a crashed run's logs), with its user when it recorded one.
  log_items serialize_logs(log_batch& batch, bool count_drops,
                           const value_object* defaults = nullptr);
  // The fatal-signal handler's source of logs (crash::take_logs_fn): moves
  // the full batches queued and the logs waiting into `holders`.
  static std::size_t take_logs_for_crash(void* self, log_batch* holders, std::size_t count,
                                         bool* unavailable) noexcept;
  // Hands waiting logs to the queue (flush, close); false if some stayed.
  bool hand_off_logs(std::vector<log_batch>&& batches) noexcept;
  void count_dropped_logs(discard_reason reason, const std::vector<pending_log>& logs) noexcept;
  void record_drop(discard_reason reason, const work_item& item, const char* why) noexcept;
  stack_processor& stacks();  // worker thread; created on first use
  void deliver_last_crash() noexcept;
  // Worker: rebuilds the crash handler's snapshot of the scopes when due
  // (every crash_refresh_interval) or when `now` is asked for.
  void refresh_crash_snapshot(bool now) noexcept;

  options opts_;
  const std::vector<std::string>* interned_context_tags_ = nullptr;
  std::optional<dsn> dsn_;
  diagnostics diag_;
  discard_counter discards_;
  std::map<std::string, value_object> default_contexts_;
  std::map<std::string, std::string> default_contexts_json_;  // the same, serialized once
  std::unique_ptr<stack_processor> stacks_;
  bool crash_handling_ = false;
  std::chrono::steady_clock::time_point next_crash_refresh_{};
  bool enabled_ = false;
  bool logs_enabled_ = false;
  log_batcher logs_;
  log_defaults log_defaults_;
  // Bytes of JSON per log in the last batch serialized, with headroom: the
  // next batch's payload is reserved at once at its size (growing it would
  // copy the whole payload and fault in fresh pages on every batch).
  std::atomic<std::size_t> log_json_bytes_{640};
  std::atomic<std::uint64_t> logs_dropped_{0};

  std::unique_ptr<capture_queue<work_item>> queue_;
  std::unique_ptr<transport> transport_;
  // Guards the release of transport_ (worker) against cancel() (closer).
  std::mutex transport_mutex_;
  std::thread worker_;
  std::thread::id worker_id_;

  // flush requests: the worker calls transport->flush for them.
  std::mutex flush_mutex_;
  std::condition_variable flush_cv_;
  std::uint64_t flush_requested_ = 0;
  std::uint64_t flush_done_ = 0;
  bool last_flush_ok_ = true;
  bool worker_gone_ = false;  // the worker has ended (closed)
  clock::time_point flush_deadline_{};

  // close
  std::atomic<bool> closing_{false};
  std::atomic<bool> stopping_{false};
  clock::time_point close_deadline_{};
  std::mutex finished_mutex_;
  std::condition_variable finished_cv_;
  bool finished_ = false;
};

// The client captures go to (nullptr before init and after close).
client* current_client() noexcept;

// capture_event for SDK code (the log bridge): the call-site stack is taken
// when wants_stack() says so and `allow_stack` (a sink's setting) agrees;
// its frames start at `start_at` when that return address is on the stack
// (0: the worker trims the SDK's and the logging library's frames instead).
// `attach_stacktrace` overrides options::attach_stacktrace for this event;
// `record` is a log record's part of the event (expanded on the worker).
uuid capture_event_at(event e, event_hint hint, bool allow_stack, std::uintptr_t start_at,
                      std::optional<bool> attach_stacktrace = std::nullopt,
                      record_copy&& record = record_copy{}) noexcept;

// Runs the checks and before_breadcrumb for a breadcrumb about to be
// recorded on this thread. False: do not record it.
bool prepare_breadcrumb(breadcrumb& crumb) noexcept;

// The HTTP transport (sdk/src/transport); nullptr when it cannot be created.
std::unique_ptr<transport> make_default_transport(const transport_context& ctx);

}  // namespace sentry::detail
