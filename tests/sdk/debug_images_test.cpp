// debug_meta.images and modules from dl_iterate_phdr (PROTOCOL §3.8).
#include "stacktrace/debug_images.hpp"

#include <dlfcn.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <regex>
#include <string>

namespace debug_images_test {

using sentry::detail::loaded_images;

std::string run(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buffer[4096];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  ::pclose(pipe);
  return out;
}

// The build-id `readelf -n` prints for `path`, or "".
std::string readelf_build_id(const std::string& path) {
  const std::string out = run("readelf -n '" + path + "' 2>/dev/null");
  std::smatch m;
  static const std::regex pattern("Build ID: ([0-9a-f]+)");
  return std::regex_search(out, m, pattern) ? m[1].str() : std::string();
}

const sentry::debug_image* find_file(const sentry::detail::image_list& list, const std::string& file) {
  for (const auto& image : list.images) {
    if (image.code_file == file) return &image;
  }
  return nullptr;
}

TEST(debug_images, build_id_to_debug_id_swaps_the_first_three_fields) {
  // The example of PROTOCOL §3.8.
  const unsigned char build_id[] = {0xf1, 0xc3, 0xbc, 0xc0, 0x27, 0x98, 0x65, 0xfe, 0x30, 0x58,
                                    0x40, 0x4b, 0x28, 0x31, 0xd9, 0xe6, 0x41, 0x35, 0x38, 0x6c};
  EXPECT_EQ(sentry::detail::lower_hex(build_id, sizeof build_id),
            "f1c3bcc0279865fe3058404b2831d9e64135386c");
  EXPECT_EQ(sentry::detail::debug_id_from_bytes(build_id, sizeof build_id),
            "c0bcc3f1-9827-fe65-3058-404b2831d9e6");
  // Shorter ids are zero-padded.
  const unsigned char short_id[] = {0x01, 0x02, 0x03, 0x04, 0x05};
  EXPECT_EQ(sentry::detail::debug_id_from_bytes(short_id, sizeof short_id),
            "04030201-0005-0000-0000-000000000000");
}

TEST(debug_images, the_test_binary_matches_readelf) {
  const auto list = loaded_images();
  ASSERT_FALSE(list->images.empty());
  const sentry::debug_image& exe = list->images.front();
  EXPECT_EQ(exe.code_file, sentry::detail::executable_path());
  char self[4096];
  const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
  ASSERT_GT(n, 0);
  EXPECT_EQ(exe.code_file, std::string(self, static_cast<std::size_t>(n)));
  EXPECT_EQ(exe.type, "elf");

  const std::string build_id = readelf_build_id(exe.code_file);
  ASSERT_FALSE(build_id.empty()) << "readelf found no build-id in " << exe.code_file;
  EXPECT_EQ(exe.code_id, build_id);
  // debug_id: first 16 bytes with fields 1-3 byte-swapped, as a dashed UUID.
  auto swapped = [&](std::size_t at, std::size_t bytes) {
    std::string out;
    for (std::size_t i = bytes; i-- > 0;) out += build_id.substr(at + 2 * i, 2);
    return out;
  };
  const std::string expected = swapped(0, 4) + "-" + swapped(8, 2) + "-" + swapped(12, 2) + "-" +
                               build_id.substr(16, 4) + "-" + build_id.substr(20, 12);
  EXPECT_EQ(exe.debug_id, expected);

  // The image covers this test's code.
  const auto here = reinterpret_cast<std::uintptr_t>(&readelf_build_id);
  EXPECT_EQ(list->find(here), &exe);
  EXPECT_LE(exe.image_addr, here);
  EXPECT_GT(exe.image_addr + exe.image_size, here);
}

TEST(debug_images, shared_libraries_carry_their_build_ids_and_versions) {
  const auto list = loaded_images();
  // libc is loaded in every test process.
  const sentry::debug_image* libc = nullptr;
  for (const auto& image : list->images) {
    if (image.code_file.find("libc.so") != std::string::npos) libc = &image;
  }
  ASSERT_NE(libc, nullptr);
  EXPECT_EQ(libc->code_id, readelf_build_id(libc->code_file));
  EXPECT_EQ(libc->debug_id.size(), 36u);
  EXPECT_EQ(list->find(reinterpret_cast<std::uintptr_t>(&::getpid)), libc);
  ASSERT_EQ(list->modules.count("libc"), 1u);
  EXPECT_EQ(list->modules.at("libc"), "6");
  ASSERT_EQ(list->modules.count("libstdc++"), 1u);
  EXPECT_TRUE(std::regex_match(list->modules.at("libstdc++"), std::regex("6\\.0\\.[0-9]+")))
      << list->modules.at("libstdc++");
}

TEST(debug_images, module_names_and_versions_from_file_names) {
  using sentry::detail::module_from_file_name;
  EXPECT_EQ(module_from_file_name("/usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.30").name, "libstdc++");
  EXPECT_EQ(module_from_file_name("/usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.30").version, "6.0.30");
  EXPECT_EQ(module_from_file_name("libboost_log.so.1.74.0").version, "1.74.0");
  EXPECT_EQ(module_from_file_name("/opt/app/bin/app").name, "");
  EXPECT_EQ(module_from_file_name("/opt/libplain.so").name, "");
}

TEST(debug_images, dlopen_and_dlclose_refresh_the_list) {
  const std::string path = SENTRY_CPP_TEST_DSO;
  const auto before = loaded_images();
  ASSERT_EQ(find_file(*before, path), nullptr);
  EXPECT_EQ(loaded_images()->generation, before->generation);  // cached while nothing changes

  void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  ASSERT_NE(handle, nullptr) << ::dlerror();
  const auto after = loaded_images();
  EXPECT_NE(after->generation, before->generation);
  const sentry::debug_image* dso = find_file(*after, path);
  ASSERT_NE(dso, nullptr);
  EXPECT_EQ(dso->code_id, readelf_build_id(path));
  EXPECT_EQ(dso->code_id.size(), 40u);  // sha1
  void* fn = ::dlsym(handle, "sentry_test_dso_function");
  ASSERT_NE(fn, nullptr);
  EXPECT_EQ(after->find(reinterpret_cast<std::uintptr_t>(fn)), dso);

  ASSERT_EQ(::dlclose(handle), 0);
  const auto closed = loaded_images();
  EXPECT_NE(closed->generation, after->generation);
  EXPECT_EQ(find_file(*closed, path), nullptr);
}

TEST(debug_images, without_build_id_the_text_hash_is_the_debug_id) {
  const std::string path = SENTRY_CPP_TEST_DSO_NO_BUILD_ID;
  ASSERT_EQ(readelf_build_id(path), "");
  // The first 4096 bytes of .text, extracted by objcopy, XORed into 16 bytes.
  const std::string text_file = ::testing::TempDir() + "text_" + std::to_string(::getpid()) + ".bin";
  ASSERT_EQ(std::system(("objcopy -O binary --only-section=.text '" + path + "' '" + text_file + "'").c_str()), 0);
  std::ifstream in(text_file, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::remove(text_file.c_str());
  ASSERT_FALSE(text.empty());
  std::array<unsigned char, 16> hash{};
  for (std::size_t i = 0; i < text.size() && i < 4096; ++i) hash[i % 16] ^= static_cast<unsigned char>(text[i]);

  void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  ASSERT_NE(handle, nullptr) << ::dlerror();
  const auto list = loaded_images();
  const sentry::debug_image* dso = find_file(*list, path);
  ASSERT_NE(dso, nullptr);
  EXPECT_EQ(dso->code_id, "");
  EXPECT_EQ(dso->debug_id, sentry::detail::debug_id_from_bytes(hash.data(), hash.size()));
  ::dlclose(handle);
}

}  // namespace debug_images_test
