// Test support: a folder path of the running test's own, under gtest's
// TempDir(): "<TempDir><prefix><pid>_<test name>", so that tests running at
// the same time (ctest -j, several binaries) never share a folder. Only the
// name: the caller creates and removes the folder.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <string>

namespace sentry_test {

inline std::string test_folder(const std::string& prefix) {
  return ::testing::TempDir() + prefix + std::to_string(::getpid()) + "_" +
         ::testing::UnitTest::GetInstance()->current_test_info()->name();
}

}  // namespace sentry_test
