#include "gateway/api/entity_loaders.hpp"

#include "actors/runtime.hpp"
#include "gateway/api/request_context.hpp"

namespace streamhub::gateway::api {

template <class View, class Start>
void entity_loaders::load(table<View>& t, const std::string& id, callback<View> then,
                          Start&& start) {
  auto& s = t[id];
  if (s.answer) {
    then(*s.answer);
    return;
  }
  s.waiting.push_back(std::move(then));
  if (s.waiting.size() > 1) return;  // Already loading.
  // The answer arrives on an actor thread and is handed over on the
  // execution's thread, where the table lives.
  auto finish = [this, &t, id, post = ctx_.post](result<std::shared_ptr<const View>> answer) {
    post([this, &t, id, answer = std::move(answer)]() mutable {
      auto& slot = t[id];
      slot.answer = std::move(answer);
      auto waiting = std::move(slot.waiting);
      slot.waiting.clear();
      for (auto& w : waiting) w(*slot.answer);
    });
  };
  std::forward<Start>(start)(std::move(finish));
}

void entity_loaders::user(const std::string& id, callback<user_view> then) {
  load(users_, id, std::move(then), [&](auto finish) {
    ctx_.services.runtime.read_user(
        id, [id, finish = std::move(finish)](result<actors::state_view<actors::user_state>> r) {
          if (!r) return finish(std::move(r).err());
          finish(std::make_shared<const user_view>(user_view::of(id, *r->state)));
        });
  });
}

void entity_loaders::channel(const std::string& id, callback<channel_view> then) {
  load(channels_, id, std::move(then), [&](auto finish) {
    ctx_.services.runtime.read_channel(
        id, [id, viewer = ctx_.viewer, now = ctx_.services.clock(),
             finish = std::move(finish)](result<actors::state_view<actors::channel_state>> r) {
          if (!r) return finish(std::move(r).err());
          finish(std::make_shared<const channel_view>(channel_view::of(id, *r->state, viewer, now)));
        });
  });
}

void entity_loaders::chat(const std::string& id, callback<chat_view> then) {
  load(chats_, id, std::move(then), [&](auto finish) {
    ctx_.services.runtime.read_chat(
        id, [id, finish = std::move(finish)](result<actors::state_view<actors::chat_state>> r) {
          if (!r) return finish(std::move(r).err());
          finish(std::make_shared<const chat_view>(chat_view::of(id, *r->state)));
        });
  });
}

namespace {
// Drops an answered slot; one still loading keeps its waiters.
template <class Table>
void forget_in(Table& t, const std::string& id) {
  auto it = t.find(id);
  if (it != t.end() && it->second.answer) t.erase(it);
}
}  // namespace

void entity_loaders::forget(const std::string& id) {
  forget_in(users_, id);
  forget_in(channels_, id);
  forget_in(chats_, id);
}

}  // namespace streamhub::gateway::api
