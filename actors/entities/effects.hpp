#pragma once
// What an entity may ask of the world after its events are durable: send a
// command to another channel and continue when it answers (a raid's second
// leg), or push live notifications to users. Implemented by the entity actor
// shell; a recording fake in tests.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "protocol/domain/channel_commands.hpp"
#include "protocol/domain/command_context.hpp"
#include "protocol/error.hpp"
#include "actors/runtime/published_event.hpp"

namespace streamhub::actors {

class entity_effects {
 public:
  /// Maps the answer of another entity (nullptr: success) to a follow-up
  /// command for the asking channel, run as the system; nullopt: nothing.
  using channel_continuation =
      std::function<std::optional<domain::channel_command>(const error* failure)>;

  virtual ~entity_effects() = default;

  /// Sends `cmd` to channel `target_login`. `then` runs in the sender's
  /// actor once the target answered (after a restart of the sender, the
  /// entity re-sends from on_recovered instead).
  virtual void send_to_channel(std::string target_login, domain::command_context ctx,
                               domain::channel_command cmd, channel_continuation then) = 0;

  /// Delivers `event` as a live notification to each user in `recipients`
  /// (logins). Never blocks the caller: fan-out happens elsewhere.
  virtual void notify(std::shared_ptr<const std::vector<std::string>> recipients,
                      published_event_ptr event) = 0;
};

}  // namespace streamhub::actors
