#include "core/logging.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include "core/json_write.h"

namespace echotune::core {
namespace {

// %j: the message as a JSON string literal, quotes included.
class JsonMessageFlag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    // Messages quote outside text (paths, provider errors), which may not be UTF-8.
    const std::string text = JsonQuote(std::string_view(msg.payload.data(), msg.payload.size()));
    dest.append(text.data(), text.data() + text.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<JsonMessageFlag>();
  }
};

// stdout without a flush per line (spdlog's stdout sink flushes every line:
// one write(2) per request at 30,000 requests/s). Flushed every second, on
// warnings and errors, and at exit.
class BufferedStdoutSink final : public spdlog::sinks::base_sink<std::mutex> {
 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t formatted;
    formatter_->format(msg, formatted);
    std::fwrite(formatted.data(), 1, formatted.size(), stdout);
  }
  void flush_() override { std::fflush(stdout); }
};

}  // namespace

void InitLogging(const std::string& level) {
  if (spdlog::get("access")) return;
  // One sink per logger: a sink owns its formatter. Each line is one fwrite,
  // so lines of the two loggers never interleave.
  auto main_logger = std::make_shared<spdlog::logger>(
      "echotune", std::make_shared<BufferedStdoutSink>());
  auto formatter = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
  formatter->add_flag<JsonMessageFlag>('j').set_pattern(
      R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","msg":%j})");
  main_logger->set_formatter(std::move(formatter));
  main_logger->set_level(spdlog::level::from_str(level));
  spdlog::set_default_logger(main_logger);

  auto access = std::make_shared<spdlog::logger>(
      "access", std::make_shared<BufferedStdoutSink>());
  access->set_pattern("%v");
  access->set_level(spdlog::level::from_str(level) <= spdlog::level::info ? spdlog::level::info
                                                                           : spdlog::level::off);
  spdlog::register_logger(access);
  main_logger->flush_on(spdlog::level::info);  // operator messages are rare: show them at once
  spdlog::flush_every(std::chrono::seconds(1));
}

}  // namespace echotune::core
