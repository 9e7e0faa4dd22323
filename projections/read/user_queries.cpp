// Queries of the users read model: profiles and follows.

#include "projections/read/cursor.hpp"
#include "projections/read/query_service_impl.hpp"
#include "projections/read/read_statements.hpp"

namespace streamhub::projections::read {
namespace {

constexpr char follow_tag = 'f';

}  // namespace

void query_service::users_by_logins(std::vector<std::string> logins,
                                    reply<std::vector<user_row>> done) {
  impl_->run<std::vector<user_row>>(
      "users by login", sql_reader::mode::single,
      [logins = login_array(logins)](sql_reader& sql) {
        std::vector<user_row> rows;
        for (const auto& r : sql.run(statement::users_by_logins, logins)) rows.push_back(user_from(r));
        return rows;
      },
      std::move(done));
}

void query_service::follows_of(std::string follower, std::vector<std::string> channels,
                               reply<std::vector<follow_row>> done) {
  impl_->run<std::vector<follow_row>>(
      "follows of a user", sql_reader::mode::single,
      [follower = lower_ascii(std::move(follower)), channels = login_array(channels)](sql_reader& sql) {
        std::vector<follow_row> rows;
        for (const auto& r : sql.run(statement::follows_of, follower, channels)) {
          rows.push_back(follow_from(r));
        }
        return rows;
      },
      std::move(done));
}

namespace {

void follow_page(query_service::impl& impl, const char* what, const char* statement,
                 std::string login, const page_request& request, reply<page<follow_row>> done) {
  auto size = checked_page_size(request.first);
  if (!size) return impl.fail(std::move(size).err(), std::move(done));
  auto bound = position_bound(request, follow_tag);
  if (!bound) return impl.fail(std::move(bound).err(), std::move(done));
  impl.run<page<follow_row>>(
      what, sql_reader::mode::single,
      [statement, login = lower_ascii(std::move(login)), bound = *bound, size = *size](
          sql_reader& sql) {
        std::vector<follow_row> rows;
        for (const auto& r : sql.run(statement, login, bound, size.limit())) {
          rows.push_back(follow_from(r));
        }
        return make_page(std::move(rows), size, [](const follow_row& f) {
          return number_cursor(follow_tag, f.position);
        });
      },
      std::move(done));
}

}  // namespace

void query_service::followers(std::string channel, page_request request,
                              reply<page<follow_row>> done) {
  follow_page(*impl_, "followers", statement::followers, std::move(channel), request,
              std::move(done));
}

void query_service::following(std::string login, page_request request,
                              reply<page<follow_row>> done) {
  follow_page(*impl_, "following", statement::following, std::move(login), request,
              std::move(done));
}

}  // namespace streamhub::projections::read
