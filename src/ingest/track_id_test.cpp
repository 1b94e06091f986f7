#include "ingest/track_id.h"

#include <gtest/gtest.h>

#include "ingest/device_type.h"

namespace echotune::ingest {
namespace {

TEST(TrackId, ReadsIdsUrisAndLinks) {
  EXPECT_EQ(SpotifyTrackIdOf("6f807x0ima9a1j3VPbc7VN"), "6f807x0ima9a1j3VPbc7VN");
  EXPECT_EQ(SpotifyTrackIdOf("spotify:track:1dtKN6wwlolkM8XZy2y9C1"), "1dtKN6wwlolkM8XZy2y9C1");
  EXPECT_EQ(SpotifyTrackIdOf("https://open.spotify.com/track/1dtKN6wwlolkM8XZy2y9C1?si=abc"),
            "1dtKN6wwlolkM8XZy2y9C1");
  EXPECT_EQ(SpotifyTrackIdOf("spotify:episode:1dtKN6wwlolkM8XZy2y9C1"), std::nullopt);
  EXPECT_EQ(SpotifyTrackIdOf("spotify:local:a:b:c:120"), std::nullopt);
  EXPECT_EQ(SpotifyTrackIdOf("short"), std::nullopt);
}

TEST(TrackId, LocalIdIsStableAndIgnoresCaseAndSpacing) {
  std::string id = LocalTrackId("Mon Laferte", "Tu Falta De Querer");
  EXPECT_EQ(id.size(), 6u + 22u);
  EXPECT_EQ(id.rfind("local:", 0), 0u);
  EXPECT_EQ(id, LocalTrackId(" mon  laferte", "TU FALTA DE QUERER "));
  EXPECT_NE(id, LocalTrackId("Mon Laferte", "Amárrame"));
  EXPECT_NE(LocalTrackId("a", "bc"), LocalTrackId("ab", "c"));
}

TEST(DeviceType, MapsSpotifyPlatformNames) {
  EXPECT_EQ(DeviceTypeOf("android"), model::DeviceType::kSmartphone);
  EXPECT_EQ(DeviceTypeOf("Android OS 11 API 30 (Xiaomi, 21061119BI)"), model::DeviceType::kSmartphone);
  EXPECT_EQ(DeviceTypeOf("iOS 14.4 (iPhone12,1)"), model::DeviceType::kSmartphone);
  EXPECT_EQ(DeviceTypeOf("windows"), model::DeviceType::kComputer);
  EXPECT_EQ(DeviceTypeOf("OS X 10.15.7 [x86 8]"), model::DeviceType::kComputer);
  EXPECT_EQ(DeviceTypeOf("web_player windows 10;chrome 87.0.4280.88;desktop"), model::DeviceType::kComputer);
  EXPECT_EQ(DeviceTypeOf("Partner amazon_salmon Amazon;Echo_Dot;8a9b"), model::DeviceType::kSpeaker);
  EXPECT_EQ(DeviceTypeOf("Sonos"), model::DeviceType::kSpeaker);
  EXPECT_EQ(DeviceTypeOf("Partner android_tv Sony;BRAVIA"), std::nullopt);
  EXPECT_EQ(DeviceTypeOf(""), std::nullopt);
}

}  // namespace
}  // namespace echotune::ingest
