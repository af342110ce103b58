// Private: gzip (RFC 1952) compression of request bodies.
//
// gzip_compressor writes the gzip wrapper around fast_deflate.hpp's encoder
// (fixed Huffman codes: about 3x faster than zlib at level 1, for output
// about a quarter larger) and keeps its hash table for all the bodies a sender
// compresses, so that a body costs the compression only; one thread at a time.
// gzip() (the same, with a table of its own) and gunzip() (zlib's inflate)
// are pure functions; thread-safe. Nothing throws. nullopt only when memory
// runs out or the input exceeds 4 GiB - 1 or, for gunzip, when the input is
// not a whole gzip stream.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "transport/fast_deflate.hpp"

namespace sentry::detail {

class gzip_compressor {
 public:
  std::optional<std::string> compress(std::string_view data) noexcept;

 private:
  fast_deflate deflate_;
};

std::optional<std::string> gzip(std::string_view data);
std::optional<std::string> gunzip(std::string_view data);

}  // namespace sentry::detail
