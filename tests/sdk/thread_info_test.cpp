// The thread id the SDK reports (events' threads, breadcrumb and log
// thread.id) is the kernel's, read once per thread, and read again in a
// forked child, whose thread has a new id.
#include "util/thread_info.hpp"

#include <gtest/gtest.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <thread>

namespace {

using sentry::detail::current_thread_id;

std::uint64_t kernel_thread_id() { return static_cast<std::uint64_t>(::syscall(SYS_gettid)); }

TEST(thread_info, the_id_is_the_kernels_on_each_thread) {
  EXPECT_EQ(current_thread_id(), kernel_thread_id());
  std::uint64_t other = 0, other_kernel = 0;
  std::thread([&] {
    other = current_thread_id();
    other_kernel = kernel_thread_id();
  }).join();
  EXPECT_EQ(other, other_kernel);
  EXPECT_NE(other, current_thread_id());
}

TEST(thread_info, a_forked_child_reports_its_own_thread_id) {
  const std::uint64_t parent = current_thread_id();  // read (and kept) before fork
  ASSERT_EQ(parent, kernel_thread_id());
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) _exit(current_thread_id() == kernel_thread_id() && current_thread_id() != parent ? 0 : 1);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "the child reported the parent's thread id";
}

}  // namespace
