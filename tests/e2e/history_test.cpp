// Issue 7, POST /api/history over real HTTP with a real store.
#include "tests/e2e/recs_api_fixture.h"

namespace echotune::e2e {
namespace {

using History = RecsApiFixture;

TEST_F(History, RecordsListensFillsNamesFromTheCatalogueAndSkipsDuplicates) {
  std::string body = R"({"listens": [
    {"trackId": "trk001", "playedAt": "2026-11-20T10:00:00Z"},
    {"trackId": "trk002", "playedAt": "2026-11-20T10:04:00Z", "durationMs": 5000},
    {"trackId": "unknown1", "playedAt": "2026-11-20T10:05:00Z", "trackName": "Elsewhere",
     "artistName": "Nobody", "durationMs": 200000, "context": {"contextType": "album", "deviceType": "speaker"}},
    {"trackId": "trk003", "playedAt": "2026-11-20T10:09:00Z", "durationMs": 240000, "skipped": true}]})";
  auto r = Post("/api/history", body);
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.Json().at("data").at("inserted"), 4);
  EXPECT_EQ(r.Json().at("data").at("duplicates"), 0);
  auto again = Post("/api/history", body);
  ASSERT_EQ(again.status, 200u) << again.body;
  EXPECT_EQ(again.Json().at("data").at("inserted"), 0);
  EXPECT_EQ(again.Json().at("data").at("duplicates"), 4);

  auto recent = store().listens().Recent(*core::ObjectId::Parse(user_id_), 10);
  ASSERT_TRUE(recent.ok());
  ASSERT_EQ(recent->size(), 4u);
  const model::Listen& first = recent->back();  // oldest
  EXPECT_EQ(first.track_name, "Song trk001");
  EXPECT_EQ(first.artist_name, "Artist 1");
  EXPECT_EQ(first.album_name, "Album 1");
  EXPECT_EQ(first.duration_ms, *CatalogueTrack(1).duration_ms);
  EXPECT_EQ(first.skip_count, 0);
  // Played: trk001 and unknown1; skipped: trk002 (5 s) and trk003 (flag). Once each.
  EXPECT_EQ(Events(user_id_, model::EventType::kTrackPlayed).size(), 2u);
  EXPECT_EQ(Events(user_id_, model::EventType::kTrackSkipped).size(), 2u);
}

TEST_F(History, InvalidBodiesNameTheField) {
  struct Case {
    std::string body;
    std::string field;
  };
  std::string many = R"({"listens": [)";
  for (int i = 0; i < 1001; ++i) {
    many += std::string(i ? "," : "") + R"({"trackId": "trk001", "playedAt": "2026-11-20T10:00:00Z"})";
  }
  many += "]}";
  std::vector<Case> cases = {
      {R"({"listens": []})", "listens"},
      {R"({"listens": "x"})", "listens"},
      {R"({})", "listens"},
      {R"([1])", "body"},
      {many, "listens"},
      {R"({"listens": [{"trackId": "trk001", "playedAt": "2026-11-20T10:00:00Z"}, {"trackId": "trk002"}]})",
       "listens[1].playedAt"},
      {R"({"listens": [{"trackId": "trk001", "playedAt": "yesterday"}]})", "listens[0].playedAt"},
      {R"({"listens": [{"playedAt": "2026-11-20T10:00:00Z"}]})", "listens[0].trackId"},
      {R"({"listens": [{"trackId": "trk001", "playedAt": "2026-11-20T10:00:00Z", "durationMs": -1}]})",
       "listens[0].durationMs"},
      {R"({"listens": [{"trackId": "nope", "playedAt": "2026-11-20T10:00:00Z"}]})", "listens[0].trackName"},
      {R"({"listens": [{"trackId": "trk001", "playedAt": "2026-11-20T10:00:00Z", "context": {"deviceType": "toaster"}}]})",
       "listens[0].context.deviceType"},
  };
  for (const auto& c : cases) {
    auto r = Post("/api/history", c.body);
    EXPECT_EQ(r.status, 400u) << c.body.substr(0, 120) << " " << r.body;
    EXPECT_EQ(r.Json().at("code"), "VALIDATION_ERROR");
    EXPECT_EQ(FieldOf(r), c.field) << c.body.substr(0, 120);
  }
  // Nothing of a refused batch is stored.
  EXPECT_EQ(*store().listens().CountForUser(*core::ObjectId::Parse(user_id_)), 0);
}

TEST_F(History, RequiresAToken) {
  auto r = Fetch(svc_.port(), bhttp::verb::post, "/api/history",
                 R"({"listens": [{"trackId": "trk001", "playedAt": "2026-11-20T10:00:00Z"}]})");
  EXPECT_EQ(r.status, 401u);
  EXPECT_EQ(r.Json().at("code"), "MISSING_TOKEN");
}

TEST_F(History, ListensFeedTheEngineWithoutARebuild) {
  RebuildEngine();
  ASSERT_TRUE(PostListens(0, 8).status == 200u);
  auto profile = svc_.service().engine().profile(user_id_);
  ASSERT_NE(profile, nullptr);
}

}  // namespace
}  // namespace echotune::e2e
