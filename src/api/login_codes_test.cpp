// One-time sign-in codes on the real backends: an SQLite file and a real
// redis-server, with a fake clock for the 10-minute expiry.
#include "api/login_codes.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "cache/redis_test_server.h"
#include "core/test_util.h"

namespace echotune::api {
namespace {

using namespace std::chrono_literals;
constexpr char kUser[] = "665a1b2c3d4e5f6a7b8c9d0e";

class LoginCodesTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    dir_ = testing::TempDir("login-codes");
    if (GetParam() == "redis") {
      if (!cache::testing::RedisTestServer::Installed()) GTEST_SKIP() << "redis-server not installed";
      redis_ = std::make_unique<cache::testing::RedisTestServer>();
      ASSERT_TRUE(redis_->Start());
    }
    codes_ = Open();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<LoginCodes> Open() {
    auto store = GetParam() == "redis" ? OpenRedisLoginCodeStore(redis_->Url())
                                       : OpenSqliteLoginCodeStore(Path(), clock_);
    EXPECT_TRUE(store.ok());
    return std::make_unique<LoginCodes>(std::move(store).value(), clock_);
  }
  std::string Path() const { return (dir_ / "echotune.db.login-codes").string(); }

  std::filesystem::path dir_;
  core::FakeClock clock_{core::TimePoint(std::chrono::hours(24 * 20000))};
  std::unique_ptr<cache::testing::RedisTestServer> redis_;
  std::unique_ptr<LoginCodes> codes_;
};

TEST_P(LoginCodesTest, ACodeSignsInExactlyOnce) {
  auto code = codes_->Issue(kUser);
  ASSERT_TRUE(code.ok());
  EXPECT_EQ(code->size(), 64u);
  auto user = codes_->Redeem(*code);
  ASSERT_TRUE(user.ok());
  EXPECT_EQ(*user, kUser);
  auto again = codes_->Redeem(*code);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, core::ErrorCode::kInvalidToken);
}

TEST_P(LoginCodesTest, ExpiresAfterTenMinutes) {
  auto fresh = codes_->Issue(kUser);
  auto old = codes_->Issue(kUser);
  clock_.Advance(9min + 59s);
  EXPECT_TRUE(codes_->Redeem(*fresh).ok());
  clock_.Advance(1s);  // exactly 10 minutes after issue: gone
  auto late = codes_->Redeem(*old);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, core::ErrorCode::kInvalidToken);
}

TEST_P(LoginCodesTest, WrongAndMalformedCodesAreRejected) {
  ASSERT_TRUE(codes_->Issue(kUser).ok());
  auto wrong = codes_->Redeem(std::string(64, 'a'));
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, core::ErrorCode::kInvalidToken);
  for (const std::string& bad : std::vector<std::string>{"", "abc", std::string(64, 'Z'), std::string(65, 'a')}) {
    auto r = codes_->Redeem(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, core::ErrorCode::kValidationError) << bad;
    EXPECT_EQ(r.error().details.at("field"), "code");
  }
}

TEST_P(LoginCodesTest, CodesIssuedByAnotherProcessAreSeen) {
  // The CLI and the server open the store separately.
  auto code = codes_->Issue(kUser);
  auto server_side = Open();
  EXPECT_TRUE(server_side->Redeem(*code).ok());
  EXPECT_FALSE(codes_->Redeem(*code).ok());
}

TEST_P(LoginCodesTest, ConcurrentRedeemsLetOnlyOneIn) {
  auto code = codes_->Issue(kUser);
  std::atomic<int> wins = 0;
  std::vector<std::thread> threads;
  std::vector<std::unique_ptr<LoginCodes>> handles;
  for (int i = 0; i < 4; ++i) handles.push_back(Open());
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      if (handles[i]->Redeem(*code).ok()) ++wins;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(wins.load(), 1);
}

TEST_P(LoginCodesTest, OnlyTheHashIsStored) {
  auto code = codes_->Issue(kUser);
  if (GetParam() == "redis") {
    auto keys = redis_->Client().Command({"KEYS", "login:code:*"});
    ASSERT_TRUE(keys.has_value());
    EXPECT_EQ(keys->elements.size(), 1u);
    EXPECT_EQ(keys->elements[0].str, "login:code:" + Sha256Hex(*code));
    auto ttl = redis_->Client().Command({"TTL", "login:code:" + Sha256Hex(*code)});
    EXPECT_GT(ttl->integer, 590);
    EXPECT_LE(ttl->integer, 600);
  } else {
    codes_.reset();  // close (checkpoints the WAL)
    std::ifstream in(Path(), std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    EXPECT_EQ(bytes.str().find(*code), std::string::npos);
    EXPECT_NE(bytes.str().find(Sha256Hex(*code)), std::string::npos);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, LoginCodesTest, ::testing::Values("sqlite", "redis"),
                         [](const auto& info) { return info.param; });

TEST(Sha256Hex, KnownVector) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace echotune::api
