#include "sentry/uuid.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <set>
#include <string>
#include <thread>
#include <vector>

namespace {

using sentry::uuid;

bool is_lower_hex(const std::string& s) {
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

TEST(uuid, generated_ids_are_version_4_with_the_rfc_variant) {
  for (int i = 0; i < 1000; ++i) {
    const uuid id = uuid::generate();
    EXPECT_FALSE(id.is_nil());
    EXPECT_EQ(id.bytes[6] >> 4, 4);
    EXPECT_EQ(id.bytes[8] & 0xC0, 0x80);
  }
}

TEST(uuid, string_forms) {
  uuid id;
  for (std::size_t i = 0; i < 16; ++i) id.bytes[i] = static_cast<std::uint8_t>(i * 17);
  EXPECT_EQ(id.to_string(), "00112233445566778899aabbccddeeff");
  EXPECT_EQ(id.to_dashed_string(), "00112233-4455-6677-8899-aabbccddeeff");
  EXPECT_EQ(uuid{}.to_string(), std::string(32, '0'));
  EXPECT_TRUE(uuid{}.is_nil());

  const std::string s = uuid::generate().to_string();
  EXPECT_EQ(s.size(), 32u);
  EXPECT_TRUE(is_lower_hex(s));
  EXPECT_EQ(s[12], '4');
}

TEST(uuid, ids_do_not_repeat_within_or_across_threads) {
  std::set<std::string> seen;
  std::vector<std::vector<std::string>> per_thread(4);
  std::vector<std::thread> threads;
  for (auto& out : per_thread) {
    threads.emplace_back([&out] {
      for (int i = 0; i < 2000; ++i) out.push_back(uuid::generate().to_string());
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& ids : per_thread) seen.insert(ids.begin(), ids.end());
  EXPECT_EQ(seen.size(), 8000u);
}

TEST(uuid, a_forked_child_does_not_repeat_the_parents_ids) {
  (void)uuid::generate();  // the generator of this thread is seeded before fork
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    const std::string id = uuid::generate().to_string();
    const ssize_t n = write(fds[1], id.data(), id.size());
    _exit(n == static_cast<ssize_t>(id.size()) ? 0 : 1);
  }
  close(fds[1]);
  const std::string parent_next = uuid::generate().to_string();
  char buf[32];
  ssize_t got = 0;
  while (got < 32) {
    const ssize_t n = read(fds[0], buf + got, sizeof buf - static_cast<std::size_t>(got));
    if (n <= 0) break;
    got += n;
  }
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_EQ(got, 32);
  EXPECT_NE(std::string(buf, 32), parent_next);
}

}  // namespace
