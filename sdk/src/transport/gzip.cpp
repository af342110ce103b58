#include "transport/gzip.hpp"

#include <zlib.h>

#include <climits>

namespace sentry::detail {

namespace {

constexpr int gzip_window_bits = MAX_WBITS + 16;  // +16: gzip header and trailer
constexpr std::size_t chunk = 64 * 1024;

}  // namespace

std::optional<std::string> gzip(std::string_view data) {
  if (data.size() > UINT_MAX) return std::nullopt;
  z_stream zs{};
  if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, gzip_window_bits, 9,
                   Z_DEFAULT_STRATEGY) != Z_OK) {
    return std::nullopt;
  }
  std::string out;
  try {
    out.resize(deflateBound(&zs, static_cast<uLong>(data.size())));
  } catch (...) {
    deflateEnd(&zs);
    return std::nullopt;
  }
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&zs, Z_FINISH);  // the bound guarantees one call
  const std::size_t written = zs.total_out;
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) return std::nullopt;
  out.resize(written);
  return out;
}

std::optional<std::string> gunzip(std::string_view data) {
  if (data.size() > UINT_MAX) return std::nullopt;
  z_stream zs{};
  if (inflateInit2(&zs, gzip_window_bits) != Z_OK) return std::nullopt;
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  std::string out;
  int rc = Z_OK;
  try {
    while (rc == Z_OK) {
      const std::size_t used = out.size();
      out.resize(used + chunk);
      zs.next_out = reinterpret_cast<Bytef*>(out.data() + used);
      zs.avail_out = static_cast<uInt>(chunk);
      rc = inflate(&zs, Z_NO_FLUSH);
      out.resize(used + chunk - zs.avail_out);
    }
  } catch (...) {
    rc = Z_MEM_ERROR;
  }
  inflateEnd(&zs);
  if (rc != Z_STREAM_END || zs.avail_in != 0) return std::nullopt;
  return out;
}

}  // namespace sentry::detail
