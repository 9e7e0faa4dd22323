#pragma once
// Decoding an envelope into the domain event of an entity type, and the
// mapping from entity type to its stream ids.

#include <string>
#include <string_view>

#include "actors/entities/channel_entity.hpp"
#include "actors/entities/chat_entity.hpp"
#include "actors/entities/user_entity.hpp"
#include "protocol/domain/event_codec.hpp"

namespace streamhub::actors {

template <class Entity>
result<typename Entity::event> decode_entity_event(const event_envelope& e) {
  if constexpr (std::is_same_v<Entity, user_entity>)
    return domain::decode_user_event(e.type, e.schema_version, e.payload);
  else if constexpr (std::is_same_v<Entity, channel_entity>)
    return domain::decode_channel_event(e.type, e.schema_version, e.payload);
  else
    return domain::decode_chat_event(e.type, e.schema_version, e.payload);
}

template <class Entity>
std::string stream_of(std::string_view login) {
  return domain::entity_id{Entity::kind, std::string(login)}.str();
}

}  // namespace streamhub::actors
