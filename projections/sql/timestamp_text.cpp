#include "projections/sql/timestamp_text.hpp"

#include <cinttypes>
#include <cstdio>

namespace streamhub::projections::sql {
namespace {

struct civil_date {
  std::int64_t year;
  unsigned month, day;
};

// Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's
// civil_from_days): exact for every int64 microsecond count.
civil_date civil_from_days(std::int64_t days) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned day = doy - (153 * mp + 2) / 5 + 1;
  const unsigned month = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t year = static_cast<std::int64_t>(yoe) + era * 400 + (month <= 2 ? 1 : 0);
  return {year, month, day};
}

}  // namespace

std::string timestamptz_text(std::int64_t us) {
  constexpr std::int64_t us_per_day = 86'400'000'000;
  std::int64_t days = us / us_per_day;
  std::int64_t rest = us % us_per_day;
  if (rest < 0) {
    rest += us_per_day;
    --days;
  }
  const auto date = civil_from_days(days);
  const auto seconds = rest / 1'000'000;
  const bool bc = date.year <= 0;
  char text[64];
  const int n = std::snprintf(text, sizeof text,
                              "%04" PRId64 "-%02u-%02u %02" PRId64 ":%02" PRId64 ":%02" PRId64
                              ".%06" PRId64 "+00%s",
                              bc ? 1 - date.year : date.year, date.month, date.day, seconds / 3600,
                              seconds / 60 % 60, seconds % 60, rest % 1'000'000, bc ? " BC" : "");
  return std::string(text, static_cast<std::size_t>(n));
}

}  // namespace streamhub::projections::sql
