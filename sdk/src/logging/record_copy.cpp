#include "logging/record_copy.hpp"

#include <utility>

#include "util/thread_info.hpp"

namespace sentry::detail {

record_copy::record_copy(const record_parts& parts, std::string_view context_name)
    : present_(true) {
  const log_record& r = parts.record;
  // A template is only worth sending with its arguments (without them it is
  // the formatted text, or would group unrelated records together).
  const bool with_template = !r.message_template.empty() && r.params && r.param_count > 0;

  std::size_t size = r.logger.size() + r.message.size() + r.file.size() + r.function.size() +
                     parts.thread_name.size() + context_name.size();
  std::size_t count = 6;
  if (with_template) {
    // A parameter's text is only known once converted: a guess (a longer
    // one makes the buffer grow once).
    size += r.message_template.size() + 24 * r.param_count;
    count += r.param_count + 1;
  }
  parts.for_each_field([&](std::string_view key, std::string_view val, bool) {
    size += key.size() + val.size();
    ++count;
  });
  text_.reserve(size);
  pieces_.reserve(count);

  add(kind::logger, r.logger);
  add(kind::formatted, r.message);
  if (with_template) {
    add(kind::message_template, r.message_template);
    for (std::size_t i = 0; i < r.param_count; ++i) add(kind::param, r.params[i].to_text());
  }
  parts.for_each_field([&](std::string_view key, std::string_view val, bool is_tag) {
    add(is_tag ? kind::tag : kind::field, val, key);
  });
  add(kind::file, r.file);
  add(kind::function, r.function);
  add(kind::thread_name, parts.thread_name);
  add(kind::context_name, context_name);
  line_ = r.line;
  thread_id_ = parts.thread_id;
  main_thread_ = parts.thread_id == current_process_id();
}

void record_copy::add(kind what, std::string_view text, std::string_view key) {
  const std::size_t key_at = text_.size();
  text_.append(key.data(), key.size());
  const std::size_t at = text_.size();
  text_.append(text.data(), text.size());
  pieces_.push_back(piece{what, key_at, key.size(), at, text.size()});
}

std::size_t record_copy::bytes() const noexcept {
  return sizeof(record_copy) + text_.capacity() + pieces_.capacity() * sizeof(piece);
}

void record_copy::expand_into(event& e) const {
  if (!present_) return;
  logentry message;
  value_object fields;
  value_object code;
  thread_info thread;
  std::string_view context_name;
  for (const piece& p : pieces_) {
    const std::string_view text = text_of(p);
    switch (p.what) {
      case kind::logger: e.logger.assign(text.data(), text.size()); break;
      case kind::formatted: message.formatted.assign(text.data(), text.size()); break;
      case kind::message_template: message.message.assign(text.data(), text.size()); break;
      case kind::param: message.params.emplace_back(text); break;
      case kind::tag: e.tags.emplace(std::string(key_of(p)), std::string(text)); break;
      case kind::field: fields.emplace(std::string(key_of(p)), value(text)); break;
      case kind::file:
        if (!text.empty()) code.emplace("file.path", value(text));
        break;
      case kind::function:
        if (!text.empty()) code.emplace("function.name", value(text));
        break;
      case kind::thread_name: thread.name.assign(text.data(), text.size()); break;
      case kind::context_name: context_name = text; break;
    }
  }
  if (line_ > 0) code.emplace("line.number", value(line_));
  e.message = std::move(message);
  if (!fields.empty()) e.contexts.emplace(std::string(context_name), std::move(fields));
  if (!code.empty()) e.contexts.emplace("code", std::move(code));
  thread.id = thread_id_;
  thread.current = true;
  thread.main = main_thread_;
  e.threads.push_back(std::move(thread));
}

}  // namespace sentry::detail
