#pragma once
// Relay-style pages: edges (an opaque cursor and a row each) and whether
// more follow. A page starts right after the `after` cursor; cursors are
// keys into the rows' order (keyset pagination), so rows added meanwhile
// never shift a page, and reading page n costs what reading page 1 does.

#include <optional>
#include <string>
#include <vector>

namespace streamhub::projections::read {

/// Pages hold at most this many rows; a larger `first` is capped.
inline constexpr int max_page_size = 100;

struct page_request {
  /// How many rows; 0 gives an empty page (with has_next_page). Negative:
  /// invalid. Above max_page_size: capped.
  int first = 0;
  /// An end cursor of an earlier page of the same query.
  std::optional<std::string> after;
};

template <class Row>
struct edge {
  std::string cursor;
  Row node;
};

template <class Row>
struct page {
  std::vector<edge<Row>> edges;
  bool has_next_page = false;

  /// The last edge's cursor: pass as `after` for the next page.
  std::optional<std::string> end_cursor() const {
    if (edges.empty()) return std::nullopt;
    return edges.back().cursor;
  }
};

}  // namespace streamhub::projections::read
