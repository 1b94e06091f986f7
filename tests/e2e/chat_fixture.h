// A service wired to a FakeLlm (every vendor configured, key kKey) and a
// FakeSpotify, with a catalogue, a connected user who has listened to some of
// it, and helpers for /api/chat/* including a reader of server-sent events.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "recs/store_loader.h"
#include "tests/e2e/fake_llm.h"
#include "tests/e2e/fake_spotify.h"
#include "tests/e2e/http_client.h"
#include "tests/e2e/recs_api_fixture.h"
#include "tests/e2e/test_service.h"

namespace echotune::e2e {

struct SseReply {
  unsigned status = 0;
  std::vector<std::pair<std::string, boost::json::value>> events;  // (event, data)
  std::string deltas;  // the text of the delta events after the last switch
  const boost::json::value* Last(const std::string& name) const {
    for (auto it = events.rbegin(); it != events.rend(); ++it) {
      if (it->first == name) return &it->second;
    }
    return nullptr;
  }
};

// Parses a whole text/event-stream body.
inline std::vector<std::pair<std::string, boost::json::value>> ParseSse(const std::string& body) {
  std::vector<std::pair<std::string, boost::json::value>> out;
  size_t pos = 0;
  while (pos < body.size()) {
    size_t end = body.find("\n\n", pos);
    if (end == std::string::npos) break;
    std::string block = body.substr(pos, end - pos);
    pos = end + 2;
    std::string event, data;
    size_t line_start = 0;
    while (line_start <= block.size()) {
      size_t nl = block.find('\n', line_start);
      std::string line = block.substr(line_start, nl == std::string::npos ? std::string::npos : nl - line_start);
      if (line.rfind("event: ", 0) == 0) event = line.substr(7);
      if (line.rfind("data: ", 0) == 0) data += line.substr(6);
      if (nl == std::string::npos) break;
      line_start = nl + 1;
    }
    if (!event.empty()) out.emplace_back(event, boost::json::parse(data));
  }
  return out;
}

class ChatFixture : public ::testing::Test {
 protected:
  explicit ChatFixture(std::vector<std::pair<std::string, std::string>> extra = {})
      : svc_(Env(extra)) {
    std::vector<model::TrackMetadata> tracks;
    for (int i = 0; i < 100; ++i) tracks.push_back(CatalogueTrack(i));
    EXPECT_TRUE(store().tracks().UpsertMany(std::move(tracks)).ok());
    token_ = NewUser("chat-user", FakeSpotify::kAccess1, &user_id_);
    boost::json::array listens;
    for (int i = 0; i < 12; ++i) {
      auto at = std::chrono::system_clock::now() - std::chrono::hours(2) + std::chrono::minutes(i);
      listens.push_back(boost::json::object{{"trackId", CatalogueTrack(i % 4).spotify_id},
                                            {"trackName", CatalogueTrack(i % 4).name},
                                            {"artistName", "Artist " + std::to_string(i % 4)},
                                            {"playedAt", core::FormatIso8601(at)}});
    }
    auto r = Post("/api/history", boost::json::serialize(boost::json::object{{"listens", listens}}));
    EXPECT_EQ(r.status, 200u) << r.body;
    auto in = recs::LoadEngineInputs(store());
    EXPECT_TRUE(in.ok());
    svc_.service().engine().Rebuild(*in);
  }

  std::vector<std::pair<std::string, std::string>> Env(const std::vector<std::pair<std::string, std::string>>& extra) {
    std::vector<std::pair<std::string, std::string>> vars = {
        {"SPOTIFY_ACCOUNTS_URL", spotify_.url()}, {"SPOTIFY_API_URL", spotify_.url() + "/"},
        {"SPOTIFY_CLIENT_ID", "test-client"},     {"SPOTIFY_SYNC_INTERVAL_S", "0"},
        {"RATE_LIMIT_GLOBAL", "1000000"},         {"RATE_LIMIT_CHAT", "1000000"},
        {"OPENAI_API_KEY", FakeLlm::kKey},        {"OPENAI_BASE_URL", llm_.base("openai")},
        {"OPENROUTER_API_KEY", FakeLlm::kKey},    {"OPENROUTER_BASE_URL", llm_.base("openrouter")},
        {"ANTHROPIC_API_KEY", FakeLlm::kKey},     {"ANTHROPIC_BASE_URL", llm_.base("anthropic")},
        {"GEMINI_API_KEY", FakeLlm::kKey},        {"GEMINI_BASE_URL", llm_.base("gemini")},
        {"LLM_FALLBACK_CHAIN", "openai"}};
    for (auto& [k, v] : extra) {
      bool replaced = false;
      for (auto& [vk, vv] : vars) {
        if (vk == k) vv = v, replaced = true;
      }
      if (!replaced) vars.emplace_back(k, v);
    }
    return vars;
  }

  store::Store& store() { return svc_.service().store(); }

  std::string NewUser(const std::string& spotify_id, const std::string& access, std::string* id_out) {
    model::User u;
    u.spotify_id = spotify_id;
    u.display_name = spotify_id;
    if (!access.empty()) {
      u.access_token = access;
      u.refresh_token = FakeSpotify::kRefresh1;
      u.token_expires_at = std::chrono::system_clock::now() + std::chrono::hours(1);
    }
    auto stored = store().users().UpsertBySpotifyId(u);
    EXPECT_TRUE(stored.ok());
    if (id_out) *id_out = stored->id.ToHex();
    return svc_.service().jwt().Issue(stored->id.ToHex(), spotify_id);
  }

  HttpReply Send(bhttp::verb m, const std::string& target, const std::string& body = "", const std::string& token = "",
                 std::vector<std::pair<std::string, std::string>> headers = {}) {
    headers.emplace_back("Authorization", "Bearer " + (token.empty() ? token_ : token));
    return Fetch(svc_.port(), m, target, body, std::move(headers));
  }
  HttpReply Get(const std::string& target, const std::string& token = "") { return Send(bhttp::verb::get, target, "", token); }
  HttpReply Post(const std::string& target, const std::string& body, const std::string& token = "") {
    return Send(bhttp::verb::post, target, body, token);
  }

  // POST /api/chat/message; returns the reply.
  HttpReply Say(const std::string& message, const std::string& session_id = "", const std::string& token = "") {
    boost::json::object body{{"message", message}};
    if (!session_id.empty()) body["sessionId"] = session_id;
    return Post("/api/chat/message", boost::json::serialize(body), token);
  }

  // A streamed turn, read to its end.
  SseReply SayStreamed(const std::string& message, const std::string& session_id = "") {
    boost::json::object body{{"message", message}, {"stream", true}};
    if (!session_id.empty()) body["sessionId"] = session_id;
    auto r = Post("/api/chat/message", boost::json::serialize(body));
    SseReply out;
    out.status = r.status;
    if (r.status != 200) return out;
    EXPECT_NE(r.Header("Content-Type").find("text/event-stream"), std::string::npos);
    out.events = ParseSse(r.body);
    for (auto& [name, data] : out.events) {
      if (name == "switch") out.deltas.clear();
      if (name == "delta") out.deltas += std::string(data.at("text").as_string());
    }
    return out;
  }

  void PreferProvider(const std::string& provider) {
    auto r = Send(bhttp::verb::patch, "/api/user/settings",
                  boost::json::serialize(boost::json::object{{"llmProvider", provider}}));
    ASSERT_EQ(r.status, 200u) << r.body;
  }

  static std::string Code(const HttpReply& r) {
    auto j = r.Json();
    return std::string(j.at("code").as_string());
  }

  FakeLlm llm_;
  FakeSpotify spotify_;
  TestService svc_;
  std::string token_;
  std::string user_id_;
};

}  // namespace echotune::e2e
