// KnownUsers on a real SQLite store and a fake clock: a user seen recently is
// answered from the memo, a deleted user is refused once the memo expires,
// and unknown ids are never remembered.
#include "api/known_users.h"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <thread>

#include "core/test_util.h"
#include "store/sqlite/sqlite_store.h"

namespace echotune::api {
namespace {

using namespace std::chrono_literals;

class KnownUsersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::TempDir("known-users");
    auto store = store::sqlite::OpenSqliteStore((dir_ / "echotune.db").string(), clock_, cipher_);
    ASSERT_TRUE(store.ok()) << store.error().message;
    store_ = std::move(store).value();
    model::User u;
    u.spotify_id = "known";
    u.display_name = "Known";
    auto stored = store_->users().UpsertBySpotifyId(u);
    ASSERT_TRUE(stored.ok());
    user_ = stored->id;
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  bool Exists(const core::ObjectId& id) {
    boost::asio::io_context io;
    auto f = boost::asio::co_spawn(io, known_.Exists(workers_, *store_, id), boost::asio::use_future);
    io.run();
    return f.get();
  }

  std::filesystem::path dir_;
  store::TokenCipher cipher_ = store::TokenCipher::FromHex(std::string(64, 'a')).value();
  core::FakeClock clock_{core::TimePoint(std::chrono::hours(24 * 365 * 56))};
  core::WorkerPool workers_{1};
  std::unique_ptr<store::Store> store_;
  KnownUsers known_{clock_, 30s};
  core::ObjectId user_;
};

TEST_F(KnownUsersTest, ADeletedUserIsRefusedOnceTheMemoExpires) {
  EXPECT_TRUE(Exists(user_));
  ASSERT_TRUE(store_->users().Delete(user_).ok());
  EXPECT_TRUE(Exists(user_)) << "within the memo's 30 s the store is not asked";
  clock_.Advance(31s);
  EXPECT_FALSE(Exists(user_));
}

TEST_F(KnownUsersTest, AForgottenUserIsAskedForAgainAtOnce) {
  EXPECT_TRUE(Exists(user_));
  ASSERT_TRUE(store_->users().Delete(user_).ok());
  known_.Forget({user_.ToHex()});  // what the deleted-user sweep does
  EXPECT_FALSE(Exists(user_)) << "refused within the memo's 30 s";
}

TEST_F(KnownUsersTest, UnknownIdsAreNotRemembered) {
  auto stranger = core::ObjectId::Generate();
  EXPECT_FALSE(Exists(stranger));
  EXPECT_FALSE(Exists(stranger));
}

}  // namespace
}  // namespace echotune::api
