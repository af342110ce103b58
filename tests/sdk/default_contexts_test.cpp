#include "client/default_contexts.hpp"

#include <gtest/gtest.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

namespace {

using sentry::value;
using sentry::detail::default_contexts;
using sentry::detail::os_release_fields;

std::string field(const sentry::value_object& ctx, const char* key) {
  const auto it = ctx.find(key);
  return it != ctx.end() && it->second.is_string() ? *it->second.as_string() : std::string("<absent>");
}

TEST(default_contexts, os_comes_from_uname_and_os_release) {
  const auto contexts = default_contexts(false);
  ASSERT_TRUE(contexts.count("os"));
  const auto& os = contexts.at("os");
  utsname uts{};
  ASSERT_EQ(uname(&uts), 0);
  EXPECT_EQ(field(os, "name"), "Linux");
  EXPECT_EQ(field(os, "kernel_version"), uts.release);
  const std::string version = field(os, "version");
  EXPECT_EQ(std::string(uts.release).rfind(version, 0), 0u) << version;
  EXPECT_NE(version.find('.'), std::string::npos);
  EXPECT_EQ(field(os, "raw_description").find(uts.nodename), std::string::npos);  // no hostname

  std::ifstream in("/etc/os-release");
  if (in) {
    std::stringstream text;
    text << in.rdbuf();
    const auto expected = os_release_fields(text.str());
    ASSERT_TRUE(expected.count("distribution_name"));
    EXPECT_EQ(os.at("distribution_name"), expected.at("distribution_name"));
  }
}

TEST(default_contexts, device_name_is_the_hostname_only_with_send_default_pii) {
  char host[256] = {};
  ASSERT_EQ(gethostname(host, sizeof host - 1), 0);
  utsname uts{};
  ASSERT_EQ(uname(&uts), 0);

  const auto without = default_contexts(false);
  EXPECT_EQ(field(without.at("device"), "arch"), uts.machine);
  EXPECT_FALSE(without.at("device").count("name"));

  const auto with = default_contexts(true);
  EXPECT_EQ(field(with.at("device"), "name"), host);
  EXPECT_EQ(field(with.at("device"), "arch"), uts.machine);
}

TEST(default_contexts, runtime_names_the_cpp_library_and_the_compiler) {
  const auto contexts = default_contexts(false);
  const auto& rt = contexts.at("runtime");
#if defined(_GLIBCXX_RELEASE)
  EXPECT_EQ(field(rt, "name"), "libstdc++");
  EXPECT_EQ(field(rt, "version"), std::to_string(_GLIBCXX_RELEASE));
  EXPECT_EQ(field(rt, "build"), std::to_string(__GLIBCXX__));
#endif
  const auto& compiler = contexts.at("compiler");
  EXPECT_EQ(field(compiler, "type"), "runtime");
  EXPECT_TRUE(field(compiler, "name") == "GCC" || field(compiler, "name") == "Clang");
  EXPECT_NE(field(rt, "raw_description").find(field(compiler, "version")), std::string::npos);
}

TEST(default_contexts, os_release_parsing_handles_quotes_escapes_and_comments) {
  const auto fields = os_release_fields(
      "# comment\n"
      "NAME=\"Debian GNU/Linux\"\n"
      "ID=debian\n"
      "VERSION_ID='12'\n"
      "PRETTY_NAME=\"Debian \\\"GNU\\\"/Linux 12 (bookworm)\"\r\n"
      "garbage line\n"
      "ID_LIKE=ubuntu\n");
  EXPECT_EQ(fields.size(), 3u);
  EXPECT_EQ(fields.at("distribution_name"), value("debian"));
  EXPECT_EQ(fields.at("distribution_version"), value("12"));
  EXPECT_EQ(fields.at("distribution_pretty_name"), value("Debian \"GNU\"/Linux 12 (bookworm)"));
  EXPECT_TRUE(os_release_fields("").empty());
  EXPECT_TRUE(os_release_fields("ID=\n").empty());
}

}  // namespace
