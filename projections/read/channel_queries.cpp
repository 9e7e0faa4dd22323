// Queries of the channels read model (with analytics and subscriptions,
// which describe channels too).

#include "projections/read/cursor.hpp"
#include "projections/read/query_service_impl.hpp"
#include "projections/read/read_statements.hpp"

namespace streamhub::projections::read {
namespace {

constexpr char live_tag = 'l';
constexpr char session_tag = 's';

}  // namespace

void query_service::channels_by_logins(std::vector<std::string> logins,
                                       reply<std::vector<channel_row>> done) {
  impl_->run<std::vector<channel_row>>(
      "channels by login", sql_reader::mode::single,
      [logins = login_array(logins)](sql_reader& sql) {
        std::vector<channel_row> rows;
        for (const auto& r : sql.run(statement::channels_by_logins, logins)) {
          rows.push_back(channel_from(r));
        }
        return rows;
      },
      std::move(done));
}

void query_service::moderators_of(std::vector<std::string> channels,
                                  reply<std::vector<moderator_row>> done) {
  impl_->run<std::vector<moderator_row>>(
      "moderators", sql_reader::mode::single,
      [channels = login_array(channels)](sql_reader& sql) {
        std::vector<moderator_row> rows;
        for (const auto& r : sql.run(statement::moderators_of, channels)) {
          rows.push_back(moderator_row{r[0].as<std::string>(), r[1].as<std::string>(),
                                       r[2].as<std::int64_t>()});
        }
        return rows;
      },
      std::move(done));
}

void query_service::active_subscriptions(std::string subscriber, std::vector<std::string> channels,
                                         reply<std::vector<subscription_row>> done) {
  impl_->run<std::vector<subscription_row>>(
      "subscriptions", sql_reader::mode::single,
      [subscriber = lower_ascii(std::move(subscriber)), channels = login_array(channels)](
          sql_reader& sql) {
        std::vector<subscription_row> rows;
        for (const auto& r : sql.run(statement::active_subscriptions, subscriber, channels)) {
          subscription_row s;
          s.channel = r[0].as<std::string>();
          s.subscriber = r[1].as<std::string>();
          s.tier = r[2].as<int>();
          s.cumulative_months = r[3].as<int>();
          s.expires_at_us = r[4].as<std::int64_t>();
          s.gifted = r[5].as<bool>();
          s.gifter = optional_field<std::string>(r[6]);
          rows.push_back(std::move(s));
        }
        return rows;
      },
      std::move(done));
}

void query_service::live_streams(page_request request, std::optional<std::string> category,
                                 reply<page<channel_row>> done) {
  auto size = checked_page_size(request.first);
  if (!size) return impl_->fail(std::move(size).err(), std::move(done));
  // The cursor is the last row's (viewers, login); the first page starts
  // above every count.
  std::int64_t viewers = before_all;
  std::string login;
  if (request.after) {
    auto fields = decode_cursor(*request.after, live_tag, 2);
    if (!fields) return impl_->fail(std::move(fields).err(), std::move(done));
    auto parsed = parse_cursor_number((*fields)[0]);
    if (!parsed) return impl_->fail(std::move(parsed).err(), std::move(done));
    viewers = *parsed;
    login = std::move((*fields)[1]);
  }
  impl_->run<page<channel_row>>(
      "live streams", sql_reader::mode::single,
      [viewers, login = std::move(login), category = std::move(category), size = *size](
          sql_reader& sql) {
        std::vector<channel_row> rows;
        const auto result =
            category ? sql.run(statement::live_streams_in_category, viewers, login, size.limit(),
                               lower_ascii(*category))
                     : sql.run(statement::live_streams, viewers, login, size.limit());
        for (const auto& r : result) rows.push_back(channel_from(r));
        return make_page(std::move(rows), size, [](const channel_row& c) {
          return encode_cursor(live_tag, {std::to_string(c.viewers), c.login});
        });
      },
      std::move(done));
}

void query_service::stream_sessions(std::string channel, page_request request,
                                    reply<page<stream_session_row>> done) {
  auto size = checked_page_size(request.first);
  if (!size) return impl_->fail(std::move(size).err(), std::move(done));
  auto bound = position_bound(request, session_tag);
  if (!bound) return impl_->fail(std::move(bound).err(), std::move(done));
  impl_->run<page<stream_session_row>>(
      "stream sessions", sql_reader::mode::single,
      [channel = lower_ascii(std::move(channel)), bound = *bound, size = *size](sql_reader& sql) {
        std::vector<stream_session_row> rows;
        for (const auto& r : sql.run(statement::stream_sessions, channel, bound, size.limit())) {
          stream_session_row s;
          s.id = r[0].as<std::string>();
          s.channel = r[1].as<std::string>();
          s.title = r[2].as<std::string>();
          s.category = r[3].as<std::string>();
          s.started_at_us = r[4].as<std::int64_t>();
          s.ended_at_us = optional_field<std::int64_t>(r[5]);
          s.peak_viewers = r[6].as<std::int64_t>();
          s.messages = r[7].as<std::int64_t>();
          s.unique_chatters = r[8].as<std::int64_t>();
          s.new_followers = r[9].as<std::int64_t>();
          s.subscriptions = r[10].as<std::int64_t>();
          s.position = r[11].as<log_position>();
          rows.push_back(std::move(s));
        }
        return make_page(std::move(rows), size, [](const stream_session_row& s) {
          return number_cursor(session_tag, s.position);
        });
      },
      std::move(done));
}

}  // namespace streamhub::projections::read
