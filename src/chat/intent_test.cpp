#include "chat/intent.h"

#include <gtest/gtest.h>

namespace echotune::chat {
namespace {

TEST(ClassifyIntent, PlayerCommandsAreControl) {
  for (auto text : {"pause", "skip this song", "volume 30", "play some jazz", "shuffle on", "what's playing?"}) {
    auto c = ClassifyIntent(text);
    EXPECT_EQ(c.intent, Intent::kControl) << text;
    EXPECT_NE(c.command.kind, CommandKind::kNone) << text;
  }
}

TEST(ClassifyIntent, RecommendKeepsTheQuery) {
  auto c = ClassifyIntent("Recommend something like Radiohead but happier");
  EXPECT_EQ(c.intent, Intent::kRecommend);
  EXPECT_NE(c.command.query.find("radiohead"), std::string::npos);
}

TEST(ClassifyIntent, PlaylistRequestsAnywhereInTheSentence) {
  auto c = ClassifyIntent("make a 20-song workout playlist");
  EXPECT_EQ(c.intent, Intent::kPlaylist);
  EXPECT_EQ(c.prompt, "make a 20-song workout playlist");
  EXPECT_EQ(ClassifyIntent("Could you create me an upbeat playlist for running?").intent, Intent::kPlaylist);
}

TEST(ClassifyIntent, QuestionsAboutMyListening) {
  EXPECT_EQ(ClassifyIntent("What have I been listening to lately?").intent, Intent::kQuestion);
  EXPECT_EQ(ClassifyIntent("who are my top artists").intent, Intent::kQuestion);
}

TEST(ClassifyIntent, EverythingElseIsChat) {
  EXPECT_EQ(ClassifyIntent("Tell me about the history of jazz").intent, Intent::kChat);
  EXPECT_EQ(IntentName(Intent::kChat), "chat");
}

}  // namespace
}  // namespace echotune::chat
