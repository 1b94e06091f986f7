// UsersRepository on MongoDB (echotune_users). OAuth tokens and the per-user
// JWT secret are stored encrypted (TokenCipher); the rest in the contract's
// BSON form. Thread-safe. See store/users_repository.h for the contract.
#pragma once

#include "store/mongo/mongo_context.h"
#include "store/users_repository.h"

namespace echotune::store::mongo {

class MongoUsersRepository final : public UsersRepository {
 public:
  // REQUIRES: `ctx` outlives this object.
  explicit MongoUsersRepository(const MongoContext& ctx) : ctx_(ctx) {}

  core::Result<model::User> UpsertBySpotifyId(const model::User& user) override;
  core::Result<model::User> Get(const core::ObjectId& id) override;
  core::Result<model::User> GetBySpotifyId(std::string_view spotify_id) override;
  core::Result<bool> Exists(const core::ObjectId& id) override;
  core::Status TouchLastActive(const core::ObjectId& id) override;
  core::Status UpdateTokens(const core::ObjectId& id, const std::string& access_token,
                            const std::optional<std::string>& refresh_token,
                            core::TimePoint expires_at) override;
  core::Status UpdatePreferenceSummary(const core::ObjectId& id,
                                       const PreferenceSummaryUpdate& update) override;
  core::Status Delete(const core::ObjectId& id) override;
  core::Result<int64_t> Count() override;
  core::Result<std::vector<core::ObjectId>> ListIds() override;

 private:
  core::Result<model::User> FindOne(const Bson& filter) const;
  // One UpdateOne of the user `id`; NOT_FOUND when no document matched.
  core::Status UpdateById(const core::ObjectId& id, const Bson& update) const;
  core::Result<model::User> Write(model::User user, const std::optional<model::User>& stored) const;
  core::Result<Bson> Encode(const model::User& user) const;
  core::Result<model::User> Decode(BsonView doc) const;

  const MongoContext& ctx_;
};

}  // namespace echotune::store::mongo
