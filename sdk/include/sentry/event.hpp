// sentry/event.hpp: the event model handed to before_send and to transports.
//
// Plain value types mirroring Sentry's event payload (PROTOCOL §3). An event is
// owned by one thread at a time: the caller fills it, capture moves it into the
// SDK, and hooks (before_send, event processors) receive it by reference on the
// SDK's worker thread. Fields left empty are not sent.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sentry/breadcrumb.hpp"
#include "sentry/level.hpp"
#include "sentry/uuid.hpp"
#include "sentry/value.hpp"

namespace sentry {

// `logentry`: the message template (used for grouping), its parameters and
// the formatted text.
struct logentry {
  std::string message;              // template, e.g. "payment failed for order {}"
  std::vector<std::string> params;  // positional parameters, as text
  std::string formatted;            // the text as it was logged
};

struct mechanism {
  std::string type = "generic";
  std::optional<bool> handled;
  bool synthetic = false;
  std::string description;
  value_object data;
  value_object meta;  // e.g. {"signal": {"number": 11, "name": "SIGSEGV"}}
  // Exception chains (std::nested_exception): ids linking an exception to
  // the one that wrapped it; `source` names how it was linked.
  std::optional<int> exception_id;
  std::optional<int> parent_id;
  std::string source;
};

struct frame {
  std::uint64_t instruction_addr = 0;  // 0 = unknown
  std::uint64_t symbol_addr = 0;
  std::uint64_t image_addr = 0;
  std::string function;
  std::string package;   // path of the image that holds the frame
  std::string filename;  // source file, relative where possible
  std::string abs_path;
  std::uint32_t lineno = 0;  // 1-based; 0 = unknown
  std::uint32_t colno = 0;
  std::optional<bool> in_app;
  std::vector<std::string> pre_context;
  std::optional<std::string> context_line;
  std::vector<std::string> post_context;
};

struct stacktrace {
  std::vector<frame> frames;  // oldest (outermost) first
  std::string instruction_addr_adjustment;  // "" = unset, or auto/all_but_first/all/none
};

struct exception_value {
  std::string type;   // demangled type name, e.g. "std::runtime_error"
  std::string value;  // what()
  std::string module;
  sentry::mechanism mechanism;
  std::optional<sentry::stacktrace> stacktrace;
  std::optional<std::uint64_t> thread_id;
};

struct thread_info {
  std::uint64_t id = 0;
  std::string name;
  bool crashed = false;
  bool current = false;
  bool main = false;
  std::optional<sentry::stacktrace> stacktrace;
};

struct user {
  std::string id;
  std::string username;
  std::string email;
  std::string ip_address;
  std::string name;
  value_object data;
  bool empty() const noexcept {
    return id.empty() && username.empty() && email.empty() && ip_address.empty() &&
           name.empty() && data.empty();
  }
};

// One loaded image, for server-side symbolication (debug_meta.images).
struct debug_image {
  std::string type = "elf";
  std::string code_id;   // GNU build-id, lowercase hex
  std::string debug_id;  // dashed UUID derived from the build-id
  std::string code_file;
  std::uint64_t image_addr = 0;
  std::uint64_t image_size = 0;
};

struct event {
  uuid event_id;  // assigned by capture when nil
  std::chrono::system_clock::time_point timestamp = std::chrono::system_clock::now();
  sentry::level level = sentry::level::error;
  std::string platform = "native";
  std::string logger;
  std::string transaction;
  std::string release;      // from options unless set here
  std::string environment;  // from options unless set here
  std::string dist;
  std::string server_name;
  std::optional<sentry::logentry> message;
  std::vector<exception_value> exceptions;  // cause chain, oldest (innermost) first
  std::vector<thread_info> threads;
  std::map<std::string, std::string> tags;
  value_object extra;
  std::map<std::string, value_object> contexts;
  sentry::user user;
  std::vector<std::string> fingerprint;
  std::vector<breadcrumb> breadcrumbs;  // oldest first
  std::map<std::string, std::string> modules;
  std::vector<debug_image> debug_images;
};

}  // namespace sentry
