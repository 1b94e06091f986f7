#include "api/radio_prompt.h"

#include <gtest/gtest.h>

namespace echotune::api {
namespace {

RadioPrompt Parsed(std::string_view text) {
  auto r = ParseRadioPrompt(text);
  EXPECT_TRUE(r.ok()) << text << ": " << (r.ok() ? "" : r.error().message);
  return r.ok() ? *r : RadioPrompt{};
}

struct Failure {
  int64_t position = -1;
  std::string expected;
};

Failure FailureOf(std::string_view text) {
  auto r = ParseRadioPrompt(text);
  if (r.ok()) return {};
  EXPECT_EQ(r.error().code, core::ErrorCode::kValidationError);
  EXPECT_EQ(r.error().details.at("field"), "prompt");
  return {r.error().details.at("position").as_int64(), std::string(r.error().details.at("expected").as_string())};
}

TEST(RadioPrompt, ArtistTermWithAndWithoutWeight) {
  auto p = Parsed("artist:(Radiohead)");
  ASSERT_EQ(p.sources.size(), 1u);
  EXPECT_EQ(p.sources[0].kind, RadioSource::Kind::kArtist);
  EXPECT_EQ(p.sources[0].names, std::vector<std::string>{"Radiohead"});
  EXPECT_EQ(p.sources[0].weight, 1);
  auto w = Parsed("artist:( Björk ):2 artist:(Guns N' Roses)");
  ASSERT_EQ(w.sources.size(), 2u);
  EXPECT_EQ(w.sources[0].names[0], "Björk");
  EXPECT_EQ(w.sources[0].weight, 2);
  EXPECT_EQ(w.sources[1].names[0], "Guns N' Roses");
}

TEST(RadioPrompt, TagTermIsAnyWithCommasAndAllWithAmpersands) {
  auto any = Parsed("tag:(indie, chill)");
  ASSERT_EQ(any.sources.size(), 1u);
  EXPECT_EQ(any.sources[0].kind, RadioSource::Kind::kTag);
  EXPECT_EQ(any.sources[0].names, (std::vector<std::string>{"indie", "chill"}));
  EXPECT_FALSE(any.sources[0].all_tags);
  auto all = Parsed("TAG:(hip hop & jazz):3");
  EXPECT_TRUE(all.sources[0].all_tags);
  EXPECT_EQ(all.sources[0].names, (std::vector<std::string>{"hip hop", "jazz"}));
  EXPECT_EQ(all.sources[0].weight, 3);
}

TEST(RadioPrompt, EnergyValenceTempoAndYearFilters) {
  auto p = Parsed("tag:(rock) energy:high valence:low tempo:90-110 year:1990-1999");
  EXPECT_EQ(p.energy, Level::kHigh);
  EXPECT_EQ(p.valence, Level::kLow);
  ASSERT_TRUE(p.tempo && p.year);
  EXPECT_EQ(p.tempo->min, 90);
  EXPECT_EQ(p.tempo->max, 110);
  EXPECT_EQ(p.year->min, 1990);
  EXPECT_EQ(p.year->max, 1999);
  auto one_year = Parsed("energy:mid year:1997");
  EXPECT_EQ(one_year.energy, Level::kMid);
  EXPECT_EQ(one_year.year->min, 1997);
  EXPECT_EQ(one_year.year->max, 1997);
  EXPECT_TRUE(one_year.sources.empty());  // filters alone are a prompt
}

TEST(RadioPrompt, StatsAndLikedAreSources) {
  auto p = Parsed("stats:me liked:me");
  ASSERT_EQ(p.sources.size(), 2u);
  EXPECT_EQ(p.sources[0].kind, RadioSource::Kind::kStats);
  EXPECT_EQ(p.sources[1].kind, RadioSource::Kind::kLiked);
}

TEST(RadioPrompt, ModesFromFamiliarToDeepCuts) {
  EXPECT_EQ(Parsed("artist:(Radiohead)").mode, RadioMode::kMedium);
  EXPECT_EQ(Parsed("artist:(Radiohead) ::easy").mode, RadioMode::kEasy);
  EXPECT_EQ(Parsed("artist:(Radiohead)::hard").mode, RadioMode::kHard);
  EXPECT_EQ(Parsed("::medium tag:(jazz)").mode, RadioMode::kMedium);
}

TEST(RadioPrompt, ErrorsSayWhereAndWhatWasExpected) {
  struct Case {
    const char* text;
    int64_t position;
    std::string expected;
  };
  const Case cases[] = {
      {"", 0, "a term: artist:(…), tag:(…), energy:, valence:, tempo:, year:, stats:me or liked:me"},
      {"mood:(happy)", 0, "a term: artist:(…), tag:(…), energy:, valence:, tempo:, year:, stats:me or liked:me"},
      {"artist Radiohead", 6, "':' after artist"},
      {"artist:Radiohead", 7, "'(' after artist:"},
      {"artist:(Radiohead", 17, "')'"},
      {"artist:()", 8, "an artist name"},
      {"artist:(A, B)", 9, "')' (one artist per term)"},
      {"artist:(A):0", 11, "a weight from 1 to 10"},
      {"artist:(A):11", 11, "a weight from 1 to 10"},
      {"tag:(rock, pop & jazz)", 15, "',' (do not mix ',' and '&')"},
      {"tag:(rock,)", 10, "a tag name"},
      {"energy:extreme", 7, "low, mid or high"},
      {"valence:", 8, "low, mid or high"},
      {"tempo:90", 8, "'-' and an upper bound (e.g. 90-110)"},
      {"tempo:110-90", 10, "an upper bound >= 110"},
      {"tempo:10-90", 6, "a number from 30 to 300"},
      {"year:1800", 5, "a number from 1900 to 2100"},
      {"stats:you", 6, "me"},
      {"liked:", 6, "me"},
      {"tag:(rock)energy:low", 10, "white space before the next term"},
      {"tag:(rock) ::loud", 13, "a mode: easy, medium or hard"},
      {"tag:(rock) ::easy ::hard", 18, "one mode only"},
      {"::easy", 0, "a term: artist:(…), tag:(…), energy:, valence:, tempo:, year:, stats:me or liked:me"},
  };
  for (const auto& c : cases) {
    Failure f = FailureOf(c.text);
    EXPECT_EQ(f.position, c.position) << c.text;
    EXPECT_EQ(f.expected, c.expected) << c.text;
  }
  auto r = ParseRadioPrompt("energy:extreme");
  EXPECT_EQ(r.error().message, "prompt: expected low, mid or high at position 7");
}

TEST(RadioPrompt, FreeSentencesAreNotTheLanguage) {
  EXPECT_TRUE(IsRadioPrompt("artist:(Radiohead)"));
  EXPECT_TRUE(IsRadioPrompt("something with energy:high"));
  EXPECT_TRUE(IsRadioPrompt("Tag:(jazz)"));
  EXPECT_TRUE(IsRadioPrompt("chill ::hard"));
  EXPECT_FALSE(IsRadioPrompt("make me a 20-song upbeat workout playlist"));
  EXPECT_FALSE(IsRadioPrompt("music for my study: calm and slow"));
  EXPECT_FALSE(IsRadioPrompt("a playlist like Radiohead's artistry"));
}

}  // namespace
}  // namespace echotune::api
