#include "crash/crash_snapshot.hpp"

#include <array>
#include <cctype>
#include <atomic>
#include <memory>
#include <mutex>

#include "model/serialize.hpp"

namespace sentry::detail::crash {
namespace {

// Published snapshots stay alive for this many later publications (the
// worker publishes at most twice a second: a handler has seconds to finish).
constexpr std::size_t kept_snapshots = 8;

std::atomic<const crash_snapshot*> g_current{nullptr};

struct keeper {
  std::mutex mutex;
  std::array<std::unique_ptr<crash_snapshot>, kept_snapshots> ring;
  std::size_t next = 0;
};

keeper& kept() {
  static keeper* k = new keeper;  // never destroyed: a handler may run during exit
  return *k;
}

// Length of the JSON value starting at `s[0]` when it is a string without
// escapes or a bare number; 0 otherwise.
std::size_t simple_value_length(std::string_view s) {
  if (s.empty()) return 0;
  if (s[0] == '"') {
    for (std::size_t i = 1; i < s.size(); ++i) {
      if (s[i] == '\\') return 0;
      if (s[i] == '"') return i + 1;
    }
    return 0;
  }
  std::size_t i = 0;
  while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.' || s[i] == '-' ||
                          s[i] == 'e' || s[i] == 'E' || s[i] == '+')) {
    ++i;
  }
  return i;
}

}  // namespace

std::string event_tail_without_timestamp(std::string_view json) {
  constexpr std::string_view key = "\"timestamp\":";
  if (json.empty() || json[0] != '{') return std::string(json);
  std::string out(json.substr(1));
  // The top-level member comes first among the event's identity members
  // (event_id, timestamp, ...): before it there is no nested object.
  const std::size_t at = out.find(key);
  if (at != std::string::npos && out.find_first_of("{[", 0) > at &&
      (at == 0 || out[at - 1] == ',')) {
    const std::size_t n = simple_value_length(std::string_view(out).substr(at + key.size()));
    if (n > 0) {
      std::size_t begin = at;
      std::size_t end = at + key.size() + n;
      if (end < out.size() && out[end] == ',') {
        ++end;  // the member and the comma after it
      } else if (begin > 0) {
        --begin;  // the last member: the comma before it
      }
      out.erase(begin, end - begin);
    }
  }
  // The handler writes its members first, so what follows needs a comma.
  if (out == "}") return out;
  return "," + out;
}

namespace {

void publish(std::unique_ptr<crash_snapshot> snapshot) {
  keeper& k = kept();
  std::lock_guard<std::mutex> lock(k.mutex);
  std::unique_ptr<crash_snapshot>& slot = k.ring[k.next];
  k.next = (k.next + 1) % kept_snapshots;
  g_current.store(snapshot.get(), std::memory_order_release);
  slot = std::move(snapshot);  // frees the snapshot published kept_snapshots times ago
}

}  // namespace

void publish_snapshot(const event& template_event, std::string_view dsn) {
  auto snapshot = std::make_unique<crash_snapshot>();
  const envelope env = make_event_envelope(template_event, dsn);
  std::string bytes = env.serialize();
  snapshot->envelope_header = bytes.substr(0, bytes.find('\n') + 1);
  snapshot->event_tail = event_tail_without_timestamp(serialize_event(template_event));
  publish(std::move(snapshot));
}

const crash_snapshot* current_snapshot() noexcept {
  return g_current.load(std::memory_order_acquire);
}

}  // namespace sentry::detail::crash
