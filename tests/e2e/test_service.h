// An in-process `echotune serve` on an ephemeral loopback port, for tests.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "app/service.h"
#include "core/test_util.h"

namespace echotune::e2e {

class TestService {
 public:
  // `env` overrides the test defaults (which are PORT=0, HOST=127.0.0.1,
  // ECHOTUNE_TEST_ROUTES=1, a fresh database path, a fixed JWT_SECRET).
  TestService() : TestService(std::initializer_list<std::pair<std::string, std::string>>{}) {}
  explicit TestService(std::initializer_list<std::pair<std::string, std::string>> env)
      : TestService(std::vector<std::pair<std::string, std::string>>(env)) {}
  explicit TestService(const std::vector<std::pair<std::string, std::string>>& env) {
    dir_ = testing::TempDir("e2e");
    std::map<std::string, std::string> vars = {
        {"PORT", "0"},
        {"HOST", "127.0.0.1"},
        {"ECHOTUNE_TEST_ROUTES", "1"},
        {"ECHOTUNE_DB_PATH", (dir_ / "echotune.db").string()},
        {"JWT_SECRET", "e2e-secret"},
        {"ECHOTUNE_THREADS", "2"},
    };
    for (auto& [k, v] : env) vars[k] = v;
    auto config = core::Config::FromEnvironment([&vars](const char* name) -> const char* {
      auto it = vars.find(name);
      return it == vars.end() ? nullptr : it->second.c_str();
    });
    if (!config.ok()) throw std::runtime_error(config.error().message);
    auto service = app::Service::Create(std::move(config).value());
    if (!service.ok()) throw std::runtime_error(service.error().message);
    service_ = std::move(service).value();
    auto started = service_->Start();
    if (!started.ok()) throw std::runtime_error(started.error().message);
  }
  TestService(const TestService&) = delete;
  TestService& operator=(const TestService&) = delete;
  ~TestService() {
    service_->Shutdown();
    std::filesystem::remove_all(dir_);
  }

  uint16_t port() const { return service_->port(); }
  app::Service& service() { return *service_; }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<app::Service> service_;
};

}  // namespace echotune::e2e
