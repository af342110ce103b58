#include "logs/log_serialize.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>

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

log_entry make_log_entry(pending_log&& p, const value_object& defaults, bool send_default_pii) {
  log_entry e;
  e.timestamp = p.timestamp;
  e.level = p.level;
  std::vector<value> params = p.params.take(p.texts);
  e.body = p.format_body ? format_template(p.text(p.message_template), params)
                         : std::string(p.text(p.body));
  if (p.scope && p.scope->propagation) e.trace_id = p.scope->propagation->trace_id.to_string();
  e.attributes = defaults;
  auto& a = e.attributes;
  auto put = [&](const char* key, pending_log::text_ref r) {
    if (r.size) a[key] = value(p.text(r));
  };
  put("sentry.origin", p.origin);
  put("logger.name", p.logger);
  if (p.thread_id) a["thread.id"] = p.thread_id;
  put("thread.name", p.thread_name);
  put("code.file.path", p.file);
  if (p.line > 0) a["code.line.number"] = p.line;
  put("code.function.name", p.function);
  // A template only with its parameters (PROTOCOL §12.3); a null parameter
  // has no attribute, so it does not count.
  const bool has_parameter =
      std::any_of(params.begin(), params.end(), [](const value& v) { return !v.is_null(); });
  if (p.message_template.size && has_parameter) {
    put("sentry.message.template", p.message_template);
    for (std::size_t i = 0; i < params.size(); ++i)
      a["sentry.message.parameter." + std::to_string(i)] = std::move(params[i]);
  }
  // A key given twice counts once, with its first value; empty keys are
  // ignored (sentry/log_record.hpp), as for the record's event and breadcrumb.
  std::vector<std::string_view> keys;
  p.context.for_each([&](pending_log::text_ref k, pending_log::text_ref v) {
    const std::string_view key = p.text(k);
    if (key.empty() || std::find(keys.begin(), keys.end(), key) != keys.end()) return;
    keys.push_back(key);
    a[std::string(key)] = value(p.text(v));
  });
  if (send_default_pii && p.scope) {
    const user& u = p.scope->user;
    if (!u.id.empty()) a["user.id"] = u.id;
    if (!u.username.empty()) a["user.name"] = u.username;
    if (!u.email.empty()) a["user.email"] = u.email;
  }
  return e;
}

namespace {

void write_attribute(json_writer& w, const value& v) {
  w.begin_object();
  switch (v.type()) {
    case value::kind::boolean:
      w.key("value").boolean(*v.as_bool()).member("type", "boolean");
      break;
    case value::kind::integer:
      w.key("value").integer(*v.as_int()).member("type", "integer");
      break;
    case value::kind::floating:
      w.key("value").floating(*v.as_double()).member("type", "double");
      break;
    case value::kind::string:
      w.member("value", *v.as_string()).member("type", "string");
      break;
    default:  // unsigned above INT64_MAX, arrays, objects: as text
      w.member("value", v.to_text()).member("type", "string");
      break;
  }
  w.end_object();
}

}  // namespace

std::string serialize_log(const log_entry& e) {
  std::string out;
  json_writer w(out);
  const double seconds =
      std::chrono::duration<double>(e.timestamp.time_since_epoch()).count();
  w.begin_object();
  w.key("timestamp").floating(seconds);
  w.member("trace_id", e.trace_id.empty() ? std::string(32, '0') : e.trace_id);
  w.member("level", log_level_name(e.level));
  w.member("body", e.body);
  w.key("severity_number").integer(log_severity_number(e.level));
  if (!e.attributes.empty()) {
    w.key("attributes").begin_object();
    for (const auto& [k, v] : e.attributes) {
      if (v.is_null()) continue;
      w.key(k);
      write_attribute(w, v);
    }
    w.end_object();
  }
  w.end_object();
  return out;
}

envelope make_log_envelope(const std::vector<std::string>& serialized, std::string_view dsn) {
  envelope env;
  env.headers["sdk"] = value_object{{"name", sdk_name}, {"version", sdk_version}};
  if (!dsn.empty()) env.headers["dsn"] = std::string(dsn);
  envelope_item item;
  item.type = "log";
  item.headers["item_count"] = serialized.size();
  item.headers["content_type"] = "application/vnd.sentry.items.log+json";
  std::string& p = item.payload;
  std::size_t total = 16;
  for (const auto& s : serialized) total += s.size() + 1;
  p.reserve(total);
  p += "{\"items\":[";
  for (std::size_t i = 0; i < serialized.size(); ++i) {
    if (i) p.push_back(',');
    p += serialized[i];
  }
  p += "]}";
  env.items.push_back(std::move(item));
  return env;
}

}  // namespace sentry::detail
