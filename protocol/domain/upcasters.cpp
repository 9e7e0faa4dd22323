#include "protocol/domain/upcasters.hpp"

#include <map>
#include <utility>

namespace streamhub::domain {

namespace {

std::map<std::pair<std::string, std::uint32_t>, upcaster, std::less<>>& registry() {
  static std::map<std::pair<std::string, std::uint32_t>, upcaster, std::less<>> steps;
  return steps;
}

}  // namespace

void register_upcaster(std::string_view type, std::uint32_t from_version, upcaster step) {
  registry()[{std::string(type), from_version}] = std::move(step);
}

result<std::string> upcast_payload(std::string_view type, std::uint32_t from_version,
                                   std::uint32_t to_version, std::string_view payload) {
  if (from_version > to_version)
    return error{error_code::invalid, std::string(type) + " schema version " +
                                          std::to_string(from_version) +
                                          " is newer than this build knows (" +
                                          std::to_string(to_version) + ")"};
  std::string current(payload);
  for (std::uint32_t v = from_version; v < to_version; ++v) {
    auto it = registry().find(std::pair<std::string, std::uint32_t>{std::string(type), v});
    if (it == registry().end())
      return error{error_code::invalid, "no upcaster for " + std::string(type) + " from schema " +
                                            std::to_string(v)};
    auto next = it->second(current);
    if (!next) return std::move(next).err();
    current = std::move(*next);
  }
  return current;
}

}  // namespace streamhub::domain
