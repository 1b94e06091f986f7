// Issue 7 / SYSTEM.md §6.2 over real HTTP: every 5 new listens of a user
// (POST /api/history) refresh that user's recommendations in the background —
// recomputed, saved, put in the cache — and announce them to the subscribers
// of RecommendationUpdates (the future recommendation_update push).
#include <condition_variable>
#include <mutex>

#include "core/json_write.h"
#include "tests/e2e/recs_api_fixture.h"

namespace echotune::e2e {
namespace {

using namespace std::chrono_literals;

// Collects the updates a subscriber receives.
class UpdateLog {
 public:
  void Add(const std::string& user, const api::RecommendationUpdate& u) {
    std::lock_guard lock(mu_);
    updates_.emplace_back(user, u);
    cv_.notify_all();
  }
  // Waits until `n` updates have arrived; false on timeout.
  bool WaitFor(size_t n, std::chrono::milliseconds timeout = 20s) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, timeout, [&] { return updates_.size() >= n; });
  }
  std::vector<std::pair<std::string, api::RecommendationUpdate>> Snapshot() {
    std::lock_guard lock(mu_);
    return updates_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::pair<std::string, api::RecommendationUpdate>> updates_;
};

class RecommendationRefresh : public RecsApiFixture {
 protected:
  void SetUp() override {
    RebuildEngine();
    subscription_ = updates().Subscribe(
        [this](const std::string& user, const api::RecommendationUpdate& u) { log_.Add(user, u); });
  }
  void TearDown() override { updates().Unsubscribe(subscription_); }

  api::RecommendationUpdates& updates() { return svc_.service().recommendation_updates(); }

  static std::string RecommendationId(const HttpReply& r) {
    return std::string(r.Json().at("meta").at("recommendationId").as_string());
  }

  UpdateLog log_;
  api::RecommendationUpdates::SubscriptionId subscription_ = 0;
};

TEST_F(RecommendationRefresh, FiveNewListensReplaceTheCachedRecommendationsInTheBackground) {
  ASSERT_EQ(PostListens(0, 4).status, 200u);  // 4 new listens: no refresh yet
  auto before = Get("/api/recommendations");
  ASSERT_EQ(before.status, 200u) << before.body;
  ASSERT_EQ(before.Json().at("meta").at("cached"), false);
  ASSERT_EQ(Get("/api/recommendations").Json().at("meta").at("cached"), true);
  EXPECT_TRUE(log_.Snapshot().empty());

  ASSERT_EQ(PostListens(10, 11, "", 30).status, 200u);  // the 5th
  ASSERT_TRUE(log_.WaitFor(1)) << "no recommendation_update after 5 new listens";
  auto updates = log_.Snapshot();
  ASSERT_EQ(updates.size(), 1u);
  const auto& [user, update] = updates[0];
  EXPECT_EQ(user, user_id_);
  EXPECT_EQ(update.strategy, "hybrid");
  EXPECT_EQ(update.tracks.size(), 20u);
  EXPECT_EQ(update.meta.at("cached"), true);
  EXPECT_NE(update.recommendation_id, RecommendationId(before));

  // The client never asked for a refresh, yet its next GET is served from the
  // cache with the new set: same id, same tracks as pushed.
  auto after = Get("/api/recommendations");
  ASSERT_EQ(after.status, 200u) << after.body;
  EXPECT_EQ(after.Json().at("meta").at("cached"), true);
  EXPECT_EQ(RecommendationId(after), update.recommendation_id);
  // (through the service's serialiser: integral doubles come back as integers)
  EXPECT_EQ(after.Json().at("data"), boost::json::parse(core::JsonWrite(update.tracks)));
  // ?limit=20 is the same query, so the same cache entry.
  EXPECT_EQ(RecommendationId(Get("/api/recommendations?limit=20")), update.recommendation_id);
  // And it was saved like any computed set.
  auto saved = store().recommendations().Get(*core::ObjectId::Parse(user_id_),
                                             *core::ObjectId::Parse(update.recommendation_id));
  ASSERT_TRUE(saved.ok());
  EXPECT_EQ(saved->tracks.size(), 20u);
}

TEST_F(RecommendationRefresh, OnlyTheListeningUserIsRefreshedAndEveryFifthListenCounts) {
  std::string other_id;
  std::string other = NewUser("other-listener", &other_id);
  ASSERT_EQ(PostListens(0, 3).status, 200u);
  ASSERT_EQ(PostListens(0, 5, other).status, 200u);  // other: 5 -> refresh
  ASSERT_TRUE(log_.WaitFor(1));
  ASSERT_EQ(PostListens(20, 27, "", 10).status, 200u);  // user: 3 + 7 = 10 -> one refresh
  ASSERT_TRUE(log_.WaitFor(2));
  auto updates = log_.Snapshot();
  EXPECT_EQ(updates[0].first, other_id);
  EXPECT_EQ(updates[1].first, user_id_);
  auto again = Get("/api/recommendations", other);
  EXPECT_EQ(again.Json().at("meta").at("cached"), true);
  EXPECT_EQ(RecommendationId(again), updates[0].second.recommendation_id);
}

TEST_F(RecommendationRefresh, DuplicateListensDoNotCount) {
  // Four listens at fixed times, sent twice: the second batch is all duplicates.
  const auto base = std::chrono::system_clock::now() - std::chrono::hours(2);
  boost::json::array listens;
  for (int i = 0; i < 4; ++i) {
    listens.push_back(boost::json::object{
        {"trackId", CatalogueTrack(i).spotify_id},
        {"playedAt", core::FormatIso8601(base + std::chrono::minutes(i))}});
  }
  const std::string body = boost::json::serialize(boost::json::object{{"listens", listens}});
  ASSERT_EQ(Post("/api/history", body).status, 200u);
  auto again = Post("/api/history", body);
  ASSERT_EQ(again.status, 200u);
  ASSERT_EQ(again.Json().at("data").at("duplicates"), 4);
  auto r = Get("/api/recommendations");
  ASSERT_EQ(r.status, 200u);
  EXPECT_EQ(r.Json().at("meta").at("cached"), false);
  ASSERT_EQ(PostListens(40, 41, "", 50).status, 200u);  // the 5th new one
  ASSERT_TRUE(log_.WaitFor(1));
  EXPECT_EQ(log_.Snapshot().size(), 1u);
}

}  // namespace
}  // namespace echotune::e2e
