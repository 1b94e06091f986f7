// RecommendationsRepository on MongoDB (echotune_recommendations). The TTL
// index on expiresAt deletes expired documents (within ~60 s on mongod); reads
// also filter expiresAt > now by the injected clock, so an expired document is
// never returned even before the server removes it. Feedback is one atomic
// findAndModify with $addToSet/$pull. Thread-safe.
#pragma once

#include "store/mongo/mongo_context.h"
#include "store/recommendations_repository.h"

namespace echotune::store::mongo {

class MongoRecommendationsRepository final : public RecommendationsRepository {
 public:
  // REQUIRES: `ctx` outlives this object.
  explicit MongoRecommendationsRepository(const MongoContext& ctx) : ctx_(ctx) {}

  core::Result<model::Recommendation> Save(model::Recommendation rec) override;
  core::Result<std::optional<model::Recommendation>> Latest(const core::ObjectId& user_id) override;
  core::Result<std::vector<model::Recommendation>> ListSince(const core::ObjectId& user_id,
                                                             core::TimePoint since) override;
  core::Result<model::Recommendation> Get(const core::ObjectId& user_id, const core::ObjectId& id) override;
  core::Result<model::UserFeedback> RecordFeedback(const core::ObjectId& user_id,
                                                   const std::optional<core::ObjectId>& id,
                                                   const std::string& track_id,
                                                   model::FeedbackAction action) override;
  core::Result<model::UserFeedback> FeedbackForUser(const core::ObjectId& user_id) override;

 private:
  // {userId, expiresAt: {$gt: now}}
  Bson Visible(const core::ObjectId& user_id) const;
  core::Result<std::vector<model::Recommendation>> FindRecs(const Bson& filter, const Bson& opts) const;
  core::Result<model::Recommendation> FindVisible(const core::ObjectId& user_id, const core::ObjectId& id) const;
  core::Result<model::Recommendation> Target(const core::ObjectId& user_id, const std::optional<core::ObjectId>& id,
                                             const std::string& track_id) const;

  const MongoContext& ctx_;
};

}  // namespace echotune::store::mongo
