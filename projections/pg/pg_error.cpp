#include "projections/pg/pg_error.hpp"

#include <pqxx/except>

#include <exception>
#include <string>

namespace streamhub::projections {
namespace {

// libpq messages end with a newline and sometimes carry "ERROR:  " prefixes
// of their own; keep the text, lose the trailing whitespace.
std::string trimmed(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
  return std::string(text);
}

error make(error_code code, std::string_view context, std::string_view what,
           std::string_view sqlstate = {}) {
  std::string message(context);
  message += ": ";
  message += trimmed(what);
  if (!sqlstate.empty()) {
    message += " (SQLSTATE ";
    message += sqlstate;
    message += ')';
  }
  return error{code, std::move(message)};
}

}  // namespace

error_code classify_sqlstate(std::string_view sqlstate) noexcept {
  if (sqlstate.size() != 5) return error_code::internal;
  const std::string_view cls = sqlstate.substr(0, 2);
  if (cls == "08" || cls == "53") return error_code::unavailable;
  if (sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03") {
    return error_code::unavailable;
  }
  if (sqlstate == "40003") return error_code::unavailable;
  if (sqlstate == "42P01" || sqlstate == "3F000") return error_code::unavailable;
  if (sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "23505") {
    return error_code::conflict;
  }
  if (sqlstate == "57014" || sqlstate == "55P03") return error_code::timeout;
  return error_code::internal;
}

error error_from_current_exception(std::string_view context) {
  // libpqxx 6 raises some conditions as classes without a SQLSTATE; those
  // are named here with the code the server sent.
  try {
    throw;
  } catch (const pqxx::sql_error& e) {
    return make(classify_sqlstate(e.sqlstate()), context, e.what(), e.sqlstate());
  } catch (const pqxx::broken_connection& e) {
    return make(error_code::unavailable, context, e.what());
  } catch (const pqxx::in_doubt_error& e) {
    return make(error_code::unavailable, context,
                std::string("commit outcome unknown: ") + e.what());
  } catch (const pqxx::serialization_failure& e) {
    return make(error_code::conflict, context, e.what(), "40001");
  } catch (const pqxx::deadlock_detected& e) {
    return make(error_code::conflict, context, e.what(), "40P01");
  } catch (const pqxx::statement_completion_unknown& e) {
    return make(error_code::unavailable, context, e.what(), "40003");
  } catch (const pqxx::transaction_rollback& e) {
    return make(error_code::conflict, context, e.what());
  } catch (const std::exception& e) {
    return make(error_code::internal, context, e.what());
  } catch (...) {
    return make(error_code::internal, context, "unknown exception");
  }
}

}  // namespace streamhub::projections
