// spdlog_example: the example scenario of the project (one error event with
// two breadcrumbs, tags from the logging context, the exception being
// handled, the message template and its arguments) with a synchronous spdlog
// logger set up in code.
//
// Configuration comes from the environment as in every Sentry SDK:
// SENTRY_DSN (nothing is sent without it), SENTRY_RELEASE,
// SENTRY_ENVIRONMENT, SENTRY_DEBUG, SENTRY_SPOTLIGHT, and SENTRY_ENABLE_LOGS=1
// to forward the three records as Sentry structured logs too. Runs from any
// working folder, exits 0, and flushes before it exits.
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <sentry/context_store.hpp>
#include <sentry/sentry.hpp>
#include <sentry/spdlog/log.hpp>
#include <sentry/spdlog/sink.hpp>

int main() {
  sentry::options options;  // SENTRY_DSN, SENTRY_RELEASE, ... fill what code leaves unset
  sentry::init_guard sentry_guard(options);  // flushes and closes at the end of main

  // The service's logger, and the Sentry sink added to it: errors become
  // events, info and warnings their breadcrumbs; request_id and tenant tags.
  auto logger = spdlog::stdout_color_mt("checkout");
  sentry::spdlog::sink_options sink_options;
  sink_options.context_tags = std::vector<std::string>{"request_id", "tenant"};
  logger->sinks().push_back(std::make_shared<sentry::spdlog::sink_mt>(sink_options));

  // The logging context of this request (spdlog 1.14+: spdlog::mdc works too).
  sentry::scoped_context request_id("request_id", "r-42");
  sentry::scoped_context tenant("tenant", "acme");
  sentry::scoped_context session("session", "s-9");

  // Logs like logger->info(...), and keeps the template for Sentry's grouping.
  sentry::spdlog::info(logger, "cart loaded with {} items", 3);
  logger->warn("inventory low for {}", "sku-17");  // plain spdlog calls work too
  try {
    throw std::runtime_error("payment declined");
  } catch (const std::runtime_error&) {
    sentry::spdlog::error(logger, "payment failed for order {}", 1234);  // + the exception
  }
  return 0;
}
