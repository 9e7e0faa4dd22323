#pragma once
// libpqxx exceptions become streamhub::error values here, in one place.
//
// Codes, with the SQLSTATE (when the server sent one) in the message:
//  - unavailable: the connection failed or was lost (broken_connection,
//    class 08), the server is shutting down or starting (57P01..57P03), out of
//    resources (class 53: too many connections, disk full), or a commit's
//    outcome is unknown (in_doubt_error, 40003). The caller retries later; a
//    projector re-reads its checkpoint first, so an unknown outcome is safe.
//    Also a table or schema that does not exist (42P01, 3F000): a read
//    model not created yet, or one being swapped for its rebuild.
//  - conflict: serialization failure (40001), deadlock (40P01), unique
//    violation (23505). Retrying the transaction may succeed.
//  - timeout: statement_timeout (57014) or lock_timeout (55P03) expired.
//  - internal: anything else (syntax errors, type errors, libpqxx usage
//    errors): a bug, not a condition to retry.

#include <string_view>
#include <type_traits>
#include <utility>

#include "protocol/error.hpp"

namespace streamhub::projections {

/// The code for a five-character SQLSTATE, as in the table above.
error_code classify_sqlstate(std::string_view sqlstate) noexcept;

/// The error for the exception being handled. REQUIRES: called inside a
/// catch block. `context` names what was being done ("apply migration 1").
error error_from_current_exception(std::string_view context);

namespace detail {
template <class T>
struct guarded_result {
  using type = result<T>;
};
template <class T>
struct guarded_result<result<T>> {
  using type = result<T>;
};
}  // namespace detail

/// Runs `body()` and returns its outcome as a result: `body` may return
/// void, a value or a result; whatever it throws becomes an error (see above).
template <class F>
auto pg_guard(std::string_view context, F&& body) ->
    typename detail::guarded_result<std::invoke_result_t<F&>>::type {
  try {
    if constexpr (std::is_void_v<std::invoke_result_t<F&>>) {
      body();
      return {};
    } else {
      return body();
    }
  } catch (...) {
    return error_from_current_exception(context);
  }
}

}  // namespace streamhub::projections
