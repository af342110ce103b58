#include "logs/log_dump.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <limits>

namespace sentry::detail {
namespace {

constexpr char magic[8] = {'S', 'C', 'P', 'P', 'L', 'O', 'G', 'S'};
constexpr std::uint8_t flag_user = 1;
constexpr std::uint8_t flag_unavailable = 2;
constexpr char log_tag = 'L';
constexpr char end_tag = 'E';

// ---- writing (async-signal-safe) ----

template <typename T>
void put_raw(dump_sink& out, T v) noexcept {
  out.put(&v, sizeof v);
}

void put_str(dump_sink& out, std::string_view s) noexcept {
  const std::size_t n = std::min<std::size_t>(s.size(), std::numeric_limits<std::uint32_t>::max());
  put_raw(out, static_cast<std::uint32_t>(n));
  if (n) out.put(s.data(), n);
}

void put_value(dump_sink& out, const value& v, int depth) noexcept {
  if (depth >= log_dump_max_depth) {
    put_raw(out, static_cast<std::uint8_t>(value::kind::null));
    return;
  }
  put_raw(out, static_cast<std::uint8_t>(v.type()));
  switch (v.type()) {
    case value::kind::null: break;
    case value::kind::boolean: put_raw(out, static_cast<std::uint8_t>(*v.as_bool())); break;
    case value::kind::integer: put_raw(out, *v.as_int()); break;
    case value::kind::unsigned_integer: put_raw(out, *v.as_uint()); break;
    case value::kind::floating: put_raw(out, *v.as_double()); break;
    case value::kind::string: put_str(out, *v.as_string()); break;
    case value::kind::array:
      put_raw(out, static_cast<std::uint32_t>(v.as_array()->size()));
      for (const value& e : *v.as_array()) put_value(out, e, depth + 1);
      break;
    case value::kind::object:
      put_raw(out, static_cast<std::uint32_t>(v.as_object()->size()));
      for (const auto& [k, e] : *v.as_object()) {
        put_str(out, k);
        put_value(out, e, depth + 1);
      }
      break;
  }
}

// ---- reading ----

class reader {
 public:
  explicit reader(std::string_view bytes) : s_(bytes) {}

  template <typename T>
  bool raw(T& v) {
    if (s_.size() - at_ < sizeof v) return false;
    std::memcpy(&v, s_.data() + at_, sizeof v);
    at_ += sizeof v;
    return true;
  }
  bool str(std::string_view& v) {
    std::uint32_t n = 0;
    if (!raw(n) || s_.size() - at_ < n) return false;
    v = s_.substr(at_, n);
    at_ += n;
    return true;
  }
  bool str(std::string& v) {
    std::string_view view;
    if (!str(view)) return false;
    v.assign(view);
    return true;
  }
  // A count of elements of at least one byte each: no more than what is left.
  bool count(std::uint32_t& n) { return raw(n) && n <= s_.size() - at_; }
  bool value_at(value& v, int depth);
  template <typename T>
  bool number(value& v) {
    T x{};
    if (!raw(x)) return false;
    v = value(x);
    return true;
  }
  bool done() const { return at_ == s_.size(); }
  std::size_t offset() const { return at_; }

 private:
  std::string_view s_;
  std::size_t at_ = 0;
};

bool reader::value_at(value& v, int depth) {
  std::uint8_t kind = 0;
  if (depth > log_dump_max_depth || !raw(kind)) return false;
  switch (static_cast<value::kind>(kind)) {
    case value::kind::null: v = value(); return true;
    case value::kind::boolean: {
      std::uint8_t b = 0;
      if (!raw(b) || b > 1) return false;
      v = value(b == 1);
      return true;
    }
    case value::kind::integer: return number<std::int64_t>(v);
    case value::kind::unsigned_integer: return number<std::uint64_t>(v);
    case value::kind::floating: return number<double>(v);
    case value::kind::string: {
      std::string_view s;
      if (!str(s)) return false;
      v = value(s);
      return true;
    }
    case value::kind::array: {
      std::uint32_t n = 0;
      if (!count(n)) return false;
      value_array a(n);
      for (auto& e : a) {
        if (!value_at(e, depth + 1)) return false;
      }
      v = value(std::move(a));
      return true;
    }
    case value::kind::object: {
      std::uint32_t n = 0;
      if (!count(n)) return false;
      value_object o;
      for (std::uint32_t i = 0; i < n; ++i) {
        std::string key;
        value e;
        if (!str(key) || !value_at(e, depth + 1)) return false;
        o[std::move(key)] = std::move(e);
      }
      v = value(std::move(o));
      return true;
    }
  }
  return false;
}

// One log after its tag; false when the bytes end or make no sense.
bool read_log(reader& in, pending_log& p) {
  std::int64_t ns = 0;
  std::uint8_t level = 0, format_body = 0, has_trace = 0, has_user = 0;
  std::int32_t line = 0;
  std::uint64_t thread_id = 0;
  uuid trace;
  if (!in.raw(ns) || !in.raw(level) || !in.raw(format_body) || !in.raw(line) || !in.raw(thread_id) ||
      !in.raw(has_trace) || !in.raw(trace.bytes) || !in.raw(has_user)) {
    return false;
  }
  if (level > static_cast<std::uint8_t>(sentry::level::fatal) || format_body > 1 || has_trace > 1 ||
      has_user > 1) {
    return false;
  }
  p.timestamp = std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(std::chrono::nanoseconds(ns)));
  p.level = static_cast<sentry::level>(level);
  p.format_body = format_body == 1;
  p.line = line;
  p.thread_id = thread_id;
  scope_data scope;
  if (has_trace) scope.propagation = propagation_context{trace, {}};
  if (has_user && !(in.str(scope.user.id) && in.str(scope.user.username) && in.str(scope.user.email))) {
    return false;
  }
  if (has_trace || has_user) p.scope = scope_data_ref::make(std::move(scope));
  for (text_ref* r : {&p.body, &p.message_template, &p.origin, &p.logger, &p.thread_name, &p.file,
                      &p.function}) {
    std::string_view s;
    if (!in.str(s)) return false;
    *r = p.add_text(s);
  }
  std::uint32_t n = 0;
  if (!in.count(n)) return false;
  for (std::uint32_t i = 0; i < n; ++i) {
    value v;
    if (!in.value_at(v, 0)) return false;
    p.params.add(v, p.texts);
  }
  if (!in.count(n)) return false;
  for (std::uint32_t i = 0; i < n; ++i) {
    std::string_view key, val;
    if (!in.str(key) || !in.str(val)) return false;
    const text_ref k = p.add_text(key);
    p.context.add(k, p.add_text(val));
  }
  return true;
}

}  // namespace

void write_dump_header(dump_sink& out, std::string_view defaults, bool with_user,
                       bool logs_unavailable) noexcept {
  out.put(magic, sizeof magic);
  put_raw(out, log_dump_version);
  std::uint8_t flags = 0;
  if (with_user) flags |= flag_user;
  if (logs_unavailable) flags |= flag_unavailable;
  put_raw(out, flags);
  put_str(out, defaults);
}

void write_dump_log(dump_sink& out, const pending_log& p, bool with_user) noexcept {
  put_raw(out, log_tag);
  put_raw(out, static_cast<std::int64_t>(
                   std::chrono::duration_cast<std::chrono::nanoseconds>(p.timestamp.time_since_epoch()).count()));
  put_raw(out, static_cast<std::uint8_t>(p.level));
  put_raw(out, static_cast<std::uint8_t>(p.format_body));
  put_raw(out, static_cast<std::int32_t>(p.line));
  put_raw(out, p.thread_id);
  const propagation_context* trace = p.scope && p.scope->propagation ? &*p.scope->propagation : nullptr;
  put_raw(out, static_cast<std::uint8_t>(trace != nullptr));
  put_raw(out, trace ? trace->trace_id.bytes : uuid{}.bytes);
  const user* u = with_user && p.scope ? &p.scope->user : nullptr;
  put_raw(out, static_cast<std::uint8_t>(u != nullptr));
  if (u) {
    put_str(out, u->id);
    put_str(out, u->username);
    put_str(out, u->email);
  }
  for (text_ref r : {p.body, p.message_template, p.origin, p.logger, p.thread_name, p.file, p.function})
    put_str(out, p.text(r));
  put_raw(out, static_cast<std::uint32_t>(p.params.size()));
  p.params.for_each([&](const log_params::param_view& v) {
    if (v.boxed) {
      put_value(out, *v.boxed, 0);
      return;
    }
    put_raw(out, static_cast<std::uint8_t>(v.kind));
    switch (v.kind) {
      case value::kind::boolean: put_raw(out, static_cast<std::uint8_t>(v.b)); break;
      case value::kind::integer: put_raw(out, v.i); break;
      case value::kind::unsigned_integer: put_raw(out, v.u); break;
      case value::kind::floating: put_raw(out, v.d); break;
      case value::kind::string: put_str(out, p.text(v.text)); break;
      default: break;
    }
  });
  put_raw(out, static_cast<std::uint32_t>(p.context.size()));
  p.context.for_each([&](text_ref k, text_ref v) {
    put_str(out, p.text(k));
    put_str(out, p.text(v));
  });
}

void write_dump_end(dump_sink& out, std::uint32_t count) noexcept {
  put_raw(out, end_tag);
  put_raw(out, count);
}

log_dump read_dump(std::string_view bytes) {
  log_dump result;
  reader in(bytes);
  char head[sizeof magic];
  std::uint32_t version = 0;
  std::uint8_t flags = 0;
  if (!in.raw(head) || std::memcmp(head, magic, sizeof magic) != 0) {
    result.problems.push_back("not a log dump (no header)");
    return result;
  }
  if (!in.raw(version) || version != log_dump_version) {
    result.problems.push_back("log dump of an unknown version " + std::to_string(version));
    return result;
  }
  std::string_view defaults;
  if (!in.raw(flags) || !in.str(defaults)) {
    result.problems.push_back("log dump truncated in its header");
    return result;
  }
  if (auto parsed = value::parse_json(defaults); parsed && parsed->is_object()) {
    result.default_attributes = std::move(*parsed->as_object());
  } else {
    result.problems.push_back("log dump: the default attributes are unreadable");
  }
  if (flags & flag_unavailable) {
    result.problems.push_back("the crashed run's waiting logs could not be taken (their lock stayed busy)");
  }
  for (;;) {
    char tag = 0;
    if (!in.raw(tag)) {
      result.problems.push_back("log dump truncated after " + std::to_string(result.logs.size()) + " logs");
      return result;
    }
    if (tag == end_tag) break;
    pending_log p;
    const std::size_t at = in.offset();
    if (tag != log_tag || !read_log(in, p)) {
      result.problems.push_back("log dump damaged at byte " + std::to_string(at) + " after " +
                                std::to_string(result.logs.size()) + " logs");
      return result;
    }
    result.logs.push_back(std::move(p));
  }
  std::uint32_t count = 0;
  if (!in.raw(count) || count != result.logs.size() || !in.done()) {
    result.problems.push_back("log dump: its end does not match its " + std::to_string(result.logs.size()) +
                              " logs");
  }
  return result;
}

}  // namespace sentry::detail
