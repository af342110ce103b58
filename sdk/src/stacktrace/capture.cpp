// Stack capture: libunwind's cached fast path (unw_backtrace) when the
// system has libunwind.so.8, libgcc's _Unwind_Backtrace otherwise and in
// signal handlers.
//
// Frame counts below are exact because every function that walks is
// noinline: each one drops its own frame and the unwinder's.
#include "stacktrace/capture.hpp"

#include <dlfcn.h>
#include <unwind.h>
#include <ucontext.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <new>


namespace sentry::detail {
namespace {

// Room for what a caller may skip on top of max_stack_frames.
constexpr std::size_t max_skip = 32;

struct libgcc_walk {
  std::uintptr_t* out;
  std::size_t max;
  std::size_t skip;
  std::size_t count;
};

_Unwind_Reason_Code libgcc_step(struct _Unwind_Context* ctx, void* arg) {
  auto* walk = static_cast<libgcc_walk*>(arg);
  if (walk->count >= walk->max) return _URC_END_OF_STACK;
  int before_insn = 0;
  const auto ip = static_cast<std::uintptr_t>(_Unwind_GetIPInfo(ctx, &before_insn));
  if (ip == 0) return _URC_END_OF_STACK;
  if (walk->skip > 0) {
    --walk->skip;
    return _URC_NO_REASON;
  }
  walk->out[walk->count++] = ip;
  return _URC_NO_REASON;
}

// The pc of the interrupted code in a signal handler's ucontext.
std::uintptr_t context_pc(const void* ucontext) noexcept {
  const auto* uc = static_cast<const ucontext_t*>(ucontext);
#if defined(__x86_64__)
  return static_cast<std::uintptr_t>(uc->uc_mcontext.gregs[REG_RIP]);
#elif defined(__i386__)
  return static_cast<std::uintptr_t>(uc->uc_mcontext.gregs[REG_EIP]);
#elif defined(__aarch64__)
  return static_cast<std::uintptr_t>(uc->uc_mcontext.pc);
#else
  (void)uc;
  return 0;
#endif
}

// Walks with libgcc from the signal handler through the kernel's signal
// frame, then keeps what follows the interrupted pc.
std::size_t libgcc_from_context(const void* ucontext, std::uintptr_t* out, std::size_t max) noexcept {
  const std::uintptr_t pc = context_pc(ucontext);
  std::uintptr_t all[max_stack_frames + max_skip];
  libgcc_walk walk{all, max_stack_frames + max_skip, 0, 0};
  _Unwind_Backtrace(libgcc_step, &walk);
  std::size_t first = 0;
  while (first < walk.count && all[first] != pc) ++first;
  std::size_t n = 0;
  if (first == walk.count) {  // the signal frame was not crossed: the pc alone
    if (pc != 0 && max > 0) out[n++] = pc;
    return n;
  }
  for (std::size_t i = first; i < walk.count && n < max; ++i) out[n++] = all[i];
  return n;
}

}  // namespace

__attribute__((noinline)) std::size_t capture_addresses_libgcc(std::uintptr_t* out, std::size_t max,
                                                               std::size_t skip) noexcept {
  // The first frame reported is this function's, then the caller's.
  libgcc_walk walk{out, std::min(max, max_stack_frames), std::min(skip, max_skip) + 1, 0};
  _Unwind_Backtrace(libgcc_step, &walk);
  return walk.count;
}

using unw_backtrace_fn = int (*)(void**, int);

// libunwind's unw_backtrace, loaded privately (RTLD_LOCAL): linked normally,
// libunwind.so would interpose _Unwind_RaiseException and backtrace() for the
// whole process. Resolved once, on first use (warm_up_unwinder at init).
// Not under ThreadSanitizer: libunwind's per-thread cache has a thread-exit
// destructor that locks a mutex after TSan has finished the thread, and TSan
// crashes there (seen on spdlog's pool thread ending after it logged).
static unw_backtrace_fn libunwind_backtrace() noexcept {
#if defined(__SANITIZE_THREAD__)
  return nullptr;
#else
  static const unw_backtrace_fn fn = []() -> unw_backtrace_fn {
    void* lib = ::dlopen("libunwind.so.8", RTLD_NOW | RTLD_LOCAL);
    if (lib == nullptr) return nullptr;
    return reinterpret_cast<unw_backtrace_fn>(::dlsym(lib, "unw_backtrace"));  // never closed
  }();
  return fn;
#endif
}

__attribute__((noinline)) std::size_t capture_addresses(std::uintptr_t* out, std::size_t max,
                                                        std::size_t skip) noexcept {
  const unw_backtrace_fn unw_backtrace = libunwind_backtrace();
  if (unw_backtrace == nullptr) {
    const std::size_t n = capture_addresses_libgcc(out, max, skip + 1);
    asm volatile("" ::: "memory");  // not a tail call: our frame is the one skipped
    return n;
  }
  // unw_backtrace starts at its caller: this function, then our caller.
  skip = std::min(skip, max_skip) + 1;
  void* buffer[max_stack_frames + max_skip + 1];
  const std::size_t room = std::min(max, max_stack_frames) + skip;
  const int got = unw_backtrace(buffer, static_cast<int>(room));
  std::size_t n = 0;
  for (std::size_t i = skip; i < static_cast<std::size_t>(got > 0 ? got : 0); ++i) {
    out[n++] = reinterpret_cast<std::uintptr_t>(buffer[i]);
  }
  return n;
}

std::size_t capture_addresses_from_context(const void* ucontext, std::uintptr_t* out,
                                           std::size_t max) noexcept {
  if (ucontext == nullptr || max == 0) return 0;
  return libgcc_from_context(ucontext, out, max);
}

const char* unwinder_name() noexcept {
  return libunwind_backtrace() != nullptr ? "libunwind" : "libgcc";
}

__attribute__((noinline)) raw_stack capture_stack(std::size_t skip, std::uintptr_t start_at) noexcept {
  raw_stack stack;
  stack.thread_id = current_thread_id();
  std::uintptr_t buffer[max_stack_frames];
  std::size_t n = capture_addresses(buffer, max_stack_frames, skip + 1);
  std::size_t first = 0;
  if (start_at != 0) {
    const auto* hit = std::find(buffer, buffer + n, start_at);
    if (hit != buffer + n) first = static_cast<std::size_t>(hit - buffer);
  }
  try {
    stack.addresses.assign(buffer + first, buffer + n);
  } catch (const std::bad_alloc&) {
    stack.addresses.clear();
  }
  return stack;
}

void warm_up_unwinder() noexcept {
  std::uintptr_t buffer[4];
  (void)capture_addresses(buffer, 4, 0);
  (void)capture_addresses_libgcc(buffer, 4, 0);
}

}  // namespace sentry::detail
