// Spotify answers mapped to the error model, and Spotify objects to our shapes.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "spotify/curl_client.h"
#include "spotify/shapes.h"
#include "spotify/web_api.h"

namespace echotune::spotify {
namespace {

namespace json = boost::json;

HttpResponse Answer(long status, std::string body) { return HttpResponse{status, std::move(body), {}}; }

std::string Error(int status, const char* message, const char* reason = nullptr) {
  json::object e{{"status", status}, {"message", message}};
  if (reason) e["reason"] = reason;
  return json::serialize(json::object{{"error", e}});
}

TEST(InterpretApiAnswer, SuccessParsesJsonAndAcceptsNoBody) {
  auto ok = InterpretApiAnswer(Answer(200, R"({"a": 1})"));
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->json.at("a"), 1);
  auto empty = InterpretApiAnswer(Answer(204, ""));
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->json.is_null());
  EXPECT_EQ(InterpretApiAnswer(Answer(200, "<html>")).error().code, core::ErrorCode::kSpotifyUnavailable);
}

TEST(InterpretApiAnswer, MapsSpotifyFailuresToOurCodes) {
  struct Case {
    long status;
    std::string body;
    core::ErrorCode code;
  };
  const Case cases[] = {
      {400, Error(400, "Invalid base62 id"), core::ErrorCode::kValidationError},
      {401, Error(401, "The access token expired"), core::ErrorCode::kSpotifyTokenExpired},
      {403, Error(403, "Player command failed: Premium required", "PREMIUM_REQUIRED"), core::ErrorCode::kPremiumRequired},
      {403, Error(403, "Premium required"), core::ErrorCode::kPremiumRequired},
      {403, Error(403, "Insufficient client scope"), core::ErrorCode::kSpotifyAuthRequired},
      {404, Error(404, "Player command failed: No active device found", "NO_ACTIVE_DEVICE"), core::ErrorCode::kNoActiveDevice},
      {404, Error(404, "No active device found"), core::ErrorCode::kNoActiveDevice},
      {404, Error(404, "Non existing id"), core::ErrorCode::kNotFound},
      {502, "Bad gateway", core::ErrorCode::kSpotifyUnavailable},
      {418, "", core::ErrorCode::kSpotifyUnavailable},
  };
  for (const auto& c : cases) {
    auto r = InterpretApiAnswer(Answer(c.status, c.body));
    ASSERT_FALSE(r.ok()) << c.status;
    EXPECT_EQ(core::ToString(r.error().code), core::ToString(c.code)) << c.status << " " << c.body;
    EXPECT_EQ(r.error().details.at("spotifyStatus"), c.status);
  }
}

TEST(ErrorCodes, NewSpotifyCodesHaveTheirStatus) {
  EXPECT_EQ(core::HttpStatus(core::ErrorCode::kNoActiveDevice), 404u);
  EXPECT_EQ(core::HttpStatus(core::ErrorCode::kPremiumRequired), 403u);
  EXPECT_EQ(core::HttpStatus(core::ErrorCode::kSpotifyUnavailable), 502u);
  EXPECT_EQ(core::ToString(core::ErrorCode::kSpotifyUnavailable), "SPOTIFY_UNAVAILABLE");
}

TEST(RetryAfterHeader, ReadsSecondsInAnyCase) {
  EXPECT_EQ(RetryAfterFromHeaderLine("Retry-After: 7\r\n"), 7);
  EXPECT_EQ(RetryAfterFromHeaderLine("retry-after:30"), 30);
  EXPECT_EQ(RetryAfterFromHeaderLine("Retry-After: soon\r\n"), std::nullopt);
  EXPECT_EQ(RetryAfterFromHeaderLine("Content-Type: x"), std::nullopt);
}

TEST(Shapes, PlaybackOfNothingPlayingAndOfATrack) {
  json::object none = PlaybackShape(nullptr);
  EXPECT_EQ(none.at("isPlaying"), false);
  EXPECT_TRUE(none.at("track").is_null());
  json::value player = json::parse(R"({"is_playing": true, "progress_ms": 5, "shuffle_state": true,
      "repeat_state": "track", "device": {"id": "d", "name": "Den", "is_active": true, "volume_percent": 12},
      "item": {"id": "t", "name": "Song", "uri": "spotify:track:t", "duration_ms": 1000,
               "artists": [{"id": "a", "name": "Ann"}, {"id": "b", "name": "Bo"}],
               "album": {"id": "al", "name": "Alb", "images": [{"url": "u"}]}}})");
  json::object p = PlaybackShape(player);
  EXPECT_EQ(p.at("repeat"), "track");
  EXPECT_EQ(p.at("device").at("volumePercent"), 12);
  EXPECT_EQ(p.at("track").at("artist"), "Ann");
  EXPECT_EQ(p.at("track").at("artists").as_array().size(), 2u);
  EXPECT_EQ(p.at("track").at("imageUrl"), "u");
  EXPECT_EQ(p.at("track").at("durationMs"), 1000);
}

TEST(Shapes, MistypedFieldsBecomeNullNotErrors) {
  json::object t = TrackShape(json::parse(R"({"id": 5, "artists": "x", "duration_ms": "long"})"));
  EXPECT_EQ(t.at("trackId"), "");
  EXPECT_EQ(t.at("artist"), "");
  EXPECT_TRUE(t.at("durationMs").is_null());
  EXPECT_TRUE(SearchShape(json::parse("[]")).empty());
  EXPECT_TRUE(DevicesShape(json::parse(R"({"devices": 3})")).empty());
}

}  // namespace
}  // namespace echotune::spotify
