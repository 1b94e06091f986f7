#include "api/prompt_parser.h"

#include <gtest/gtest.h>

namespace echotune::api {
namespace {

using model::Activity;
using model::Mood;

TEST(PromptParser, WorkoutWithCountMoodAndGenre) {
  auto p = ParsePrompt("make me a 20-song upbeat workout playlist with some rock");
  EXPECT_EQ(p.mood, Mood::kHappy);
  EXPECT_EQ(p.activity, Activity::kWorkout);
  EXPECT_EQ(p.genres, std::vector<std::string>{"rock"});
  EXPECT_EQ(p.track_count, 20);
  EXPECT_EQ(p.engine_mood, "workout");
  EXPECT_GE(p.targets.at("energy"), 0.7);
  EXPECT_EQ(PlaylistName(p), "Happy Workout Rock Mix");
}

TEST(PromptParser, ChillStudy) {
  auto p = ParsePrompt("Chill lo-fi beats for studying");
  EXPECT_EQ(p.mood, Mood::kChill);
  EXPECT_EQ(p.activity, Activity::kStudy);
  EXPECT_EQ(p.genres, std::vector<std::string>{"lo-fi"});
  EXPECT_FALSE(p.track_count.has_value());
  EXPECT_EQ(p.engine_mood, "study");
  EXPECT_LE(p.targets.at("energy"), 0.4);
}

TEST(PromptParser, SadSongsHaveLowValence) {
  auto p = ParsePrompt("sad songs for a rainy day");
  EXPECT_EQ(p.mood, Mood::kSad);
  EXPECT_FALSE(p.activity.has_value());
  EXPECT_EQ(p.engine_mood, "melancholy");
  EXPECT_LE(p.targets.at("valence"), 0.3);
}

TEST(PromptParser, PartyWithCountAfterAdjectives) {
  auto p = ParsePrompt("I need 35 danceable party tracks, hip hop and pop");
  EXPECT_EQ(p.activity, Activity::kParty);
  EXPECT_EQ(p.track_count, 35);
  EXPECT_EQ(p.genres, (std::vector<std::string>{"hip-hop", "pop"}));
  EXPECT_EQ(p.engine_mood, "party");
}

TEST(PromptParser, CountsOutsideTheRangeOrWithoutANounAreIgnored) {
  EXPECT_FALSE(ParsePrompt("500 songs please").track_count.has_value());
  EXPECT_FALSE(ParsePrompt("best of 1999").track_count.has_value());
  EXPECT_EQ(ParsePrompt("give me 5 tunes").track_count, 5);
}

TEST(PromptParser, NothingRecognisableGivesAnEmptyResult) {
  auto p = ParsePrompt("surprise me!");
  EXPECT_FALSE(p.mood || p.activity || p.track_count);
  EXPECT_TRUE(p.genres.empty());
  EXPECT_TRUE(p.targets.empty());
  EXPECT_EQ(p.engine_mood, "");
  EXPECT_EQ(PlaylistName(p), "Discovery Mix");
  EXPECT_NE(PlaylistDescription(p, "surprise me!").find("surprise me!"), std::string::npos);
}

}  // namespace
}  // namespace echotune::api
