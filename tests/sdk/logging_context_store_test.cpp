#include "sentry/context_store.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace {

using sentry::context_store;
using sentry::scoped_context;

std::vector<std::pair<std::string, std::string>> fields() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& f : context_store::fields()) out.emplace_back(f.key, f.value);
  return out;
}

using kv = std::vector<std::pair<std::string, std::string>>;

class context_store_test : public ::testing::Test {
 protected:
  void SetUp() override { context_store::clear(); }
  void TearDown() override { context_store::clear(); }
};

TEST_F(context_store_test, put_replace_remove) {
  context_store::put("request_id", "r-1");
  context_store::put("tenant", "acme");
  context_store::put("request_id", "r-2");
  EXPECT_EQ(fields(), (kv{{"request_id", "r-2"}, {"tenant", "acme"}}));
  EXPECT_EQ(context_store::get("tenant"), std::optional<std::string>("acme"));
  context_store::remove("request_id");
  EXPECT_EQ(fields(), (kv{{"tenant", "acme"}}));
  EXPECT_EQ(context_store::get("request_id"), std::nullopt);
  context_store::remove("not there");
  context_store::clear();
  EXPECT_TRUE(context_store::fields().empty());
}

TEST_F(context_store_test, scoped_context_restores_what_was_there) {
  context_store::put("tenant", "outer");
  {
    scoped_context a("tenant", "inner");
    scoped_context b("request_id", "r-42");
    EXPECT_EQ(fields(), (kv{{"tenant", "inner"}, {"request_id", "r-42"}}));
    {
      scoped_context c("request_id", "r-43");
      EXPECT_EQ(context_store::get("request_id"), std::optional<std::string>("r-43"));
    }
    EXPECT_EQ(context_store::get("request_id"), std::optional<std::string>("r-42"));
  }
  EXPECT_EQ(fields(), (kv{{"tenant", "outer"}}));
}

TEST_F(context_store_test, views_survive_growth_of_short_strings) {
  // Short strings live inside std::string (SSO): the views must be rebuilt
  // when the vector holding them moves.
  for (int i = 0; i < 40; ++i) context_store::put("k" + std::to_string(i), std::to_string(i));
  auto view = context_store::fields();
  ASSERT_EQ(view.size, 40u);
  for (int i = 0; i < 40; ++i) {
    EXPECT_EQ(view.data[i].key, "k" + std::to_string(i));
    EXPECT_EQ(view.data[i].value, std::to_string(i));
  }
}

TEST_F(context_store_test, each_thread_has_its_own_fields) {
  scoped_context mine("tenant", "main");
  std::vector<std::pair<std::string, std::string>> seen_there;
  std::thread t([&] {
    scoped_context theirs("tenant", "worker");
    seen_there = fields();
  });
  t.join();
  EXPECT_EQ(seen_there, (kv{{"tenant", "worker"}}));
  EXPECT_EQ(fields(), (kv{{"tenant", "main"}}));
}

TEST_F(context_store_test, binary_and_empty_values_are_kept_as_given) {
  const std::string odd("a\0b\xff", 4);
  context_store::put("odd", odd);
  context_store::put("empty", "");
  EXPECT_EQ(fields(), (kv{{"odd", odd}, {"empty", ""}}));
}

}  // namespace
