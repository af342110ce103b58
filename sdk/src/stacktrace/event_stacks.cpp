#include "stacktrace/event_stacks.hpp"

namespace sentry::detail {

namespace {

bool any_thread_has_a_stack(const event& e) {
  for (const auto& t : e.threads) {
    if (t.stacktrace) return true;
  }
  return false;
}

// The event's entry for thread `id` (an event made from a log record names
// its thread), or nullptr.
thread_info* thread_with_id(event& e, std::uint64_t id) {
  for (auto& t : e.threads) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

bool has_frames(const event& e) {
  for (const auto& x : e.exceptions) {
    if (x.stacktrace && !x.stacktrace->frames.empty()) return true;
  }
  for (const auto& t : e.threads) {
    if (t.stacktrace && !t.stacktrace->frames.empty()) return true;
  }
  return false;
}

}  // namespace

bool wants_stack(const event& e, const event_hint& hint, const options& opts,
                 std::optional<bool> attach_stacktrace) noexcept {
  if (hint.exception || !e.exceptions.empty()) return true;
  return attach_stacktrace.value_or(opts.attach_stacktrace) && !any_thread_has_a_stack(e);
}

void add_stack_traces(event& e, const raw_stack& stack, stack_processor& processor) {
  if (!stack.empty()) {
    if (!e.exceptions.empty()) {
      exception_value& outermost = e.exceptions.back();
      if (!outermost.stacktrace) {
        outermost.stacktrace = processor.symbolize(stack);
        outermost.thread_id = stack.thread_id;
        // The thread without frames: the exception holds them (PROTOCOL §3.5).
        if (thread_with_id(e, stack.thread_id) == nullptr)
          e.threads.push_back(processor.make_thread(raw_stack{{}, stack.starts_at_pc, stack.thread_id}));
      }
    } else if (thread_info* named = thread_with_id(e, stack.thread_id)) {
      if (!named->stacktrace) named->stacktrace = processor.symbolize(stack);
    } else if (!any_thread_has_a_stack(e)) {
      e.threads.push_back(processor.make_thread(stack));
    }
  }
  if (has_frames(e)) processor.add_debug_meta(e);
  else processor.add_modules(e);
}

}  // namespace sentry::detail
