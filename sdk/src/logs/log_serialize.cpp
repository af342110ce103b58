#include "logs/log_serialize.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <type_traits>

#include "model/json_writer.hpp"
#include "sentry/version.hpp"

namespace sentry::detail {

std::string format_template(std::string_view t, const std::vector<value>& params) {
  std::string out;
  out.reserve(t.size() + 16 * params.size());
  std::size_t next = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    if (c == '{' && i + 1 < t.size() && t[i + 1] == '{') {
      out.push_back('{');
      ++i;
    } else if (c == '}' && i + 1 < t.size() && t[i + 1] == '}') {
      out.push_back('}');
      ++i;
    } else if (c == '{' && i + 1 < t.size() && t[i + 1] == '}' && next < params.size()) {
      out += params[next++].to_text();
      ++i;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

value_object default_log_attributes(const options& opts,
                                    const std::map<std::string, value_object>& contexts) {
  value_object a;
  a["sentry.sdk.name"] = sdk_name;
  a["sentry.sdk.version"] = sdk_version;
  if (!opts.environment.empty()) a["sentry.environment"] = opts.environment;
  if (!opts.release.empty()) a["sentry.release"] = opts.release;
  if (!opts.server_name.empty()) a["server.address"] = opts.server_name;
  auto os = contexts.find("os");
  if (os != contexts.end()) {
    for (const char* field : {"name", "version"}) {
      auto it = os->second.find(field);
      if (it != os->second.end() && it->second.is_string())
        a[std::string("os.") + field] = it->second;
    }
  }
  return a;
}

namespace {

using name = json_writer::name;

std::string_view text_of(std::string_view s) noexcept { return s; }
std::string_view text_of(name n) noexcept { return n.text; }

// The attributes of a log besides the defaults, in the order make_log_entry
// sets them (a later one replaces an earlier one of the same name):
// put(name, v) with v a std::string_view, a std::int64_t or a const value&,
// and the name a json_writer::name (the SDK's) or a std::string_view (a
// context field's).
template <typename Put>
void for_each_own_attribute(const pending_log& p, const std::vector<value>& params,
                            bool send_default_pii, Put&& put) {
  const auto text = [&](name n, pending_log::text_ref r) {
    if (r.size) put(n, p.text(r));
  };
  text(name("sentry.origin"), p.origin);
  text(name("logger.name"), p.logger);
  if (p.thread_id) put(name("thread.id"), value(p.thread_id));
  text(name("thread.name"), p.thread_name);
  text(name("code.file.path"), p.file);
  if (p.line > 0) put(name("code.line.number"), std::int64_t{p.line});
  text(name("code.function.name"), p.function);
  // A template only with its parameters (PROTOCOL §12.3); a null parameter
  // has no attribute, so it does not count.
  const bool has_parameter =
      std::any_of(params.begin(), params.end(), [](const value& v) { return !v.is_null(); });
  if (p.message_template.size && has_parameter) {
    text(name("sentry.message.template"), p.message_template);
    constexpr std::string_view prefix = "sentry.message.parameter.";
    char parameter[prefix.size() + 20];
    prefix.copy(parameter, prefix.size());
    for (std::size_t i = 0; i < params.size(); ++i) {
      const char* end = std::to_chars(parameter + prefix.size(), parameter + sizeof parameter, i).ptr;
      put(name(std::string_view(parameter, static_cast<std::size_t>(end - parameter))), params[i]);
    }
  }
  // A key given twice counts once, with its first value; empty keys are
  // ignored (sentry/log_record.hpp), as for the record's event and breadcrumb.
  std::size_t index = 0;
  p.context.for_each([&](pending_log::text_ref k, pending_log::text_ref v) {
    const std::string_view key = p.text(k);
    const std::size_t own = index++;
    if (key.empty()) return;
    std::size_t earlier = 0;
    bool repeated = false;
    p.context.for_each([&](pending_log::text_ref k2, pending_log::text_ref) {
      if (earlier++ < own && p.text(k2) == key) repeated = true;
    });
    if (!repeated) put(key, p.text(v));
  });
  if (send_default_pii && p.scope) {
    const user& u = p.scope->user;
    if (!u.id.empty()) put(name("user.id"), std::string_view(u.id));
    if (!u.username.empty()) put(name("user.name"), std::string_view(u.username));
    if (!u.email.empty()) put(name("user.email"), std::string_view(u.email));
  }
}

// Whether a context field called `key` would replace an attribute of the
// SDK's own (see for_each_own_attribute) or a default.
bool names_sdk_attribute(std::string_view key, const value_object& defaults) {
  for (std::string_view prefix : {"sentry.", "thread.", "code.", "user."}) {
    if (key.substr(0, prefix.size()) == prefix) return true;
  }
  return key == "logger.name" || defaults.find(key) != defaults.end();
}

void write_attribute(json_writer& w, std::string_view s) {
  w.begin_object().member(name("value"), s).member(name("type"), name("string")).end_object();
}

void write_attribute(json_writer& w, std::int64_t i) {
  w.begin_object().key(name("value")).integer(i).member(name("type"), name("integer")).end_object();
}

void write_attribute(json_writer& w, const value& v) {
  switch (v.type()) {
    case value::kind::boolean:
      w.begin_object().key(name("value")).boolean(*v.as_bool());
      w.member(name("type"), name("boolean")).end_object();
      return;
    case value::kind::integer:
      write_attribute(w, *v.as_int());
      return;
    case value::kind::floating:
      w.begin_object().key(name("value")).floating(*v.as_double());
      w.member(name("type"), name("double")).end_object();
      return;
    case value::kind::string:
      write_attribute(w, std::string_view(*v.as_string()));
      return;
    default:  // unsigned above INT64_MAX, arrays, objects: as text
      write_attribute(w, std::string_view(v.to_text()));
      return;
  }
}

// Seconds since the epoch to the microsecond ("1700000000.123456", trailing
// zeros cut but one): exact, and cheaper than the shortest double's text.
void write_timestamp(json_writer& w, std::chrono::system_clock::time_point t) {
  const std::int64_t us =
      std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
  if (us < 0) {
    w.floating(std::chrono::duration<double>(t.time_since_epoch()).count());
    return;
  }
  char text[32];
  char* end = std::to_chars(text, text + 20, us / 1000000).ptr;
  *end++ = '.';
  std::int64_t fraction = us % 1000000;
  for (int digit = 5; digit >= 0; --digit, fraction /= 10) end[digit] = static_cast<char>('0' + fraction % 10);
  end += 6;
  while (end[-1] == '0' && end[-2] != '.') --end;
  w.raw(std::string_view(text, static_cast<std::size_t>(end - text)));
}

// What precedes the attributes in a log's JSON object.
void write_head(json_writer& w, std::chrono::system_clock::time_point timestamp,
                std::string_view trace_id, level l, std::string_view body) {
  constexpr std::string_view no_trace = "00000000000000000000000000000000";
  w.key(name("timestamp"));
  write_timestamp(w, timestamp);
  // Scanned: before_send_log may have set any text.
  w.member(name("trace_id"), trace_id.empty() ? no_trace : trace_id);
  w.member(name("level"), name(log_level_name(l)));
  w.member(name("body"), body);
  w.key(name("severity_number")).integer(log_severity_number(l));
}

std::string trace_id_of(const pending_log& p) {
  return p.scope && p.scope->propagation ? p.scope->propagation->trace_id.to_string()
                                         : std::string();
}

// An attributes object: one member per attribute that is not null.
void write_attributes(json_writer& w, const value_object& attributes) {
  w.begin_object();
  for (const auto& [k, v] : attributes) {
    if (v.is_null()) continue;
    w.key(k);
    write_attribute(w, v);
  }
  w.end_object();
}

void write_log(json_writer& w, const log_entry& e) {
  w.begin_object();
  write_head(w, e.timestamp, e.trace_id, e.level, e.body);
  w.key(name("attributes"));
  write_attributes(w, e.attributes);
  w.end_object();
}

}  // namespace

log_defaults make_log_defaults(value_object attributes) {
  log_defaults d;
  std::string object;
  json_writer w(object);
  write_attributes(w, attributes);
  d.json = object.substr(1, object.size() - 2);  // the members, without the braces
  d.attributes = std::move(attributes);
  return d;
}

log_entry make_log_entry(pending_log&& p, const value_object& defaults, bool send_default_pii) {
  log_entry e;
  e.timestamp = p.timestamp;
  e.level = p.level;
  const std::vector<value> params = p.params.take(p.texts);
  e.body = p.format_body ? format_template(p.text(p.message_template), params)
                         : std::string(p.text(p.body));
  e.trace_id = trace_id_of(p);
  e.attributes = defaults;
  for_each_own_attribute(p, params, send_default_pii, [&](const auto& n, const auto& v) {
    e.attributes[std::string(text_of(n))] = value(v);
  });
  return e;
}

std::string serialize_log(const log_entry& e) {
  std::string out;
  json_writer w(out);
  write_log(w, e);
  return out;
}

log_items::log_items() : json_("{\"items\":[") {}

void log_items::begin_log() {
  if (count_ != 0) json_.push_back(',');
}

void log_items::add(const log_entry& e) {
  begin_log();
  json_writer w(json_, json_writer::buffered);
  write_log(w, e);
  w.flush();
  ++count_;
}

bool log_items::add_direct(pending_log& p, const log_defaults& d, bool send_default_pii,
                           std::string* body) {
  bool named_like_sdk = false;
  p.context.for_each([&](pending_log::text_ref k, pending_log::text_ref) {
    if (names_sdk_attribute(p.text(k), d.attributes)) named_like_sdk = true;
  });
  if (named_like_sdk) return false;
  const std::vector<value> params = p.params.take(p.texts);
  std::string formatted =
      p.format_body ? format_template(p.text(p.message_template), params) : std::string();
  begin_log();
  json_writer w(json_, json_writer::buffered);
  w.begin_object();
  write_head(w, p.timestamp, trace_id_of(p), p.level,
             p.format_body ? std::string_view(formatted) : p.text(p.body));
  w.key(name("attributes")).begin_object();
  w.raw_members(d.json);
  for_each_own_attribute(p, params, send_default_pii, [&](const auto& n, const auto& v) {
    if constexpr (std::is_same_v<std::decay_t<decltype(v)>, value>) {
      if (v.is_null()) return;
    }
    w.key(n);
    write_attribute(w, v);
  });
  w.end_object();
  w.end_object();
  w.flush();
  ++count_;
  if (body) *body = p.format_body ? std::move(formatted) : std::string(p.text(p.body));
  return true;
}

std::string log_items::take_payload() {
  json_ += "]}";
  return std::move(json_);
}

envelope make_log_envelope(log_items&& items, std::string_view dsn) {
  envelope env;
  env.headers["sdk"] = value_object{{"name", sdk_name}, {"version", sdk_version}};
  if (!dsn.empty()) env.headers["dsn"] = std::string(dsn);
  envelope_item item;
  item.type = "log";
  item.headers["item_count"] = items.count();
  item.headers["content_type"] = "application/vnd.sentry.items.log+json";
  item.payload = items.take_payload();
  env.items.push_back(std::move(item));
  return env;
}

}  // namespace sentry::detail
