#include "tools/streamhub/logging.hpp"

#include <unistd.h>

#include <chrono>

#include <nlohmann/json.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "protocol/event_json.hpp"

namespace streamhub::tools {

namespace {

/// One JSON object per record; the message is escaped by nlohmann::json.
class json_formatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                        msg.time.time_since_epoch())
                        .count();
    const auto level = spdlog::level::to_string_view(msg.level);
    nlohmann::ordered_json line{
        {"time", format_timestamp_us(us)},
        {"level", std::string_view(level.data(), level.size())},
        {"logger", std::string_view(msg.logger_name.data(), msg.logger_name.size())},
        {"msg", std::string_view(msg.payload.data(), msg.payload.size())},
    };
    const std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    dest.append(text.data(), text.data() + text.size());
    dest.push_back('\n');
  }
  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<json_formatter>();
  }
};

}  // namespace

result<log_format> parse_log_format(std::string_view name) {
  if (name.empty()) return ::isatty(STDERR_FILENO) ? log_format::text : log_format::json;
  if (name == "text") return log_format::text;
  if (name == "json") return log_format::json;
  return error{error_code::invalid, "unknown log format '" + std::string(name) + "' (text or json)"};
}

result<void> setup_logging(log_format format, std::string_view level_name) {
  const auto level = spdlog::level::from_str(std::string(level_name));
  if (level == spdlog::level::off && level_name != "off")
    return error{error_code::invalid, "unknown log level '" + std::string(level_name) + "'"};
  auto logger = spdlog::stderr_color_mt("streamhub");
  if (format == log_format::json) {
    logger->set_formatter(std::make_unique<json_formatter>());
  } else {
    logger->set_pattern("%Y-%m-%d %H:%M:%S.%e %^%-5l%$ %v");
  }
  logger->set_level(level);
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(std::move(logger));
  return {};
}

}  // namespace streamhub::tools
