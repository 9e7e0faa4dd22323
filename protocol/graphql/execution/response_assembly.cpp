// Splicing the chunks of an execution with deferred fields into one
// response: each hole gets its field's chunk (recursively), each nulled
// region is replaced by null together with every hole and region inside.

#include <algorithm>

#include "protocol/graphql/execution/execution_state.hpp"

namespace streamhub::graphql::detail {

void execution_state::assemble(const output_chunk& chunk, std::string& dst) {
  // Nulled regions in text order, outermost first; nested ones are skipped
  // with their container.
  std::vector<const null_region*> nulled;
  for (const null_region* r : chunk.regions) {
    if (r->nulled) nulled.push_back(r);
  }
  std::sort(nulled.begin(), nulled.end(), [](const null_region* a, const null_region* b) {
    return a->begin != b->begin ? a->begin < b->begin : a->end > b->end;
  });
  const std::string_view text = chunk.text.view();
  std::size_t pos = 0;
  std::size_t hole = 0;
  std::size_t region = 0;
  constexpr std::size_t none = static_cast<std::size_t>(-1);
  while (true) {
    const std::size_t next_hole = hole < chunk.holes.size() ? chunk.holes[hole].first : none;
    const std::size_t next_region = region < nulled.size() ? nulled[region]->begin : none;
    const std::size_t next = std::min({next_hole, next_region, text.size()});
    dst.append(text.substr(pos, next - pos));
    pos = next;
    if (next == next_region) {
      const std::size_t end = nulled[region]->end;
      dst += "null";
      pos = end;
      while (hole < chunk.holes.size() && chunk.holes[hole].first < end) ++hole;
      while (region < nulled.size() && nulled[region]->begin < end) ++region;
    } else if (next == next_hole) {
      assemble(chunk.holes[hole].second->out, dst);
      ++hole;
    } else {
      return;
    }
  }
}

}  // namespace streamhub::graphql::detail
