// Formatting time points as RFC 3339 UTC text.
#include "model/timestamp.hpp"

#include <ctime>

namespace sentry::detail {
namespace {

void append_digits(std::string& out, long long v, int width) {
  char buf[24];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v > 0 && n < 20);
  for (int i = n; i < width; ++i) out.push_back('0');
  while (n > 0) out.push_back(buf[--n]);
}

}  // namespace

std::string format_rfc3339(std::chrono::system_clock::time_point tp, int fraction_digits) {
  using namespace std::chrono;
  // 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z in Unix seconds.
  constexpr long long min_seconds = -62167219200LL;
  constexpr long long max_seconds = 253402300799LL;
  if (fraction_digits < 0) fraction_digits = 0;
  if (fraction_digits > 9) fraction_digits = 9;

  // Integer arithmetic on the count: std::chrono::floor would overflow near
  // the ends of the clock's range.
  constexpr long long billion = 1000000000LL;
  const long long count = duration_cast<nanoseconds>(tp.time_since_epoch()).count();
  long long seconds = count / billion;
  long long nanos = count % billion;
  if (nanos < 0) {
    seconds -= 1;
    nanos += billion;
  }
  if (seconds < min_seconds) {
    seconds = min_seconds;
    nanos = 0;
  } else if (seconds > max_seconds) {
    seconds = max_seconds;
    nanos = billion - 1;
  }
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);

  std::string out;
  out.reserve(32);
  append_digits(out, tm.tm_year + 1900LL, 4);
  out.push_back('-');
  append_digits(out, tm.tm_mon + 1, 2);
  out.push_back('-');
  append_digits(out, tm.tm_mday, 2);
  out.push_back('T');
  append_digits(out, tm.tm_hour, 2);
  out.push_back(':');
  append_digits(out, tm.tm_min, 2);
  out.push_back(':');
  append_digits(out, tm.tm_sec, 2);
  if (fraction_digits > 0) {
    long long fraction = nanos;
    for (int i = fraction_digits; i < 9; ++i) fraction /= 10;
    out.push_back('.');
    append_digits(out, fraction, fraction_digits);
  }
  out.push_back('Z');
  return out;
}

}  // namespace sentry::detail
