#include "protocol/event_json.hpp"

#include <cstdio>
#include <ctime>

#include <nlohmann/json.hpp>

namespace streamhub {

using nlohmann::json;

std::string format_timestamp_us(std::int64_t timestamp_us) {
  std::int64_t secs = timestamp_us / 1'000'000;
  std::int64_t micros = timestamp_us % 1'000'000;
  if (micros < 0) {
    micros += 1'000'000;
    secs -= 1;
  }
  const std::time_t t = static_cast<std::time_t>(secs);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%06lldZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<long long>(micros));
  return buf;
}

result<std::int64_t> parse_timestamp_us(std::string_view text) {
  int y, mo, d, h, mi, s;
  long long micros = 0;
  int consumed = 0;
  const std::string str(text);
  if (std::sscanf(str.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &consumed) !=
      6)
    return error{error_code::invalid, "bad timestamp: " + str};
  std::string_view rest = text.substr(static_cast<std::size_t>(consumed));
  if (!rest.empty() && rest.front() == '.') {
    rest.remove_prefix(1);
    int digits = 0;
    while (!rest.empty() && rest.front() >= '0' && rest.front() <= '9') {
      if (digits < 6) {
        micros = micros * 10 + (rest.front() - '0');
        ++digits;
      }
      rest.remove_prefix(1);
    }
    while (digits++ < 6) micros *= 10;
  }
  if (rest != "Z") return error{error_code::invalid, "bad timestamp (want UTC 'Z'): " + str};
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  return static_cast<std::int64_t>(timegm(&tm)) * 1'000'000 + micros;
}

std::string to_json(const event_envelope& e) {
  json j;
  j["position"] = e.position;
  j["stream"] = e.stream_id;
  j["version"] = e.version;
  j["type"] = e.type;
  j["schema"] = e.schema_version;
  j["time"] = format_timestamp_us(e.timestamp_us);
  j["id"] = e.id.to_string();
  if (!e.causation_id.is_nil()) j["causation"] = e.causation_id.to_string();
  if (!e.correlation_id.is_nil()) j["correlation"] = e.correlation_id.to_string();
  j["actor"] = e.actor;
  json payload = json::parse(e.payload, nullptr, /*allow_exceptions=*/false);
  j["payload"] = payload.is_discarded() ? json(e.payload) : std::move(payload);
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

result<event_envelope> event_from_json(std::string_view text) {
  const json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return error{error_code::invalid, "event JSON is not an object"};
  event_envelope e;
  auto bad = [](const char* field) {
    return error{error_code::invalid, std::string("event JSON: bad or missing \"") + field + "\""};
  };
  auto get_id = [&](const char* field, event_id& out, bool required) -> bool {
    auto it = j.find(field);
    if (it == j.end()) return !required;
    if (!it->is_string()) return false;
    auto id = event_id::parse(it->get<std::string>());
    if (!id) return false;
    out = *id;
    return true;
  };
  try {
    if (!j.contains("stream") || !j["stream"].is_string()) return bad("stream");
    if (!j.contains("type") || !j["type"].is_string()) return bad("type");
    e.position = j.value("position", std::uint64_t{0});
    e.stream_id = j["stream"].get<std::string>();
    e.version = j.value("version", std::uint64_t{0});
    e.type = j["type"].get<std::string>();
    e.schema_version = j.value("schema", std::uint32_t{1});
    if (auto it = j.find("time"); it != j.end()) {
      if (!it->is_string()) return bad("time");
      auto ts = parse_timestamp_us(it->get<std::string>());
      if (!ts) return std::move(ts).err();
      e.timestamp_us = *ts;
    }
    if (!get_id("id", e.id, true)) return bad("id");
    if (!get_id("causation", e.causation_id, false)) return bad("causation");
    if (!get_id("correlation", e.correlation_id, false)) return bad("correlation");
    e.actor = j.value("actor", std::string{});
    if (auto it = j.find("payload"); it != j.end()) e.payload = it->dump();
  } catch (const json::exception& ex) {
    return error{error_code::invalid, std::string("event JSON: ") + ex.what()};
  }
  return e;
}

}  // namespace streamhub
