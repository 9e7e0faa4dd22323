// Search over users, channels and posts: one ranked statement for the page's
// keys, then one batched load per kind, all in one snapshot.

#include <map>

#include "projections/read/cursor.hpp"
#include "projections/read/query_service_impl.hpp"
#include "projections/read/read_statements.hpp"
#include "projections/sql/pg_array.hpp"

namespace streamhub::projections::read {
namespace {

constexpr char search_tag = 'q';
constexpr std::size_t max_query_size = 100;

// `text` with LIKE's wildcards and escape character taken literally.
std::string like_escaped(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

struct search_key {
  std::string kind;
  std::string key;
  std::int64_t score = 0;
};

}  // namespace

void query_service::search(std::string text, page_request request,
                           reply<page<search_hit>> done) {
  auto size = checked_page_size(request.first);
  if (!size) return impl_->fail(std::move(size).err(), std::move(done));
  if (text.find_first_not_of(" \t\n") == std::string::npos || text.size() > max_query_size) {
    return impl_->fail(error{error_code::invalid, "a search needs 1 to 100 characters"},
                       std::move(done));
  }
  search_key after{"", "", before_all};
  if (request.after) {
    auto fields = decode_cursor(*request.after, search_tag, 3);
    if (!fields) return impl_->fail(std::move(fields).err(), std::move(done));
    auto score = parse_cursor_number((*fields)[0]);
    if (!score) return impl_->fail(std::move(score).err(), std::move(done));
    after = search_key{std::move((*fields)[1]), std::move((*fields)[2]), *score};
  }
  impl_->run<page<search_hit>>(
      "search", sql_reader::mode::snapshot,
      [text = std::move(text), after = std::move(after), size = *size](sql_reader& sql) {
        const std::string escaped = like_escaped(text);
        std::vector<search_key> keys;
        sql::pg_array users, channels, posts;
        for (const auto& r : sql.run(statement::search, text, "%" + escaped + "%", escaped + "%",
                                     after.score, after.kind, after.key, size.limit())) {
          search_key k{r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::int64_t>()};
          if (keys.size() < static_cast<std::size_t>(size.rows)) {
            (k.kind == "user" ? users : k.kind == "channel" ? channels : posts).add(k.key);
          }
          keys.push_back(std::move(k));
        }
        std::map<std::pair<std::string, std::string>, search_hit> found;
        if (!users.empty()) {
          for (const auto& r : sql.run(statement::users_by_logins, users.literal())) {
            auto u = user_from(r);
            auto key = std::pair{std::string("user"), u.login};
            found.emplace(std::move(key), search_hit{std::move(u)});
          }
        }
        if (!channels.empty()) {
          for (const auto& r : sql.run(statement::channels_by_logins, channels.literal())) {
            auto c = channel_from(r);
            auto key = std::pair{std::string("channel"), c.login};
            found.emplace(std::move(key), search_hit{std::move(c)});
          }
        }
        if (!posts.empty()) {
          for (const auto& r : sql.run(statement::posts_by_ids, posts.literal())) {
            auto p = post_from(r);
            auto key = std::pair{std::string("post"), p.id};
            found.emplace(std::move(key), search_hit{std::move(p)});
          }
        }
        page<search_hit> out;
        out.has_next_page = keys.size() > static_cast<std::size_t>(size.rows);
        if (out.has_next_page) keys.resize(static_cast<std::size_t>(size.rows));
        for (auto& k : keys) {
          auto it = found.find({k.kind, k.key});
          if (it == found.end()) continue;  // cannot happen within one snapshot
          out.edges.push_back(
              {encode_cursor(search_tag, {std::to_string(k.score), k.kind, k.key}),
               std::move(it->second)});
        }
        return out;
      },
      std::move(done));
}

}  // namespace streamhub::projections::read
