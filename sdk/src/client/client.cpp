#include "client/client.hpp"
#include "util/interned_lists.hpp"

#include <algorithm>
#include <random>

#include "client/apply_scope.hpp"
#include "client/default_contexts.hpp"
#include "client/exception_decoder.hpp"
#include "crash/crash_files.hpp"
#include "crash/crash_logs.hpp"
#include "crash/crash_snapshot.hpp"
#include "crash/signal_handler.hpp"
#include "crash/terminate_handler.hpp"
#include "logs/log_dump.hpp"
#include "logs/log_serialize.hpp"
#include "model/serialize.hpp"
#include "model/text_limits.hpp"
#include "stacktrace/event_stacks.hpp"
#include "transport/item_discards.hpp"
#include "util/reentry.hpp"
#include "util/thread_info.hpp"

namespace sentry::detail {
namespace {

// A rough size of what a capture keeps alive in the queue.
std::size_t approximate_bytes(const event& e) {
  std::size_t n = sizeof(capture_job) + 256;
  if (e.message) n += e.message->message.size() + e.message->formatted.size() + 32 * e.message->params.size();
  for (const auto& [k, v] : e.tags) n += k.size() + v.size() + 64;
  for (const auto& x : e.exceptions) n += x.type.size() + x.value.size() + 128;
  n += 128 * (e.extra.size() + e.contexts.size() + e.breadcrumbs.size());
  return n;
}

data_category category_of(const work_item& item) {
  if (std::holds_alternative<log_batch>(item)) return data_category::log_item;
  if (const auto* env = std::get_if<envelope>(&item)) {
    for (const auto& it : env->items) {
      if (auto c = it.category()) return *c;
    }
    return data_category::internal;
  }
  return data_category::error;
}

bool is_ignored(const event& e, const std::vector<std::string>& ignore) {
  if (ignore.empty() || e.exceptions.empty()) return false;
  for (const auto& name : ignore) {
    if (e.exceptions.back().type == name || e.exceptions.front().type == name) return true;
  }
  return false;
}

constexpr auto crash_refresh_interval = std::chrono::milliseconds(500);
constexpr auto startup_crash_flush = std::chrono::seconds(5);

double random_unit() {
  thread_local std::mt19937_64 gen{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(gen);
}

}  // namespace

std::shared_ptr<client> client::create(options given) {
  std::shared_ptr<client> c(new client());
  resolved_options r = resolve_options(std::move(given));
  c->opts_ = std::move(r.opts);
  c->dsn_ = std::move(r.parsed_dsn);
  c->diag_ = diagnostics(*c->opts_.debug, c->opts_.diagnostic_level, c->opts_.diagnostic_logger);
  for (const auto& p : r.problems) c->diag_.log(level::warning, p);
  set_max_breadcrumbs(c->opts_.max_breadcrumbs);
  c->interned_context_tags_ = intern(c->opts_.context_tags);

  if (r.dsn_invalid) return c;  // disabled, said why
  transport_context ctx{c->opts_, c->dsn_, c->discards_,
                        [c = c.get()](level l, std::string_view m) { c->diag_.log(l, m); }};
  try {
    if (c->opts_.transport) {
      c->transport_ = c->opts_.transport(ctx);
      c->opts_.transport = nullptr;  // used once; do not keep what it captured
    } else {  // nullptr unless a DSN or Spotlight is configured
      c->transport_ = make_default_transport(ctx);
    }
  } catch (const std::exception& e) {
    c->diag_.log(level::error, std::string("creating the transport failed: ") + e.what());
  } catch (...) {
    c->diag_.log(level::error, "creating the transport failed");
  }
  if (!c->transport_) {
    if (c->dsn_ || c->opts_.transport) c->diag_.log(level::error, "no transport; the SDK is disabled");
    else c->diag_.log(level::debug, "no DSN configured; the SDK is disabled");
    return c;
  }
  try {
    c->default_contexts_ = default_contexts(c->opts_.send_default_pii);
    c->default_contexts_json_ = serialize_contexts(c->default_contexts_);
    c->log_defaults_ = make_log_defaults(default_log_attributes(c->opts_, c->default_contexts_));
  } catch (...) {
  }
  c->logs_enabled_ = *c->opts_.enable_logs;
  c->queue_ = std::make_unique<capture_queue<work_item>>(c->opts_.max_queue_size,
                                                         c->opts_.max_queue_bytes);
  // Before the worker starts: it reads crash_handling_ without a lock.
  crash::install_terminate_handler();
  c->crash_handling_ = crash::install_signal_handlers(c->opts_.cache_path);
  if (!c->crash_handling_) c->diag_.log(level::debug, "no cache_path: fatal signals are not captured");
  if (c->crash_handling_ && c->logs_enabled_) {
    try {
      crash::set_log_source(&client::take_logs_for_crash, c.get(), value(c->log_defaults_.attributes).to_json(),
                            c->opts_.send_default_pii);
    } catch (...) {
      c->diag_.log(level::warning, "a crash would lose the structured logs waiting then");
    }
  }
  try {
    c->worker_ = std::thread([c = c.get()] { c->run(); });
    c->worker_id_ = c->worker_.get_id();
  } catch (...) {
    c->diag_.log(level::error, "could not start the worker thread; the SDK is disabled");
    crash::clear_log_source();
    crash::uninstall_signal_handlers();
    crash::uninstall_terminate_handler();
    c->transport_.reset();
    return c;
  }
  warm_up_unwinder();
  c->enabled_ = true;
  c->deliver_last_crash();
  c->diag_.log(level::info, "initialized");
  return c;
}

client::~client() {
  // Clients are kept alive for the whole process (see sentry.cpp); this only
  // runs for clients that never started a worker, or at exit.
  if (worker_.joinable()) worker_.detach();
}

uuid client::capture(event&& ev, event_hint&& hint, raw_stack&& stack,
                     record_copy&& record) noexcept {
  if (!enabled_ || closing_.load(std::memory_order_relaxed)) return {};
  try {
    if (ev.event_id.is_nil()) ev.event_id = uuid::generate();
    const uuid id = ev.event_id;
    const std::size_t bytes = approximate_bytes(ev) + record.bytes();
    if (!queue_->emplace(bytes, std::in_place_type<capture_job>, std::move(ev), std::move(hint),
                         snapshot_scopes(), std::move(stack), std::move(record))) {
      discards_.record(discard_reason::queue_overflow, data_category::error);
      if (diag_.enabled(level::warning)) {
        diag_.log(level::warning, closing_ ? "event dropped: the SDK is closing"
                                           : "event dropped: the queue is full (queue_overflow)");
      }
    }
    return id;
  } catch (...) {
    discards_.record(discard_reason::internal_sdk_error, data_category::error);
    diag_.log(level::error, "event dropped: out of memory while capturing");
    return {};
  }
}

bool client::enqueue_envelope(envelope&& env, std::size_t bytes) noexcept {
  if (!enabled_ || closing_.load(std::memory_order_relaxed)) return false;
  try {
    work_item item{std::move(env)};
    return queue_->push(std::move(item), bytes);
  } catch (...) {
    return false;
  }
}

void client::run() noexcept {
  sdk_section inside;  // nothing this thread does may loop back into a sink
  name_current_thread("sentry-worker");
  clock::time_point next_idle = transport_->on_idle();
  for (;;) {
    const bool stopping = stopping_.load(std::memory_order_acquire);
    if (stopping && logs_enabled_ && queue_->size() == 0 && clock::now() < close_deadline_) {
      // Logs that a full queue refused when close() handed them on wait in
      // the batcher: there is time left to send them (after the queue's,
      // which are older).
      for (auto& batch : logs_.take_all()) {
        work_item w{std::move(batch)};
        if (clock::now() < close_deadline_) {
          process(w);
        } else {
          keep_or_count(w);
        }
      }
    }
    // Closing: stop at the deadline, or as soon as nothing is left (do not
    // sleep until the deadline for an empty queue).
    if (stopping && (clock::now() >= close_deadline_ || queue_->size() == 0)) break;
    // Read before due_at(): a log added after due_at() looked is due no
    // earlier than now + max_wait.
    const clock::time_point now = clock::now();
    clock::time_point wake_at = std::min(next_idle, logs_.due_at());
    // With logs on, the worker looks at least every max_wait: the first log
    // of a batch, due max_wait after it came, then never has to wake it (a
    // system call on the logging thread, once per batch).
    if (logs_enabled_) wake_at = std::min(wake_at, now + log_batcher::max_wait);
    if (stopping) wake_at = std::min(wake_at, close_deadline_);
    if (crash_handling_) wake_at = std::min(wake_at, next_crash_refresh_);
    std::optional<work_item> item = queue_->pop(wake_at);
    if (item) {
      process(*item);
      queue_->mark_done();
      if (queue_->size() == 0) transport_->on_drained();  // nothing to prepare meanwhile
    }
    if (logs_enabled_) {
      for (auto& batch : logs_.take_due(clock::now())) {
        try {
          process_logs(batch);
        } catch (...) {
          count_dropped_logs(discard_reason::internal_sdk_error, batch);
        }
      }
    }
    service_flush_requests();
    refresh_crash_snapshot(false);
    if (!item && stopping_.load(std::memory_order_acquire) && queue_->size() == 0) break;
    if (clock::now() >= next_idle) next_idle = transport_->on_idle();
  }
  // Past the deadline: what is still queued is kept (disk cache) or counted,
  // and so are logs that arrived while closing.
  while (std::optional<work_item> left = queue_->pop(clock::now())) {
    keep_or_count(*left);
    queue_->mark_done();
  }
  // Logs that arrive from now on are refused (and counted) by the batcher.
  for (auto& batch : logs_.close()) {
    work_item w{std::move(batch)};
    keep_or_count(w);
  }
  transport_->close(close_deadline_);
  service_flush_requests();
  {
    std::lock_guard<std::mutex> lock(transport_mutex_);
    transport_.reset();
  }
  {
    std::lock_guard<std::mutex> lock(flush_mutex_);
    worker_gone_ = true;  // flushes still waiting end now
  }
  flush_cv_.notify_all();
  {
    std::lock_guard<std::mutex> lock(finished_mutex_);
    finished_ = true;
  }
  finished_cv_.notify_all();
}

void client::process(work_item& item) noexcept {
  try {
    if (auto* job = std::get_if<capture_job>(&item)) {
      process_event(*job);
    } else if (auto* batch = std::get_if<log_batch>(&item)) {
      process_logs(*batch);
    } else {
      transport_->send(std::move(std::get<envelope>(item)));
    }
  } catch (const std::exception& e) {
    record_drop(discard_reason::internal_sdk_error, item, e.what());
  } catch (...) {
    record_drop(discard_reason::internal_sdk_error, item, "unknown error");
  }
}

void client::process_event(capture_job& job) {
  event& e = job.ev;
  job.record.expand_into(e);
  if (job.hint.exception) {
    auto chain = decode_exception(job.hint.exception, job.hint.mechanism);
    job.hint.exception = nullptr;
    for (auto& x : chain) e.exceptions.push_back(std::move(x));
  }
  if (is_ignored(e, opts_.ignore_errors)) {
    discards_.record(discard_reason::event_processor, data_category::error);
    diag_.log(level::debug, "event dropped: its exception type is in ignore_errors");
    return;
  }
  add_stack_traces(e, job.stack, stacks());
  apply_scope_data(e, job.scopes);
  apply_default_fields(e, opts_);
  // Without a hook to show them to, the breadcrumbs and default contexts are
  // written from where they lie (the snapshots, the client) instead of being
  // copied into the event: the same bytes for less work.
  std::vector<breadcrumb_ref> crumbs;
  event_additions additions;
  if (opts_.before_send) {
    apply_breadcrumbs(e, job.scopes, opts_.max_breadcrumbs);
    job.scopes = scope_snapshots{};  // release the snapshots early
    apply_default_contexts(e, default_contexts_);
  } else {
    crumbs = merged_breadcrumbs(e, job.scopes, opts_.max_breadcrumbs);
    additions.breadcrumbs = &crumbs;
    additions.default_contexts = &default_contexts_json_;
  }

  if (opts_.before_send) {
    bool keep = false;
    try {
      keep = opts_.before_send(e);
    } catch (const std::exception& ex) {
      diag_.log(level::error, std::string("before_send threw; event dropped: ") + ex.what());
    } catch (...) {
      diag_.log(level::error, "before_send threw; event dropped");
    }
    if (!keep) {
      discards_.record(discard_reason::before_send, data_category::error);
      return;
    }
  }
  const double rate = *opts_.sample_rate;
  if (rate < 1.0 && !(random_unit() < rate)) {
    discards_.record(discard_reason::sample_rate, data_category::error);
    return;
  }
  serialize_report report;
  envelope env = make_event_envelope(e, dsn_ ? std::string_view(dsn_->raw) : std::string_view{},
                                     &report, &additions);
  if (diag_.enabled(level::warning)) {
    for (const auto& loss : report.losses)
      diag_.log(level::warning, "event " + e.event_id.to_string() + ": " + loss);
  }
  transport_->send(std::move(env));
}

// Past shutdown_timeout: the transport keeps (disk cache) what it can, and
// what it hands back is counted here, item by item (record_discard).
void client::keep_or_count(work_item& item) noexcept {
  envelope left;
  try {
    envelope env = envelope_to_keep(item);
    if (env.items.empty()) return;  // before_send_log dropped every log (counted)
    left = transport_->keep(std::move(env));
  } catch (...) {
    record_drop(discard_reason::queue_overflow, item, "shutdown_timeout passed before it was sent");
    return;
  }
  if (left.items.empty()) return;
  record_discard(discards_, discard_reason::queue_overflow, left);
  if (diag_.enabled(level::warning)) {
    diag_.log(level::warning, "dropped an item: shutdown_timeout passed before it was sent");
  }
}

envelope client::envelope_to_keep(work_item& item) {
  const std::string_view dsn = dsn_ ? std::string_view(dsn_->raw) : std::string_view{};
  if (auto* job = std::get_if<capture_job>(&item)) {
    // No time left for hooks: keep the event as captured, scopes applied.
    event& e = job->ev;
    job->record.expand_into(e);
    if (job->hint.exception) {
      for (auto& x : decode_exception(job->hint.exception, job->hint.mechanism))
        e.exceptions.push_back(std::move(x));
    }
    add_stack_traces(e, job->stack, stacks());
    apply_scopes(e, job->scopes, opts_.max_breadcrumbs);
    apply_defaults(e, opts_, default_contexts_);
    return make_event_envelope(e, dsn);
  }
  if (auto* batch = std::get_if<log_batch>(&item)) {
    // before_send_log still decides (it is cheap, and a log it drops or
    // scrubs must not be kept for a later run to send as it was).
    log_items items = serialize_logs(*batch, true);
    if (items.empty()) return {};
    return make_log_envelope(std::move(items), dsn);
  }
  return std::move(std::get<envelope>(item));
}

stack_processor& client::stacks() {
  if (!stacks_) stacks_ = std::make_unique<stack_processor>(stack_options::from(opts_));
  return *stacks_;
}

// Hands over what an earlier run's crash left in cache_path (PROTOCOL §9.4):
// its report, with the logs it was still to send (rebuilt from their dump,
// through before_send_log, with that run's default attributes) as a log item.
void client::deliver_last_crash() noexcept {
  if (!crash_handling_) return;
  try {
    crash::last_run last = crash::take_last_run(opts_.cache_path);
    for (const auto& problem : last.problems) diag_.log(level::warning, problem);
    for (auto& crash : last.crashes) {
      std::optional<envelope> logs;
      if (!crash.log_dump.empty()) {
        log_dump dump = read_dump(crash.log_dump);
        for (const auto& problem : dump.problems) diag_.log(level::warning, "crashed run's logs: " + problem);
        log_items items = serialize_logs(dump.logs, true, &dump.default_attributes);
        if (!items.empty()) {
          logs = make_log_envelope(std::move(items), dsn_ ? std::string_view(dsn_->raw) : std::string_view{});
        }
      }
      if (crash.report && logs) {
        crash.report->items.push_back(std::move(logs->items.front()));
        logs.reset();
      }
      for (std::optional<envelope>* env : {&crash.report, &logs}) {
        if (!*env) continue;
        const std::size_t bytes = (*env)->serialize().size();
        if (!enqueue_envelope(std::move(**env), bytes)) {
          discards_.record(discard_reason::queue_overflow,
                           env == &logs ? data_category::log_item : data_category::error);
        }
      }
    }
    if (last.crashed && opts_.on_crashed_last_run) {
      try {
        opts_.on_crashed_last_run();
      } catch (...) {
        diag_.log(level::error, "on_crashed_last_run threw");
      }
    }
    if (last.startup_crash) {
      diag_.log(level::info, "the last run crashed during start-up: sending its report first");
      flush(std::chrono::duration_cast<std::chrono::milliseconds>(startup_crash_flush));
    }
  } catch (...) {
    diag_.log(level::error, "crash handling could not start");
  }
}

void client::refresh_crash_snapshot(bool now) noexcept {
  if (!crash_handling_) return;
  const auto t = clock::now();
  if (!now && t < next_crash_refresh_) return;
  next_crash_refresh_ = t + crash_refresh_interval;
  try {
    event e;
    e.event_id = uuid::generate();
    e.level = level::fatal;
    apply_scopes(e, snapshot_scopes(), opts_.max_breadcrumbs);
    apply_defaults(e, opts_, default_contexts_);
    stacks().add_debug_meta(e);
    crash::publish_snapshot(e, dsn_ ? std::string_view(dsn_->raw) : std::string_view{});
  } catch (...) {
    diag_.log(level::warning, "could not prepare the crash report");
  }
}

void client::record_drop(discard_reason reason, const work_item& item, const char* why) noexcept {
  if (const auto* batch = std::get_if<log_batch>(&item)) {
    count_dropped_logs(reason, *batch);
  } else {
    discards_.record(reason, category_of(item));
  }
  if (diag_.enabled(level::warning)) {
    diag_.log(level::warning, std::string("dropped an item: ") + why);
  }
}

void client::service_flush_requests() noexcept {
  std::uint64_t target;
  clock::time_point deadline;
  {
    std::lock_guard<std::mutex> lock(flush_mutex_);
    if (flush_done_ >= flush_requested_) return;
    target = flush_requested_;
    deadline = flush_deadline_;
  }
  refresh_crash_snapshot(true);  // a flush before a crash leaves the scope as it is now
  const bool ok = transport_ ? transport_->flush(deadline) : true;
  {
    std::lock_guard<std::mutex> lock(flush_mutex_);
    flush_done_ = target;
    last_flush_ok_ = ok;
  }
  flush_cv_.notify_all();
}

bool client::flush(std::chrono::milliseconds timeout) noexcept {
  if (!enabled_ || !queue_ || closing_.load()) return true;
  if (in_sdk() && std::this_thread::get_id() == worker_id_) return false;  // would deadlock
  try {
    const clock::time_point deadline = clock::now() + std::max(timeout, std::chrono::milliseconds(0));
    const bool logs_handed = hand_off_logs(logs_.take_all());
    if (!queue_->wait_done(queue_->pushed(), deadline)) return false;
    std::uint64_t mine;
    {
      std::lock_guard<std::mutex> lock(flush_mutex_);
      mine = ++flush_requested_;
      flush_deadline_ = std::max(flush_deadline_, deadline);
    }
    queue_->wake();
    std::unique_lock<std::mutex> lock(flush_mutex_);
    flush_cv_.wait_until(lock, deadline, [&] { return flush_done_ >= mine || worker_gone_; });
    return flush_done_ >= mine && last_flush_ok_ && logs_handed;
  } catch (...) {
    return false;
  }
}

void client::close(std::chrono::milliseconds timeout) noexcept {
  if (closing_.exchange(true)) return;
  if (!enabled_ || !queue_) return;
  if (timeout.count() < 0) timeout = opts_.shutdown_timeout;
  crash::clear_log_source();
  crash::uninstall_signal_handlers();
  crash::uninstall_terminate_handler();
  close_deadline_ = clock::now() + timeout;
  hand_off_logs(logs_.take_all());
  // The queue refuses pushes before the worker may stop, so every item a
  // capture managed to push is in the queue when the worker drains it (the
  // others are counted by their caller).
  queue_->close();
  stopping_.store(true, std::memory_order_release);
  queue_->wake();
  if (std::this_thread::get_id() == worker_id_) {
    worker_.detach();  // close() from a callback on the worker: it ends by itself
    return;
  }
  // At the deadline a request still in flight is aborted: the transport
  // keeps (disk cache) or counts what is left. A little slack for that, then
  // a stuck worker is left behind rather than hang.
  const auto grace = std::chrono::milliseconds(500);
  const auto finished_by = [this](clock::time_point t) {
    std::unique_lock<std::mutex> lock(finished_mutex_);
    return finished_cv_.wait_until(lock, t, [&] { return finished_; });
  };
  bool done = finished_by(close_deadline_);
  if (!done) {
    {
      std::lock_guard<std::mutex> lock(transport_mutex_);
      if (transport_) transport_->cancel();
    }
    done = finished_by(clock::now() + grace);
  }
  if (done) {
    worker_.join();
  } else {
    diag_.log(level::warning, "the transport did not stop within shutdown_timeout; leaving it");
    worker_.detach();
  }
}

}  // namespace sentry::detail

namespace sentry::detail {

void client::count_dropped_logs(discard_reason reason, const std::vector<pending_log>& logs) noexcept {
  std::uint64_t bytes = 0;
  for (const auto& l : logs) bytes += l.approximate_bytes();
  discards_.record(reason, data_category::log_item, logs.size());
  discards_.record(reason, data_category::log_byte, bytes);
}

void client::capture_log(pending_log&& log) noexcept {
  if (closing_.load(std::memory_order_relaxed)) return;
  try {
    std::vector<log_batch> ready;
    const std::size_t bytes = log.approximate_bytes();
    switch (logs_.add(std::move(log), ready)) {
      case log_batcher::result::added:
        return;
      case log_batcher::result::first:
        // The worker must look again by the time this log is due. It does
        // anyway (it looks every max_wait while logs are on): wake_by()
        // then makes no system call, and wakes it only if it ever would not.
        queue_->wake_by(clock::now() + log_batcher::max_wait);
        return;
      case log_batcher::result::batch_ready:
        hand_off_logs(std::move(ready));
        return;
      case log_batcher::result::dropped: {
        discards_.record(discard_reason::queue_overflow, data_category::log_item);
        discards_.record(discard_reason::queue_overflow, data_category::log_byte, bytes);
        const std::uint64_t n = ++logs_dropped_;
        if ((n == 1 || n % 1000 == 0) && diag_.enabled(level::warning)) {
          diag_.log(level::warning, "structured logs dropped: 1000 are waiting (" +
                                        std::to_string(n) + " dropped so far)");
        }
        return;
      }
    }
  } catch (...) {
    discards_.record(discard_reason::internal_sdk_error, data_category::log_item);
  }
}

bool client::hand_off_logs(std::vector<log_batch>&& batches) noexcept {
  if (batches.empty()) return true;
  try {
    std::size_t i = 0;
    for (; i < batches.size(); ++i) {
      std::size_t bytes = 0;
      for (const auto& l : batches[i]) bytes += l.approximate_bytes();
      work_item item{std::move(batches[i])};
      if (!queue_->push(std::move(item), bytes)) {
        batches[i] = std::move(std::get<log_batch>(item));
        break;
      }
    }
    if (i == batches.size()) return true;
    std::vector<log_batch> refused(std::make_move_iterator(batches.begin() + static_cast<std::ptrdiff_t>(i)),
                                   std::make_move_iterator(batches.end()));
    std::vector<pending_log> overflow = logs_.put_back(std::move(refused));
    if (!overflow.empty()) count_dropped_logs(discard_reason::queue_overflow, overflow);
    return false;
  } catch (...) {
    return false;
  }
}

void client::process_logs(log_batch& batch) {
  log_items items = serialize_logs(batch, true);
  if (items.empty()) return;
  transport_->send(make_log_envelope(std::move(items), dsn_ ? std::string_view(dsn_->raw) : std::string_view{}));
}

log_items client::serialize_logs(log_batch& batch, bool count_drops, const value_object* defaults) {
  log_items items;
  const std::size_t logs = batch.size();
  items.reserve(logs * log_json_bytes_.load(std::memory_order_relaxed) + 64);
  // With debug on, every log sent is also printed among the diagnostics, on
  // one line (as long as a message may be).
  const bool echo = diag_.enabled(level::debug);
  std::string body;
  const auto echo_log = [&](level l, std::string_view text) {
    diag_.log(level::debug, "log [" + std::string(log_level_name(l)) + "] " +
                                single_line(text, max_message_chars));
  };
  for (auto& p : batch) {
    // This client's logs that no callback sees are written straight away.
    if (!defaults && !opts_.before_send_log &&
        items.add_direct(p, log_defaults_, opts_.send_default_pii, echo ? &body : nullptr)) {
      if (echo) echo_log(p.level, body);
      continue;
    }
    const std::size_t bytes = p.approximate_bytes();
    // Another run's logs carry a user only when that run sent it.
    log_entry entry = defaults ? make_log_entry(std::move(p), *defaults, true)
                               : make_log_entry(std::move(p), log_defaults_.attributes,
                                                opts_.send_default_pii);
    if (opts_.before_send_log) {
      bool keep = false;
      try {
        keep = opts_.before_send_log(entry);
      } catch (const std::exception& e) {
        diag_.log(level::error, std::string("before_send_log threw; log dropped: ") + e.what());
      } catch (...) {
        diag_.log(level::error, "before_send_log threw; log dropped");
      }
      if (!keep) {
        if (count_drops) {
          discards_.record(discard_reason::before_send, data_category::log_item);
          discards_.record(discard_reason::before_send, data_category::log_byte, bytes);
        }
        continue;
      }
    }
    if (echo) echo_log(entry.level, entry.body);
    items.add(entry);
  }
  batch.clear();
  if (items.count() != 0 && logs >= 10) {  // a few logs say little about the next batch
    // Capped: a batch with a few huge logs must not make the next one
    // reserve megabytes; such logs grow the payload as before.
    constexpr std::size_t max_reserved_per_log = 4096;
    const std::size_t per_log = items.size_bytes() / items.count();
    log_json_bytes_.store(std::min(per_log + per_log / 8, max_reserved_per_log),
                          std::memory_order_relaxed);
  }
  return items;
}

std::size_t client::take_logs_for_crash(void* self, log_batch* holders, std::size_t count,
                                        bool* unavailable) noexcept {
  auto* c = static_cast<client*>(self);
  std::size_t filled = 0;
  // Full batches the worker has not taken yet (older than the waiting logs).
  if (c->queue_) {
    const bool taken = crash::take_briefly([&] {
      return c->queue_->try_for_each([&](work_item& item) {
        auto* batch = std::get_if<log_batch>(&item);
        if (batch && !batch->empty() && filled + 1 < count) batch->swap(holders[filled++]);
      });
    });
    if (!taken) *unavailable = true;
  }
  if (filled < count) {
    if (crash::take_briefly([&] { return c->logs_.try_take_waiting(holders[filled]); })) {
      ++filled;
    } else {
      *unavailable = true;
    }
  }
  return filled;
}

}  // namespace sentry::detail
