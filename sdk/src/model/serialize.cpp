// The event model as the JSON of an `event` item (PROTOCOL §3), and the
// envelope that carries it.
//
// The member writers below write into one json_writer. An event is written in
// one pass into one reserved buffer; only an event over max_event_bytes is
// written again, as sections (one per top-level member; the trimmable ones
// hold one entry per breadcrumb, extra key or context) by the same writers, so
// that it can be trimmed by arithmetic on their sizes rather than by
// serializing it again and again. Trimming order: breadcrumbs (oldest first),
// extra (largest first), contexts (largest first), the source context of
// frames, the message; then, as a last resort, whole sections (threads,
// debug_meta, modules, stack traces, tags, user, fingerprint, exception) so
// that the result always fits.
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

// "0x" and the lowercase hex digits of `addr`, written into `buf`.
std::string_view hex_address(char (&buf)[20], std::uint64_t addr) {
  static constexpr char digits[] = "0123456789abcdef";
  char* const end = buf + sizeof buf;
  char* p = end;
  do {
    *--p = digits[addr & 0xF];
    addr >>= 4;
  } while (addr != 0);
  *--p = 'x';
  *--p = '0';
  return std::string_view(p, static_cast<std::size_t>(end - p));
}

// uuid::to_string() without the allocation.
std::string_view uuid_hex(char (&buf)[32], const uuid& id) {
  static constexpr char digits[] = "0123456789abcdef";
  for (std::size_t i = 0; i < id.bytes.size(); ++i) {
    buf[2 * i] = digits[id.bytes[i] >> 4];
    buf[2 * i + 1] = digits[id.bytes[i] & 0xF];
  }
  return std::string_view(buf, sizeof buf);
}

using name = json_writer::name;

void write_timestamp(json_writer& w, std::chrono::system_clock::time_point tp) {
  char buf[max_rfc3339_chars];
  w.key(name("timestamp")).raw_string(std::string_view(buf, format_rfc3339(buf, tp, 6)));
}

void write_address(json_writer& w, std::string_view key, std::uint64_t addr) {
  char buf[20];
  w.key(key).raw_string(hex_address(buf, addr));
}

// ---- writers for the parts of an event ------------------------------------
// Each writes one member into the open object of `w` (nothing when there is
// nothing to say), or one value where noted.

void write_frame(json_writer& w, const frame& f, bool source_context) {
  w.begin_object();
  if (f.instruction_addr) write_address(w, "instruction_addr", f.instruction_addr);
  if (f.symbol_addr) write_address(w, "symbol_addr", f.symbol_addr);
  if (f.image_addr) write_address(w, "image_addr", f.image_addr);
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

// A value.
void write_stacktrace(json_writer& w, const stacktrace& st, bool source_context) {
  w.begin_object();
  w.key("frames").begin_array();
  for (const auto& f : st.frames) write_frame(w, f, source_context);
  w.end_array();
  w.member_if("instruction_addr_adjustment", st.instruction_addr_adjustment);
  w.end_object();
}

bool has_frames(const std::optional<stacktrace>& st) { return st && !st->frames.empty(); }

// A value.
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

void write_exception(json_writer& w, const event& e, frame_options opts) {
  if (e.exceptions.empty()) return;
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
}

void write_threads(json_writer& w, const event& e, bool source_context) {
  if (e.threads.empty()) return;
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
}

// `logentry` with its texts cut after `max_chars`; without params when
// `with_params` is false.
void write_logentry(json_writer& w, const event& e, std::size_t max_chars, bool with_params) {
  if (!e.message) return;
  const logentry& m = *e.message;
  const bool params = with_params && !m.params.empty();
  if (m.message.empty() && m.formatted.empty() && !params) return;
  w.key("logentry").begin_object();
  w.member_if("message", m.message, max_chars);
  if (params) {
    w.key("params").begin_array();
    for (const auto& p : m.params) w.string(p, max_chars);
    w.end_array();
  }
  w.member_if("formatted", m.formatted, max_chars);
  w.end_object();
}

// A breadcrumb's `data`: its own fields and those for_each_field(fn) passes
// that it lacks (the first of a repeated key), by key, as expand_into would
// have merged them.
template <typename ForEachField>
void write_data(json_writer& w, const value_object& data, ForEachField&& for_each_field) {
  using field = packed_fields::field;
  std::array<field, 16> inline_fields;
  std::vector<field> many;
  std::size_t count = 0;
  for_each_field([&](const field& f) {
    if (data.find(f.key) != data.end()) return;
    if (count < inline_fields.size()) {
      inline_fields[count] = f;
    } else {
      if (many.empty()) many.assign(inline_fields.begin(), inline_fields.end());
      many.push_back(f);
    }
    ++count;
  });
  if (count == 0) {
    if (!data.empty()) w.key(name("data")).value(data);
    return;
  }
  field* const first = many.empty() ? inline_fields.data() : many.data();
  field* const last = first + count;
  std::stable_sort(first, last, [](const field& a, const field& b) { return a.key < b.key; });

  w.key(name("data")).begin_object();
  auto own = data.begin();
  for (const field* f = first; f != last; ++f) {
    if (f != first && f->key == f[-1].key) continue;  // a repeated key: the first one counts
    for (; own != data.end() && std::string_view(own->first) < f->key; ++own) {
      w.key(own->first).value(own->second, 1);
    }
    w.key(f->key);
    if (f->is_number) {
      w.integer(f->number);
    } else {
      w.string(f->text);
    }
  }
  for (; own != data.end(); ++own) w.key(own->first).value(own->second, 1);
  w.end_object();
}

void write_breadcrumb_head(json_writer& w, std::chrono::system_clock::time_point timestamp,
                           std::string_view type, std::string_view category, std::string_view message,
                           level l) {
  write_timestamp(w, timestamp);
  w.member_if(name("type"), type);
  w.member_if(name("category"), category);
  w.member_if(name("message"), message, max_message_chars);
  w.key(name("level")).raw_string(event_level_name(l));  // a name of ours
}

void write_breadcrumb(json_writer& w, const breadcrumb& b, const packed_fields* packed) {
  w.begin_object();
  write_breadcrumb_head(w, b.timestamp, b.type, b.category, b.message, b.level);
  write_data(w, b.data, [&](auto&& fn) {
    if (packed) packed->for_each_field(fn);
  });
  w.end_object();
}

void write_breadcrumb(json_writer& w, const record_crumb& r) {
  static const value_object no_data;
  w.begin_object();
  write_breadcrumb_head(w, r.timestamp(), "default", r.category(), r.message(), r.level());
  write_data(w, no_data, [&](auto&& fn) { r.for_each_field(fn); });
  w.end_object();
}

}  // namespace

breadcrumb breadcrumb_ref::expanded() const {
  if (record) return record->to_breadcrumb();
  breadcrumb out = *crumb;
  if (packed) packed->expand_into(out.data);
  return out;
}

namespace {

void write_breadcrumb(json_writer& w, const breadcrumb_ref& r) {
  if (r.record) {
    write_breadcrumb(w, *r.record);
  } else {
    write_breadcrumb(w, *r.crumb, r.packed);
  }
}

void write_tags(json_writer& w, const event& e) {
  if (e.tags.empty()) return;
  const bool as_they_are = std::all_of(e.tags.begin(), e.tags.end(), [](const auto& tag) {
    return is_sanitized_tag_key(tag.first) && is_short_ascii_line(tag.second, max_tag_chars);
  });
  if (as_they_are) {
    w.key("tags").begin_object();
    for (const auto& [k, v] : e.tags) w.member(k, v);
    w.end_object();
    return;
  }
  // Keys are sanitized first; two keys that become equal keep the first.
  std::map<std::string, std::string> tags;
  for (const auto& [k, v] : e.tags) {
    std::string key = sanitize_tag_key(k);
    if (key.empty()) continue;
    tags.emplace(std::move(key), single_line(v, max_tag_chars));
  }
  if (tags.empty()) return;
  w.key("tags").begin_object();
  for (const auto& [k, v] : tags) w.member(k, v);
  w.end_object();
}

void write_user(json_writer& w, const user& u) {
  if (u.empty()) return;
  w.key("user").begin_object();
  w.member_if("id", u.id);
  w.member_if("username", u.username);
  w.member_if("email", u.email);
  w.member_if("ip_address", u.ip_address);
  w.member_if("name", u.name);
  if (!u.data.empty()) w.key("data").value(u.data);
  w.end_object();
}

void write_fingerprint(json_writer& w, const event& e) {
  if (e.fingerprint.empty()) return;
  w.key("fingerprint").begin_array();
  for (const auto& f : e.fingerprint) w.string(f);
  w.end_array();
}

void write_modules(json_writer& w, const event& e) {
  if (e.modules.empty()) return;
  w.key("modules").begin_object();
  for (const auto& [name, version] : e.modules) w.member(name, version);
  w.end_object();
}

void write_debug_meta(json_writer& w, const event& e) {
  if (e.debug_images.empty()) return;
  w.key("debug_meta").begin_object().key("images").begin_array();
  for (const auto& img : e.debug_images) {
    w.begin_object();
    w.member_if("type", img.type);
    w.member_if("code_id", img.code_id);
    w.member_if("debug_id", img.debug_id);
    w.member_if("code_file", img.code_file);
    write_address(w, "image_addr", img.image_addr);
    w.key("image_size").uinteger(img.image_size);
    w.end_object();
  }
  w.end_array().end_object();
}

// The members that are never trimmed (identity and short, bounded fields).
void write_head(json_writer& w, const event& e, const uuid& id) {
  if (!id.is_nil()) {
    char hex[32];
    w.key("event_id").raw_string(uuid_hex(hex, id));
  }
  write_timestamp(w, e.timestamp);
  w.member_if("platform", e.platform);
  w.member("level", event_level_name(e.level));
  if (is_short_ascii_line(e.logger, max_logger_chars)) {
    w.member_if("logger", e.logger);
  } else {
    w.member("logger", single_line(e.logger, max_logger_chars));
  }
  w.member_if("transaction", e.transaction, max_transaction_chars);
  w.member_if("release", e.release, max_release_chars);
  w.member_if("environment", e.environment, max_environment_chars);
  w.member_if("dist", e.dist, max_dist_chars);
  w.member_if("server_name", e.server_name, max_server_name_chars);
  w.key("sdk").begin_object().member("name", sdk_name).member("version", sdk_version).end_object();
}

// ---- what the worker adds in place ------------------------------------------

// Calls fn(const breadcrumb_ref&) for the breadcrumbs to write, oldest first.
template <typename F>
void for_each_breadcrumb(const event& e, const event_additions* more, F&& fn) {
  if (more && more->breadcrumbs) {
    for (const breadcrumb_ref& r : *more->breadcrumbs) fn(r);
  } else {
    for (const breadcrumb& b : e.breadcrumbs) fn(breadcrumb_ref{&b, nullptr, nullptr});
  }
}

std::size_t breadcrumb_count(const event& e, const event_additions* more) {
  return more && more->breadcrumbs ? more->breadcrumbs->size() : e.breadcrumbs.size();
}

// Calls fn(name, const value_object* context, const std::string* json) for
// every context by name: the event's, and the default ones for names the
// event lacks (exactly one of context and json is set).
template <typename F>
void for_each_context(const event& e, const event_additions* more, F&& fn) {
  static const std::map<std::string, std::string> none;
  const auto& defaults = more && more->default_contexts ? *more->default_contexts : none;
  auto own = e.contexts.begin();
  auto other = defaults.begin();
  while (own != e.contexts.end() || other != defaults.end()) {
    if (other == defaults.end() || (own != e.contexts.end() && own->first <= other->first)) {
      if (other != defaults.end() && own->first == other->first) ++other;  // the event's wins
      fn(own->first, &own->second, nullptr);
      ++own;
    } else {
      fn(other->first, nullptr, &other->second);
      ++other;
    }
  }
}

void write_context(json_writer& w, const std::string& name, const value_object* context,
                   const std::string* json) {
  w.key(name);
  if (context) {
    w.value(*context);
  } else {
    w.raw(*json);
  }
}

// ---- one pass ---------------------------------------------------------------

void write_event(json_writer& w, const event& e, const uuid& id, const event_additions* more) {
  w.begin_object();
  write_head(w, e, id);
  write_logentry(w, e, max_message_chars, true);
  write_exception(w, e, {});
  write_threads(w, e, true);
  bool open = false;
  for_each_breadcrumb(e, more, [&](const breadcrumb_ref& r) {
    if (!open) w.key("breadcrumbs").begin_object().key("values").begin_array();
    open = true;
    write_breadcrumb(w, r);
  });
  if (open) w.end_array().end_object();
  open = false;
  for_each_context(e, more, [&](const std::string& name, const value_object* context,
                                const std::string* json) {
    if (!open) w.key("contexts").begin_object();
    open = true;
    write_context(w, name, context, json);
  });
  if (open) w.end_object();
  write_user(w, e.user);
  write_tags(w, e);
  if (!e.extra.empty()) {
    w.key("extra").begin_object();
    for (const auto& [k, v] : e.extra) w.key(k).value(v);
    w.end_object();
  }
  write_fingerprint(w, e);
  write_modules(w, e);
  write_debug_meta(w, e);
  w.end_object();
}

// Room for the whole event, so that writing it does not reallocate.
std::size_t expected_size(const event& e, const event_additions* more) {
  std::size_t n = 1024 + 200 * breadcrumb_count(e, more) + 64 * (e.tags.size() + e.extra.size()) +
                  512 * (e.contexts.size() + (more && more->default_contexts ? more->default_contexts->size() : 0)) +
                  256 * e.exceptions.size() + 256 * e.threads.size() + 64 * e.modules.size() +
                  256 * e.debug_images.size();
  if (e.message) n += std::min<std::size_t>(e.message->formatted.size() + e.message->message.size(), 1u << 16);
  for (const auto& x : e.exceptions) {
    if (x.stacktrace) n += 256 * x.stacktrace->frames.size();
  }
  return std::min(n, max_event_bytes);
}

// ---- sections, for trimming -----------------------------------------------

// What `write(json_writer&)` writes, on its own.
template <typename F>
std::string piece(F&& write) {
  std::string out;
  json_writer w(out, json_writer::buffered);
  write(w);
  w.flush();
  return out;
}

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

// Code points in `s`, counting no further than one past the message limit.
std::size_t message_chars(std::string_view s) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < s.size() && chars <= max_message_chars; ++chars) {
    char32_t cp;
    i += decode_utf8(s, i, cp);
  }
  return chars;
}

class event_writer {
 public:
  event_writer(const event& e, const uuid& id, const event_additions* more) : e_(e) {
    std::string head = piece([&](json_writer& w) {
      w.begin_object();
      write_head(w, e, id);
      w.end_object();
    });
    head_.set(head.substr(1, head.size() - 2));
    logentry_.set(piece([&](json_writer& w) { write_logentry(w, e, max_message_chars, true); }));
    exception_.set(piece([&](json_writer& w) { write_exception(w, e, {}); }));
    threads_.set(piece([&](json_writer& w) { write_threads(w, e, true); }));
    breadcrumbs_.open = "\"breadcrumbs\":{\"values\":[";
    breadcrumbs_.close = "]}";
    for_each_breadcrumb(e, more, [&](const breadcrumb_ref& r) {
      breadcrumbs_.add(piece([&](json_writer& w) { write_breadcrumb(w, r); }));
    });
    contexts_.open = "\"contexts\":{";
    contexts_.close = "}";
    for_each_context(e, more, [&](const std::string& name, const value_object* context,
                                  const std::string* json) {
      contexts_.add(piece([&](json_writer& w) { write_context(w, name, context, json); }));
    });
    user_.set(piece([&](json_writer& w) { write_user(w, e.user); }));
    tags_.set(piece([&](json_writer& w) { write_tags(w, e); }));
    extra_.open = "\"extra\":{";
    extra_.close = "}";
    for (const auto& [k, v] : e.extra) {
      extra_.add(piece([&, &k = k, &v = v](json_writer& w) { w.key(k).value(v); }));
    }
    fingerprint_.set(piece([&](json_writer& w) { write_fingerprint(w, e); }));
    modules_.set(piece([&](json_writer& w) { write_modules(w, e); }));
    debug_meta_.set(piece([&](json_writer& w) { write_debug_meta(w, e); }));
  }

  // The event trimmed to `limit` bytes.
  std::string trimmed(std::size_t limit, serialize_report* report) {
    const std::size_t before = size();
    const std::size_t crumbs = breadcrumbs_.kept;
    trim(limit);
    if (report) {
      report->losses.push_back(
          "event of " + std::to_string(before) + " bytes trimmed to " + std::to_string(size()) +
          " (limit " + std::to_string(limit) + "); breadcrumbs kept " +
          std::to_string(breadcrumbs_.kept) + " of " + std::to_string(crumbs));
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
      exception_.set(piece([&](json_writer& w) { write_exception(w, e_, {true, false}); }));
      threads_.set(piece([&](json_writer& w) { write_threads(w, e_, false); }));
    }
    for (std::size_t chars = max_message_chars; size() > limit && logentry_.kept > 0;) {
      chars /= 2;
      if (chars == 0) {
        logentry_.clear();
      } else {
        logentry_.set(piece([&](json_writer& w) { write_logentry(w, e_, chars, false); }));
      }
    }
    // Last resort: whole sections, least needed first.
    for (section* s : {&threads_, &debug_meta_, &modules_}) {
      if (size() > limit) s->clear();
    }
    if (size() > limit) {
      exception_.set(piece([&](json_writer& w) { write_exception(w, e_, {false, false}); }));
    }
    for (section* s : {&tags_, &user_, &fingerprint_, &exception_}) {
      if (size() > limit) s->clear();
    }
  }

  const event& e_;
  section head_, logentry_, exception_, threads_, breadcrumbs_, contexts_, user_, tags_, extra_,
      fingerprint_, modules_, debug_meta_;
};

std::string serialize_with_id(const event& e, const uuid& id, serialize_report* report,
                              const event_additions* more) {
  if (report && e.message && message_chars(e.message->formatted) > max_message_chars) {
    report->losses.push_back("message of " + std::to_string(e.message->formatted.size()) +
                             " bytes truncated to " + std::to_string(max_message_chars) +
                             " characters");
  }
  std::string out;
  out.reserve(expected_size(e, more));
  json_writer w(out, json_writer::buffered);
  write_event(w, e, id, more);
  w.flush();
  if (out.size() <= max_event_bytes) return out;
  std::string().swap(out);
  return event_writer(e, id, more).trimmed(max_event_bytes, report);
}

}  // namespace

std::string serialize_event(const event& e, serialize_report* report,
                            const event_additions* additions) {
  return serialize_with_id(e, e.event_id, report, additions);
}

envelope make_event_envelope(const event& e, std::string_view dsn, serialize_report* report,
                             const event_additions* additions) {
  const uuid id = e.event_id.is_nil() ? uuid::generate() : e.event_id;
  envelope env;
  env.headers["event_id"] = id.to_string();
  env.headers["sdk"] = value_object{{"name", sdk_name}, {"version", sdk_version}};
  if (!dsn.empty()) env.headers["dsn"] = std::string(dsn);
  envelope_item item;
  item.type = "event";
  item.payload = serialize_with_id(e, id, report, additions);
  env.items.push_back(std::move(item));
  return env;
}

std::map<std::string, std::string> serialize_contexts(
    const std::map<std::string, value_object>& contexts) {
  std::map<std::string, std::string> out;
  for (const auto& [name, context] : contexts) {
    std::string json;
    json_writer(json).value(context);
    out.emplace(name, std::move(json));
  }
  return out;
}

}  // namespace sentry::detail
