// Formatting time points as RFC 3339 UTC text.
#include "model/timestamp.hpp"


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

// Year, month (1-12) and day (1-31) of a day count since 1970-01-01, by
// Howard Hinnant's civil_from_days (proleptic Gregorian calendar). Pure
// arithmetic: gmtime_r takes a process-wide lock in glibc.
void civil_from_days(long long days, long long& year, int& month, int& day) {
  days += 719468;
  const long long era = (days >= 0 ? days : days - 146096) / 146097;
  const long long doe = days - era * 146097;                                // [0, 146096]
  const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);            // [0, 365]
  const long long mp = (5 * doy + 2) / 153;                                 // [0, 11]
  day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  year = yoe + era * 400 + (month <= 2 ? 1 : 0);
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
  const long long days = (seconds >= 0 ? seconds : seconds - 86399) / 86400;
  const long long of_day = seconds - days * 86400;
  long long year = 0;
  int month = 0, day = 0;
  civil_from_days(days, year, month, day);

  std::string out;
  out.reserve(32);
  append_digits(out, year, 4);
  out.push_back('-');
  append_digits(out, month, 2);
  out.push_back('-');
  append_digits(out, day, 2);
  out.push_back('T');
  append_digits(out, of_day / 3600, 2);
  out.push_back(':');
  append_digits(out, of_day / 60 % 60, 2);
  out.push_back(':');
  append_digits(out, of_day % 60, 2);
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
