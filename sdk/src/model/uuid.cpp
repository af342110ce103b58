// Random version 4 UUIDs from a per-thread generator.
//
// Each thread seeds its own std::mt19937_64 from the OS (getrandom, falling
// back to std::random_device) on first use. A fork() child must not repeat its
// parent's ids: pthread_atfork bumps a generation counter in the child, and a
// thread whose generator is of an older generation reseeds (one relaxed
// atomic load per call).
#include "sentry/uuid.hpp"

#include <pthread.h>
#include <sys/random.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <random>
#include <thread>

namespace sentry {
namespace {

std::atomic<unsigned> fork_generation{0};

void on_fork_child() { fork_generation.fetch_add(1, std::memory_order_relaxed); }

void register_fork_handler() noexcept {
  static const bool registered = (pthread_atfork(nullptr, nullptr, &on_fork_child), true);
  (void)registered;
}

std::seed_seq::result_type fallback_entropy() noexcept {
  try {
    std::random_device rd;
    return rd();
  } catch (...) {
    return 0;
  }
}

struct thread_generator {
  std::mt19937_64 engine;
  unsigned generation = 0;
  bool seeded = false;

  void reseed() noexcept {
    std::uint32_t words[8] = {};
    const ssize_t got = getrandom(words, sizeof words, 0);
    if (got != static_cast<ssize_t>(sizeof words)) {
      for (auto& w : words) w ^= fallback_entropy();
    }
    // Mixed in even when getrandom worked: distinct per process, thread and time.
    const auto now = static_cast<std::uint64_t>(
        std::chrono::high_resolution_clock::now().time_since_epoch().count());
    const auto tid = std::hash<std::thread::id>{}(std::this_thread::get_id());
    words[0] ^= static_cast<std::uint32_t>(now);
    words[1] ^= static_cast<std::uint32_t>(now >> 32);
    words[2] ^= static_cast<std::uint32_t>(getpid());
    words[3] ^= static_cast<std::uint32_t>(tid);
    std::seed_seq seq(std::begin(words), std::end(words));
    engine.seed(seq);
    seeded = true;
  }
};

}  // namespace

uuid uuid::generate() noexcept {
  register_fork_handler();
  thread_local thread_generator gen;
  const unsigned current = fork_generation.load(std::memory_order_relaxed);
  if (!gen.seeded || gen.generation != current) {
    gen.reseed();
    gen.generation = current;
  }
  uuid id;
  for (std::size_t i = 0; i < id.bytes.size(); i += 8) {
    std::uint64_t r = gen.engine();
    for (std::size_t k = 0; k < 8; ++k) {
      id.bytes[i + k] = static_cast<std::uint8_t>(r >> (8 * k));
    }
  }
  id.bytes[6] = static_cast<std::uint8_t>((id.bytes[6] & 0x0F) | 0x40);  // version 4
  id.bytes[8] = static_cast<std::uint8_t>((id.bytes[8] & 0x3F) | 0x80);  // RFC 4122 variant
  return id;
}

std::string uuid::to_string() const {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out(32, '0');
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    out[2 * i] = hex[bytes[i] >> 4];
    out[2 * i + 1] = hex[bytes[i] & 0xF];
  }
  return out;
}

std::string uuid::to_dashed_string() const {
  std::string plain = to_string();
  std::string out;
  out.reserve(36);
  for (std::size_t i = 0; i < plain.size(); ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) out.push_back('-');
    out.push_back(plain[i]);
  }
  return out;
}

}  // namespace sentry
