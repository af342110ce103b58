// libFuzzer target for the gzip encoder (transport/fast_deflate.hpp): any
// input, compressed by one compressor reused from input to input (as the
// transport's worker does), must come back byte for byte through zlib's
// inflate, within the encoder's size bound. Inputs whose first byte is a
// multiple of 8 are also tiled past 64 KiB, so that blocks and matches cross
// chunk boundaries.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "transport/gzip.hpp"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

void round_trip(sentry::detail::gzip_compressor& c, const std::string& data) {
  const auto packed = c.compress(data);
  check(packed.has_value());
  check(packed->size() <= data.size() + 18 + 6 * (data.size() / 65535 + 1));
  check(sentry::detail::gunzip(*packed) == data);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static sentry::detail::gzip_compressor compressor;
  const std::string input(reinterpret_cast<const char*>(data), size);
  round_trip(compressor, input);
  if (size >= 16 && data[0] % 8 == 0) {
    std::string tiled;
    while (tiled.size() <= 70000) tiled += input;
    round_trip(compressor, tiled);
  }
  return 0;
}
