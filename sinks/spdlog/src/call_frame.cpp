// The call-site side of template capture: the thread's frames, unique record
// times, and the hand-over to the Sentry sinks of an asynchronous logger.
#include "sentry/spdlog/detail/call_frame.hpp"

#include <exception>
#include <memory>
#include <typeinfo>

#include <spdlog/async_logger.h>
#include <spdlog/details/os.h>
#include <spdlog/sinks/sink.h>

#include "context_fields.hpp"
#include "sentry/log_bridge.hpp"
#include "sentry/spdlog/detail/sink_core.hpp"

namespace sentry::spdlog::detail {
namespace {

thread_local call_frame* t_frame = nullptr;

// What the Sentry sinks of a logger want from one record.
struct wanted {
  bool any = false;
  bool params = false;
  bool exception = false;
};

wanted wanted_by_sinks(::spdlog::logger& logger, ::spdlog::level::level_enum lvl) {
  wanted w;
  const sentry::level l = to_sentry_level(lvl);
  for (const auto& s : logger.sinks()) {
    const auto* core = dynamic_cast<const sink_core*>(s.get());
    if (!core || !s->should_log(lvl) || !core->bridge().wants(l)) continue;
    w.any = true;
    w.params = w.params || core->bridge().wants_params(l);
    w.exception = w.exception || l >= core->bridge().options().minimum_event_level;
  }
  return w;
}

std::shared_ptr<async_capture> capture_call_site(const call_frame& frame, const wanted& w) {
  auto c = std::make_shared<async_capture>();
  c->thread_id = ::spdlog::details::os::thread_id();
  c->time = frame.time;
  c->payload_size = frame.payload_size;
  if (w.params && frame.arg_count > 0 && frame.to_values) {
    c->params.resize(frame.arg_count);
    frame.to_values(frame.args, c->params.data());
    c->message_template.assign(frame.format.data(), frame.format.size());
  }
  const context_view context = calling_thread_context();
  c->context.reserve(context.size);
  for (std::size_t i = 0; i < context.size; ++i) {
    c->context.emplace_back(std::string(context.data[i].key), std::string(context.data[i].value));
  }
  c->thread_name = std::string(log_bridge::calling_thread_name());
  if (w.exception) c->exception = std::current_exception();
  return c;
}

}  // namespace

call_frame* current_frame() noexcept { return t_frame; }

frame_scope::frame_scope(call_frame& frame) noexcept : frame_(frame) {
  frame_.previous = t_frame;
  t_frame = &frame_;
}

frame_scope::~frame_scope() { t_frame = frame_.previous; }

::spdlog::log_clock::time_point unique_log_time() noexcept {
  thread_local ::spdlog::log_clock::time_point last{};
  auto now = ::spdlog::log_clock::now();
  if (now <= last) now = last + ::spdlog::log_clock::duration(1);
  last = now;
  return now;
}

void publish_for_async(::spdlog::logger& logger, ::spdlog::level::level_enum lvl,
                       const call_frame& frame) noexcept {
  // async_logger is final: a type compare finds it exactly.
  if (typeid(logger) != typeid(::spdlog::async_logger)) return;
  try {
    const wanted w = wanted_by_sinks(logger, lvl);
    if (!w.any) return;
    const std::shared_ptr<const async_capture> capture = capture_call_site(frame, w);
    const sentry::level l = to_sentry_level(lvl);
    for (const auto& s : logger.sinks()) {
      auto* core = dynamic_cast<sink_core*>(s.get());
      if (core && s->should_log(lvl) && core->bridge().wants(l)) core->file_async(capture);
    }
  } catch (...) {
    // Out of memory: the record goes on with its formatted text only.
  }
}

}  // namespace sentry::spdlog::detail
