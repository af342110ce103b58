#include "scope/packed_fields.hpp"

#include <gtest/gtest.h>

#include <string>

#include "scope/breadcrumb_ring.hpp"

namespace {

using sentry::breadcrumb;
using sentry::value;
using sentry::value_object;
using sentry::detail::breadcrumb_ring;
using sentry::detail::packed_fields;

TEST(packed_fields, expands_strings_and_numbers_in_order) {
  packed_fields p;
  p.add("thread.id", std::int64_t{42});
  p.add("code.file.path", "src/main.cpp");
  p.add("session", "s-9");
  value_object out;
  p.expand_into(out);
  EXPECT_EQ(out, (value_object{{"thread.id", value(42)},
                               {"code.file.path", value("src/main.cpp")},
                               {"session", value("s-9")}}));
}

TEST(packed_fields, existing_keys_win_and_clear_empties) {
  packed_fields p;
  p.add("a", "packed");
  value_object out{{"a", value("given")}};
  p.expand_into(out);
  EXPECT_EQ(out.at("a"), value("given"));
  p.clear();
  EXPECT_TRUE(p.empty());
  value_object none;
  p.expand_into(none);
  EXPECT_TRUE(none.empty());
}

void fill(breadcrumb_ring& ring, const std::string& msg, const std::string& field) {
  ring.emplace([&](sentry::detail::crumb_slot& slot) {
    slot.crumb.message.assign(msg);
    slot.crumb.data.clear();
    slot.packed.clear();
    slot.packed.add("field", field);
    slot.is_record = false;
  });
}

TEST(packed_fields, ring_slots_carry_their_packed_data_and_reuse_drops_it) {
  breadcrumb_ring ring(2);
  for (int i = 0; i < 5; ++i) fill(ring, "m" + std::to_string(i), "f" + std::to_string(i));
  // A plain push into a reused slot must not inherit the old packed data.
  breadcrumb b;
  b.message = "plain";
  ring.push(std::move(b));
  std::vector<std::string> seen;
  ring.snapshot().for_each([&](const breadcrumb& c) {
    auto it = c.data.find("field");
    seen.push_back(c.message + "=" + (it == c.data.end() ? std::string("-") : it->second.to_text()));
  });
  EXPECT_EQ(seen, (std::vector<std::string>{"m4=f4", "plain=-"}));
}

TEST(packed_fields, capacity_change_and_fork_keep_packed_data) {
  breadcrumb_ring ring(4);
  for (int i = 0; i < 3; ++i) fill(ring, "m" + std::to_string(i), "f" + std::to_string(i));
  ring.set_capacity(2);
  breadcrumb_ring child(2);
  child.inherit(ring.snapshot());
  std::vector<std::string> seen;
  child.snapshot().for_each([&](const breadcrumb& c) { seen.push_back(c.data.at("field").to_text()); });
  EXPECT_EQ(seen, (std::vector<std::string>{"f1", "f2"}));
}

TEST(packed_fields, fork_of_a_fork_copies_packed_data) {
  breadcrumb_ring grandparent(3);
  for (int i = 0; i < 4; ++i) fill(grandparent, "g" + std::to_string(i), "g" + std::to_string(i));
  breadcrumb_ring parent(3);
  parent.inherit(grandparent.snapshot());  // two chunks, viewed
  fill(parent, "p0", "p0");
  ASSERT_GT(parent.snapshot().chunk_count(), 2u);
  breadcrumb_ring child(3);
  child.inherit(parent.snapshot());  // more than two chunks: copied
  std::vector<std::string> seen;
  child.snapshot().for_each([&](const breadcrumb& c) { seen.push_back(c.data.at("field").to_text()); });
  EXPECT_EQ(seen, (std::vector<std::string>{"g2", "g3", "p0"}));
}

}  // namespace
