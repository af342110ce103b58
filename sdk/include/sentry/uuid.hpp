// sentry/uuid.hpp: event ids (random version 4 UUIDs).
//
// A 16-byte value type. generate() uses a per-thread generator seeded from the
// OS: no lock, no system call after the first use on a thread; safe after fork
// (the child reseeds). to_string() gives the 32 lowercase hex digits Sentry uses.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "sentry/export.hpp"

namespace sentry {

struct uuid {
  std::array<std::uint8_t, 16> bytes{};

  SENTRY_API static uuid generate() noexcept;
  bool is_nil() const noexcept {
    for (auto b : bytes) if (b) return false;
    return true;
  }
  // 32 lowercase hex digits, no dashes.
  SENTRY_API std::string to_string() const;
  // 8-4-4-4-12 lowercase hex.
  SENTRY_API std::string to_dashed_string() const;

  friend bool operator==(const uuid& a, const uuid& b) { return a.bytes == b.bytes; }
  friend bool operator!=(const uuid& a, const uuid& b) { return !(a == b); }
};

}  // namespace sentry
