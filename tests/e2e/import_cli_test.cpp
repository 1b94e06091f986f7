// End-to-end: the `echotune import` and `echotune demo` commands run as child
// processes on a fresh embedded store, including an import killed mid-way.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "core/clock.h"
#include "core/config.h"
#include "core/test_util.h"
#include "ingest/export_generator.h"
#include "ingest/import_summary.h"
#include "store/store.h"

extern "C" char** environ;

namespace echotune {
namespace {

namespace fs = std::filesystem;
using echotune::testing::SharedDataDir;
using echotune::testing::TempDir;

struct RunResult {
  int exit_code = -1;
  std::string out, err;
};

std::string Slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class ImportCli : public ::testing::Test {
 protected:
  void SetUp() override {
    binary_ = echotune::testing::EchotuneBinary().string();
    if (!std::filesystem::exists(binary_)) GTEST_SKIP() << binary_ << " is not built";
    dir_ = TempDir("import-cli");
    db_ = (dir_ / "echotune.db").string();
  }

  // Starts `echotune args…` with ECHOTUNE_DB_PATH set, output to files in dir_.
  // posix_spawn, not fork: the test process has store threads running.
  pid_t Spawn(const std::vector<std::string>& args) {
    std::vector<char*> argv{const_cast<char*>(binary_.c_str())};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    std::vector<std::string> env_strings{"ECHOTUNE_DB_PATH=" + db_};
    for (char** e = environ; *e; ++e) {
      if (std::string_view(*e).rfind("ECHOTUNE_DB_PATH=", 0) != 0) env_strings.emplace_back(*e);
    }
    std::vector<char*> envp;
    for (auto& e : env_strings) envp.push_back(e.data());
    envp.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, (dir_ / "out.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, (dir_ / "err.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid = -1;
    int rc = posix_spawn(&pid, binary_.c_str(), &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    EXPECT_EQ(rc, 0) << "cannot start " << binary_;
    return pid;
  }

  RunResult Wait(pid_t pid) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status), Slurp(dir_ / "out.txt"), Slurp(dir_ / "err.txt")};
  }

  RunResult Echotune(const std::vector<std::string>& args) { return Wait(Spawn(args)); }

  std::unique_ptr<store::Store> OpenStore() {
    core::Config config;
    config.db_path = db_;
    auto store = store::OpenStore(config, core::SystemClock::Instance());
    EXPECT_TRUE(store.ok()) << store.error().message;
    return std::move(store).value();
  }

  std::string binary_;
  fs::path dir_;
  std::string db_;
};

TEST_F(ImportCli, CatalogImportOfBothCataloguesAndReimport) {
  std::vector<std::string> args{"import", "catalog"};
  for (int i = 1; i <= 3; ++i) args.push_back((SharedDataDir() / "spotify-songs-2020" / ("spotify_songs.part" + std::to_string(i) + ".csv")).string());
  for (const char* d : {"60s", "70s", "80s", "90s", "00s", "10s"}) {
    args.push_back((SharedDataDir() / "spotify-hit-predictor" / ("dataset-of-" + std::string(d) + ".csv")).string());
  }
  RunResult first = Echotune(args);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("imported:   66,303"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("no track name (NA): 5"), std::string::npos) << first.out;
  RunResult again = Echotune(args);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("imported:   0\nupdated:    0\n"), std::string::npos) << again.out;
}

TEST_F(ImportCli, MalformedFilesExitWithTwoNamingLineAndColumn) {
  std::ofstream(dir_ / "bad.csv") << "id,name\n1dtKN6wwlolkM8XZy2y9C1,\"A\n";
  RunResult csv = Echotune({"import", "catalog", (dir_ / "bad.csv").string()});
  EXPECT_EQ(csv.exit_code, 2);
  EXPECT_NE(csv.err.find((dir_ / "bad.csv").string() + ":2:24: unterminated quoted field"), std::string::npos) << csv.err;

  std::ofstream(dir_ / "rows.csv") << "id,name,energy\n1dtKN6wwlolkM8XZy2y9C1,A,0.5\n5hjsmSnUefdUqzsDogisiX,B,x\n";
  RunResult strict = Echotune({"import", "catalog", "--strict", (dir_ / "rows.csv").string()});
  EXPECT_EQ(strict.exit_code, 2);
  EXPECT_NE(strict.err.find("rows.csv:3:3: unreadable energy 'x'"), std::string::npos) << strict.err;
  EXPECT_EQ(*OpenStore()->tracks().Count(), 0);

  std::ofstream(dir_ / "StreamingHistory0.json") << "[\n {\"endTime\": \"2020-01-01 10:00\",\n  \"msPlayed\": 5 \n";
  RunResult json = Echotune({"import", "spotify-export", "--user", "alice", (dir_ / "StreamingHistory0.json").string()});
  EXPECT_EQ(json.exit_code, 2);
  EXPECT_NE(json.err.find("StreamingHistory0.json:4:"), std::string::npos) << json.err;

  RunResult missing = Echotune({"import", "spotify-export", "--user", "alice", (dir_ / "nope").string()});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("nope"), std::string::npos);
}

TEST_F(ImportCli, ExportSamplesImportWithOneLinePerFile) {
  RunResult r = Echotune({"import", "spotify-export", "--user", "efrrowini", "--name", "Efrrowini",
                    (SharedDataDir() / "spotify-export-samples" / "extended_2022_2026_efrrowini").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Streaming_History_Audio_2024.json: imported 3,153"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("imported:   6,928"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("podcast: 49"), std::string::npos);
  EXPECT_NE(r.out.find("video: 16"), std::string::npos);
  auto user = OpenStore()->users().GetBySpotifyId("efrrowini");
  ASSERT_TRUE(user.ok());
  EXPECT_EQ(user->display_name, "Efrrowini");
}

// SIGKILL while the import writes: only whole batches exist; running it again
// completes the import without duplicates.
TEST_F(ImportCli, KilledImportLeavesWholeBatchesAndRerunCompletes) {
  constexpr int64_t kPlays = 120'000;
  constexpr int64_t kBatch = 1000;
  fs::path data = dir_ / "export";
  fs::create_directories(data);
  auto generated = ingest::GenerateExtendedExport(data, kPlays, kPlays);
  ASSERT_TRUE(generated.ok());
  auto store = OpenStore();  // creates the schema before the child starts

  std::vector<std::string> args{"import", "spotify-export", "--user", "killed", "--batch-size", std::to_string(kBatch), data.string()};
  pid_t pid = Spawn(args);
  int64_t seen = 0;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (seen == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    auto n = store->listens().Count();
    if (n.ok()) seen = *n;
  }
  ::kill(pid, SIGKILL);
  RunResult killed = Wait(pid);
  ASSERT_GT(seen, 0) << "the import never wrote a batch: " << killed.err;
  ASSERT_EQ(killed.exit_code, -SIGKILL) << "the import finished before it could be killed";
  int64_t after_kill = *store->listens().Count();
  EXPECT_GT(after_kill, 0);
  EXPECT_LT(after_kill, kPlays);
  EXPECT_EQ(after_kill % kBatch, 0) << "a partial batch was committed";

  RunResult rerun = Echotune(args);
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_EQ(*store->listens().Count(), kPlays);
  EXPECT_NE(rerun.out.find("imported:   " + ingest::WithThousands(kPlays - after_kill)), std::string::npos) << rerun.out;
  EXPECT_NE(rerun.out.find("already imported: " + ingest::WithThousands(after_kill)), std::string::npos) << rerun.out;
}

TEST_F(ImportCli, DemoLoadsOnceAndSaysSoTheSecondTime) {
  RunResult first = Echotune({"demo", "--data", SharedDataDir().string()});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("echotune token --user "), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("471 playlist listeners"), std::string::npos) << first.out;
  RunResult second = Echotune({"demo", "--data", SharedDataDir().string()});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find("nothing added"), std::string::npos) << second.out;
  EXPECT_EQ(*OpenStore()->users().Count(), 473);
}

}  // namespace
}  // namespace echotune
