#include "client/resolve_options.hpp"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <string_view>

namespace sentry::detail {
namespace {

const char* env(const char* name) {
  const char* v = std::getenv(name);
  return (v && *v) ? v : nullptr;
}

void fill_from_env(std::string& field, const char* name) {
  if (!field.empty()) return;
  if (const char* v = env(name)) field = v;
}

std::optional<bool> parse_bool(std::string_view text) {
  std::string lower;
  for (char c : text) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (lower == "1" || lower == "true" || lower == "yes" || lower == "on") return true;
  if (lower == "0" || lower == "false" || lower == "no" || lower == "off") return false;
  return std::nullopt;
}

}  // namespace

resolved_options resolve_options(options opts) {
  resolved_options r;
  auto& p = r.problems;

  fill_from_env(opts.dsn, "SENTRY_DSN");
  fill_from_env(opts.release, "SENTRY_RELEASE");
  fill_from_env(opts.environment, "SENTRY_ENVIRONMENT");
  fill_from_env(opts.dist, "SENTRY_DIST");
  fill_from_env(opts.server_name, "SENTRY_SERVER_NAME");
  if (opts.environment.empty()) opts.environment = "production";

  if (!opts.sample_rate) {
    if (const char* v = env("SENTRY_SAMPLE_RATE")) {
      char* end = nullptr;
      const double d = std::strtod(v, &end);
      if (end && *end == '\0' && end != v) {
        opts.sample_rate = d;
      } else {
        p.push_back(std::string("SENTRY_SAMPLE_RATE is not a number (\"") + v +
                    "\"); using 1.0");
      }
    }
  }
  double rate = opts.sample_rate.value_or(1.0);
  if (std::isnan(rate)) {
    p.push_back("sample_rate is NaN; using 1.0");
    rate = 1.0;
  } else if (rate < 0.0) {
    p.push_back("sample_rate " + std::to_string(rate) + " is below 0; using 0");
    rate = 0.0;
  } else if (rate > 1.0) {
    p.push_back("sample_rate " + std::to_string(rate) + " is above 1; using 1");
    rate = 1.0;
  }
  opts.sample_rate = rate;

  if (!opts.debug) {
    if (const char* v = env("SENTRY_DEBUG")) {
      auto b = parse_bool(v);
      if (!b) p.push_back(std::string("SENTRY_DEBUG is not a boolean (\"") + v + "\")");
      opts.debug = b.value_or(false);
    }
  }
  if (!opts.debug) opts.debug = false;

  if (!opts.enable_logs) {
    if (const char* v = env("SENTRY_ENABLE_LOGS")) {
      auto b = parse_bool(v);
      if (!b) p.push_back(std::string("SENTRY_ENABLE_LOGS is not a boolean (\"") + v + "\")");
      opts.enable_logs = b.value_or(false);
    }
  }
  if (!opts.enable_logs) opts.enable_logs = false;

  if (opts.max_queue_size == 0) {
    p.push_back("max_queue_size 0 would drop every event; using 1000");
    opts.max_queue_size = 1000;
  }
  if (opts.max_queue_bytes < 4096) {
    p.push_back("max_queue_bytes below 4096; using 4096");
    opts.max_queue_bytes = 4096;
  }
  constexpr std::size_t breadcrumb_cap = 10000;
  if (opts.max_breadcrumbs > breadcrumb_cap) {
    p.push_back("max_breadcrumbs " + std::to_string(opts.max_breadcrumbs) + " is above " +
                std::to_string(breadcrumb_cap) + "; using " + std::to_string(breadcrumb_cap));
    opts.max_breadcrumbs = breadcrumb_cap;
  }
  if (opts.shutdown_timeout.count() < 0) {
    p.push_back("shutdown_timeout is negative; using 0");
    opts.shutdown_timeout = std::chrono::milliseconds(0);
  }

  if (!opts.dsn.empty()) {
    std::string error;
    r.parsed_dsn = dsn::parse(opts.dsn, &error);
    if (!r.parsed_dsn) {
      r.dsn_invalid = true;
      p.push_back("invalid DSN: " + error + "; the SDK is disabled");
    }
  }
  r.opts = std::move(opts);
  return r;
}

}  // namespace sentry::detail
