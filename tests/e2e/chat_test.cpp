// /api/chat/* and /api/llm/providers over real HTTP, against local fakes of
// the LLM vendors and Spotify (issue 12).
#include <gtest/gtest.h>

#include <thread>

#include "tests/e2e/chat_fixture.h"
#include "tests/e2e/socketio_node.h"

namespace echotune::e2e {
namespace {

using namespace std::chrono_literals;
namespace json = boost::json;

const std::vector<std::string> kVendors = {"openai", "openrouter", "anthropic", "gemini"};

class ChatMockTest : public ChatFixture {
 protected:
  ChatMockTest() : ChatFixture({{"LLM_FALLBACK_CHAIN", "mock"}}) {}
};

TEST_F(ChatMockTest, MockAnswersFromTheUsersListeningAndSavesBothTurns) {
  auto r = Say("What have I been listening to lately?");
  ASSERT_EQ(r.status, 200u) << r.body;
  auto d = r.Json().at("data");
  EXPECT_EQ(d.at("provider").as_string(), "mock");
  EXPECT_EQ(d.at("intent").as_string(), "question");
  std::string text(d.at("message").at("content").as_string());
  EXPECT_NE(text.find("Artist "), std::string::npos) << text;
  std::string session(d.at("sessionId").as_string());
  auto h = Get("/api/chat/history?sessionId=" + session);
  ASSERT_EQ(h.status, 200u) << h.body;
  auto messages = h.Json().at("data").at("messages").as_array();
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].at("role").as_string(), "user");
  EXPECT_EQ(messages[1].at("content").as_string(), text);
  EXPECT_EQ(messages[1].at("metadata").at("intent").as_string(), "question");
  // The same question gives the same answer (deterministic).
  auto again = Say("What have I been listening to lately?", session);
  EXPECT_EQ(again.Json().at("data").at("message").at("content").as_string(), text);
  auto listed = Get("/api/chat/sessions").Json().at("data").as_array();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].at("title").as_string(), "What have I been listening to lately?");
  EXPECT_EQ(listed[0].at("provider").as_string(), "mock");
}

TEST_F(ChatMockTest, TheCurrentPlaybackOfAConnectedListenerIsInThePrompt) {
  auto r = Say("hello there");
  ASSERT_EQ(r.status, 200u) << r.body;
  std::string text(r.Json().at("data").at("message").at("content").as_string());
  EXPECT_NE(text.find("Right now you are playing Fake Song \u2014 Fake Artist"), std::string::npos) << text;
  EXPECT_GE(spotify_.count("GET /v1/me/player"), 1);
  spotify_.SetNothingPlaying(true);
  auto quiet = Say("hello there");
  ASSERT_EQ(quiet.status, 200u);
  EXPECT_EQ(quiet.Json().at("data").at("message").at("content").as_string().find("Right now"), std::string::npos);
}

TEST_F(ChatMockTest, SessionTitlesAreCutAtACharacterBoundary) {
  std::string message;
  for (int i = 0; i < 30; ++i) message += "\u20ac";  // € is 3 bytes: byte 80 falls inside a character
  ASSERT_EQ(Say(message).status, 200u);
  std::string title(Get("/api/chat/sessions").Json().at("data").at(0).at("title").as_string());
  EXPECT_EQ(title, message.substr(0, 78) + "\u2026");
}

TEST_F(ChatMockTest, ValidationAndOwnership) {
  EXPECT_EQ(Say("").status, 400u);
  EXPECT_EQ(Code(Say("   ")), "VALIDATION_ERROR");
  auto too_long = Say(std::string(4001, 'a'));
  EXPECT_EQ(too_long.status, 400u);
  EXPECT_EQ(too_long.Json().at("details").at("field").as_string(), "message");
  EXPECT_EQ(Say(std::string(4000, 'a')).status, 200u);
  EXPECT_EQ(Post("/api/chat/message", R"({"message": "hi", "stream": "yes"})").status, 400u);
  EXPECT_EQ(Post("/api/chat/message", R"([1])").status, 400u);
  for (const char* body : {R"({"message": "hi", "provider": "skynet"})", R"({"message": "hi", "provider": 3})"}) {
    auto bad = Post("/api/chat/message", body);
    EXPECT_EQ(bad.status, 400u) << body;
    EXPECT_EQ(bad.Json().at("details").at("field").as_string(), "provider") << body;
  }
  EXPECT_EQ(Post("/api/chat/message", R"({"message": "hi", "model": "gpt-4o"})").Json().at("details").at("field"),
            "model");
  auto unknown = Say("hi", "no-such-session");
  EXPECT_EQ(unknown.status, 404u);
  EXPECT_EQ(Code(unknown), "NOT_FOUND");
  EXPECT_EQ(Get("/api/chat/history").status, 400u);

  auto started = Post("/api/chat/start", "");
  ASSERT_EQ(started.status, 201u) << started.body;
  std::string session(started.Json().at("data").at("sessionId").as_string());
  std::string other_id;
  std::string other = NewUser("someone-else", "", &other_id);
  EXPECT_EQ(Say("hi", session, other).status, 404u);
  EXPECT_EQ(Get("/api/chat/history?sessionId=" + session, other).status, 404u);
  EXPECT_EQ(Send(bhttp::verb::delete_, "/api/chat/sessions/" + session, "", other).status, 404u);
  auto streamed = Post("/api/chat/message", json::serialize(json::object{{"message", "hi"}, {"sessionId", session}, {"stream", true}}), other);
  EXPECT_EQ(streamed.status, 404u);

  ASSERT_EQ(Say("hello", session).status, 200u);
  auto list = Get("/api/chat/sessions");
  ASSERT_EQ(list.status, 200u);
  EXPECT_EQ(list.Json().at("data").as_array().at(0).at("sessionId").as_string(), session);
  EXPECT_EQ(list.Json().at("data").as_array().at(0).at("messageCount").as_int64(), 2);
  EXPECT_TRUE(Get("/api/chat/sessions", other).Json().at("data").as_array().empty());
  EXPECT_EQ(Send(bhttp::verb::delete_, "/api/chat/sessions/" + session).status, 200u);
  EXPECT_EQ(Get("/api/chat/history?sessionId=" + session).status, 404u);
}

TEST_F(ChatMockTest, ActionsRunAgainstSpotifyTheEngineAndThePlaylistGenerator) {
  auto pause = Say("pause");
  ASSERT_EQ(pause.status, 200u) << pause.body;
  auto action = pause.Json().at("data").at("action");
  EXPECT_EQ(action.at("type").as_string(), "spotify");
  EXPECT_TRUE(action.at("ok").as_bool()) << pause.body;
  EXPECT_EQ(spotify_.count("PUT /v1/me/player/pause"), 1);
  EXPECT_NE(pause.Json().at("data").at("message").at("content").as_string().find("Done"), std::string::npos);

  auto recs = Say("recommend something like Artist 1 but happier");
  ASSERT_EQ(recs.status, 200u) << recs.body;
  auto ra = recs.Json().at("data").at("action");
  EXPECT_EQ(ra.at("type").as_string(), "recommendations");
  EXPECT_FALSE(ra.at("tracks").as_array().empty()) << recs.body;
  EXPECT_EQ(recs.Json().at("data").at("intent").as_string(), "recommend");

  auto playlist = Say("make a 20-song workout playlist");
  ASSERT_EQ(playlist.status, 200u) << playlist.body;
  auto pa = playlist.Json().at("data").at("action");
  EXPECT_EQ(pa.at("type").as_string(), "playlist");
  ASSERT_TRUE(pa.at("ok").as_bool()) << playlist.body;
  std::string id(pa.at("playlistId").as_string());
  EXPECT_EQ(Get("/api/playlists/" + id).status, 200u);
  EXPECT_FALSE(pa.at("tracks").as_array().empty());
  EXPECT_LE(pa.at("tracks").as_array().size(), 20u);

  spotify_.SetNoActiveDevice(true);
  auto failed = Say("skip");
  ASSERT_EQ(failed.status, 200u);
  EXPECT_FALSE(failed.Json().at("data").at("action").at("ok").as_bool());
  EXPECT_NE(failed.Json().at("data").at("message").at("content").as_string().find("could not"), std::string::npos);
}

TEST_F(ChatMockTest, ProvidersEndpointShowsEveryProviderAndTheChain) {
  auto r = Fetch(svc_.port(), bhttp::verb::get, "/api/llm/providers");
  ASSERT_EQ(r.status, 200u) << r.body;
  auto d = r.Json().at("data");
  EXPECT_EQ(d.at("fallbackChain"), json::parse(R"(["mock"])"));
  EXPECT_EQ(d.at("providers").as_array().size(), 5u);
  for (const auto& p : d.at("providers").as_array()) {
    EXPECT_TRUE(p.at("isConfigured").as_bool());
    EXPECT_EQ(p.at("circuitState").as_string(), "CLOSED");
    EXPECT_FALSE(p.at("models").as_array().empty());
  }
}

class ChatProvidersTest : public ChatFixture {};

TEST_F(ChatProvidersTest, EachVendorAnswersWholeAndStreamedWhenPreferred) {
  for (const auto& v : kVendors) {
    PreferProvider(v);
    auto r = Say("tell me about jazz");
    ASSERT_EQ(r.status, 200u) << v << r.body;
    auto d = r.Json().at("data");
    EXPECT_EQ(d.at("provider").as_string(), v);
    EXPECT_EQ(d.at("message").at("content").as_string(), FakeLlm::Answer(v, 5)) << v;
    EXPECT_TRUE(d.at("fallbackFrom").as_array().empty());

    auto s = SayStreamed("tell me about jazz");
    ASSERT_EQ(s.status, 200u) << v;
    EXPECT_EQ(s.deltas, FakeLlm::Answer(v, 5)) << v;
    const json::value* done = s.Last("done");
    ASSERT_NE(done, nullptr) << v;
    EXPECT_EQ(done->at("provider").as_string(), v);
    EXPECT_EQ(done->at("message").at("content").as_string(), FakeLlm::Answer(v, 5));
    EXPECT_TRUE(done->as_object().contains("latencyMs"));
  }
  // A turn's own provider (the UI's picker) goes ahead of the preference.
  PreferProvider("openai");
  auto picked = Post("/api/chat/message", R"({"message": "tell me about jazz", "provider": "gemini"})");
  ASSERT_EQ(picked.status, 200u) << picked.body;
  EXPECT_EQ(picked.Json().at("data").at("provider").as_string(), "gemini");
  // The prompt went out in each vendor's shape, with the system prompt.
  EXPECT_EQ(llm_.last_body("openai").at("messages").as_array()[0].at("role").as_string(), "system");
  EXPECT_TRUE(llm_.last_body("anthropic").as_object().contains("system"));
  EXPECT_TRUE(llm_.last_body("gemini").as_object().contains("systemInstruction"));
}

TEST_F(ChatProvidersTest, FailuresFallThroughTheChainWithoutLosingTheMessage) {
  struct Case {
    FakeLlm::Behaviour b;
    bool stream;
  };
  std::vector<Case> cases = {
      {{FakeLlm::Mode::kStatus, 429}, false}, {{FakeLlm::Mode::kStatus, 503}, true},
      {{FakeLlm::Mode::kGarbage}, false},     {{FakeLlm::Mode::kGarbage}, true},
      {{FakeLlm::Mode::kCut, 0, 10}, true}};
  for (const auto& c : cases) {
    llm_.Set("openai", c.b);
    std::string session;
    if (c.stream) {
      auto s = SayStreamed("what is trip hop?");
      ASSERT_EQ(s.status, 200u);
      const json::value* done = s.Last("done");
      ASSERT_NE(done, nullptr);
      EXPECT_EQ(done->at("provider").as_string(), "mock");
      EXPECT_EQ(done->at("fallbackFrom"), json::parse(R"(["openai"])"));
      ASSERT_NE(s.Last("switch"), nullptr);
      EXPECT_EQ(s.deltas, std::string(done->at("message").at("content").as_string()));
      session = std::string(done->at("sessionId").as_string());
    } else {
      auto r = Say("what is trip hop?");
      ASSERT_EQ(r.status, 200u) << r.body;
      EXPECT_EQ(r.Json().at("data").at("provider").as_string(), "mock");
      session = std::string(r.Json().at("data").at("sessionId").as_string());
    }
    json::value history = Get("/api/chat/history?sessionId=" + session).Json().at("data");
    EXPECT_EQ(history.at("provider"), "mock");  // who answered, not who was asked first
    auto h = history.at("messages").as_array();
    ASSERT_EQ(h.size(), 2u);
    EXPECT_EQ(h[0].at("content").as_string(), "what is trip hop?");
  }
}

class ChatSlowProviderTest : public ChatFixture {
 protected:
  ChatSlowProviderTest() : ChatFixture({{"LLM_FIRST_TOKEN_TIMEOUT_MS", "300"}}) {}
};

TEST_F(ChatSlowProviderTest, SlowFirstTokenTimesOutAndFallsBack) {
  llm_.Set("openai", {FakeLlm::Mode::kOk, 0, 5, 0, 3000});
  auto started = std::chrono::steady_clock::now();
  auto s = SayStreamed("hello there");
  auto took = std::chrono::steady_clock::now() - started;
  ASSERT_NE(s.Last("done"), nullptr);
  EXPECT_EQ(s.Last("done")->at("provider").as_string(), "mock");
  EXPECT_LT(took, 2500ms);
}

TEST_F(ChatProvidersTest, FiveFailuresOpenTheBreakerAndTheProviderIsSkipped) {
  llm_.Set("openai", {FakeLlm::Mode::kStatus, 500});
  for (int i = 0; i < 5; ++i) ASSERT_EQ(Say("hi").status, 200u);
  EXPECT_EQ(llm_.requests("openai"), 5);
  auto p = Fetch(svc_.port(), bhttp::verb::get, "/api/llm/providers").Json().at("data");
  for (const auto& e : p.at("providers").as_array()) {
    if (e.at("id").as_string() == "openai") {
      EXPECT_EQ(e.at("circuitState").as_string(), "OPEN");
      EXPECT_EQ(e.at("status").as_string(), "unavailable");
    }
  }
  ASSERT_EQ(Say("hi").status, 200u);
  EXPECT_EQ(llm_.requests("openai"), 5);  // skipped while open
  auto switched = store().analytics().Query({.user_id = core::ObjectId::Parse(user_id_),
                                             .event_type = model::EventType::kProviderSwitched});
  ASSERT_TRUE(switched.ok());
  EXPECT_EQ(switched->size(), 5u);
}

// The same transition, seen by the stock socket.io-client (tests/socketio).
TEST_F(ChatProvidersTest, ABreakerOpeningReachesTheStockSocketIoClientAsProviderHealth) {
  ASSERT_TRUE(EnsureSocketIoClient()) << "npm ci in tests/socketio failed";
  llm_.Set("openai", {FakeLlm::Mode::kStatus, 500});
  auto run = RunScenario("provider-health", "http://127.0.0.1:" + std::to_string(svc_.port()), token_,
                         R"({"turns": 5})");
  EXPECT_EQ(run.exit_code, 0) << run.output;
}

TEST_F(ChatProvidersTest, ThirtyTurnsKeepTheLastTwentyMessagesAndASummary) {
  std::string session;
  for (int i = 0; i < 30; ++i) {
    auto r = Say("question number " + std::to_string(i), session);
    ASSERT_EQ(r.status, 200u) << r.body;
    session = std::string(r.Json().at("data").at("sessionId").as_string());
  }
  auto sent = llm_.last_body("openai").at("messages").as_array();
  // system + 20 messages of context (turns 19.5…28) + the new one (turn 29)
  ASSERT_EQ(sent.size(), 22u);
  std::string system(sent[0].at("content").as_string());
  EXPECT_NE(system.find("Earlier in this conversation (38 messages)"), std::string::npos) << system;
  // 19 older requests: the summary names the last 12 of them.
  EXPECT_NE(system.find("(7 earlier requests)"), std::string::npos) << system;
  EXPECT_NE(system.find("\"question number 7\""), std::string::npos);
  EXPECT_NE(system.find("\"question number 18\""), std::string::npos);
  EXPECT_EQ(system.find("\"question number 6\""), std::string::npos);
  EXPECT_EQ(sent[21].at("content").as_string(), "question number 29");
  EXPECT_EQ(sent[1].at("content").as_string(), "question number 19");
  auto h = Get("/api/chat/history?sessionId=" + session).Json().at("data");
  EXPECT_EQ(h.at("messageCount").as_int64(), 60);
  auto events = store().analytics().Query({.user_id = core::ObjectId::Parse(user_id_),
                                           .event_type = model::EventType::kChatMessage});
  EXPECT_EQ(events->size(), 30u);
}

TEST_F(ChatProvidersTest, ClientDisconnectStopsTheProviderStream) {
  llm_.Set("openai", {FakeLlm::Mode::kOk, 0, 400, 20, 0});
  boost::asio::io_context io;
  tcp::socket socket(io);
  socket.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), svc_.port()));
  std::string body = json::serialize(json::object{{"message", "tell me a long story"}, {"stream", true}});
  std::string request = "POST /api/chat/message HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token_ +
                        "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
                        "\r\n\r\n" + body;
  boost::asio::write(socket, boost::asio::buffer(request));
  std::string got;
  char buf[4096];
  while (got.find("tok3") == std::string::npos) {  // a few deltas of the provider's stream
    size_t n = socket.read_some(boost::asio::buffer(buf));
    got.append(buf, n);
  }
  EXPECT_NE(got.find("event: delta"), std::string::npos) << got;
  socket.close();  // the client hangs up midway
  auto deadline = std::chrono::steady_clock::now() + 5s;
  while (llm_.abandoned() == 0 && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(50ms);
  EXPECT_EQ(llm_.abandoned(), 1);
  EXPECT_EQ(llm_.completed_streams(), 0);
  // The user's message was kept.
  auto sessions = Get("/api/chat/sessions").Json().at("data").as_array();
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_GE(sessions[0].at("messageCount").as_int64(), 1);
}

}  // namespace
}  // namespace echotune::e2e
