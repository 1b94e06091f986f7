#include <gtest/gtest.h>

#include <future>

#include "core/clock.h"
#include "recs/candidates.h"
#include "recs/model_builder.h"
#include "recs/rec_engine.h"
#include "recs/test_fixtures.h"

namespace echotune::recs {
namespace {

using testing::Catalogue;
using testing::FeedbackEvent;
using testing::History;
using testing::kDay;
using testing::kNow;
using testing::Listen;
using testing::Req;

std::vector<Interaction> Later() {
  Interaction skip = Listen("me", "c1", kNow - 3 * kDay);
  skip.skipped = true;
  Interaction repeat = Listen("calm1", "c4", kNow - kDay);
  repeat.repeat_count = 2;
  return {Listen("me", "r3"), skip, repeat, FeedbackEvent("me", "p1", Feedback::kDislike),
          Listen("newbie", "p2"), FeedbackEvent("rock1", "r4", Feedback::kLike), Listen("me", "r3", kNow)};
}

TEST(IncrementalTest, IncrementalUpdatesEqualARebuildOfTheUserSide) {
  ModelConfig config;
  config.embedding.dim = 8;
  config.ials_background = false;  // iALS in the snapshot from the start: live and oracle see the same model
  core::FakeClock clock{core::TimePoint(core::Millis(kNow))};
  RecEngine engine(config, clock);
  engine.Rebuild({Catalogue(), History()});
  for (const Interaction& e : Later()) engine.Record(e);

  std::vector<Interaction> all = History();
  for (const Interaction& e : Later()) all.push_back(e);
  UserTable rebuilt = BuildUsers(*engine.items(), all, config.weights);
  for (const auto& [user, profile] : rebuilt) {
    auto live = engine.profile(user);
    ASSERT_NE(live, nullptr) << user;
    EXPECT_EQ(*live, *profile) << user;
  }
  // Same profiles and the same item snapshot give the same recommendations.
  for (Strategy s : {Strategy::kCollaborative, Strategy::kContent, Strategy::kSemantic, Strategy::kHybrid}) {
    RecRequest r = Req("me", s, 5);
    auto live = engine.Recommend(r);
    auto oracle = RecommendWith(*engine.items(), rebuilt.at("me").get(), r, config).candidates;
    ASSERT_TRUE(live.ok());
    ASSERT_EQ(live->size(), oracle.size());
    for (std::size_t k = 0; k < oracle.size(); ++k) {
      EXPECT_EQ((*live)[k].track_id, oracle[k].track_id);
      EXPECT_DOUBLE_EQ((*live)[k].score, oracle[k].score);
    }
  }
}

TEST(IncrementalTest, AFullRebuildAgreesOnTheUserSide) {
  ModelConfig config;
  config.embedding.dim = 8;
  std::vector<Interaction> all = History();
  for (const Interaction& e : Later()) all.push_back(e);
  BuiltModel full = BuildModel(Catalogue(), all, config);
  BuiltModel base = BuildModel(Catalogue(), History(), config);
  UserTable incremental = base.users;
  for (const Interaction& e : Later()) {
    auto next = incremental.count(e.user_id) ? std::make_shared<UserProfile>(*incremental[e.user_id])
                                             : std::make_shared<UserProfile>();
    next->Add(e, *base.items->Find(e.track_id), config.weights);
    incremental[e.user_id] = next;
  }
  ASSERT_EQ(incremental.size(), full.users.size());
  for (const auto& [user, profile] : full.users) EXPECT_EQ(*incremental.at(user), *profile) << user;
}

TEST(IncrementalTest, EventsDuringAnAsyncBuildAreReplayed) {
  ModelConfig config;
  config.embedding.dim = 8;
  core::FakeClock clock{core::TimePoint(core::Millis(kNow))};
  RecEngine engine(config, clock);
  engine.Rebuild({Catalogue(), History()});
  std::promise<void> go;
  auto gate = go.get_future().share();
  auto done = engine.RebuildAsync([gate] {
    gate.wait();
    return EngineInputs{Catalogue(), History()};
  });
  engine.Record(Listen("me", "c4"));
  go.set_value();
  done.wait();
  auto p = engine.profile("me");
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(p->Knows(*engine.items()->Find("c4")));
}

// Another instance's events (RecordRemote) fold in exactly like local ones but
// are neither counted towards a refresh nor reported to the record observer:
// the instance that recorded them did both.
TEST(IncrementalTest, RemoteEventsFoldLikeLocalOnesWithoutHooks) {
  ModelConfig config;
  config.embedding.dim = 8;
  config.listens_per_refresh = 2;
  core::FakeClock clock{core::TimePoint(core::Millis(kNow))};
  RecEngine local(config, clock), remote(config, clock);
  local.Rebuild({Catalogue(), History()});
  remote.Rebuild({Catalogue(), History()});
  int refreshes = 0, observed = 0;
  remote.SetRefreshHook([&](const std::string&) { ++refreshes; });
  remote.SetRecordObserver([&](const Interaction&) { ++observed; });
  for (const Interaction& e : Later()) {
    local.Record(e);
    remote.RecordRemote(e);
  }
  EXPECT_EQ(refreshes, 0);
  EXPECT_EQ(observed, 0);
  for (const char* user : {"me", "calm1", "newbie", "rock1"}) {
    ASSERT_NE(remote.profile(user), nullptr) << user;
    EXPECT_EQ(*remote.profile(user), *local.profile(user)) << user;
  }
  remote.Record(Listen("me", "c4"));
  remote.Record(Listen("me", "c1"));
  EXPECT_EQ(observed, 2);
  EXPECT_EQ(refreshes, 1);
}

}  // namespace
}  // namespace echotune::recs
