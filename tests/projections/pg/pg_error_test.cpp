#include "projections/pg/pg_error.hpp"

#include <gtest/gtest.h>

#include <pqxx/except>

namespace streamhub::projections {
namespace {

template <class Exception>
error mapped(const Exception& e) {
  try {
    throw e;
  } catch (...) {
    return error_from_current_exception("write rows");
  }
}

// Missing tables and schemas too: a read model not created yet, or swapped.
TEST(ClassifySqlstateTest, ConnectionAndResourceTroubleIsUnavailable) {
  for (const char* state :
       {"08000", "08006", "57P01", "57P02", "57P03", "53300", "53100", "40003", "42P01", "3F000"}) {
    EXPECT_EQ(classify_sqlstate(state), error_code::unavailable) << state;
  }
}

TEST(ClassifySqlstateTest, RetryableCollisionsAreConflicts) {
  for (const char* state : {"40001", "40P01", "23505"}) {
    EXPECT_EQ(classify_sqlstate(state), error_code::conflict) << state;
  }
}

TEST(ClassifySqlstateTest, CancelledWaitsAreTimeouts) {
  EXPECT_EQ(classify_sqlstate("57014"), error_code::timeout);
  EXPECT_EQ(classify_sqlstate("55P03"), error_code::timeout);
}

TEST(ClassifySqlstateTest, EverythingElseIsInternal) {
  for (const char* state : {"42601", "42703", "23503", "22P02", "", "4"}) {
    EXPECT_EQ(classify_sqlstate(state), error_code::internal) << state;
  }
}

TEST(ErrorFromExceptionTest, SqlErrorsCarryTheirSqlstate) {
  const auto e = mapped(pqxx::unique_violation("ERROR:  duplicate key value\n", "INSERT ...", "23505"));
  EXPECT_EQ(e.code, error_code::conflict);
  EXPECT_EQ(e.message, "write rows: ERROR:  duplicate key value (SQLSTATE 23505)");
}

TEST(ErrorFromExceptionTest, ABrokenConnectionIsUnavailable) {
  const auto e = mapped(pqxx::broken_connection("server closed the connection unexpectedly\n"));
  EXPECT_EQ(e.code, error_code::unavailable);
  EXPECT_EQ(e.message, "write rows: server closed the connection unexpectedly");
}

TEST(ErrorFromExceptionTest, AnUnknownCommitOutcomeIsUnavailable) {
  const auto e = mapped(pqxx::in_doubt_error("lost connection during commit"));
  EXPECT_EQ(e.code, error_code::unavailable);
  EXPECT_NE(e.message.find("outcome unknown"), std::string::npos);
}

TEST(ErrorFromExceptionTest, RollbacksWithoutSqlstateAreNamed) {
  EXPECT_EQ(mapped(pqxx::serialization_failure("could not serialize")).message,
            "write rows: could not serialize (SQLSTATE 40001)");
  EXPECT_EQ(mapped(pqxx::deadlock_detected("deadlock")).code, error_code::conflict);
  EXPECT_EQ(mapped(pqxx::statement_completion_unknown("unknown")).code, error_code::unavailable);
}

TEST(ErrorFromExceptionTest, LibraryAndOtherErrorsAreInternal) {
  EXPECT_EQ(mapped(pqxx::usage_error("misuse")).code, error_code::internal);
  EXPECT_EQ(mapped(std::runtime_error("boom")).code, error_code::internal);
  EXPECT_EQ(mapped(42).message, "write rows: unknown exception");
}

TEST(PgGuardTest, PassesValuesAndResultsThrough) {
  auto value = pg_guard("count", [] { return 3; });
  ASSERT_TRUE(value);
  EXPECT_EQ(*value, 3);
  auto nested = pg_guard("count", []() -> result<int> { return error{error_code::not_found, "x"}; });
  ASSERT_FALSE(nested);
  EXPECT_EQ(nested.err().code, error_code::not_found);
  auto nothing = pg_guard("noop", [] {});
  EXPECT_TRUE(nothing);
}

TEST(PgGuardTest, TurnsExceptionsIntoErrors) {
  auto failed = pg_guard("apply", []() -> int { throw pqxx::broken_connection("gone"); });
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.err().code, error_code::unavailable);
  EXPECT_EQ(failed.err().message, "apply: gone");
}

}  // namespace
}  // namespace streamhub::projections
