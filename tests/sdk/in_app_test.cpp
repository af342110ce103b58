// In-app rules (PROTOCOL §8) and trimming the SDK's frames off a stack.
#include "stacktrace/in_app.hpp"

#include <gtest/gtest.h>

namespace in_app_test {

using sentry::detail::in_app_rules;
using sentry::detail::qualified_name;

TEST(in_app, qualified_name_strips_signature_parts) {
  EXPECT_EQ(qualified_name("main"), "main");
  EXPECT_EQ(qualified_name("foo(int)"), "foo");
  EXPECT_EQ(qualified_name("app::Foo::bar(int) const"), "app::Foo::bar");
  EXPECT_EQ(qualified_name("void app::run<int>(int)"), "app::run<int>");
  EXPECT_EQ(qualified_name("std::vector<int, std::allocator<int> > app::make(unsigned long)"),
            "app::make");
  EXPECT_EQ(qualified_name("(anonymous namespace)::helper(int)"), "(anonymous namespace)::helper");
  EXPECT_EQ(qualified_name("app::Foo::operator()(int) const"), "app::Foo::operator()");
  EXPECT_EQ(qualified_name("app::operator<<(std::ostream&, app::X const&)"), "app::operator<<");
  EXPECT_EQ(qualified_name("app::X::operator bool() const"), "app::X::operator bool");
  EXPECT_EQ(qualified_name("main::{lambda(int)#1}::operator()(int) const"),
            "main::{lambda(int)#1}::operator()");
  EXPECT_EQ(qualified_name("std::_Function_handler<void (int), main::{lambda(int)#1}>::_M_invoke("
                           "std::_Any_data const&, int&&)"),
            "std::_Function_handler<void (int), main::{lambda(int)#1}>::_M_invoke");
  EXPECT_EQ(qualified_name("app::work(int) [clone .cold]"), "app::work");
}

TEST(in_app, scope_prefix_matches_on_boundaries_only) {
  using sentry::detail::matches_scope_prefix;
  EXPECT_TRUE(matches_scope_prefix("myapp", "myapp"));
  EXPECT_TRUE(matches_scope_prefix("myapp::foo", "myapp"));
  EXPECT_TRUE(matches_scope_prefix("myapp::detail::bar", "myapp"));
  EXPECT_TRUE(matches_scope_prefix("myapp::detail::bar", "myapp::detail"));
  EXPECT_TRUE(matches_scope_prefix("myapp::detail::bar", "myapp::"));
  EXPECT_TRUE(matches_scope_prefix("myapp<int>::f", "myapp"));
  EXPECT_FALSE(matches_scope_prefix("myapplication::foo", "myapp"));
  EXPECT_FALSE(matches_scope_prefix("other::myapp", "myapp"));
  EXPECT_FALSE(matches_scope_prefix("myapp", ""));
}

sentry::frame make(std::string function, std::string package) {
  sentry::frame f;
  f.function = std::move(function);
  f.package = std::move(package);
  return f;
}

in_app_rules rules() {
  in_app_rules r;
  r.executable = "/opt/shop/bin/shop";
  r.sdk_image = "/opt/shop/lib/libsentry_cpp.so";
  return r;
}

std::optional<bool> decide(sentry::frame f, const in_app_rules& r) {
  sentry::detail::apply_in_app(f, r);
  return f.in_app;
}

TEST(in_app, defaults) {
  const in_app_rules r = rules();
  // The executable is in-app; system images, the SDK and logging libraries are not.
  EXPECT_EQ(decide(make("shop::checkout(int)", "/opt/shop/bin/shop"), r), true);
  EXPECT_EQ(decide(make("main", "/opt/shop/bin/shop"), r), true);
  EXPECT_EQ(decide(make("__libc_start_call_main", "/lib/x86_64-linux-gnu/libc.so.6"), r), false);
  EXPECT_EQ(decide(make("operator new(unsigned long)", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6"), r),
            false);
  EXPECT_EQ(decide(make("", "/lib64/ld-linux-x86-64.so.2"), r), false);
  EXPECT_EQ(decide(make("", "/opt/vendor/libc.so.6"), r), false);
  EXPECT_EQ(decide(make("sentry::capture_message(std::basic_string_view<char, "
                        "std::char_traits<char> >, sentry::level)", "/opt/shop/bin/shop"), r),
            false);
  EXPECT_EQ(decide(make("void spdlog::logger::log_<int>(spdlog::source_loc, int)",
                        "/opt/shop/bin/shop"), r),
            false);
  EXPECT_EQ(decide(make("boost::log::v2_mt_posix::core::push_record(boost::log::v2_mt_posix::record&&)",
                        "/opt/shop/lib/libboost_log.so.1.74.0"), r),
            false);
  EXPECT_EQ(decide(make("log4cplus::Logger::log(int, std::string const&, char const*, int)",
                        "/opt/shop/lib/liblog4cplus.so.9"), r),
            false);
  EXPECT_EQ(decide(make("std::vector<int, std::allocator<int> >::push_back(int const&)",
                        "/opt/shop/bin/shop"), r),
            false);
  EXPECT_EQ(decide(make("", "/opt/shop/lib/libsentry_cpp.so"), r), false);
  // Another library of the application: the server decides.
  EXPECT_EQ(decide(make("plugin::run()", "/opt/shop/lib/libplugin.so"), r), std::nullopt);
}

TEST(in_app, include_and_exclude_by_function_and_path) {
  in_app_rules r = rules();
  r.include = {"plugin", "/opt/shop/lib/libcore"};
  r.exclude = {"shop::vendored", "/opt/shop/bin/"};
  EXPECT_EQ(decide(make("plugin::run()", "/opt/shop/lib/libplugin.so"), r), true);
  EXPECT_EQ(decide(make("core::start()", "/opt/shop/lib/libcore.so.2"), r), true);
  EXPECT_EQ(decide(make("shop::vendored::zlib()", "/opt/other"), r), false);
  EXPECT_EQ(decide(make("shop::main_loop()", "/opt/shop/bin/shop"), r), false);  // path exclude
  EXPECT_EQ(decide(make("pluginx::run()", "/opt/x/libx.so"), r), std::nullopt);
}

TEST(in_app, include_wins_over_exclude_and_defaults) {
  in_app_rules r = rules();
  r.include = {"shop::vendored::patched", "/usr/lib/shop-plugins/", "spdlog"};
  r.exclude = {"shop::vendored", "shop::vendored::patched"};
  EXPECT_EQ(decide(make("shop::vendored::patched::f()", "/opt/shop/bin/shop"), r), true);
  EXPECT_EQ(decide(make("shop::vendored::other()", "/opt/shop/bin/shop"), r), false);
  EXPECT_EQ(decide(make("x()", "/usr/lib/shop-plugins/libp.so"), r), true);  // over system image
  EXPECT_EQ(decide(make("spdlog::logger::info()", "/opt/shop/bin/shop"), r), true);  // over SDK list
}

TEST(in_app, a_decided_frame_is_left_alone) {
  sentry::frame f = make("sentry::x()", "/opt/shop/bin/shop");
  f.in_app = true;
  sentry::detail::apply_in_app(f, rules());
  EXPECT_EQ(f.in_app, std::optional<bool>(true));
}

TEST(in_app, c_runtime_entry_frames_are_never_in_app) {
  in_app_rules r = rules();
  r.include = {"/opt/shop/bin/"};  // the executable's path included: still not the entry code
  for (const char* entry : {"_start", "__libc_start_main", "__libc_start_call_main",
                            "__libc_start_main_impl", "__libc_csu_init", "_dl_start_user",
                            "start_thread", "__clone3", "_start_c"}) {
    EXPECT_EQ(decide(make(entry, "/opt/shop/bin/shop"), rules()), false) << entry;
    EXPECT_EQ(decide(make(entry, "/opt/shop/bin/shop"), r), false) << entry;
    EXPECT_EQ(decide(make(entry, "/opt/static/libc.so.6"), rules()), false) << entry;
  }
  EXPECT_EQ(decide(make("__libc_start_main@GLIBC_2.34", "/opt/shop/bin/shop"), rules()), false);
  // Names that only begin like an entry function are the application's.
  EXPECT_EQ(decide(make("_start_engine()", "/opt/shop/bin/shop"), rules()), true);
  EXPECT_EQ(decide(make("start_thread_pool(int)", "/opt/shop/bin/shop"), rules()), true);
}

TEST(in_app, statically_linked_sdk_does_not_exclude_the_executable) {
  in_app_rules r = rules();
  r.sdk_image = r.executable;
  EXPECT_EQ(decide(make("shop::checkout()", "/opt/shop/bin/shop"), r), true);
}

TEST(in_app, trim_drops_sdk_and_logging_frames_at_the_top) {
  std::vector<sentry::frame> frames = {
      make("main", "/opt/shop/bin/shop"),
      make("shop::checkout(int)", "/opt/shop/bin/shop"),
      make("void spdlog::logger::log_<int>(spdlog::source_loc, int)", "/opt/shop/bin/shop"),
      make("std::_Function_handler<void (), x>::_M_invoke(std::_Any_data const&)", "/opt/shop/bin/shop"),
      make("sentry::spdlog::sink::sink_it_(spdlog::details::log_msg const&)", "/opt/shop/bin/shop"),
      make("", "/opt/shop/lib/libsentry_cpp.so"),
      make("sentry::detail::capture(sentry::event&&)", "/opt/shop/lib/libsentry_cpp.so"),
  };
  sentry::detail::trim_sdk_frames(frames, rules());
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_EQ(frames.back().function, "shop::checkout(int)");
}

TEST(in_app, trim_keeps_sdk_frames_below_user_code_and_never_empties) {
  std::vector<sentry::frame> frames = {
      make("sentry::worker::run()", "/opt/shop/lib/libsentry_cpp.so"),
      make("shop::callback()", "/opt/shop/bin/shop"),
  };
  sentry::detail::trim_sdk_frames(frames, rules());
  EXPECT_EQ(frames.size(), 2u);

  std::vector<sentry::frame> only_sdk = {make("sentry::a()", ""), make("sentry::b()", "")};
  sentry::detail::trim_sdk_frames(only_sdk, rules());
  EXPECT_EQ(only_sdk.size(), 2u);
}

}  // namespace in_app_test
