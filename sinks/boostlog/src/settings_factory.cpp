#include <cctype>
#include <cstdlib>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <boost/log/core/core.hpp>
#include <boost/log/exceptions.hpp>
#include <boost/log/utility/setup/filter_parser.hpp>
#include <boost/log/utility/setup/from_settings.hpp>
#include <boost/make_shared.hpp>
#include <boost/weak_ptr.hpp>

#include "make_sink.hpp"
#include "sentry/boostlog/settings.hpp"
#include "sentry/dsn.hpp"
#include "sentry/sentry.hpp"

namespace sentry::boostlog {

namespace {

namespace logging = boost::log;

constexpr const char* known_keys[] = {
    "Destination",       "Filter",           "Asynchronous",      "ContextTags",
    "ContextAttributes", "MinimumEventLevel", "MinimumBreadcrumbLevel", "MinimumLogLevel",
    "SeverityAttribute", "ChannelAttribute", "Dsn",              "Release",
    "Environment"};

[[noreturn]] void fail(std::string_view key, const std::string& why) {
  throw logging::invalid_value("Sentry sink: " + std::string(key) + ": " + why);
}

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool parse_bool(std::string_view key, std::string_view text) {
  const std::string v = lower(trim(text));
  if (v == "true" || v == "1" || v == "yes" || v == "on") return true;
  if (v == "false" || v == "0" || v == "no" || v == "off") return false;
  fail(key, quoted(text) + " is not a boolean (expected true or false)");
}

level parse_level_key(std::string_view key, std::string_view text) {
  if (auto l = sentry::parse_level(trim(text))) return *l;
  fail(key, quoted(text) + " is not a level (expected trace, debug, info, warning, error or fatal)");
}

std::vector<std::string> parse_list(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const std::string_view item = trim(text.substr(0, comma));
    if (!item.empty()) out.emplace_back(item);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

std::string attribute_name_key(std::string_view key, std::string_view text) {
  const std::string_view name = trim(text);
  if (name.empty()) fail(key, "an attribute name is required");
  return std::string(name);
}

// The sinks the factory made, for the exit handler.
struct made_sinks {
  std::mutex mutex;
  std::vector<boost::weak_ptr<logging::sinks::sink>> sinks;
};

made_sinks& made() {
  static made_sinks* m = new made_sinks();  // outlives every exit handler
  return *m;
}

void remember(const boost::shared_ptr<logging::sinks::sink>& sink) {
  made_sinks& m = made();
  std::lock_guard<std::mutex> lock(m.mutex);
  m.sinks.push_back(sink);
}

// When a settings file initialized the SDK, everything still in its Sentry
// sinks reaches the SDK before it closes at exit. The sinks are flushed one by
// one, not through core::flush(), which holds the core's lock while it waits
// (a callback of the SDK that logs would wait for it).
void close_at_exit() noexcept {
  try {
    std::vector<boost::weak_ptr<logging::sinks::sink>> sinks;
    {
      made_sinks& m = made();
      std::lock_guard<std::mutex> lock(m.mutex);
      sinks = m.sinks;
    }
    for (const auto& weak : sinks) {
      if (auto sink = weak.lock()) sink->flush();
    }
  } catch (...) {
  }
  sentry::close();
}

void arrange_close_at_exit() {
  static std::once_flag once;
  std::call_once(once, [] {
    // The core (which owns the sinks) is created before the handler is
    // registered, so that it is destroyed after the handler ran.
    logging::core::get();
    std::atexit(&close_at_exit);
  });
}

class sentry_sink_factory final : public logging::sink_factory<char> {
 public:
  sentry_sink_factory(sink_options defaults, sentry::options sdk)
      : defaults_(std::move(defaults)), sdk_(std::move(sdk)) {}

  boost::shared_ptr<logging::sinks::sink> create_sink(const settings_section& settings) override {
    const auto& tree = settings.property_tree();
    for (const auto& child : tree) {
      bool known = false;
      for (const char* k : known_keys) known = known || child.first == k;
      if (!known) {
        std::string list;
        for (const char* k : known_keys) list += (list.empty() ? "" : ", ") + std::string(k);
        fail(child.first, "unknown key (known keys: " + list + ")");
      }
    }
    auto get = [&tree](const char* key) { return tree.get_optional<std::string>(key); };

    sink_options opts = defaults_;
    logging::filter user_filter;
    if (auto v = get("Filter")) {
      try {
        user_filter = logging::parse_filter(*v);
      } catch (const std::exception& e) {
        fail("Filter", quoted(*v) + " is not a valid filter: " + e.what());
      }
    }
    bool asynchronous = false;
    if (auto v = get("Asynchronous")) asynchronous = parse_bool("Asynchronous", *v);
    if (auto v = get("ContextTags")) opts.bridge.context_tags = parse_list(*v);
    if (auto v = get("ContextAttributes")) opts.context_attributes = parse_list(*v);
    if (auto v = get("MinimumEventLevel"))
      opts.bridge.minimum_event_level = parse_level_key("MinimumEventLevel", *v);
    if (auto v = get("MinimumBreadcrumbLevel"))
      opts.bridge.minimum_breadcrumb_level = parse_level_key("MinimumBreadcrumbLevel", *v);
    if (auto v = get("MinimumLogLevel"))
      opts.bridge.minimum_log_level = parse_level_key("MinimumLogLevel", *v);
    if (auto v = get("SeverityAttribute"))
      opts.severity_attribute = attribute_name_key("SeverityAttribute", *v);
    if (auto v = get("ChannelAttribute"))
      opts.channel_attribute = attribute_name_key("ChannelAttribute", *v);

    sentry::options sdk = sdk_;
    if (auto v = get("Dsn")) {
      const std::string dsn(trim(*v));
      std::string why;
      if (!dsn.empty() && !sentry::dsn::parse(dsn, &why)) fail("Dsn", why);
      if (sdk.dsn.empty()) sdk.dsn = dsn;
    }
    if (auto v = get("Release"); v && sdk.release.empty()) sdk.release = std::string(trim(*v));
    if (auto v = get("Environment"); v && sdk.environment.empty())
      sdk.environment = std::string(trim(*v));

    // Everything is valid: only now act. Code that initialized the SDK wins.
    if (!sentry::is_initialized()) {
      sentry::init(std::move(sdk));
      arrange_close_at_exit();
    }

    boost::shared_ptr<logging::sinks::sink> sink;
    if (asynchronous) {
      sink = detail::make_sink<async_sink>(std::move(opts), std::move(user_filter));
    } else {
      sink = detail::make_sink<sync_sink>(std::move(opts), std::move(user_filter));
    }
    remember(sink);
    return sink;
  }

 private:
  const sink_options defaults_;
  const sentry::options sdk_;
};

}  // namespace

void register_sink_factory(sink_options defaults, sentry::options sdk) {
  logging::register_sink_factory(
      "Sentry", boost::make_shared<sentry_sink_factory>(std::move(defaults), std::move(sdk)));
}

}  // namespace sentry::boostlog
