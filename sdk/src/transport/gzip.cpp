#include "transport/gzip.hpp"

#include <zlib.h>

#include <climits>

namespace sentry::detail {

namespace {

constexpr int gzip_window_bits = MAX_WBITS + 16;  // +16: gzip header and trailer
constexpr std::size_t chunk = 64 * 1024;

}  // namespace

gzip_compressor::gzip_compressor() noexcept {
  // Level 1 (fastest): envelopes are small and JSON compresses well even so;
  // level 6 costs the worker several times more for a few percent of bytes.
  // memLevel 8 (zlib's default): 128 KiB of hash tables cleared per body.
  ready_ = deflateInit2(&zs_, Z_BEST_SPEED, Z_DEFLATED, gzip_window_bits, 8,
                        Z_DEFAULT_STRATEGY) == Z_OK;
}

gzip_compressor::~gzip_compressor() {
  if (ready_) deflateEnd(&zs_);
}

std::optional<std::string> gzip_compressor::compress(std::string_view data) noexcept {
  if (!ready_ || data.size() > UINT_MAX || deflateReset(&zs_) != Z_OK) return std::nullopt;
  std::string out;
  try {
    out.resize(deflateBound(&zs_, static_cast<uLong>(data.size())));
  } catch (...) {
    return std::nullopt;
  }
  zs_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs_.avail_in = static_cast<uInt>(data.size());
  zs_.next_out = reinterpret_cast<Bytef*>(out.data());
  zs_.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&zs_, Z_FINISH);  // the bound guarantees one call
  if (rc != Z_STREAM_END) return std::nullopt;
  out.resize(zs_.total_out);
  return out;
}

std::optional<std::string> gzip(std::string_view data) {
  gzip_compressor compressor;
  return compressor.compress(data);
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
