// Private: a small, fast raw DEFLATE (RFC 1951) encoder for request bodies.
//
// Greedy LZ77 (one 4-byte hash probe per position, no chains) coded with
// deflate's fixed Huffman codes, falling back to stored blocks for any chunk
// of up to 64 KiB that would not get smaller: about 3x faster than zlib at
// level 1 on an envelope, for output about a quarter larger; random input
// grows by a few bytes per 64 KiB at most (bound()).
//
// One instance per thread at a time: it keeps a hash table (at most 64 KiB,
// allocated by the first compress()) between calls, so that a body does not
// pay for allocating or clearing it. Nothing throws.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

namespace sentry::detail {

class fast_deflate {
 public:
  // The most bytes compress() writes for `size` input bytes (it may also
  // scribble on that room beyond what it reports as written).
  static std::size_t bound(std::size_t size) noexcept;

  // Writes `size` bytes of `in` to `out` (room for bound(size) bytes) as one
  // complete raw deflate stream, the last block marked final. Returns the
  // bytes written, 0 when the hash table cannot be allocated or `size`
  // exceeds UINT32_MAX (a stream is never empty).
  std::size_t compress(const unsigned char* in, std::size_t size, unsigned char* out) noexcept;

 private:
  std::unique_ptr<std::uint32_t[]> table_;  // per hash of 4 bytes: base_ + its last position
  std::uint64_t base_ = 0;                  // this body's position 0 in table_'s numbering
};

}  // namespace sentry::detail
