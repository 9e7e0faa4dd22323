// Chat history and moderation log (READ_MODELS.md, "chat").
//
// Messages are the bulk of the log, so they are buffered and written with one
// multi-row INSERT per batch (live tables) or one COPY (a rebuild's tables:
// only this writer writes them); a deletion or a clear first writes what is
// buffered, so it sees every earlier message, and a COPY must be complete
// before any other statement of the transaction.

#include <pqxx/stream_to>
#include <pqxx/transaction_base>

#include <array>
#include <tuple>

#include "projections/models/event_dispatch.hpp"
#include "projections/models/read_models.hpp"
#include "projections/sql/pg_array.hpp"
#include "projections/sql/timestamp_text.hpp"

namespace streamhub::projections {
namespace {

using namespace domain;

constexpr std::string_view ddl_sql = R"sql(
CREATE TABLE {schema}.messages (
  channel text NOT NULL,
  sequence bigint NOT NULL,
  id uuid NOT NULL,
  sender text NOT NULL,
  display_name text NOT NULL,
  body text NOT NULL,
  reply_to uuid,
  badges text[] NOT NULL,
  sent_at timestamptz NOT NULL,
  position bigint NOT NULL,
  PRIMARY KEY (channel, sequence)
);
CREATE UNIQUE INDEX messages_by_id ON {schema}.messages (id);

CREATE TABLE {schema}.moderation_log (
  channel text NOT NULL,
  sequence bigint NOT NULL,
  action text NOT NULL
    CHECK (action IN ('delete', 'clear', 'timeout', 'ban', 'unban', 'modes')),
  moderator text NOT NULL,
  target text,
  message_id uuid,
  duration_s bigint,
  until timestamptz,
  reason text,
  modes jsonb,
  at timestamptz NOT NULL,
  position bigint NOT NULL,
  PRIMARY KEY (channel, sequence)
);
)sql";

constexpr const char* insert_messages = "chat_insert_messages";
constexpr const char* delete_message = "chat_delete_message";
constexpr const char* clear_room = "chat_clear_room";
constexpr const char* insert_moderation = "chat_insert_moderation";

constexpr std::array<const char*, 10> copied_columns{
    "channel", "sequence", "id", "sender", "display_name",
    "body",    "reply_to", "badges", "sent_at", "position"};

class chat_writer final : public projection_writer {
 public:
  chat_writer(pqxx::transaction_base& tx, const std::string& schema, write_target target)
      : tx_(tx), schema_(schema), copy_(target == write_target::rebuild) {}

  result<void> apply(const event_envelope& event) override { return dispatch(event, *this); }

  void flush() override {
    if (copy_) return copy_messages();
    auto& m = messages_;
    if (m.rows == 0) return;
    tx_.exec_prepared0(insert_messages, m.channel.literal(), m.sequence.literal(),
                       m.id.literal(), m.sender.literal(), m.display_name.literal(),
                       m.body.literal(), m.reply_to.literal(), m.badges.literal(),
                       m.sent_at.literal(), m.position.literal());
    messages_ = {};
  }

  void operator()(const event_envelope& e, std::string_view room, const chat_message_posted& p) {
    if (copy_) {
      copied_.push_back({std::string(room), static_cast<std::int64_t>(e.version),
                         e.id.to_string(), p.user, p.display_name, p.text, p.reply_to,
                         sql::text_array_literal(p.badges), sql::timestamptz_text(e.timestamp_us),
                         static_cast<std::int64_t>(e.position)});
      return;
    }
    auto& m = messages_;
    m.channel.add(room);
    m.sequence.add(static_cast<std::int64_t>(e.version));
    m.id.add(e.id.to_string());
    m.sender.add(p.user);
    m.display_name.add(p.display_name);
    m.body.add(p.text);
    m.reply_to.add(p.reply_to);
    m.badges.add(sql::text_array_literal(p.badges));
    m.sent_at.add(e.timestamp_us);
    m.position.add(e.position);
    ++m.rows;
  }

  void operator()(const event_envelope& e, std::string_view room, const chat_message_deleted& d) {
    flush();
    tx_.exec_prepared0(delete_message, d.message_id, std::string(room));
    moderation(e, room, "delete").message_id = d.message_id;
    record();
  }

  void operator()(const event_envelope& e, std::string_view room, const chat_cleared&) {
    flush();
    tx_.exec_prepared0(clear_room, std::string(room), static_cast<std::int64_t>(e.version));
    moderation(e, room, "clear");
    record();
  }

  void operator()(const event_envelope& e, std::string_view room, const user_timed_out& t) {
    auto& row = moderation(e, room, "timeout");
    row.target = t.user;
    row.duration_s = t.duration_s;
    row.until_us = t.until_us;
    row.reason = t.reason;
    record();
  }

  void operator()(const event_envelope& e, std::string_view room, const user_banned& b) {
    auto& row = moderation(e, room, "ban");
    row.target = b.user;
    row.reason = b.reason;
    record();
  }

  void operator()(const event_envelope& e, std::string_view room, const user_unbanned& u) {
    moderation(e, room, "unban").target = u.user;
    record();
  }

  void operator()(const event_envelope& e, std::string_view room, const chat_modes_changed& m) {
    std::string modes = "{\"slowModeSeconds\":" + std::to_string(m.slow_mode_s) +
                        ",\"followersOnlyMinutes\":" +
                        (m.followers_only_min ? std::to_string(*m.followers_only_min) : "null") +
                        ",\"subscribersOnly\":" + (m.subscribers_only ? "true" : "false") +
                        ",\"emoteOnly\":" + (m.emote_only ? "true" : "false") + "}";
    moderation(e, room, "modes").modes = std::move(modes);
    record();
  }

 private:
  struct moderation_row {
    const event_envelope* event = nullptr;
    std::string channel;
    const char* action = "";
    std::optional<std::string> target, message_id, reason, modes;
    std::optional<std::int64_t> duration_s, until_us;
  };

  moderation_row& moderation(const event_envelope& e, std::string_view room, const char* action) {
    pending_ = moderation_row{};
    pending_.event = &e;
    pending_.channel = room;
    pending_.action = action;
    return pending_;
  }

  void record() {
    const auto& r = pending_;
    tx_.exec_prepared0(insert_moderation, r.channel, static_cast<std::int64_t>(r.event->version),
                       std::string(r.action), actor_login(r.event->actor), r.target, r.message_id,
                       r.duration_s, r.until_us, r.reason, r.modes, r.event->timestamp_us,
                       r.event->position);
  }

  // Buffered messages, one array per column.
  struct message_columns {
    std::size_t rows = 0;
    sql::pg_array channel, sequence, id, sender, display_name, body, reply_to, badges, sent_at,
        position;
  };

  // A buffered message as COPY takes it: timestamps as text, since no SQL
  // function runs on COPY's input.
  struct message_row {
    std::string channel;
    std::int64_t sequence;
    std::string id, sender, display_name, body;
    std::optional<std::string> reply_to;
    std::string badges, sent_at;
    std::int64_t position;
  };

  // One COPY for the buffered messages; stream_to escapes each field as
  // COPY's text format requires (tab, newline, backslash; NULL as \N).
  void copy_messages() {
    if (copied_.empty()) return;
    pqxx::stream_to copy(tx_, schema_ + ".messages", copied_columns);
    for (const auto& m : copied_) {
      // Whole strings, not C strings: a NUL byte must fail as it does in
      // an INSERT, not cut the text short.
      copy << std::forward_as_tuple(m.channel, m.sequence, m.id, m.sender, m.display_name, m.body,
                                    m.reply_to ? m.reply_to->c_str() : nullptr, m.badges,
                                    m.sent_at, m.position);
    }
    copy.complete();
    copied_.clear();
  }

  pqxx::transaction_base& tx_;
  const std::string schema_;
  const bool copy_;
  message_columns messages_;
  std::vector<message_row> copied_;
  moderation_row pending_;
};

class chat_projection final : public projection {
 public:
  read::read_model model() const noexcept override { return read::read_model::chat; }
  std::uint32_t version() const noexcept override { return 1; }

  bool handles(std::string_view type) const noexcept override {
    return is_one_of<chat_message_posted, chat_message_deleted, chat_cleared, user_timed_out,
                     user_banned, user_unbanned, chat_modes_changed>(type);
  }

  std::string_view ddl() const noexcept override { return ddl_sql; }

  std::vector<prepared_statement> statements() const override {
    return {
        {insert_messages,
         "INSERT INTO {schema}.messages (channel, sequence, id, sender, display_name, body, "
         "reply_to, badges, sent_at, position) "
         "SELECT c, s, i, u, d, b, r, g::text[], us_to_timestamptz(t), p FROM unnest("
         "$1::text[], $2::bigint[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::uuid[], "
         "$8::text[], $9::bigint[], $10::bigint[]) AS m(c, s, i, u, d, b, r, g, t, p)"},
        {delete_message, "DELETE FROM {schema}.messages WHERE id = $1::uuid AND channel = $2"},
        {clear_room, "DELETE FROM {schema}.messages WHERE channel = $1 AND sequence < $2"},
        {insert_moderation,
         "INSERT INTO {schema}.moderation_log (channel, sequence, action, moderator, target, "
         "message_id, duration_s, until, reason, modes, at, position) VALUES ($1, $2, $3, $4, $5, "
         "$6::uuid, $7, us_to_timestamptz($8), $9, $10::jsonb, us_to_timestamptz($11), $12)"},
    };
  }

  std::unique_ptr<projection_writer> writer(pqxx::transaction_base& tx, const std::string& schema,
                                            write_target target) const override {
    return std::make_unique<chat_writer>(tx, schema, target);
  }
};

}  // namespace

std::unique_ptr<projection> make_chat_projection() { return std::make_unique<chat_projection>(); }

}  // namespace streamhub::projections
