#pragma once
// Every message the entity actors exchange, registered with CAF in this one
// place. These messages stay inside one process (they carry callbacks and
// shared pointers), so they are declared as unsafe (non-serialisable) CAF
// message types.
//
// Requests that must be answered exactly once travel inside `routed<R>`: if
// the message is destroyed unanswered (its actor stopped before handling
// it), the destructor hands the request back to the runtime, which sends it
// again to a fresh activation (bounded) or fails it with `unavailable`.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <caf/atom.hpp>
#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/type_id.hpp>

#include "actors/runtime.hpp"

namespace streamhub::actors {

class runtime_core;

template <class Entity>
struct command_request {
  std::string login;
  domain::command_context ctx;
  typename Entity::command cmd;
  callback<command_outcome> done;
  int attempts = 0;
};

template <class Entity>
struct read_request {
  std::string login;
  callback<state_view<typename Entity::state>> read;
  int attempts = 0;
};

struct subscribe_request {
  std::string stream_id;
  event_number from_version = 1;
  std::uint64_t subscription_id = 0;
  std::shared_ptr<event_subscriber> subscriber;
  int attempts = 0;
};

struct admin_request {
  enum class kind { inspect, snapshot, passivate, shutdown };
  kind what = kind::inspect;
  std::string stream_id;
  std::function<void(result<std::string>)> done;
  int attempts = 0;
};

/// Implemented in runtime_core.cpp: resend or fail a dropped request.
void on_dropped(runtime_core& core, std::unique_ptr<command_request<user_entity>> r);
void on_dropped(runtime_core& core, std::unique_ptr<command_request<channel_entity>> r);
void on_dropped(runtime_core& core, std::unique_ptr<command_request<chat_entity>> r);
void on_dropped(runtime_core& core, std::unique_ptr<read_request<user_entity>> r);
void on_dropped(runtime_core& core, std::unique_ptr<read_request<channel_entity>> r);
void on_dropped(runtime_core& core, std::unique_ptr<read_request<chat_entity>> r);
void on_dropped(runtime_core& core, std::unique_ptr<subscribe_request> r);
void on_dropped(runtime_core& core, std::unique_ptr<admin_request> r);

template <class Request>
class routed {
 public:
  routed(runtime_core& core, std::unique_ptr<Request> request)
      : core_(&core), request_(std::move(request)) {}
  routed(const routed&) = delete;
  routed& operator=(const routed&) = delete;
  ~routed() {
    if (request_) on_dropped(*core_, std::move(request_));
  }
  /// Takes the request for handling; the routed shell then drops nothing.
  std::unique_ptr<Request> take() noexcept { return std::move(request_); }

 private:
  runtime_core* core_;
  std::unique_ptr<Request> request_;
};

template <class Entity>
using command_msg = std::shared_ptr<routed<command_request<Entity>>>;
template <class Entity>
using read_msg = std::shared_ptr<routed<read_request<Entity>>>;
using subscribe_msg = std::shared_ptr<routed<subscribe_request>>;
using admin_msg = std::shared_ptr<routed<admin_request>>;
using append_outcome = result<storage::append_result>;
using published_batch = std::vector<published_event_ptr>;
using recipients_ptr = std::shared_ptr<const std::vector<std::string>>;

namespace msg {
using user_command_msg = command_msg<user_entity>;
using channel_command_msg = command_msg<channel_entity>;
using chat_command_msg = command_msg<chat_entity>;
using user_read_msg = read_msg<user_entity>;
using channel_read_msg = read_msg<channel_entity>;
using chat_read_msg = read_msg<chat_entity>;
}  // namespace msg

/// Timers an entity actor sets for itself.
enum class timer : std::uint8_t { idle_check, publish_viewers, sample_viewers };

}  // namespace streamhub::actors

CAF_BEGIN_TYPE_ID_BLOCK(streamhub, caf::first_custom_type_id)
  CAF_ADD_ATOM(streamhub, streamhub::actors, append_done_atom, "appendDone")
  CAF_ADD_ATOM(streamhub, streamhub::actors, unsubscribe_atom, "unsub")
  CAF_ADD_ATOM(streamhub, streamhub::actors, replica_atom, "replica")
  CAF_ADD_ATOM(streamhub, streamhub::actors, resubscribe_atom, "resub")
  CAF_ADD_ATOM(streamhub, streamhub::actors, continue_atom, "continue")
  CAF_ADD_ATOM(streamhub, streamhub::actors, presence_atom, "presence")
  CAF_ADD_ATOM(streamhub, streamhub::actors, timer_atom, "timer")
  CAF_ADD_ATOM(streamhub, streamhub::actors, fanout_atom, "fanout")
CAF_END_TYPE_ID_BLOCK(streamhub)

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(streamhub::actors::msg::user_command_msg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(streamhub::actors::msg::channel_command_msg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(streamhub::actors::msg::chat_command_msg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(streamhub::actors::msg::user_read_msg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(streamhub::actors::msg::channel_read_msg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(streamhub::actors::msg::chat_read_msg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(streamhub::actors::subscribe_msg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(streamhub::actors::admin_msg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(streamhub::actors::append_outcome)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(streamhub::actors::published_batch)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(streamhub::actors::published_event_ptr)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(streamhub::actors::recipients_ptr)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(streamhub::actors::timer)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(streamhub::domain::user_command)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(streamhub::domain::channel_command)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(streamhub::domain::chat_command)
