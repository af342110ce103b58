// libFuzzer target for the reader of the crash handler's log dump (a file
// left in cache_path by a crashed run, read at the next start): it must never
// crash, and the logs it rebuilds, written and read again, must give the same
// logs on the wire; and the direct way of writing a log (no log_entry) must
// send the same log as the way through a log_entry.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "logs/log_dump.hpp"
#include "logs/log_serialize.hpp"

namespace {

class string_sink final : public sentry::detail::dump_sink {
 public:
  bool put(const void* data, std::size_t size) noexcept override {
    bytes.append(static_cast<const char*>(data), size);
    return true;
  }
  std::string bytes;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sentry::detail;
  log_dump first = read_dump(std::string_view(reinterpret_cast<const char*>(data), size));
  string_sink again;
  write_dump_header(again, "{}", true, false);
  for (const auto& p : first.logs) write_dump_log(again, p, true);
  write_dump_end(again, static_cast<std::uint32_t>(first.logs.size()));
  log_dump second = read_dump(again.bytes);
  if (!second.problems.empty() || second.logs.size() != first.logs.size()) std::abort();
  static const log_defaults defaults = make_log_defaults({{"sentry.release", "app@1"}});
  for (std::size_t i = 0; i < first.logs.size(); ++i) {
    pending_log copy = first.logs[i];
    log_items direct;
    if (direct.add_direct(copy, defaults, true)) {
      log_items through_entry;
      through_entry.add(make_log_entry(pending_log(first.logs[i]), defaults.attributes, true));
      const auto d = nlohmann::json::parse(direct.take_payload(), nullptr, false);
      const auto e = nlohmann::json::parse(through_entry.take_payload(), nullptr, false);
      if (d.is_discarded() || e.is_discarded() || d != e) std::abort();
    }
    const std::string a = serialize_log(make_log_entry(std::move(first.logs[i]), {}, true));
    const std::string b = serialize_log(make_log_entry(std::move(second.logs[i]), {}, true));
    if (a != b) std::abort();
  }
  return 0;
}
