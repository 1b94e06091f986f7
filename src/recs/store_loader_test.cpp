#include "recs/store_loader.h"

#include <gtest/gtest.h>

namespace echotune::recs {
namespace {

TEST(StoreLoaderTest, MapsTrackMetadataToACatalogueEntry) {
  model::TrackMetadata t;
  t.spotify_id = "4iV5W9uYEdYUVa79Axb7Rh";
  t.name = "Back in Black";
  t.artists = {{"1", "AC/DC"}, {"2", "Someone"}};
  t.album = model::AlbumInfo{};
  t.album->name = "Back in Black";
  t.popularity = 82;
  model::AudioFeatures f;
  f.energy = 0.7;
  f.valence = 0.76;
  f.tempo = 188.4;
  f.key = 9;
  t.audio_features = f;
  t.genres = {"hard rock"};
  Track out = ToTrack(t);
  EXPECT_EQ(out.id, t.spotify_id);
  EXPECT_EQ(out.artist, "AC/DC");
  EXPECT_EQ(out.artist_id, "1");
  EXPECT_EQ(out.album, "Back in Black");
  EXPECT_EQ(out.popularity, 82);
  ASSERT_TRUE(out.features.has_value());
  EXPECT_FLOAT_EQ(out.features->Get(FeatureId::kTempo), 188.4f);
  EXPECT_FLOAT_EQ(out.features->Get(FeatureId::kKey), 9.0f);
  EXPECT_EQ(out.genres, t.genres);
}

TEST(StoreLoaderTest, TracksWithoutEnergyOrValenceHaveNoFeatures) {
  model::TrackMetadata t;
  t.spotify_id = "no-features";
  t.name = "No features";
  t.audio_features = model::AudioFeatures{};
  EXPECT_FALSE(ToTrack(t).features.has_value());
}

TEST(StoreLoaderTest, MapsAListenToAnInteraction) {
  model::Listen l;
  l.user_id = *core::ObjectId::Parse("665a1b2c3d4e5f6a7b8c9d0e");
  l.track_id = "t1";
  l.played_at = core::TimePoint(core::Millis(1'705'328'400'000));
  l.skip_count = 2;
  l.repeat_count = 1;
  Interaction e = ToInteraction(l);
  EXPECT_EQ(e.user_id, "665a1b2c3d4e5f6a7b8c9d0e");
  EXPECT_EQ(e.track_id, "t1");
  EXPECT_EQ(e.played_at_ms, 1'705'328'400'000);
  EXPECT_TRUE(e.skipped);
  EXPECT_EQ(e.repeat_count, 1);
  EXPECT_EQ(e.play_count, 1);
}

}  // namespace
}  // namespace echotune::recs
