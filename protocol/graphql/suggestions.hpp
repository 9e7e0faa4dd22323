#pragma once
// "Did you mean ...?" hints, as graphql-js words them (suggestionList and
// didYouMean), for schema building and validation messages.

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace streamhub::graphql {

/// The options close to `input` (Damerau-Levenshtein distance, case
/// changes counting as one edit, within 40% of input's length), closest
/// first, ties in natural order; duplicates removed.
std::vector<std::string_view> suggestion_list(std::string_view input,
                                              std::span<const std::string_view> options);

/// "" for no suggestions, else ` Did you mean "a", "b", or "c"?` (at most
/// five). `sub_message` goes after "mean", e.g. "the enum value".
std::string did_you_mean(std::span<const std::string_view> suggestions,
                         std::string_view sub_message = {});

}  // namespace streamhub::graphql
