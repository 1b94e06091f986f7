#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "recs/candidates.h"
#include "recs/model_builder.h"
#include "recs/moods.h"
#include "recs/strategies.h"
#include "recs/test_fixtures.h"

namespace echotune::recs {
namespace {

using testing::Catalogue;
using testing::History;
using testing::kNow;
using testing::Req;

class StrategiesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config_.embedding.dim = 8;
    config_.hybrid_concurrent = true;
    built_ = BuildModel(Catalogue(), History(), config_);
  }
  std::vector<Candidate> Run(RecRequest r) {
    if (r.user_id.empty()) r.user_id = "me";
    r.now_ms = kNow;
    auto it = built_.users.find(r.user_id);
    const UserProfile* p = it == built_.users.end() ? nullptr : it->second.get();
    return RecommendWith(*built_.items, p, r, config_).candidates;
  }
  static std::vector<std::string> Ids(const std::vector<Candidate>& cs) {
    std::vector<std::string> out;
    for (const auto& c : cs) out.push_back(c.track_id);
    return out;
  }
  ModelConfig config_;
  BuiltModel built_;
};

TEST_F(StrategiesTest, CollaborativeRecommendsWhatSimilarListenersPlay) {
  auto out = Run(Req("me", Strategy::kCollaborative, 3));
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out[0].track_id, "r3");  // every r1+r2 listener also plays r3
  EXPECT_EQ(out[0].strategy, "collaborative");
  EXPECT_DOUBLE_EQ(out[0].score, 1.0);
  EXPECT_NE(out[0].reason.find("Because you listen to Rocker"), std::string::npos);
}

TEST_F(StrategiesTest, ContentFindsTracksThatSoundLikeTheHistory) {
  auto out = Run(Req("me", Strategy::kContent, 2));
  ASSERT_EQ(out.size(), 2u);
  for (const auto& c : out) EXPECT_EQ(c.track_id[0], 'r') << c.track_id;
  EXPECT_GT(out[0].score, 0.0);
  EXPECT_LE(out[0].score, 1.0);
}

TEST_F(StrategiesTest, ContentTargetsOverrideTheTasteVector) {
  RecRequest r = Req("me", Strategy::kContent, 2);
  r.targets = {{FeatureId::kEnergy, 0.1f}, {FeatureId::kAcousticness, 0.95f}};
  auto out = Run(r);
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out[0].track_id[0], 'c');
  EXPECT_NE(out[0].reason.find("targets"), std::string::npos);
}

TEST_F(StrategiesTest, SemanticMapsGenreWordsIntoTheEmbeddingSpace) {
  RecRequest r = Req("nobody", Strategy::kSemantic, 3);
  r.query = "quiet ambient evening";
  auto out = Run(r);
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out[0].strategy, "semantic");
  EXPECT_TRUE(out[0].track_id == "c1" || out[0].track_id == "c2" || out[0].track_id == "c3") << out[0].track_id;
  EXPECT_NE(out[0].reason.find("ambient"), std::string::npos);
}

TEST_F(StrategiesTest, MoodSleepPicksCalmAcousticTracks) {
  auto out = Run(Req("nobody", Strategy::kMood, 3, "sleep"));
  ASSERT_EQ(out.size(), 3u);
  for (const auto& c : out) EXPECT_EQ(c.track_id[0], 'c') << c.track_id;
  EXPECT_NE(out[0].reason.find("sleep"), std::string::npos);
}

TEST_F(StrategiesTest, MoodWorkoutPicksFastLoudTracks) {
  auto out = Run(Req("nobody", Strategy::kMood, 2, "workout"));
  ASSERT_FALSE(out.empty());
  EXPECT_NE(out[0].track_id[0], 'c');
}

TEST_F(StrategiesTest, AtLeastTwelveMoodsAreKnown) {
  EXPECT_GE(Moods().size(), 12u);
  for (const char* m : {"energetic", "chill", "happy", "melancholy", "focus", "study", "workout", "party", "sleep",
                        "romantic", "angry", "acoustic"}) {
    EXPECT_NE(FindMood(m), nullptr) << m;
  }
}

TEST_F(StrategiesTest, HybridBlendsPartsCapsArtistsAndExplains) {
  auto out = Run(Req("me", Strategy::kHybrid, 6));
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out[0].track_id, "r3");
  std::map<std::string, int> per_artist;
  for (const auto& c : out) {
    EXPECT_EQ(c.strategy, "hybrid");
    EXPECT_FALSE(c.reason.empty());
    EXPECT_FALSE(c.parts.empty());
    EXPECT_GE(c.score, config_.min_confidence);
    EXPECT_LE(c.score, 1.0);
    EXPECT_LE(++per_artist[c.artist], 2) << c.artist;
  }
  for (std::size_t k = 1; k < out.size(); ++k) EXPECT_GE(out[k - 1].score, out[k].score);
}

TEST_F(StrategiesTest, HybridSequentialEqualsConcurrent) {
  auto concurrent = Run(Req("me", Strategy::kHybrid, 6));
  config_.hybrid_concurrent = false;
  EXPECT_EQ(Ids(Run(Req("me", Strategy::kHybrid, 6))), Ids(concurrent));
}

TEST_F(StrategiesTest, CandidatesCarryMetadataAndAudioFeatures) {
  auto out = Run(Req("me", Strategy::kCollaborative, 1));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].name, "Song r3");
  EXPECT_EQ(out[0].artist, "Stone");
  EXPECT_EQ(out[0].artist_id, "artist-Stone");
  EXPECT_EQ(out[0].album, "Album of Stone");
  EXPECT_FLOAT_EQ(out[0].audio_features.Get(FeatureId::kTempo), 160.0f);
}

}  // namespace
}  // namespace echotune::recs
