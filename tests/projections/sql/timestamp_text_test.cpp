#include "projections/sql/timestamp_text.hpp"

#include <gtest/gtest.h>

namespace streamhub::projections::sql {
namespace {

TEST(TimestampTextTest, WritesUtcWithMicroseconds) {
  EXPECT_EQ(timestamptz_text(0), "1970-01-01 00:00:00.000000+00");
  EXPECT_EQ(timestamptz_text(1'700'000'000'000'000), "2023-11-14 22:13:20.000000+00");
  EXPECT_EQ(timestamptz_text(1'700'000'000'123'456), "2023-11-14 22:13:20.123456+00");
  EXPECT_EQ(timestamptz_text(951'782'400'000'001), "2000-02-29 00:00:00.000001+00");
  EXPECT_EQ(timestamptz_text(253'402'300'799'999'999), "9999-12-31 23:59:59.999999+00");
}

TEST(TimestampTextTest, TimesBeforeTheEpochRoundTowardsThePast) {
  EXPECT_EQ(timestamptz_text(-1), "1969-12-31 23:59:59.999999+00");
  EXPECT_EQ(timestamptz_text(-86'400'000'000), "1969-12-31 00:00:00.000000+00");
  EXPECT_EQ(timestamptz_text(-62'135'596'800'000'000), "0001-01-01 00:00:00.000000+00");
  // Year 0 of the proleptic calendar is 1 BC to PostgreSQL.
  EXPECT_EQ(timestamptz_text(-62'135'596'800'000'001), "0001-12-31 23:59:59.999999+00 BC");
}

}  // namespace
}  // namespace streamhub::projections::sql
