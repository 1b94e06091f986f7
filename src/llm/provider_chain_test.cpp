#include "llm/provider_chain.h"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/detached.hpp>

#include "llm/mock_provider.h"

namespace echotune::llm {
namespace {

using namespace std::chrono_literals;

// An in-process stand-in for a vendor (the HTTP clients are tested against
// local fake servers in tests/e2e/chat_providers_test.cpp).
class ScriptedProvider final : public LlmProvider {
 public:
  ScriptedProvider(std::string id, bool configured) : id_(std::move(id)), configured_(configured) {}
  const std::string& id() const override { return id_; }
  std::string name() const override { return id_; }
  bool configured() const override { return configured_; }
  std::string default_model() const override { return id_ + "-model"; }
  std::vector<std::string> models() const override { return {default_model()}; }
  boost::asio::awaitable<core::Result<LlmReply>> Complete(const LlmRequest& r, const StreamSink*) override {
    ++calls;
    last_model = r.model;
    if (fail) co_return ProviderError(id_, "http_503", "down");
    co_return LlmReply{"from " + id_, "", 3};
  }
  bool fail = false;
  int calls = 0;
  std::string last_model;

 private:
  std::string id_;
  bool configured_;
};

struct ChainTest : ::testing::Test {
  core::FakeClock clock{core::TimePoint(std::chrono::hours(1000))};
  ProviderHealthHub hub;
  ScriptedProvider* openai = nullptr;
  ScriptedProvider* gemini = nullptr;
  ScriptedProvider* anthropic = nullptr;
  std::unique_ptr<ProviderChain> chain;

  void Build(std::vector<std::string> order, bool with_mock = true) {
    std::vector<std::unique_ptr<LlmProvider>> ps;
    auto o = std::make_unique<ScriptedProvider>("openai", true);
    auto g = std::make_unique<ScriptedProvider>("gemini", true);
    auto a = std::make_unique<ScriptedProvider>("anthropic", false);
    openai = o.get();
    gemini = g.get();
    anthropic = a.get();
    ps.push_back(std::move(o));
    ps.push_back(std::move(g));
    ps.push_back(std::move(a));
    if (with_mock) ps.push_back(std::make_unique<MockProvider>());
    chain = std::make_unique<ProviderChain>(std::move(ps), order, clock, hub);
  }

  core::Result<ChainResult> Run(std::optional<std::string> preferred = std::nullopt,
                                std::optional<std::string> model = std::nullopt,
                                std::vector<std::string>* switches = nullptr) {
    boost::asio::io_context io;
    LlmRequest req;
    req.messages = {{"user", "hi"}};
    ChainObserver obs{[switches](const std::string& from, const std::string& to, const core::Error&) {
      if (switches) switches->push_back(from + ">" + to);
    }};
    std::optional<core::Result<ChainResult>> out;
    boost::asio::co_spawn(
        io,
        [&]() -> boost::asio::awaitable<void> {
          out.emplace(co_await chain->Run(req, preferred, model, nullptr, &obs));
        },
        boost::asio::detached);
    io.run();
    return std::move(*out);
  }
};

TEST_F(ChainTest, OrderFollowsTheConfigSkipsUnconfiguredAndEndsWithMock) {
  Build({"anthropic", "mock", "gemini", "nonsense", "openai", "gemini"});
  EXPECT_EQ(chain->fallback_chain(), (std::vector<std::string>{"gemini", "openai", "mock"}));
}

TEST_F(ChainTest, DefaultOrderWhenUnset) {
  Build({});
  EXPECT_EQ(chain->fallback_chain(), (std::vector<std::string>{"gemini", "openai", "mock"}));
}

TEST_F(ChainTest, PreferredConfiguredProviderGoesFirstWithItsModel) {
  Build({"gemini", "openai"});
  auto r = Run("openai", "gpt-x");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->provider, "openai");
  EXPECT_EQ(openai->last_model, "gpt-x");
  EXPECT_EQ(gemini->calls, 0);
  EXPECT_EQ(chain->OrderFor("anthropic"), chain->fallback_chain());  // unconfigured: ignored
}

TEST_F(ChainTest, FailureFallsThroughToTheNextAndReportsTheSwitch) {
  Build({"gemini", "openai"});
  gemini->fail = true;
  std::vector<std::string> switches;
  auto r = Run(std::nullopt, std::nullopt, &switches);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->provider, "openai");
  EXPECT_EQ(r->reply.text, "from openai");
  EXPECT_EQ(r->failed, (std::vector<std::string>{"gemini"}));
  EXPECT_EQ(switches, (std::vector<std::string>{"gemini>openai"}));
}

TEST_F(ChainTest, MockAnswersWhenEveryVendorFails) {
  Build({"gemini", "openai"});
  gemini->fail = openai->fail = true;
  auto r = Run();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->provider, "mock");
}

TEST_F(ChainTest, AllDownWithoutMockIs503WithAttempts) {
  Build({"gemini", "openai"}, /*with_mock=*/false);
  gemini->fail = openai->fail = true;
  auto r = Run();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, core::ErrorCode::kAllProvidersDown);
  EXPECT_EQ(r.error().details.at("attempts").as_array().size(), 2u);
}

TEST_F(ChainTest, OpenBreakerSkipsTheProviderAndPublishesHealth) {
  Build({"gemini", "openai"});
  std::vector<std::string> events;
  hub.Subscribe([&](const ProviderHealthEvent& e) { events.push_back(e.provider + ":" + std::string(ToString(e.to))); });
  gemini->fail = true;
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(Run().ok());
  EXPECT_EQ(gemini->calls, 5);
  EXPECT_EQ(events, (std::vector<std::string>{"gemini:OPEN"}));
  ASSERT_TRUE(Run().ok());
  EXPECT_EQ(gemini->calls, 5);  // skipped while open
  gemini->fail = false;
  clock.Advance(30s);
  auto r = Run();
  EXPECT_EQ(r->provider, "gemini");  // a half-open probe
  EXPECT_EQ(events.back(), "gemini:HALF_OPEN");
  auto status = chain->Status();
  auto it = std::find_if(status.begin(), status.end(), [](auto& s) { return s.id == "gemini"; });
  EXPECT_EQ(it->status, "degraded");
  ASSERT_TRUE(Run().ok());
  ASSERT_TRUE(Run().ok());
  EXPECT_EQ(events.back(), "gemini:CLOSED");
}

}  // namespace
}  // namespace echotune::llm
