#pragma once
// Event times (microseconds since the Unix epoch) as PostgreSQL timestamptz
// input text, for rows sent without SQL around them (COPY): the same instant
// us_to_timestamptz(bigint) gives (migrations/0002) wherever that is exact,
// within 2^53 microseconds (285 years) of the epoch; beyond, the SQL
// function's interval arithmetic rounds and this stays exact.
//
// Format: YYYY-MM-DD HH:MM:SS.ffffff+00, the proleptic Gregorian calendar in
// UTC; years before 1 are written as PostgreSQL reads them, "(1 - year) ... BC".
//
// Thread-safety: a pure function.

#include <cstdint>
#include <string>

namespace streamhub::projections::sql {

/// "2023-11-14 22:13:20.000000+00" for 1'700'000'000'000'000.
std::string timestamptz_text(std::int64_t us_since_epoch);

}  // namespace streamhub::projections::sql
