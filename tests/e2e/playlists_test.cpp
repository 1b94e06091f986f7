// Issue 7, the playlist endpoints over real HTTP with a real store and engine.
#include <set>

#include "tests/e2e/recs_api_fixture.h"

namespace echotune::e2e {
namespace {

class Playlists : public RecsApiFixture {
 protected:
  void SetUp() override {
    ASSERT_EQ(PostListens(0, 10).status, 200u);
    RebuildEngine();
  }

  boost::json::object Generate(const std::string& body, const std::string& token = "") {
    auto r = Post("/api/playlists/generate", body, token);
    EXPECT_EQ(r.status, 201u) << body << " " << r.body;
    return r.status == 201u ? r.Json().at("data").as_object() : boost::json::object{};
  }

  static void ExpectPositions(const boost::json::object& p) {
    const auto& tracks = p.at("tracks").as_array();
    EXPECT_EQ(p.at("trackCount"), static_cast<int64_t>(tracks.size()));
    std::set<std::string> ids;
    for (std::size_t i = 0; i < tracks.size(); ++i) {
      EXPECT_EQ(tracks[i].at("position"), static_cast<int64_t>(i));
      ids.insert(std::string(tracks[i].at("trackId").as_string()));
    }
    EXPECT_EQ(ids.size(), tracks.size()) << "a track appears twice";
  }
};

TEST_F(Playlists, GeneratesFromSeveralPrompts) {
  auto workout = Generate(R"({"prompt": "make me a 20-song upbeat workout playlist with some rock"})");
  EXPECT_EQ(workout.at("trackCount"), 20);
  EXPECT_EQ(workout.at("name"), "Happy Workout Rock Mix");
  EXPECT_EQ(workout.at("playlist_type"), "generated");
  EXPECT_EQ(workout.at("public"), false);
  auto gp = workout.at("generation_parameters").as_object();
  EXPECT_EQ(gp.at("activity"), "workout");
  EXPECT_EQ(gp.at("mood"), "happy");
  EXPECT_EQ(gp.at("genres"), boost::json::parse(R"(["rock"])"));
  EXPECT_GE(gp.at("audio_features").at("energy").as_double(), 0.7);
  EXPECT_EQ(gp.at("originalPrompt"), "make me a 20-song upbeat workout playlist with some rock");
  // Rock tracks come first.
  auto first = workout.at("tracks").as_array().at(0).at("trackId").as_string();
  EXPECT_EQ(CatalogueTrack(std::stoi(std::string(first.subview(3)))).genres.at(0), "rock");
  ExpectPositions(workout);

  auto study = Generate(R"({"prompt": "chill lo-fi for studying", "public": true})");
  EXPECT_EQ(study.at("trackCount"), 20);  // the default
  EXPECT_EQ(study.at("public"), true);
  EXPECT_EQ(study.at("generation_parameters").at("activity"), "study");
  EXPECT_LE(study.at("generation_parameters").at("audio_features").at("energy").as_double(), 0.4);
  ExpectPositions(study);

  auto sad = Generate(R"({"prompt": "sad songs for a rainy evening", "trackCount": 8})");
  EXPECT_EQ(sad.at("trackCount"), 8);
  EXPECT_EQ(sad.at("generation_parameters").at("mood"), "sad");
  ExpectPositions(sad);

  auto party = Generate(R"({"prompt": "a party mix of 35 danceable tracks, pop and edm"})");
  EXPECT_EQ(party.at("trackCount"), 35);
  EXPECT_EQ(party.at("generation_parameters").at("genres"), boost::json::parse(R"(["pop","edm"])"));
  ExpectPositions(party);

  EXPECT_EQ(Events(user_id_, model::EventType::kPlaylistCreated).size(), 4u);
}

TEST_F(Playlists, GenerateValidation) {
  std::vector<std::pair<std::string, std::string>> cases = {
      {R"({})", "prompt"},
      {R"({"prompt": ""})", "prompt"},
      {R"({"prompt": 7})", "prompt"},
      {R"({"prompt": "rock", "trackCount": 0})", "trackCount"},
      {R"({"prompt": "rock", "trackCount": 101})", "trackCount"},
      {R"({"prompt": "rock", "public": "yes"})", "public"},
      {R"("rock")", "body"},
  };
  for (const auto& [body, field] : cases) {
    auto r = Post("/api/playlists/generate", body);
    EXPECT_EQ(r.status, 400u) << body << " " << r.body;
    EXPECT_EQ(FieldOf(r), field) << body;
  }
  EXPECT_EQ(Fetch(svc_.port(), bhttp::verb::post, "/api/playlists/generate", R"({"prompt":"x"})").status, 401u);
}

TEST_F(Playlists, ListIsPagedAndGetIsOwnerOnly) {
  for (const char* prompt : {"workout rock", "chill jazz", "party pop"}) {
    Generate(std::string(R"({"prompt": ")") + prompt + R"(", "trackCount": 3})");
  }
  auto page1 = Get("/api/playlists?page=1&limit=2");
  ASSERT_EQ(page1.status, 200u) << page1.body;
  EXPECT_EQ(page1.Json().at("data").as_array().size(), 2u);
  EXPECT_EQ(page1.Json().at("meta").at("total"), 3);
  auto page2 = Get("/api/playlists?page=2&limit=2");
  EXPECT_EQ(page2.Json().at("data").as_array().size(), 1u);
  std::set<std::string> names;
  for (const auto* page : {&page1, &page2}) {
    auto json = page->Json();
    for (const auto& p : json.at("data").as_array()) names.insert(std::string(p.at("name").as_string()));
  }
  EXPECT_EQ(names, (std::set<std::string>{"Workout Rock Mix", "Chill Jazz Mix", "Party Pop Mix"}));
  EXPECT_EQ(page2.Json().at("meta").at("page"), 2);
  auto by_offset = Get("/api/playlists?offset=1&limit=5");
  EXPECT_EQ(by_offset.Json().at("data").as_array().size(), 2u);
  EXPECT_EQ(FieldOf(Get("/api/playlists?limit=0")), "limit");
  EXPECT_EQ(FieldOf(Get("/api/playlists?page=0")), "page");

  std::string id(page2.Json().at("data").as_array().at(0).at("_id").as_string());
  auto one = Get("/api/playlists/" + id);
  ASSERT_EQ(one.status, 200u) << one.body;
  EXPECT_EQ(one.Json().at("data").at("name"), page2.Json().at("data").as_array().at(0).at("name"));
  std::string other = NewUser("someone-else");
  EXPECT_EQ(Get("/api/playlists/" + id, other).status, 404u);
  EXPECT_EQ(Get("/api/playlists", other).Json().at("meta").at("total"), 0);
  auto bad = Get("/api/playlists/not-an-id");
  EXPECT_EQ(bad.status, 400u);
  EXPECT_EQ(FieldOf(bad), "id");
  EXPECT_EQ(Get("/api/playlists/0123456789abcdef01234567").status, 404u);
}

TEST_F(Playlists, SearchUsesTheTextIndex) {
  Generate(R"({"prompt": "upbeat workout rock", "trackCount": 3})");
  Generate(R"({"prompt": "chill study jazz", "trackCount": 3})");
  auto r = Get("/api/playlists/search?q=workout");
  ASSERT_EQ(r.status, 200u) << r.body;
  auto data = r.Json().at("data").as_array();
  ASSERT_EQ(data.size(), 1u);
  EXPECT_EQ(data[0].at("name"), "Happy Workout Rock Mix");
  EXPECT_EQ(Get("/api/playlists/search?q=jazz").Json().at("data").as_array().size(), 1u);
  EXPECT_EQ(Get("/api/playlists/search?q=polka").Json().at("data").as_array().size(), 0u);
  std::string other = NewUser("searcher");
  EXPECT_EQ(Get("/api/playlists/search?q=workout", other).Json().at("data").as_array().size(), 0u);
  auto missing = Get("/api/playlists/search");
  EXPECT_EQ(missing.status, 400u);
  EXPECT_EQ(FieldOf(missing), "q");
  // Each search that ran is a search.performed event; the refused one is not.
  auto events = Events(user_id_, model::EventType::kSearchPerformed);
  ASSERT_EQ(events.size(), 3u);
  std::multiset<std::string> queries;
  for (const auto& e : events) {
    queries.insert(std::string(e.metadata.at("query").as_string()));
    EXPECT_EQ(e.metadata.at("type"), "playlist");
    EXPECT_EQ(e.metadata.at("resultCount").to_number<int64_t>(),
              e.metadata.at("query") == "polka" ? 0 : 1);
  }
  EXPECT_EQ(queries, (std::multiset<std::string>{"jazz", "polka", "workout"}));
}

TEST_F(Playlists, PatchKeepsPositionsDense) {
  auto p = Generate(R"({"prompt": "focus", "trackCount": 5})");
  std::string id(p.at("_id").as_string());
  std::vector<std::string> ids;
  for (const auto& t : p.at("tracks").as_array()) ids.emplace_back(t.at("trackId").as_string());
  ASSERT_EQ(ids.size(), 5u);
  std::string extra = "trk149";
  if (std::find(ids.begin(), ids.end(), extra) != ids.end()) extra = "trk148";
  // remove ids[1] -> [0,2,3,4]; add extra -> [0,2,3,4,x]; move 0 to 3 -> [2,3,4,0,x]
  std::string body = R"({"name": "Deep Work", "description": "mine", "remove": [")" + ids[1] +
                     R"("], "add": [")" + extra + R"("], "move": {"from": 0, "to": 3}})";
  auto r = Patch("/api/playlists/" + id, body);
  ASSERT_EQ(r.status, 200u) << r.body;
  auto data = r.Json().at("data").as_object();
  EXPECT_EQ(data.at("name"), "Deep Work");
  EXPECT_EQ(data.at("description"), "mine");
  ExpectPositions(data);
  std::vector<std::string> got;
  for (const auto& t : data.at("tracks").as_array()) got.emplace_back(t.at("trackId").as_string());
  EXPECT_EQ(got, (std::vector<std::string>{ids[2], ids[3], ids[4], ids[0], extra}));
  EXPECT_EQ(data.at("tracks").as_array().at(4).at("name").as_string(), "Song " + extra);
  // Stored as returned.
  EXPECT_EQ(Get("/api/playlists/" + id).Json().at("data").at("tracks"), data.at("tracks"));

  auto moved = Patch("/api/playlists/" + id, R"({"move": {"from": 4, "to": 0}})");
  ASSERT_EQ(moved.status, 200u) << moved.body;
  ExpectPositions(moved.Json().at("data").as_object());
  EXPECT_EQ(moved.Json().at("data").at("tracks").as_array().at(0).at("trackId").as_string(), extra);
}

TEST_F(Playlists, PatchErrors) {
  auto p = Generate(R"({"prompt": "focus", "trackCount": 3})");
  std::string path = "/api/playlists/" + std::string(p.at("_id").as_string());
  std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"name": ""})", "name"},
      {R"({"move": {"from": 3, "to": 0}})", "move.from"},
      {R"({"move": {"from": 0, "to": -1}})", "move.to"},
      {R"({"move": {"from": 0}})", "move.to"},
      {R"({"add": ["no-such-track"]})", "add[0]"},
      {R"({"add": "trk001"})", "add"},
      {R"({"colour": "red"})", "colour"},
  };
  for (const auto& [body, field] : cases) {
    auto r = Patch(path, body);
    EXPECT_EQ(r.status, 400u) << body << " " << r.body;
    EXPECT_EQ(FieldOf(r), field) << body;
  }
  // Nothing changed.
  EXPECT_EQ(Get(path).Json().at("data").at("tracks"), p.at("tracks"));
  EXPECT_EQ(Patch(path, R"({"name": "x"})", NewUser("intruder")).status, 404u);
  EXPECT_EQ(FieldOf(Patch("/api/playlists/xyz", R"({"name": "x"})")), "id");
}

}  // namespace
}  // namespace echotune::e2e
