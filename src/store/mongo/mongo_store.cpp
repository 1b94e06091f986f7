#include "store/mongo/mongo_store.h"

#include "store/index_spec.h"
#include "store/mongo/collection_ref.h"
#include "store/mongo/mongo_analytics_repository.h"
#include "store/mongo/mongo_chat_sessions_repository.h"
#include "store/mongo/mongo_error.h"
#include "store/mongo/mongo_listening_history_repository.h"
#include "store/mongo/mongo_playlists_repository.h"
#include "store/mongo/mongo_preferences_repository.h"
#include "store/mongo/mongo_recommendations_repository.h"
#include "store/mongo/mongo_schema.h"
#include "store/mongo/mongo_track_metadata_repository.h"
#include "store/mongo/mongo_users_repository.h"

namespace echotune::store::mongo {
namespace {

class MongoStore final : public Store {
 public:
  MongoStore(std::unique_ptr<ClientPool> pool, const core::Clock& clock, const TokenCipher& cipher)
      : pool_(std::move(pool)),
        ctx_{*pool_, clock, cipher, pool_->supports_transactions()},
        users_(ctx_), listens_(ctx_), recommendations_(ctx_), playlists_(ctx_), preferences_(ctx_),
        analytics_(ctx_), chat_sessions_(ctx_), tracks_(ctx_) {}

  UsersRepository& users() override { return users_; }
  ListeningHistoryRepository& listens() override { return listens_; }
  RecommendationsRepository& recommendations() override { return recommendations_; }
  PlaylistsRepository& playlists() override { return playlists_; }
  PreferencesRepository& preferences() override { return preferences_; }
  AnalyticsRepository& analytics() override { return analytics_; }
  ChatSessionsRepository& chat_sessions() override { return chat_sessions_; }
  TrackMetadataRepository& tracks() override { return tracks_; }

  core::Result<std::vector<std::string>> Init() override { return InitializeCollections(*pool_); }
  core::Result<std::vector<ReportedIndex>> ListIndexes() override { return mongo::ListIndexes(*pool_); }
  core::Result<int64_t> SweepExpired() override;
  core::Status Ping() override;
  std::string_view BackendName() const override { return "mongodb"; }

 private:
  core::Result<int64_t> DeleteBefore(const char* coll, const char* field, core::TimePoint cutoff) const;

  std::unique_ptr<ClientPool> pool_;  // outlives everything below (declared first)
  const MongoContext ctx_;
  MongoUsersRepository users_;
  MongoListeningHistoryRepository listens_;
  MongoRecommendationsRepository recommendations_;
  MongoPlaylistsRepository playlists_;
  MongoPreferencesRepository preferences_;
  MongoAnalyticsRepository analytics_;
  MongoChatSessionsRepository chat_sessions_;
  MongoTrackMetadataRepository tracks_;
};

core::Result<int64_t> MongoStore::DeleteBefore(const char* coll, const char* field, core::TimePoint cutoff) const {
  Bson filter;
  AppendDocument(filter.get(), field, [&](bson_t* c) { AppendTime(c, "$lte", cutoff); });
  return CollectionRef(*pool_, coll).DeleteMany(filter, NoOpts());
}

// The server's TTL monitor does this by itself about once a minute; this
// applies the injected clock's idea of "now", which reads already honour.
core::Result<int64_t> MongoStore::SweepExpired() {
  core::TimePoint now = ctx_.Now();
  int64_t total = 0;
  for (auto n : {DeleteBefore(collections::kRecommendations, "expiresAt", now),
                 DeleteBefore(collections::kAnalyticsEvents, "createdAt", now - model::kAnalyticsTtl),
                 DeleteBefore(collections::kChatSessions, "createdAt", now - model::kChatSessionTtl)}) {
    if (!n) return std::move(n).error();
    total += *n;
  }
  return total;
}

core::Status MongoStore::Ping() {
  PooledClient client = pool_->Checkout();
  Bson cmd;
  AppendInt(cmd.get(), "ping", 1);
  bson_error_t error;
  bson_t reply;
  bool ok = mongoc_client_command_simple(client.get(), "admin", cmd.get(), nullptr, &reply, &error);
  bson_destroy(&reply);
  return ok ? core::Ok() : core::Status(FromBsonError("ping", error));
}

}  // namespace

core::Result<std::unique_ptr<Store>> OpenMongoStore(const core::Config& config, const core::Clock& clock,
                                                    const TokenCipher& cipher) {
  if (config.token_key.empty()) {
    return core::Error::Validation("ECHOTUNE_TOKEN_KEY", "ECHOTUNE_TOKEN_KEY is required with MONGODB_URI");
  }
  auto pool = ClientPool::Open(config);
  if (!pool) return std::move(pool).error();
  if (auto lines = InitializeCollections(**pool); !lines) return std::move(lines).error();
  return std::unique_ptr<Store>(std::make_unique<MongoStore>(std::move(pool).value(), clock, cipher));
}

}  // namespace echotune::store::mongo
