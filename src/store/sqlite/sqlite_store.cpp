#include "store/sqlite/sqlite_store.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <mutex>
#include <optional>
#include <utility>

#include "store/sqlite/context.h"
#include "store/sqlite/schema.h"
#include "store/sqlite/sweeper.h"

namespace echotune::store::sqlite {

namespace {

class SqliteStore final : public Store {
 public:
  SqliteStore(std::unique_ptr<ConnectionPool> pool, const core::Clock& clock,
              const TokenCipher& cipher)
      : pool_(std::move(pool)),
        cipher_(cipher),
        ctx_{*pool_, clock, cipher_},
        users_(MakeUsersRepository(ctx_)),
        listens_(MakeListeningHistoryRepository(ctx_)),
        recommendations_(MakeRecommendationsRepository(ctx_)),
        playlists_(MakePlaylistsRepository(ctx_)),
        preferences_(MakePreferencesRepository(ctx_)),
        analytics_(MakeAnalyticsRepository(ctx_)),
        chat_sessions_(MakeChatSessionsRepository(ctx_)),
        tracks_(MakeTrackMetadataRepository(ctx_)) {}

  ~SqliteStore() override {
    if (sweeper_) sweeper_->Stop();
  }

  void StartSweeper(std::chrono::milliseconds interval) {
    sweeper_ = std::make_unique<Sweeper>(
        [this] {
          auto swept = SweepExpired();
          if (!swept.ok()) spdlog::warn("TTL sweep failed: {}", swept.error().message);
        },
        interval);
  }

  UsersRepository& users() override { return *users_; }
  ListeningHistoryRepository& listens() override { return *listens_; }
  RecommendationsRepository& recommendations() override { return *recommendations_; }
  PlaylistsRepository& playlists() override { return *playlists_; }
  PreferencesRepository& preferences() override { return *preferences_; }
  AnalyticsRepository& analytics() override { return *analytics_; }
  ChatSessionsRepository& chat_sessions() override { return *chat_sessions_; }
  TrackMetadataRepository& tracks() override { return *tracks_; }

  // The first call reports what opening the store created ("created …" on a
  // new file); later calls check again and report "found …".
  core::Result<std::vector<std::string>> Init() override {
    {
      std::lock_guard lock(mu_);
      if (opened_lines_) return *std::exchange(opened_lines_, std::nullopt);
    }
    auto conn = pool_->Acquire();
    return InTransaction(*conn, [&] { return CreateSchema(*conn); });
  }

  // One transaction: a process killed while it creates the schema leaves all
  // of it or none, never some tables without their indexes.
  core::Status CreateOnOpen() {
    auto conn = pool_->Acquire();
    auto lines = InTransaction(*conn, [&] { return CreateSchema(*conn); });
    if (!lines.ok()) return std::move(lines).error();
    std::lock_guard lock(mu_);
    opened_lines_ = std::move(lines).value();
    return core::Ok();
  }

  core::Result<std::vector<ReportedIndex>> ListIndexes() override {
    auto conn = pool_->Acquire();
    return ReadIndexes(*conn);
  }

  // One DELETE per TTL rule, each in its own transaction, through the TTL
  // field's index.
  core::Result<int64_t> SweepExpired() override {
    auto conn = pool_->Acquire();
    int64_t deleted = 0;
    for (const auto& rule : TtlRules()) {
      const int64_t cutoff = ctx_.NowMs() - rule.seconds * 1000;
      auto s = conn->Run("DELETE FROM " + rule.table + " WHERE \"" + rule.column + "\" <= ?1",
                         cutoff);
      if (!s.ok()) return std::move(s).error();
      deleted += conn->Changes();
    }
    return deleted;
  }

  core::Status Ping() override {
    auto conn = pool_->Acquire();
    return conn->Run("SELECT 1");
  }

  std::string_view BackendName() const override { return "sqlite"; }

 private:
  std::unique_ptr<ConnectionPool> pool_;
  const TokenCipher cipher_;
  const Context ctx_;
  std::unique_ptr<UsersRepository> users_;
  std::unique_ptr<ListeningHistoryRepository> listens_;
  std::unique_ptr<RecommendationsRepository> recommendations_;
  std::unique_ptr<PlaylistsRepository> playlists_;
  std::unique_ptr<PreferencesRepository> preferences_;
  std::unique_ptr<AnalyticsRepository> analytics_;
  std::unique_ptr<ChatSessionsRepository> chat_sessions_;
  std::unique_ptr<TrackMetadataRepository> tracks_;
  std::mutex mu_;
  std::optional<std::vector<std::string>> opened_lines_;  // guarded by mu_
  std::unique_ptr<Sweeper> sweeper_;  // last: stopped first
};

}  // namespace

core::Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path,
                                                     const core::Clock& clock,
                                                     const TokenCipher& cipher,
                                                     SqliteOptions options) {
  auto pool = ConnectionPool::Open(path, std::max(1, options.pool_size));
  if (!pool.ok()) return std::move(pool).error();
  auto store = std::make_unique<SqliteStore>(std::move(pool).value(), clock, cipher);
  if (auto s = store->CreateOnOpen(); !s.ok()) return std::move(s).error();
  if (options.start_sweeper) {
    store->StartSweeper(std::chrono::seconds(std::clamp(options.sweep_interval_s, 1, 60)));
  }
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace echotune::store::sqlite
