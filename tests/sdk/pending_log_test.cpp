// pending_log's storage: texts inside the object up to inline_capacity, on
// the heap beyond, and typed parameters in fixed slots or boxed; copies and
// moves keep every text.
#include "logs/pending_log.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace {

using sentry::value;
using sentry::detail::log_params;
using sentry::detail::log_texts;
using sentry::detail::text_ref;

TEST(log_texts, texts_past_the_inline_buffer_move_to_the_heap_intact) {
  log_texts t;
  const text_ref a = t.add("first");
  const std::string big(log_texts::inline_capacity, 'b');  // no longer fits
  const text_ref b = t.add(big);
  const text_ref c = t.add("");
  const text_ref d = t.add("last");
  EXPECT_EQ(t.view(a), "first");
  EXPECT_EQ(t.view(b), big);
  EXPECT_EQ(t.view(c), "");
  EXPECT_EQ(t.view(d), "last");
  EXPECT_EQ(t.size(), 5 + big.size() + 4);

  const log_texts copy = t;
  log_texts moved = std::move(t);
  EXPECT_EQ(copy.view(b), big);
  EXPECT_EQ(moved.view(d), "last");
  EXPECT_EQ(t.size(), 0u);  // NOLINT(bugprone-use-after-move): moved-from is empty
}

TEST(log_texts, inline_texts_survive_copy_and_move_assignment) {
  log_texts t;
  t.reserve(20);
  const text_ref a = t.add("cart loaded");
  const text_ref b = t.add("checkout");
  log_texts heap;
  heap.add(std::string(1000, 'h'));  // on the heap before it is assigned over
  heap = t;
  EXPECT_EQ(heap.view(a), "cart loaded");
  log_texts other;
  other.add(std::string(1000, 'o'));
  other = std::move(heap);
  EXPECT_EQ(other.view(b), "checkout");
  EXPECT_EQ(other.size(), t.size());
}

TEST(log_texts, reserving_past_the_inline_buffer_keeps_what_was_added) {
  log_texts t;
  const text_ref a = t.add("kept");
  t.reserve(4 * log_texts::inline_capacity);
  const text_ref b = t.add(std::string(2 * log_texts::inline_capacity, 'x'));
  EXPECT_EQ(t.view(a), "kept");
  EXPECT_EQ(t.view(b).size(), 2 * log_texts::inline_capacity);
}

// The appender copies short texts by size class (1-3, 4-7, 8-16, 17-32
// bytes, then memcpy): every size arrives byte for byte, next to its
// neighbours, inline and on the heap.
TEST(log_texts, an_appender_copies_texts_of_every_size_exactly) {
  for (const bool heap : {false, true}) {
    std::vector<std::string> in;
    std::size_t total = 0;
    for (std::size_t n = 0; n <= 40; ++n) {
      std::string s;
      for (std::size_t i = 0; i < n; ++i) s += static_cast<char>('a' + (i * 7 + n) % 26);
      total += s.size();
      in.push_back(std::move(s));
    }
    log_texts t;
    const text_ref first = t.add("before");
    if (!heap) {
      in.resize(20);  // 0 to 19 bytes: 190 in all, inline
      total = 190;
    }
    log_texts::appender a = t.begin_append(total + 5);  // room to spare
    std::vector<text_ref> refs;
    for (const auto& s : in) refs.push_back(a.add(s));
    t.end_append(a);
    const text_ref after = t.add("after");  // a plain add() right behind them
    ASSERT_EQ(t.size(), 6 + total + 5) << heap;
    EXPECT_EQ(t.view(first), "before");
    for (std::size_t i = 0; i < in.size(); ++i) EXPECT_EQ(t.view(refs[i]), in[i]) << i << " " << heap;
    EXPECT_EQ(t.view(after), "after");
    const log_texts moved = std::move(t);
    EXPECT_EQ(moved.view(refs.back()), in.back());
  }
}

TEST(log_params, every_kind_comes_back_in_order_with_its_type) {
  log_texts texts;
  log_params p;
  const std::vector<value> in = {
      value("a string parameter longer than the small string buffer"),
      value(std::int64_t(-3)),
      value(std::uint64_t(18446744073709551615u)),
      value(sentry::value_array{1, "two"}),
      value(2.5),  // past the fixed slots from here
      value(true),
      value(sentry::value_object{{"k", value("v")}}),
      value("last"),
      value(nullptr),
  };
  for (const auto& v : in) p.add(v, texts);
  EXPECT_EQ(p.size(), in.size());
  const std::vector<value> out = p.take(texts);
  EXPECT_EQ(out, in);
  EXPECT_TRUE(p.empty());
}

TEST(log_params, boxed_values_in_the_slots_keep_their_place) {
  log_texts texts;
  log_params p;
  const std::vector<value> in = {value(nullptr), value(sentry::value_array{}), value("x"),
                                 value(false), value(sentry::value_array{value(7)}), value(8)};
  for (const auto& v : in) p.add(v, texts);
  EXPECT_EQ(p.take(texts), in);
}

}  // namespace
