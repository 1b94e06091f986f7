// AnalyticsRepository on MongoDB (echotune_analytics_events). TTL index on
// createdAt (90 days); reads also filter createdAt > now - 90 days by the
// injected clock. Thread-safe.
#pragma once

#include "store/analytics_repository.h"
#include "store/mongo/mongo_context.h"

namespace echotune::store::mongo {

class MongoAnalyticsRepository final : public AnalyticsRepository {
 public:
  // REQUIRES: `ctx` outlives this object.
  explicit MongoAnalyticsRepository(const MongoContext& ctx) : ctx_(ctx) {}

  core::Result<model::AnalyticsEvent> Insert(model::AnalyticsEvent event) override;
  core::Result<std::vector<model::AnalyticsEvent>> Query(const EventQuery& query) override;

 private:
  const MongoContext& ctx_;
};

}  // namespace echotune::store::mongo
