#include "transport/fast_deflate.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <new>

namespace sentry::detail {

namespace {

using byte = unsigned char;

constexpr std::size_t window = 32768;  // the farthest back a deflate distance reaches
constexpr std::size_t min_match = 4;   // deflate allows 3; we hash and compare 4 bytes
constexpr std::size_t max_match = 258;
// Input is coded in chunks of at most this size, each one block: Huffman
// coded or, when that is not smaller, stored (a stored block holds at most
// 65535 bytes). Matches may reach back into earlier chunks, never past the end
// of their own.
constexpr std::size_t chunk_max = 65535;
constexpr int table_bits_max = 14;  // 16384 entries, 64 KiB
constexpr int table_bits_min = 10;

// ---- Fixed Huffman codes (RFC 1951 §3.2.6) ---------------------------------

// Deflate packs bits from the least significant bit of each byte, but a
// Huffman code is defined most significant bit first: codes are stored here
// reversed, so that every write is a plain "bits << count" into an
// accumulator.
constexpr std::uint32_t reversed(std::uint32_t v, int n) {
  std::uint32_t r = 0;
  for (int i = 0; i < n; ++i, v >>= 1) r = (r << 1) | (v & 1);
  return r;
}

constexpr int top_bit(std::uint32_t v) {  // index of the highest set bit, v > 0
  int b = 0;
  while (v >>= 1) ++b;
  return b;
}

struct code {
  std::uint32_t bits = 0;  // to be written least significant bit first
  std::uint32_t count = 0;
};

// Literal/length symbol 0-287 with the fixed code table.
constexpr code fixed_symbol(std::uint32_t s) {
  if (s < 144) return {reversed(0x30 + s, 8), 8};
  if (s < 256) return {reversed(0x190 + s - 144, 9), 9};
  if (s < 280) return {reversed(s - 256, 7), 7};
  return {reversed(0xc0 + s - 280, 8), 8};
}

// A match length 3-258 as its symbol's code followed by its extra bits
// (RFC 1951 §3.2.5). With l = length - 3: l < 8 needs no extra bits; above,
// each power of two [2^b, 2^(b+1)) is split into 4 symbols of b-2 extra bits.
// 258 has a symbol of its own (285), not 284 with all extra bits set.
constexpr code length_code(std::uint32_t length) {
  const std::uint32_t l = length - 3;
  if (length == 258) return fixed_symbol(285);
  if (l < 8) return fixed_symbol(257 + l);
  const int b = top_bit(l);
  const int extra = b - 2;
  const code c = fixed_symbol(257 + 4 * (b - 1) + ((l >> extra) & 3));
  return {c.bits | ((l & ((1u << extra) - 1)) << c.count), c.count + extra};
}

struct code_tables {
  std::array<code, 256> literal{};
  std::array<code, max_match + 1> length{};  // index: the length (3-258)
  std::array<std::uint32_t, 30> distance{};  // distance symbols: 5 bits, reversed
};

constexpr code_tables make_tables() {
  code_tables t;
  for (std::uint32_t i = 0; i < 256; ++i) t.literal[i] = fixed_symbol(i);
  for (std::uint32_t n = 3; n <= max_match; ++n) t.length[n] = length_code(n);
  for (std::uint32_t i = 0; i < 30; ++i) t.distance[i] = reversed(i, 5);
  return t;
}

constexpr code_tables tables = make_tables();

// A distance 1-32768 as its symbol's code and extra bits, the same scheme as
// lengths: with d = distance - 1, d < 4 is its own symbol; above, each power
// of two [2^b, 2^(b+1)) is split into 2 symbols of b-1 extra bits.
inline code distance_code(std::uint32_t distance) {
  const std::uint32_t d = distance - 1;
  if (d < 4) return {tables.distance[d], 5};
  const int b = 31 - __builtin_clz(d);
  const int extra = b - 1;
  const std::uint32_t symbol = 2 * b + ((d >> extra) & 1);
  return {tables.distance[symbol] | ((d & ((1u << extra) - 1)) << 5), 5u + extra};
}

// ---- Bytes in and out ------------------------------------------------------

inline std::uint32_t load32(const byte* p) {
  std::uint32_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

inline std::uint64_t load64(const byte* p) {
  std::uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

inline void store64le(byte* p, std::uint64_t v) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  v = __builtin_bswap64(v);
#endif
  std::memcpy(p, &v, sizeof v);
}

// How many bytes from a and b are equal, at most `max`.
inline std::size_t common_prefix(const byte* a, const byte* b, std::size_t max) {
  std::size_t n = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  for (; n + 8 <= max; n += 8) {
    const std::uint64_t diff = load64(a + n) ^ load64(b + n);
    if (diff != 0) return n + static_cast<std::size_t>(__builtin_ctzll(diff)) / 8;
  }
#endif
  while (n < max && a[n] == b[n]) ++n;
  return n;
}

// Multiplicative hash of 4 bytes to `bits` bits.
inline std::uint32_t hash4(std::uint32_t v, int bits) { return (v * 2654435761u) >> (32 - bits); }

// Collects bits least significant first in a 64-bit accumulator; flush()
// stores all 8 bytes of it unaligned and keeps the 0-7 bits of a byte not yet
// complete, so the buffer needs 8 bytes of room past the last byte kept.
// Between flushes at most 56 bits may be put.
class bit_writer {
 public:
  explicit bit_writer(byte* out) : out_(out) {}
  void put(std::uint64_t bits, std::uint32_t count) {
    acc_ |= bits << count_;
    count_ += count;
  }
  void put(code c) { put(c.bits, c.count); }
  void flush() {
    store64le(out_, acc_);
    out_ += count_ / 8;
    acc_ >>= count_ & ~7u;
    count_ &= 7;
  }
  // Flushes and pads to a byte boundary with zero bits.
  void align() {
    flush();
    if (count_ > 0) *out_++ = static_cast<byte>(acc_);
    acc_ = 0;
    count_ = 0;
  }
  byte* out() const { return out_; }
  void skip(std::size_t bytes) { out_ += bytes; }  // after writing whole bytes at out(), aligned

 private:
  byte* out_;
  std::uint64_t acc_ = 0;
  std::uint32_t count_ = 0;
};

// The 3-bit block header: BFINAL, then BTYPE (00 stored, 01 fixed Huffman).
constexpr std::uint32_t stored_block = 0;
constexpr std::uint32_t fixed_block = 1 << 1;

void put_stored(bit_writer& w, const byte* data, std::size_t n, bool last) {
  w.put((last ? 1 : 0) | stored_block, 3);
  w.align();
  byte* out = w.out();
  const auto len = static_cast<std::uint16_t>(n);
  const auto nlen = static_cast<std::uint16_t>(~len);
  out[0] = static_cast<byte>(len);
  out[1] = static_cast<byte>(len >> 8);
  out[2] = static_cast<byte>(nlen);
  out[3] = static_cast<byte>(nlen >> 8);
  if (n > 0) std::memcpy(out + 4, data, n);
  w.skip(4 + n);
}

}  // namespace

std::size_t fast_deflate::bound(std::size_t size) noexcept {
  // Each chunk ends as a stored block (LEN, NLEN and up to 2 header bytes)
  // or a Huffman block no larger. A Huffman attempt is abandoned once past
  // that size, but only checked after each match or run of literals (at most
  // 19 bytes), and each flush stores 8 bytes: it may have written up to 40
  // bytes past the end of the chunk's stored form.
  return size + (size / chunk_max + 1) * 6 + 40;
}

std::size_t fast_deflate::compress(const unsigned char* in, std::size_t size, unsigned char* out) noexcept {
  if (size > UINT32_MAX) return 0;
  if (!table_) {
    table_.reset(new (std::nothrow) std::uint32_t[std::size_t{1} << table_bits_max]());
    if (!table_) return 0;
  }
  // Positions go into the table as base_ + position, and each body starts
  // more than a window above every value the table holds (the last body's
  // positions, or 0 for an entry never written): an entry from an earlier
  // body then lies farther back than a deflate distance reaches and fails the
  // distance test like any other stale entry. So the table is cleared only
  // when the numbering would overflow 32 bits; after that, an empty entry
  // reads as position 0, a real position (every candidate's bytes are
  // compared before use).
  if (base_ + size + window + 1 > UINT32_MAX) {
    std::fill_n(table_.get(), std::size_t{1} << table_bits_max, 0u);
    base_ = 0;
  }
  const auto base = static_cast<std::uint32_t>(base_);
  base_ += size + window + 1;
  // A table sized to the input: a small body touches fewer cache lines.
  int bits = table_bits_min;
  while (bits < table_bits_max && (std::size_t{1} << bits) < size) ++bits;
  std::uint32_t* const table = table_.get();

  bit_writer w(out);
  std::size_t start = 0;
  bool last = false;
  do {
    const std::size_t n = std::min(size - start, chunk_max);
    const std::size_t end = start + n;
    last = end == size;
    const bit_writer before = w;
    // Storing the chunk costs n bytes plus at most 6: once the Huffman coding
    // passes that, it is abandoned and the chunk stored instead.
    const byte* const limit = w.out() + n + 5;
    w.put((last ? 1 : 0) | fixed_block, 3);
    std::size_t pos = start;
    std::size_t misses = 0;  // probes since the last match
    while (pos + min_match <= end && w.out() <= limit) {
      const std::uint32_t v = load32(in + pos);
      std::uint32_t& slot = table[hash4(v, bits)];
      const std::uint32_t here = base + static_cast<std::uint32_t>(pos);
      const std::uint32_t distance = here - slot;  // stale or empty entries: out of range
      slot = here;
      if (distance - 1 < window && load32(in + pos - distance) == v) {
        const std::size_t longest = std::min(max_match, end - pos);
        const std::size_t length =
            min_match + common_prefix(in + pos + min_match, in + pos - distance + min_match, longest - min_match);
        w.put(tables.length[length]);  // at most 13 bits
        w.put(distance_code(distance));  // at most 18 bits
        w.flush();
        pos += length;
        misses = 0;
        // Positions inside a match are not probed; index two of them, the
        // second and the one before the end, so that text repeated from
        // there is found too (better compression for almost no time).
        if (pos + min_match <= end) {
          table[hash4(load32(in + pos - length + 1), bits)] = here + 1;
          table[hash4(load32(in + pos - 1), bits)] = here + static_cast<std::uint32_t>(length - 1);
        }
      } else {
        w.put(tables.literal[in[pos]]);  // no match: a literal (at most 9 bits)
        ++pos;
        // After a run of misses (incompressible data) probe less often, up
        // to every 16th byte, and write the bytes in between as literals.
        if (++misses > 32) {
          const std::size_t skip = std::min(std::min(misses >> 5, std::size_t{15}), end - pos);
          for (std::size_t i = 0; i < skip; ++i) {
            if ((i & 3) == 3) w.flush();  // 4 literals at most between flushes
            w.put(tables.literal[in[pos + i]]);
          }
          pos += skip;
        }
        w.flush();
      }
    }
    for (; pos < end && w.out() <= limit; ++pos) {
      w.put(tables.literal[in[pos]]);
      w.flush();
    }
    w.put(0, 7);  // end of block: symbol 256, seven 0 bits
    w.flush();
    if (w.out() > limit) {
      w = before;
      put_stored(w, in + start, n, last);
    }
    start = end;
  } while (!last);
  w.align();
  return static_cast<std::size_t>(w.out() - out);
}

}  // namespace sentry::detail
