#include "client/exception_decoder.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace {

using sentry::detail::decode_exception;

struct custom_error {
  int code;
};

sentry::mechanism generic() {
  sentry::mechanism m;
  m.handled = true;
  return m;
}

TEST(exception_decoder, std_exception_type_and_what) {
  auto chain = decode_exception(std::make_exception_ptr(std::runtime_error("payment declined")),
                                generic());
  ASSERT_EQ(chain.size(), 1u);
  EXPECT_EQ(chain[0].type, "std::runtime_error");
  EXPECT_EQ(chain[0].value, "payment declined");
  EXPECT_EQ(chain[0].mechanism.type, "generic");
  EXPECT_EQ(chain[0].mechanism.handled, true);
  EXPECT_FALSE(chain[0].mechanism.exception_id);
}

TEST(exception_decoder, non_std_exception_gets_its_type) {
  auto chain = decode_exception(std::make_exception_ptr(custom_error{3}), generic());
  ASSERT_EQ(chain.size(), 1u);
  EXPECT_EQ(chain[0].type, "(anonymous namespace)::custom_error");
  EXPECT_EQ(chain[0].value, "");
}

TEST(exception_decoder, primitive_exception) {
  auto chain = decode_exception(std::make_exception_ptr(42), generic());
  ASSERT_EQ(chain.size(), 1u);
  EXPECT_EQ(chain[0].type, "int");
}

std::exception_ptr nested_three() {
  try {
    try {
      try {
        throw std::invalid_argument("innermost");
      } catch (...) {
        std::throw_with_nested(std::runtime_error("middle"));
      }
    } catch (...) {
      std::throw_with_nested(std::logic_error("outermost"));
    }
  } catch (...) {
    return std::current_exception();
  }
  return nullptr;
}

TEST(exception_decoder, nested_chain_innermost_first_and_linked) {
  sentry::mechanism m;
  m.type = "auto.log.spdlog";
  m.handled = true;
  auto chain = decode_exception(nested_three(), m);
  ASSERT_EQ(chain.size(), 3u);
  EXPECT_EQ(chain[0].value, "innermost");
  EXPECT_EQ(chain[0].type, "std::invalid_argument");
  EXPECT_EQ(chain[1].value, "middle");
  EXPECT_EQ(chain[1].type, "std::runtime_error");  // not libstdc++'s nested wrapper
  EXPECT_EQ(chain[2].type, "std::logic_error");
  EXPECT_EQ(chain[2].value, "outermost");
  // The outermost carries the capture's mechanism; the others are chained to it.
  EXPECT_EQ(chain[2].mechanism.type, "auto.log.spdlog");
  EXPECT_EQ(chain[2].mechanism.exception_id, 0);
  EXPECT_FALSE(chain[2].mechanism.parent_id);
  EXPECT_EQ(chain[1].mechanism.type, "chained");
  EXPECT_EQ(chain[1].mechanism.exception_id, 1);
  EXPECT_EQ(chain[1].mechanism.parent_id, 0);
  EXPECT_EQ(chain[0].mechanism.exception_id, 2);
  EXPECT_EQ(chain[0].mechanism.parent_id, 1);
}

TEST(exception_decoder, null_pointer_gives_nothing) {
  EXPECT_TRUE(decode_exception(nullptr, generic()).empty());
}

}  // namespace
