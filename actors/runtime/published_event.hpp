#pragma once
// An event as published to live subscribers: the durable envelope (its JSON
// payload encoded once) and the decoded domain event, both shared by every
// receiver so no subscriber re-encodes or re-parses anything.

#include <memory>
#include <variant>

#include "protocol/domain/channel_events.hpp"
#include "protocol/domain/chat_events.hpp"
#include "protocol/domain/user_events.hpp"
#include "protocol/event_envelope.hpp"

namespace streamhub::actors {

using domain_event = std::variant<domain::user_event, domain::channel_event, domain::chat_event>;

struct published_event {
  event_envelope envelope;
  domain_event event;
};

using published_event_ptr = std::shared_ptr<const published_event>;

}  // namespace streamhub::actors
