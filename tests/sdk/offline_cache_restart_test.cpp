// The offline cache across processes: what one process wrote (even one
// killed with SIGKILL in the middle of sending) the next one sends.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <filesystem>

#include "loopback_servers.hpp"
#include "test_folder.hpp"
#include "transport_fixture.hpp"

extern char** environ;

using namespace sentry_test;
namespace fs = std::filesystem;

namespace {

pid_t spawn(std::vector<std::string> args) {
  args.insert(args.begin(), SENTRY_CPP_TRANSPORT_HELPER);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  if (posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0) return -1;
  return pid;
}

// The exit code, or -1 (and the process killed) when it runs past `timeout`.
int wait_exit(pid_t pid, std::chrono::milliseconds timeout = 15s) {
  const auto deadline = clock_type::now() + timeout;
  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (clock_type::now() >= deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return -1;
    }
    std::this_thread::sleep_for(10ms);
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

class CacheRestart : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = test_folder("sentry_restart_");
    fs::remove_all(dir);
  }
  void TearDown() override { fs::remove_all(dir); }
  std::size_t cached() const {
    std::size_t n = 0;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) n += e.path().extension() == ".envelope";
    return n;
  }
  std::string dir;

 private:
  clean_environment environment_;  // the helper processes inherit it
};

const std::string id = "0123456789abcdef0123456789abcdef";

}  // namespace

TEST_F(CacheRestart, KilledWhileSendingLosesNothing) {
  std::atomic<bool> received{false};
  raw_test_server never_answers([&](int fd, const std::atomic<bool>& stop) {
    read_http_request(fd, stop);
    received = true;
    while (!stop) std::this_thread::sleep_for(5ms);
  });
  const pid_t pid = spawn({"send", dir, never_answers.dsn(), id, "killed"});
  ASSERT_GT(pid, 0);
  const auto deadline = clock_type::now() + 10s;
  while (!received && clock_type::now() < deadline) std::this_thread::sleep_for(5ms);
  ASSERT_TRUE(received) << "the helper never reached the server";
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));
  ASSERT_EQ(cached(), 1u);

  http_test_server server;
  EXPECT_EQ(wait_exit(spawn({"resend", dir, server.dsn()})), 0);
  ASSERT_EQ(server.count(), 1u);
  expect_envelope_bytes(server.requests()[0].body, event_envelope_with_id(id, "killed"));
  EXPECT_EQ(cached(), 0u);
}

TEST_F(CacheRestart, ClosedDuringAnOutageSendsAtTheNextStart) {
  const std::string down = "http://public@127.0.0.1:" + std::to_string(refused_port()) + "/42";
  EXPECT_EQ(wait_exit(spawn({"send", dir, down, id, "outage"})), 0);
  ASSERT_EQ(cached(), 1u);
  http_test_server server;
  EXPECT_EQ(wait_exit(spawn({"resend", dir, server.dsn()})), 0);
  ASSERT_EQ(server.count(), 1u);
  expect_envelope_bytes(server.requests()[0].body, event_envelope_with_id(id, "outage"));
  EXPECT_EQ(cached(), 0u);
}
