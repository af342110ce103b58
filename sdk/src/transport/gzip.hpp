// Private: gzip (RFC 1952) compression of request bodies, with zlib.
//
// gzip_compressor keeps one zlib stream for all the bodies a sender
// compresses (reset between bodies), so that each body costs the
// compression, not the allocation and clearing of zlib's tables; one thread
// at a time. gzip() and gunzip() are pure functions; thread-safe. Nothing
// throws. nullopt only when zlib fails (out of memory) or, for gunzip, when
// the input is not a whole gzip stream.
#pragma once

#include <zlib.h>

#include <optional>
#include <string>
#include <string_view>

namespace sentry::detail {

class gzip_compressor {
 public:
  gzip_compressor() noexcept;
  ~gzip_compressor();
  gzip_compressor(const gzip_compressor&) = delete;
  gzip_compressor& operator=(const gzip_compressor&) = delete;

  std::optional<std::string> compress(std::string_view data) noexcept;

 private:
  z_stream zs_{};
  bool ready_ = false;
};

std::optional<std::string> gzip(std::string_view data);
std::optional<std::string> gunzip(std::string_view data);

}  // namespace sentry::detail
