#include "logging/record_event.hpp"

#include <exception>
#include <utility>

#include "util/thread_info.hpp"

namespace sentry::detail {
namespace {

logentry make_logentry(const log_record& r) {
  logentry m;
  // A template is only worth sending with its arguments (without them it is
  // the formatted text, or would group unrelated records together).
  if (!r.message_template.empty() && r.params && r.param_count > 0) {
    m.message.assign(r.message_template.data(), r.message_template.size());
    m.params.reserve(r.param_count);
    for (std::size_t i = 0; i < r.param_count; ++i) m.params.push_back(r.params[i].to_text());
  }
  m.formatted.assign(r.message.data(), r.message.size());
  return m;
}

value_object code_context(const log_record& r) {
  value_object code;
  if (!r.file.empty()) code.emplace("file.path", value(r.file));
  if (r.line > 0) code.emplace("line.number", value(r.line));
  if (!r.function.empty()) code.emplace("function.name", value(r.function));
  return code;
}

}  // namespace

record_capture make_record_event(const record_parts& parts, const log_bridge_options& opts) {
  const log_record& r = parts.record;
  record_capture out;
  event& e = out.ev;
  e.level = event_level(r.level);
  e.timestamp = parts.timestamp;
  e.logger.assign(r.logger.data(), r.logger.size());
  e.message = make_logentry(r);

  value_object fields;
  parts.for_each_field([&](std::string_view key, std::string_view val, bool is_tag) {
    if (is_tag) {
      e.tags.emplace(std::string(key), std::string(val));
    } else {
      fields.emplace(std::string(key), value(val));
    }
  });
  if (!fields.empty()) e.contexts.emplace(opts.context_name, std::move(fields));
  value_object code = code_context(r);
  if (!code.empty()) e.contexts.emplace("code", std::move(code));

  thread_info t;
  t.id = parts.thread_id;
  t.name.assign(parts.thread_name.data(), parts.thread_name.size());
  t.current = true;
  t.main = parts.thread_id == current_process_id();
  e.threads.push_back(std::move(t));

  std::exception_ptr ex = r.exception;
  if (!ex && r.use_current_exception && parts.on_calling_thread) ex = std::current_exception();
  if (ex) {
    out.hint.exception = std::move(ex);
    out.hint.mechanism.type = opts.origin;
    out.hint.mechanism.handled = true;
  }
  return out;
}

}  // namespace sentry::detail
