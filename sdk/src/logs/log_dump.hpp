// Private: pending logs in a raw binary form, written by the fatal-signal
// handler and read back at the next start.
//
// Writing (write_dump_*) is async-signal-safe: it reads a pending_log in
// place (texts, typed parameter slots, boxed values walked without copying,
// trace id and user from its scope) and hands bytes to a dump_sink; nothing
// is allocated, formatted or serialized as JSON. Reading (read_dump) runs in
// a normal context and rebuilds pending_log objects, which then take the
// usual way (make_log_entry, before_send_log, serialize_log): one serializer.
//
// Format (version 1, integers in the machine's byte order: the file is read
// on the machine that wrote it):
//   "SCPPLOGS" u32 version  u8 flags (1: the user was recorded, i.e.
//   send_default_pii; 2: some of the logs could not be taken)
//   str default attributes (JSON object)
//   then per log: 'L' i64 timestamp ns, u8 level, u8 format_body, i32 line,
//   u64 thread id, u8 has trace + 16 bytes, u8 has user + str id, username,
//   email, 7 str (body, template, origin, logger, thread name, file,
//   function), u32 n + n values (parameters), u32 n + n (str key, str value)
//   then 'E' u32 number of logs.
//   str = u32 size + bytes; value = u8 kind (value::kind) + payload (bool u8,
//   i64, u64, f64, str, u32 n + n values, u32 n + n (str, value)), nested at
//   most max_depth deep (deeper values are written as null).
// A truncated or damaged dump gives the logs before the damage and a
// problem; it never throws (but std::bad_alloc) nor reads out of bounds.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "logs/pending_log.hpp"
#include "sentry/value.hpp"

namespace sentry::detail {

inline constexpr std::uint32_t log_dump_version = 1;
inline constexpr int log_dump_max_depth = 16;

// Where dump bytes go. put() must be async-signal-safe when the handler
// uses it; it returns false once it cannot take more (later puts are ignored).
class dump_sink {
 public:
  virtual bool put(const void* data, std::size_t size) noexcept = 0;

 protected:
  ~dump_sink() = default;
};

// The header. `logs_unavailable`: some logs could not be taken (a note for
// the reader's diagnostics).
void write_dump_header(dump_sink& out, std::string_view default_attributes_json, bool with_user,
                       bool logs_unavailable) noexcept;
// One log (its user only when `with_user`).
void write_dump_log(dump_sink& out, const pending_log& log, bool with_user) noexcept;
void write_dump_end(dump_sink& out, std::uint32_t count) noexcept;

struct log_dump {
  std::vector<pending_log> logs;
  value_object default_attributes;  // of the run that wrote the dump
  std::vector<std::string> problems;  // what was wrong with the bytes
};

// Rebuilds the logs of a dump. Never throws but std::bad_alloc.
log_dump read_dump(std::string_view bytes);

}  // namespace sentry::detail
