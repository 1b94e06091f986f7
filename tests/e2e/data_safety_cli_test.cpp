// Issue 15, data safety for self-hosters: `echotune backup`, `echotune restore`
// and `echotune delete-user` run as child processes, on the embedded store
// (backup while a real `echotune serve` takes writes) and on MongoDB (mongo-wire).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <fstream>
#include <thread>

#include "core/clock.h"
#include "core/config.h"
#include "core/test_util.h"
#include "core/time_format.h"
#include "http/jwt_codec.h"
#include "store/mongo/mongo_test_backends.h"
#include "store/mongo/mongo_wire_server.h"
#include "store/sqlite/backup.h"
#include "store/store.h"
#include "tests/e2e/child_process.h"
#include "tests/e2e/http_client.h"

namespace echotune::e2e {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;
namespace mongo_testing = store::mongo::testing;

struct CliRun {
  int code;
  std::string output;
};

CliRun Echotune(const std::vector<std::string>& args, const std::map<std::string, std::string>& env) {
  ChildProcess child(args, env);
  child.WaitForLine("^$never", 120s);  // drains the output until the child exits
  int code = child.Wait(60s);
  return {code, child.output()};
}

std::unique_ptr<store::Store> Open(const core::Config& config) {
  auto store = store::OpenStore(config, core::SystemClock::Instance());
  EXPECT_TRUE(store.ok()) << store.error().message;
  return std::move(store).value();
}

core::Config Embedded(const fs::path& db) {
  core::Config config;
  config.db_path = db.string();
  return config;
}

model::Listen NewListen(const core::ObjectId& user, int i) {
  model::Listen l;
  l.user_id = user;
  l.track_id = "track" + std::to_string(i);
  l.track_name = "T";
  l.artist_name = "A";
  l.played_at = core::FromUnixMillis(1'700'000'000'000LL + i * 1000LL);
  l.duration_ms = 200000;
  return l;
}

// A user with a listen, a playlist, preferences and a chat session.
model::User Seed(store::Store& store, const std::string& spotify_id) {
  model::User u;
  u.spotify_id = spotify_id;
  u.display_name = spotify_id;
  auto created = store.users().UpsertBySpotifyId(u);
  EXPECT_TRUE(created.ok());
  EXPECT_TRUE(store.listens().Insert(NewListen(created->id, 1)).ok());
  model::Playlist p;
  p.user_id = created->id;
  p.name = "Mix";
  EXPECT_TRUE(store.playlists().Create(p).ok());
  EXPECT_TRUE(store.preferences().Upsert(created->id, {.theme = model::Theme::kDark}).ok());
  model::ChatSession s;
  s.user_id = created->id;
  EXPECT_TRUE(store.chat_sessions().Create(s).ok());
  return *created;
}

void ExpectGone(store::Store& store, const core::ObjectId& id) {
  EXPECT_EQ(store.users().Get(id).error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(*store.listens().CountForUser(id), 0);
  EXPECT_EQ(store.playlists().ListByUser(id, 0, 10)->total, 0);
  EXPECT_EQ(store.preferences().Get(id).error().code, core::ErrorCode::kNotFound);
  EXPECT_TRUE(store.chat_sessions().ListRecent(id, 10)->empty());
}

void ExpectKept(store::Store& store, const core::ObjectId& id) {
  EXPECT_TRUE(store.users().Get(id).ok());
  EXPECT_EQ(*store.listens().CountForUser(id), 1);
  EXPECT_EQ(store.playlists().ListByUser(id, 0, 10)->total, 1);
  EXPECT_TRUE(store.preferences().Get(id).ok());
  EXPECT_EQ(store.chat_sessions().ListRecent(id, 10)->size(), 1u);
}

// delete-user takes the Spotify id or the user id; everything else stays.
void DeleteUsersThroughTheCli(store::Store& store, const std::map<std::string, std::string>& env) {
  model::User alice = Seed(store, "alice");
  model::User bob = Seed(store, "bob");
  model::User carol = Seed(store, "carol");

  CliRun by_spotify_id = Echotune({"delete-user", "alice"}, env);
  EXPECT_EQ(by_spotify_id.code, 0) << by_spotify_id.output;
  EXPECT_NE(by_spotify_id.output.find("deleted user " + alice.id.ToHex()), std::string::npos) << by_spotify_id.output;
  ExpectGone(store, alice.id);
  ExpectKept(store, bob.id);

  CliRun by_id = Echotune({"delete-user", bob.id.ToHex()}, env);
  EXPECT_EQ(by_id.code, 0) << by_id.output;
  ExpectGone(store, bob.id);
  ExpectKept(store, carol.id);

  CliRun unknown = Echotune({"delete-user", "alice"}, env);
  EXPECT_EQ(unknown.code, 1);
  EXPECT_NE(unknown.output.find("no user with id or Spotify id 'alice'"), std::string::npos) << unknown.output;
  EXPECT_EQ(*store.users().Count(), 1);
  EXPECT_EQ(*store.listens().Count(), 1);
}

TEST(DataSafetyCli, DeleteUserCascadesOnTheEmbeddedStore) {
  auto dir = testing::TempDir("delete-user");
  auto store = Open(Embedded(dir / "e.db"));
  DeleteUsersThroughTheCli(*store, {{"ECHOTUNE_DB_PATH", (dir / "e.db").string()}});
}

bool ModelHolds(uint16_t port, const std::string& user_id) {
  HttpReply r = Fetch(port, bhttp::verb::get, "/api/_test/model/users/" + user_id, "", {});
  EXPECT_EQ(r.status, 200) << r.body;
  return r.status == 200 && boost::json::parse(r.body).at("data").at("profile").as_bool();
}

// A user deleted while `echotune serve` runs leaves its model within
// DELETED_USER_SWEEP_S: profile dropped, token refused at once (not after the
// 30 s memo), model rebuilt without the user's listens; the others stay.
TEST(DataSafetyCli, DeleteUserLeavesARunningServesModelWithinTheSweep) {
  auto dir = testing::TempDir("delete-user-serving");
  fs::path db = dir / "e.db";
  auto store = Open(Embedded(db));
  for (int i = 0; i < 10; ++i) {
    model::TrackMetadata t;
    t.spotify_id = "track" + std::to_string(i);
    t.name = t.spotify_id;
    t.artists = {{"a" + std::to_string(i % 3), "Artist " + std::to_string(i % 3)}};
    ASSERT_TRUE(store->tracks().Upsert(t).ok());
  }
  model::User alice = Seed(*store, "alice");  // listens to track1
  model::User bob = Seed(*store, "bob");
  for (int i = 2; i < 6; ++i) {
    ASSERT_TRUE(store->listens().Insert(NewListen(alice.id, i)).ok());
    ASSERT_TRUE(store->listens().Insert(NewListen(bob.id, i + 3)).ok());
  }
  http::JwtCodec jwt("sweep-secret", 3600, core::SystemClock::Instance());
  const std::string alice_token = "Bearer " + jwt.Issue(alice.id.ToHex(), "alice");

  ChildProcess server({"serve"}, {{"PORT", "0"},
                                  {"ECHOTUNE_DB_PATH", db.string()},
                                  {"JWT_SECRET", "sweep-secret"},
                                  {"ECHOTUNE_TEST_ROUTES", "1"},
                                  {"DELETED_USER_SWEEP_S", "1"}});
  std::string port_text = server.WaitForLine(R"(listening on http://127\.0\.0\.1:(\d+))", 60s);
  ASSERT_FALSE(port_text.empty()) << server.output();
  const auto port = static_cast<uint16_t>(std::stoi(port_text));
  for (int i = 0; i < 600 && !ModelHolds(port, alice.id.ToHex()); ++i) std::this_thread::sleep_for(100ms);
  ASSERT_TRUE(ModelHolds(port, alice.id.ToHex())) << "the model was not built within 60 s";
  // Alice's token works, and the memo of known users now holds her for 30 s.
  EXPECT_EQ(Fetch(port, bhttp::verb::get, "/api/_test/model/me", "", {{"Authorization", alice_token}}).status, 200);

  CliRun deleted = Echotune({"delete-user", "alice"}, {{"ECHOTUNE_DB_PATH", db.string()}});
  ASSERT_EQ(deleted.code, 0) << deleted.output;
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(server.WaitForLine("1 deleted user\\(s\\) taken out of the recommendation model", 15s).empty())
      << server.output();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s) << "a 1 s sweep took longer than 5 s";
  EXPECT_FALSE(ModelHolds(port, alice.id.ToHex()));
  EXPECT_EQ(Fetch(port, bhttp::verb::get, "/api/_test/model/me", "", {{"Authorization", alice_token}}).status, 401)
      << "refused at once, not when the 30 s memo expires";
  // The rebuild that follows keeps bob and brings nobody back.
  for (int i = 0; i < 600; ++i) {
    HttpReply r = Fetch(port, bhttp::verb::get, "/api/_test/model/users/" + bob.id.ToHex(), "", {});
    if (r.status == 200 && !boost::json::parse(r.body).at("data").at("building").as_bool()) break;
    std::this_thread::sleep_for(100ms);
  }
  EXPECT_TRUE(ModelHolds(port, bob.id.ToHex()));
  EXPECT_FALSE(ModelHolds(port, alice.id.ToHex()));
  server.Signal(SIGTERM);
  EXPECT_EQ(server.Wait(30s), 0);
}

TEST(DataSafetyCli, DeleteUserCascadesOnMongoDb) {
  auto uri = mongo_testing::SharedMongoWireUri(false);
  if (!uri.ok()) GTEST_SKIP() << uri.error().message;
  const std::string db_name = mongo_testing::FreshDatabaseName();
  auto store = Open(mongo_testing::TestConfig(*uri, db_name));
  DeleteUsersThroughTheCli(*store, {{"MONGODB_URI", *uri},
                                    {"MONGODB_DB_NAME", db_name},
                                    {"MONGODB_MIN_POOL_SIZE", "1"},
                                    {"ECHOTUNE_TOKEN_KEY", mongo_testing::kTestTokenKey}});
  store.reset();
  mongo_testing::DropDatabase(*uri, db_name);
}

TEST(DataSafetyCli, BackupAndRestoreExplainMongodumpWhenMongoDbIsConfigured) {
  const std::map<std::string, std::string> env{{"MONGODB_URI", "mongodb://127.0.0.1:9/?directConnection=true"},
                                               {"ECHOTUNE_TOKEN_KEY", mongo_testing::kTestTokenKey}};
  CliRun backup = Echotune({"backup", "/nonexistent/b.db"}, env);
  EXPECT_EQ(backup.code, 1);
  EXPECT_NE(backup.output.find("mongodump --uri"), std::string::npos) << backup.output;
  CliRun restore = Echotune({"restore", "/nonexistent/b.db"}, env);
  EXPECT_EQ(restore.code, 1);
  EXPECT_NE(restore.output.find("mongorestore --uri"), std::string::npos) << restore.output;
}

TEST(DataSafetyCli, RestoreRefusesFilesThatAreNotEchotuneDatabases) {
  auto dir = testing::TempDir("restore-refuses");
  const std::map<std::string, std::string> env{{"ECHOTUNE_DB_PATH", (dir / "e.db").string()}};
  std::ofstream(dir / "text.db") << "not a database at all, just some text that is long enough\n";
  CliRun text = Echotune({"restore", (dir / "text.db").string()}, env);
  EXPECT_EQ(text.code, 2);
  EXPECT_NE(text.output.find("refused: " + (dir / "text.db").string()), std::string::npos) << text.output;

  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open((dir / "other.db").c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "CREATE TABLE notes(x); INSERT INTO notes VALUES (1);", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(other);
  CliRun foreign = Echotune({"restore", (dir / "other.db").string()}, env);
  EXPECT_EQ(foreign.code, 2);
  EXPECT_NE(foreign.output.find("is not an EchoTune database (no table echotune_users)"), std::string::npos) << foreign.output;

  // A backup with one byte flipped inside a table's page fails integrity_check.
  auto store = Open(Embedded(dir / "e.db"));
  model::User u = Seed(*store, "dana");
  for (int i = 2; i < 2000; ++i) ASSERT_TRUE(store->listens().Insert(NewListen(u.id, i)).ok());
  ASSERT_EQ(Echotune({"backup", (dir / "good.db").string()}, env).code, 0);
  fs::copy_file(dir / "good.db", dir / "bad.db");
  {
    std::fstream f(dir / "bad.db", std::ios::in | std::ios::out | std::ios::binary);
    auto size = static_cast<long>(fs::file_size(dir / "bad.db"));
    for (long at = 8192; at < size; at += 4096) {  // the b-tree page headers of every page after the first two
      f.seekp(at);
      f.put('\x7f');
    }
  }
  CliRun corrupt = Echotune({"restore", (dir / "bad.db").string()}, env);
  EXPECT_EQ(corrupt.code, 2) << corrupt.output;
  EXPECT_NE(corrupt.output.find("refused"), std::string::npos) << corrupt.output;
  EXPECT_EQ(*store->listens().Count(), 1999);  // untouched
}

// Posts one listen per request over keep-alive until `stop`; counts the 2xx.
void PostListens(uint16_t port, const std::string& token, std::atomic<bool>& stop, std::atomic<int>& acknowledged) try {
  HttpConnection c(port);
  for (int i = 0; !stop; ++i) {
    std::string body = R"({"listens": [{"trackId": "live)" + std::to_string(i) + R"(", "playedAt": ")" +
                       core::FormatIso8601(core::FromUnixMillis(1'750'000'000'000LL + i * 1000LL)) +
                       R"(", "trackName": "T", "artistName": "A", "durationMs": 200000}]})";
    auto r = c.Send(bhttp::verb::post, "/api/history", body, {{"Authorization", "Bearer " + token}});
    if (r.status != 200u) break;
    ++acknowledged;
  }
} catch (const std::exception& e) {
  ADD_FAILURE() << "the server stopped answering: " << e.what();
}

TEST(DataSafetyCli, BackupWhileServingRestoreRefusedUntilServeStops) {
  auto dir = testing::TempDir("backup-serving");
  fs::path db = dir / "e.db";
  const std::map<std::string, std::string> env{{"ECHOTUNE_DB_PATH", db.string()}};
  auto store = Open(Embedded(db));
  model::User u = Seed(*store, "erin");
  const std::string token = http::JwtCodec("backup-secret", 3600, core::SystemClock::Instance()).Issue(u.id.ToHex(), "erin");

  ChildProcess server({"serve"}, {{"PORT", "0"},
                                  {"ECHOTUNE_DB_PATH", db.string()},
                                  {"JWT_SECRET", "backup-secret"},
                                  {"RATE_LIMIT_GLOBAL", "100000000"}});
  std::string port = server.WaitForLine(R"(listening on http://127\.0\.0\.1:(\d+))", 60s);
  ASSERT_FALSE(port.empty()) << server.output();
  std::atomic<bool> stop = false;
  std::atomic<int> acknowledged = 0;
  std::thread writer([&] { PostListens(static_cast<uint16_t>(std::stoi(port)), token, stop, acknowledged); });
  // Reads the server's access log meanwhile, so that a full pipe never stalls it.
  std::thread drain([&] {
    while (!stop) server.WaitForLine("^$never", 100ms);
  });
  while (acknowledged < 50) std::this_thread::sleep_for(5ms);

  int before = acknowledged;
  CliRun backup = Echotune({"backup", (dir / "b.db").string()}, env);
  int after = acknowledged;
  EXPECT_EQ(backup.code, 0) << backup.output;
  EXPECT_NE(backup.output.find("integrity_check ok"), std::string::npos) << backup.output;
  EXPECT_NE(backup.output.find("keep " + db.string() + ".token-key with the backup"), std::string::npos);
  EXPECT_FALSE(fs::exists(dir / "b.db-wal"));

  CliRun refused = Echotune({"restore", (dir / "b.db").string()}, env);
  EXPECT_EQ(refused.code, 1);
  EXPECT_NE(refused.output.find("stop echotune serve first"), std::string::npos) << refused.output;
  stop = true;
  writer.join();
  drain.join();
  server.Signal(SIGTERM);
  EXPECT_EQ(server.Wait(30s), 0) << server.output();
  EXPECT_GT(acknowledged, after);  // serve kept writing through the backup and the refused restore

  // The backup is one consistent instant between `before` and `after`.
  auto copy = Open(Embedded(dir / "b.db"));
  int64_t in_backup = *copy->listens().CountForUser(u.id) - 1;  // the seeded listen
  EXPECT_GE(in_backup, before);
  EXPECT_LE(in_backup, after + 1);  // +1: a listen committed, its reply not yet read
  copy.reset();

  CliRun restore = Echotune({"restore", (dir / "b.db").string()}, env);
  EXPECT_EQ(restore.code, 0) << restore.output;
  EXPECT_EQ(*store->listens().CountForUser(u.id), in_backup + 1);
  EXPECT_TRUE(store::sqlite::CheckEchotuneDatabase(db.string()).ok());
  EXPECT_EQ(store->users().Get(u.id)->spotify_id, "erin");
}

}  // namespace
}  // namespace echotune::e2e
