#include "transport/gzip.hpp"

#include <zlib.h>

#include <climits>
#include <cstdint>
#include <cstring>

namespace sentry::detail {

namespace {

constexpr int gzip_window_bits = MAX_WBITS + 16;  // for inflate: +16, a gzip header and trailer
constexpr std::size_t chunk = 64 * 1024;

// RFC 1952 §2.3: magic, CM 8 (deflate), no flags (no name, comment or extra
// field), MTIME 0 (none: bodies have no file time), XFL 4 (the fastest
// compression), OS 255 (unknown).
constexpr unsigned char gzip_header[10] = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 4, 255};
constexpr std::size_t gzip_trailer = 8;  // CRC-32, then ISIZE, both little-endian

void put_le32(unsigned char* p, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<unsigned char>(v >> (8 * i));
}

}  // namespace

std::optional<std::string> gzip_compressor::compress(std::string_view data) noexcept {
  if (data.size() > UINT_MAX) return std::nullopt;
  const auto* in = reinterpret_cast<const unsigned char*>(data.data());
  std::string out;
  try {
    out.resize(sizeof gzip_header + fast_deflate::bound(data.size()) + gzip_trailer);
  } catch (...) {
    return std::nullopt;
  }
  auto* o = reinterpret_cast<unsigned char*>(out.data());
  std::memcpy(o, gzip_header, sizeof gzip_header);
  const std::size_t body = deflate_.compress(in, data.size(), o + sizeof gzip_header);
  if (body == 0) return std::nullopt;
  unsigned char* trailer = o + sizeof gzip_header + body;
  put_le32(trailer, static_cast<std::uint32_t>(crc32(0, in, static_cast<uInt>(data.size()))));
  put_le32(trailer + 4, static_cast<std::uint32_t>(data.size()));  // ISIZE: the size mod 2^32
  out.resize(sizeof gzip_header + body + gzip_trailer);
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
