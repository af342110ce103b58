// Private: capturing the raw return addresses of a thread's stack.
//
// Caller's thread, hot path: capture_stack() only walks the stack and copies
// at most max_stack_frames addresses; symbolization happens later on the
// worker (see stack_processor.hpp). The walk uses libunwind's cached fast path
// (unw_backtrace, ~10 ns a frame) when libunwind.so.8 is on the system,
// loaded privately so that it never replaces the process's _Unwind_* or
// backtrace(); libgcc's _Unwind_Backtrace (~120 ns a frame) otherwise.
// capture_addresses_from_context() is for signal handlers: libgcc only, no
// allocation, no lock once warm_up_unwinder() has run.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "util/thread_info.hpp"

namespace sentry::detail {

inline constexpr std::size_t max_stack_frames = 128;

// One thread's stack as the unwinder saw it. A plain value the client carries
// in its job from the caller's thread to the worker.
struct raw_stack {
  std::vector<std::uintptr_t> addresses;  // innermost (most recent call) first
  // True when addresses[0] is the exact faulting instruction (a crash), so
  // only the other addresses are return addresses.
  bool starts_at_pc = false;
  std::uint64_t thread_id = 0;  // kernel thread id of the captured thread

  bool empty() const noexcept { return addresses.empty(); }
};

// The calling thread's stack; addresses[0] lies in the function that called
// capture_stack, `skip` further frames are dropped. When `start_at` is one of
// the captured addresses, the frames before it are dropped as well: a public
// entry point passes __builtin_return_address(0) so the stack starts in the
// user's function whatever the SDK inlined. Empty on failure; never throws.
raw_stack capture_stack(std::size_t skip = 0, std::uintptr_t start_at = 0) noexcept;

// Writes up to `max` return addresses of the calling thread into `out`,
// out[0] in the caller of capture_addresses (after `skip` frames). Returns how
// many. Not for signal handlers.
std::size_t capture_addresses(std::uintptr_t* out, std::size_t max, std::size_t skip) noexcept;

// From a signal handler: the stack of the interrupted code described by the
// handler's `ucontext` (a ucontext_t*), out[0] being the faulting pc.
// Async-signal-safe after warm_up_unwinder(). Returns how many.
std::size_t capture_addresses_from_context(const void* ucontext, std::uintptr_t* out,
                                           std::size_t max) noexcept;

// Runs the unwinders once so that their lazy set-up (loading libunwind,
// libgcc's caches) happens at init, not in a capture or a signal handler.
void warm_up_unwinder() noexcept;

// "libunwind" or "libgcc": which unwinder capture_stack uses here.
const char* unwinder_name() noexcept;

// current_thread_id(): util/thread_info.hpp.

// Testing seam: the libgcc (_Unwind_Backtrace) walk, whatever the build's choice.
std::size_t capture_addresses_libgcc(std::uintptr_t* out, std::size_t max, std::size_t skip) noexcept;

}  // namespace sentry::detail
