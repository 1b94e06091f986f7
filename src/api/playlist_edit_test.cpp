#include "api/playlist_edit.h"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include "api/listen_input.h"

namespace echotune::api {
namespace {

std::vector<model::PlaylistTrack> Tracks(std::vector<std::string> ids) {
  std::vector<model::PlaylistTrack> out;
  for (auto& id : ids) out.push_back(model::PlaylistTrack{id, id, "a", {}, 0});
  return out;
}

std::vector<std::string> Ids(const std::vector<model::PlaylistTrack>& t) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < t.size(); ++i) {
    EXPECT_EQ(t[i].position, static_cast<int64_t>(i));
    out.push_back(t[i].track_id);
  }
  return out;
}

model::TrackMetadata Meta(std::string id) {
  model::TrackMetadata m;
  m.spotify_id = id;
  m.name = "N" + id;
  m.artists = {{"ar", "Artist"}};
  return m;
}

TEST(PlaylistEdit, RemoveThenAddThenMove) {
  auto tracks = Tracks({"a", "b", "c"});
  auto edit = ParsePlaylistEdit(boost::json::parse(R"({"remove":["b"],"add":["d","a"],"move":{"from":2,"to":0}})"));
  ASSERT_TRUE(edit.ok());
  ASSERT_TRUE(ApplyTrackEdits(tracks, *edit, {Meta("d"), Meta("a")}).ok());
  EXPECT_EQ(Ids(tracks), (std::vector<std::string>{"d", "a", "c"}));
  EXPECT_EQ(tracks[0].name, "Nd");
  EXPECT_EQ(tracks[0].artist, "Artist");
}

TEST(PlaylistEdit, ErrorsNameTheField) {
  auto tracks = Tracks({"a"});
  auto bad_move = ParsePlaylistEdit(boost::json::parse(R"({"move":{"from":1,"to":0}})"));
  ASSERT_TRUE(bad_move.ok());
  auto s = ApplyTrackEdits(tracks, *bad_move, {});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().details.at("field"), "move.from");
  auto unknown = ParsePlaylistEdit(boost::json::parse(R"({"add":["x"]})"));
  EXPECT_EQ(ApplyTrackEdits(tracks, *unknown, {}).error().details.at("field"), "add[0]");
  EXPECT_EQ(ParsePlaylistEdit(boost::json::parse(R"({"name":""})")).error().details.at("field"), "name");
  EXPECT_EQ(ParsePlaylistEdit(boost::json::parse(R"({"x":1})")).error().details.at("field"), "x");
}

TEST(ListenInput, SkipRuleAndCatalogueFill) {
  auto parsed = ParseListens(boost::json::parse(R"({"listens":[
      {"trackId":"t1","playedAt":"2026-01-01T00:00:00Z"},
      {"trackId":"t2","playedAt":"2026-01-01T00:01:00Z","durationMs":29999},
      {"trackId":"t3","playedAt":"2026-01-01T00:02:00Z","durationMs":30000,"trackName":"x","artistName":"y"},
      {"trackId":"t4","playedAt":"2026-01-01T00:03:00Z","durationMs":90000,"context":{"skipped":true}}]})"));
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_FALSE((*parsed)[0].skipped);
  EXPECT_TRUE((*parsed)[1].skipped);
  EXPECT_FALSE((*parsed)[2].skipped);
  EXPECT_TRUE((*parsed)[3].skipped);
  auto t1 = Meta("t1");
  t1.duration_ms = 123000;
  auto s = FillFromCatalogue(*parsed, {t1, Meta("t2"), Meta("t4")});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ((*parsed)[0].listen.track_name, "Nt1");
  EXPECT_EQ((*parsed)[0].listen.duration_ms, 123000);
  EXPECT_EQ((*parsed)[1].listen.duration_ms, 29999);  // sent values win
  EXPECT_EQ((*parsed)[2].listen.track_name, "x");     // unknown but named
  auto missing = FillFromCatalogue(*parsed, {});
  EXPECT_EQ(missing.error().details.at("field"), "listens[0].trackName");
}

}  // namespace
}  // namespace echotune::api
