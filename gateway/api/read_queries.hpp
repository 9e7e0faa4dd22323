#pragma once
// How a resolver answers from the read models without blocking its I/O
// thread: the field is deferred, the query runs on the query service's
// workers, and the completer is called from there.
//
//   return read_later(call, {read_model::chat}, [channel, request](auto& reads, auto done) {
//     reads.chat_history(channel, request, answer_with<page<chat_message_row>>(done, make));
//   });
//
// Read-your-writes: when the request passed extensions.minPosition, the
// query starts only once every model it reads has applied that position;
// past the request's deadline the field fails with TIMEOUT.
//
// Read errors become field errors (to_field_error): BAD_USER_INPUT (a cursor
// of another list), UNAVAILABLE (PostgreSQL down, read side overloaded or
// stopping), TIMEOUT (a query, or a read-your-writes wait, took too long),
// INTERNAL_SERVER_ERROR.
//
// Thread-safety: read_later, page_request_of, user_rows_of and
// page_users_of on the execution thread; the rest on any thread.

#include <memory>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "gateway/api/errors.hpp"
#include "gateway/api/read_values.hpp"
#include "gateway/api/request_context.hpp"
#include "gateway/api/user_row_loader.hpp"
#include "projections/read/query_service.hpp"
#include "protocol/graphql/execution/resolver.hpp"

namespace streamhub::gateway::api {

/// The error of read-model fields on a node without read models: UNAVAILABLE.
graphql::field_error no_read_models();

/// `first` (1..max_page) and `after` of a connection field.
/// Errors: invalid (first out of range).
result<projections::read::page_request> page_request_of(const graphql::field_call& call);

/// The request's user row loader, made on first use. REQUIRES: the node has
/// read models.
std::shared_ptr<user_row_loader> user_rows_of(request_context& ctx);

/// Defers the field: once `models` have caught up with the request's
/// minPosition, calls start(query_service&, completer) (on a worker, or at
/// once when there is nothing to wait for). `start` must not touch the
/// request context: it may run after the pass that made it. Without read
/// models: UNAVAILABLE.
template <class Start>
graphql::field_result read_later(const graphql::field_call& call, projections::read::read_model_set models,
                                 Start start) {
  auto& ctx = *call.context_as<request_context>();
  auto* reads = ctx.services.reads;
  if (reads == nullptr) return no_read_models();
  const auto min_position = ctx.min_position;
  const auto deadline = ctx.read_deadline;
  return call.defer([&](graphql::completer done) {
    if (min_position == 0) return start(*reads, std::move(done));
    reads->wait_for_position(min_position, models, deadline,
                             [reads, done, start = std::move(start)](result<void> caught_up) mutable {
                               if (!caught_up) return done.fail(to_field_error(caught_up.err()));
                               start(*reads, std::move(done));
                             });
  });
}

/// A reply that completes `done` with make(T&&) (a graphql::value), or with
/// the read error.
template <class T, class Make>
projections::read::reply<T> answer_with(graphql::completer done, Make make) {
  return [done = std::move(done), make = std::move(make)](result<T> r) mutable {
    if (!r) return done.fail(to_field_error(r.err()));
    done.resolve(make(std::move(*r)));
  };
}

/// What a page naming users needs to load them: who asks (their own User
/// is left to their actor) and the request's loader to prime.
struct page_users {
  std::string viewer;
  std::shared_ptr<user_row_loader> loader;
};
/// REQUIRES: the node has read models. On the execution thread.
page_users page_users_of(request_context& ctx);

/// A reply for a page naming users: loads every user logins_of(row, set)
/// names in one statement (priming the loader), then completes `done` with
/// make(page, user_refs). Users that cannot be loaded are left to their
/// actors.
template <class Page, class LoginsOf, class Make>
projections::read::reply<Page> answer_with_users(projections::read::query_service& reads,
                                                 graphql::completer done, page_users users,
                                                 LoginsOf logins_of, Make make) {
  return [reads = &reads, done = std::move(done), users = std::move(users), logins_of = std::move(logins_of),
          make = std::move(make)](result<Page> r) mutable {
    if (!r) return done.fail(to_field_error(r.err()));
    std::unordered_set<std::string> distinct;
    for (const auto& e : r->edges) logins_of(e.node, distinct);
    auto page = std::make_shared<Page>(std::move(*r));
    if (distinct.empty()) return done.resolve(make(*page, user_refs{}));
    reads->users_by_logins(std::vector<std::string>(distinct.begin(), distinct.end()),
                           [done, users, page, make](result<std::vector<projections::read::user_row>> rows) {
                             user_refs refs;
                             if (rows) {
                               users.loader->prime(*rows);
                               for (const auto& u : *rows)
                                 refs.emplace(u.login, user_ref_of(u, users.viewer));
                             }
                             done.resolve(make(*page, refs));
                           });
  };
}

}  // namespace streamhub::gateway::api
