#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string_view>
#include <utility>

#include <boost/container/small_vector.hpp>
#include <boost/log/attributes/current_thread_id.hpp>
#include <boost/log/attributes/named_scope.hpp>
#include <boost/log/attributes/value_visitation.hpp>
#include <boost/log/core/core.hpp>
#include <boost/log/trivial.hpp>
#include <boost/log/utility/type_dispatch/standard_types.hpp>

#include "attribute_text.hpp"
#include "make_sink.hpp"
#include "sentry/boostlog/sink.hpp"
#include "sentry/sentry.hpp"

namespace sentry::boostlog {

namespace {

namespace logging = boost::log;

std::optional<level> from_trivial(logging::trivial::severity_level s) noexcept {
  switch (s) {
    case logging::trivial::trace: return level::trace;
    case logging::trivial::debug: return level::debug;
    case logging::trivial::info: return level::info;
    case logging::trivial::warning: return level::warning;
    case logging::trivial::error: return level::error;
    case logging::trivial::fatal: return level::fatal;
  }
  return std::nullopt;
}

// The level wants() found for the last record it let through on this thread,
// so that consume() of that record on a synchronous frontend (the filter runs
// just before, on the same thread) need not map its severity again. Keyed by
// backend and by the record's severity value (the value set itself is moved
// into the record between the filter and consume(); its values stay put);
// consume() takes it once.
struct remembered_level {
  const void* backend = nullptr;
  const void* severity = nullptr;
  level value = level::info;
};
thread_local remembered_level t_remembered;

// Reads an integer attribute of any integral type (a "Line" attribute).
struct line_visitor {
  int& out;
  template <typename T>
  void operator()(T v) const {
    out = static_cast<int>(v);
  }
};

}  // namespace

// What the sink does with an attribute, by attribute name id.
enum role : std::uint8_t {
  no_role,
  severity_role,
  message_role,
  channel_role,
  file_role,
  function_role,
  line_role,
  scope_role,
  thread_role,
  context_flag = 0x80,  // also goes into the context (a tag or a context field)
};

struct sink_backend::impl {
  explicit impl(sink_options o)
      : opts(std::move(o)),
        bridge(opts.bridge),
        severity(opts.severity_attribute),
        channel(opts.channel_attribute) {
    const logging::attribute_name message("Message"), file("File"), line("Line"),
        function("Function"), scope("Scope"), thread("ThreadID");
    // Every attribute is context unless listed ones are (context_attributes)
    // or it is one the sink reads for another purpose, or common metadata.
    unlisted_are_context = !opts.context_attributes;
    auto set = [this](const logging::attribute_name& n, std::uint8_t r) {
      if (roles.size() <= n.id()) {
        roles.resize(n.id() + 1, unlisted_are_context ? std::uint8_t(context_flag)
                                                      : std::uint8_t(no_role));
      }
      roles[n.id()] = r;
    };
    const std::pair<logging::attribute_name, std::uint8_t> known[] = {
        {severity, severity_role},
        {channel, channel_role},
        {message, message_role},
        {file, file_role},
        {line, line_role},
        {function, function_role},
        {scope, scope_role},
        {thread, thread_role},
        {logging::attribute_name("TimeStamp"), no_role},
        {logging::attribute_name("LineID"), no_role},
        {logging::attribute_name("ProcessID"), no_role}};
    for (const auto& [n, r] : known) set(n, r);
    if (opts.context_attributes) {
      for (const auto& a : *opts.context_attributes) {
        logging::attribute_name n(a);
        set(n, std::uint8_t(role_of(n) | context_flag));
      }
    }
    if (opts.bridge.context_tags) {
      for (const auto& t : *opts.bridge.context_tags) {
        logging::attribute_name n(t);
        set(n, std::uint8_t(role_of(n) | context_flag));
      }
    }
  }

  std::uint8_t role_of(const logging::attribute_name& n) const noexcept {
    // Names made after this sink are nothing the sink reads for a purpose.
    if (n.id() < roles.size()) return roles[n.id()];
    return unlisted_are_context ? std::uint8_t(context_flag) : std::uint8_t(no_role);
  }

  // The record's severity value, or null when it has none.
  const logging::attribute_value* severity_of(const logging::attribute_value_set& values) const {
    auto it = values.find(severity);
    return it == values.end() ? nullptr : &it->second;
  }

  level level_of(const logging::attribute_value* value) const noexcept {
    if (!value) return opts.default_level;
    std::optional<level> l;
    if (!opts.severity) {
      if (auto v = detail::value_of<logging::trivial::severity_level>(*value)) l = from_trivial(*v);
    } else {
      try {
        l = opts.severity(*value);
      } catch (...) {
        l.reset();  // a mapping that throws knows nothing
      }
    }
    return l ? *l : opts.default_level;
  }

  // Reads a record's attributes in one pass (a record has a handful); its
  // severity value, when it has one, is left in `severity`.
  template <typename Fields>
  void read(const logging::attribute_value_set& values, log_record& r, Fields& fields,
            detail::text_arena& arena,
            const logging::attribute_value*& severity_value) const {
    const logging::attributes::named_scope_list* scopes = nullptr;
    for (const auto& kv : values) {
      const logging::attribute_name& name = kv.first;
      const logging::attribute_value& v = kv.second;
      const std::uint8_t role = role_of(name);
      switch (role & ~context_flag) {
        case severity_role: severity_value = &v; break;
        case message_role: r.message = message_of(v, arena); break;
        case channel_role: r.logger = text_of(v, arena); break;
        case file_role: r.file = text_of(v, arena); break;
        case function_role: r.function = text_of(v, arena); break;
        case line_role:
          logging::visit<logging::integral_types>(v, line_visitor{r.line});
          break;
        case scope_role:
          if (auto list = v.extract<logging::attributes::named_scope_list>())
            scopes = list.get_ptr();
          break;
        case thread_role:
          if (!opts.synchronous) {
            // Delivered on another thread: the id of the one that logged.
            if (auto id = v.extract<logging::attributes::current_thread_id::value_type>())
              r.thread_id = static_cast<std::uint64_t>(id->native_id());
          }
          break;
        default: break;
      }
      if (role & context_flag) add_field(fields, name, v, arena);
    }
    if (scopes && !scopes->empty()) location_from_scope(scopes->back(), r);
  }

  // The innermost named scope fills what the File, Line and Function
  // attributes did not say.
  static void location_from_scope(const logging::attributes::named_scope_entry& innermost,
                                  log_record& r) {
    if (r.function.empty())
      r.function = std::string_view(innermost.scope_name.c_str(), innermost.scope_name.size());
    if (r.file.empty()) {
      r.file = std::string_view(innermost.file_name.c_str(), innermost.file_name.size());
      if (r.line == 0) r.line = static_cast<int>(innermost.line);
    }
  }

  // Every text of a record goes through to_text(), the message too (without
  // the user's renderer, which is for context values): one copy of that code
  // serves them all, so it stays in the instruction cache while Boost.Log's
  // own code runs between records. (Reading the message and the channel by
  // two code paths cost about 35 ns more per record.)
  std::string_view text_of(const logging::attribute_value& v, detail::text_arena& arena) const {
    bool known = false;
    return detail::to_text(v, opts.render, arena, known);
  }
  static std::string_view message_of(const logging::attribute_value& v, detail::text_arena& arena) {
    static const value_renderer no_renderer;
    bool known = false;
    return detail::to_text(v, no_renderer, arena, known);
  }

  template <typename Fields>
  void add_field(Fields& fields, const logging::attribute_name& name,
                 const logging::attribute_value& v, detail::text_arena& arena) const {
    bool known = false;
    std::string_view out = detail::to_text(v, opts.render, arena, known);
    if (!known) {
      // A type nobody can render: say which, so that a renderer can be added.
      out = arena.keep("<" + v.get_type().pretty_name() + ">");
    }
    fields.push_back(context_field{detail::name_text(name), out});
  }

  sink_options opts;
  log_bridge bridge;
  logging::attribute_name severity;
  logging::attribute_name channel;
  bool unlisted_are_context = true;
  std::vector<std::uint8_t> roles;  // by attribute name id
};

sink_backend::sink_backend(sink_options opts) : impl_(std::make_unique<impl>(std::move(opts))) {}

sink_backend::~sink_backend() = default;

const sink_options& sink_backend::options() const noexcept { return impl_->opts; }

bool sink_backend::wants(const logging::attribute_value_set& values) const noexcept {
  const logging::attribute_value* severity = impl_->severity_of(values);
  const level l = impl_->level_of(severity);
  if (!impl_->bridge.wants(l)) return false;
  if (impl_->opts.synchronous && severity) t_remembered = {this, severity, l};
  return true;
}

void sink_backend::consume(const logging::record_view& rec) noexcept {
  try {
    const impl& m = *impl_;
    log_record r;
    detail::text_arena arena;
    boost::container::small_vector<context_field, 16> fields;
    const logging::attribute_value* severity = nullptr;
    // The severity is found in the same pass (the filter let the record
    // through, so it is nearly always wanted: no lookup of its own first).
    m.read(rec.attribute_values(), r, fields, arena, severity);
    if (m.opts.synchronous && t_remembered.backend == this && severity &&
        t_remembered.severity == severity) {
      r.level = t_remembered.value;  // the filter's answer for this record
      t_remembered.backend = nullptr;
    } else {
      r.level = m.level_of(severity);
      if (!m.bridge.wants(r.level)) return;
    }
    // Read once here: the log, the event and the breadcrumb of the record
    // share it (the bridge would read the clock for each).
    r.timestamp = std::chrono::system_clock::now();
    r.context = fields.data();
    r.context_size = fields.size();
    r.use_current_exception = m.opts.synchronous;
    impl_->bridge.handle(r);
  } catch (...) {
    // Out of memory while reading the record: the record is lost, the
    // application is not.
  }
}

void sink_backend::flush() noexcept { sentry::flush(impl_->opts.flush_timeout); }

logging::filter make_filter(boost::shared_ptr<sink_backend> backend, logging::filter user) {
  return logging::filter(
      [backend = std::move(backend), user = std::move(user)](const logging::attribute_value_set& v) {
        return backend->wants(v) && user(v);
      });
}

boost::shared_ptr<sync_sink> add_sink(sink_options opts, logging::filter filter) {
  auto sink = detail::make_sink<sync_sink>(std::move(opts), std::move(filter));
  logging::core::get()->add_sink(sink);
  return sink;
}

boost::shared_ptr<async_sink> add_async_sink(sink_options opts, logging::filter filter) {
  auto sink = detail::make_sink<async_sink>(std::move(opts), std::move(filter));
  logging::core::get()->add_sink(sink);
  return sink;
}

void remove_sink(const boost::shared_ptr<async_sink>& sink) noexcept {
  if (!sink) return;
  try {
    logging::core::get()->remove_sink(sink);
    sink->stop();   // the feeding thread ends after the record in hand
    sink->flush();  // what is still queued is fed here, then the SDK flushes
  } catch (...) {
    // Boost.Log failed to stop its thread; nothing more we can do.
  }
}

}  // namespace sentry::boostlog
