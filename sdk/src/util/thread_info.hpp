// Private: the calling thread's id and name, as events and logs report them,
// and the process id.
//
// The id is the kernel's thread id (what debuggers and /proc show), read once
// per thread. The name is read with pthread_getname_np on each call (threads
// may rename themselves); callers on a hot path read it only when they need it,
// or use cached_thread_name(): read once per thread on first use (a thread
// renamed after that keeps its first name), then a thread-local read.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sentry::detail {

std::uint64_t current_thread_id() noexcept;
// The process id, read once (getpid() is a system call, costly on some
// virtual machines) and read again in the child after fork().
std::uint64_t current_process_id() noexcept;
std::string current_thread_name();
std::string_view cached_thread_name() noexcept;
// Names the calling thread (at most 15 characters are kept), as `top -H`,
// debuggers and profilers show it; for the SDK's own threads.
void name_current_thread(const char* name) noexcept;

}  // namespace sentry::detail
