// Private: uncaught C++ exceptions (std::terminate with an exception in flight).
//
// install_terminate_handler() chains the previous handler. When terminate
// runs with an active exception, the handler captures it as a `fatal` event
// (mechanism "auto.cpp.terminate", handled: false, the stack of the throw
// site, which is still on the stack at that point), flushes for at most
// min(shutdown_timeout, 2 s), leaves a crash marker for on_crashed_last_run,
// and tells the SIGABRT handler the crash is reported; then the previous
// handler (by default: print and abort) runs. Once per process.
#pragma once

namespace sentry::detail::crash {

inline constexpr const char* terminate_mechanism = "auto.cpp.terminate";

void install_terminate_handler() noexcept;
// Restores the previous handler when ours is still the current one.
void uninstall_terminate_handler() noexcept;

}  // namespace sentry::detail::crash
