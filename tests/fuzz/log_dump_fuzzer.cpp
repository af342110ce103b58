// libFuzzer target for the reader of the crash handler's log dump (a file
// left in cache_path by a crashed run, read at the next start): it must never
// crash, and the logs it rebuilds, written and read again, must give the same
// logs on the wire.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

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
  for (std::size_t i = 0; i < first.logs.size(); ++i) {
    const std::string a = serialize_log(make_log_entry(std::move(first.logs[i]), {}, true));
    const std::string b = serialize_log(make_log_entry(std::move(second.logs[i]), {}, true));
    if (a != b) std::abort();
  }
  return 0;
}
