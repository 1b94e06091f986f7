// Issue 15, scripted faults (the short version of scripts/soak): a real
// service on a real store loses a dependency under traffic and gets it back.
//  - Redis killed and restarted twice: every request still succeeds (the
//    in-process cache takes over), health shows the cache degraded and then
//    connected again, and every acknowledged listen is stored.
//  - The SQLite store's disk fills up (a small tmpfs): writes get 503
//    SERVICE_UNAVAILABLE (details.reason disk_full), reads keep working, the
//    file passes PRAGMA integrity_check, nothing acknowledged is lost, and
//    writes succeed again once space returns. Skipped when mounting a tmpfs
//    is not permitted.
//  - MongoDB (mongo-wire) stops answering (SIGSTOP): writes fail with 503 in
//    bounded time (the client pool's default timeouts), health reports the
//    database down and the service degraded; after SIGCONT writes succeed.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/mount.h>

#include <boost/json/serialize.hpp>
#include <chrono>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <thread>

#include "cache/redis_test_server.h"
#include "store/mongo/mongo_test_backends.h"
#include "tests/e2e/recs_api_fixture.h"

namespace echotune::e2e {
namespace {

using namespace std::chrono_literals;
namespace json = boost::json;
namespace mongo_testing = store::mongo::testing;

// A service with the given environment, a 60-track catalogue and one user.
class Faulty {
 public:
  explicit Faulty(std::vector<std::pair<std::string, std::string>> env) {
    env.emplace_back("RATE_LIMIT_GLOBAL", "1000000");
    env.emplace_back("RATE_LIMIT_RECS", "1000000");
    svc_ = std::make_unique<TestService>(env);
    std::vector<model::TrackMetadata> tracks;
    for (int i = 0; i < 60; ++i) tracks.push_back(CatalogueTrack(i));
    EXPECT_TRUE(store().tracks().UpsertMany(std::move(tracks)).ok());
    model::User u;
    u.spotify_id = "fault-listener";
    u.display_name = "Fault Listener";
    auto stored = store().users().UpsertBySpotifyId(u);
    EXPECT_TRUE(stored.ok());
    user_id_ = stored->id.ToHex();
    token_ = svc_->service().jwt().Issue(user_id_, u.spotify_id);
  }

  store::Store& store() { return svc_->service().store(); }
  TestService& svc() { return *svc_; }

  HttpReply Send(bhttp::verb m, const std::string& target, const std::string& body = "") {
    return Fetch(svc_->port(), m, target, body, {{"Authorization", "Bearer " + token_}});
  }
  // `n` listens, each a distinct minute (a counter keeps them unique across calls).
  HttpReply PostListens(int n) {
    json::array listens;
    for (int i = 0; i < n; ++i, ++minute_) {
      auto at = std::chrono::system_clock::now() - std::chrono::hours(24 * 30) + std::chrono::minutes(minute_);
      listens.push_back(json::object{{"trackId", CatalogueTrack(minute_ % 60).spotify_id},
                                     {"playedAt", core::FormatIso8601(at)}});
    }
    auto r = Send(bhttp::verb::post, "/api/history", json::serialize(json::object{{"listens", listens}}));
    if (r.status == 200) acknowledged_ += r.Json().at("data").at("inserted").as_int64();
    return r;
  }
  int64_t acknowledged() const { return acknowledged_; }
  int64_t stored() {
    auto n = store().listens().CountForUser(*core::ObjectId::Parse(user_id_));
    return n.ok() ? *n : -1;
  }
  json::value Health() { return Fetch(svc_->port(), bhttp::verb::get, "/api/health").Json().at("data"); }
  std::string ServiceStatus(const std::string& name) {
    return std::string(Health().at("services").at(name).at("status").as_string());
  }

  // One request of each read/write family; returns the statuses that were 5xx.
  std::vector<std::string> MixedRound() {
    std::vector<std::string> failures;
    auto check = [&](const std::string& what, const HttpReply& r) {
      if (r.status >= 500) failures.push_back(what + " " + std::to_string(r.status) + " " + r.body.substr(0, 200));
    };
    check("history", PostListens(3));
    check("listening-time", Send(bhttp::verb::get, "/api/analytics/listening-time?period=all"));
    check("recs", Send(bhttp::verb::get, "/api/recommendations?limit=5"));
    check("settings", Send(bhttp::verb::patch, "/api/user/settings", R"({"recommendations":{"limit":20}})"));
    check("settings", Send(bhttp::verb::get, "/api/user/settings"));
    check("feedback", Send(bhttp::verb::post, "/api/recommendations/feedback",
                           R"({"trackId":"trk007","action":"like"})"));
    check("analytics", Send(bhttp::verb::get, "/api/analytics/top-artists?period=all"));
    return failures;
  }

  template <class Pred>
  static bool WaitFor(Pred pred, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (pred()) return true;
      std::this_thread::sleep_for(100ms);
    }
    return false;
  }

 private:
  std::unique_ptr<TestService> svc_;
  std::string user_id_;
  std::string token_;
  int minute_ = 0;
  int64_t acknowledged_ = 0;
};

std::string Code(const HttpReply& r) {
  try {
    return std::string(r.Json().at("code").as_string());
  } catch (...) {
    return "(no code) " + r.body.substr(0, 200);
  }
}

TEST(Faults, RedisKilledAndRestartedTwiceCostsNoRequestAndNoListen) {
  if (!cache::testing::RedisTestServer::Installed()) GTEST_SKIP() << "redis-server is not installed";
  cache::testing::RedisTestServer redis;
  ASSERT_TRUE(redis.Start());
  Faulty f({{"REDIS_URL", redis.Url()}});
  EXPECT_TRUE(f.MixedRound().empty());
  for (int round = 0; round < 2; ++round) {
    redis.Stop();  // SIGKILL
    for (int i = 0; i < 5; ++i) {
      auto failures = f.MixedRound();
      EXPECT_TRUE(failures.empty()) << "round " << round << ": " << failures.front();
    }
    EXPECT_TRUE(Faulty::WaitFor([&] { return f.ServiceStatus("cache") == "degraded"; }, 20s))
        << "cache never reported degraded: " << json::serialize(f.Health());
    ASSERT_TRUE(redis.Start());  // same port, empty
    EXPECT_TRUE(Faulty::WaitFor([&] { return f.ServiceStatus("cache") == "connected"; }, 30s))
        << "cache never reconnected: " << json::serialize(f.Health());
    for (int i = 0; i < 3; ++i) EXPECT_TRUE(f.MixedRound().empty());
  }
  EXPECT_GT(f.acknowledged(), 0);
  EXPECT_EQ(f.stored(), f.acknowledged());
}

// A tmpfs of a few MiB mounted for one test, unmounted after.
class SmallDisk {
 public:
  explicit SmallDisk(const std::filesystem::path& dir, const std::string& size) : dir_(dir) {
    std::filesystem::create_directories(dir_);
    mounted_ = ::mount("tmpfs", dir_.c_str(), "tmpfs", 0, ("size=" + size).c_str()) == 0;
    if (!mounted_) error_ = std::strerror(errno);
  }
  ~SmallDisk() {
    if (mounted_) ::umount2(dir_.c_str(), MNT_DETACH);
  }
  bool mounted() const { return mounted_; }
  const std::string& error() const { return error_; }
  // Writes a filler file until the disk is full.
  void Fill() {
    std::FILE* out = std::fopen((dir_ / "filler").c_str(), "wb");
    if (!out) return;
    std::string chunk(64 * 1024, 'f');
    while (std::fwrite(chunk.data(), 1, chunk.size(), out) == chunk.size()) {
    }
    // Single bytes for the last partial chunk.
    while (std::fwrite("f", 1, 1, out) == 1 && std::fflush(out) == 0) {
    }
    std::fclose(out);
  }
  void Free() { std::filesystem::remove(dir_ / "filler"); }

 private:
  std::filesystem::path dir_;
  bool mounted_ = false;
  std::string error_;
};

std::string IntegrityCheck(const std::string& path) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  std::string out;
  sqlite3_exec(
      db, "PRAGMA integrity_check",
      [](void* o, int n, char** v, char**) {
        for (int i = 0; i < n; ++i) *static_cast<std::string*>(o) += v[i] ? v[i] : "NULL";
        return 0;
      },
      &out, nullptr);
  sqlite3_close(db);
  return out;
}

TEST(Faults, FullDiskGives503KeepsTheStoreIntactAndRecoversWhenSpaceReturns) {
  auto dir = echotune::testing::TempDir("fault-disk");
  SmallDisk disk(dir / "mnt", "8m");
  if (!disk.mounted()) {
    GTEST_SKIP() << "cannot mount a tmpfs here (" << disk.error()
                 << "); the full-disk fault needs root or CAP_SYS_ADMIN";
  }
  const std::string db = (dir / "mnt" / "echotune.db").string();
  int64_t stored_at_end = 0;
  {
    Faulty f({{"ECHOTUNE_DB_PATH", db}});
    ASSERT_TRUE(f.MixedRound().empty());
    disk.Fill();
    // Batches until the store runs out of room (WAL pages already on disk may
    // take a few batches first).
    HttpReply full;
    for (int i = 0; i < 200; ++i) {
      full = f.PostListens(200);
      if (full.status != 200) break;
    }
    ASSERT_EQ(full.status, 503u) << full.body;
    EXPECT_EQ(Code(full), "SERVICE_UNAVAILABLE");
    auto details = full.Json().at("details");
    EXPECT_EQ(details.at("reason"), "disk_full") << full.body;
    // Never a 500 while full; reads keep working.
    for (int i = 0; i < 3; ++i) {
      for (const auto& failure : f.MixedRound()) EXPECT_NE(failure.find(" 503 "), std::string::npos) << failure;
      EXPECT_EQ(f.Send(bhttp::verb::get, "/api/analytics/top-tracks?period=all").status, 200u);
      EXPECT_EQ(f.Send(bhttp::verb::get, "/api/user/settings").status, 200u);
    }
    EXPECT_EQ(f.stored(), f.acknowledged());

    disk.Free();
    EXPECT_TRUE(Faulty::WaitFor([&] { return f.PostListens(50).status == 200; }, 10s));
    EXPECT_TRUE(f.MixedRound().empty());
    EXPECT_EQ(f.stored(), f.acknowledged());
    stored_at_end = f.acknowledged();
  }
  EXPECT_EQ(IntegrityCheck(db), "ok");
  // Reopened after shutdown, every acknowledged listen is still there.
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open_v2(db.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* count = nullptr;
  sqlite3_prepare_v2(raw, "SELECT COUNT(*) FROM echotune_listening_history", -1, &count, nullptr);
  ASSERT_NE(count, nullptr) << sqlite3_errmsg(raw);
  ASSERT_EQ(sqlite3_step(count), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int64(count, 0), stored_at_end);
  sqlite3_finalize(count);
  sqlite3_close(raw);
}

TEST(Faults, StoppedMongoGives503ForWritesInBoundedTimeHealthDegradedAndRecovers) {
  auto server = store::mongo::testing::MongoWireServer::Start(false);
  ASSERT_TRUE(server.ok()) << server.error().message;
  auto& mongo = **server;
  // The bare address: the service's own default timeouts, as a user would run it.
  const std::string db_name = mongo_testing::FreshDatabaseName();
  Faulty f({{"MONGODB_URI", mongo.address() + "?directConnection=true"},
            {"MONGODB_DB_NAME", db_name},
            {"ECHOTUNE_TOKEN_KEY", mongo_testing::kTestTokenKey}});
  ASSERT_TRUE(f.MixedRound().empty());
  EXPECT_EQ(f.ServiceStatus("database"), "connected");

  mongo.Pause();
  auto start = std::chrono::steady_clock::now();
  auto r = f.PostListens(5);
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(r.status, 503u) << r.body;
  EXPECT_EQ(Code(r), "SERVICE_UNAVAILABLE");
  // Generous: the pool's defaults bound it at ~15 s (socket 10 s + selection 5 s).
  EXPECT_LT(took, 40s) << "a write to a stopped MongoDB must fail, not hang";
  EXPECT_TRUE(Faulty::WaitFor(
      [&] {
        auto h = f.Health();
        return h.at("status") == "degraded" && h.at("services").at("database").at("status") == "down";
      },
      45s))
      << json::serialize(f.Health());

  mongo.Resume();
  EXPECT_TRUE(Faulty::WaitFor([&] { return f.PostListens(5).status == 200; }, 40s));
  EXPECT_TRUE(Faulty::WaitFor([&] { return f.ServiceStatus("database") == "connected"; }, 20s));
  EXPECT_TRUE(f.MixedRound().empty());
  EXPECT_EQ(f.stored(), f.acknowledged());
  mongo_testing::DropDatabase(mongo.uri(), db_name);
}

}  // namespace
}  // namespace echotune::e2e
