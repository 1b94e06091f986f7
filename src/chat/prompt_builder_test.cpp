#include "chat/prompt_builder.h"

#include <gtest/gtest.h>

namespace echotune::chat {
namespace {

std::vector<model::ChatMessage> Turns(int n) {
  std::vector<model::ChatMessage> out;
  for (int i = 0; i < n; ++i) {
    out.push_back({model::Role::kUser, "question " + std::to_string(i), {}, {}});
    out.push_back({model::Role::kAssistant, "answer " + std::to_string(i), {}, {}});
  }
  return out;
}

TEST(BuildPrompt, ShortSessionsGoWholeWithoutSummary) {
  auto r = BuildPrompt({{}, Turns(3), "next"});
  ASSERT_EQ(r.messages.size(), 7u);
  EXPECT_EQ(r.messages.front().content, "question 0");
  EXPECT_EQ(r.messages.back().content, "next");
  EXPECT_EQ(r.system.find("Earlier in this conversation"), std::string::npos);
}

TEST(BuildPrompt, ThirtyTurnsKeepTheLastTwentyMessagesAndSummariseTheRest) {
  auto r = BuildPrompt({{}, Turns(30), "turn 31"});
  ASSERT_EQ(r.messages.size(), kContextMessages + 1);
  EXPECT_EQ(r.messages.front().content, "question 20");
  EXPECT_EQ(r.messages[kContextMessages - 1].content, "answer 29");
  EXPECT_NE(r.system.find("Earlier in this conversation (40 messages)"), std::string::npos);
  EXPECT_NE(r.system.find("\"question 19\""), std::string::npos);
  EXPECT_EQ(r.system.find("\"question 20\""), std::string::npos);  // in the window, not summarised
}

TEST(BuildPrompt, ProfileAndActionGoIntoTheSystemPrompt) {
  llm::MusicFacts f;
  f.top_artists = {"Radiohead", "Portishead"};
  f.recommended_tracks = {"Teardrop — Massive Attack"};
  f.action_summary = "paused playback";
  auto r = BuildPrompt({f, {}, "pause"});
  EXPECT_NE(r.system.find("Top artists: Radiohead; Portishead"), std::string::npos);
  EXPECT_NE(r.system.find("Teardrop — Massive Attack"), std::string::npos);
  EXPECT_NE(r.system.find("(done): paused playback"), std::string::npos);
  EXPECT_EQ(r.facts.top_artists.size(), 2u);
}

}  // namespace
}  // namespace echotune::chat
