// The raw dump of pending logs that the fatal-signal handler writes
// (logs/log_dump.hpp) and the batcher's hand-over to it: logs read back are
// the logs written, and damaged bytes give problems, never a crash.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "logs/log_batcher.hpp"
#include "logs/log_dump.hpp"
#include "logs/log_serialize.hpp"

namespace crash_logs_test {

using namespace sentry::detail;

class string_sink final : public dump_sink {
 public:
  bool put(const void* data, std::size_t size) noexcept override {
    bytes.append(static_cast<const char*>(data), size);
    return true;
  }
  std::string bytes;
};

// A log with every kind of field: texts, inline and boxed parameters (past
// the inline slots, arrays and objects), context fields, trace and user.
pending_log full_log(int n) {
  pending_log p;
  p.timestamp = std::chrono::system_clock::time_point(std::chrono::microseconds(1700000000123456 + n));
  p.level = sentry::level::warning;
  p.format_body = true;
  p.line = 42 + n;
  p.thread_id = 7;
  p.message_template = p.add_text("order {} of {} by {} at {} in {} with {} {}");
  p.origin = p.add_text("auto.log.spdlog");
  p.logger = p.add_text("shop");
  p.thread_name = p.add_text("worker-1");
  p.file = p.add_text("shop.cpp");
  p.function = p.add_text("checkout");
  p.params.add(sentry::value(std::int64_t{1234 + n}), p.texts);
  p.params.add(sentry::value(std::string(400, 'x')), p.texts);  // the texts move to the heap
  p.params.add(sentry::value(true), p.texts);
  p.params.add(sentry::value(sentry::value_array{1, "two", 3.5}), p.texts);  // boxed in a slot
  p.params.add(sentry::value(std::uint64_t{18446744073709551615u}), p.texts);
  p.params.add(sentry::value(sentry::value_object{{"k", sentry::value_array{nullptr, false}}}), p.texts);
  p.params.add(sentry::value(-0.25), p.texts);
  const text_ref key = p.add_text("request_id");
  p.context.add(key, p.add_text("r-" + std::to_string(n)));
  scope_data scope;
  scope.propagation = propagation_context::random();
  scope.user.id = "user-42";
  scope.user.email = "a@example.com";
  p.scope = scope_data_ref::make(std::move(scope));
  return p;
}

pending_log plain_log() {
  pending_log p;
  p.timestamp = std::chrono::system_clock::time_point(std::chrono::seconds(1700000000));
  p.body = p.add_text("plain body");
  return p;
}

// What a log becomes on the wire (the one serializer).
std::string wire(pending_log p, const sentry::value_object& defaults) {
  return serialize_log(make_log_entry(std::move(p), defaults, true));
}

const sentry::value_object defaults{{"sentry.release", "app@1"}, {"sentry.sdk.name", "sentry.cpp"}};

std::string dump_of(const std::vector<pending_log>& logs, bool with_user = true) {
  string_sink out;
  write_dump_header(out, sentry::value(defaults).to_json(), with_user, false);
  for (const auto& p : logs) write_dump_log(out, p, with_user);
  write_dump_end(out, static_cast<std::uint32_t>(logs.size()));
  return out.bytes;
}

TEST(crash_logs, a_dump_read_back_gives_the_same_logs_on_the_wire) {
  const std::vector<pending_log> logs = {full_log(0), plain_log(), full_log(1)};
  log_dump read = read_dump(dump_of(logs));
  EXPECT_TRUE(read.problems.empty()) << read.problems.front();
  EXPECT_EQ(read.default_attributes, defaults);
  ASSERT_EQ(read.logs.size(), logs.size());
  for (std::size_t i = 0; i < logs.size(); ++i) {
    EXPECT_EQ(wire(std::move(read.logs[i]), read.default_attributes), wire(logs[i], defaults)) << i;
  }
  // The user only when the run sent it (send_default_pii).
  log_dump without_user = read_dump(dump_of({full_log(0)}, false));
  ASSERT_EQ(without_user.logs.size(), 1u);
  const std::string sent = wire(std::move(without_user.logs[0]), defaults);
  EXPECT_EQ(sent.find("user-42"), std::string::npos) << sent;
  EXPECT_NE(sent.find("\"trace_id\""), std::string::npos);
}

TEST(crash_logs, a_truncated_dump_gives_the_whole_logs_before_the_cut_and_a_problem) {
  const std::vector<pending_log> logs = {full_log(0), plain_log(), full_log(1)};
  const std::string bytes = dump_of(logs);
  std::vector<std::string> expected;
  for (const auto& p : logs) expected.push_back(wire(p, defaults));
  for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
    log_dump read = read_dump(std::string_view(bytes).substr(0, cut));
    EXPECT_FALSE(read.problems.empty()) << cut;
    ASSERT_LE(read.logs.size(), logs.size());
    for (std::size_t i = 0; i < read.logs.size(); ++i) {
      EXPECT_EQ(wire(std::move(read.logs[i]), defaults), expected[i]) << cut;
    }
  }
}

TEST(crash_logs, damaged_bytes_give_problems_never_a_crash) {
  const std::string bytes = dump_of({full_log(0), plain_log()});
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    for (unsigned char x : {0x01, 0x80, 0xff}) {
      std::string damaged = bytes;
      damaged[i] = static_cast<char>(damaged[i] ^ x);
      const log_dump read = read_dump(damaged);  // ASan/UBSan watch the reads
      EXPECT_LE(read.logs.size(), 2u);
    }
  }
  EXPECT_EQ(read_dump("").problems.at(0), "not a log dump (no header)");
  std::string other_version = bytes;
  other_version[8] = 9;
  EXPECT_EQ(read_dump(other_version).problems.at(0), "log dump of an unknown version 9");
  std::string longer = bytes + "x";
  EXPECT_FALSE(read_dump(longer).problems.empty());
}

TEST(crash_logs, values_nested_too_deep_are_cut_to_null) {
  sentry::value deep = 1;
  for (int i = 0; i < 40; ++i) deep = sentry::value(sentry::value_array{deep});
  pending_log p = plain_log();
  p.message_template = p.add_text("{}");
  p.format_body = true;
  p.params.add(deep, p.texts);
  log_dump read = read_dump(dump_of({p}));
  EXPECT_TRUE(read.problems.empty());
  ASSERT_EQ(read.logs.size(), 1u);
  const std::string sent = wire(std::move(read.logs[0]), defaults);
  EXPECT_NE(sent.find(std::string(log_dump_max_depth, '[') + "null" + std::string(log_dump_max_depth, ']')),
            std::string::npos)
      << sent;
}

TEST(crash_logs, the_batcher_hands_its_waiting_logs_over_once) {
  log_batcher batcher;
  std::vector<log_batch> ready;
  for (int i = 0; i < 3; ++i) batcher.add(plain_log(), ready);
  std::vector<pending_log> taken;
  ASSERT_TRUE(batcher.try_take_waiting(taken));
  EXPECT_EQ(taken.size(), 3u);
  // Nobody else sends them: the batcher has nothing left.
  EXPECT_TRUE(batcher.take_all().empty());
  EXPECT_EQ(batcher.due_at(), log_batcher::clock::time_point::max());
  // Logs added afterwards are the batcher's as usual.
  batcher.add(plain_log(), ready);
  const auto later = batcher.take_all();
  ASSERT_EQ(later.size(), 1u);
  EXPECT_EQ(later[0].size(), 1u);
}

}  // namespace crash_logs_test
