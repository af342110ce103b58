// The Sentry sink's work per record: a spdlog log_msg into a log_record.
#include "sentry/spdlog/detail/sink_core.hpp"

#include <spdlog/details/os.h>

#include <vector>

#include "context_fields.hpp"
#include "sentry/sentry.hpp"

namespace sentry::spdlog::detail {
namespace {

std::string_view view_of(::spdlog::string_view_t s) noexcept { return std::string_view(s.data(), s.size()); }
std::string_view view_of(const char* s) noexcept { return s ? std::string_view(s) : std::string_view(); }

// The frame of the template-capturing call that produced `msg`, if any.
const call_frame* frame_of(const ::spdlog::details::log_msg& msg) noexcept {
  for (const call_frame* f = current_frame(); f; f = f->previous) {
    if (f->matches(msg.time, msg.payload.size())) return f;
  }
  return nullptr;
}

}  // namespace

sink_core::sink_core(sink_options opts)
    : opts_(std::move(opts)), bridge_(static_cast<const log_bridge_options&>(opts_)) {}

sink_core::~sink_core() = default;

void sink_core::handle_record(const ::spdlog::details::log_msg& msg) noexcept {
  if (msg.level == ::spdlog::level::off) return;
  const sentry::level l = to_sentry_level(msg.level);
  // The bridge checks the rest (SDK enabled, not the SDK's own record) once,
  // in handle(); building the record first costs less than asking twice.
  if (l < bridge_.minimum_level()) return;
  try {
    log_record r;
    r.level = l;
    r.logger = view_of(msg.logger_name);
    r.message = view_of(msg.payload);
    r.timestamp = msg.time;
    r.file = view_of(msg.source.filename);
    r.line = msg.source.line;
    r.function = view_of(msg.source.funcname);

    // A record is delivered on the thread that logged it (synchronous
    // logger) or on spdlog's pool (asynchronous): only in the first case do
    // this thread's context, frame and in-flight exception belong to it.
    // (spdlog's id is the kernel's, as ours; spdlog's own read is a call
    // into its library, so it is only the fallback, e.g. for a spdlog built
    // without thread ids.)
    const bool same_thread = msg.thread_id == log_bridge::calling_thread_id() ||
                             msg.thread_id == ::spdlog::details::os::thread_id();
    std::vector<value> params;
    std::vector<context_field> owned_context;
    std::shared_ptr<const async_capture> capture;
    const call_frame* frame = same_thread ? frame_of(msg) : nullptr;
    if (!frame && !pending_.empty()) {
      capture = pending_.take({msg.time, msg.thread_id, msg.payload.size()});
    }

    if (capture) {
      r.thread_id = same_thread ? 0 : msg.thread_id;
      r.thread_name = capture->thread_name;
      r.use_current_exception = false;
      r.exception = capture->exception;
      if (!capture->params.empty()) {
        r.message_template = capture->message_template;
        r.params = capture->params.data();
        r.param_count = capture->params.size();
      }
      owned_context.reserve(capture->context.size());
      for (const auto& [k, v] : capture->context) owned_context.push_back(context_field{k, v});
      r.context = owned_context.data();
      r.context_size = owned_context.size();
    } else if (same_thread) {
      r.thread_id = 0;  // the bridge reads this thread's id and name
      const context_view context = calling_thread_context();
      r.context = context.data;
      r.context_size = context.size;
      if (frame && frame->arg_count > 0 && frame->to_values && bridge_.wants_params(l)) {
        params.resize(frame->arg_count);
        frame->to_values(frame->args, params.data());
        r.message_template = frame->format;
        r.params = params.data();
        r.param_count = params.size();
      }
    } else {
      // A plain call on an asynchronous logger: nothing of the call site is
      // known but what spdlog copied.
      r.thread_id = msg.thread_id;
      r.use_current_exception = false;
    }
    bridge_.handle(r);
  } catch (...) {
    // Out of memory while building the record: it is dropped.
  }
}

void sink_core::flush_sdk() noexcept {
  if (log_bridge::inside_sdk() || opts_.flush_timeout.count() <= 0) return;
  sentry::flush(opts_.flush_timeout);
}

void sink_core::file_async(const std::shared_ptr<const async_capture>& capture) noexcept {
  try {
    pending_.put({capture->time, capture->thread_id, capture->payload_size}, capture,
                 opts_.max_pending_async);
  } catch (...) {
  }
}

}  // namespace sentry::spdlog::detail
