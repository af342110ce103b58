#include "stacktrace/event_stacks.hpp"

namespace sentry::detail {

bool wants_stack(const event& e, const event_hint& hint, const options& opts) noexcept {
  if (hint.exception || !e.exceptions.empty()) return true;
  return opts.attach_stacktrace && e.threads.empty();
}

namespace {

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

void add_stack_traces(event& e, const raw_stack& stack, stack_processor& processor) {
  if (!stack.empty()) {
    if (!e.exceptions.empty()) {
      exception_value& outermost = e.exceptions.back();
      if (!outermost.stacktrace) {
        outermost.stacktrace = processor.symbolize(stack);
        outermost.thread_id = stack.thread_id;
        // The thread without frames: the exception holds them (PROTOCOL §3.5).
        e.threads.push_back(processor.make_thread(raw_stack{{}, stack.starts_at_pc, stack.thread_id}));
      }
    } else if (e.threads.empty()) {
      e.threads.push_back(processor.make_thread(stack));
    }
  }
  if (has_frames(e)) processor.add_debug_meta(e);
  else processor.add_modules(e);
}

}  // namespace sentry::detail
