// Formatting time points as RFC 3339 UTC text.
#include "model/timestamp.hpp"

#include <cstring>
#include <limits>

namespace sentry::detail {
namespace {

// "00" to "99", for writing two digits at a time.
struct digit_pairs {
  char text[200];
  constexpr digit_pairs() : text() {
    for (int i = 0; i < 100; ++i) {
      text[2 * i] = static_cast<char>('0' + i / 10);
      text[2 * i + 1] = static_cast<char>('0' + i % 10);
    }
  }
};
constexpr digit_pairs pairs;

// Writes v (0 to 99) as two digits at `out`; returns the end.
char* put2(char* out, long long v) noexcept {
  out[0] = pairs.text[2 * v];
  out[1] = pairs.text[2 * v + 1];
  return out + 2;
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

std::size_t format_rfc3339(char* buf, std::chrono::system_clock::time_point tp,
                           int fraction_digits) noexcept {
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
  // The text of the last second formatted on this thread: the timestamps
  // of an event and its breadcrumbs often share it.
  struct second_text {
    long long seconds = std::numeric_limits<long long>::min();
    char text[19] = {};  // 2024-01-02T03:04:05
  };
  thread_local second_text last;
  if (last.seconds != seconds) {
    const long long days = (seconds >= 0 ? seconds : seconds - 86399) / 86400;
    const long long of_day = seconds - days * 86400;
    long long year = 0;
    int month = 0, day = 0;
    civil_from_days(days, year, month, day);
    char* t = put2(put2(last.text, year / 100), year % 100);
    *t++ = '-';
    t = put2(t, month);
    *t++ = '-';
    t = put2(t, day);
    *t++ = 'T';
    t = put2(t, of_day / 3600);
    *t++ = ':';
    t = put2(t, of_day / 60 % 60);
    *t++ = ':';
    put2(t, of_day % 60);
    last.seconds = seconds;
  }
  std::memcpy(buf, last.text, sizeof last.text);
  char* p = buf + sizeof last.text;
  if (fraction_digits > 0) {
    // The first digits of the nine of `nanos`: the fraction rounded down.
    char nine[10];
    char* q = put2(put2(put2(put2(nine, nanos / 10000000), nanos / 100000 % 100), nanos / 1000 % 100),
                   nanos / 10 % 100);
    *q = static_cast<char>('0' + nanos % 10);
    *p++ = '.';
    for (int i = 0; i < fraction_digits; ++i) *p++ = nine[i];
  }
  *p++ = 'Z';
  return static_cast<std::size_t>(p - buf);
}

std::string format_rfc3339(std::chrono::system_clock::time_point tp, int fraction_digits) {
  char buf[max_rfc3339_chars];
  return std::string(buf, format_rfc3339(buf, tp, fraction_digits));
}

}  // namespace sentry::detail
