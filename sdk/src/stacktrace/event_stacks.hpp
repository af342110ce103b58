// Private: which events carry a stack, and putting it on them.
//
// The client's two halves of the work:
//   caller thread  wants_stack(e, hint, opts) -> capture_stack(...) into the job
//   worker thread  add_stack_traces(e, stack, processor) after the exception
//                  chain is decoded, before scopes and before_send
#pragma once

#include <optional>

#include "sentry/event.hpp"
#include "sentry/options.hpp"
#include "sentry/sentry.hpp"
#include "stacktrace/capture.hpp"
#include "stacktrace/stack_processor.hpp"

namespace sentry::detail {

// Exceptions (in the hint or already on the event) always want the capture
// site's stack; other events when attach_stacktrace is on and they carry no
// threads of their own. Cheap; caller's thread.
bool wants_stack(const event& e, const event_hint& hint, const options& opts,
                 std::optional<bool> attach_stacktrace = std::nullopt) noexcept;

// Worker thread. An event with exceptions gets `stack` on its outermost
// exception (the last value) unless that one has a stack already, plus a
// `threads` entry for the capturing thread (no frames, linked by thread_id);
// an event without exceptions gets the thread with the stack (current: true).
// Events with any frames get debug_meta.images; every event gets `modules`.
void add_stack_traces(event& e, const raw_stack& stack, stack_processor& processor);

}  // namespace sentry::detail
