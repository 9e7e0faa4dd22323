#pragma once
// The global emote set, for emote-only chat mode: a message passes when
// every white-space separated word is an emote code.

#include <string_view>

namespace streamhub::domain {

/// True when `word` is a known emote code (case-sensitive, as Twitch's).
bool is_emote(std::string_view word) noexcept;

/// True when `text` has at least one word and every word is an emote.
bool is_emote_only(std::string_view text) noexcept;

}  // namespace streamhub::domain
