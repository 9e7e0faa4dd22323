#include "tools/streamhub/admin_output.hpp"

#include <nlohmann/json.hpp>

namespace streamhub::tools {

namespace {

using json = nlohmann::ordered_json;

constexpr std::string_view kKey = "\x1b[34m";      // blue
constexpr std::string_view kString = "\x1b[32m";   // green
constexpr std::string_view kNumber = "\x1b[36m";   // cyan
constexpr std::string_view kLiteral = "\x1b[35m";  // magenta: true, false, null
constexpr std::string_view kReset = "\x1b[0m";

void paint(std::string& out, std::string_view colour, const std::string& text) {
  out.append(colour).append(text).append(kReset);
}

void pretty(std::string& out, const json& j, int depth) {
  const std::string indent(static_cast<std::size_t>(depth + 1) * 2, ' ');
  const std::string closing(static_cast<std::size_t>(depth) * 2, ' ');
  if (j.is_object() || j.is_array()) {
    const bool object = j.is_object();
    if (j.empty()) {
      out += object ? "{}" : "[]";
      return;
    }
    out += object ? "{\n" : "[\n";
    bool first = true;
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (!first) out += ",\n";
      first = false;
      out += indent;
      if (object) {
        paint(out, kKey, json(it.key()).dump());
        out += ": ";
      }
      pretty(out, *it, depth + 1);
    }
    out += "\n" + closing + (object ? "}" : "]");
  } else if (j.is_string()) {
    paint(out, kString, j.dump());
  } else if (j.is_number()) {
    paint(out, kNumber, j.dump());
  } else {
    paint(out, kLiteral, j.dump());
  }
}

}  // namespace

std::string format_answer(std::string_view text, admin_style style) {
  const json j = json::parse(text, nullptr, false);
  if (j.is_discarded()) return std::string(text) + "\n";
  if (style == admin_style::plain) return j.dump() + "\n";
  std::string out;
  pretty(out, j, 0);
  return out + "\n";
}

}  // namespace streamhub::tools
