#include "llm/mock_provider.h"

#include <gtest/gtest.h>

namespace echotune::llm {
namespace {

LlmRequest WithFacts() {
  LlmRequest r;
  r.facts.top_artists = {"Radiohead", "Björk", "Portishead", "Air"};
  r.facts.recent_tracks = {"Teardrop — Massive Attack"};
  r.facts.recommended_tracks = {"Glory Box — Portishead", "La Femme d'Argent — Air"};
  return r;
}

TEST(MockAnswer, AnswersQuestionsFromTheListeningHistory) {
  LlmRequest r = WithFacts();
  r.facts.intent = "question";
  std::string a = MockAnswer(r);
  EXPECT_NE(a.find("Radiohead, Björk and Portishead"), std::string::npos) << a;
  EXPECT_NE(a.find("Teardrop — Massive Attack"), std::string::npos) << a;
  EXPECT_EQ(a, MockAnswer(r));  // deterministic
}

TEST(MockAnswer, ReportsTheActionAndSuggestsRecommendations) {
  LlmRequest r = WithFacts();
  r.facts.action_summary = "paused playback";
  EXPECT_EQ(MockAnswer(r).rfind("Done: paused playback. From your recommendations, try Glory Box", 0), 0u)
      << MockAnswer(r);
  r.facts.action_failed = true;
  r.facts.action_summary = "no active device";
  EXPECT_EQ(MockAnswer(r).rfind("I could not do that: no active device.", 0), 0u);
}

TEST(MockAnswer, WorksForAColdStartUser) {
  LlmRequest r;
  r.facts.intent = "question";
  EXPECT_NE(MockAnswer(r).find("do not have any listening history"), std::string::npos);
  r.facts.intent = "chat";
  EXPECT_FALSE(MockAnswer(r).empty());
}

}  // namespace
}  // namespace echotune::llm
