// Source context lines read from files on this machine.
#include "stacktrace/source_context.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

namespace source_context_test {

class source_context : public ::testing::Test {
 protected:
  std::string write(const std::string& name, const std::string& content) {
    const std::string path = ::testing::TempDir() + "srcctx_" + std::to_string(::getpid()) + "_" + name;
    std::ofstream(path, std::ios::binary) << content;
    files_.push_back(path);
    return path;
  }
  void TearDown() override {
    for (const auto& f : files_) std::remove(f.c_str());
  }
  static sentry::frame at(const std::string& path, std::uint32_t line) {
    sentry::frame f;
    f.abs_path = path;
    f.lineno = line;
    return f;
  }
  std::vector<std::string> files_;
  sentry::detail::source_reader reader_;
};

std::string numbered(int lines) {
  std::string out;
  for (int i = 1; i <= lines; ++i) out += "line " + std::to_string(i) + "\n";
  return out;
}

TEST_F(source_context, five_lines_around) {
  const std::string path = write("a.cpp", numbered(20));
  sentry::frame f = at(path, 10);
  ASSERT_TRUE(reader_.apply(f));
  EXPECT_EQ(f.context_line, std::optional<std::string>("line 10"));
  EXPECT_EQ(f.pre_context, (std::vector<std::string>{"line 5", "line 6", "line 7", "line 8", "line 9"}));
  EXPECT_EQ(f.post_context,
            (std::vector<std::string>{"line 11", "line 12", "line 13", "line 14", "line 15"}));
}

TEST_F(source_context, fewer_lines_at_the_edges_of_the_file) {
  const std::string path = write("b.cpp", "first\r\nsecond\nthird");
  sentry::frame f = at(path, 1);
  ASSERT_TRUE(reader_.apply(f));
  EXPECT_TRUE(f.pre_context.empty());
  EXPECT_EQ(f.context_line, std::optional<std::string>("first"));
  EXPECT_EQ(f.post_context, (std::vector<std::string>{"second", "third"}));
  sentry::frame g = at(path, 3);
  ASSERT_TRUE(reader_.apply(g));
  EXPECT_EQ(g.context_line, std::optional<std::string>("third"));
  EXPECT_TRUE(g.post_context.empty());
}

TEST_F(source_context, long_lines_are_cut_on_a_character_boundary) {
  std::string long_line(sentry::detail::max_context_line_bytes - 1, 'x');
  long_line += "\xc3\xa9\xc3\xa9 tail";  // "éé tail": the cut falls inside a character
  const std::string path = write("c.cpp", "short\n" + long_line + "\n");
  sentry::frame f = at(path, 2);
  ASSERT_TRUE(reader_.apply(f));
  EXPECT_EQ(*f.context_line, std::string(sentry::detail::max_context_line_bytes - 1, 'x'));
}

TEST_F(source_context, binary_missing_and_out_of_range_are_skipped) {
  const std::string binary = write("d.bin", std::string("text\n\0\x01\x02\nmore\n", 14));
  sentry::frame f = at(binary, 1);
  EXPECT_FALSE(reader_.apply(f));
  EXPECT_FALSE(f.context_line.has_value());

  sentry::frame missing = at("/nonexistent/dir/file.cpp", 3);
  EXPECT_FALSE(reader_.apply(missing));

  const std::string path = write("e.cpp", numbered(3));
  sentry::frame beyond = at(path, 4);
  EXPECT_FALSE(reader_.apply(beyond));
  sentry::frame no_line = at(path, 0);
  EXPECT_FALSE(reader_.apply(no_line));

  sentry::frame directory = at("/tmp", 1);
  EXPECT_FALSE(reader_.apply(directory));
}

}  // namespace source_context_test
