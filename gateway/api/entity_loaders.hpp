#pragma once
// Per-request loaders of entity views: the first resolver asking for user
// "bob" reads the user actor, later ones in the same request wait for (or
// reuse) that answer. Reads go to the actors (fresh state); answers come
// back on the execution's thread through the request's post hook.
//
// Thread-safety: called only on the request's execution thread.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "gateway/api/entity_views.hpp"
#include "protocol/error.hpp"

namespace streamhub::gateway::api {

struct request_context;

class entity_loaders {
 public:
  template <class View>
  using callback = std::function<void(const result<std::shared_ptr<const View>>&)>;

  /// `ctx` owns this object and outlives every read it starts.
  explicit entity_loaders(request_context& ctx) : ctx_(ctx) {}

  void user(const std::string& id, callback<user_view> then);
  void channel(const std::string& id, callback<channel_view> then);
  void chat(const std::string& id, callback<chat_view> then);

  /// Drops what was loaded for `id` (a mutation changed it).
  void forget(const std::string& id);

 private:
  template <class View>
  struct slot {
    std::optional<result<std::shared_ptr<const View>>> answer;
    std::vector<callback<View>> waiting;
  };
  template <class View>
  using table = std::unordered_map<std::string, slot<View>>;

  /// Answers at once when loaded; else queues `then`, starting `start` for
  /// the first asker. `start` gets a completion to call from any thread.
  template <class View, class Start>
  void load(table<View>& t, const std::string& id, callback<View> then, Start&& start);

  request_context& ctx_;
  table<user_view> users_;
  table<channel_view> channels_;
  table<chat_view> chats_;
};

}  // namespace streamhub::gateway::api
