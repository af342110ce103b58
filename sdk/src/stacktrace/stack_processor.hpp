// Private: what the client calls on its worker to turn captured addresses
// into Sentry's stack traces, threads and debug images.
//
// Usage (see also capture.hpp for the caller's side):
//   caller thread:  raw_stack s = capture_stack(0, __builtin_return_address(0));
//   worker thread:  e.threads.push_back(processor.make_thread(s));        // messages
//                   outermost_exception.stacktrace = processor.symbolize(s);  // exceptions
//                   processor.add_debug_meta(e);                          // every event
//
// Thread-safe (one mutex); meant for the worker, where its cost is paid: the
// first lookup of an address symbolizes it (and reads its source file),
// later ones are served from a per-address cache that is dropped when a
// library is loaded or unloaded.
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "sentry/event.hpp"
#include "sentry/options.hpp"
#include "stacktrace/capture.hpp"
#include "stacktrace/debug_images.hpp"
#include "stacktrace/in_app.hpp"
#include "stacktrace/source_context.hpp"
#include "stacktrace/symbolizer.hpp"

namespace sentry::detail {

inline constexpr std::size_t max_cached_addresses = 8192;

struct stack_options {
  bool include_source_context = true;
  std::vector<std::string> in_app_include;
  std::vector<std::string> in_app_exclude;

  static stack_options from(const sentry::options& o);
};

class stack_processor {
 public:
  explicit stack_processor(stack_options opts,
                           symbolizer::backend backend = symbolizer::default_backend());

  // Frames oldest first (an address where calls were inlined gives one frame
  // per function, the caller before the inlined callee, all with the same
  // instruction_addr), each with instruction_addr (the captured address),
  // function, package and image_addr, file/line and source context where
  // known, in_app. instruction_addr_adjustment is "all" (every address is a
  // return address) or "all_but_first" when the stack starts at a faulting
  // pc. With `trim`, the newest frames of the SDK, the logging libraries and
  // the C++ runtime are dropped so the stack ends at the user's call.
  sentry::stacktrace symbolize(const raw_stack& stack, bool trim = true);

  // The captured thread as a `threads` entry: id, name, main, current, and
  // the symbolized stack (none when `stack` has no addresses).
  sentry::thread_info make_thread(const raw_stack& stack, bool trim = true);

  // debug_meta.images (every loaded image) and `modules` (existing keys win).
  void add_debug_meta(event& e);
  // `modules` only.
  void add_modules(event& e);

  const in_app_rules& rules() const noexcept { return rules_; }

 private:
  // The frames at one address, innermost (inlined) first.
  std::vector<frame> resolve(std::uint64_t lookup_address, const image_list& images);

  std::mutex mutex_;
  stack_options options_;
  in_app_rules rules_;
  symbolizer symbolizer_;
  source_reader sources_;
  std::uint64_t images_generation_ = 0;
  std::unordered_map<std::uint64_t, std::vector<frame>> cache_;  // by looked-up address
};

// Name of a thread of this process from /proc (empty when it is gone).
std::string thread_name(std::uint64_t thread_id);

}  // namespace sentry::detail
