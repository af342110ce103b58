// The event model as the JSON of an `event` item (PROTOCOL §3), and the
// envelope that carries it.
//
// The payload is assembled from sections (one per top-level member; the
// trimmable ones hold one entry per breadcrumb, extra key or context) so that
// an event over max_event_bytes can be trimmed by arithmetic on their sizes
// rather than by serializing it again and again. Trimming order: breadcrumbs
// (oldest first), extra (largest first), contexts (largest first), the source
// context of frames, the message; then, as a last resort, whole sections
// (threads, debug_meta, modules, stack traces, tags, user, fingerprint,
// exception) so that the result always fits.
#include "model/serialize.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <numeric>

#include "model/json_writer.hpp"
#include "model/text_limits.hpp"
#include "model/timestamp.hpp"
#include "sentry/version.hpp"

namespace sentry::detail {
namespace {

std::string hex_address(std::uint64_t addr) {
  static constexpr char digits[] = "0123456789abcdef";
  char buf[18];
  int n = 0;
  do {
    buf[n++] = digits[addr & 0xF];
    addr >>= 4;
  } while (addr != 0);
  std::string out = "0x";
  while (n > 0) out.push_back(buf[--n]);
  return out;
}

std::string timestamp_text(std::chrono::system_clock::time_point tp) { return format_rfc3339(tp, 6); }

// One top-level member, or a member whose value is a list of entries that can
// be dropped one by one: open + entries joined by ',' + close.
struct section {
  std::string open;
  std::string close;
  std::vector<std::string> entries;  // a dropped entry is cleared (entries are never empty)
  std::size_t kept = 0;
  std::size_t kept_bytes = 0;

  void add(std::string entry) {
    if (entry.empty()) return;
    kept_bytes += entry.size();
    ++kept;
    entries.push_back(std::move(entry));
  }
  void drop(std::size_t i) {
    if (entries[i].empty()) return;
    kept_bytes -= entries[i].size();
    --kept;
    std::string().swap(entries[i]);
  }
  void clear() {
    entries.clear();
    kept = kept_bytes = 0;
  }
  // A member written as one complete entry.
  void set(std::string member) {
    clear();
    add(std::move(member));
  }
  std::size_t size() const { return kept == 0 ? 0 : open.size() + close.size() + kept_bytes + kept - 1; }
  void append_to(std::string& out) const {
    out += open;
    bool first = true;
    for (const auto& e : entries) {
      if (e.empty()) continue;
      if (!first) out.push_back(',');
      first = false;
      out += e;
    }
    out += close;
  }
};

// ---- writers for the parts of an event ------------------------------------

void write_frame(json_writer& w, const frame& f, bool source_context) {
  w.begin_object();
  if (f.instruction_addr) w.member("instruction_addr", hex_address(f.instruction_addr));
  if (f.symbol_addr) w.member("symbol_addr", hex_address(f.symbol_addr));
  if (f.image_addr) w.member("image_addr", hex_address(f.image_addr));
  w.member_if("function", f.function);
  w.member_if("package", f.package);
  w.member_if("filename", f.filename);
  w.member_if("abs_path", f.abs_path);
  if (f.lineno) w.key("lineno").uinteger(f.lineno);
  if (f.colno) w.key("colno").uinteger(f.colno);
  if (f.in_app) w.key("in_app").boolean(*f.in_app);
  if (source_context) {
    if (!f.pre_context.empty()) {
      w.key("pre_context").begin_array();
      for (const auto& line : f.pre_context) w.string(line);
      w.end_array();
    }
    if (f.context_line) w.member("context_line", *f.context_line);
    if (!f.post_context.empty()) {
      w.key("post_context").begin_array();
      for (const auto& line : f.post_context) w.string(line);
      w.end_array();
    }
  }
  w.end_object();
}

void write_stacktrace(json_writer& w, const stacktrace& st, bool source_context) {
  w.begin_object();
  w.key("frames").begin_array();
  for (const auto& f : st.frames) write_frame(w, f, source_context);
  w.end_array();
  w.member_if("instruction_addr_adjustment", st.instruction_addr_adjustment);
  w.end_object();
}

bool has_frames(const std::optional<stacktrace>& st) { return st && !st->frames.empty(); }

void write_mechanism(json_writer& w, const mechanism& m) {
  w.begin_object();
  w.member("type", m.type.empty() ? std::string_view("generic") : std::string_view(m.type));
  if (m.handled) w.key("handled").boolean(*m.handled);
  if (m.synthetic) w.key("synthetic").boolean(true);
  w.member_if("description", m.description);
  w.member_if("source", m.source);
  if (m.exception_id) w.key("exception_id").integer(*m.exception_id);
  if (m.parent_id) w.key("parent_id").integer(*m.parent_id);
  if (!m.data.empty()) w.key("data").value(m.data);
  if (!m.meta.empty()) w.key("meta").value(m.meta);
  w.end_object();
}

struct frame_options {
  bool stacktraces = true;
  bool source_context = true;
};

std::string exception_member(const event& e, frame_options opts) {
  if (e.exceptions.empty()) return {};
  std::string out;
  json_writer w(out);
  w.key("exception").begin_object().key("values").begin_array();
  for (const auto& ex : e.exceptions) {
    w.begin_object();
    w.member_if("type", ex.type, max_exception_type_chars);
    w.member_if("value", ex.value, max_message_chars);
    w.member_if("module", ex.module);
    if (ex.thread_id) w.key("thread_id").uinteger(*ex.thread_id);
    w.key("mechanism");
    write_mechanism(w, ex.mechanism);
    if (opts.stacktraces && has_frames(ex.stacktrace)) {
      w.key("stacktrace");
      write_stacktrace(w, *ex.stacktrace, opts.source_context);
    }
    w.end_object();
  }
  w.end_array().end_object();
  return out;
}

std::string threads_member(const event& e, bool source_context) {
  if (e.threads.empty()) return {};
  std::string out;
  json_writer w(out);
  w.key("threads").begin_object().key("values").begin_array();
  for (const auto& t : e.threads) {
    w.begin_object();
    w.key("id").uinteger(t.id);
    w.member_if("name", t.name);
    if (t.crashed) w.key("crashed").boolean(true);
    if (t.current) w.key("current").boolean(true);
    if (t.main) w.key("main").boolean(true);
    if (has_frames(t.stacktrace)) {
      w.key("stacktrace");
      write_stacktrace(w, *t.stacktrace, source_context);
    }
    w.end_object();
  }
  w.end_array().end_object();
  return out;
}

// `logentry` with its texts cut after `max_chars`; without params when
// `with_params` is false. Empty when there is nothing to say.
std::string logentry_member(const event& e, std::size_t max_chars, bool with_params) {
  if (!e.message) return {};
  const logentry& m = *e.message;
  const bool params = with_params && !m.params.empty();
  if (m.message.empty() && m.formatted.empty() && !params) return {};
  std::string out;
  json_writer w(out);
  w.key("logentry").begin_object();
  w.member_if("message", m.message, max_chars);
  if (params) {
    w.key("params").begin_array();
    for (const auto& p : m.params) w.string(p, max_chars);
    w.end_array();
  }
  w.member_if("formatted", m.formatted, max_chars);
  w.end_object();
  return out;
}

std::string breadcrumb_entry(const breadcrumb& b) {
  std::string out;
  json_writer w(out);
  w.begin_object();
  w.member("timestamp", timestamp_text(b.timestamp));
  w.member_if("type", b.type);
  w.member_if("category", b.category);
  w.member_if("message", b.message, max_message_chars);
  w.member("level", event_level_name(b.level));
  if (!b.data.empty()) w.key("data").value(b.data);
  w.end_object();
  return out;
}

std::string tags_member(const event& e) {
  // Keys are sanitized first; two keys that become equal keep the first.
  std::map<std::string, std::string> tags;
  for (const auto& [k, v] : e.tags) {
    std::string key = sanitize_tag_key(k);
    if (key.empty()) continue;
    tags.emplace(std::move(key), single_line(v, max_tag_chars));
  }
  if (tags.empty()) return {};
  std::string out;
  json_writer w(out);
  w.key("tags").begin_object();
  for (const auto& [k, v] : tags) w.member(k, v);
  w.end_object();
  return out;
}

std::string user_member(const user& u) {
  if (u.empty()) return {};
  std::string out;
  json_writer w(out);
  w.key("user").begin_object();
  w.member_if("id", u.id);
  w.member_if("username", u.username);
  w.member_if("email", u.email);
  w.member_if("ip_address", u.ip_address);
  w.member_if("name", u.name);
  if (!u.data.empty()) w.key("data").value(u.data);
  w.end_object();
  return out;
}

std::string fingerprint_member(const event& e) {
  if (e.fingerprint.empty()) return {};
  std::string out;
  json_writer w(out);
  w.key("fingerprint").begin_array();
  for (const auto& f : e.fingerprint) w.string(f);
  w.end_array();
  return out;
}

std::string modules_member(const event& e) {
  if (e.modules.empty()) return {};
  std::string out;
  json_writer w(out);
  w.key("modules").begin_object();
  for (const auto& [name, version] : e.modules) w.member(name, version);
  w.end_object();
  return out;
}

std::string debug_meta_member(const event& e) {
  if (e.debug_images.empty()) return {};
  std::string out;
  json_writer w(out);
  w.key("debug_meta").begin_object().key("images").begin_array();
  for (const auto& img : e.debug_images) {
    w.begin_object();
    w.member_if("type", img.type);
    w.member_if("code_id", img.code_id);
    w.member_if("debug_id", img.debug_id);
    w.member_if("code_file", img.code_file);
    w.member("image_addr", hex_address(img.image_addr));
    w.key("image_size").uinteger(img.image_size);
    w.end_object();
  }
  w.end_array().end_object();
  return out;
}

template <typename T>
std::string member_entry(std::string_view key, const T& v) {
  std::string out;
  json_writer(out).key(key).value(v);
  return out;
}

// The members that are never trimmed (identity and short, bounded fields),
// without the braces around them.
std::string head_members(const event& e, const uuid& id) {
  std::string out;
  json_writer w(out);
  w.begin_object();
  if (!id.is_nil()) w.member("event_id", id.to_string());
  w.member("timestamp", timestamp_text(e.timestamp));
  w.member_if("platform", e.platform);
  w.member("level", event_level_name(e.level));
  if (!e.logger.empty()) w.member("logger", single_line(e.logger, max_logger_chars));
  w.member_if("transaction", e.transaction, max_transaction_chars);
  w.member_if("release", e.release, max_release_chars);
  w.member_if("environment", e.environment, max_environment_chars);
  w.member_if("dist", e.dist, max_dist_chars);
  w.member_if("server_name", e.server_name, max_server_name_chars);
  w.key("sdk").begin_object().member("name", sdk_name).member("version", sdk_version).end_object();
  w.end_object();
  return out.substr(1, out.size() - 2);
}

// ---- assembly and trimming -----------------------------------------------

class event_writer {
 public:
  event_writer(const event& e, const uuid& id) : e_(e) {
    head_.set(head_members(e, id));
    logentry_.set(logentry_member(e, max_message_chars, true));
    exception_.set(exception_member(e, {}));
    threads_.set(threads_member(e, true));
    breadcrumbs_.open = "\"breadcrumbs\":{\"values\":[";
    breadcrumbs_.close = "]}";
    for (const auto& b : e.breadcrumbs) breadcrumbs_.add(breadcrumb_entry(b));
    contexts_.open = "\"contexts\":{";
    contexts_.close = "}";
    for (const auto& [k, ctx] : e.contexts) contexts_.add(member_entry(k, ctx));
    user_.set(user_member(e.user));
    tags_.set(tags_member(e));
    extra_.open = "\"extra\":{";
    extra_.close = "}";
    for (const auto& [k, v] : e.extra) extra_.add(member_entry(k, v));
    fingerprint_.set(fingerprint_member(e));
    modules_.set(modules_member(e));
    debug_meta_.set(debug_meta_member(e));
  }

  std::string finish(std::size_t limit, serialize_report* report) {
    if (report && e_.message && message_chars(e_.message->formatted) > max_message_chars) {
      report->losses.push_back("message of " + std::to_string(e_.message->formatted.size()) +
                               " bytes truncated to " + std::to_string(max_message_chars) +
                               " characters");
    }
    if (size() > limit) {
      const std::size_t before = size();
      const std::size_t crumbs = breadcrumbs_.kept;
      trim(limit);
      if (report) {
        report->losses.push_back(
            "event of " + std::to_string(before) + " bytes trimmed to " + std::to_string(size()) +
            " (limit " + std::to_string(limit) + "); breadcrumbs kept " +
            std::to_string(breadcrumbs_.kept) + " of " + std::to_string(crumbs));
      }
    }
    std::string out;
    out.reserve(size());
    out.push_back('{');
    bool first = true;
    for (const section* s : sections()) {
      if (s->kept == 0) continue;
      if (!first) out.push_back(',');
      first = false;
      s->append_to(out);
    }
    out.push_back('}');
    return out;
  }

 private:
  std::array<const section*, 12> sections() const {
    return {&head_,   &logentry_, &exception_,   &threads_, &breadcrumbs_,
            &contexts_, &user_,   &tags_,        &extra_,   &fingerprint_,
            &modules_, &debug_meta_};
  }

  std::size_t size() const {
    std::size_t total = 2, members = 0;
    for (const section* s : sections()) {
      if (s->kept == 0) continue;
      total += s->size();
      ++members;
    }
    return total + (members > 0 ? members - 1 : 0);
  }

  // Drops entries of `s`, largest first, until the event fits.
  void drop_largest(section& s, std::size_t limit) {
    std::vector<std::size_t> order(s.entries.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return s.entries[a].size() > s.entries[b].size();
    });
    for (std::size_t i : order) {
      if (size() <= limit) return;
      s.drop(i);
    }
  }

  void trim(std::size_t limit) {
    for (std::size_t i = 0; i < breadcrumbs_.entries.size() && size() > limit; ++i) {
      breadcrumbs_.drop(i);
    }
    if (size() > limit) drop_largest(extra_, limit);
    if (size() > limit) drop_largest(contexts_, limit);
    if (size() > limit) {
      exception_.set(exception_member(e_, {true, false}));
      threads_.set(threads_member(e_, false));
    }
    for (std::size_t chars = max_message_chars; size() > limit && logentry_.kept > 0;) {
      chars /= 2;
      if (chars == 0) {
        logentry_.clear();
      } else {
        logentry_.set(logentry_member(e_, chars, false));
      }
    }
    // Last resort: whole sections, least needed first.
    for (section* s : {&threads_, &debug_meta_, &modules_}) {
      if (size() > limit) s->clear();
    }
    if (size() > limit) exception_.set(exception_member(e_, {false, false}));
    for (section* s : {&tags_, &user_, &fingerprint_, &exception_}) {
      if (size() > limit) s->clear();
    }
  }

  // Code points in `s`, counting no further than one past the message limit.
  static std::size_t message_chars(std::string_view s) {
    std::size_t chars = 0;
    for (std::size_t i = 0; i < s.size() && chars <= max_message_chars; ++chars) {
      char32_t cp;
      i += decode_utf8(s, i, cp);
    }
    return chars;
  }

  const event& e_;
  section head_, logentry_, exception_, threads_, breadcrumbs_, contexts_, user_, tags_, extra_,
      fingerprint_, modules_, debug_meta_;
};

std::string serialize_with_id(const event& e, const uuid& id, serialize_report* report) {
  return event_writer(e, id).finish(max_event_bytes, report);
}

}  // namespace

std::string serialize_event(const event& e, serialize_report* report) {
  return serialize_with_id(e, e.event_id, report);
}

envelope make_event_envelope(const event& e, std::string_view dsn, serialize_report* report) {
  const uuid id = e.event_id.is_nil() ? uuid::generate() : e.event_id;
  envelope env;
  env.headers["event_id"] = id.to_string();
  env.headers["sdk"] = value_object{{"name", sdk_name}, {"version", sdk_version}};
  if (!dsn.empty()) env.headers["dsn"] = std::string(dsn);
  envelope_item item;
  item.type = "event";
  item.payload = serialize_with_id(e, id, report);
  env.items.push_back(std::move(item));
  return env;
}

}  // namespace sentry::detail
