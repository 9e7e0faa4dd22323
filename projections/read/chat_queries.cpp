// Queries of the chat read model.

#include "projections/read/cursor.hpp"
#include "projections/read/query_service_impl.hpp"
#include "projections/read/read_statements.hpp"

namespace streamhub::projections::read {
namespace {

constexpr char message_tag = 'm';

}  // namespace

void query_service::chat_history(std::string channel, page_request request,
                                 reply<page<chat_message_row>> done) {
  auto size = checked_page_size(request.first);
  if (!size) return impl_->fail(std::move(size).err(), std::move(done));
  auto bound = position_bound(request, message_tag);
  if (!bound) return impl_->fail(std::move(bound).err(), std::move(done));
  impl_->run<page<chat_message_row>>(
      "chat history", sql_reader::mode::single,
      [channel = lower_ascii(std::move(channel)), bound = *bound, size = *size](sql_reader& sql) {
        std::vector<chat_message_row> rows;
        for (const auto& r : sql.run(statement::chat_history, channel, bound, size.limit())) {
          chat_message_row m;
          m.id = r[0].as<std::string>();
          m.channel = r[1].as<std::string>();
          m.sequence = r[2].as<std::uint64_t>();
          m.sender = r[3].as<std::string>();
          m.display_name = r[4].as<std::string>();
          m.text = r[5].as<std::string>();
          m.reply_to = optional_field<std::string>(r[6]);
          m.badges = text_array_from(r[7]);
          m.sent_at_us = r[8].as<std::int64_t>();
          m.position = r[9].as<log_position>();
          rows.push_back(std::move(m));
        }
        return make_page(std::move(rows), size, [](const chat_message_row& m) {
          return number_cursor(message_tag, m.sequence);
        });
      },
      std::move(done));
}

}  // namespace streamhub::projections::read
