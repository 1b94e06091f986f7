// Issue 17 on the demo data set (every catalogue of ../shared/data, 471
// playlist listeners, two real exports): the path of GET /api/recommendations
// (RecsService::Compute) honours moods, targets and settings, and stays
// personal. Under sanitizers a smaller sample of users is checked.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <sstream>

#include "api/recs_service.h"
#include "core/test_util.h"
#include "ingest/demo_loader.h"
#include "recs/moods.h"
#include "recs/store_loader.h"

namespace echotune::api {
namespace {

struct Demo {
  std::unique_ptr<store::Store> store;
  std::unique_ptr<recs::RecEngine> engine;
  std::unique_ptr<RecsService> svc;
  std::vector<core::ObjectId> users;  // a deterministic sample of listeners with catalogued history
  std::map<std::string, std::set<std::string>> history;  // user → tracks
  std::map<std::string, std::string> top_genre;           // user → the genre most of their tracks carry
};

Demo* demo = nullptr;

std::size_t SampleSize() { return std::getenv("ECHOTUNE_SANITIZED") ? 16 : 80; }

class RecsContextTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    demo = new Demo;
    core::Config config;
    config.db_path = (echotune::testing::TempDir("recs-context") / "echotune.db").string();
    auto st = store::OpenStore(config, core::SystemClock::Instance());
    ASSERT_TRUE(st.ok()) << st.error().message;
    demo->store = std::move(st).value();
    std::ostringstream out;
    ingest::ProgressReporter progress(out, false, core::SystemClock::Instance());
    ingest::DemoLoader loader(*demo->store, progress);
    auto loaded = loader.Load(echotune::testing::SharedDataDir());
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    auto inputs = recs::LoadEngineInputs(*demo->store);
    ASSERT_TRUE(inputs.ok());
    demo->engine = std::make_unique<recs::RecEngine>(recs::ModelConfig{}, core::SystemClock::Instance());
    demo->engine->Rebuild(*inputs);
    demo->svc = std::make_unique<RecsService>(*demo->store, *demo->engine, core::SystemClock::Instance());
    std::set<std::string> catalogue;
    for (const auto& t : inputs->catalogue) catalogue.insert(t.id);
    for (const auto& e : inputs->interactions) {
      if (catalogue.contains(e.track_id)) demo->history[e.user_id].insert(e.track_id);
    }
    std::map<std::string, std::vector<std::string>> genres;
    for (const auto& t : inputs->catalogue) genres[t.id] = t.genres;
    for (const auto& [user, tracks] : demo->history) {
      std::map<std::string, int> count;
      for (const auto& t : tracks) {
        for (const auto& g : genres[t]) ++count[g];
      }
      if (!count.empty()) {
        demo->top_genre[user] = std::max_element(count.begin(), count.end(), [](const auto& a, const auto& b) {
                                  return a.second < b.second;
                                })->first;
      }
    }
    std::size_t k = 0;
    for (const auto& [user, tracks] : demo->history) {
      if (tracks.size() >= 5 && k++ % 5 == 0 && demo->users.size() < SampleSize()) {
        demo->users.push_back(*core::ObjectId::Parse(user));
      }
    }
  }
  static void TearDownTestSuite() {
    delete demo;
    demo = nullptr;
  }

  static RecsPage Recommend(const core::ObjectId& user, RecsQuery q) {
    auto page = demo->svc->Compute(user, q);
    EXPECT_TRUE(page.ok()) << page.error().message;
    return page.ok() ? std::move(*page) : RecsPage{};
  }
  static double Mean(const RecsPage& p, recs::FeatureId f) {
    double sum = 0;
    for (const auto& c : p.tracks) sum += c.audio_features.Get(f);
    return p.tracks.empty() ? -1 : sum / static_cast<double>(p.tracks.size());
  }
  static double PersonalShare(const std::vector<RecsPage>& pages) {
    std::size_t personal = 0, all = 0;
    for (const auto& p : pages) {
      for (const auto& c : p.tracks) {
        ++all;
        personal += std::any_of(c.parts.begin(), c.parts.end(), [](const recs::ScorePart& s) {
          return s.strategy == recs::Strategy::kCollaborative || s.strategy == recs::Strategy::kSemantic;
        });
      }
    }
    return all ? static_cast<double>(personal) / static_cast<double>(all) : 0;
  }
};

TEST_F(RecsContextTest, EveryMoodKeepsTheMeanOfTheResultsInsideItsBands) {
  ASSERT_GE(demo->users.size(), SampleSize());
  for (const recs::Mood& mood : recs::Moods()) {
    std::size_t inside = 0;
    std::vector<RecsPage> pages;
    for (const auto& user : demo->users) {
      RecsQuery q;
      q.mood = std::string(mood.name);
      RecsPage page = Recommend(user, q);
      bool ok = page.tracks.size() == 20 && page.context.applied;
      for (const recs::FeatureBand& b : mood.bands) {
        double m = Mean(page, b.feature);
        ok = ok && m >= b.lo - 1e-6 && m <= b.hi + 1e-6;
      }
      inside += ok;
      pages.push_back(std::move(page));
    }
    EXPECT_GE(inside, demo->users.size() * 95 / 100) << mood.name;
    EXPECT_GE(PersonalShare(pages), 0.6) << mood.name;
  }
}

TEST_F(RecsContextTest, EnergyAndValenceTargetsHoldWithin012) {
  for (auto feature : {recs::FeatureId::kEnergy, recs::FeatureId::kValence}) {
    for (double target : {0.1, 0.5, 0.9}) {
      std::size_t close = 0;
      std::vector<RecsPage> pages;
      for (const auto& user : demo->users) {
        RecsQuery q;
        (feature == recs::FeatureId::kEnergy ? q.target_energy : q.target_valence) = target;
        RecsPage page = Recommend(user, q);
        close += page.tracks.size() == 20 && std::abs(Mean(page, feature) - target) <= 0.12;
        pages.push_back(std::move(page));
      }
      EXPECT_GE(close, demo->users.size() * 95 / 100) << recs::FeatureName(feature) << " " << target;
      EXPECT_GE(PersonalShare(pages), 0.6) << recs::FeatureName(feature) << " " << target;
    }
  }
}

double Jaccard(const std::set<std::string>& a, const std::set<std::string>& b) {
  std::size_t both = 0;
  for (const auto& x : a) both += b.contains(x);
  return static_cast<double>(both) / static_cast<double>(a.size() + b.size() - both);
}

// "Different histories": no track in common and a different dominant genre
// (two listeners of two r&b playlists share a taste, if not a track).
TEST_F(RecsContextTest, TwoListenersWithDifferentHistoriesGetDifferentListsForTheSameMood) {
  std::size_t pairs = 0, distinct = 0;
  for (const char* mood : {"chill", "workout", "sleep", "happy"}) {
    for (std::size_t i = 0; i + 1 < demo->users.size(); i += 2) {
      const auto& a = demo->users[i];
      const auto& b = demo->users[i + 1];
      if (Jaccard(demo->history[a.ToHex()], demo->history[b.ToHex()]) > 0) continue;
      if (demo->top_genre[a.ToHex()] == demo->top_genre[b.ToHex()]) continue;
      RecsQuery q;
      q.mood = mood;
      RecsPage pa = Recommend(a, q), pb = Recommend(b, q);
      std::set<std::string> ids;
      for (const auto& c : pa.tracks) ids.insert(c.track_id);
      std::size_t shared = 0;
      for (const auto& c : pb.tracks) shared += ids.contains(c.track_id);
      ++pairs;
      distinct += shared * 2 < pb.tracks.size();
    }
  }
  ASSERT_GT(pairs, 10u);
  EXPECT_GE(distinct, pairs * 95 / 100);
}

core::ObjectId NewListener(const std::string& spotify_id, const model::PreferencesPatch& prefs) {
  model::User u;
  u.spotify_id = spotify_id;
  u.display_name = spotify_id;
  auto stored = demo->store->users().UpsertBySpotifyId(u);
  EXPECT_TRUE(stored.ok());
  EXPECT_TRUE(demo->store->preferences().Upsert(stored->id, prefs).ok());
  return stored->id;
}

std::vector<std::vector<std::string>> GenresOf(const RecsPage& page) {
  std::vector<std::string> ids;
  for (const auto& c : page.tracks) ids.push_back(c.track_id);
  auto meta = demo->store->tracks().GetMany(ids);
  EXPECT_TRUE(meta.ok());
  std::map<std::string, std::vector<std::string>> by_id;
  for (const auto& t : *meta) by_id[t.spotify_id] = t.genres;
  std::vector<std::vector<std::string>> out;
  for (const auto& id : ids) out.push_back(by_id[id]);
  return out;
}

bool AnyOf(const std::vector<std::string>& genres, const std::vector<std::string>& wanted) {
  return std::any_of(genres.begin(), genres.end(),
                     [&](const std::string& g) { return std::find(wanted.begin(), wanted.end(), g) != wanted.end(); });
}

TEST_F(RecsContextTest, AColdStartListenerGetsTheirFavouriteGenresNamedInTheReasons) {
  model::PreferencesPatch prefs;
  prefs.favorite_genres = std::vector<std::string>{"hard rock"};
  RecsPage page = Recommend(NewListener("cold-hard-rock", prefs), RecsQuery{});
  ASSERT_EQ(page.tracks.size(), 20u);
  std::size_t in_genre = 0;
  for (const auto& g : GenresOf(page)) in_genre += AnyOf(g, {"hard rock"});
  EXPECT_GE(in_genre, 16u);
  for (const auto& c : page.tracks) {
    EXPECT_EQ(c.reason.find("your listening"), std::string::npos) << c.reason;
    if (c.strategy == "hybrid") {
      EXPECT_NE(c.reason.find("hard rock"), std::string::npos) << c.reason;
    }
  }
}

TEST_F(RecsContextTest, AnUnknownFavouriteGenreUsesTheClosestCatalogueGenresAndSaysSo) {
  model::PreferencesPatch prefs;
  prefs.favorite_genres = std::vector<std::string>{"Heavy Rock"};
  RecsPage page = Recommend(NewListener("cold-heavy-rock", prefs), RecsQuery{});
  ASSERT_EQ(page.context.genres.size(), 1u);
  const recs::GenreMatch& m = page.context.genres[0];
  EXPECT_FALSE(m.exact);
  ASSERT_FALSE(m.matched.empty());
  for (const auto& g : m.matched) EXPECT_NE(g.find("rock"), std::string::npos) << g;
  std::size_t in_genre = 0;
  for (const auto& g : GenresOf(page)) in_genre += AnyOf(g, m.matched);
  EXPECT_GE(in_genre, page.tracks.size() * 8 / 10);
}

TEST_F(RecsContextTest, DislikedGenresNeverAppearForListenersWithHistory) {
  const core::ObjectId user = demo->users.front();
  RecsPage before = Recommend(user, RecsQuery{});
  std::map<std::string, int> counts;
  for (const auto& g : GenresOf(before)) {
    for (const auto& x : g) ++counts[x];
  }
  ASSERT_FALSE(counts.empty());
  auto top = std::max_element(counts.begin(), counts.end(),
                              [](const auto& a, const auto& b) { return a.second < b.second; })->first;
  model::PreferencesPatch prefs;
  prefs.disliked_genres = std::vector<std::string>{top};
  ASSERT_TRUE(demo->store->preferences().Upsert(user, prefs).ok());
  RecsPage after = Recommend(user, RecsQuery{});
  EXPECT_EQ(after.tracks.size(), 20u);
  for (const auto& g : GenresOf(after)) EXPECT_FALSE(AnyOf(g, {top})) << top;
  prefs.disliked_genres = std::vector<std::string>{};
  ASSERT_TRUE(demo->store->preferences().Upsert(user, prefs).ok());
}

// The first seconds after a start, before the model is built: popular tracks,
// but only those that fit the mood or target asked for (not the same popular
// list whatever the request).
TEST_F(RecsContextTest, BeforeTheModelIsBuiltMoodsAndTargetsStillHold) {
  recs::RecEngine unbuilt(recs::ModelConfig{}, core::SystemClock::Instance());
  ASSERT_FALSE(unbuilt.ready());
  RecsService svc(*demo->store, unbuilt, core::SystemClock::Instance());
  const core::ObjectId user = demo->users.front();
  for (const recs::Mood& mood : recs::Moods()) {
    RecsQuery q;
    q.mood = std::string(mood.name);
    auto page = svc.Compute(user, q);
    ASSERT_TRUE(page.ok()) << page.error().message;
    EXPECT_TRUE(page->cold_start);
    ASSERT_EQ(page->tracks.size(), 20u) << mood.name;
    EXPECT_TRUE(page->context.applied) << mood.name;
    for (const recs::FeatureBand& b : mood.bands) {
      double m = Mean(*page, b.feature);
      EXPECT_GE(m, b.lo - 1e-6) << mood.name << " " << recs::FeatureName(b.feature);
      EXPECT_LE(m, b.hi + 1e-6) << mood.name << " " << recs::FeatureName(b.feature);
    }
    EXPECT_NE(page->tracks.front().reason.find("mood"), std::string::npos) << page->tracks.front().reason;
  }
  for (double target : {0.1, 0.5, 0.9}) {
    RecsQuery q;
    q.target_energy = target;
    auto page = svc.Compute(user, q);
    ASSERT_TRUE(page.ok());
    ASSERT_EQ(page->tracks.size(), 20u);
    EXPECT_NEAR(Mean(*page, recs::FeatureId::kEnergy), target, 0.12);
  }
  RecsQuery plain;  // no context: the popular list, and meta says nothing was applied
  auto page = svc.Compute(user, plain);
  ASSERT_TRUE(page.ok());
  EXPECT_FALSE(page->context.applied);
  EXPECT_EQ(page->tracks.size(), 20u);
}

}  // namespace
}  // namespace echotune::api
