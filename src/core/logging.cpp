#include "core/logging.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

namespace echotune::core {
namespace {

// %j: the message as a JSON string literal, quotes included.
class JsonMessageFlag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    std::string text = boost::json::serialize(
        boost::json::string(std::string_view(msg.payload.data(), msg.payload.size())));
    dest.append(text.data(), text.data() + text.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<JsonMessageFlag>();
  }
};

}  // namespace

void InitLogging(const std::string& level) {
  if (spdlog::get("access")) return;
  // One sink per logger: a sink owns its formatter. Each line is one fwrite,
  // so lines of the two loggers never interleave.
  auto main_logger = std::make_shared<spdlog::logger>(
      "echotune", std::make_shared<spdlog::sinks::stdout_sink_mt>());
  auto formatter = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
  formatter->add_flag<JsonMessageFlag>('j').set_pattern(
      R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","msg":%j})");
  main_logger->set_formatter(std::move(formatter));
  main_logger->set_level(spdlog::level::from_str(level));
  spdlog::set_default_logger(main_logger);

  auto access = std::make_shared<spdlog::logger>(
      "access", std::make_shared<spdlog::sinks::stdout_sink_mt>());
  access->set_pattern("%v");
  access->set_level(spdlog::level::from_str(level) <= spdlog::level::info ? spdlog::level::info
                                                                           : spdlog::level::off);
  spdlog::register_logger(access);
}

}  // namespace echotune::core
