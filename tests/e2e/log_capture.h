// LogCapture: while alive, a copy of every line the in-process service logs
// (the default "echotune" logger and the "access" logger), for tests that
// grep the logs for secrets. Construct it before the TestService so that no
// server thread is logging while the sink is attached, destroy it after.
#pragma once

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/logging.h"

namespace echotune::e2e {

class LogCapture {
 public:
  // level: what the service logs meanwhile (debug catches the most).
  explicit LogCapture(spdlog::level::level_enum level = spdlog::level::debug)
      : sink_(std::make_shared<Sink>()) {
    core::InitLogging("info");
    for (auto& logger : Loggers()) {
      logger->sinks().push_back(sink_);
      levels_.push_back(logger->level());
      logger->set_level(level);
    }
  }
  LogCapture(const LogCapture&) = delete;
  LogCapture& operator=(const LogCapture&) = delete;
  ~LogCapture() {
    auto loggers = Loggers();
    for (size_t i = 0; i < loggers.size(); ++i) {
      auto& sinks = loggers[i]->sinks();
      std::erase(sinks, sink_);
      loggers[i]->set_level(levels_[i]);
    }
  }

  // Everything logged so far, one message per line.
  std::string Text() const { return sink_->Text(); }

 private:
  class Sink final : public spdlog::sinks::base_sink<std::mutex> {
   public:
    std::string Text() {
      std::lock_guard lock(mutex_);
      return text_;
    }

   protected:
    void sink_it_(const spdlog::details::log_msg& msg) override {
      text_.append(msg.payload.data(), msg.payload.size());
      text_ += '\n';
    }
    void flush_() override {}

   private:
    std::string text_;  // guarded by base_sink::mutex_
  };

  static std::vector<std::shared_ptr<spdlog::logger>> Loggers() {
    std::vector<std::shared_ptr<spdlog::logger>> out{spdlog::default_logger()};
    if (auto access = spdlog::get("access")) out.push_back(access);
    return out;
  }

  std::shared_ptr<Sink> sink_;
  std::vector<spdlog::level::level_enum> levels_;
};

}  // namespace echotune::e2e
