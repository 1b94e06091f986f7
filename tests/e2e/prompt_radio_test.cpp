// Issue 16, prompt radio over real HTTP: POST /api/playlists/generate with the
// radio language (docs/prompts.md), on the hand-made catalogue of
// recs_api_fixture.h (track i: artist i % 60, genre rock/pop/jazz/classical/edm
// by i % 5, energy (i % 11) / 10, tempo 70 + 10 (i % 11), popularity 100 - i % 100).
#include "tests/e2e/recs_api_fixture.h"

namespace echotune::e2e {
namespace {

class PromptRadio : public RecsApiFixture {
 protected:
  void SetUp() override {
    for (int i = 10; i < 20; ++i) {  // released in 1995
      auto t = CatalogueTrack(i);
      t.release_year = 1995;
      ASSERT_TRUE(store().tracks().Upsert(t).ok());
    }
    ASSERT_EQ(PostListens(0, 20).status, 200u);
    RebuildEngine();
  }

  boost::json::object Radio(const std::string& prompt, int count = 10) {
    auto body = boost::json::serialize(boost::json::object{{"prompt", prompt}, {"trackCount", count}});
    auto r = Post("/api/playlists/generate", body);
    EXPECT_EQ(r.status, 201u) << prompt << " " << r.body;
    return r.status == 201u ? r.Json().at("data").as_object() : boost::json::object{};
  }

  static std::vector<int> Numbers(const boost::json::object& playlist) {
    std::vector<int> out;
    for (const auto& t : playlist.at("tracks").as_array()) {
      out.push_back(std::stoi(std::string(t.at("trackId").as_string().subview(3))));
    }
    return out;
  }
};

TEST_F(PromptRadio, AnArtistRadioHasTheArtistAndTracksNearIt) {
  auto p = Radio("artist:(artist 7)", 12);  // the name matches in any case
  auto n = Numbers(p);
  ASSERT_EQ(n.size(), 12u);
  for (int own : {7, 67, 127}) EXPECT_NE(std::find(n.begin(), n.end(), own), n.end()) << own;
  EXPECT_TRUE(std::any_of(n.begin(), n.end(), [](int i) { return i % 60 != 7; }));  // similar tracks too
  EXPECT_EQ(p.at("name"), "Radio: artist:(artist 7)");
  EXPECT_EQ(p.at("generation_parameters").at("originalPrompt"), "artist:(artist 7)");
}

TEST_F(PromptRadio, TagAndEnergyFilterEveryTrack) {
  auto n = Numbers(Radio("tag:(rock) energy:high", 20));
  ASSERT_FALSE(n.empty());
  for (int i : n) {
    EXPECT_EQ(i % 5, 0) << i;    // rock
    EXPECT_GE(i % 11, 7) << i;   // energy >= 0.7
  }
  auto any = Numbers(Radio("tag:(jazz, edm) valence:low", 20));
  ASSERT_FALSE(any.empty());
  for (int i : any) {
    EXPECT_TRUE(i % 5 == 2 || i % 5 == 4) << i;
    EXPECT_LT((i * 7) % 11, 4) << i;  // valence < 0.4
  }
  EXPECT_TRUE(Numbers(Radio("tag:(rock & jazz)")).empty());  // no track has both
}

TEST_F(PromptRadio, TempoYearAndModes) {
  auto easy = Radio("tempo:150-170 ::easy", 20);
  auto n = Numbers(easy);
  ASSERT_FALSE(n.empty());
  int last_popularity = 101;
  for (int i : n) {
    EXPECT_GE(i % 11, 8) << i;  // 150–170 BPM
    EXPECT_LE(100 - i % 100, last_popularity) << "easy: most popular first";
    last_popularity = 100 - i % 100;
  }
  auto hard = Numbers(Radio("energy:low ::hard", 20));
  ASSERT_FALSE(hard.empty());
  last_popularity = -1;
  for (int i : hard) {
    EXPECT_GE(i, 20) << "hard: nothing the user played";
    EXPECT_LT(i % 11, 4) << i;
    EXPECT_GE(100 - i % 100, last_popularity) << "hard: least popular first";
    last_popularity = 100 - i % 100;
  }
  auto years = Numbers(Radio("year:1990-1999 ::easy", 20));
  ASSERT_FALSE(years.empty());
  for (int i : years) EXPECT_TRUE(i >= 10 && i < 20) << i;
}

TEST_F(PromptRadio, StatsAndLikedUseTheListenersOwnData) {
  EXPECT_FALSE(Numbers(Radio("stats:me")).empty());
  auto recs = Get("/api/recommendations?limit=1");
  ASSERT_EQ(recs.status, 200u);
  auto liked = TrackIds(recs.Json().at("data")).at(0);
  ASSERT_EQ(Post("/api/recommendations/feedback", R"({"trackId": ")" + liked + R"(", "action": "like"})").status, 200u);
  EXPECT_FALSE(Numbers(Radio("liked:me")).empty());
}

TEST_F(PromptRadio, ParseErrorsAnswer400WithPositionAndExpectation) {
  auto r = Post("/api/playlists/generate", R"({"prompt": "tag:(rock) energy:extreme"})");
  ASSERT_EQ(r.status, 400u) << r.body;
  auto j = r.Json();
  EXPECT_EQ(j.at("code"), "VALIDATION_ERROR");
  EXPECT_EQ(j.at("details").at("field"), "prompt");
  EXPECT_EQ(j.at("details").at("position"), 18);
  EXPECT_EQ(j.at("details").at("expected"), "low, mid or high");
  EXPECT_EQ(j.at("error"), "prompt: expected low, mid or high at position 18");
  // A free sentence is still the rule-based parser's.
  auto free = Post("/api/playlists/generate", R"({"prompt": "music for my study: calm and slow"})");
  EXPECT_EQ(free.status, 201u) << free.body;
}

}  // namespace
}  // namespace echotune::e2e
