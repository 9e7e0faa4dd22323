#include "protocol/domain/emotes.hpp"

#include <algorithm>
#include <array>

namespace streamhub::domain {

namespace {

// Sorted, for binary search.
constexpr std::array<std::string_view, 28> kEmotes = {
    "4Head",
    ":(",
    ":)",
    ":D",
    ":O",
    ":P",
    "<3",
    "BibleThump",
    "CoolCat",
    "DansGame",
    "FailFish",
    "GG",
    "HeyGuys",
    "Jebaited",
    "KEKW",
    "Kappa",
    "Kreygasm",
    "LUL",
    "NotLikeThis",
    "PJSalt",
    "PogChamp",
    "ResidentSleeper",
    "SeemsGood",
    "SwiftRage",
    "TriHard",
    "VoHiYo",
    "WutFace",
    "monkaS"};

static_assert(std::is_sorted(kEmotes.begin(), kEmotes.end()));

}  // namespace

bool is_emote(std::string_view word) noexcept {
  return std::binary_search(kEmotes.begin(), kEmotes.end(), word);
}

bool is_emote_only(std::string_view text) noexcept {
  bool any = false;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    if (i == text.size()) break;
    std::size_t j = i;
    while (j < text.size() && text[j] != ' ' && text[j] != '\t') ++j;
    if (!is_emote(text.substr(i, j - i))) return false;
    any = true;
    i = j;
  }
  return any;
}

}  // namespace streamhub::domain
