// Test support: an event with every field of sentry::event set, for
// serialization and schema-validation tests.
#pragma once

#include <chrono>

#include "sentry/event.hpp"

namespace sentry_test {

inline sentry::frame make_frame(std::uint64_t addr, const char* function, std::uint32_t line) {
  sentry::frame f;
  f.instruction_addr = addr;
  f.symbol_addr = addr - 0x10;
  f.image_addr = 0x400000;
  f.function = function;
  f.package = "/usr/bin/checkout";
  f.filename = "src/payment.cpp";
  f.abs_path = "/home/build/src/payment.cpp";
  f.lineno = line;
  f.colno = 7;
  f.in_app = true;
  f.pre_context = {"  // before", "  auto total = cart.total();"};
  f.context_line = "  charge(total);";
  f.post_context = {"  return ok;", "}"};
  return f;
}

inline sentry::event rich_event() {
  using namespace std::chrono;
  sentry::event e;
  e.event_id = sentry::uuid::generate();
  e.timestamp = system_clock::time_point(seconds(1704164645)) + microseconds(678901);
  e.level = sentry::level::warning;
  e.logger = "payments";
  e.transaction = "POST /checkout";
  e.release = "checkout@1.2.3";
  e.environment = "staging";
  e.dist = "x86_64";
  e.server_name = "web-1";
  e.message = sentry::logentry{"payment failed for order {}", {"42"}, "payment failed for order 42"};

  sentry::exception_value cause;
  cause.type = "std::system_error";
  cause.value = "connection refused";
  cause.module = "libpq";
  cause.mechanism.type = "chained";
  cause.mechanism.exception_id = 1;
  cause.mechanism.parent_id = 0;
  cause.mechanism.source = "std::nested_exception";
  cause.mechanism.handled = true;
  sentry::exception_value outer;
  outer.type = "std::runtime_error";
  outer.value = "payment declined";
  outer.mechanism.type = "auto.log.spdlog";
  outer.mechanism.handled = false;
  outer.mechanism.synthetic = true;
  outer.mechanism.description = "logged";
  outer.mechanism.data = {{"relevant", true}};
  outer.mechanism.meta = {{"signal", sentry::value_object{{"number", 11}, {"name", "SIGSEGV"}}}};
  outer.mechanism.exception_id = 0;
  outer.stacktrace = sentry::stacktrace{};
  outer.stacktrace->frames = {make_frame(0x401000, "main", 10), make_frame(0x402abc, "charge", 42)};
  outer.stacktrace->instruction_addr_adjustment = "all_but_first";
  outer.thread_id = 77;
  e.exceptions = {cause, outer};

  sentry::thread_info t;
  t.id = 77;
  t.name = "worker";
  t.crashed = true;
  t.current = true;
  t.main = false;
  sentry::thread_info m;
  m.id = 1;
  m.name = "main";
  m.main = true;
  m.stacktrace = sentry::stacktrace{};
  m.stacktrace->frames = {make_frame(0x401000, "main", 12)};
  e.threads = {t, m};

  e.tags = {{"order", "42"}, {"region", "eu-west-1"}};
  e.extra = {{"cart_size", 3}, {"ratio", 0.5}, {"nested", sentry::value_object{{"a", sentry::value_array{1, "b"}}}}};
  e.contexts["app"] = {{"app_name", "checkout"}, {"app_version", "1.2.3"}};
  e.contexts["os"] = {{"name", "Linux"}, {"version", "6.1.0"}};
  e.user.id = "u-1";
  e.user.username = "ada";
  e.user.email = "ada@example.com";
  e.user.ip_address = "{{auto}}";
  e.user.name = "Ada";
  e.user.data = {{"plan", "pro"}};
  e.fingerprint = {"{{ default }}", "payments"};

  sentry::breadcrumb b1;
  b1.timestamp = e.timestamp - seconds(2);
  b1.category = "db";
  b1.message = "SELECT 1";
  b1.level = sentry::level::debug;
  b1.data = {{"rows", 1}};
  sentry::breadcrumb b2;
  b2.timestamp = e.timestamp - seconds(1);
  b2.type = "http";
  b2.category = "http.client";
  b2.message = "POST /charge";
  b2.level = sentry::level::warning;
  e.breadcrumbs = {b1, b2};

  e.modules = {{"libcurl", "7.88.1"}, {"spdlog", "1.10.0"}};
  sentry::debug_image img;
  img.code_id = "f1c3bcc0279865fe3058404b2831d9e64135386c";
  img.debug_id = "c0bcc3f1-9827-fe65-3058-404b2831d9e6";
  img.code_file = "/usr/bin/checkout";
  img.image_addr = 0x400000;
  img.image_size = 0x10000;
  e.debug_images = {img};
  return e;
}

}  // namespace sentry_test
