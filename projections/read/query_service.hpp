#pragma once
// The read side: what the gateway's resolvers ask of the read models.
//
// Every query is asynchronous: it returns at once, and its callback is
// called exactly once, from one of the service's worker threads (never the
// caller's), with rows or an error:
//  - invalid: bad input (a cursor of another list, a negative `first`, a
//    malformed id); nothing was asked of PostgreSQL.
//  - unavailable: PostgreSQL cannot be reached now, or the service is
//    overloaded (its queue is full) or stopped. Fails fast: no waiting for
//    a reconnect.
//  - timeout: the query waited for a connection, or ran, longer than
//    allowed (query_service_options).
//  - internal: a bug (a statement that does not run).
// Callbacks must not block: they run on the few threads that serve every
// query.
//
// Lists are keyset-paginated pages (page.hpp): `first` is capped at 100, a
// cursor is a key, never an offset. Rows name other rows by key (a chat
// message its sender's login); load those for a whole page at once with the
// *_by_* methods: one statement for any number of keys.
//
// Each method names the read models it reads; wait_for_position() waits
// for those before a query that must see a mutation's effects.
//
// Thread-safety: every method may be called from any thread.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "projections/read/applied_positions.hpp"
#include "projections/read/page.hpp"
#include "projections/read/read_model.hpp"
#include "projections/read/rows.hpp"
#include "protocol/error.hpp"

namespace streamhub::projections::read {

template <class T>
using reply = std::function<void(result<T>)>;

struct notification_page : page<notification_row> {
  /// Unread notifications of the recipient, in all.
  std::int64_t unread_count = 0;
};

struct query_service_options {
  /// libpq connection string or URL.
  std::string conninfo;
  /// Connections, and worker threads that use them.
  std::size_t connections = 4;
  /// Queries waiting for a worker beyond this many are refused (unavailable).
  std::size_t max_queued = 1024;
  /// A query not started within this time fails with timeout.
  std::chrono::milliseconds queue_timeout{2000};
  /// PostgreSQL cancels a statement running longer (timeout).
  std::chrono::milliseconds statement_timeout{5000};
};

struct query_service_stats {
  /// Queries answered (with rows or an error).
  std::uint64_t queries = 0;
  /// SQL statements executed.
  std::uint64_t statements = 0;
  std::uint64_t failures = 0;
  /// Queries waiting for a worker now.
  std::size_t queued = 0;
  /// wait_for_position calls pending now.
  std::size_t waiting = 0;
};

class query_service {
 public:
  /// Opens no connection yet. `positions` is the projection runtime's.
  query_service(query_service_options options, std::shared_ptr<applied_positions> positions);
  /// stop().
  ~query_service();

  query_service(const query_service&) = delete;
  query_service& operator=(const query_service&) = delete;

  /// Fails queued queries and waits with unavailable, waits for the running
  /// ones, joins the workers. Later calls fail with unavailable. Idempotent.
  void stop();

  // -- Batched loads (one statement each; unknown keys are left out, rows in
  //    no particular order; logins in any case) -------------------------------

  /// Reads: users.
  void users_by_logins(std::vector<std::string> logins, reply<std::vector<user_row>> done);
  /// Reads: channels.
  void channels_by_logins(std::vector<std::string> logins, reply<std::vector<channel_row>> done);
  /// Reads: timelines. Errors: invalid (an id that is not a UUID).
  void posts_by_ids(std::vector<std::string> ids, reply<std::vector<post_row>> done);
  /// The moderators of each channel, ordered by channel, then login. Reads: channels.
  void moderators_of(std::vector<std::string> channels, reply<std::vector<moderator_row>> done);
  /// Which of `channels` `follower` follows (Channel.viewerIsFollowing).
  /// Reads: users.
  void follows_of(std::string follower, std::vector<std::string> channels,
                  reply<std::vector<follow_row>> done);
  /// `subscriber`'s subscriptions to `channels` not expired yet
  /// (Channel.viewerSubscription). Reads: subscriptions.
  void active_subscriptions(std::string subscriber, std::vector<std::string> channels,
                            reply<std::vector<subscription_row>> done);

  // -- Pages ------------------------------------------------------------------

  /// Channels live now, most viewers (latest sample) first; ties by login
  /// descending. With `category`, only that one (any case). Reads: channels.
  void live_streams(page_request request, std::optional<std::string> category,
                    reply<page<channel_row>> done);
  /// A channel's chat, newest first; deleted and cleared messages are gone.
  /// Reads: chat.
  void chat_history(std::string channel, page_request request,
                    reply<page<chat_message_row>> done);
  /// Who follows `channel`, most recent first. Reads: users.
  void followers(std::string channel, page_request request, reply<page<follow_row>> done);
  /// Whom `login` follows, most recent first. Reads: users.
  void following(std::string login, page_request request, reply<page<follow_row>> done);
  /// `recipient`'s notifications, newest first, and how many are unread.
  /// Reads: notifications.
  void notifications(std::string recipient, page_request request, bool unread_only,
                     reply<notification_page> done);
  /// Posts of the channels `login` follows, newest first: the fanned-out
  /// ones merged with those of authors above the fan-out threshold.
  /// Reads: timelines.
  void home_timeline(std::string login, page_request request, reply<page<post_row>> done);
  /// `author`'s posts, newest first. Reads: timelines.
  void user_posts(std::string author, page_request request, reply<page<post_row>> done);
  /// A channel's stream sessions with their figures, newest first.
  /// Reads: channels, analytics.
  void stream_sessions(std::string channel, page_request request,
                       reply<page<stream_session_row>> done);
  /// Users (login, display name), channels (title, category) and posts
  /// (text) containing `text`, case-insensitively; exact matches first, then
  /// prefixes, then by trigram similarity. Errors: invalid (empty or longer
  /// than 100 characters). Reads: users, channels, timelines.
  void search(std::string text, page_request request, reply<page<search_hit>> done);

  // -- Read-your-writes ---------------------------------------------------------

  /// Completes once every model in `models` has applied the log position
  /// `position` (at once if already), or with timeout at `deadline`. Woken
  /// by the projectors in-process; PostgreSQL is not asked.
  void wait_for_position(log_position position, read_model_set models,
                         std::chrono::steady_clock::time_point deadline, reply<void> done);

  query_service_stats stats() const;

  /// Defined inside projections/read only.
  struct impl;

 private:
  std::unique_ptr<impl> impl_;
};

}  // namespace streamhub::projections::read
