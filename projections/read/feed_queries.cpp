// Queries of the notifications and timelines read models.

#include "projections/read/cursor.hpp"
#include "projections/read/query_service_impl.hpp"
#include "projections/read/read_statements.hpp"
#include "projections/sql/pg_array.hpp"
#include "protocol/event_id.hpp"

namespace streamhub::projections::read {
namespace {

constexpr char notification_tag = 'n';
constexpr char post_tag = 'p';

notification_kind kind_named(const std::string& kind) {
  if (kind == "new_follower") return notification_kind::new_follower;
  if (kind == "raid_incoming") return notification_kind::raid_incoming;
  if (kind == "new_subscription") return notification_kind::new_subscription;
  return notification_kind::stream_live;
}

void post_page(query_service::impl& impl, const char* what, const char* statement,
               std::string login, const page_request& request, reply<page<post_row>> done) {
  auto size = checked_page_size(request.first);
  if (!size) return impl.fail(std::move(size).err(), std::move(done));
  auto bound = position_bound(request, post_tag);
  if (!bound) return impl.fail(std::move(bound).err(), std::move(done));
  impl.run<page<post_row>>(
      what, sql_reader::mode::single,
      [statement, login = lower_ascii(std::move(login)), bound = *bound, size = *size](
          sql_reader& sql) {
        std::vector<post_row> rows;
        for (const auto& r : sql.run(statement, login, bound, size.limit())) {
          rows.push_back(post_from(r));
        }
        return make_page(std::move(rows), size, [](const post_row& p) {
          return number_cursor(post_tag, p.position);
        });
      },
      std::move(done));
}

}  // namespace

void query_service::posts_by_ids(std::vector<std::string> ids, reply<std::vector<post_row>> done) {
  sql::pg_array array;
  for (const auto& id : ids) {
    if (!event_id::parse(id)) {
      return impl_->fail(error{error_code::invalid, "not a post id: '" + id + "'"}, std::move(done));
    }
    array.add(id);
  }
  impl_->run<std::vector<post_row>>(
      "posts by id", sql_reader::mode::single,
      [ids = array.literal()](sql_reader& sql) {
        std::vector<post_row> rows;
        for (const auto& r : sql.run(statement::posts_by_ids, ids)) rows.push_back(post_from(r));
        return rows;
      },
      std::move(done));
}

void query_service::home_timeline(std::string login, page_request request,
                                  reply<page<post_row>> done) {
  post_page(*impl_, "home timeline", statement::home_timeline, std::move(login), request,
            std::move(done));
}

void query_service::user_posts(std::string author, page_request request,
                               reply<page<post_row>> done) {
  post_page(*impl_, "posts of a user", statement::user_posts, std::move(author), request,
            std::move(done));
}

void query_service::notifications(std::string recipient, page_request request, bool unread_only,
                                  reply<notification_page> done) {
  auto size = checked_page_size(request.first);
  if (!size) return impl_->fail(std::move(size).err(), std::move(done));
  auto bound = position_bound(request, notification_tag);
  if (!bound) return impl_->fail(std::move(bound).err(), std::move(done));
  // Two statements in one snapshot, so the count agrees with the page.
  impl_->run<notification_page>(
      "notifications", sql_reader::mode::snapshot,
      [recipient = lower_ascii(std::move(recipient)), bound = *bound, size = *size,
       unread_only](sql_reader& sql) {
        std::vector<notification_row> rows;
        for (const auto& r :
             sql.run(statement::notifications, recipient, bound, size.limit(), unread_only)) {
          notification_row n;
          n.recipient = recipient;
          n.position = r[0].as<log_position>();
          n.kind = kind_named(r[1].as<std::string>());
          n.channel = r[2].as<std::string>();
          n.actor = optional_field<std::string>(r[3]);
          n.text = r[4].as<std::string>();
          n.created_at_us = r[5].as<std::int64_t>();
          n.read = r[6].as<bool>();
          rows.push_back(std::move(n));
        }
        notification_page out;
        static_cast<page<notification_row>&>(out) =
            make_page(std::move(rows), size, [](const notification_row& n) {
              return number_cursor(notification_tag, n.position);
            });
        out.unread_count =
            sql.run(statement::unread_notifications, recipient)[0][0].as<std::int64_t>();
        return out;
      },
      std::move(done));
}

}  // namespace streamhub::projections::read
