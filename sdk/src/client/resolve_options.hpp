// Private: options as the client uses them: environment fallbacks applied
// (code wins), odd values clamped, the DSN parsed.
//
// Pure apart from reading the environment; never throws for bad values: each
// problem becomes one line in `problems`, reported once the diagnostics are set
// up (their own switch, debug, can come from the environment too).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sentry/dsn.hpp"
#include "sentry/options.hpp"

namespace sentry::detail {

struct resolved_options {
  options opts;                // sample_rate and debug always set
  std::optional<dsn> parsed_dsn;
  bool dsn_invalid = false;    // a DSN was given and could not be parsed
  std::vector<std::string> problems;
};

resolved_options resolve_options(options opts);

}  // namespace sentry::detail
