// DeletedUserSweep on a real SQLite store and a real engine: a user deleted
// from the store (as `echotune delete-user` does, behind the engine's back)
// leaves the model at the next sweep, everyone else stays, and the hook hears
// of each deletion once.
#include "api/deleted_user_sweep.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "core/test_util.h"
#include "store/sqlite/sqlite_store.h"

namespace echotune::api {
namespace {

using namespace std::chrono_literals;

class DeletedUserSweepTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = store::sqlite::OpenSqliteStore((testing::TempDir("sweep") / "echotune.db").string(), clock_,
                                                cipher_);
    ASSERT_TRUE(store.ok()) << store.error().message;
    store_ = std::move(store).value();
    alice_ = AddUser("alice");
    bob_ = AddUser("bob");
    recs::EngineInputs inputs;
    for (int t = 0; t < 20; ++t) {
      inputs.catalogue.push_back({.id = "t" + std::to_string(t), .name = "T", .artist = "A" + std::to_string(t % 4)});
    }
    for (int t = 0; t < 10; ++t) {
      inputs.interactions.push_back({.user_id = alice_, .track_id = "t" + std::to_string(t), .played_at_ms = t});
      inputs.interactions.push_back({.user_id = bob_, .track_id = "t" + std::to_string(t + 5), .played_at_ms = t});
    }
    engine_.Rebuild(inputs);
    ASSERT_NE(engine_.profile(alice_), nullptr);
    ASSERT_NE(engine_.profile(bob_), nullptr);
  }

  std::string AddUser(const std::string& spotify_id) {
    model::User u;
    u.spotify_id = spotify_id;
    u.display_name = spotify_id;
    auto stored = store_->users().UpsertBySpotifyId(u);
    EXPECT_TRUE(stored.ok());
    return stored->id.ToHex();
  }
  void DeleteFromStore(const std::string& id) {
    ASSERT_TRUE(store_->users().Delete(*core::ObjectId::Parse(id)).ok());
  }

  store::TokenCipher cipher_ = store::TokenCipher::FromHex(std::string(64, 'a')).value();
  core::FakeClock clock_{core::TimePoint(std::chrono::hours(24 * 365 * 56))};
  std::unique_ptr<store::Store> store_;
  recs::RecEngine engine_{recs::ModelConfig{.ials_enabled = false}, clock_};
  std::string alice_, bob_;
};

TEST_F(DeletedUserSweepTest, ADeletedUserLeavesTheModelAndTheHookHearsOfItOnce) {
  std::vector<std::vector<std::string>> heard;
  DeletedUserSweep sweep(*store_, engine_, 0s, [&](const std::vector<std::string>& gone) { heard.push_back(gone); });
  EXPECT_TRUE(sweep.SweepOnce().empty()) << "nobody was deleted";
  EXPECT_TRUE(heard.empty());

  DeleteFromStore(alice_);
  EXPECT_EQ(sweep.SweepOnce(), std::vector<std::string>{alice_});
  EXPECT_EQ(engine_.profile(alice_), nullptr);
  ASSERT_NE(engine_.profile(bob_), nullptr);
  EXPECT_EQ(engine_.profile(bob_)->listens(), 10);
  ASSERT_EQ(heard.size(), 1u);
  EXPECT_EQ(heard[0], std::vector<std::string>{alice_});

  EXPECT_TRUE(sweep.SweepOnce().empty()) << "alice is gone already";
  EXPECT_EQ(heard.size(), 1u);
  // The model is still the one built with alice's listens: recommendations for
  // her id are the cold-start answer now, as for anyone unknown.
  auto recs = engine_.Recommend({.user_id = alice_, .limit = 5});
  ASSERT_TRUE(recs.ok());
}

TEST_F(DeletedUserSweepTest, TheScheduleSweepsEveryIntervalUntilStopped) {
  std::atomic<int> calls = 0;
  DeletedUserSweep sweep(*store_, engine_, 1s, [&](const std::vector<std::string>&) { ++calls; });
  sweep.Start();
  DeleteFromStore(bob_);
  for (int i = 0; i < 100 && engine_.profile(bob_) != nullptr; ++i) std::this_thread::sleep_for(100ms);
  EXPECT_EQ(engine_.profile(bob_), nullptr) << "not swept within 10 s at a 1 s interval";
  EXPECT_NE(engine_.profile(alice_), nullptr);
  sweep.Stop();
  sweep.Stop();  // idempotent
  EXPECT_EQ(calls, 1);
}

}  // namespace
}  // namespace echotune::api
